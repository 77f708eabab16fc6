// What activation registers of the history features: the hover, the commands, and the git check behind the
// menus' `when` clauses. The features themselves (./historyFeatures.ts) are a side bundle, dist/lazy/history.js,
// loaded on the first history command or hover over a feature's id or title (see ../lazy.ts).
import * as vscode from 'vscode';
import { historyCommandIds } from '../commandIds';
import { onFirstUse } from '../lazy';
import type { RoadmapServices } from '../services';
import { historyUnavailableReason } from './gitRunner';
import type { Baseline, BaselineSink, HistoryFeatures } from './historyFeatures';

/** Context keys the manifest's `when` clauses read. */
export const historyContextKeys = {
  gitAvailable: 'roadmap.gitAvailable',
  comparing: 'roadmap.comparing',
} as const;

/** What the integration tests reach: the compare mode's state. */
export interface HistoryApi {
  baseline(): Baseline | undefined;
  whenAvailabilityKnown(): Promise<boolean>;
}

/** The workspace folder the user means: the active editor's, else the first one (local files only). */
export function currentFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder : undefined;
}

export function registerHistoryFeatures(services: RoadmapServices, panel: BaselineSink): HistoryApi {
  let availability: Promise<boolean> = Promise.resolve(false);
  const refreshAvailability = () => {
    availability = (async () => {
      const folder = currentFolder();
      const reason = folder
        ? await historyUnavailableReason(folder.uri.fsPath)
        : 'Roadmap history reads git, and this workspace has no local folder.';
      await vscode.commands.executeCommand('setContext', historyContextKeys.gitAvailable, !reason);
      return !reason;
    })();
    return availability;
  };
  let loaded: HistoryFeatures | undefined;
  const features = onFirstUse(async () => {
    const { historyFeatures } = await import('./historyFeatures');
    loaded ??= historyFeatures(services, panel, () => availability);
    return loaded;
  });
  services.context.subscriptions.push(
    vscode.languages.registerHoverProvider(
      { language: 'markdown', scheme: 'file' },
      {
        provideHover: async (document, position, token) =>
          (await features()).hover.provideHover(document, position, token),
      },
    ),
    ...Object.values(historyCommandIds).map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) =>
        (await features()).commands[id](...args),
      ),
    ),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refreshAvailability()),
  );
  void refreshAvailability();
  return { baseline: () => loaded?.baseline(), whenAvailabilityKnown: () => refreshAvailability() };
}
