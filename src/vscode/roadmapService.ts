// The index inside VS Code: one WorkspaceIndex per workspace folder, kept current by a file watcher and by open
// editors (an editor's unsaved text wins over the disk). A window starts from the index the previous one
// persisted (see core/persistedIndex.ts): the tree and the count show at once, then every file is stat'ed and
// only those whose size or modification time changed are read again. Files are read with Node in batches on
// the Node extension host (localFiles.ts), through `workspace.fs` elsewhere; only the front-matter is read and
// no file's text is kept (textOf reads one on demand).
import * as vscode from 'vscode';
import { configPath, type ConfigProblem } from '../core/config';
import {
  createDiscovery,
  neverScanned,
  unmatchedIncludes,
  zeroConfigGlob,
  type Discovery,
} from '../core/discovery';
import { isSidecarMarkdown, type FeatureFile } from '../core/featureFile';
import { isYamlFile } from '../core/fences';
import { FrontmatterLines, LineIndex } from '../core/lineIndex';
import type { FileStamp } from '../core/lintCache';
import { loadIndex, persistedIndexKey, revalidate, serializedIndexPieces } from '../core/persistedIndex';
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
import { revisionOf } from '../core/revision';
import { WorkspaceIndex } from '../core/workspaceIndex';
import type { LocalFiles } from './localFiles';
import type { Log } from './log';

/** Files above this size are skipped: no one maintains a feature file this big, and reading it costs. */
const maxFileBytes = 64 * 1024 * 1024;
/** Only the head can hold front-matter; decoding a 50 MB body would be wasted work. */
const headBytes = 1024 * 1024;
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
/** Local files read between two yields to the extension host's event loop. */
const batchSize = 250;
/** While a large folder is read, the views show what has been read after this long, then every second. */
const firstPartialMs = 300;
const partialMs = 1000;
/**
 * The pieces' text as UTF-8, letting the extension host's other work run every few milliseconds: writing 10,000
 * records in one go held its thread for about 0.3 s, and a panel opened then waited for it.
 */
async function encodeYielding(pieces: Iterable<string>): Promise<Uint8Array> {
  const encoded: Uint8Array[] = [];
  let length = 0;
  let since = Date.now();
  for (const piece of pieces) {
    const bytes = encoder.encode(piece);
    encoded.push(bytes);
    length += bytes.length;
    if (Date.now() - since >= 8) {
      await yieldToHost();
      since = Date.now();
    }
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const bytes of encoded) {
    joined.set(bytes, offset);
    offset += bytes.length;
  }
  return joined;
}

/** The index is persisted this long after the last change, so that a burst of saves writes it once. */
const persistDelayMs = 2000;

/** Lets the extension host's event loop run (messages to the workbench, other extensions) between batches. */
const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** The longest the revalidation waits for the views to draw the restored index (a view may never ask). */
const viewsWaitMs = 1000;

/** `promise`, or nothing after `ms`: what the views do must never stall the indexing. */
function boundedWait(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(
    () => clearTimeout(timer),
  );
}

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
  /**
   * The texts the index parsed that positions cannot be computed without: open documents' (the language
   * features compare them with the editor's) and YAML metadata files' (no fence to count lines from). Every
   * other file's positions come from its parsed front-matter (FrontmatterLines).
   */
  heldTexts: Map<string, string>;
  /** The size and modification time of each file as read from disk: what the persisted index records. */
  stamps: Map<string, FileStamp>;
}

export interface RoadmapServiceOptions {
  /** Where the index is persisted between windows (the workspace's storage); none: nothing is persisted. */
  storage?: vscode.Uri;
  /** The extension's version: a persisted index written by another version is ignored. */
  version?: string;
  /** Node file access for `file:` URIs (the Node extension host); none in the web host. */
  localFiles?: LocalFiles;
}

/** What the last (re)indexing of the folders did: files taken from the persisted index, read, dropped. */
export interface StartStatistics {
  restored: number;
  read: string[];
  dropped: string[];
}

