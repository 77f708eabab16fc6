// "Roadmap: Initialize Configuration" in a real VS Code: the inferred config opens unsaved at
// .roadmap/config.yaml, so the user reads it before anything is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/vscode/commandIds';
import { activateRoadmap, readText, workspaceUri } from '../roadmapHelpers';

suite('Initialize Configuration', () => {
  test('shows the inferred config unsaved at .roadmap/config.yaml and writes nothing until saved', async () => {
    await activateRoadmap();
    const configUri = workspaceUri('.roadmap', 'config.yaml');
    const before = await readText(configUri);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(commandIds.initConfig, {
      force: true,
    });
    assert.ok(document, 'the command returns the document it shows');
    try {
      assert.equal(document.uri.scheme, 'untitled');
      assert.ok(document.uri.path.endsWith('/.roadmap/config.yaml'), document.uri.path);
      assert.equal(vscode.window.activeTextEditor?.document, document, 'shown in an editor');
      assert.ok(document.isDirty);
      const text = document.getText();
      assert.match(text, /^# Markdown Roadmap configuration, written by `roadmap init`/);
      // The fixture's features live under roadmap/ and carry id, title and status.
      assert.match(text, /include:\n {2}- roadmap\/\*\*\/\*\.md/);
      assert.match(text, /required: \[ id, title, status \]/);
      assert.equal(await readText(configUri), before, 'nothing written before saving');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
