// Roadmap history in a real VS Code: the fixture workspace becomes a git repository with two commits, then the
// hover on a feature's id shows its last change and slip, Show Feature History and Write Status Update open
// Markdown, and Compare with… enters baseline mode (changed features known, a status bar item) and leaves it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../../src/extension';
import type { HostMessage } from '../../../src/shared/protocol';
import {
  activateRoadmap,
  readText,
  waitFor,
  waitForIndexed,
  workspaceRoot,
  workspaceUri,
  writeText,
} from '../roadmapHelpers';

const darkMode = () => workspaceUri('roadmap', 'F-003-dark-mode.md');

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Ana Silva', '-c', 'user.email=ana@example.com', ...args], {
    cwd: workspaceRoot().fsPath,
    encoding: 'utf8',
  });
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

describe('history: hover, feature history, status update and compare mode', () => {
  let api: RoadmapApi;
  let original: string;

  before(async () => {
    api = await activateRoadmap();
    // The panel's controller is a side bundle loaded on first use; the tests reach it through api.panel.
    await api.loadPanel();
    original = await readText(darkMode());
    assert.equal(
      await api.history.whenAvailabilityKnown(),
      false,
      'a folder outside git: the commands are hidden',
    );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'The fixture roadmap');
    await writeText(darkMode(), original.replace('milestone: M0', 'milestone: M0\nend: 2026-03-01'));
    git('commit', '-q', '-am', 'Dark mode gets a date');
    const latest = original
      .replace('milestone: M0', 'milestone: M0\nend: 2026-03-15')
      .replace('moscow: could', 'moscow: should');
    await writeText(darkMode(), latest);
    git('commit', '-q', '-am', 'Dark mode: later, and a should');
    await waitForIndexed(api, darkMode(), latest);
    assert.equal(await api.history.whenAvailabilityKnown(), true, 'the workspace is a git repository now');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await writeText(darkMode(), original);
    // The suites after this one expect the workspace as they found it: not a repository.
    rmSync(join(workspaceRoot().fsPath, '.git'), { recursive: true, force: true });
    assert.equal(await api.history.whenAvailabilityKnown(), false);
  });

  it('the hover on a feature id lists its last changes and its slip, with a link to the full history', async () => {
    const document = await vscode.workspace.openTextDocument(darkMode());
    await vscode.window.showTextDocument(document);
    const idLine = document
      .getText()
      .split('\n')
      .findIndex((line) => line.startsWith('id:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(idLine, 5),
    );
    const text = hoverText(hovers);
    assert.match(text, /Slipped \\\+14 days\*\* since first planned: end 2026-03-01 → 2026-03-15/);
    assert.match(text, /Last changes/);
    assert.match(text, /moscow could → should/);
    assert.match(text, /\[Show full history\]\(command:roadmap\.showHistory\?/);
  });

  it('Show Feature History opens its history as Markdown', async () => {
    await vscode.commands.executeCommand('roadmap.showHistory', 'F-003');
    await waitFor(
      'the history document',
      () => /History of F-003/.test(vscode.window.activeTextEditor?.document.getText() ?? ''),
      [vscode.window.onDidChangeActiveTextEditor],
    );
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /\| end \| 2026-03-01 → 2026-03-15 \|/);
    assert.equal(vscode.window.activeTextEditor!.document.languageId, 'markdown');
  });

  it('Write Status Update writes the Markdown update since a commit', async () => {
    const first = git('rev-list', '--max-parents=0', 'HEAD').trim();
    await vscode.commands.executeCommand('roadmap.writeStatusUpdate', first);
    await waitFor(
      'the status update',
      () => /## Roadmap update/.test(vscode.window.activeTextEditor?.document.getText() ?? ''),
      [vscode.window.onDidChangeActiveTextEditor],
    );
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /### Re-prioritised\n\n- \*\*F-003\*\* Dark mode — could → should/);
  });

  it('Compare with… enters baseline mode, drawn in the real panel, and one command leaves it', async function () {
    this.timeout(90_000);
    const delivered = (what: string, matches: (message: HostMessage) => boolean) =>
      new Promise<HostMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          subscription.dispose();
          reject(new Error(`timed out waiting for ${what}`));
        }, 45_000);
        const subscription = api.panel.onDidPostMessage((message) => {
          if (!matches(message)) return;
          clearTimeout(timer);
          subscription.dispose();
          resolve(message);
        });
      });
    const model = delivered('the model', (message) => message.type === 'model');
    await api.panel.open();
    await model;

    const entered = delivered(
      'the baseline',
      (message) => message.type === 'baseline' && message.baseline !== null,
    );
    await vscode.commands.executeCommand('roadmap.compareWith', 'HEAD~2');
    const baseline = api.history.baseline();
    assert.ok(baseline, 'baseline mode is on');
    assert.equal(baseline.ref, 'HEAD~2');
    assert.deepEqual(
      baseline.diff.features.map((change) => [change.id, change.change]),
      [['F-003', 'changed']],
    );
    const message = await entered;
    assert.ok(message.type === 'baseline' && message.baseline);
    assert.deepEqual(
      message.baseline.features.map((feature) => [feature.id, feature.kinds]),
      [['F-003', ['reprioritised']]],
    );

    const left = delivered(
      'leaving baseline mode',
      (message) => message.type === 'baseline' && message.baseline === null,
    );
    await vscode.commands.executeCommand('roadmap.leaveCompare');
    await left;
    assert.equal(api.history.baseline(), undefined);
    api.panel.panel?.dispose();
  });
});
