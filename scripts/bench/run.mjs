// `npm run bench`: the performance figures the README quotes, measured in one run on synthetic roadmaps of
// 1,000, 10,000 and 50,000 features (see generate.mjs), printed as a table and written to bench/results.md.
//
//   npm run bench                                   every size (1000,10000,50000)
//   npm run bench -- --sizes 1000,10000             chosen sizes
//   npm run bench -- --runs 3                       runs per measurement (default 5; 3 at 50k)
//   npm run bench -- --skip remark,naive,webview    skip measurements (floor, lint, adopting, crossfile, broken, remark, naive,
//                                                   index, host, keystroke, activation, webview, publish, history,
//                                                   vscode: the editor's start in the real VS Code, editor.mjs,
//                                                   vscode-panel: the panel in the real VS Code, vscodePanel.mjs)
//   npm run bench -- --no-build                     measure dist/ as it is instead of rebuilding it
//   npm run bench -- --remark-max 50000             also run remark-cli above 10k (slow)
//   npm run bench -- --profile                      after measuring, CPU-profile the lint at the largest size
//   npm run bench -- --out FILE                     write the Markdown somewhere else (default bench/results.md)
//   npm run bench -- --report-only                  re-render the last run (bench/.corpus/results.json), no measuring
//
// Whole processes are timed with their start-up and exit, stdout to /dev/null, after one untimed warm-up run
// (so every process sees the same warm page cache); floor and lint runs alternate, so that a load spike hits
// both. In-process figures run each in a fresh child process (core-child.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { bundleCore, coreBundle, repoRoot } from './bundle.mjs';
import { measureEditorStart } from './editor.mjs';
import { corpusRoot, defaultSeed, ensureCorpus, generateCorpus } from './generate.mjs';
import {
  formatBytes,
  formatCount,
  formatMs,
  formatRatio,
  median,
  runJsonChild,
  timeProcess,
} from './lib.mjs';
import { profileLint } from './profile.mjs';
import { measureHistoryCommands } from './history.mjs';
import { measurePanelInVsCode } from './vscodePanel.mjs';

// ---------------------------------------------------------------------------------------------- options

function parseOptions(argv) {
  const options = {
    sizes: [1000, 10000, 50000],
    runs: undefined,
    seed: defaultSeed,
    skip: new Set(),
    build: true,
    remarkMax: 10000,
    profile: false,
    out: join(repoRoot, 'bench', 'results.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (flag === '--sizes')
      options.sizes = value()
        .split(',')
        .map((size) => Number(size.replace(/k$/i, '000')));
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--skip')
      value()
        .split(',')
        .forEach((name) => options.skip.add(name.trim()));
    else if (flag === '--no-build') options.build = false;
    else if (flag === '--remark-max') options.remarkMax = Number(value());
    else if (flag === '--profile') options.profile = true;
    else if (flag === '--report-only') options.reportOnly = true;
    else if (flag === '--out') options.out = resolve(value());
    else throw new Error(`unknown option ${argv[i]} (see the header of scripts/bench/run.mjs)`);
  }
  if (options.sizes.some((size) => !Number.isInteger(size) || size < 10))
    throw new Error('--sizes takes whole numbers of features, such as 1000,10000');
  return options;
}

const options = parseOptions(process.argv.slice(2));
const runsFor = (size) => options.runs ?? (size >= 50000 ? 3 : 5);
const wants = (name) => !options.skip.has(name);
const log = (message) => process.stderr.write(`${message}\n`);
/** A run slower than this is not repeated: one run says enough, and five would take too long. */
const slowMs = 30_000;

// ---------------------------------------------------------------------------------------------- machine

function machine() {
  const cpus = os.cpus();
  let distribution = '';
  try {
    distribution = /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    // Not Linux, or no os-release: the kernel name is enough.
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'esbuild.mjs', 'package.json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // Not a git checkout.
  }
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}`,
    memory: formatBytes(os.totalmem()),
    node: process.version,
    os: `${distribution || os.type()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadStart: os.loadavg(),
    seed: options.seed,
  };
}

// ---------------------------------------------------------------------------------------------- building

/** dist/ is rebuilt, then copied aside, so that a concurrent `npm run build` cannot pull it from under us. */
const distSnapshot = join(corpusRoot, '.build', 'dist');

function prepareDist() {
  if (options.build) {
    log('building dist/ (npm run build)…');
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0)
      log(`  build failed, measuring the dist/ that exists:\n${build.stderr || build.stdout}`);
  }
  if (!existsSync(join(repoRoot, 'dist', 'cli.js')))
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  rmSync(distSnapshot, { recursive: true, force: true });
  mkdirSync(distSnapshot, { recursive: true });
  cpSync(join(repoRoot, 'dist'), distSnapshot, { recursive: true });
}

function bundleSizes() {
  const sizes = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else sizes.push({ file: `dist/${relative(distSnapshot, path)}`, bytes: statSync(path).size });
    }
  };
  walk(distSnapshot);
  return sizes.sort((a, b) => a.file.localeCompare(b.file));
}

// ---------------------------------------------------------------------------------------------- remark setup

/**
 * The front-matter JSON Schema for remark-lint-frontmatter-schema: the core's featureJsonSchema for the corpus
 * config (so milestones and goals are enums, as in our lint), else the published schemas/feature.schema.json.
 */
function writeRemarkConfig(core, sampleCorpus) {
  let schema;
  if (typeof core.featureJsonSchema === 'function') {
    const configText = readFileSync(join(sampleCorpus, '.roadmap', 'config.yaml'), 'utf8');
    schema = core.featureJsonSchema(core.parseConfig(configText).config);
  } else {
    schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'feature.schema.json'), 'utf8'));
  }
  writeFileSync(join(corpusRoot, 'feature.schema.json'), JSON.stringify(schema, null, 2) + '\n');
  // Embedding the schema is the plugin's cheaper mode (no per-file schema file lookup and $ref bundling).
  const rc = `// Generated by scripts/bench/run.mjs: remark-cli with remark-frontmatter and remark-lint-frontmatter-schema.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schema = JSON.parse(readFileSync(new URL('./feature.schema.json', import.meta.url), 'utf8'));
export default { plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { embed: schema }]] };
`;
  const rcPath = join(corpusRoot, '.remarkrc.mjs');
  writeFileSync(rcPath, rc);
  return rcPath;
}

// ---------------------------------------------------------------------------------------------- measuring

const node = process.execPath;
const script = (name) => join(repoRoot, 'scripts', 'bench', name);

/** Median wall and CPU time over runs of one process; one run only when the first takes over `slowMs`. */
function measureProcess(label, command, args, runs, { warmup = true, check } = {}) {
  const samples = [];
  const first = timeProcess(command, args, { cwd: repoRoot });
  check?.(first);
  if (!warmup || first.ms > slowMs) samples.push(first);
  const total = first.ms > slowMs ? 0 : runs;
  for (let run = 0; run < total; run++) samples.push(timeProcess(command, args, { cwd: repoRoot }));
  const result = summarise(samples);
  log(
    `  ${label}: ${formatMs(result.ms)} wall, ${formatMs(result.cpuMs)} CPU (${result.runs} run${result.runs === 1 ? '' : 's'})`,
  );
  return result;
}

