// @ts-check
// The floor of the editor's start (scripts/bench/editor.mjs --floor): what the bench waits for from Markdown
// Roadmap (a status-bar feature count and a feature row under a group in a "Roadmap" tree), drawn as soon as
// VS Code calls activate(), from nothing. Its times are VS Code's own share of a start in this harness.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- VS Code loads an extension as CommonJS, and this one has no build step
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  const item = vscode.window.createStatusBarItem('editorFloor.status', vscode.StatusBarAlignment.Left, 50);
  item.text = '1 feature';
  item.show();
  const group = { label: 'Group', children: [{ label: 'Feature' }] };
  /** @type {vscode.TreeDataProvider<{ label: string, children?: { label: string }[] }>} */
  const provider = {
    getChildren: (node) => (node ? (node.children ?? []) : [group]),
    getTreeItem: (node) =>
      new vscode.TreeItem(
        node.label,
        node.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      ),
  };
  context.subscriptions.push(item, vscode.window.registerTreeDataProvider('editorFloor.tree', provider));
}

module.exports = { activate };
