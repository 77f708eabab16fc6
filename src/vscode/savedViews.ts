// The saved views of every workspace folder's `.roadmap/views.yaml`: read at start and when the file changes,
// written when the panel saves one. The panel, the tree and the palette all read them from here.
import * as vscode from 'vscode';
import { savedViewsPath } from '../core/savedViews';
import type { SavedView } from '../shared/protocol';
import type { Log } from './log';
import type { RoadmapService } from './roadmapService';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export class SavedViewsStore implements vscode.Disposable {
  private list: SavedView[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<SavedView[]>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly service: RoadmapService,
    private readonly log: Log,
    listener?: (views: SavedView[]) => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${savedViewsPath}`);
    this.disposables.push(
      watcher,
      this.changed,
      watcher.onDidCreate(() => void this.reload()),
      watcher.onDidChange(() => void this.reload()),
      watcher.onDidDelete(() => void this.reload()),
    );
    if (listener) this.disposables.push(this.onDidChange(listener));
    void this.reload();
  }

  views(): SavedView[] {
    return this.list;
  }

  private fileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, savedViewsPath);
  }

  async reload(): Promise<void> {
    const views: SavedView[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let text: string;
      try {
        text = decoder.decode(await vscode.workspace.fs.readFile(this.fileOf(folder)));
      } catch {
        continue;
      }
      // Read only when a workspace has saved views (see ./lazy.ts).
      const { parseSavedViews } = await import('../core/savedViews');
      const parsed = parseSavedViews(text);
      for (const problem of parsed.problems) this.log.warn(`${folder.name}: ${problem}`);
      for (const view of parsed.views) if (!views.some((known) => known.name === view.name)) views.push(view);
    }
    // Announced only when they changed: a tree refresh that changes nothing delays the next one (VS Code
    // debounces a tree's refreshes), and every start reads the file.
    const changed = JSON.stringify(views) !== JSON.stringify(this.list);
    this.list = views;
    if (changed) this.changed.fire(views);
  }

  /** Adds or replaces a view in the first folder's file (created when missing). */
  async save(view: SavedView): Promise<void> {
    const folder = this.service.folderStates()[0]?.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const uri = this.fileOf(folder);
    let text = '';
    try {
      text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = '# Saved views of the roadmap panel: Roadmap: Save View adds one, the tree lists them.\n';
    }
    try {
      const { upsertSavedView } = await import('../core/savedViews');
      await vscode.workspace.fs.writeFile(uri, encoder.encode(upsertSavedView(text, view)));
    } catch (error) {
      void vscode.window.showErrorMessage(`Roadmap: could not save the view: ${(error as Error).message}`);
      return;
    }
    void vscode.window.showInformationMessage(`Roadmap: saved the view '${view.name}' in ${savedViewsPath}.`);
    await this.reload();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
