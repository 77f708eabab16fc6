// Diagnostics at a window's start, in a real VS Code: the moment the index is built, every feature file has
// exactly its issues as diagnostics, open or not: cross-file issues, a file whose front-matter does not parse,
// and an issue that only an editor's unsaved text causes in another, closed file. Nothing publishes them a second
// time after indexing (that cost 70-90 ms at 10,000 files): the index's last change names every file, cold or
// restored from the persisted index, so this checks the collection once, without waiting for it to settle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Issue } from '../../../src/core/types';
import { diagnosticCode } from '../../../src/vscode/convert';
import { DiagnosticsController, diagnosticsScopeSetting } from '../../../src/vscode/diagnostics';
import { localFiles } from '../../../src/vscode/localFiles';
import { Log } from '../../../src/vscode/log';
import { RoadmapService } from '../../../src/vscode/roadmapService';
import {
  activateRoadmap,
  exists,
  readText,
  waitForIndexed,
  workspaceUri,
  writeText,
} from '../roadmapHelpers';

const target = workspaceUri('roadmap', 'D-901-start-target.md');
const dependent = workspaceUri('roadmap', 'D-902-start-dependent.md');
const unknown = workspaceUri('roadmap', 'D-903-start-unknown.md');
const broken = workspaceUri('roadmap', 'D-904-start-broken.md');
const targetText = '---\nid: D-901\ntitle: Depended on\nstatus: planned\n---\n';

/** What a window's start builds for the diagnostics: the index and the controller that publishes from it. */
interface Window {
  service: RoadmapService;
  diagnostics: DiagnosticsController;
}

describe('Diagnostics at a window’s start', () => {
  const log = new Log();
  const opened: Window[] = [];
  let storage: vscode.Uri;

  /** A window's start as activate() runs it: the service starts, then the open documents are validated. */
  async function startWindow(options: { persisted: boolean }): Promise<Window> {
    const service = new RoadmapService(
      log,
      options.persisted ? { storage, version: 'test', localFiles } : {},
    );
    const diagnostics = new DiagnosticsController(service);
    opened.push({ service, diagnostics });
    service.start();
    await diagnostics.validateWhenIndexed();
    return { service, diagnostics };
  }

  const severities = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' } as const;
  const diagnosticLines = (diagnostics: readonly vscode.Diagnostic[]) =>
    diagnostics
      .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${diagnosticCode(d)}: ${d.message}`)
      .sort();
  const issueLines = (issues: readonly Issue[]) =>
    issues.map((issue) => `${severities[issue.severity]} ${issue.code}: ${issue.message}`).sort();

  /** Each feature file whose diagnostics (as a person sees them) are not its issues in the index. */
  function mismatches({ service, diagnostics }: Window): string[] {
    const wrong: string[] = [];
    for (const state of service.folderStates())
      for (const file of state.index.files()) {
        const uri = service.uriOf(state, file);
        const published = diagnosticLines(diagnostics.collection.get(uri) ?? []);
        const expected = issueLines(service.issues(uri));
        if (JSON.stringify(published) !== JSON.stringify(expected))
          wrong.push(`${file}: published ${JSON.stringify(published)}, issues ${JSON.stringify(expected)}`);
      }
    return wrong;
  }

  const codesOf = (diagnostics: DiagnosticsController, uri: vscode.Uri) =>
    (diagnostics.collection.get(uri) ?? []).map(diagnosticCode);

  before(async () => {
    const api = await activateRoadmap();
    storage = vscode.Uri.joinPath(
      api.services.context.globalStorageUri,
      `diagnostics-start-test-${Date.now()}`,
    );
    await writeText(target, targetText);
    await writeText(
      dependent,
      '---\nid: D-902\ntitle: Depends on D-901\nstatus: planned\ndepends_on: [D-901]\n---\n',
    );
    await writeText(
      unknown,
      '---\nid: D-903\ntitle: Depends on nothing known\nstatus: planned\ndepends_on: [D-NOPE]\n---\n',
    );
    await writeText(broken, '---\nid: D-904\ntitle: [unclosed\n---\n');
    // The live extension has indexed them too: later tests find the workspace as it is on disk.
    for (const uri of [target, dependent, unknown]) await waitForIndexed(api, uri, await readText(uri));
  });

  afterEach(async () => {
    for (const { service, diagnostics } of opened.splice(0)) {
      diagnostics.dispose();
      service.dispose();
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    log.dispose();
    for (const uri of [target, dependent, unknown, broken, storage])
      if (await exists(uri)) await vscode.workspace.fs.delete(uri, { recursive: true });
  });

  it('a cold start publishes every file’s issues, closed files and cross-file issues included', async () => {
    const window = await startWindow({ persisted: false });
    assert.ok(window.service.featureCount() >= 7, 'the fixture and the test’s features are indexed');
    assert.deepEqual(mismatches(window), []);
    assert.ok(
      codesOf(window.diagnostics, unknown).includes('unknown-dependency'),
      'a closed file’s cross-file issue',
    );
    assert.ok(codesOf(window.diagnostics, broken).length > 0, 'a file whose front-matter does not parse');
    assert.deepEqual(codesOf(window.diagnostics, dependent), [], 'its dependency is known');
  });

  it('a start from the persisted index publishes them too, when nothing changed on disk', async () => {
    const first = await startWindow({ persisted: true });
    await first.service.persistIndex();
    assert.deepEqual(mismatches(first), []);
    const second = await startWindow({ persisted: true });
    assert.ok(second.service.lastStart.restored > 0, 'the files came from the persisted index');
    assert.ok(!second.service.lastStart.read.includes('roadmap/D-903-start-unknown.md'), 'not read again');
    assert.deepEqual(mismatches(second), []);
    assert.ok(codesOf(second.diagnostics, unknown).includes('unknown-dependency'));
  });

  it('an editor’s unsaved text counts: its effect on a closed file is published at start', async () => {
    const document = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('D-901');
    edit.replace(target, new vscode.Range(document.positionAt(at), document.positionAt(at + 5)), 'D-909');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.ok(document.isDirty);
    try {
      const window = await startWindow({ persisted: false });
      assert.equal(
        window.service.lookup(target)?.parsed.feature?.id,
        'D-909',
        'the index has the unsaved text',
      );
      assert.deepEqual(mismatches(window), []);
      assert.ok(
        codesOf(window.diagnostics, dependent).includes('unknown-dependency'),
        'the closed file that depends on the id the unsaved text removed',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('with the openFiles scope, only open files get diagnostics at start', async () => {
    const settings = vscode.workspace.getConfiguration('roadmap');
    await settings.update('diagnostics.scope', 'openFiles', vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(vscode.workspace.getConfiguration().get(diagnosticsScopeSetting), 'openFiles');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(unknown));
      const window = await startWindow({ persisted: false });
      const openFiles = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
      const published: string[] = [];
      window.diagnostics.collection.forEach((uri) => published.push(uri.toString()));
      assert.deepEqual(
        published.filter((uri) => !openFiles.has(uri)),
        [],
        'no closed file has diagnostics',
      );
      assert.ok(
        codesOf(window.diagnostics, unknown).includes('unknown-dependency'),
        'the open file has its own',
      );
      assert.deepEqual(codesOf(window.diagnostics, broken), [], 'a closed file with an error has none');
    } finally {
      await settings.update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
