// Roadmap history in the editor: the hover on a feature's id or title (its last changes and its slip),
// Roadmap: Show Feature History, Roadmap: Write Status Update, and Roadmap: Compare with… (baseline mode: changed
// features decorated in the tree and the explorer, one click on the status bar to leave). Git runs in child
// processes through the bundled CLI; where there is no git the commands are hidden and say why if invoked.
import * as vscode from 'vscode';
import { baselineKinds, baselineView } from '../../core/history/baselineView';
import type { RoadmapDiff } from '../../core/history/diff';
import type { BaselineKind, BaselineMessage } from '../../shared/protocol';
import type { FeatureHistory } from '../../core/history/featureHistory';
import { historyHoverMarkdown } from '../../core/history/historyHover';
import { addDays, localToday } from '../../core/plan/calendar';
import { historyCommandIds as commandIds } from '../commandIds';
import type { RoadmapServices } from '../services';
import { GitUnavailable, historyUnavailableReason, runGit, runRoadmapCli } from './gitRunner';
import { currentFolder, historyContextKeys } from './historyRegistration';

type HistoryCommandId = (typeof commandIds)[keyof typeof commandIds];

/** Hover histories are kept this long: commits happen outside the editor, so no event says when they change. */
const historyTtlMs = 30_000;

export interface Baseline {
  ref: string;
  diff: RoadmapDiff;
  folder: vscode.WorkspaceFolder;
}

/** The badge letter of a change's most telling kind, for the tree and the explorer. */
const badgeLetters: Record<BaselineKind, string> = { new: 'N', moved: 'S', reprioritised: 'P', changed: 'M' };
const kindWords: Record<BaselineKind, string> = {
  new: 'new',
  moved: 'moved in time',
  reprioritised: 're-prioritised',
  changed: 'changed',
};

/** Where the panel's baseline mode is drawn (the panel controller). */
export interface BaselineSink {
  postBaseline(message: BaselineMessage): Promise<void>;
}

class BaselineDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private decorated = new Map<string, vscode.FileDecoration>();

  set(baseline: Baseline | undefined): void {
    const previous = [...this.decorated.keys()].map((key) => vscode.Uri.parse(key));
    this.decorated = new Map();
    if (baseline) {
      const label = baseline.ref;
      for (const change of baseline.diff.features) {
        if (change.change === 'removed') continue;
        const kinds = baselineKinds(change);
        const badge = badgeLetters[kinds[0]];
        const kind = kinds.map((entry) => kindWords[entry]).join(', ');
        const fields = change.fields
          .filter(() => change.change === 'changed')
          .map((field) => field.field)
          .join(', ');
        const uri = vscode.Uri.joinPath(baseline.folder.uri, change.file);
        const decoration = new vscode.FileDecoration(
          badge,
          `${kind} since ${label}${fields ? `: ${fields}` : ''}`,
          new vscode.ThemeColor(
            change.change === 'added'
              ? 'gitDecoration.addedResourceForeground'
              : 'gitDecoration.modifiedResourceForeground',
          ),
        );
        this.decorated.set(uri.toString(), decoration);
      }
    }
    this.changed.fire([...previous, ...[...this.decorated.keys()].map((key) => vscode.Uri.parse(key))]);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return this.decorated.get(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What ./historyRegistration.ts registers at activation and forwards to, once this side bundle has loaded. */
export interface HistoryFeatures {
  hover: vscode.HoverProvider;
  commands: Record<HistoryCommandId, (...args: unknown[]) => unknown>;
  baseline(): Baseline | undefined;
}

/**
 * The history features (a side bundle, dist/lazy/history.js, loaded on the first history command or hover).
 * `availability` is the git check the registration runs at activation, for the menus' `when` clauses.
 */
export function historyFeatures(
  services: RoadmapServices,
  panel: BaselineSink,
  availability: () => Promise<boolean>,
): HistoryFeatures {
  const { context, service, log } = services;
  const cliPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const histories = new Map<string, { at: number; result: Promise<FeatureHistory> }>();
  const decorations = new BaselineDecorations();
  const statusItem = vscode.window.createStatusBarItem(
    'roadmap.baseline',
    vscode.StatusBarAlignment.Left,
    50,
  );
  statusItem.name = 'Roadmap Baseline';
  statusItem.command = commandIds.leaveCompare;
  let baseline: Baseline | undefined;

  /** The folder to work in, or a message that says why history is not available here. */
  const requireFolder = async (): Promise<vscode.WorkspaceFolder | undefined> => {
    const folder = currentFolder();
    const reason = folder
      ? await historyUnavailableReason(folder.uri.fsPath).catch((error: Error) => error.message)
      : 'Roadmap history reads git, and this workspace has no local folder (or runs in the browser).';
    if (reason) {
      void vscode.window.showInformationMessage(reason);
      return undefined;
    }
    return folder;
  };

  const cli = (folder: vscode.WorkspaceFolder, args: string[]) =>
    runRoadmapCli(cliPath, [...args], folder.uri.fsPath);

  const historyOf = (folder: vscode.WorkspaceFolder, id: string): Promise<FeatureHistory> => {
    const key = `${folder.uri.toString()}\u0000${id}`;
    const cached = histories.get(key);
    if (cached && Date.now() - cached.at < historyTtlMs) return cached.result;
    const result = cli(folder, ['history', id, '.', '--format', 'json']).then(
      (output) => JSON.parse(output) as FeatureHistory,
    );
    histories.set(key, { at: Date.now(), result });
    result.catch(() => histories.delete(key));
    return result;
  };

  const openMarkdown = async (content: string) => {
    const document = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
    await vscode.window.showTextDocument(document, { preview: false });
  };

  const failed = (what: string) => (error: unknown) => {
    log.error(what, error);
    void vscode.window.showErrorMessage(
      error instanceof GitUnavailable ? error.message : `${what}: ${(error as Error).message}`,
    );
  };

  const activeFeatureId = (): string | undefined => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri ? service.lookup(uri)?.parsed.feature?.id : undefined;
  };

  const showHistory = async (id?: unknown) => {
    const folder = await requireFolder();
    if (!folder) return;
    let featureId = typeof id === 'string' ? id : activeFeatureId();
    featureId ??= await vscode.window.showInputBox({
      title: 'Show Feature History',
      prompt: 'The id of the feature',
      placeHolder: 'F-001',
    });
    if (!featureId) return;
    try {
      await openMarkdown(await cli(folder, ['history', featureId, '.', '--format', 'markdown']));
    } catch (error) {
      failed(`Could not read the history of ${featureId}`)(error);
    }
  };

  /** `since` skips the question (a commit, tag, branch or yyyy-mm-dd), for keybindings and tests. */
  const writeStatusUpdate = async (sinceArgument?: unknown) => {
    const folder = await requireFolder();
    if (!folder) return;
    if (typeof sinceArgument === 'string') return report(folder, sinceArgument);
    const today = localToday();
    const tags = await runGit(folder.uri.fsPath, [
      'for-each-ref',
      '--sort=-creatordate',
      '--count=1',
      '--format=%(refname:short)',
      'refs/tags',
    ]).catch(() => '');
    const latestTag = tags.trim();
    const choices: (vscode.QuickPickItem & { since?: string })[] = [
      { label: 'The last 2 weeks', description: `since ${addDays(today, -14)}`, since: addDays(today, -14) },
      { label: 'The last week', description: `since ${addDays(today, -7)}`, since: addDays(today, -7) },
      { label: 'The last 30 days', description: `since ${addDays(today, -30)}`, since: addDays(today, -30) },
    ];
    if (latestTag)
      choices.push({ label: `Since ${latestTag}`, description: 'the latest tag', since: latestTag });
    choices.push({ label: 'Since a commit, tag or date…' });
    const picked = await vscode.window.showQuickPick(choices, { title: 'Write Status Update: since when?' });
    if (!picked) return;
    const since =
      picked.since ??
      (await vscode.window.showInputBox({
        title: 'Since',
        prompt: 'A commit, branch, tag or date (yyyy-mm-dd)',
      }));
    if (!since) return;
    await report(folder, since);
  };

  const report = async (folder: vscode.WorkspaceFolder, since: string) => {
    try {
      await openMarkdown(await cli(folder, ['report', '.', '--since', since, '--format', 'markdown']));
    } catch (error) {
      failed('Could not write the status update')(error);
    }
  };

  const setBaseline = async (next: Baseline | undefined) => {
    baseline = next;
    decorations.set(next);
    await panel.postBaseline({ type: 'baseline', baseline: next ? baselineView(next.diff, next.ref) : null });
    await vscode.commands.executeCommand('setContext', historyContextKeys.comparing, !!next);
    if (next) {
      const { added, removed, changed } = next.diff.summary;
      statusItem.text = `$(git-compare) Compared with ${next.ref}`;
      statusItem.tooltip = `${changed} changed, ${added} new, ${removed} removed since ${next.ref}. Click to leave the comparison.`;
      statusItem.show();
    } else statusItem.hide();
  };

  const pickRef = async (folder: vscode.WorkspaceFolder): Promise<string | undefined> => {
    const git = (args: string[]) => runGit(folder.uri.fsPath, args).catch(() => '');
    const [tags, branches, commits] = await Promise.all([
      git([
        'for-each-ref',
        '--sort=-creatordate',
        '--count=20',
        '--format=%(refname:short)%09%(creatordate:short)',
        'refs/tags',
      ]),
      git([
        'for-each-ref',
        '--sort=-committerdate',
        '--count=20',
        '--format=%(refname:short)%09%(committerdate:short)',
        'refs/heads',
        'refs/remotes',
      ]),
      git(['log', '-n', '15', '--format=%H%x09%h%x09%ad%x09%s', '--date=short']),
    ]);
    type RefItem = vscode.QuickPickItem & { ref?: string };
    const items: RefItem[] = [];
    const section = (label: string, entries: RefItem[]) => {
      if (entries.length === 0) return;
      items.push({ label, kind: vscode.QuickPickItemKind.Separator }, ...entries);
    };
    const lines = (output: string) =>
      output
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'));
    section(
      'Tags',
      lines(tags).map(([name, date]) => ({ label: `$(tag) ${name}`, description: date, ref: name })),
    );
    section(
      'Branches',
      lines(branches)
        .filter(([name]) => !name.endsWith('/HEAD'))
        .map(([name, date]) => ({ label: `$(git-branch) ${name}`, description: date, ref: name })),
    );
    section(
      'Recent commits',
      lines(commits).map(([full, short, date, ...subject]) => ({
        label: `$(git-commit) ${short}`,
        description: date,
        detail: subject.join('\t'),
        ref: full,
      })),
    );
    items.push(
      { label: 'Other', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(edit) Enter a commit or ref…' },
    );
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Compare the roadmap with…',
      placeHolder: 'A tag, branch or commit: the views show what changed since then',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    return (
      picked.ref ??
      (await vscode.window.showInputBox({ title: 'Compare with', prompt: 'A commit, branch or tag' }))
    );
  };

  const compareWith = async (ref?: unknown) => {
    const folder = await requireFolder();
    if (!folder) return;
    const chosen = typeof ref === 'string' ? ref : await pickRef(folder);
    if (!chosen) return;
    try {
      const output = await cli(folder, ['diff', '.', '--base', chosen, '--format', 'json']);
      await setBaseline({ ref: chosen, diff: JSON.parse(output) as RoadmapDiff, folder });
    } catch (error) {
      failed(`Could not compare with ${chosen}`)(error);
    }
  };

  const hover: vscode.HoverProvider = {
    async provideHover(document, position) {
      const ref = service.lookup(document.uri);
      const parsed = ref?.parsed;
      const id = parsed?.feature?.id;
      if (!ref || !parsed || !id || parsed.split.kind !== 'closed') return undefined;
      const offset = document.offsetAt(position);
      if (offset < parsed.split.yamlStart || offset > parsed.split.yamlEnd) return undefined;
      const keys = [parsed.keys.id ?? 'id', parsed.keys.title ?? 'title'];
      const line = document.lineAt(position.line).text;
      if (!keys.some((key) => line.startsWith(`${key}:`))) return undefined;
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      if (!folder || folder.uri.scheme !== 'file' || !(await availability())) return undefined;
      try {
        const history = await historyOf(folder, id);
        const markdown = new vscode.MarkdownString(historyHoverMarkdown(history, commandIds.showHistory));
        markdown.isTrusted = { enabledCommands: [commandIds.showHistory] };
        markdown.supportHtml = false;
        return new vscode.Hover(markdown, document.lineAt(position.line).range);
      } catch (error) {
        log.info(`No history for ${id}: ${(error as Error).message}`);
        return undefined;
      }
    },
  };

  context.subscriptions.push(
    decorations,
    statusItem,
    vscode.window.registerFileDecorationProvider(decorations),
    vscode.workspace.onDidSaveTextDocument(() => histories.clear()),
  );
  return {
    hover,
    commands: {
      [commandIds.showHistory]: showHistory,
      [commandIds.writeStatusUpdate]: writeStatusUpdate,
      [commandIds.compareWith]: compareWith,
      [commandIds.leaveCompare]: () => setBaseline(undefined),
    },
    baseline: () => baseline,
  };
}
