// YAML sidecars in the real VS Code: a kep.yaml beside its README.md is one feature. Its problems appear at
// their line in the YAML file as you type, the README gives its title, and an edit from the extension is
// written to the YAML file without touching anything else.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../../src/extension';
import { activateRoadmap, FileSnapshot, readText, waitFor, workspaceUri, writeText } from '../roadmapHelpers';

const config = `rules:
  date-order: 'off'
  invalid-url: info
include: ['roadmap/**/*.md', 'keps/**/kep.yaml']
sidecarMarkdown: README.md
aliases: { kep-number: id, owning-sig: team }
fields:
  stage: { type: enum, values: [alpha, beta, stable] }
  latest-milestone: { type: version, empty: ['0.0'] }
`;
const kepYaml =
  '# KEP metadata\ntitle: Faster pods\nkep-number: KEP-9001\nowning-sig: sig-node\nstatus: planned # for now\nstage: alpha\n';

/**
 * Writes a file through its text document and saves it: the service reads an open document's text over the
 * disk, and a document opened earlier (by another suite, or by this one) may not have reloaded a disk write.
 */
async function saveThroughDocument(uri: vscode.Uri, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    uri,
    new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
    text,
  );
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  assert.ok(await document.save(), 'the document saves');
}

describe('YAML sidecars (kep.yaml beside README.md)', function () {
  this.timeout(60_000);
  let api: RoadmapApi;
  let snapshot: FileSnapshot;
  let originalConfig: string;
  const configUri = workspaceUri('.roadmap', 'config.yaml');
  const yamlUri = workspaceUri('keps', 'sig-node', '9001-faster-pods', 'kep.yaml');
  const readmeUri = workspaceUri('keps', 'sig-node', '9001-faster-pods', 'README.md');
  const feature = () => api.services.service.lookup(yamlUri);
  const roadmapDiagnostics = () =>
    vscode.languages.getDiagnostics(yamlUri).filter((diagnostic) => diagnostic.source === 'roadmap');

  before(async () => {
    api = await activateRoadmap();
    snapshot = await FileSnapshot.take(api, [configUri, yamlUri, readmeUri]);
    await writeText(readmeUri, '# KEP-9001: Faster pods\n\n- [x] (R) Design\n- [ ] (R) Docs\n');
    await writeText(yamlUri, kepYaml);
    originalConfig = await readText(configUri);
    await saveThroughDocument(configUri, config);
    await api.services.service.refresh();
    // The config write reaches the config watcher too, which re-indexes the folder: a generous bound.
    await waitFor(
      'the kep.yaml to be indexed',
      () => feature() !== undefined,
      [api.services.service.onDidChange],
      30_000,
    );
  });

  after(async () => {
    await saveThroughDocument(configUri, originalConfig);
    await snapshot.restore();
    await vscode.workspace.fs.delete(workspaceUri('keps'), { recursive: true, useTrash: false });
    // The next suite must find the fixture's own config in force and the folder indexed with it.
    await waitFor(
      'the fixture config to be back in force',
      () =>
        api.services.service
          .folderStates()
          .every((state) => state.index.config.sidecarMarkdown === undefined),
      [api.services.service.onDidChange],
      30_000,
    );
    await api.services.service.refresh();
    await api.services.service.whenIndexed();
  });

  it('indexes the kep.yaml as one feature, with its progress from the README beside it', async () => {
    // The config write also reaches the config watcher, which may index the folder once more.
    await api.services.service.whenIndexed();
    await waitFor('KEP-9001 and its README to be indexed', () => feature()?.parsed.feature?.progress === 50, [
      api.services.service.onDidChange,
    ]);
    const entry = api.services.service.allFeatures().find((candidate) => candidate.feature.id === 'KEP-9001');
    assert.ok(entry, 'KEP-9001 is indexed');
    assert.equal(entry.uri.toString(), yamlUri.toString());
    assert.equal(entry.feature.title, 'Faster pods');
    assert.equal(entry.feature.progress, 50);
  });

  it('validates the YAML file as you type, at the line of the problem', async () => {
    const document = await vscode.workspace.openTextDocument(yamlUri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineAt(4);
    await editor.edit((edit) => edit.replace(line.range, 'status: imlpemented'));
    await waitFor(
      'an invalid-enum diagnostic on line 5 of kep.yaml',
      () => roadmapDiagnostics().some((diagnostic) => diagnostic.range.start.line === 4),
      [vscode.languages.onDidChangeDiagnostics],
    );
    const [diagnostic] = roadmapDiagnostics();
    assert.match(diagnostic.message, /Unknown status 'imlpemented'/);
    await editor.edit((edit) => edit.replace(document.lineAt(4).range, 'status: planned # for now'));
    await waitFor('the diagnostic to clear', () => roadmapDiagnostics().length === 0, [
      vscode.languages.onDidChangeDiagnostics,
    ]);
    await document.save();
  });

  it('writes an edit from the extension into the YAML file, losslessly', async () => {
    const result = await api.services.writer.setFields(yamlUri, [{ path: ['status'], value: 'in-progress' }]);
    assert.deepEqual(result, { ok: true, changed: true });
    const document = await vscode.workspace.openTextDocument(yamlUri);
    assert.equal(document.getText(), kepYaml.replace('status: planned', 'status: in-progress'));
  });

  it('re-indexes when the README beside it changes', async () => {
    await saveThroughDocument(yamlUri, kepYaml.replace('title: Faster pods\n', ''));
    await waitFor(
      'the title to come from the README',
      () => feature()?.parsed.feature?.title === 'KEP-9001: Faster pods',
      [api.services.service.onDidChange],
    );
    // Edited and saved in the editor, as a person would: a bare disk write waits on the file watcher, which
    // under load delivered it too late for this test once.
    await saveThroughDocument(readmeUri, '# KEP-9001: Much faster pods\n');
    await waitFor(
      `the title to follow the README (now '${feature()?.parsed.feature?.title}')`,
      () => feature()?.parsed.feature?.title === 'KEP-9001: Much faster pods',
      [api.services.service.onDidChange],
      20_000,
    );
  });
});