/** How far the reading of feature files has come (shown in the tree while it fills). */
export interface IndexingProgress {
  done: number;
  total: number;
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
  private readonly progressEmitter = new vscode.EventEmitter<IndexingProgress | undefined>();
  private indexing: Promise<void> = Promise.resolve();
  private indexed = false;
  private refreshing = false;
  private currentProgress: IndexingProgress | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last write of the persisted index (see persistIndex). */
  private persisting: Promise<void> = Promise.resolve();
  /** A stamp changed since the persisted index was last written. */
  private unpersisted = false;
  private statistics: StartStatistics = { restored: 0, read: [], dropped: [] };
  private viewsShown: () => Promise<void> = yieldToHost;

  /** Fires after the index changed, with the files whose issues or features changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires as files are read while (re)indexing, and with undefined when it is over. */
  readonly onDidProgress = this.progressEmitter.event;

  constructor(
    private readonly log: Log,
    private readonly options: RoadmapServiceOptions = {},
  ) {
    this.disposables.push(this.progressEmitter);
  }

  /** What the last (re)indexing did (the log says it too): how much the persisted index saved. */
  get lastStart(): StartStatistics {
    return this.statistics;
  }

  /** Files read so far out of those to read, while (re)indexing; undefined when nothing is being read. */
  get progress(): IndexingProgress | undefined {
    return this.currentProgress;
  }

  /**
   * Starts indexing in the background and watching for changes. Returns at once. `viewsShown` resolves when the
   * views have drawn what the persisted index holds (the tree's open groups fetched): the files are listed and
   * stat'ed only then, so that this synchronous work never holds the first picture back.
   */
  start(viewsShown?: () => Promise<void>): void {
    if (viewsShown) this.viewsShown = () => boundedWait(viewsShown(), viewsWaitMs);
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
      this.refreshing = true;
      this.statistics = { restored: 0, read: [], dropped: [] };
      // The tree shows the counts (see RoadmapTree); the window's progress is the status bar's spinner.
      const progressDelay = setTimeout(() => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Roadmap: indexing feature files' },
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
        this.refreshing = false;
        this.setProgress(undefined);
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
      this.persistSoon();
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
      heldTexts: new Map(),
      stamps: new Map(),
    };
    this.folders.set(folder.uri.toString(), state);
    const source = text === undefined && choice ? `preset '${choice.preset.name}'` : configPath;
    for (const problem of problems) this.log.warn(`${folder.name}/${source}: ${problem.message}`);
    if (choice?.detected)
      this.log.info(
        `${folder.name}: no ${configPath}; recognised ${choice.preset.title}${choice.base ? ` in ${choice.base}` : ''} (preset '${choice.preset.name}').`,
      );
    // The last window's index first: the views show it while the files are listed and stat'ed.
    const key = persistedIndexKey(this.options.version ?? '', folder.uri.toString(), config);
    const stored = await this.restore(state, key);
    const { candidates, scanned } = await this.listCandidates(state, exclude);
    state.scanned = scanned;
    for (const glob of unmatchedIncludes(
      ownIncludes,
      candidates.map((uri) => this.relativePath(folder, uri)),
    ))
      this.log.warn(`${folder.name}/${configPath}: include '${glob}' matches no file.`);
    let toRead = candidates;
    if (stored.size > 0) {
      const byFile = new Map(candidates.map((uri) => [this.relativePath(folder, uri), uri]));
      const { changed, removed } = revalidate(stored, await this.stampAll(byFile));
      for (const file of removed) {
        state.index.remove(file);
        this.setStamp(state, file, undefined);
      }
      toRead = changed.flatMap((file) => byFile.get(file) ?? []);
      this.statistics.dropped.push(...removed);
      this.log.info(
        `${folder.name}: ${stored.size - removed.length} files unchanged since the persisted index, ${changed.length} to read, ${removed.length} gone.`,
      );
    }
    this.statistics.read.push(...toRead.map((uri) => this.relativePath(folder, uri)));
    await this.readAll(state, toRead);
    this.log.info(
      `${folder.name}: ${candidates.length} Markdown candidates, ${state.index.size} feature files.`,
    );
    if (state.index.size === 0)
      this.log.warn(
        `${folder.name}: no feature found among ${scanned} Markdown files. Run "Roadmap: Initialize Configuration" to infer a config, list them under include: in ${configPath}, or name a preset.`,
      );
  }

