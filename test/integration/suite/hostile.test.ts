// The hostile corpus (test/fixtures/hostile) inside a real VS Code: alias bombs, 5 MB files, binary and
// Latin-1 files, 10,000-level nesting, symlink loops, hostile titles. The extension must index every good
// file, report each bad one with its rule code at its line, and keep answering.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../../src/extension';
import { generateHostileCorpus, type HostileCorpus } from '../../fixtures/hostile/generate';
import { activateRoadmap, extensionId, workspaceRoot } from '../roadmapHelpers';

describe('Hostile corpus in the real VS Code', function () {
  // A bound against hangs, not a performance assertion: indexing this corpus takes a second or two.
  this.timeout(120_000);
  let api: RoadmapApi;
  let corpus: HostileCorpus;
  const folder = 'hostile-corpus';

  before(async () => {
    api = await activateRoadmap();
    const extensionPath = vscode.extensions.getExtension(extensionId)!.extensionPath;
    corpus = generateHostileCorpus(join(workspaceRoot().fsPath, folder), {
      // The 50 MB file is left to the unit and CLI tests; the 5 MB ones are here.
      huge: false,
      committedDir: join(extensionPath, 'test', 'fixtures', 'hostile', 'files'),
    });
    await api.services.service.refresh();
  });

  after(async () => {
    rmSync(join(workspaceRoot().fsPath, folder), { recursive: true, force: true });
    await api.services.service.refresh();
  });

  it('indexes every good file, whatever its neighbours hold', () => {
    const ids = new Set(api.services.service.allFeatures().map((entry) => entry.feature.id));
    for (const id of corpus.goodIds) assert.ok(ids.has(id), `feature ${id} is indexed`);
  });

  it('reports each broken file with its rule code at its line, and ignores plain Markdown', () => {
    for (const entry of corpus.entries) {
      const uri = vscode.Uri.joinPath(workspaceRoot(), folder, ...entry.file.split('/'));
      const issues = api.services.service.issues(uri);
      const lines = api.services.service.lineIndexOf(uri);
      if (entry.expect.kind === 'ignored') {
        assert.equal(api.services.service.lookup(uri), undefined, `${entry.file} is not a feature`);
      } else if (entry.expect.kind === 'issue') {
        const { code, line } = entry.expect;
        const found = issues.find((issue) => issue.code === code);
        assert.ok(
          found,
          `${entry.file} (${entry.description}) reports ${code}; got ${issues.map((i) => i.code).join(', ')}`,
        );
        assert.equal(
          lines?.positionAt(found.span.start).line,
          line - 1,
          `${entry.file}: ${code} at line ${line}`,
        );
      } else {
        assert.ok(
          issues.every((issue) => issue.severity !== 'error' || issue.code === 'duplicate-id'),
          `${entry.file} has no error of its own`,
        );
      }
    }
  });

  it('still answers: the tree and a hover work after the corpus', async () => {
    const groups = await api.tree.getChildren();
    assert.ok(groups && groups.length > 0);
    const good = api.services.service.allFeatures().find((entry) => entry.feature.id === corpus.goodIds[0])!;
    const document = await vscode.workspace.openTextDocument(good.uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(1, 1),
    );
    assert.ok(hovers.length > 0, 'a hover on the id field');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
