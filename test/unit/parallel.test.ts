import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { collectDiagnostics } from '../../src/cli/main';
import { loadWorkspace, loadWorkspaceParallel, type LoadedWorkspace } from '../../src/cli/nodeWorkspace';

// The worker is the built bundle: `npm test` builds before the unit tests run.
const workerScript = resolve('dist/parseWorker.js');
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function summary(workspace: LoadedWorkspace) {
  return {
    scanned: workspace.scanned,
    features: workspace.index.files().sort(),
    skipped: workspace.skipped,
    diagnostics: collectDiagnostics(workspace),
  };
}

test('the parse worker bundle exists (built by npm run build)', () => {
  assert.ok(existsSync(workerScript), workerScript);
});

test('parsing half the files on a worker thread gives exactly the single-thread result', async () => {
  const root = mkdtempSync(join(tmpdir(), 'roadmap-parallel-'));
  roots.push(root);
  mkdirSync(join(root, 'roadmap'));
  for (let i = 1; i <= 300; i++) {
    const id = `F-${String(i).padStart(3, '0')}`;
    // Problems on both sides of the split, own and cross-file: a bad impact, an unknown and a cyclic dependency.
    const impact = i % 17 === 0 ? 4 : 2;
    const dependsOn =
      i % 23 === 0
        ? 'F-999'
        : i === 299
          ? 'F-002'
          : i === 2
            ? 'F-299'
            : `F-${String(Math.max(1, i - 1)).padStart(3, '0')}`;
    writeFileSync(
      join(root, 'roadmap', `${id}.md`),
      `---\nid: ${id}\ntitle: Feature ${i}\nstatus: planned\nmoscow: should\nrice: { reach: ${i * 10}, impact: ${impact}, confidence: 80%, effort: 2 }\ndepends_on: [${dependsOn}]\n---\n# Feature ${i}\n- [ ] task\n`,
    );
  }
  writeFileSync(join(root, 'roadmap', 'README.md'), '# Not a feature\n');
  writeFileSync(join(root, 'roadmap', 'broken.md'), '---\nid: [\n---\n');
  const single = summary(loadWorkspace(root));
  const loaded = await loadWorkspaceParallel(root, { workerScript, minFilesForWorker: 1 });
  assert.equal(loaded.threads, 2);
  const parallel = summary(loaded);
  assert.ok(single.diagnostics.length > 30, 'the corpus has problems to compare');
  assert.deepEqual(parallel, single);
});

test('the example roadmap reads the same on two threads', async () => {
  const single = summary(loadWorkspace('examples/roadmap'));
  const parallel = summary(
    await loadWorkspaceParallel('examples/roadmap', { workerScript, minFilesForWorker: 1 }),
  );
  assert.deepEqual(parallel, single);
});