  /**
   * The folder's feature-file candidates, and how many Markdown and YAML files were looked at. A local folder
   * is walked with Node, as the CLI does (a search through the workbench costs seconds at 10,000 files).
   */
  private async listCandidates(
    state: FolderState,
    exclude: string,
  ): Promise<{ candidates: vscode.Uri[]; scanned: number }> {
    const folder = state.folder;
    const root = this.localPath(folder.uri);
    if (root !== undefined) {
      const files = this.options.localFiles!.listCandidates(root, state.index.config);
      // Only an empty result needs the count of everything looked at (for the message that says so).
      if (files.length > 0)
        return {
          candidates: files.map((file) => vscode.Uri.joinPath(folder.uri, ...file.split('/'))),
          scanned: files.length,
        };
    }
    const found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, '**/*.{md,markdown,yaml,yml}'),
      exclude,
    );
    return {
      candidates: found.filter((uri) => state.discovery.isCandidate(this.relativePath(folder, uri))),
      scanned: found.length,
    };
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
        if (open?.isDirty) return open.getText();
        // A local file with Node: a `workspace.fs` round trip costs 70 ms at a window's start, more under load.
        const path = this.localPath(uri);
        return path !== undefined
          ? this.options.localFiles!.readText(path)
          : decoder.decode(await vscode.workspace.fs.readFile(uri));
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

  /**
   * Reads files into the index, showing progress: local files in synchronous batches with a yield between
   * them, other schemes through `workspace.fs` with a few reads in flight. The views show the features read so
   * far soon after the start and then every second, so that a large folder fills the tree while it is read;
   * the cross-file rules, and the diagnostics with them, wait for the end (refresh), since each run over the
   * files read so far cost up to 0.75 s under load.
   */
  private async readAll(state: FolderState, uris: readonly vscode.Uri[]): Promise<void> {
    const progress = { done: 0, total: uris.length };
    this.setProgress(progress);
    let shown = Date.now();
    let wait = firstPartialMs;
    const advance = (count: number) => {
      progress.done += count;
      this.setProgress(progress);
      if (Date.now() - shown >= wait) {
        // As the restore does: no file is named, so the diagnostics wait for the cross-file rules.
        this.changeEmitter.fire({ uris: [] });
        shown = Date.now();
        wait = partialMs;
      }
    };
    const local = uris.filter((uri) => this.localPath(uri) !== undefined);
    for (let start = 0; start < local.length; start += batchSize) {
      const batch = local.slice(start, start + batchSize);
      const open = this.openDocuments();
      for (const uri of batch) this.readLocal(state, uri, open.get(uri.toString()));
      advance(batch.length);
      await yieldToHost();
    }
    // A few reads in flight at once: enough to hide latency, few enough not to starve the extension host.
    const queue = uris.filter((uri) => this.localPath(uri) === undefined);
    const worker = async () => {
      for (let uri = queue.shift(); uri; uri = queue.shift()) {
        await this.readInto(state, uri);
        advance(1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }

  private setProgress(progress: IndexingProgress | undefined): void {
    this.currentProgress = progress && { ...progress };
    this.progressEmitter.fire(this.currentProgress);
  }

  /** The path on the local disk of a `file:` URI, when this host reads local files with Node. */
  private localPath(uri: vscode.Uri): string | undefined {
    return this.options.localFiles && uri.scheme === 'file' ? uri.fsPath : undefined;
  }

  private openDocuments(): Map<string, vscode.TextDocument> {
    return new Map(
      vscode.workspace.textDocuments
        .filter((document) => !document.isClosed)
        .map((document) => [document.uri.toString(), document]),
    );
  }

  /** YAML metadata and the Markdown beside it fill each other in: both are read whole, and never restored. */
  private isPaired(state: FolderState, file: string): boolean {
    return isYamlFile(file) || isSidecarMarkdown(state.index.config, file);
  }

  private async readInto(state: FolderState, uri: vscode.Uri): Promise<void> {
    const open = this.openDocuments().get(uri.toString());
    if (this.localPath(uri) !== undefined) {
      this.readLocal(state, uri, open);
      return;
    }
    const file = this.relativePath(state.folder, uri);
    if (open) {
      this.updateText(state, file, open.getText(), undefined, true);
      return;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (this.tooLarge(state, file, stat.size)) return;
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.updateText(state, file, decoder.decode(bytes.subarray(0, headBytes)), {
        size: stat.size,
        mtimeMs: stat.mtime,
      });
    } catch (error) {
      this.skip(state, file, error);
    }
  }

  /** Reads a local file's front-matter with Node (synchronously: the caller batches). */
  private readLocal(state: FolderState, uri: vscode.Uri, open: vscode.TextDocument | undefined): void {
    const file = this.relativePath(state.folder, uri);
    const files = this.options.localFiles!;
    if (open) {
      // A clean document shows what the disk holds: its stamp lets the next window restore it.
      let stamp: FileStamp | undefined;
      try {
        stamp = open.isDirty ? undefined : files.stat(uri.fsPath);
      } catch {
        // Deleted on disk while open: the editor's text is all there is.
      }
      this.updateText(state, file, open.getText(), stamp, true);
      return;
    }
    try {
      const stamp = files.stat(uri.fsPath);
      if (this.tooLarge(state, file, stamp.size)) return;
      this.updateText(state, file, files.readIndexed(uri.fsPath, this.isPaired(state, file)), stamp);
    } catch (error) {
      this.skip(state, file, error);
    }
  }

  private tooLarge(state: FolderState, file: string, size: number): boolean {
    if (size <= maxFileBytes) return false;
    this.log.warn(`Skipped ${file}: ${(size / 1024 / 1024).toFixed(0)} MB is too large for a feature file.`);
    this.forget(state, file);
    return true;
  }

  /** Deleted between the listing and the read, or unreadable: noted; the other files go on. */
  private skip(state: FolderState, file: string, error: unknown): void {
    this.log.warn(`Skipped ${file}: ${(error as Error).message}`);
    this.forget(state, file);
  }

  private forget(state: FolderState, file: string): void {
    state.index.remove(file);
    state.heldTexts.delete(file);
    this.setStamp(state, file, undefined);
  }

  /** Records (or drops) the stamp a file was read at; the persisted index is written again only after one. */
  private setStamp(state: FolderState, file: string, stamp: FileStamp | undefined): void {
    const before = state.stamps.get(file);
    if (before?.size === stamp?.size && before?.mtimeMs === stamp?.mtimeMs) return;
    if (stamp) state.stamps.set(file, stamp);
    else state.stamps.delete(file);
    this.unpersisted = true;
  }

  /**
   * Indexes a file's text; `stamp` is the file's on disk when the text is what the disk holds (none for an
   * editor's unsaved text, which the persisted index must not record).
   */
  private updateText(
    state: FolderState,
    file: string,
    text: string,
    stamp: FileStamp | undefined,
    fromEditor = false,
  ): void {
    const parsed = state.index.update(file, text);
    if (parsed.isFeature && (fromEditor || isYamlFile(file))) state.heldTexts.set(file, text);
    else state.heldTexts.delete(file);
    this.setStamp(state, file, stamp);
  }

  /** Every candidate's stamp (size and modification time); a file that cannot be stat'ed is left out. */
  private async stampAll(byFile: ReadonlyMap<string, vscode.Uri>): Promise<Map<string, FileStamp>> {
    const stamps = new Map<string, FileStamp>();
    const remote: [string, vscode.Uri][] = [];
    let sinceYield = 0;
    for (const [file, uri] of byFile) {
      if (this.localPath(uri) === undefined) {
        remote.push([file, uri]);
        continue;
      }
      try {
        stamps.set(file, this.options.localFiles!.stat(uri.fsPath));
      } catch {
        // Gone since the listing: revalidation drops it.
      }
      if (++sinceYield === batchSize * 4) {
        sinceYield = 0;
        await yieldToHost();
      }
    }
    const worker = async () => {
      for (let entry = remote.shift(); entry; entry = remote.shift()) {
        try {
          const stat = await vscode.workspace.fs.stat(entry[1]);
          stamps.set(entry[0], { size: stat.size, mtimeMs: stat.mtime });
        } catch {
          // Gone since the listing: revalidation drops it.
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return stamps;
  }

  // --- The persisted index ---------------------------------------------------------------------------------

  private persistedIndexUri(folder: vscode.WorkspaceFolder): vscode.Uri | undefined {
    const storage = this.options.storage;
    return storage && vscode.Uri.joinPath(storage, `index-${revisionOf(folder.uri.toString())}.txt`);
  }

  /**
   * Puts the last window's index of this folder into `state` and shows it; returns the stamps it recorded
   * (empty when there is none, or it was written for another version or config, or is damaged).
   */
  private async restore(state: FolderState, key: string): Promise<Map<string, FileStamp>> {
    const stored = new Map<string, FileStamp>();
    const uri = this.persistedIndexUri(state.folder);
    if (!uri) return stored;
    const started = Date.now();
    let text: string | undefined;
    try {
      // Tens of megabytes at 10,000 features: through workspace.fs that took a second. Synchronously on
      // purpose: a read in the background (tried) completes only after several turns of an event loop that
      // other extensions keep busy at a window's start, and a warm start's count came later.
      const path = this.localPath(uri);
      text =
        path !== undefined
          ? this.options.localFiles!.readText(path)
          : decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // None yet.
    }
    const read = Date.now();
    const loaded = loadIndex(text, key);
    if ('ignored' in loaded) {
      if (text !== undefined)
        this.log.info(`${state.folder.name}: persisted index ignored: ${loaded.ignored}.`);
      return stored;
    }
    // Its key covers the config, so its files are the candidates of this folder's discovery (a file that no
    // longer is one is dropped by the revalidation that follows): checking 12,000 paths again cost 15-30 ms.
    for (const { file, stamp, parsed } of loaded.entries) {
      if (this.isPaired(state, file)) continue;
      stored.set(file, stamp);
      state.stamps.set(file, stamp);
      if (parsed) state.index.put(file, parsed);
    }
    this.statistics.restored += stored.size;
    // Shown at once: the count and the tree wait neither for the files to be stat'ed nor for the cross-file
    // rules, which run once the revalidation is over (the change that follows then names every file, and the
    // views and diagnostics take the cross-file issues from it). No file is named here: the diagnostics wait.
    this.indexed = true;
    this.changeEmitter.fire({ uris: [] });
    this.log.info(
      `${state.folder.name}: ${state.index.size} features from the persisted index in ${Date.now() - started} ms (read ${read - started} ms, parsed ${Date.now() - read} ms).`,
    );
    // The views ask for their content now: they are served before the files are listed and stat'ed.
    await this.viewsShown();
    // A macrotask later: the views' replies are built in promise continuations that must finish first.
    await yieldToHost();
    return stored;
  }

  /** Writes every folder's index a little after the last change (never while indexing). */
  private persistSoon(): void {
    // Nothing read from disk since the last write (a warm start, typing in an editor): nothing to write.
    if (!this.options.storage || !this.unpersisted) return;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      if (this.refreshing) return;
      void this.persistIndex();
    }, persistDelayMs);
  }

  /**
   * Writes every folder's index now (it is otherwise written a moment after the index changed). Writes take
   * turns: one yields between its pieces, and two must never write the same file at once.
   */
  persistIndex(): Promise<void> {
    const write = this.persisting.then(() => this.writeIndex());
    this.persisting = write.catch(() => undefined);
    return write;
  }

  private async writeIndex(): Promise<void> {
    const storage = this.options.storage;
    if (!storage) return;
    await this.indexing;
    this.unpersisted = false;
    try {
      await vscode.workspace.fs.createDirectory(storage);
      for (const state of this.folders.values()) {
        const uri = this.persistedIndexUri(state.folder)!;
        const parses = new Map<string, FeatureFile | null>();
        for (const file of state.stamps.keys()) {
          const parsed = state.index.get(file);
          // Files that declare milestones or goals, and paired files, are read again by every window.
          if (this.isPaired(state, file) || parsed?.declares) continue;
          parses.set(file, parsed ?? null);
        }
        const key = persistedIndexKey(
          this.options.version ?? '',
          state.folder.uri.toString(),
          state.index.config,
        );
        const bytes = await encodeYielding(serializedIndexPieces(key, state.stamps, parses));
        // Written beside and renamed over: the next window never reads half an index.
        const partial = uri.with({ path: `${uri.path}.partial` });
        await vscode.workspace.fs.writeFile(partial, bytes);
        await vscode.workspace.fs.rename(partial, uri, { overwrite: true });
      }
    } catch (error) {
      this.unpersisted = true;
      this.log.warn(`Could not persist the index: ${(error as Error).message}`);
    }
  }

  /** Takes an open document's current text (typing, unsaved edits) into the index. */
  updateFromDocument(document: vscode.TextDocument): void {
    const state = this.folderStateOf(document.uri);
    if (!state) return;
    const file = this.relativePath(state.folder, document.uri);
    if (!state.discovery.isCandidate(file)) return;
    this.updateText(state, file, document.getText(), undefined, true);
    this.flush(state);
  }

  private removeUnder(uri: vscode.Uri): void {
    const state = this.folderStateOf(uri);
    if (!state) return;
    const path = this.relativePath(state.folder, uri);
    for (const file of state.index.files()) {
      if (file === path || file.startsWith(`${path}/`)) this.forget(state, file);
    }
    this.flush(state);
  }

  private flush(state: FolderState): void {
    const changed = state.index.flush();
    if (changed.length === 0) return;
    this.changeEmitter.fire({ uris: changed.map((file) => this.uriOf(state, file)) });
    if (!this.refreshing) this.persistSoon();
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

  /**
   * The text the index parsed for a file when it holds it: an open document's, or a YAML file's. Undefined for
   * a file indexed from disk (see textOf for its text, lineIndexOf for positions).
   */
  indexedText(uri: vscode.Uri): string | undefined {
    const ref = this.lookup(uri);
    return ref ? ref.folder.heldTexts.get(ref.file) : undefined;
  }

  /** The size and modification time of the file when the index read it; undefined for an editor's text. */
  indexedStamp(uri: vscode.Uri): FileStamp | undefined {
    const ref = this.lookup(uri);
    return ref ? ref.folder.stamps.get(ref.file) : undefined;
  }

  /** Positions for the spans of an indexed file's issues, from its front-matter when no text is held. */
  lineIndexOf(uri: vscode.Uri): LineIndex | FrontmatterLines | undefined {
    const ref = this.lookup(uri);
    if (!ref) return undefined;
    const text = ref.folder.heldTexts.get(ref.file);
    if (text !== undefined) return new LineIndex(text);
    const { split, yamlText } = ref.parsed;
    return new FrontmatterLines(split.kind === 'closed' ? split.yamlStart : 0, yamlText);
  }

  /**
   * A file's whole current text: its open document's, else read from disk (on demand: the index keeps no
   * file's text). Undefined when it cannot be read.
   */
  async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const open = this.openDocuments().get(uri.toString());
    if (open) return open.getText();
    try {
      const path = this.localPath(uri);
      return path !== undefined
        ? this.options.localFiles!.readText(path)
        : decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      this.log.warn(`Could not read ${uri.fsPath}: ${(error as Error).message}`);
      return undefined;
    }
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
    clearTimeout(this.persistTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
