// CPU-profiles the lint (an unminified build of the CLI with function names) and summarises the profile:
// the functions with the most self time and the most inclusive time.
//
//   node scripts/bench/profile.mjs [size=10000] [--top 25]      (the corpus must exist: npm run bench first)
//   node scripts/bench/profile.mjs --summarise FILE.cpuprofile
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCliForProfiling, repoRoot } from './bundle.mjs';
import { corpusRoot, ensureCorpus } from './generate.mjs';
import { timeProcess } from './lib.mjs';

/** Self and inclusive time per function (name, file and position) of a V8 .cpuprofile. */
export function summariseProfile(profile, top = 25) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const sampled = new Map();
  profile.samples.forEach((id, index) =>
    sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  );
  const name = ({ callFrame }) =>
    `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop() || ''}:${callFrame.lineNumber + 1}`;
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (const [id, micros] of sampled) {
    total += micros;
    const key = name(nodes.get(id));
    self.set(key, (self.get(key) ?? 0) + micros);
    // Count each function once per sample, however deep it recurses.
    const seen = new Set();
    for (let current = id; current !== undefined; current = parents.get(current)) {
      const frame = name(nodes.get(current));
      if (!seen.has(frame)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + micros);
      seen.add(frame);
    }
  }
  const list = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, micros]) =>
          `${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`,
      )
      .join('\n');
  return `sampled ${(total / 1000).toFixed(0)} ms\n\nself time:\n${list(self)}\n\ninclusive time:\n${list(inclusive)}`;
}

/** Runs `roadmap lint --format json` under --cpu-prof on a corpus and returns the summary. */
export async function profileLint(corpus, top = 25) {
  const folder = join(corpusRoot, '.profiles');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const cli = await bundleCliForProfiling(join(corpusRoot, '.build', 'cli-profile.js'));
  const args = ['--cpu-prof', '--cpu-prof-dir', folder, cli, 'lint', corpus, '--format', 'json'];
  const result = timeProcess(process.execPath, args, { cwd: repoRoot });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`the profiled lint exited ${result.status}: ${result.stderr}`);
  // No lazy/readWorker.js sits next to the profiling build, so the CLI reads its files on its main thread too:
  // one profile holds all the work (in dist/, a worker reads them while the main thread parses). Should a
  // worker start anyway, each thread writes a profile: take the largest.
  const file = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(folder, b)).size - statSync(join(folder, a)).size)[0];
  const summary = summariseProfile(JSON.parse(readFileSync(join(folder, file), 'utf8')), top);
  return {
    command: `node --cpu-prof <unminified cli, one thread> lint ${corpus.slice(repoRoot.length + 1)} --format json`,
    file: join(folder, file),
    summary,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
  if (args[0] === '--summarise') {
    console.log(summariseProfile(JSON.parse(readFileSync(args[1], 'utf8')), top));
  } else {
    const { directory } = ensureCorpus(Number(args[0] ?? 10000), { log: console.error });
    const { summary, file } = await profileLint(directory, top);
    console.log(`${summary}\n\nprofile: ${file}`);
  }
}
