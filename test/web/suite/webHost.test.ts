// The web extension (package.json "browser": dist/web/extension.js) in a real web-worker extension host:
// the harness loads a copy of the extension whose manifest has no "main", so VS Code can run it nowhere but
// in the browser's worker. Each test proves one thing vscode.dev users rely on: activation, indexing
// through workspace.fs, the tree, diagnostics, completion and the webview panel.
// No Node here: no node:assert either, hence the small `ok` below.
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../../src/extension';
import { activateRoadmap, waitFor, workspaceUri } from '../../integration/roadmapHelpers';

/** Throws `message` unless `condition` holds (node:assert does not exist in a worker). */
function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const labelOf = (item: vscode.CompletionItem | vscode.TreeItem) =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

describe('web extension in the web-worker extension host', () => {
  let api: RoadmapApi;

  before(async function () {
    this.timeout(60_000);
    api = await activateRoadmap(); // activates (once) and waits for the first index
  });

  it('runs in a web worker, without Node', () => {
    // The worker host has no `process`, no `require` of files, and is a DedicatedWorkerGlobalScope.
    ok(typeof process === 'undefined', `typeof process is ${typeof process}`);
    const scope = globalThis as { importScripts?: unknown; constructor: { name: string } };
    ok(typeof scope.importScripts === 'function', 'importScripts is a function (a worker global)');
    ok(scope.constructor.name === 'DedicatedWorkerGlobalScope', `global scope: ${scope.constructor.name}`);
    ok(vscode.env.uiKind === vscode.UIKind.Web, 'uiKind is Web');
    const extension = vscode.extensions.getExtension('markdown-roadmap.markdown-roadmap');
    // UI = runs next to the window (the worker); the Node host of a remote window would say Workspace.
    ok(extension?.extensionKind === vscode.ExtensionKind.UI, `extensionKind ${extension?.extensionKind}`);
    ok(extension.packageJSON.main === undefined, 'the manifest under test has no "main"');
    console.log(`    vscode ${vscode.version}, ${vscode.env.appName}, scope ${scope.constructor.name}`);
  });

  it('indexes the fixture workspace through workspace.fs', async () => {
    // Every Markdown file with front-matter under roadmap/ is a feature; read them the same way, through
    // the workbench's file service (the worker has no other).
    const entries = await vscode.workspace.fs.readDirectory(workspaceUri('roadmap'));
    const decoder = new TextDecoder();
    const features: string[] = [];
    for (const [name, type] of entries) {
      if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
      const text = decoder.decode(await vscode.workspace.fs.readFile(workspaceUri('roadmap', name)));
      if (text.startsWith('---')) features.push(name);
    }
    const { service } = api.services;
    ok(features.length >= 4, `feature files in the fixture: ${features.join(', ')}`);
    ok(service.featureCount() === features.length, `featureCount() ${service.featureCount()}`);
    for (const name of features) ok(service.lookup(workspaceUri('roadmap', name)), `${name} is indexed`);
  });

  it('shows the features in the tree', () => {
    const groups = api.tree.getChildren();
    ok(groups.length > 0, 'the tree has root items');
    const titles = groups.flatMap((group) =>
      api.tree.getChildren(group).map((node) => labelOf(api.tree.getTreeItem(node))),
    );
    ok(titles.includes('Single sign-on'), `feature rows: ${titles.join(', ')}`);
  });

  it('reports diagnostics for a file with a problem', async () => {
    const uri = workspaceUri('roadmap', 'F-003-dark-mode.md'); // status: done is not a configured status
    await vscode.window.showTextDocument(uri);
    const invalid = () =>
      vscode.languages
        .getDiagnostics(uri)
        .some(
          (diagnostic) => diagnostic.source === 'roadmap' && /Unknown status 'done'/.test(diagnostic.message),
        );
    await waitFor(
      'the invalid-enum diagnostic on F-003',
      invalid,
      [vscode.languages.onDidChangeDiagnostics],
      10_000,
    );
  });

  it('completes front-matter values', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('roadmap', 'lang-alpha.md'));
    const offset = document.getText().indexOf('moscow: ') + 'moscow: '.length;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(offset),
    );
    const labels = (list?.items ?? []).map(labelOf);
    for (const value of ['must', 'should', 'could', 'wont'])
      ok(labels.includes(value), `'${value}' in ${labels}`);
  });

  it('opens the roadmap panel, whose webview says ready', async function () {
    this.timeout(60_000);
    // Subscribed before the command: the handshake may come before executeCommand resolves.
    let ready = false;
    // The panel's controller loads on first use (in the web host, from the one bundle); the test listens to it.
    const panel = await api.loadPanel();
    const subscription = panel.onDidReceiveReady(() => (ready = true));
    try {
      await vscode.commands.executeCommand('roadmap.openRoadmap');
      ok(api.panel.panel?.viewType === 'roadmap.panel', 'a roadmap panel is open');
      await waitFor("the webview's ready handshake", () => ready, [api.panel.onDidReceiveReady], 45_000);
    } finally {
      subscription.dispose();
      api.panel.panel?.dispose();
    }
  });
});
