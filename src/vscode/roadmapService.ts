// The index inside VS Code: one WorkspaceIndex per workspace folder, fed from `workspace.fs`, kept current by a
// file watcher and by open editors (an editor's unsaved text wins over the disk).
import * as vscode from 'vscode';
import { configPath, type ConfigProblem } from '../core/config';
import {
  createDiscovery,
  neverScanned,
  unmatchedIncludes,
  zeroConfigGlob,
  type Discovery,
} from '../core/discovery';
import type { FeatureFile } from '../core/featureFile';
import { LineIndex } from '../core/lineIndex';
import {
  buildConfig,
  looksLikeOwnFeature,
  needsSignature,
  planConfig,
  signatureGlobs,
  type PresetChoice,
  type ResolvedConfig,
  type WorkspaceSignature,
} from '../core/presets/presets';
import type { Feature, Issue } from '../core/types';
import { WorkspaceIndex } from '../core/workspaceIndex';
import type { Log } from './log';

/** Files above this size are skipped: no one maintains a feature file this big, and reading it costs. */
const maxFileBytes = 64 * 1024 * 1024;
/** Only the head can hold front-matter; decoding a 50 MB body would be wasted work. */
const headBytes = 1024 * 1024;
const decoder = new TextDecoder('utf-8');

export interface FolderState {
  folder: vscode.WorkspaceFolder;
  index: WorkspaceIndex;
  discovery: Discovery;
  configProblems: ConfigProblem[];
  configText?: string;
  /** The preset the config was built from: recognised from the files (no config file), or named by `preset:`. */
  preset?: PresetChoice;
  /** Markdown files the discovery looked at (features or not): the welcome view and log report it. */
  scanned: number;
  /** The text each indexed file was parsed from (its head for huge files); spans index into it. */
  texts: Map<string, string>;
}

export interface FeatureRef {
  folder: FolderState;
  /** Folder-relative path with forward slashes: the index key. */
  file: string;
  uri: vscode.Uri;
  parsed: FeatureFile;
}

export interface RoadmapChange {
  /** Files whose features or issues changed (removed files included). */
  uris: vscode.Uri[];
}

