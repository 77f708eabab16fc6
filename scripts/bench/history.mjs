// The history commands on big repositories, for `npm run bench` (or alone: node scripts/bench/history.mjs):
//   - `roadmap diff --base HEAD~1 --head HEAD` on a 10,000-feature repository whose last commit edits 1% of the
//     features (statuses, dates, RICE inputs), deletes 20 and adds 20; and the same base against the working tree;
//   - `roadmap history ID` over 1,000 commits that each change one feature's front-matter (renamed every 250).
// The repositories are built once under bench/.corpus/ (git fast-import for the long history) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot, defaultSeed, generateCorpus } from './generate.mjs';
import { formatMs, median, timeProcess } from './lib.mjs';

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, args, input) =>
  execFileSync('git', args, { cwd, env: gitEnv, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });

function featureFiles(root) {
  const found = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== '.git') walk(path);
      else if (/\/F-\d+[^/]*\.md$/.test(`/${path}`)) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

/** A 10,000-feature repository with two commits: the corpus, then a plan review touching 1% of it. */
export function ensureDiffRepo(size = 10000, log = () => {}) {
  const root = join(corpusRoot, `history-diff-${size}`);
  const stamp = join(root, '.git', 'bench-stamp');
  if (existsSync(stamp)) return root;
  log(`building the ${size.toLocaleString('en-US')}-feature diff repository…`);
  rmSync(root, { recursive: true, force: true });
  generateCorpus(root, size, defaultSeed);
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'corpus']);
  const files = featureFiles(root);
  const step = Math.max(1, Math.floor(files.length / (size / 100)));
  files.forEach((path, index) => {
    if (index % step !== 0) return;
    const full = join(root, path);
    const text = readFileSync(full, 'utf8')
      .replace(/^status: planned$/m, 'status: in-progress')
      .replace(/^status: idea$/m, 'status: planned')
      .replace(/^end: (\d{4})-(\d{2})-(\d{2})$/m, (_, year, month) => `end: ${year}-${month}-28`)
      .replace(/^ {2}reach: (\d+)$/m, (_, reach) => `  reach: ${Number(reach) + 100}`);
    writeFileSync(full, text);
  });
  for (let k = 0; k < 20; k++) {
    const source = files[files.length - 1 - k * 7];
    const text = readFileSync(join(root, source), 'utf8');
    writeFileSync(
      join(root, source.replace(/F-\d+/, `F-9${String(k).padStart(5, '0')}`)),
      text.replace(/^id: .*$/m, `id: F-9${String(k).padStart(5, '0')}`),
    );
    unlinkSync(join(root, files[k * 13 + 1]));
  }
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'plan review']);
  writeFileSync(stamp, 'ok\n');
  return root;
}

/** A repository where one feature's front-matter changes in each of `commits` commits, built with fast-import. */
export function ensureHistoryRepo(commits = 1000, log = () => {}) {
  const root = join(corpusRoot, `history-log-${commits}`);
  const stamp = join(root, '.git', 'bench-stamp');
  if (existsSync(stamp)) return root;
  log(`building the ${commits.toLocaleString('en-US')}-commit history repository…`);
  rmSync(root, { recursive: true, force: true });
  git(corpusRoot, ['init', '-q', '-b', 'main', root]);
  const statuses = ['idea', 'planned', 'in-progress', 'review'];
  const stream = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const featureText = (n) =>
    `---\nid: F-1\ntitle: The feature everyone edits\nstatus: ${statuses[n % 4]}\nmoscow: ${n % 3 ? 'should' : 'must'}\n` +
    `rice:\n  reach: ${1000 + n}\n  impact: 2\n  confidence: 80%\n  effort: 3\nstart: 2026-01-05\nend: 2026-${String((n % 12) + 1).padStart(2, '0')}-15\n---\n\n# Body\n`;
  let path = 'roadmap/f-1.md';
  for (let n = 0; n < commits; n++) {
    const time = 1767225600 + n * 3600;
    stream.push(
      'commit refs/heads/main',
      `mark :${n + 1}`,
      `author Bench <bench@example.com> ${time} +0000`,
      `committer Bench <bench@example.com> ${time} +0000`,
      data(`Change ${n}`).trimEnd(),
    );
    if (n > 0) stream.push(`from :${n}`);
    if (n === 0)
      for (let other = 2; other <= 50; other++)
        stream.push(
          `M 100644 inline roadmap/f-${other}.md`,
          data(featureText(other).replace('id: F-1', `id: F-${other}`)).trimEnd(),
        );
    if (n > 0 && n % 250 === 0) {
      stream.push(`D ${path}`);
      path = `roadmap/moved-${n}/f-1.md`;
    }
    stream.push(`M 100644 inline ${path}`, data(featureText(n)).trimEnd());
  }
  git(root, ['fast-import', '--quiet'], stream.join('\n') + '\n');
  git(root, ['checkout', '-q', 'main']);
  writeFileSync(stamp, 'ok\n');
  return root;
}

/** Median wall and CPU of the built CLI on both repositories. */
export function measureHistoryCommands(cli, { runs = 5, log = () => {} } = {}) {
  const diffRoot = ensureDiffRepo(10000, log);
  const historyRoot = ensureHistoryRepo(1000, log);
  const time = (label, args, cwd) => {
    const samples = [];
    for (let run = 0; run <= runs; run++) {
      const result = timeProcess(process.execPath, [cli, ...args], { cwd, captureStdout: true });
      if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
      if (run > 0) samples.push(result); // the first run warms the page cache
      if (run === runs) samples.at(-1).stdout = result.stdout;
    }
    const figure = {
      ms: median(samples.map((sample) => sample.ms)),
      cpuMs: samples[0].cpuMs === undefined ? undefined : median(samples.map((sample) => sample.cpuMs)),
      output: JSON.parse(samples.at(-1).stdout),
    };
    log(
      `  ${label}: ${formatMs(figure.ms)} wall${figure.cpuMs === undefined ? '' : `, ${formatMs(figure.cpuMs)} CPU`}`,
    );
    return figure;
  };
  const diff = time(
    'roadmap diff, two commits, 10,000 features',
    ['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'],
    diffRoot,
  );
  const worktree = time(
    'roadmap diff, HEAD~1 against the working tree',
    ['diff', '--base', 'HEAD~1', '--format', 'json'],
    diffRoot,
  );
  const history = time(
    'roadmap history over 1,000 commits',
    ['history', 'F-1', '--format', 'json'],
    historyRoot,
  );
  return {
    diff: { ms: diff.ms, cpuMs: diff.cpuMs, summary: diff.output.summary },
    worktree: { ms: worktree.ms, cpuMs: worktree.cpuMs },
    history: { ms: history.ms, cpuMs: history.cpuMs, entries: history.output.entries.length },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cli = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', 'cli.js');
  const result = measureHistoryCommands(cli, { log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