function summarise(samples) {
  const cpu = samples.map((sample) => sample.cpuMs).filter((value) => value !== undefined);
  const mainThread = samples.map((sample) => sample.mainThreadCpuMs).filter((value) => value !== undefined);
  return {
    ms: median(samples.map((sample) => sample.ms)),
    cpuMs: cpu.length ? median(cpu) : undefined,
    mainThreadCpuMs: mainThread.length ? median(mainThread) : undefined,
    peakRss: median(samples.map((sample) => sample.peakRss ?? NaN)),
    runs: samples.length,
    samples: samples.map((sample) => sample.ms),
  };
}

const expectStatus = (allowed) => (result) => {
  if (!allowed.includes(result.status))
    throw new Error(`exited ${result.status ?? result.signal}: ${result.stderr.slice(0, 2000)}`);
};

/** ", main thread 620 ms (3.4x)": the main thread's CPU time, and its ratio to the floor's when given. */
function mainThreadNote(result, floor) {
  if (result?.mainThreadCpuMs === undefined) return '';
  const ratio = floor?.mainThreadCpuMs
    ? ` (${formatRatio(result.mainThreadCpuMs / floor.mainThreadCpuMs)})`
    : '';
  return `, main thread ${formatMs(result.mainThreadCpuMs)}${ratio}`;
}

/** Floor and lint, alternating run by run after one warm-up of each. */
function measureFloorAndLint(corpus, runs) {
  const floorArgs = [script('floor.mjs'), corpus];
  const lintArgs = [join(distSnapshot, 'cli.js'), 'lint', corpus, '--format', 'json'];
  timeProcess(node, floorArgs, { cwd: repoRoot });
  expectStatus([0, 1])(timeProcess(node, lintArgs, { cwd: repoRoot }));
  const floor = [];
  const lint = [];
  for (let run = 0; run < runs; run++) {
    if (wants('floor')) floor.push(timeProcess(node, floorArgs, { cwd: repoRoot, mainThread: true }));
    if (wants('lint')) lint.push(timeProcess(node, lintArgs, { cwd: repoRoot, mainThread: true }));
  }
  const result = {
    floor: floor.length ? summarise(floor) : undefined,
    lint: lint.length ? summarise(lint) : undefined,
  };
  if (result.floor)
    log(
      `  floor: ${formatMs(result.floor.ms)} wall, ${formatMs(result.floor.cpuMs)} CPU${mainThreadNote(result.floor)}`,
    );
  if (result.lint)
    log(
      `  lint:  ${formatMs(result.lint.ms)} wall, ${formatMs(result.lint.cpuMs)} CPU${mainThreadNote(result.lint, result.floor)}`,
    );
  return result;
}

/**
 * The corpus in a team's own words (generate.mjs, variant `adopting`): the floor and three lints, alternating
 * run by run after a warm-up of each: every file with a problem (no config), the same with a config that
 * declares the vocabulary, and `--cache` on the unchanged corpus (its cache written by the warm-up). Checks
 * once that the cached output is the uncached one.
 */
function measureAdopting(size, runs) {
  const { directory } = ensureCorpus(size, { seed: options.seed, variant: 'adopting', log });
  const cacheFile = join(corpusRoot, '.build', `lint-cache-adopting-${size}.json`);
  rmSync(cacheFile, { force: true });
  const cli = join(distSnapshot, 'cli.js');
  const commands = {
    floor: [script('floor.mjs'), directory],
    problems: [cli, 'lint', directory, '--format', 'json'],
    vocabulary: [cli, 'lint', directory, '--format', 'json', '--config', join(directory, 'vocabulary.yaml')],
    cached: [cli, 'lint', directory, '--format', 'json', '--cache', '--cache-location', cacheFile],
  };
  const output = (args) => timeProcess(node, args, { cwd: repoRoot, captureStdout: true }).stdout;
  const uncached = output(commands.problems);
  output(commands.cached);
  if (output(commands.cached) !== uncached) throw new Error('the cached lint printed another result');
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const args of Object.values(commands)) timeProcess(node, args, { cwd: repoRoot });
  for (let run = 0; run < runs; run++)
    for (const [name, args] of Object.entries(commands))
      samples[name].push(timeProcess(node, args, { cwd: repoRoot, mainThread: true }));
  const result = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarise(list)]));
  result.problemFiles = new Set(JSON.parse(uncached).diagnostics.map((diagnostic) => diagnostic.file)).size;
  for (const name of Object.keys(commands))
    log(
      `  ${name}: ${formatMs(result[name].ms)} wall, ${formatMs(result[name].cpuMs)} CPU${mainThreadNote(result[name], name === 'floor' ? undefined : result.floor)}, peak ${formatBytes(result[name].peakRss)}${name === 'floor' ? '' : ` (${formatRatio(result[name].ms / result.floor.ms)})`}`,
    );
  return result;
}

/** What each corpus where every feature has a problem is (generate.mjs's variants), and what to count of it. */
const problemCorpora = {
  crossfile: {
    title: 'Every feature with a cross-file problem',
    describe: (codes) =>
      `Features in pairs: in half of the corpus the pair shares one id, in the other half its two features depend on each other (${formatCount(codes['duplicate-id'] ?? 0)} duplicate-id and ${formatCount(codes['dependency-cycle'] ?? 0)} dependency-cycle diagnostics).`,
  },
  broken: {
    title: 'Every front-matter with a YAML syntax error',
    describe: (codes) =>
      `Nine kinds in turn: a title with an unquoted \`: \`, a colon left out, a key indented by mistake, a quote left open, a list left open, a tab, a repeated key, a bracket too many and a nested key indented less than its siblings (the front-matter reader places them all itself, with \`yaml\`'s words); ${formatCount(codes['yaml-syntax'] ?? 0)} yaml-syntax diagnostics.`,
  },
};

/**
 * A corpus where every feature has a problem (`variant`, one of `problemCorpora`): the floor and the lint,
 * alternating run by run after a warm-up of each.
 */
function measureProblemCorpus(variant, size, runs) {
  const { directory } = ensureCorpus(size, { seed: options.seed, variant, log });
  const commands = {
    floor: [script('floor.mjs'), directory],
    lint: [join(distSnapshot, 'cli.js'), 'lint', directory, '--format', 'json'],
  };
  const report = JSON.parse(timeProcess(node, commands.lint, { cwd: repoRoot, captureStdout: true }).stdout);
  const codes = {};
  for (const { code } of report.diagnostics) codes[code] = (codes[code] ?? 0) + 1;
  const samples = { floor: [], lint: [] };
  timeProcess(node, commands.floor, { cwd: repoRoot });
  for (let run = 0; run < runs; run++)
    for (const [name, args] of Object.entries(commands))
      samples[name].push(timeProcess(node, args, { cwd: repoRoot, mainThread: true }));
  const result = { floor: summarise(samples.floor), lint: summarise(samples.lint), codes };
  log(
    `  ${variant}: ${formatMs(result.lint.ms)} wall against a floor of ${formatMs(result.floor.ms)} (${formatRatio(result.lint.ms / result.floor.ms)}), peak ${formatBytes(result.lint.peakRss)}; ${Object.entries(
      codes,
    )
      .map(([code, count]) => `${count} ${code}`)
      .join(', ')}`,
  );
  return result;
}