export class RoadmapService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly changeEmitter = new vscode.EventEmitter<RoadmapChange>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private indexing: Promise<void> = Promise.resolve();
  private indexed = false;

  /** Fires after the index changed, with the files whose issues or features changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly log: Log) {}

  /** Starts indexing in the background and watching for changes. Returns at once. */
  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,MD,yaml,yml}');
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${configPath}`);
    // A preset may read the format's own settings (Backlog.md's config.yml holds its statuses).
    const presetSettingsWatcher = vscode.workspace.createFileSystemWatcher('**/config.yml');
    // Deletes are watched on everything: a deleted folder fires one event for the folder, not for its files.
    const deleteWatcher = vscode.workspace.createFileSystemWatcher('**', true, true, false);
    this.disposables.push(
      watcher,
      configWatcher,
      watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
      watcher.onDidChange((uri) => void this.readFromDisk(uri)),
      deleteWatcher,
      deleteWatcher.onDidDelete((uri) => this.removeUnder(uri)),
      configWatcher.onDidCreate((uri) => void this.reloadFolderOf(uri)),
      configWatcher.onDidChange((uri) => void this.reloadFolderOf(uri)),
      configWatcher.onDidDelete((uri) => void this.reloadFolderOf(uri)),
      presetSettingsWatcher,
      presetSettingsWatcher.onDidCreate((uri) => void this.reloadFolderOf(uri)),
      presetSettingsWatcher.onDidChange((uri) => void this.reloadFolderOf(uri)),
      presetSettingsWatcher.onDidDelete((uri) => void this.reloadFolderOf(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // Closed without saving: the disk is the truth again.
        if (this.lookup(document.uri)) void this.readFromDisk(document.uri);
      }),
    );
    void this.refresh();
  }

  /** Resolves when the current (re)indexing has finished. */
  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  get isIndexed(): boolean {
    return this.indexed;
  }

  /** Re-reads every config and file of every workspace folder. */
  refresh(): Promise<void> {
    const run = async () => {
      const started = Date.now();
      const removed = [...this.folders.values()].flatMap((state) =>
        state.index.files().map((file) => this.uriOf(state, file)),
      );
      this.folders.clear();
      const progressDelay = setTimeout(() => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Roadmap: indexing feature files…' },
          () => this.indexing,
        );
      }, 1000);
      try {
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          // One folder that cannot be listed must not leave the others unindexed.
          try {
            await this.indexFolder(folder);
          } catch (error) {
            this.log.error(`Could not index ${folder.name}`, error);
          }
        }
      } finally {
        clearTimeout(progressDelay);
      }
      this.indexed = true;
      const uris = new Map(removed.map((uri) => [uri.toString(), uri]));
      for (const state of this.folders.values()) {
        state.index.flush();
        for (const file of state.index.files()) {
          const uri = this.uriOf(state, file);
          uris.set(uri.toString(), uri);
        }
      }
      this.log.info(
        `Indexed ${this.featureCount()} features in ${this.folders.size} folder(s) in ${Date.now() - started} ms.`,
      );
      this.changeEmitter.fire({ uris: [...uris.values()] });
    };
    this.indexing = this.indexing
      .then(run, run)
      .catch((error: unknown) => this.log.error('Indexing failed', error));
    return this.indexing;
  }

  private async indexFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const exclude = `{${[...neverScanned].map((name) => `**/${name}/**`).join(',')}}`;
    const { config, problems, text, choice, ownIncludes } = await this.readConfig(folder, exclude);
    const state: FolderState = {
      folder,
      index: new WorkspaceIndex(config),
      discovery: createDiscovery(config),
      configProblems: problems,
      configText: text,
      preset: choice,
      scanned: 0,
      texts: new Map(),
    };
    this.folders.set(folder.uri.toString(), state);
    const source = text === undefined && choice ? `preset '${choice.preset.name}'` : configPath;
    for (const problem of problems) this.log.warn(`${folder.name}/${source}: ${problem.message}`);
    if (choice?.detected)
      this.log.info(
        `${folder.name}: no ${configPath}; recognised ${choice.preset.title}${choice.base ? ` in ${choice.base}` : ''} (preset '${choice.preset.name}').`,
      );
    const found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, '**/*.{md,markdown,yaml,yml}'),
      exclude,
    );
    const candidates = found.filter((uri) => state.discovery.isCandidate(this.relativePath(folder, uri)));
    state.scanned = found.length;
    for (const glob of unmatchedIncludes(
      ownIncludes,
      candidates.map((uri) => this.relativePath(folder, uri)),
    ))
      this.log.warn(`${folder.name}/${configPath}: include '${glob}' matches no file.`);
    // A few reads in flight at once: enough to hide latency, few enough not to starve the extension host.
    const queue = [...candidates];
    const worker = async () => {
      for (let uri = queue.shift(); uri; uri = queue.shift()) await this.readInto(state, uri);
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    this.log.info(
      `${folder.name}: ${candidates.length} Markdown candidates, ${state.index.size} feature files.`,
    );
    if (state.index.size === 0)
      this.log.warn(
        `${folder.name}: no feature found among ${found.length} Markdown files. Run "Roadmap: Initialize Configuration" to infer a config, list them under include: in ${configPath}, or name a preset.`,
      );
  }

  /** The folder's config file layered on its preset, or the preset its files show, or the defaults. */
  private async readConfig(folder: vscode.WorkspaceFolder, exclude: string): Promise<ResolvedConfig> {
    const read = async (relative: string): Promise<string | undefined> => {
      const uri = vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
      const open = vscode.workspace.textDocuments.find(
        (document) => document.uri.toString() === uri.toString(),
      );
      try {
        // Unsaved edits win; a clean document may outlive its file (deleted on disk), so the disk decides.
        return open?.isDirty ? open.getText() : decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    };
    const text = await read(configPath);
    // Listing files for a signature costs a search: only when the config leaves the format open.
    let signature: WorkspaceSignature = { found: [], ownFormatInUse: false };
    if (needsSignature(text)) {
      const [found, ownCandidates] = await Promise.all([
        vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, `{${signatureGlobs.join(',')}}`),
          exclude,
          5000,
        ),
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, zeroConfigGlob), exclude, 50),
      ]);
      let ownFormatInUse = false;
      for (const uri of ownCandidates) {
        const head = await read(this.relativePath(folder, uri));
        if (head !== undefined && looksLikeOwnFeature(head)) {
          ownFormatInUse = true;
          break;
        }
      }
      signature = { found: found.map((uri) => this.relativePath(folder, uri)), ownFormatInUse };
    }
    const plan = planConfig(text, () => signature);
    const texts = new Map<string, string | undefined>();
    for (const file of plan.reads) texts.set(file, await read(file));
    return buildConfig(plan, (file) => texts.get(file));
  }

  private async reloadFolderOf(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const file = this.relativePath(folder, uri);
    const preset = this.folders.get(folder.uri.toString())?.preset;
    if (file === configPath || preset?.preset.reads?.(preset.base).includes(file)) await this.refresh();
  }

  /** Reads one file from disk into the index, unless an open editor holds unsaved text for it. */
  private async readFromDisk(uri: vscode.Uri): Promise<void> {
    const state = this.folderStateOf(uri);
    if (!state || !state.discovery.isCandidate(this.relativePath(state.folder, uri))) return;
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === uri.toString(),
    );
    if (open?.isDirty) return;
    await this.indexing;
    await this.readInto(state, uri);
    this.flush(state);
  }

  private async readInto(state: FolderState, uri: vscode.Uri): Promise<void> {
    const file = this.relativePath(state.folder, uri);
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === uri.toString(),
    );
    if (open && !open.isClosed) {
      this.updateText(state, file, open.getText());
      return;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxFileBytes) {
        this.log.warn(
          `Skipped ${file}: ${(stat.size / 1024 / 1024).toFixed(0)} MB is too large for a feature file.`,
        );
        state.index.remove(file);
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.updateText(state, file, decoder.decode(bytes.subarray(0, headBytes)));
    } catch (error) {
      // Deleted between the listing and the read, or unreadable: note it; the other files go on.
      this.log.warn(`Skipped ${file}: ${(error as Error).message}`);
      state.index.remove(file);
      state.texts.delete(file);
    }
  }

  private updateText(state: FolderState, file: string, text: string): void {
    const parsed = state.index.update(file, text);
    if (parsed.isFeature) state.texts.set(file, text);
    else state.texts.delete(file);
  }

  /** Takes an open document's current text (typing, unsaved edits) into the index. */
  updateFromDocument(document: vscode.TextDocument): void {
    const state = this.folderStateOf(document.uri);
    if (!state) return;
    const file = this.relativePath(state.folder, document.uri);
    if (!state.discovery.isCandidate(file)) return;
    this.updateText(state, file, document.getText());
    this.flush(state);
  }

  private removeUnder(uri: vscode.Uri): void {
    const state = this.folderStateOf(uri);
    if (!state) return;
    const path = this.relativePath(state.folder, uri);
    for (const file of state.index.files()) {
      if (file === path || file.startsWith(`${path}/`)) {
        state.index.remove(file);
        state.texts.delete(file);
      }
    }
    this.flush(state);
  }

  private flush(state: FolderState): void {
    const changed = state.index.flush();
    if (changed.length > 0) this.changeEmitter.fire({ uris: changed.map((file) => this.uriOf(state, file)) });
  }

  folderStates(): FolderState[] {
    return [...this.folders.values()];
  }

  folderStateOf(uri: vscode.Uri): FolderState | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
  }

  uriOf(state: FolderState, file: string): vscode.Uri {
    return vscode.Uri.joinPath(state.folder.uri, ...file.split('/'));
  }

  /** Whether a document is a feature-file candidate (Markdown under a roadmap folder or the include globs). */
  isCandidate(uri: vscode.Uri): boolean {
    const state = this.folderStateOf(uri);
    return !!state && state.discovery.isCandidate(this.relativePath(state.folder, uri));
  }

  lookup(uri: vscode.Uri): FeatureRef | undefined {
    const state = this.folderStateOf(uri);
    if (!state) return undefined;
    const file = this.relativePath(state.folder, uri);
    const parsed = state.index.get(file);
    return parsed ? { folder: state, file, uri, parsed } : undefined;
  }

  /** Every feature of every folder, with where it lives. */
  allFeatures(): { state: FolderState; feature: Feature; uri: vscode.Uri }[] {
    return this.folderStates().flatMap((state) =>
      state.index.features().map((feature) => ({ state, feature, uri: this.uriOf(state, feature.file) })),
    );
  }

  /** Features with this id, in the folder of `near` when given (ids are per folder). */
  findById(id: string, near?: vscode.Uri): { state: FolderState; feature: Feature; uri: vscode.Uri }[] {
    const nearState = near ? this.folderStateOf(near) : undefined;
    return this.allFeatures().filter(
      (entry) => entry.feature.id === id && (!nearState || entry.state === nearState),
    );
  }

  issues(uri: vscode.Uri): Issue[] {
    const ref = this.lookup(uri);
    return ref ? ref.folder.index.issues(ref.file) : [];
  }

  /** The text the index parsed for a file; spans of its issues index into it. */
  indexedText(uri: vscode.Uri): string | undefined {
    const ref = this.lookup(uri);
    return ref ? ref.folder.texts.get(ref.file) : undefined;
  }

  lineIndexOf(uri: vscode.Uri): LineIndex | undefined {
    const text = this.indexedText(uri);
    return text === undefined ? undefined : new LineIndex(text);
  }

  /** The formats recognised with no config file, one entry per folder that has one. */
  detectedPresets(): { folder: string; choice: PresetChoice }[] {
    return this.folderStates().flatMap((state) =>
      state.preset?.detected ? [{ folder: state.folder.name, choice: state.preset }] : [],
    );
  }

  featureCount(): number {
    let count = 0;
    for (const state of this.folders.values()) count += state.index.size;
    return count;
  }

  problemCounts(): { errors: number; warnings: number } {
    let errors = 0;
    let warnings = 0;
    for (const state of this.folders.values()) {
      for (const file of state.index.files()) {
        for (const issue of state.index.issues(file)) {
          if (issue.severity === 'error') errors++;
          else if (issue.severity === 'warning') warnings++;
        }
      }
    }
    return { errors, warnings };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
