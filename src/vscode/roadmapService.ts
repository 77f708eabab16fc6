// The index inside VS Code: one WorkspaceIndex per workspace folder, kept current by a file watcher and by open
// editors (an editor's unsaved text wins over the disk). A window starts from the index the previous one
// persisted (see core/persistedIndex.ts, indexStore.ts): first the picture the views showed then, then the
// index itself; only then is every file stat'ed, and only those whose size or modification time changed are
// read again. Files are read with Node in batches on the Node extension host (localFiles.ts), through
// `workspace.fs` elsewhere; only the front-matter is read and no file's text is kept (textOf reads one on demand).
import * as vscode from 'vscode';
import type { TextRead } from '../cli/parallelRead';
import { configPath } from '../core/config';
import {
  createDiscovery,
  maxFeatureFileBytes,
  neverScanned,
  tooLargeReason,
  unmatchedIncludes,
} from '../core/discovery';
import { isSidecarMarkdown, type FeatureFile } from '../core/featureFile';
import { isYamlFile } from '../core/fences';
import { FrontmatterLines, LineIndex } from '../core/lineIndex';
import type { FileStamp } from '../core/lintCache';
import { persistedIndexKey, revalidate, type FirstPicture } from '../core/persistedIndex';
import type { PresetChoice } from '../core/presets/presets';
import type { Feature, Issue } from '../core/types';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { localPathOf, readTextFile } from './fileAccess';
import { listFolderCandidates, readFolderConfig, relativePathIn, stampAll } from './folderFiles';
import { IndexStore, yieldToHost, type FolderIndexToWrite } from './indexStore';
import type { ReadAhead } from './localFiles';
import type { Log } from './log';
import type {
  FeatureRef,
  FolderState,
  IndexingProgress,
  PreparedFolder,
  RoadmapChange,
  RoadmapServiceOptions,
  RoadmapViews,
  StartStatistics,
} from './roadmapTypes';
import type { TreePicture } from './treePicture';

// Where the rest of the extension has always imported them from.
export type {
  FeatureRef,
  FolderState,
  IndexingProgress,
  RoadmapChange,
  RoadmapServiceOptions,
  RoadmapViews,
  StartStatistics,
} from './roadmapTypes';

/** Only the head can hold front-matter; decoding a 50 MB body would be wasted work. */
const headBytes = 1024 * 1024;
const decoder = new TextDecoder('utf-8');
/** Local files read between two yields to the extension host's event loop. */
const batchSize = 250;
/** While a large folder is read, the views show what has been read after this long, then every second. */
const firstPartialMs = 300;
const partialMs = 1000;

/** The index is persisted this long after the last change, so that a burst of saves writes it once. */
const persistDelayMs = 2000;

/** The longest the revalidation waits for the views to draw the restored index (a view may never ask). */
const viewsWaitMs = 1000;

/**
 * How long the restore waits after the views fetched the first picture's rows, for the workbench to draw them
 * (measured: 0.1-0.15 s on a busy 2-core machine; without the wait the tree showed only after the parse).
 */
const pictureDrawMs = 200;

