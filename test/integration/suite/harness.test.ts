// Proves the integration harness itself: a real VS Code extension host loaded the extension under
// development, and the window opened (a copy of) test/fixtures/workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'markdown-roadmap.markdown-roadmap';

describe('integration harness', () => {
  it('runs inside a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    console.log(
      `    vscode ${vscode.version}, ${vscode.env.appName}, ` +
        `uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, remote ${vscode.env.remoteName ?? '-'}`,
    );
  });

  it('loads and activates the extension under development', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens the fixture workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const root = folders[0].uri;
    const config = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, '.roadmap', 'config.yaml'));
    assert.ok(config.byteLength > 0, '.roadmap/config.yaml is readable');
    const features = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, 'roadmap')))
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
      .map(([name]) => name);
    assert.ok(features.length >= 3, `feature files: ${features.join(', ')}`);
  });
});
