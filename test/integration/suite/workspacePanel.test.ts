// The panel as a daily workspace, in a real VS Code: opening a feature from the panel never splits or squeezes
// it and opens one editor; the status bar's counts, VS Code's diagnostics and the Problems panel agree without
// opening any file (files that need repair included); and the panel comes back as it was when reopened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../../src/extension';
import type { HostMessage, RoadmapModel } from '../../../src/shared/protocol';

const EXTENSION_ID = 'markdown-roadmap.markdown-roadmap';
const WAIT_MS = 20_000;

function waitFor<T>(
  event: vscode.Event<T>,
  what: string,
  matches: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
    const subscription = event((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Layout {
  orientation: number;
  groups: unknown[];
}

describe('the panel as a workspace', function () {
  let api: RoadmapApi;
  let root: vscode.Uri;
  const created: vscode.Uri[] = [];

  before(async function () {
    this.timeout(60_000);
    const extension = vscode.extensions.getExtension<RoadmapApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    await api.services.service.whenIndexed();
    // The panel's controller is a side bundle loaded on first use; the tests reach it through api.panel.
    await api.loadPanel();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  after(async () => {
    api?.panel.panel?.dispose();
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  async function openFreshPanel(): Promise<RoadmapModel> {
    api.panel.panel?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const model = waitFor(api.panel.onDidPostMessage, 'a model', (message) => message.type === 'model');
    await vscode.commands.executeCommand('roadmap.openRoadmap');
    return ((await model) as Extract<HostMessage, { type: 'model' }>).model;
  }

  function tabsOf(uri: vscode.Uri): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((group) =>
      group.tabs.filter(
        (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString(),
      ),
    );
  }

  it('opening a feature from the panel keeps its width and editor groups, and opens one editor', async function () {
    this.timeout(60_000);
    const model = await openFreshPanel();
    const feature = model.features[0]!;
    const uri = vscode.Uri.joinPath(root, ...feature.file.split('/'));
    const layoutBefore = (await vscode.commands.executeCommand('vscode.getEditorLayout')) as Layout;
    const groupsBefore = vscode.window.tabGroups.all.length;
    const column = api.panel.panel!.viewColumn;
    // A double click: two opens of the same file in quick succession.
    await api.panel.receive({ type: 'openFeature', file: feature.file });
    await api.panel.receive({ type: 'openFeature', file: feature.file });
    await until('the feature file open', () => tabsOf(uri).length > 0);
    assert.equal(tabsOf(uri).length, 1, 'one editor for a double click');
    assert.equal(vscode.window.tabGroups.all.length, groupsBefore, 'no new editor group');
    assert.deepEqual(
      await vscode.commands.executeCommand('vscode.getEditorLayout'),
      layoutBefore,
      'the same layout',
    );
    assert.equal(api.panel.panel?.viewColumn, column, 'the panel did not move');

    // With the file beside the panel already, another feature opens there: still two groups, same sizes.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openFreshPanel();
    const other = model.features[1]!;
    const otherUri = vscode.Uri.joinPath(root, ...other.file.split('/'));
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const twoGroups = vscode.window.tabGroups.all.length;
    const layout = await vscode.commands.executeCommand('vscode.getEditorLayout');
    await api.panel.receive({ type: 'openFeature', file: other.file });
    await until('the other feature open', () => tabsOf(otherUri).length > 0);
    assert.equal(vscode.window.tabGroups.all.length, twoGroups);
    assert.deepEqual(await vscode.commands.executeCommand('vscode.getEditorLayout'), layout);
    assert.equal(api.panel.panel?.visible, true, 'the panel is still shown');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the status bar counts, the diagnostics and a file that needs repair agree without opening anything', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const broken = vscode.Uri.joinPath(root, 'roadmap', 'needs-repair.md');
    created.push(broken);
    await vscode.workspace.fs.writeFile(
      broken,
      new TextEncoder().encode('---\nid: F-900\ntitle: [unclosed\n---\n# Broken\n'),
    );
    const service = api.services.service;
    await until('the broken file indexed', () =>
      service.folderStates()[0]!.index.has('roadmap/needs-repair.md'),
    );
    const counted = () => {
      let errors = 0;
      let warnings = 0;
      for (const state of service.folderStates())
        for (const file of state.index.files()) {
          for (const diagnostic of vscode.languages.getDiagnostics(service.uriOf(state, file))) {
            if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
            else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
          }
        }
      return { errors, warnings };
    };
    await until('the diagnostics published for every file', () => {
      const expected = service.problemCounts();
      const actual = counted();
      return expected.errors === actual.errors && expected.warnings === actual.warnings;
    });
    assert.ok(service.problemCounts().errors > 0, 'the broken file is counted');
    const diagnostics = vscode.languages.getDiagnostics(broken);
    assert.ok(
      diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      'the broken file has its error',
    );
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === broken.toString()),
      'without opening it',
    );
    await until('the tree shows it under Needs repair', () => api.tree.repairNodeOf(broken) !== undefined);
    const item = api.tree.getTreeItem(api.tree.repairNodeOf(broken)!);
    assert.equal(item.command?.command, 'vscode.open');
    assert.match(String(item.description), /YAML|front-matter/i);
    const model = await openFreshPanel();
    assert.ok(
      model.needsRepair?.some((entry) => entry.file === 'roadmap/needs-repair.md'),
      'the panel counts it',
    );
  });

  it('a closed and reopened panel gets its view, filters and selection back', async function () {
    this.timeout(60_000);
    const model = await openFreshPanel();
    const state = {
      view: 'priority',
      zoom: 'year',
      filters: { text: '', owner: [model.features[0]!.owner ?? 'x'] },
      selected: model.features[0]!.file,
      scroll: { priority: { top: 120, left: 0 } },
    };
    await api.panel.receive({ type: 'saveState', state });
    api.panel.panel?.dispose();
    const restored = waitFor(
      api.panel.onDidPostMessage,
      'restoreState',
      (message) => message.type === 'restoreState',
    );
    await vscode.commands.executeCommand('roadmap.openRoadmap');
    assert.deepEqual(((await restored) as Extract<HostMessage, { type: 'restoreState' }>).state, state);
  });

  it('a saved view in .roadmap/views.yaml shows in the tree, reaches the panel, and opens from the palette', async function () {
    this.timeout(60_000);
    // The saved views are read at activation for the tree, the panel (loaded later) shares them.
    const file = vscode.Uri.joinPath(root, '.roadmap', 'views.yaml');
    created.push(file);
    const name = 'Musts on the timeline';
    const listed = waitFor(
      api.panel.onDidPostMessage,
      'the saved views posted to the panel',
      (message) => message.type === 'savedViews' && message.views.some((view) => view.name === name),
    );
    await openFreshPanel();
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode(
        `views:\n  - name: ${name}\n    view: timeline\n    filters:\n      moscow: [must]\n`,
      ),
    );
    await listed;
    await until('the tree lists the saved view', () =>
      api.tree
        .getChildren()
        .some((node) => node.kind === 'savedViews' && node.children.some((child) => child.name === name)),
    );
    const applied = waitFor(
      api.panel.onDidPostMessage,
      'the saved view applied',
      (message) => message.type === 'applyView' && message.name === name,
    );
    assert.equal(await vscode.commands.executeCommand('roadmap.openSavedView', name), true);
    await applied;
  });
});
