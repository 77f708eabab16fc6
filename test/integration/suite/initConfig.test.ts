// "Roadmap: Initialize Configuration" in a real VS Code: the inferred config is shown unsaved, so the user
// reads it before anything is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/vscode/commandIds';
import { activateRoadmap, exists, readText, waitFor, workspaceUri, writeText } from '../roadmapHelpers';

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

  it('with no config, opens a new unsaved one at .roadmap/config.yaml; saving writes it and re-indexes', async () => {
    const api = await activateRoadmap();
    const { service } = api.services;
    const configUri = workspaceUri('.roadmap', 'config.yaml');
    const original = await readText(configUri);
    const configTextIs = (text: string | undefined) =>
      waitFor(
        `the index to use ${text === undefined ? 'no config' : 'the config written'}`,
        () => service.folderStates()[0]?.configText === text,
        [service.onDidChange],
        10000,
      );
    try {
      await vscode.workspace.fs.delete(configUri);
      await configTextIs(undefined);
      const document = await vscode.commands.executeCommand<vscode.TextDocument>(commandIds.initConfig);
      assert.ok(document);
      assert.equal(document.uri.scheme, 'untitled');
      assert.ok(document.uri.path.endsWith('/.roadmap/config.yaml'), document.uri.path);
      assert.equal(vscode.window.activeTextEditor?.document, document, 'shown in an editor');
      const text = document.getText();
      assert.match(text, /^# Markdown Roadmap configuration/);
      assert.ok(await document.save(), 'saved');
      assert.equal(await readText(configUri), text);
      await configTextIs(text);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (!(await exists(configUri)) || (await readText(configUri)) !== original)
        await writeText(configUri, original);
      await configTextIs(original);
    }
  });
});
