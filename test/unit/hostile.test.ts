// The hostile corpus (issue 7.1): the core, the Node workspace loader, the in-process CLI and the built CLI
// survive every file (no throw, no hang), report each with the right code at the right line (or skip it with
// a logged reason), and still index every good file next to them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs, { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { runCli } from '../../src/cli/main';
import { headBytes, loadWorkspace, readFrontmatterHead } from '../../src/cli/nodeWorkspace';
import { defaultConfig } from '../../src/core/config';
import { exportFormats, exportRoadmap } from '../../src/core/exporters';
import { parseFeatureFile } from '../../src/core/featureFile';
import { LineIndex } from '../../src/core/lineIndex';
import type { Issue } from '../../src/core/types';
import { limitIssues, WorkspaceIndex } from '../../src/core/workspaceIndex';
import { generateHostileCorpus, type HostileCorpus, type HostileEntry } from '../fixtures/hostile/generate';

/** A bound against hangs, not a performance assertion. */
const perFileBoundMs = 2000;
const builtCli = resolve(__dirname, '../../dist/cli.js');
const decoder = new TextDecoder('utf-8');

let corpus: HostileCorpus;
const texts = new Map<string, string>();

before(() => {
  corpus = generateHostileCorpus(mkdtempSync(join(tmpdir(), 'roadmap-hostile-')));
  for (const entry of corpus.entries)
    texts.set(entry.file, decoder.decode(readFileSync(join(corpus.root, entry.file))));
});

after(() => {
  if (corpus) rmSync(corpus.root, { recursive: true, force: true });
});

const lineOf = (text: string, offset: number) => new LineIndex(text).positionAt(offset).line + 1;

/** Checks one file's issues against its expectation. */
function checkEntry(
  entry: HostileEntry,
  text: string,
  issues: readonly Issue[],
  featureId: string | undefined,
  isFeature: boolean,
): void {
  const where = `${entry.file} (${entry.description})`;
  const expect = entry.expect;
  switch (expect.kind) {
    case 'feature':
      assert.equal(featureId, expect.id, where);
      assert.deepEqual(
        issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code),
        [],
        where,
      );
      break;
    case 'ignored':
      assert.equal(isFeature, false, where);
      assert.deepEqual(issues, [], where);
      break;
    case 'issue': {
      const mine = issues.filter((issue) => issue.code === expect.code);
      assert.ok(
        mine.length > 0,
        `${where}: expected ${expect.code}, got ${JSON.stringify(issues.map((issue) => issue.code))}`,
      );
      assert.equal(mine.length, expect.count ?? 1, where);
      assert.equal(lineOf(text, mine[0].span.start), expect.line, `${where}: ${mine[0].message}`);
      assert.ok(mine[0].message.length > 10, where);
      assert.equal(featureId, expect.id, where);
      if (expect.code !== 'unknown-dependency') {
        // Cross-file issues aside, the file's problem is the one expected (plus, at most, its own repeats).
        assert.deepEqual([...new Set(issues.map((issue) => issue.code))], [expect.code], where);
      }
      break;
    }
  }
}

