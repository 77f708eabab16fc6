// "Roadmap: Initialize Configuration" in a real VS Code: the inferred config is shown unsaved, so the user
// reads it before anything is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/vscode/commandIds';
import { activateRoadmap, readText, workspaceUri } from '../roadmapHelpers';

describe('Initialize Configuration', () => {
  it('replaces the config only in the editor: the inferred text is shown unsaved, the file is untouched', async () => {
    await activateRoadmap();
    const configUri = workspaceUri('.roadmap', 'config.yaml');
    const before = await readText(configUri);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(commandIds.initConfig, {
      force: true,
    });
    assert.ok(document, 'the command returns the document it shows');
    try {
      assert.equal(document.uri.toString(), configUri.toString());
      assert.equal(vscode.window.activeTextEditor?.document, document, 'shown in an editor');
      assert.ok(document.isDirty, 'not saved');
      const text = document.getText();
      assert.match(text, /^# Markdown Roadmap configuration, written by `roadmap init`/);
      // The fixture's features live under roadmap/ and all carry id, title and status.
      assert.match(text, /include:\n {2}- roadmap\/\*\*\/\*\.md/);
      assert.match(text, /required: \[ id, title, status \]/);
      assert.equal(await readText(configUri), before, 'nothing written before saving');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.equal(await readText(configUri), before);
  });
});
