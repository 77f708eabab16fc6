// In-process measurements of the index, each run in its own fresh Node process by run.mjs so that one
// measurement's heap and JIT state cannot leak into another's.
//
//   node core-child.mjs cold <root>                   loadWorkspace() once: the cold build
//   node --expose-gc core-child.mjs memory <root>     memory after the cold build
//   node core-child.mjs updates <root> <count>        index.update + flush after one file changes
//   node core-child.mjs keystroke <root> <count>      parseFeatureFile on a typical file, as on a keystroke
//
// Each prints one JSON line. The core comes from bench/.corpus/.build/core.cjs (see bundle.mjs), or from the
// path in BENCH_CORE.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { coreBundle } from './bundle.mjs';
import { median, quantile } from './lib.mjs';

const require = createRequire(import.meta.url);
const loadStarted = performance.now();
const core = require(process.env.BENCH_CORE ?? coreBundle);
const loadMs = performance.now() - loadStarted;
const [mode, root, countArgument] = process.argv.slice(2);
const count = Number(countArgument ?? 200);

const summary = (times) => ({
  median: median(times),
  p95: quantile(times, 0.95),
  max: Math.max(...times),
  runs: times.length,
});

/**
 * The corpus file that looks most like a typical feature file: no problems, ~25 front-matter lines and
 * ~50 body lines. Deterministic: ties go to the first path in sorted order.
 */
function typicalFile(workspace) {
  let best;
  for (const file of workspace.index.files().sort()) {
    if (workspace.index.issues(file).length > 0) continue;
    // The index keeps no file text: the benchmark reads each candidate again.
    const text = readFileSync(join(workspace.root, file), 'utf8');
    const lines = text.split('\n');
    const closing = lines.indexOf('---', 1);
    if (closing < 0) continue;
    const distance = Math.abs(closing - 1 - 25) + Math.abs(lines.length - closing - 1 - 50);
    if (!best || distance < best.distance)
      best = { file, text, distance, frontmatterLines: closing - 1, bodyLines: lines.length - closing - 1 };
  }
  if (!best) throw new Error('no problem-free feature file in the corpus');
  return best;
}

/**
 * Times `step(i)` `count` times after `warmup` untimed calls; returns per-call milliseconds. Stops early, after
 * at least 20 timed calls, when `budgetMs` is spent (a cross-file update at 50,000 features takes a while).
 */
function timeSteps(step, count, warmup = 20, budgetMs = 20_000) {
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < warmup && performance.now() < deadline; i++) step(i);
  const times = [];
  for (let i = 0; i < count && (i < 20 || performance.now() < deadline); i++) {
    const started = performance.now();
    step(warmup + i);
    times.push(performance.now() - started);
  }
  return times;
}

function cold() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const workspace = core.loadWorkspace(root);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (user + system) / 1000,
    loadMs,
    features: workspace.index.size,
    scanned: workspace.scanned,
  };
}

function memory() {
  const workspace = core.loadWorkspace(root);
  const after = process.memoryUsage();
  globalThis.gc?.();
  const retained = process.memoryUsage();
  // maxRSS is the peak resident set of the whole process life, in KiB.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    features: workspace.index.size,
    rss: after.rss,
    heapUsed: after.heapUsed,
    retainedHeapUsed: retained.heapUsed,
    retainedRss: retained.rss,
    peakRss,
  };
}

function updates() {
  const workspace = core.loadWorkspace(root);
  const { index } = workspace;
  const { file, text } = typicalFile(workspace);
  const ownId = /^id: (.*)$/m.exec(text)[1];
  const otherId = index.features().find((feature) => feature.id && feature.id !== ownId).id;
  const update = (variant) => {
    index.update(file, variant);
    index.flush();
  };
  // A body edit: the front-matter, and so every field, stays the same.
  const body = timeSteps((i) => update(`${text}\nEdited line ${i}.\n`), count);
  // A front-matter edit that no cross-file rule reads (progress): per-file validation only.
  const frontmatter = timeSteps(
    (i) => update(text.replace(/^progress: .*$/m, `progress: ${i % 100}`)),
    count,
  );
  // A new dependency, then its removal: the cross-file signature changes on every step.
  const withDependency = text.replace(
    /^depends_on: \[(.*)\]$/m,
    (_, list) => `depends_on: [${list ? `${list}, ` : ''}${otherId}]`,
  );
  const cross = timeSteps((i) => update(i % 2 === 0 ? withDependency : text), count, 4);
  return {
    features: index.size,
    file,
    body: summary(body),
    frontmatter: summary(frontmatter),
    cross: summary(cross),
  };
}

function keystroke() {
  const workspace = core.loadWorkspace(root);
  const typical = typicalFile(workspace);
  const { config } = workspace;
  const parse = (text) => core.parseFeatureFile(typical.file, text, config);
  // A file being typed into changes on every keystroke: vary one character so nothing can be cached.
  const clean = timeSteps(
    (i) => parse(typical.text.replace(/^progress: .*$/m, `progress: ${i % 100}`)),
    count,
    500,
  );
  // The same file with one problem (a status typo), placed from the same read of its front-matter.
  const broken = typical.text.replace(/^status: .*$/m, 'status: in progres');
  if (parse(broken).issues.length === 0) throw new Error('the broken variant has no issue');
  const withProblem = timeSteps(
    (i) => parse(broken.replace(/^progress: .*$/m, `progress: ${i % 100}`)),
    count,
    500,
  );
  return {
    file: typical.file,
    frontmatterLines: typical.frontmatterLines,
    bodyLines: typical.bodyLines,
    clean: summary(clean),
    withProblem: summary(withProblem),
  };
}

const modes = { cold, memory, updates, keystroke };
if (!modes[mode]) throw new Error(`unknown mode '${mode}' (${Object.keys(modes).join(', ')})`);
console.log(JSON.stringify(modes[mode]()));