/** `roadmap publish` of the whole corpus, whole process, and the size of the site it writes (Mermaid aside). */
function measurePublish(corpus, size, runs) {
  const out = join(corpusRoot, '.publish', String(size));
  const result = measureProcess(
    'publish',
    node,
    [join(distSnapshot, 'cli.js'), 'publish', corpus, '--out', out],
    runs,
    { check: expectStatus([0, 1]) },
  );
  let bytes = 0;
  let pages = 0;
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'mermaid.min.js') {
        bytes += statSync(path).size;
        if (entry.name.endsWith('.html')) pages++;
      }
    }
  };
  walk(out);
  rmSync(out, { recursive: true, force: true });
  log(`  site: ${formatCount(pages)} pages, ${formatBytes(bytes)} without Mermaid`);
  return { ...result, bytes, pages };
}

/** The floor's own I/O time, inside its process (no start-up): what a cold index build is compared with. */
function floorInProcess(corpus, runs) {
  const samples = [];
  for (let run = 0; run < runs; run++)
    samples.push(runJsonChild([script('floor.mjs'), corpus], { cwd: repoRoot }));
  return {
    ms: median(samples.map((sample) => sample.ms)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
  };
}

function measureIndex(corpus, runs) {
  const cold = [];
  for (let run = 0; run < runs; run++)
    cold.push(runJsonChild([script('core-child.mjs'), 'cold', corpus], { cwd: repoRoot }));
  const memory = runJsonChild(['--expose-gc', script('core-child.mjs'), 'memory', corpus], { cwd: repoRoot });
  const updates = runJsonChild([script('core-child.mjs'), 'updates', corpus, '200'], { cwd: repoRoot });
  const result = {
    cold: median(cold.map((run) => run.ms)),
    coldCpu: median(cold.map((run) => run.cpuMs)),
    features: cold[0].features,
    scanned: cold[0].scanned,
    memory,
    updates,
    floorIo: floorInProcess(corpus, runs),
  };
  log(
    `  index: cold ${formatMs(result.cold)}, body update ${formatMs(updates.body.median)}, cross update ${formatMs(updates.cross.median)}`,
  );
  return result;
}

function measureHost(corpus, runs) {
  const samples = [];
  for (let run = 0; run < Math.min(runs, 3); run++) {
    const env = { ...process.env, VSCODE_FAKE_FOLDER: corpus };
    const result = timeProcess(node, [script('activation.mjs'), join(distSnapshot, 'extension.js')], {
      cwd: repoRoot,
      captureStdout: true,
      env,
    });
    if (result.status !== 0) throw new Error(`activation.mjs exited ${result.status}: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout.trim().split('\n').pop()));
    if (result.ms > slowMs) break;
  }
  if (samples[0].indexedMs === undefined) return undefined;
  const result = {
    indexedMs: median(samples.map((sample) => sample.indexedMs)),
    features: samples[0].features,
  };
  // The first completion and hover load the language features' side bundle (and `yaml`, if indexing did not).
  if (samples[0].firstCompletionMs !== undefined) {
    for (const key of ['firstCompletionMs', 'secondCompletionMs', 'firstHoverMs', 'secondHoverMs'])
      result[key] = median(samples.map((sample) => sample[key]));
    result.lazyAfterIndexing = samples[0].lazyAfterIndexing;
  }
  log(`  extension host index: ${formatMs(result.indexedMs)}`);
  return result;
}

function measureActivation(runs) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const result = timeProcess(node, [script('activation.mjs'), join(distSnapshot, 'extension.js')], {
      cwd: repoRoot,
      captureStdout: true,
    });
    if (result.status !== 0) throw new Error(`activation.mjs exited ${result.status}: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout.trim().split('\n').pop()));
  }
  const result = {
    loadMs: median(samples.map((s) => s.loadMs)),
    activateMs: median(samples.map((s) => s.activateMs)),
    maxActivateMs: Math.max(...samples.map((s) => s.activateMs)),
    kinds: samples[0].kinds,
    subscriptions: samples[0].subscriptions,
    runs,
  };
  log(`  activation: load ${formatMs(result.loadMs)}, activate() ${formatMs(result.activateMs)}`);
  return result;
}

/** The webview engineer's scripts/bench-webview.mjs; its figure is taken from what it prints. */
function measureWebview() {
  const path = join(repoRoot, 'scripts', 'bench-webview.mjs');
  if (!existsSync(path)) return { missing: true };
  const result = timeProcess(node, [path], { cwd: repoRoot, captureStdout: true, timeoutMs: 15 * 60_000 });
  const output = `${result.stdout}`.trim();
  if (result.status !== 0)
    return {
      error: `exited ${result.status ?? result.signal}: ${(result.stderr || output).trim().split('\n').slice(-5).join(' / ')}`,
    };
  // Prefer a JSON line with a number of milliseconds; else "median <n> ms"; else the first "<n> ms" of a line.
  const lines = output.split('\n').filter(Boolean);
  for (const line of [...lines].reverse()) {
    try {
      const parsed = JSON.parse(line);
      const entry = Object.entries(parsed).find(
        ([key, value]) => typeof value === 'number' && /paint|median|ms/i.test(key),
      );
      if (entry) return { ms: entry[1], line, output };
    } catch {
      // Not JSON: try the next line.
    }
  }
  for (const line of [...lines].reverse()) {
    const figure = /median\D{0,20}?(\d+(?:\.\d+)?)\s*ms\b/i.exec(line) ?? /(\d+(?:\.\d+)?)\s*ms\b/.exec(line);
    if (figure) return { ms: Number(figure[1]), line, output };
  }
  return { error: `no figure found in its output: ${lines.pop() ?? '(none)'}` };
}

/** Runs one measurement; a failure is logged and reported in its cell instead of ending the whole run. */
const failures = [];
/** The extension as VS Code loads it for the editor figures: the manifest, the media and the measured dist/. */
function stageExtension() {
  const folder = mkdtempSync(join(os.tmpdir(), 'roadmap-editor-extension-'));
  cpSync(join(repoRoot, 'package.json'), join(folder, 'package.json'));
  cpSync(join(repoRoot, 'media'), join(folder, 'media'), { recursive: true });
  cpSync(distSnapshot, join(folder, 'dist'), { recursive: true });
  return folder;
}

/**
 * The editor's start in the real VS Code at 10,000 features (the shared corpus, copied by editor.mjs) and at
 * 2,000 (generated under the system's temporary folder, never beside the shared corpora).
 */