describe('the hostile corpus', () => {
  test('has every kind of case the issue asks for', () => {
    const names = corpus.entries.map((entry) => entry.file.slice('roadmap/'.length));
    for (const name of [
      'good-5mb-body.md',
      'good-50mb-body.md',
      'deps-10000.md',
      'deep-nesting.md',
      'alias-bomb.md',
      'binary.md',
      'latin1.md',
      'bad-tabs.md',
      'bad-unclosed-quote.md',
      'bad-duplicate-keys.md',
      'bad-indentation.md',
      'bad-fence-only.md',
      'bad-unclosed-fence.md',
      'bad-list.md',
      'bad-scalar.md',
      'good-arabic-id.md',
      'bidi-id.md',
      'good-html-title.md',
      'good-mermaid-title.md',
      'good-crlf-bom.md',
    ]) {
      assert.ok(names.includes(name), name);
    }
    if (process.platform !== 'win32')
      assert.deepEqual(corpus.links, ['roadmap/loop', 'roadmap/loop-self.md']);
    assert.ok(texts.get('roadmap/good-50mb-body.md')!.length > 50 * 1024 * 1024);
  });

  describe('parseFeatureFile, file by file (the whole text)', () => {
    test('survives each file within the bound, with the expected result', () => {
      for (const entry of corpus.entries) {
        const text = texts.get(entry.file)!;
        const started = performance.now();
        const parsed = parseFeatureFile(entry.file, text, defaultConfig());
        const elapsed = performance.now() - started;
        assert.ok(elapsed < perFileBoundMs, `${entry.file} took ${Math.round(elapsed)} ms`);
        if (entry.expect.kind !== 'issue' || entry.expect.code !== 'unknown-dependency') {
          // What a user sees of a file's issues: at most 100 and one that counts the rest.
          checkEntry(entry, text, limitIssues(parsed.issues), parsed.feature?.id, parsed.isFeature);
        } else {
          assert.equal(parsed.feature?.dependsOn.length, 10_000);
        }
      }
    });

    test('the bidi override id is flagged with a replacement that drops it', () => {
      const parsed = parseFeatureFile(
        'roadmap/bidi-id.md',
        texts.get('roadmap/bidi-id.md')!,
        defaultConfig(),
      );
      const [issue] = parsed.issues;
      assert.equal(issue.code, 'invalid-id');
      assert.equal(issue.data?.replacement, 'H-gnp.exe');
    });

    test('HTML and Mermaid syntax stay plain text in the feature', () => {
      const html = parseFeatureFile(
        'roadmap/good-html-title.md',
        texts.get('roadmap/good-html-title.md')!,
        defaultConfig(),
      ).feature;
      assert.equal(
        html?.title,
        "<script>alert('x')</script><img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) `code` | pipe |",
      );
      assert.deepEqual(html?.tags, ['<i>', 'a&b', ']]></x>']);
      const mermaid = parseFeatureFile(
        'roadmap/good-mermaid-title.md',
        texts.get('roadmap/good-mermaid-title.md')!,
        defaultConfig(),
      ).feature;
      assert.equal(
        mermaid?.title,
        'graph TD; A-->B; click A "javascript:alert(1)"; %%{init: {"theme": "dark"}}%% end',
      );
    });
  });

  describe('WorkspaceIndex over the whole corpus', () => {
    test('indexes every good file, reports every bad one, and never throws', () => {
      const index = new WorkspaceIndex(defaultConfig());
      for (const entry of corpus.entries) {
        const started = performance.now();
        index.update(entry.file, texts.get(entry.file)!);
        assert.ok(performance.now() - started < perFileBoundMs, entry.file);
      }
      const started = performance.now();
      const changed = index.flush();
      assert.ok(
        performance.now() - started < perFileBoundMs * 5,
        `flush took ${Math.round(performance.now() - started)} ms`,
      );
      const featureFiles = corpus.entries
        .filter((entry) => entry.expect.kind !== 'ignored')
        .map((entry) => entry.file);
      assert.deepEqual(changed.sort(), featureFiles.sort());
      for (const id of corpus.goodIds) assert.equal(index.byId(id).length, 1, id);
      for (const entry of corpus.entries) {
        const parsed = index.get(entry.file);
        checkEntry(
          entry,
          texts.get(entry.file)!,
          index.issues(entry.file),
          parsed?.feature?.id,
          parsed?.isFeature ?? false,
        );
      }
      const deps = index.issues('roadmap/deps-10000.md');
      // The summary of the 9,900 unlisted problems sits at the first of them.
      assert.equal(lineOf(texts.get('roadmap/deps-10000.md')!, deps[deps.length - 1].span.start), 6 + 100);
      assert.match(deps[deps.length - 1].message, /^9900 more problems/);
    });
  });

  test('a file over 64 MB is skipped with its reason, by the CLI as by the editor (one policy)', () => {
    const root = mkdtempSync(join(tmpdir(), 'roadmap-too-large-'));
    try {
      fs.mkdirSync(join(root, 'roadmap'));
      fs.writeFileSync(join(root, 'roadmap/a.md'), '---\nid: A-1\ntitle: Small\nstatus: planned\n---\n');
      // A sparse file: 65 MB on paper, nothing written past its front-matter.
      const huge = join(root, 'roadmap/huge.md');
      fs.writeFileSync(huge, '---\nid: H-1\ntitle: Huge\nstatus: planned\n---\n');
      fs.truncateSync(huge, 65 * 1024 * 1024);
      const workspace = loadWorkspace(root);
      assert.deepEqual(workspace.skipped, [
        { file: 'roadmap/huge.md', reason: '65 MB is too large for a feature file' },
      ]);
      assert.deepEqual(workspace.index.files(), ['roadmap/a.md']);
      const result = spawnSync(process.execPath, [builtCli, 'lint', root], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stderr, /skipped roadmap\/huge\.md: 65 MB is too large for a feature file/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('loadWorkspace (the Node loader the CLI uses)', () => {
    test('reads only the head of large files, skips the link loop with a reason, and indexes every good file', () => {
      const started = performance.now();
      const workspace = loadWorkspace(corpus.root);
      assert.ok(performance.now() - started < 30_000);
      for (const id of corpus.goodIds) assert.equal(workspace.index.byId(id).length, 1, id);
      assert.ok(readFrontmatterHead(join(corpus.root, 'roadmap/good-50mb-body.md')).length <= headBytes);
      assert.equal(
        workspace.index.files().some((file) => file.startsWith('roadmap/loop/')),
        false,
        'followed a link to a folder',
      );
      if (corpus.links.length > 0) {
        assert.deepEqual(workspace.skipped, [
          { file: 'roadmap/loop-self.md', reason: 'a broken symbolic link' },
        ]);
      }
      for (const entry of corpus.entries) {
        const parsed = workspace.index.get(entry.file);
        const text = texts.get(entry.file) ?? '';
        checkEntry(
          entry,
          text,
          workspace.index.issues(entry.file),
          parsed?.feature?.id,
          parsed?.isFeature ?? false,
        );
      }
    });

    test('a file deleted between listing and reading is skipped with a reason, and the rest is indexed', () => {
      const victim = join(corpus.root, 'roadmap', 'good-plain.md');
      const saved = readFileSync(victim);
      const realOpen = fs.openSync;
      const opened = mock.method(fs, 'openSync', (path: fs.PathLike, flags: fs.OpenMode) => {
        // The race: the file goes away after the folder was listed, just before it is opened.
        if (String(path) === victim) fs.rmSync(victim);
        return realOpen(path, flags);
      });
      try {
        const workspace = loadWorkspace(corpus.root);
        assert.ok(opened.mock.callCount() > 10);
        assert.deepEqual(
          workspace.skipped.find((skip) => skip.file === 'roadmap/good-plain.md'),
          { file: 'roadmap/good-plain.md', reason: `ENOENT: no such file or directory, open '${victim}'` },
        );
        assert.equal(workspace.index.has('roadmap/good-plain.md'), false);
        for (const id of corpus.goodIds.filter((id) => id !== 'H-GOOD'))
          assert.equal(workspace.index.byId(id).length, 1, id);
      } finally {
        opened.mock.restore();
        fs.writeFileSync(victim, saved);
      }
    });
  });

  describe('the CLI', () => {
    interface Diagnostic {
      file: string;
      line: number;
      severity: string;
      code: string;
    }

    const checkDiagnostics = (diagnostics: Diagnostic[]) => {
      for (const entry of corpus.entries) {
        const mine = diagnostics.filter((diagnostic) => diagnostic.file === entry.file);
        if (entry.expect.kind === 'issue') {
          const { code, line, count } = entry.expect;
          const matching = mine.filter((diagnostic) => diagnostic.code === code);
          assert.equal(matching.length, count ?? 1, entry.file);
          assert.equal(matching[0].line, line, entry.file);
        } else if (entry.expect.kind === 'ignored') {
          assert.deepEqual(mine, [], entry.file);
        } else {
          assert.deepEqual(
            mine.filter((diagnostic) => diagnostic.severity === 'error'),
            [],
            entry.file,
          );
        }
      }
    };

    test('runCli lint: exit 1, valid JSON with each problem at its line, the skip logged on stderr', () => {
      let stdout = '';
      let stderr = '';
      const started = performance.now();
      const code = runCli(['lint', corpus.root, '--format', 'json'], {
        cwd: corpus.root,
        stdout: (chunk) => (stdout += chunk),
        stderr: (chunk) => (stderr += chunk),
      });
      assert.ok(performance.now() - started < 30_000);
      assert.equal(code, 1);
      const output = JSON.parse(stdout) as { files: number; features: number; diagnostics: Diagnostic[] };
      assert.equal(output.files, corpus.entries.length);
      checkDiagnostics(output.diagnostics);
      if (corpus.links.length > 0)
        assert.equal(stderr, 'skipped roadmap/loop-self.md: a broken symbolic link\n');
    });

    test('runCli export --format json lists every good feature', () => {
      let stdout = '';
      const code = runCli(['export', corpus.root, '--format', 'json'], {
        cwd: corpus.root,
        stdout: (chunk) => (stdout += chunk),
        stderr: () => undefined,
      });
      assert.equal(code, 0);
      const ids = (JSON.parse(stdout) as { features: { id: string | null }[] }).features.map(
        (feature) => feature.id,
      );
      for (const id of corpus.goodIds) assert.ok(ids.includes(id), id);
    });

    test('every export format survives the corpus', () => {
      const workspace = loadWorkspace(corpus.root);
      for (const format of exportFormats) {
        const output = exportRoadmap(format, {
          features: workspace.index.features(),
          config: workspace.config,
          issuesOf: (file) => workspace.index.issues(file),
          today: '2026-01-01',
        });
        assert.ok(output.length > 0, format);
        // Charts show only scheduled features; the lists show them all.
        if (!format.startsWith('mermaid')) assert.ok(output.includes('H-GOOD'), format);
      }
    });

    test('dist/cli.js as a process, with a timeout: exit 1 and the same diagnostics', () => {
      assert.ok(fs.existsSync(builtCli), 'dist/cli.js is missing: run `npm run build` first');
      const result = spawnSync(process.execPath, [builtCli, 'lint', corpus.root, '--format', 'json'], {
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
      });
      assert.equal(result.error, undefined, String(result.error));
      assert.equal(result.signal, null, 'killed by the timeout');
      assert.equal(result.status, 1, result.stderr);
      const output = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
      checkDiagnostics(output.diagnostics);
      if (corpus.links.length > 0)
        assert.equal(result.stderr, 'skipped roadmap/loop-self.md: a broken symbolic link\n');
    });
  });
});