/** `promise`, or nothing after `ms`: what the views do must never stall the indexing. */
function boundedWait<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
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
  private statistics: StartStatistics = { restored: 0, read: [], dropped: [], readAhead: 0 };
  private views: RoadmapViews = { shown: () => Promise.resolve(false), picture: () => undefined };
  private readonly store: IndexStore | undefined;
  /** The last window's first picture, shown until the persisted indexes are restored. */
  private picture: FirstPicture<TreePicture> | undefined;
  /** Counts the changes announced: a first picture is persisted only with the indexes it shows. */
  private generation = 0;

  /** Fires after the index changed, with the files whose issues or features changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires as files are read while (re)indexing, and with undefined when it is over. */
  readonly onDidProgress = this.progressEmitter.event;

  constructor(
    private readonly log: Log,
    private readonly options: RoadmapServiceOptions = {},
  ) {
    this.disposables.push(this.progressEmitter);
    if (options.storage) this.store = new IndexStore(options.storage, options.localFiles, log);
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
   * Starts indexing in the background and watching for changes. Returns at once. The service waits for the
   * `views` to draw the last window's first picture before it parses the persisted index, and for them to draw
   * the restored index before it lists and stats the files, so that this synchronous work never holds a picture
   * back.
   */
  start(views?: RoadmapViews): void {
    if (views)
      this.views = {
        shown: async () => (await boundedWait(views.shown(), viewsWaitMs)) ?? false,
        picture: () => views.picture(),
      };
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
      this.statistics = { restored: 0, read: [], dropped: [], readAhead: 0 };
      // The tree shows the counts (see RoadmapTree); the window's progress is the status bar's spinner.
      const progressDelay = setTimeout(() => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Roadmap: indexing feature files' },
          () => this.indexing,
        );
      }, 1000);
      let shownRestored = false;
      try {
        const prepared: PreparedFolder[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          // One folder that cannot be listed must not leave the others unindexed.
          try {
            prepared.push(await this.prepareFolder(folder));
          } catch (error) {
            this.log.error(`Could not index ${folder.name}`, error);
          }
        }
        const stored = await this.restoreAll(prepared);
        shownRestored = removed.length === 0 && stored.size === prepared.length;
        for (const folder of prepared) {
          try {
            await this.readFolder(folder, stored.get(folder.state));
          } catch (error) {
            this.log.error(`Could not index ${folder.state.folder.name}`, error);
          }
        }
      } finally {
        clearTimeout(progressDelay);
        this.refreshing = false;
        this.picture = undefined;
        this.setProgress(undefined);
      }
      this.indexed = true;
      const uris = new Map(removed.map((uri) => [uri.toString(), uri]));
      let sameAsShown = shownRestored;
      for (const state of this.folders.values()) {
        if (state.index.flush().length > 0) sameAsShown = false;
        for (const file of state.index.files()) {
          const uri = this.uriOf(state, file);
          uris.set(uri.toString(), uri);
        }
      }
      this.log.info(
        `Indexed ${this.featureCount()} features in ${this.folders.size} folder(s) in ${Date.now() - started} ms.`,
      );
      // Every file is named, restored or read: the diagnostics of closed files are published from this change alone.
      this.announce({ uris: [...uris.values()], sameAsShown });
      this.persistSoon();
    };
    this.indexing = this.indexing
      .then(run, run)
      .catch((error: unknown) => this.log.error('Indexing failed', error));
    return this.indexing;
  }

  private announce(change: RoadmapChange): void {
    if (!change.sameAsShown) this.generation++;
    this.changeEmitter.fire(change);
  }

  /** Reads a folder's config and adds its (empty) state. */
  private async prepareFolder(folder: vscode.WorkspaceFolder): Promise<PreparedFolder> {
    const exclude = `{${[...neverScanned].map((name) => `**/${name}/**`).join(',')}}`;
    const { config, problems, text, choice, ownIncludes } = await readFolderConfig(
      this.options.localFiles,
      folder,
      exclude,
    );
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
    const key = persistedIndexKey(this.options.version ?? '', folder.uri.toString(), config);
    return { state, key, exclude, ownIncludes };
  }

  /**
   * Lists the folder's candidates and reads those the persisted index does not hold as they are on disk: every
   * file when nothing was restored (`stored` undefined), else the files whose size or modification time changed
   * and the new ones; the restored files that are gone are dropped.
   */
  private async readFolder(
    { state, exclude, ownIncludes }: PreparedFolder,
    stored: ReadonlyMap<string, FileStamp> | undefined,
  ): Promise<void> {
    const folder = state.folder;
    const { candidates, scanned } = await listFolderCandidates(
      this.options.localFiles,
      folder,
      state.index.config,
      state.discovery,
      exclude,
    );
    state.scanned = scanned;
    for (const glob of unmatchedIncludes(
      ownIncludes,
      candidates.map((uri) => this.relativePath(folder, uri)),
    ))
      this.log.warn(`${folder.name}/${configPath}: include '${glob}' matches no file.`);
    let toRead = candidates;
    if (stored) {
      const byFile = new Map(candidates.map((uri) => [this.relativePath(folder, uri), uri]));
      const { changed, removed } = revalidate(stored, await stampAll(this.options.localFiles, byFile));
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
        this.announce({ uris: [] });
        shown = Date.now();
        wait = partialMs;
      }
    };
    const local = uris.filter((uri) => this.localPath(uri) !== undefined);
    const ahead = await this.readAhead(state, local);
    try {
      for (let start = 0; start < local.length; start += batchSize) {
        const batch = local.slice(start, start + batchSize);
        // A batch is a chunk of the worker's: this waits (without blocking) only when it has fallen behind.
        await ahead?.whenRead(start);
        const open = this.openDocuments();
        batch.forEach((uri, offset) =>
          this.readLocal(state, uri, open.get(uri.toString()), ahead?.read(start + offset)),
        );
        advance(batch.length);
        await yieldToHost();
      }
    } finally {
      ahead?.stop();
      this.statistics.readAhead += ahead?.workerChunks ?? 0;
    }
    if (ahead)
      this.log.info(
        `${state.folder.name}: ${ahead.workerChunks} of ${Math.ceil(local.length / batchSize)} batches read ahead on a worker thread.`,
      );
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

  /**
   * Starts a worker thread that reads a large folder's files ahead, batch by batch, while this thread parses:
   * reading and stamping them was about two fifths of the work per file of a cold start.
   */
  private async readAhead(state: FolderState, uris: readonly vscode.Uri[]): Promise<ReadAhead | undefined> {
    return this.options.localFiles?.readAhead(
      state.folder.uri.fsPath,
      uris.map((uri) => this.relativePath(state.folder, uri)),
      (file) => this.isPaired(state, file),
      batchSize,
      this.options.readAhead,
    );
  }

  private setProgress(progress: IndexingProgress | undefined): void {
    this.currentProgress = progress && { ...progress };
    this.progressEmitter.fire(this.currentProgress);
  }

  /** The path on the local disk of a `file:` URI, when this host reads local files with Node. */
  private localPath(uri: vscode.Uri): string | undefined {
    return localPathOf(this.options.localFiles, uri);
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

  /**
   * Reads a local file's front-matter with Node (synchronously: the caller batches), or takes the read a worker
   * made `ahead` of time.
   */
  private readLocal(
    state: FolderState,
    uri: vscode.Uri,
    open: vscode.TextDocument | undefined,
    ahead?: TextRead,
  ): void {
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
      // Unreadable, or too large to be a feature file (readIndexedText): skipped, with the reason in the log.
      const read = ahead ?? files.readIndexed(uri.fsPath, this.isPaired(state, file));
      if ('failed' in read) throw new Error(read.failed);
      // The read file's own stamp (one open, no stat before it).
      this.updateText(state, file, read.text, read.stamp);
    } catch (error) {
      this.skip(state, file, error);
    }
  }

  private tooLarge(state: FolderState, file: string, size: number): boolean {
    if (size <= maxFeatureFileBytes) return false;
    this.log.warn(`Skipped ${file}: ${tooLargeReason(size)}.`);
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

  // --- The persisted index ---------------------------------------------------------------------------------

  /**
   * The last window's work, before any feature file is read: its first picture, drawn at once (a few kilobytes),
   * then each folder's persisted index, shown as soon as all are in. Returns the stamps each restored folder's
   * index recorded (a folder with no usable index is left out: written for another version or config, damaged,
   * or none yet).
   */
  private async restoreAll(
    prepared: readonly PreparedFolder[],
  ): Promise<Map<FolderState, Map<string, FileStamp>>> {
    const restored = new Map<FolderState, Map<string, FileStamp>>();
    const store = this.store;
    if (!store || prepared.length === 0) return restored;
    const started = Date.now();
    this.picture = await store.readPicture(prepared.map(({ state, key }) => ({ folder: state.folder, key })));
    const pictureShown = this.picture !== undefined;
    if (pictureShown) {
      // No file is named, here as below: the diagnostics wait for the end of the start.
      this.announce({ uris: [] });
      this.log.info(`The last window's first picture shown in ${Date.now() - started} ms.`);
      // The workbench draws the rows a moment after it has fetched them, and parsing an index holds the
      // extension host's thread for a few hundred milliseconds: the picture would not show until it is over.
      if (await this.views.shown()) await new Promise((resolve) => setTimeout(resolve, pictureDrawMs));
      else await yieldToHost();
    }
    for (const { state, key } of prepared) {
      const entries = await store.readIndex(state.folder, key);
      if (!entries) continue;
      const stamps = new Map<string, FileStamp>();
      // Its key covers the config, so its files are the candidates of this folder's discovery (a file that no
      // longer is one is dropped by the revalidation that follows): checking 12,000 paths again cost 15-30 ms.
      for (const { file, stamp, parsed } of entries) {
        if (this.isPaired(state, file)) continue;
        stamps.set(file, stamp);
        state.stamps.set(file, stamp);
        if (parsed) state.index.put(file, parsed);
      }
      // The cross-file rules at once: the restored index then shows what the last window showed (and its first
      // picture drew), and a start that finds every file unchanged has nothing new to show at its end.
      state.index.flush();
      restored.set(state, stamps);
      this.statistics.restored += stamps.size;
    }
    this.picture = undefined;
    if (restored.size === 0 && !pictureShown) return restored;
    // Shown at once: the count and the tree wait neither for the files to be stat'ed nor for a file to be read.
    if (restored.size > 0) this.indexed = true;
    this.announce({ uris: [] });
    this.log.info(
      `${this.featureCount()} features from the persisted index of ${restored.size} folder(s) in ${Date.now() - started} ms.`,
    );
    // The views ask for their content now: they are served before the files are listed and stat'ed.
    await this.views.shown();
    // A macrotask later: the views' replies are built in promise continuations that must finish first.
    await yieldToHost();
    return restored;
  }

  /**
   * While a window starts from the last one's first picture: its counts (the status bar shows them until the
   * persisted index is restored) and its tree.
   */
  get firstPicture(): FirstPicture<TreePicture> | undefined {
    return this.picture;
  }

  /** The count and problems the status bar shows: the index's, or the first picture's until it is restored. */
  summary(): { features: number; errors: number; warnings: number } {
    if (this.picture) {
      const { features, errors, warnings } = this.picture;
      return { features, errors, warnings };
    }
    return { features: this.featureCount(), ...this.problemCounts() };
  }

  /** Writes every folder's index a little after the last change (never while indexing). */
  private persistSoon(): void {
    // Nothing read from disk since the last write (a warm start, typing in an editor): nothing to write.
    if (!this.store || !this.unpersisted) return;
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
    const store = this.store;
    if (!store) return;
    await this.indexing;
    this.unpersisted = false;
    // Everything the files and the picture hold is taken now, in one turn: they show the same moment.
    const generation = this.generation;
    const folders: FolderIndexToWrite[] = [];
    for (const state of this.folders.values()) {
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
      folders.push({ folder: state.folder, key, stamps: new Map(state.stamps), parses });
    }
    const picture = { ...this.summary(), tree: this.views.picture() };
    try {
      await store.write(folders, picture, () => this.generation === generation);
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
    this.announce({ uris: changed.map((file) => this.uriOf(state, file)) });
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
    return relativePathIn(folder, uri);
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
      return await readTextFile(this.options.localFiles, uri);
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