async function measureEditor() {
  const extension = stageExtension();
  const results = [];
  for (const size of [10000, 2000]) {
    log(`editor start in the real VS Code, ${formatCount(size)} features…`);
    let corpus = join(corpusRoot, String(size));
    let scratch;
    if (!existsSync(corpus)) {
      scratch = mkdtempSync(join(os.tmpdir(), `roadmap-editor-corpus-${size}-`));
      generateCorpus(scratch, size, options.seed);
      corpus = scratch;
    }
    try {
      const runs = options.runs ?? 3;
      // VS Code's own share (the floor extension) at the size the targets name.
      const floor = size === 10000;
      results.push({ size, runs, ...(await measureEditorStart({ corpus, extension, runs, log, floor })) });
    } catch (error) {
      const message = String(error?.message ?? error).split('\n')[0];
      log(`  editor (${size}) FAILED: ${message}`);
      failures.push(`editor (${size}): ${message}`);
      results.push({ size, error: message });
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
  rmSync(extension, { recursive: true, force: true });
  return results;
}

function attempt(label, measure) {
  try {
    return measure();
  } catch (error) {
    const message = String(error?.message ?? error)
      .split('\n')
      .filter(Boolean)
      .slice(0, 3)
      .join(' / ');
    log(`  ${label} FAILED: ${message}`);
    failures.push(`${label}: ${message}`);
    return { error: message };
  }
}

// ---------------------------------------------------------------------------------------------- report

const verdict = (ok) => (ok === undefined ? '' : ok ? ' ✔' : ' ✖');
const cpuNote = (result) => (result?.cpuMs !== undefined ? ` (CPU ${formatMs(result.cpuMs)})` : '');
const runsNote = (result) => (result && result.runs === 1 ? ' ¹' : '');

function table(header, rows) {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** The panel in the real VS Code (vscodePanel.mjs): one row per figure, at each size measured. */
function vscodePanelRows(panel) {
  if (!panel) return [];
  if (panel.error) return [['Panel in the real VS Code', `not measured: ${panel.error}`, '']];
  const rows = [];
  const ms = (value) => (value === undefined ? 'n/a' : formatMs(value));
  const mb = (usage) => (usage ? `${formatBytes(usage.rss)} (peak ${formatBytes(usage.peakRss)})` : 'n/a');
  for (const run of panel) {
    const at = `${formatCount(run.size)} features`;
    rows.push([
      `Panel (real VS Code, ${at}): Open Roadmap → first content; whole model drawn; task counts`,
      `${ms(run.firstContentMs)}; ${ms(run.completeContentMs)}; ${ms(run.insightsMs)}`,
      '< 500 ms' + verdict(run.firstContentMs < 500),
    ]);
    if (run.tabSwitchMs) {
      const slowest = Math.max(...Object.values(run.tabSwitchMs));
      rows.push([
        `Panel (real VS Code, ${at}): tab switch, median per tab`,
        Object.entries(run.tabSwitchMs)
          .map(([view, value]) => `${view} ${ms(value)}`)
          .join(', '),
        '< 200 ms' + verdict(slowest < 200),
      ]);
    }
    if (run.filterChangeMs) {
      const slowest = Math.max(...Object.values(run.filterChangeMs));
      rows.push([
        `Panel (real VS Code, ${at}): filter change (team), median`,
        Object.entries(run.filterChangeMs)
          .map(([view, value]) => `${view} ${ms(value)}`)
          .join(', '),
        '< 100 ms' + verdict(slowest < 100),
      ]);
    }
    if (run.timelineScroll)
      rows.push([
        `Panel (real VS Code, ${at}): timeline scrolled by mouse wheel, frame gaps`,
        `p95 ${ms(run.timelineScroll.p95)}, longest ${ms(run.timelineScroll.longest)}`,
        '≤ 50 ms' + verdict(run.timelineScroll.longest <= 50),
      ]);
    if (run.dependencies)
      rows.push([
        `Panel (real VS Code, ${at}): dependency view, click to drawn (longest task)`,
        Object.entries(run.dependencies)
          .map(
            ([step, figure]) =>
              `${step} ${ms(figure.ms)} (${ms(figure.longestTask)}, ${figure.state ?? 'none'})`,
          )
          .join('; '),
        'never freezes',
      ]);
    rows.push([
      `Panel (real VS Code, ${at}): extension host memory before → with the panel open`,
      `${mb(run.hostBefore)} → ${mb(run.hostWithPanel)}`,
      '< 300 MB' + verdict(run.hostWithPanel ? run.hostWithPanel.rss < 300 * 2 ** 20 : undefined),
    ]);
  }
  return rows;
}

/** One line per target: what it is, the figure, and whether it is met (undefined when not measured). */
function targetSummary({ sizes, keystroke, activation, bundles, webview, editor }) {
  const at = (size) => sizes.find((entry) => entry.size === size);
  const lines = [];
  const editorTen = editor?.find((entry) => entry.size === 10000 && !entry.error);
  if (editorTen) {
    for (const [kind, limit] of [
      ['cold', 1500],
      ['warm', 300],
    ]) {
      const start = editorTen[kind];
      const slowest = Math.max(start.statusMs ?? Infinity, start.treeMs ?? Infinity);
      lines.push([
        `real VS Code, 10,000 features, ${kind}: window open → status-bar count and populated tree < ${formatMs(limit)}`,
        `${formatMs(start.statusMs)} / ${formatMs(start.treeMs)} (from the extension's activation: ${formatMs(start.statusAfterActivationMs)} / ${formatMs(start.treeAfterActivationMs)}${
          editorTen.floor
            ? `; a do-nothing extension: ${formatMs(editorTen.floor[kind].statusMs)} / ${formatMs(editorTen.floor[kind].treeMs)}`
            : ''
        })`,
        slowest < limit,
      ]);
    }
  }
  const ten = at(10000) ?? sizes[sizes.length - 1];
  const { floor, lint } = ten?.processes ?? {};
  if (floor && lint) {
    const ratio = lint.ms / floor.ms;
    const cpu = lint.cpuMs !== undefined ? `; ${formatRatio(lint.cpuMs / floor.cpuMs)} in CPU time` : '';
    lines.push([
      `lint ≤ 4x the floor at ${formatCount(ten.size)} features`,
      `${formatRatio(ratio)} (${formatMs(lint.ms)} vs ${formatMs(floor.ms)})${cpu}`,
      ratio <= 4,
    ]);
  }
  const adopting = ten?.adopting && !ten.adopting.error ? ten.adopting : undefined;
  if (adopting) {
    const { floor } = adopting;
    const ratioLine = (name, what, limit) => {
      const ratio = adopting[name].ms / floor.ms;
      const memory = adopting[name].peakRss;
      const memoryOk = name === 'cached' || !(memory > 250 * 1024 ** 2);
      lines.push([
        `${what} ≤ ${limit}x the floor${name === 'cached' ? '' : ', peak memory < 250 MB'}`,
        `${formatRatio(ratio)} (${formatMs(adopting[name].ms)} vs ${formatMs(floor.ms)}; ${formatRatio(adopting[name].cpuMs / floor.cpuMs)} in CPU time${floor.mainThreadCpuMs && adopting[name].mainThreadCpuMs ? `, ${formatRatio(adopting[name].mainThreadCpuMs / floor.mainThreadCpuMs)} in the main thread's` : ''}), peak ${formatBytes(memory)}`,
        ratio <= limit && memoryOk,
      ]);
    };
    ratioLine('problems', `lint of ${formatCount(ten.size)} features where every file has a problem`, 4);
    ratioLine('vocabulary', 'the same with a config declaring its vocabulary', 3);
    ratioLine('cached', 'lint --cache on the unchanged corpus', 1.5);
  }
  const remarkEntry =
    at(10000)?.remark && !at(10000).remark.error
      ? at(10000)
      : sizes.find((entry) => entry.remark && !entry.remark.error);
  if (remarkEntry?.processes.lint) {
    const ratio = remarkEntry.remark.ms / remarkEntry.processes.lint.ms;
    lines.push([
      `lint ≥ 20x faster than remark-cli + remark-lint-frontmatter-schema at ${formatCount(remarkEntry.size)}`,
      `${formatRatio(ratio)} (${formatMs(remarkEntry.remark.ms)} vs ${formatMs(remarkEntry.processes.lint.ms)})`,
      ratio >= 20,
    ]);
  }
  const updates = sizes.filter((entry) => entry.index && !entry.index.error);
  if (updates.length) {
    const worst = updates.reduce((a, b) =>
      b.index.updates.body.median > a.index.updates.body.median ? b : a,
    );
    lines.push([
      'typical index update (a body edit) < 1 ms',
      `${formatMs(worst.index.updates.body.median)} median at ${formatCount(worst.size)} features`,
      worst.index.updates.body.median < 1,
    ]);
  }
  if (keystroke && !keystroke.error)
    lines.push([
      'keystroke validation < 1 ms median',
      formatMs(keystroke.clean.median),
      keystroke.clean.median < 1,
    ]);
  if (keystroke && !keystroke.error)
    lines.push([
      'keystroke validation of a file with a problem < 0.5 ms p95',
      formatMs(keystroke.withProblem.p95),
      keystroke.withProblem.p95 < 0.5,
    ]);
  const fifty = at(50000);
  if (fifty?.index && !fifty.index.error)
    lines.push([
      'a depends_on edit at 50,000 features < 5 ms median',
      `${formatMs(fifty.index.updates.cross.median)} (p95 ${formatMs(fifty.index.updates.cross.p95)})`,
      fifty.index.updates.cross.median < 5,
    ]);
  if (activation && !activation.error)
    lines.push(['activate() < 30 ms', formatMs(activation.activateMs), activation.activateMs < 30]);
  const extension = bundles.find((bundle) => bundle.file === 'dist/extension.js');
  if (extension)
    lines.push([
      'eagerly loaded extension bundle < 150 KB minified (the rest in dist/lazy/, loaded on first use)',
      `${(extension.bytes / 1024).toFixed(1)} KB`,
      extension.bytes < 150 * 1024,
    ]);
  if (webview)
    lines.push([
      'panel first paint of 2,000 features < 500 ms',
      webview.ms !== undefined
        ? formatMs(webview.ms)
        : webview.missing
          ? 'not measured (scripts/bench-webview.mjs absent)'
          : `not measured (${webview.error})`,
      webview.ms !== undefined ? webview.ms < 500 : undefined,
    ]);
  return lines;
}

/** The editor's start in the real VS Code (editor.mjs): one column per corpus size. */
function editorSection(editor) {
  const done = editor.filter((entry) => !entry.error);
  const out = [
    "## The editor's start in the real VS Code",
    '',
    'code-server 4.100.3 (VS Code 1.100.3) and headless Chromium through the harness (scripts/bench/editor.mjs): times from the page navigation (window open) to the status bar showing the final feature count, and to the first feature row of the Roadmap tree; cold = fresh user data (no persisted index), warm = the same window reloaded; median of the runs. "From activation" subtracts the moment the extension host began activating the extension (its log), which excludes the workbench and extension host start-up. The floor is scripts/bench/floor-extension, timed the same way in the same folder: it draws a count and a tree row the moment VS Code activates it, so its times are VS Code\'s own share of a start here. Memory and CPU time (user + sys) are the extension host process\'s once the start settled (it hosts the built-in extensions too).',
    '',
  ];
  for (const entry of editor.filter((entry) => entry.error))
    out.push(`- ${formatCount(entry.size)} features: failed: ${entry.error}`, '');
  if (done.length === 0) return out;
  const rows = [];
  for (const kind of ['cold', 'warm']) {
    const cell = (pick) => done.map((entry) => pick(entry[kind], entry));
    rows.push([`${kind}: window open → workbench`, ...cell((start) => formatMs(start.workbenchMs)), '']);
    rows.push([
      `${kind}: window open → extension activation`,
      ...cell((start) => formatMs(start.activationMs)),
      '',
    ]);
    rows.push([
      `${kind}: window open → status-bar count (first count)`,
      ...cell((start) => `${formatMs(start.statusMs)} (${formatMs(start.firstCountMs)})`),
      kind === 'cold' ? '< 1.5 s' : '< 300 ms',
    ]);
    rows.push([
      `${kind}: window open → tree populated`,
      ...cell((start) => formatMs(start.treeMs)),
      kind === 'cold' ? '< 1.5 s' : '< 300 ms',
    ]);
    rows.push([
      `${kind}: activation → status-bar count / tree populated`,
      ...cell(
        (start) => `${formatMs(start.statusAfterActivationMs)} / ${formatMs(start.treeAfterActivationMs)}`,
      ),
      '',
    ]);
    rows.push([
      `${kind}: VS Code's floor (a do-nothing extension): window open → count / tree`,
      ...cell((start, entry) => {
        const floor = entry.floor?.[kind];
        return floor ? `${formatMs(floor.statusMs)} / ${formatMs(floor.treeMs)}` : '–';
      }),
      '',
    ]);
    rows.push([
      `${kind}: Markdown Roadmap's share (count / tree minus the floor's)`,
      ...cell((start, entry) => {
        const floor = entry.floor?.[kind];
        return floor
          ? `${formatMs(start.statusMs - floor.statusMs)} / ${formatMs(start.treeMs - floor.treeMs)}`
          : '–';
      }),
      '',
    ]);
    rows.push([
      `${kind}: extension host memory (RSS) / CPU time`,
      ...cell((start) => `${formatBytes(start.rss)} / ${formatMs(start.cpuMs)}`),
      '',
    ]);
    rows.push([
      `${kind}: runs (missed)`,
      ...cell((start) => `${start.runs}${start.missed ? ` (${start.missed} missed)` : ''}`),
      '',
    ]);
  }
  out.push(
    table(['Measure', ...done.map((entry) => `${formatCount(entry.size)} features`), 'Target'], rows),
    '',
  );
  return out;
}

function report(results) {
  const { info, sizes, keystroke, activation, bundles, webview, profile } = results;
  const columns = sizes.map((entry) => `${formatCount(entry.size)} features`);
  const each = (cell) =>
    sizes.map((entry) => {
      try {
        return cell(entry) ?? '–';
      } catch {
        // A measurement that failed has no figures: say so, with the message its entry carries.
        const failure = [
          entry.processes,
          entry.index,
          entry.host,
          entry.remark,
          entry.naive,
          entry.publish,
        ].find((result) => result?.error);
        return `failed${failure ? `: ${failure.error.slice(0, 80)}` : ''}`;
      }
    });
  const out = [];
  out.push('# Benchmark results', '');
  out.push(
    `Generated by \`npm run bench\` (scripts/bench/run.mjs) on ${info.date}, commit ${info.commit}.`,
    '',
  );
  out.push(
    `- **Machine:** ${info.cpu}, ${info.memory} RAM; ${info.os}; Node ${info.node}`,
    `- **Load average** (1/5/15 min) at start ${info.loadStart.map((value) => value.toFixed(2)).join(' / ')}, at end ${info.loadEnd.map((value) => value.toFixed(2)).join(' / ')}${
      info.loadStart[0] > os.cpus().length / 2
        ? ' — **the machine was busy: wall times are inflated; CPU times are the steadier figure**'
        : ''
    }`,
    `- **Corpora:** synthetic, seed ${info.seed} (scripts/bench/generate.mjs): per feature a ~25-line front-matter and a 20–80-line body; +20% Markdown without front-matter in the same folders; ~3% of features with one realistic mistake; a few malformed files; features/ and roadmap/ folders nested two levels.`,
    `- **Method:** whole processes are timed from spawn to exit (stdout to /dev/null) after one untimed warm-up run (warm page cache), median of ${sizes.map((entry) => `${entry.runs} (${formatCount(entry.size)})`).join(', ')} runs, with CPU time (user + sys) in parentheses. ¹ = a single run (it took over ${slowMs / 1000} s).`,
    '',
  );

  out.push(
    '## Targets',
    '',
    ...targetSummary(results).map(
      ([name, value, ok]) => `- ${ok === undefined ? '–' : ok ? '✔' : '✖'} ${name}: ${value}`,
    ),
    '',
  );
  out.push('## Per corpus size', '');
  const rows = [];
  rows.push([
    'Markdown files / bytes',
    ...each((entry) => `${formatCount(entry.stamp.markdownFiles)} / ${formatBytes(entry.stamp.bytes)}`),
    '',
  ]);
  rows.push([
    '**Floor**: list + read every .md (node, sync), whole process',
    ...each(
      (entry) => entry.processes.floor && formatMs(entry.processes.floor.ms) + cpuNote(entry.processes.floor),
    ),
    '',
  ]);
  rows.push([
    '**`roadmap lint --format json`**, whole process',
    ...each(
      (entry) => entry.processes.lint && formatMs(entry.processes.lint.ms) + cpuNote(entry.processes.lint),
    ),
    '',
  ]);
  rows.push([
    'lint ÷ floor (wall; CPU)',
    ...each((entry) => {
      const { floor, lint } = entry.processes;
      if (!floor || !lint) return undefined;
      const ratio = lint.ms / floor.ms;
      return `${formatRatio(ratio)}${floor.cpuMs ? `; ${formatRatio(lint.cpuMs / floor.cpuMs)}` : ''}${entry.size === 10000 ? verdict(ratio <= 4) : ''}`;
    }),
    '≤ 4x at 10k',
  ]);
  rows.push([
    '**`roadmap publish`** (static site), whole process; pages, bytes without Mermaid',
    ...each(
      (entry) =>
        entry.publish &&
        `${formatMs(entry.publish.ms)}${cpuNote(entry.publish)}; ${formatCount(entry.publish.pages)} pages, ${formatBytes(entry.publish.bytes)}`,
    ),
    'seconds at 10k',
  ]);
  rows.push([
    'Index cold build (loadWorkspace, in-process)',
    ...each((entry) => entry.index && `${formatMs(entry.index.cold)} (CPU ${formatMs(entry.index.coldCpu)})`),
    '',
  ]);
  rows.push([
    'Floor I/O alone, in-process (same walk + reads)',
    ...each(
      (entry) =>
        entry.index && `${formatMs(entry.index.floorIo.ms)} (CPU ${formatMs(entry.index.floorIo.cpuMs)})`,
    ),
    '',
  ]);
  rows.push([
    'Index warm start from a persisted cache',
    ...each(
      (entry) =>
        entry.index &&
        `n/a (no cache: cold build is ${formatRatio(entry.index.cold / entry.index.floorIo.ms)} the floor's I/O; ${formatRatio(entry.index.coldCpu / entry.index.floorIo.cpuMs)} in CPU)`,
    ),
    '',
  ]);
  const update = (key) => (entry) =>
    entry.index && `${formatMs(entry.index.updates[key].median)} / ${formatMs(entry.index.updates[key].p95)}`;
  rows.push([
    'Update after a body edit (update + flush), median / p95 of 200',
    ...each(update('body')),
    '< 1 ms' + verdict(sizes.every((entry) => !entry.index || entry.index.updates.body.median < 1)),
  ]);
  rows.push([
    'Update after a front-matter edit no cross-file rule reads (progress)',
    ...each(update('frontmatter')),
    '',
  ]);
  rows.push([
    "Update after a new depends_on (only that file's dependency issues, unless it nears a cycle)",
    ...each(update('cross')),
    '< 5 ms at 50k' +
      verdict(
        sizes.every((entry) => entry.size !== 50000 || !entry.index || entry.index.updates.cross.median < 5),
      ),
  ]);
  rows.push([
    'Memory after the cold build: RSS / heap used',
    ...each(
      (entry) =>
        entry.index && `${formatBytes(entry.index.memory.rss)} / ${formatBytes(entry.index.memory.heapUsed)}`,
    ),
    '',
  ]);
  rows.push([
    '… after a full GC: heap used; peak RSS',
    ...each(
      (entry) =>
        entry.index &&
        `${formatBytes(entry.index.memory.retainedHeapUsed)}; ${formatBytes(entry.index.memory.peakRss)}`,
    ),
    '',
  ]);
  rows.push([
    'Extension host: activate() → workspace indexed (fake host, async reads)',
    ...each((entry) => entry.host && formatMs(entry.host.indexedMs)),
    '',
  ]);
  rows.push([
    '… side bundles loaded by then (`yaml` only if a file or the config needs it)',
    ...each((entry) => entry.host?.lazyAfterIndexing && (entry.host.lazyAfterIndexing.join(', ') || 'none')),
    '',
  ]);
  rows.push([
    '… first completion, then hover, in a feature file (loads dist/lazy/language.js); the second ones',
    ...each(
      (entry) =>
        entry.host?.firstCompletionMs !== undefined &&
        `${formatMs(entry.host.firstCompletionMs)}, ${formatMs(entry.host.firstHoverMs)}; ${formatMs(entry.host.secondCompletionMs)}, ${formatMs(entry.host.secondHoverMs)}`,
    ),
    '',
  ]);
  rows.push([
    '**remark-cli** + remark-frontmatter + remark-lint-frontmatter-schema, whole process',
    ...each((entry) =>
      entry.remark
        ? formatMs(entry.remark.ms) + cpuNote(entry.remark) + runsNote(entry.remark)
        : entry.remarkSkipped,
    ),
    '',
  ]);
  rows.push([
    'lint speed-up vs remark-cli (wall; CPU)',
    ...each((entry) => {
      const { lint } = entry.processes;
      if (!entry.remark || !lint) return undefined;
      const ratio = entry.remark.ms / lint.ms;
      return `${formatRatio(ratio)}${lint.cpuMs ? `; ${formatRatio(entry.remark.cpuMs / lint.cpuMs)}` : ''}${verdict(ratio >= 20)}`;
    }),
    '≥ 20x',
  ]);
  rows.push([
    '**Naive**: gray-matter + remark parse of every file, whole process',
    ...each(
      (entry) => entry.naive && formatMs(entry.naive.ms) + cpuNote(entry.naive) + runsNote(entry.naive),
    ),
    '',
  ]);
  rows.push([
    'lint speed-up vs naive (wall; CPU)',
    ...each((entry) => {
      const { lint } = entry.processes;
      if (!entry.naive || !lint) return undefined;
      return `${formatRatio(entry.naive.ms / lint.ms)}${lint.cpuMs ? `; ${formatRatio(entry.naive.cpuMs / lint.cpuMs)}` : ''}`;
    }),
    '',
  ]);
  rows.push([
    'Peak RSS: lint / remark-cli / naive',
    ...each((entry) =>
      [entry.processes.lint, entry.remark, entry.naive]
        .map((result) => (result && Number.isFinite(result.peakRss) ? formatBytes(result.peakRss) : '–'))
        .join(' / '),
    ),
    '',
  ]);
  out.push(table(['Measure', ...columns, 'Target'], rows), '');

  for (const [variant, { title, describe }] of Object.entries(problemCorpora))
    for (const entry of sizes.filter((item) => item.problemCorpora?.[variant])) {
      const measured = entry.problemCorpora[variant];
      out.push(`## ${title} (${formatCount(entry.size)} features)`, '');
      if (measured.error) {
        out.push(`Failed: ${measured.error}`, '');
        continue;
      }
      const { floor, lint, codes } = measured;
      out.push(
        `${describe(codes)} Floor and lint alternate run by run.`,
        '',
        table(
          ['Process', 'Wall (CPU)', '÷ floor', 'Peak RSS', 'Target'],
          [
            [
              '**Floor**: list + read every .md',
              `${formatMs(floor.ms)} (CPU ${formatMs(floor.cpuMs)})`,
              '',
              formatBytes(floor.peakRss),
              '',
            ],
            [
              '`roadmap lint --format json`',
              `${formatMs(lint.ms)} (CPU ${formatMs(lint.cpuMs)})`,
              formatRatio(lint.ms / floor.ms),
              formatBytes(lint.peakRss),
              '≤ 4x, < 250 MB',
            ],
          ],
        ),
        '',
      );
    }

  const adopted = sizes.filter((entry) => entry.adopting);
  for (const entry of adopted) {
    out.push(`## A corpus in a team's own words (${formatCount(entry.size)} features)`, '');
    if (entry.adopting.error) {
      out.push(`Failed: ${entry.adopting.error}`, '');
      continue;
    }
    const { floor } = entry.adopting;
    out.push(
      'The same features written the way a team writes them before adopting the tool (statuses such as `In Progress`, `priority: high`, `assignee`, `labels`, `created_date`): every file has something to report. Floor and lints alternate run by run; the cache is written by an untimed run first, and its output is checked to equal the uncached one.',
      '',
    );
    const row = (label, result, limit) => [
      label,
      `${formatMs(result.ms)} (CPU ${formatMs(result.cpuMs)})`,
      result === floor
        ? ''
        : `${formatRatio(result.ms / floor.ms)}; ${formatRatio(result.cpuMs / floor.cpuMs)}`,
      formatBytes(result.peakRss),
      limit,
    ];
    out.push(
      table(
        ['Process', 'Wall (CPU)', '÷ floor (wall; CPU)', 'Peak RSS', 'Target'],
        [
          row('**Floor**: list + read every .md', floor, ''),
          row(
            `\`roadmap lint --format json\`, no config: ${formatCount(entry.adopting.problemFiles)} files with problems`,
            entry.adopting.problems,
            '≤ 4x, < 250 MB',
          ),
          row(
            '… with `--config vocabulary.yaml` declaring its words',
            entry.adopting.vocabulary,
            '≤ 3x, < 250 MB',
          ),
          row('… `--cache`, unchanged corpus (warm cache)', entry.adopting.cached, '≤ 1.5x'),
        ],
      ),
      '',
    );
  }

  out.push('## Independent of corpus size', '');
  const single = [];
  if (keystroke?.error)
    single.push([
      'Keystroke: parseFeatureFile on a typical feature',
      'failed (see Failures)',
      '< 1 ms median',
    ]);
  else if (keystroke) {
    single.push([
      `Keystroke: parseFeatureFile on a typical feature (${keystroke.frontmatterLines} front-matter + ${keystroke.bodyLines} body lines, no problem), median / p95 of ${keystroke.clean.runs}`,
      `${formatMs(keystroke.clean.median)} / ${formatMs(keystroke.clean.p95)}`,
      '< 1 ms median' + verdict(keystroke.clean.median < 1),
    ]);
    single.push([
      'Keystroke: the same file with one problem (placed by the same read: no second parse)',
      `${formatMs(keystroke.withProblem.median)} / ${formatMs(keystroke.withProblem.p95)}`,
      '< 0.5 ms p95' + verdict(keystroke.withProblem.p95 < 0.5),
    ]);
  }
  if (activation?.error)
    single.push(['Activation: time inside activate()', 'failed (see Failures)', '< 30 ms']);
  else if (activation) {
    single.push(['Activation: load dist/extension.js (require)', formatMs(activation.loadMs), '']);
    single.push([
      `Activation: time inside activate(), median of ${activation.runs} (max)`,
      `${formatMs(activation.activateMs)} (${formatMs(activation.maxActivateMs)})`,
      '< 30 ms' + verdict(activation.activateMs < 30),
    ]);
    single.push([
      'Activation: registrations recorded by the fake host',
      Object.entries(activation.kinds)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', ') || 'none',
      '',
    ]);
  }
  if (webview) {
    const figure = webview.missing
      ? 'not measured: scripts/bench-webview.mjs is absent'
      : webview.error
        ? `not measured: ${webview.error}`
        : `${formatMs(webview.ms)} (its output: \`${webview.line.replace(/\|/g, '\\|').slice(0, 160)}\`)`;
    single.push([
      'Panel: first paint of 2,000 features (scripts/bench-webview.mjs)',
      figure,
      '< 500 ms' + (webview.ms !== undefined ? verdict(webview.ms < 500) : ''),
    ]);
  }
  single.push(...vscodePanelRows(results.vscodePanel));
  const { history } = results;
  if (history && !history.error) {
    const timed = (figure) => formatMs(figure.ms) + cpuNote(figure);
    single.push([
      `\`roadmap diff\` of two commits, 10,000 features (${history.diff.summary.changed} changed, ${history.diff.summary.added} added, ${history.diff.summary.removed} removed)`,
      timed(history.diff),
      '≈ 1 s' + verdict(history.diff.ms <= 1100),
    ]);
    single.push([
      '`roadmap diff` of a commit against the working tree, 10,000 features',
      timed(history.worktree),
      '',
    ]);
    single.push([
      `\`roadmap history\` over 1,000 commits (${history.history.entries} changes)`,
      timed(history.history),
      '≈ 1 s' + verdict(history.history.ms <= 1100),
    ]);
  } else if (history) single.push(['`roadmap diff` and `roadmap history`', 'failed (see Failures)', '≈ 1 s']);
  // Entry bundles one by one; the webview's lazily loaded chunks (mermaid's diagrams) as one line.
  const kb = (bytes) => `${formatCount(bytes)} B (${(bytes / 1024).toFixed(1)} KB)`;
  const isChunk = (bundle) => bundle.file.includes('/chunks/');
  for (const bundle of bundles.filter((entry) => !isChunk(entry))) {
    const isExtension = bundle.file === 'dist/extension.js';
    single.push([
      `Bundle ${bundle.file}${isExtension ? ' (eager: parsed at activation)' : bundle.file.startsWith('dist/lazy/') ? ' (side bundle, loaded on first use)' : ''}`,
      kb(bundle.bytes),
      isExtension ? '< 150 KB minified' + verdict(bundle.bytes < 150 * 1024) : '',
    ]);
  }
  const chunks = bundles.filter(isChunk);
  if (chunks.length > 0) {
    const largest = chunks.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
    single.push([
      `Bundle dist/webview/chunks/ (${chunks.length} files, loaded on demand)`,
      `${kb(total)} in all; largest ${largest.file.split('/').pop()} ${kb(largest.bytes)}`,
      '',
    ]);
  }
  out.push(table(['Measure', 'Result', 'Target'], single), '');
  if (results.editor) out.push(...editorSection(results.editor));
  out.push(
    '<details><summary>Every file in dist/</summary>',
    '',
    table(
      ['File', 'Bytes', 'KB'],
      bundles.map((bundle) => [bundle.file, formatCount(bundle.bytes), (bundle.bytes / 1024).toFixed(1)]),
    ),
    '',
    '</details>',
    '',
  );

  if (profile)
    out.push(
      '## CPU profile of the lint',
      '',
      `\`${profile.command}\``,
      '',
      '```',
      profile.summary,
      '```',
      '',
    );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  if (options.reportOnly) {
    const saved = JSON.parse(readFileSync(join(corpusRoot, 'results.json'), 'utf8'));
    failures.push(...(saved.failures ?? []));
    writeFileSync(options.out, report(saved));
    log(`re-rendered ${relative(process.cwd(), options.out)} from bench/.corpus/results.json`);
    return;
  }
  const started = Date.now();
  const info = machine();
  log(
    `Machine: ${info.cpu}, ${info.memory} RAM, ${info.os}, Node ${info.node}, load ${info.loadStart.map((value) => value.toFixed(2)).join(' ')}`,
  );
  prepareDist();
  await bundleCore();
  const { createRequire } = await import('node:module');
  const core = createRequire(import.meta.url)(coreBundle);

  const corpora = options.sizes.map((size) => ({ size, ...ensureCorpus(size, { seed: options.seed, log }) }));
  const rcPath = writeRemarkConfig(core, corpora[0].directory);

  const results = { info, sizes: [], bundles: bundleSizes() };
  if (wants('keystroke')) {
    log('keystroke: parseFeatureFile on a typical file…');
    results.keystroke = runJsonChild([script('core-child.mjs'), 'keystroke', corpora[0].directory, '2000'], {
      cwd: repoRoot,
    });
    log(`  median ${formatMs(results.keystroke.clean.median)}, p95 ${formatMs(results.keystroke.clean.p95)}`);
  }
  if (wants('activation')) {
    log('activation…');
    results.activation = attempt('activation', () => measureActivation(5));
  }
  if (wants('webview')) {
    log('panel: scripts/bench-webview.mjs…');
    results.webview = attempt('webview', measureWebview);
    log(`  ${results.webview.missing ? 'absent' : (results.webview.error ?? formatMs(results.webview.ms))}`);
  }

  if (wants('vscode')) results.editor = await measureEditor();
  if (wants('vscode-panel')) {
    log('panel in the real VS Code (code-server + chromium): 10,000 and 2,000 features…');
    results.vscodePanel = await measurePanelInVsCode({ log }).catch((error) => {
      const message = String(error?.message ?? error).split('\n')[0];
      log(`  vscode-panel FAILED: ${message}`);
      failures.push(`vscode-panel: ${message}`);
      return { error: message };
    });
  }

  if (wants('history')) {
    log('history: roadmap diff on 10,000 features, roadmap history over 1,000 commits…');
    results.history = attempt('history', () =>
      measureHistoryCommands(join(distSnapshot, 'cli.js'), { runs: options.runs ?? 5, log }),
    );
  }

  for (const { size, directory, stamp } of corpora) {
    const runs = runsFor(size);
    log(
      `\n${formatCount(size)} features (${formatCount(stamp.markdownFiles)} Markdown files, ${formatBytes(stamp.bytes)}), ${runs} runs:`,
    );
    const entry = { size, stamp, runs, processes: {} };
    if (wants('floor') || wants('lint'))
      entry.processes = attempt(`floor and lint (${size})`, () => measureFloorAndLint(directory, runs));
    if (wants('adopting') && size === 10000)
      entry.adopting = attempt(`adopting corpus (${size})`, () => measureAdopting(size, runs));
    if (size === 10000)
      for (const variant of Object.keys(problemCorpora).filter(wants)) {
        entry.problemCorpora ??= {};
        entry.problemCorpora[variant] = attempt(`${variant} corpus (${size})`, () =>
          measureProblemCorpus(variant, size, runs),
        );
      }
    if (wants('index')) entry.index = attempt(`index (${size})`, () => measureIndex(directory, runs));
    if (wants('host')) entry.host = attempt(`extension host (${size})`, () => measureHost(directory, runs));
    if (wants('remark')) {
      if (size <= options.remarkMax) {
        const remarkArgs = [
          join(repoRoot, 'node_modules', 'remark-cli', 'cli.js'),
          '--rc-path',
          rcPath,
          '--no-config',
          '--quiet',
          '--frail',
          '--no-stdout',
          '--no-color',
          join(directory, 'features'),
          join(directory, 'roadmap'),
        ];
        entry.remark = measureProcess('remark-cli', node, remarkArgs, Math.min(runs, 3), {
          check: expectStatus([0, 1]),
        });
      } else {
        entry.remarkSkipped = `skipped above ${formatCount(options.remarkMax)} (--remark-max)`;
      }
    }
    if (wants('publish'))
      entry.publish = attempt(`publish (${size})`, () => measurePublish(directory, size, Math.min(runs, 3)));
    if (wants('naive'))
      entry.naive = measureProcess('naive', node, [script('naive.mjs'), directory], Math.min(runs, 3), {
        check: expectStatus([0]),
      });
    results.sizes.push(entry);
  }

  if (options.profile) {
    const largest = corpora[corpora.length - 1];
    log(`\nprofiling the lint on ${formatCount(largest.size)} features…`);
    results.profile = await profileLint(largest.directory).catch((error) => ({
      command: 'profile',
      summary: `failed: ${error.message}`,
    }));
  }

  info.loadEnd = os.loadavg();
  results.failures = failures;
  const markdown = report(results);
  process.stdout.write(`\n${markdown}\n`);
  writeFileSync(options.out, markdown);
  writeFileSync(join(corpusRoot, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  log(
    `wrote ${relative(process.cwd(), options.out)} (and bench/.corpus/results.json) in ${((Date.now() - started) / 60000).toFixed(1)} min`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
