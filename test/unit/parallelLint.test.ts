// The fast paths of `roadmap lint` give exactly the plain result: the reading worker (parallelRead.ts), the
// JSON report written in pieces, and the cache, on a workspace large enough for the worker (hostile files
// included: broken YAML, unclosed front-matter, binary, huge bodies, nested folders), through the built CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { collectDiagnostics, runCli, writeJsonReport } from '../../src/cli/main';
import { listCandidates, loadWorkspace } from '../../src/cli/nodeWorkspace';
import { parallelThreshold, type TextRead } from '../../src/cli/parallelRead';
import { ReadWorker } from '../../src/cli/readWorkerHost';
import { readText } from '../../src/cli/readFiles';
import { defaultConfig } from '../../src/core/config';
import { generateHostileCorpus } from '../fixtures/hostile/generate';

const repo = resolve(__dirname, '../..');
const builtCli = join(repo, 'dist/cli.js');
/** The worker from its TypeScript source: a script that loads it through tsx (written in `before`). */
const workerSource = { script: '' };

let root: string;
const temps: string[] = [];

/** Ordinary features with problems (unknown fields and statuses, bad dates), in nested folders. */
function writeFeatures(folder: string, count: number): void {
  for (let index = 0; index < count; index++) {
    const dir = join(folder, 'roadmap', `area-${index % 7}`, `sub-${index % 3}`);
    mkdirSync(dir, { recursive: true });
    const dependsOn = index % 11 === 0 ? `depends_on: [P-${index + 1}, P-missing-${index}]\n` : '';
    const broken = index % 97 === 0 ? 'tags: [unclosed\n' : '';
    writeFileSync(
      join(dir, `P-${index}.md`),
      `---\nid: P-${index}\ntitle: Feature ${index}\nstatus: ${index % 5 === 0 ? 'Doing' : 'planned'}\n` +
        `owner_${index % 4}: someone\nstart: 2026-13-0${index % 9}\n${dependsOn}${broken}---\n\n# Feature ${index}\n`,
    );
  }
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'roadmap-parallel-'));
  temps.push(root);
  const scripts = mkdtempSync(join(tmpdir(), 'roadmap-worker-'));
  temps.push(scripts);
  workerSource.script = join(scripts, 'readWorker.cjs');
  writeFileSync(
    workerSource.script,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(repo, 'src/cli/readWorker.ts'))});\n`,
  );
  generateHostileCorpus(root, { huge: false });
  writeFeatures(root, parallelThreshold + 200);
  // Front-matter never closed, 200 KB read whole: a text the worker leaves to the main thread.
  writeFileSync(
    join(root, 'roadmap/area-0/never-closed.md'),
    `---\nid: P-open\ntitle: Never closed\n${'A long body line.\n'.repeat(12_000)}`,
  );
});

after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function inProcess(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    cwd: repo,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

function built(args: string[]) {
  return spawnSync(process.execPath, [builtCli, ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
}

/** Waits (without blocking the event loop) until the worker has delivered `chunks` chunks. */
async function delivered(worker: ReadWorker, chunks: number): Promise<void> {
  for (let waited = 0; worker.deliveredChunks() < chunks; waited += 20) {
    if (waited > 30_000) throw new Error('the worker never delivered');
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('the reading worker', () => {
  const readAllWith = (worker: ReadWorker | undefined, files: string[]): TextRead[] => {
    const whole = (file: string) => file.endsWith('.yaml');
    const readOne = (file: string, wholeFile: boolean) => readText(root, file, wholeFile);
    if (!worker) return files.map((file) => readOne(file, whole(file)));
    worker.begin(root, files, whole, readOne);
    return files.map((_, index) => worker.read(index));
  };

  test('reads every file exactly as this thread does, in order', async () => {
    const files = listCandidates(root, defaultConfig());
    assert.ok(files.length > parallelThreshold);
    const expected = readAllWith(undefined, files);
    const worker = ReadWorker.start(workerSource);
    assert.ok(worker, 'the worker starts');
    worker.begin(
      root,
      files,
      (file) => file.endsWith('.yaml'),
      (file, whole) => readText(root, file, whole),
    );
    // Everything read by the worker before this thread asks: each read below is the worker's.
    await delivered(worker, Math.ceil(files.length / 128));
    const reads = files.map((_, index) => worker.read(index));
    worker.stop();
    assert.ok(worker.workerChunks > 0, 'the worker delivered chunks');
    assert.deepEqual(reads, expected);
    assert.ok(
      reads.some((read) => 'failed' in read || read.text.includes('\u0000')),
      'binary or unreadable files are among them',
    );
  });

  test('for a thread that must not block (the editor): whenRead, then each read with its stamp', async () => {
    const files = listCandidates(root, defaultConfig());
    const whole = (file: string) => file.endsWith('.yaml');
    const expected = files.map((file) => readText(root, file, whole(file), true));
    assert.ok(expected.every((read) => 'failed' in read || read.stamp !== undefined));
    // Chunks of 250, as the editor reads them: one started worker, and one that never starts (read here).
    for (const script of [workerSource.script, join(root, 'no-such-worker.js')]) {
      const worker = ReadWorker.start({ script });
      const reads: TextRead[] = [];
      const readHere = (file: string, wholeFile: boolean) => readText(root, file, wholeFile, true);
      if (worker) {
        worker.begin(root, files, whole, readHere, { chunkSize: 250, stamps: true });
        // Once it runs (through tsx, it starts slowly), it leads, and this thread waits for what it claimed.
        await delivered(worker, 1);
      }
      for (let start = 0; start < files.length; start += 250) {
        await worker?.whenRead(start);
        for (let index = start; index < Math.min(files.length, start + 250); index++)
          reads.push(worker ? worker.read(index) : readHere(files[index], whole(files[index])));
      }
      worker?.stop();
      assert.deepEqual(reads, expected, script);
      if (script === workerSource.script) assert.ok(worker!.workerChunks > 0, 'the worker delivered chunks');
    }
  });

  test('a worker that is still starting: this thread reads the chunks it needs itself, same result', () => {
    const files = listCandidates(root, defaultConfig());
    const reads = readAllWith(ReadWorker.start(workerSource), files);
    assert.deepEqual(reads, readAllWith(undefined, files));
  });

  test('a worker that fails, or claims a chunk and dies: this thread reads the rest, same result', () => {
    const folder = mkdtempSync(join(tmpdir(), 'roadmap-bad-worker-'));
    temps.push(folder);
    const throwing = join(folder, 'throws.js');
    writeFileSync(throwing, "throw new Error('broken worker');\n");
    // Claims the first chunk, never delivers it, and keeps running.
    const stalling = join(folder, 'stalls.js');
    writeFileSync(
      stalling,
      "const { workerData } = require('node:worker_threads');\n" +
        'Atomics.add(new Int32Array(workerData.state), 0, 1);\n' +
        'setInterval(() => undefined, 1000);\n',
    );
    const files = listCandidates(root, defaultConfig());
    const expected = readAllWith(undefined, files);
    for (const script of [throwing, stalling, join(folder, 'missing.js')]) {
      const worker = ReadWorker.start({ script });
      const reads = readAllWith(worker, files);
      worker?.stop();
      assert.deepEqual(reads, expected, script);
    }
  });
});

describe('lint with the worker, the JSON report in pieces and the cache', () => {
  test('the JSON report in pieces is JSON.stringify of the diagnostics', () => {
    for (const workspace of [loadWorkspace(root), loadWorkspace(join(repo, 'examples'))]) {
      let text = '';
      const hasError = writeJsonReport(workspace, (piece) => (text += piece));
      const diagnostics = collectDiagnostics(workspace);
      const expected = { files: workspace.scanned, features: workspace.index.size, diagnostics };
      assert.equal(text, JSON.stringify(expected, null, 2) + '\n');
      assert.equal(
        hasError,
        diagnostics.some((diagnostic) => diagnostic.severity === 'error'),
      );
    }
    const empty = mkdtempSync(join(tmpdir(), 'roadmap-clean-'));
    temps.push(empty);
    mkdirSync(join(empty, 'roadmap'));
    writeFileSync(join(empty, 'roadmap/a.md'), '---\nid: A-1\ntitle: Clean\nstatus: planned\n---\n');
    let text = '';
    writeJsonReport(loadWorkspace(empty), (piece) => (text += piece));
    assert.deepEqual(JSON.parse(text), { files: 1, features: 1, diagnostics: [] });
    assert.equal(text, JSON.stringify({ files: 1, features: 1, diagnostics: [] }, null, 2) + '\n');
  });

  test('loadWorkspace with the worker indexes exactly what it indexes alone', () => {
    const alone = loadWorkspace(root);
    const withWorker = loadWorkspace(root, { parallel: workerSource });
    assert.deepEqual(collectDiagnostics(withWorker), collectDiagnostics(alone));
    assert.deepEqual(withWorker.index.parsedFiles(), alone.index.parsedFiles());
    assert.deepEqual(withWorker.skipped, alone.skipped);
  });

  test('the built CLI (which reads on a worker) prints what the in-process CLI prints, in every format', () => {
    for (const format of ['json', 'text', 'sarif']) {
      const expected = inProcess(['lint', root, '--format', format]);
      const result = built(['lint', root, '--format', format]);
      assert.equal(result.status, expected.code, result.stderr);
      assert.equal(result.stdout, expected.stdout, format);
      assert.equal(result.stderr, expected.stderr, format);
    }
  });

  test('--cache through the built CLI: the cached run is the uncached one, and a later edit is seen', () => {
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'roadmap-parallel-cache-')), 'lint-cache.json');
    temps.push(resolve(cacheFile, '..'));
    const cached = () => built(['lint', root, '--format', 'json', '--cache', '--cache-location', cacheFile]);
    const uncached = () => inProcess(['lint', root, '--format', 'json']);
    const writing = cached();
    const expected = uncached();
    assert.equal(writing.stdout, expected.stdout);
    const reading = cached();
    assert.equal(reading.stdout, expected.stdout);
    assert.equal(reading.status, expected.code);
    // An edit after the cache was written: a new problem in one file, the same size in another (its time moves).
    const edited = join(root, 'roadmap/area-1/sub-1/P-1.md');
    writeFileSync(edited, '---\nid: P-1\ntitle: Edited\nstatus: nonsense\n---\n');
    utimesSync(edited, new Date(), new Date(Date.now() + 5000));
    const afterEdit = cached();
    assert.equal(afterEdit.stdout, uncached().stdout);
    assert.match(afterEdit.stdout, /P-1\.md[\s\S]*?nonsense/);
    assert.equal(cached().stdout, uncached().stdout);
  });
});
