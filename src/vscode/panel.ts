// The roadmap webview panel's host side: one panel, its HTML and CSP, the ready handshake, the model it is
// sent (built from the index by ./panelBuilder.ts, posted again when the index changes, debounced), and the
// gate every message from the webview passes before it can open or write anything. The webview is untrusted:
// it renders workspace content, so whatever it posts is checked for shape (isWebviewMessage), for meaning
// (configured statuses, real dates) and for scope (only files that are in the model it was sent can be named).
import * as vscode from 'vscode';
import { fieldValueProblem } from '../core/fieldValue';
import { isCalendarDate } from '../core/plan/calendar';
import type { bodyBlocks } from '../core/bodyBlocks';
import { changeFor, checkEdits, type FrontmatterChange } from '../core/panelEdits';
import { explainScore, scoringFormulas } from '../core/scoring';
import { renderPanelHtml } from '../shared/panelHtml';
import {
  isWebviewMessage,
  type BaselineMessage,
  type BodyBlock,
  type FeatureDetails,
  type HostMessage,
  type SavedView,
  type RoadmapModel,
  type ViewName,
  type WebviewMessage,
} from '../shared/protocol';
import { toRange } from './convert';
import type { Log } from './log';
import { decodeBase64, type FileRef } from './panelModel';
import {
  PanelModelBuilder,
  partMessage,
  wholeModel,
  type EncodedPart,
  type ModelBuild,
} from './panelBuilder';
import type { FolderState, RoadmapService } from './roadmapService';
import { savedViewsPath } from '../core/savedViews';
import type { SavedViewsStore } from './savedViews';
import { panelViewType } from './commandIds';
import type { PanelOpener } from './services';
import type { FeatureWriter, FieldChange } from './writer';

/** The workspace memento key of the panel's UI state (view, filters, zoom, scroll, selection). */
export const panelStateKey = 'roadmap.panelState';
/** Two opens of one file this close together are one gesture (a double click), not two requests. */
const openRepeatMs = 1000;

/**
 * A page that has not said 'ready' this long after it was shown is assumed stuck (VS Code's webview service
 * worker can fail to register, microsoft/vscode#125993, leaving a blank panel) and is loaded again.
 */
const readyTimeoutMs = 10_000;
const maxReloads = 2;
/** Edits show in the panel within a second; a burst of changes (typing, a refresh) becomes one post. */
const modelDebounceMs = 150;
const pngPrefix = 'data:image/png;base64,';
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const exportExtensions = { svg: 'svg', png: 'png', mermaid: 'mmd' } as const;
const encoder = new TextEncoder();

type SetField = Extract<WebviewMessage, { type: 'setField' }>;
type SetDates = Extract<WebviewMessage, { type: 'setDates' }>;
type SetFields = Extract<WebviewMessage, { type: 'setFields' }>;
type Export = Extract<WebviewMessage, { type: 'export' }>;
type FileResolution =
  { ok: true; ref: FileRef<FolderState>; uri: vscode.Uri } | { ok: false; reason: string };

/** A fresh nonce per render; Web Crypto, so it works in the web extension host (no node:crypto). */
function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Shown only if the page cannot be built; the policy allows nothing at all. */
const errorHtml = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"><title>Roadmap</title></head><body><p>The roadmap panel could not be loaded; see the Markdown Roadmap log.</p></body></html>`;

export class RoadmapPanelController implements PanelOpener, vscode.Disposable {
  private current: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The webview said 'ready' and has not been torn down (hidden without retained context) since. */
  private ready = false;
  /** The current page has been sent a model (requests for a view or a feature must come after it). */
  private modelDelivered = false;
  private pendingView: ViewName | undefined;
  private pendingFocus: string | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  /** Names each model posted, so the webview drops the parts of one that a newer replaced. */
  private modelSerial = 0;
  /** A model built while the page loads (prebuild), for the first post unless the index changed since. */
  private prebuilt: Promise<ModelBuild> | undefined;
  /** Lets the prebuilt model's later parts be built: called when the page says 'ready' (see prebuild). */
  private releasePrebuild: (() => void) | undefined;
  /** Bumped per model build, so a slow build never overwrites a newer one's post. */
  private buildGeneration = 0;
  private model: RoadmapModel | undefined;
  private files = new Map<string, FileRef<FolderState>>();
  private readonly builder: PanelModelBuilder;
  private bodyBlocks: typeof bodyBlocks | undefined;
  private lastOpen: { file: string; at: number } | undefined;
  readonly savedViews: SavedViewsStore;
  private pendingSavedView: string | undefined;
  private readonly loggedKinds = new Set<string>();
  private readonly postEmitter = new vscode.EventEmitter<HostMessage>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();

  /** Test seam: every message the host posts to the webview, after it was posted. */
  readonly onDidPostMessage = this.postEmitter.event;
  /** Test seam: the real webview finished loading and sent 'ready' (fires before the model is posted). */
  readonly onDidReceiveReady = this.readyEmitter.event;
  /**
   * Test seam: where an export is written. The default asks the user; tests replace it, as a native save
   * dialog cannot be driven from the extension host.
   */
  pickExportTarget: (defaultName: string, format: Export['format']) => Thenable<vscode.Uri | undefined> = (
    defaultName,
    format,
  ) => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const filters: Record<string, string[]> = {
      svg: { 'SVG image': ['svg'] },
      png: { 'PNG image': ['png'] },
      mermaid: { Mermaid: ['mmd'] },
    }[format];
    return vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
      filters,
      saveLabel: 'Export',
      title: 'Export Roadmap',
    });
  };

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: RoadmapService,
    private readonly writer: FeatureWriter,
    private readonly log: Log,
    /** Owned by the panel host (./panelHost.ts), which the tree reads before the panel loads. */
    savedViews: SavedViewsStore,
  ) {
    this.savedViews = savedViews;
    this.builder = new PanelModelBuilder(service, log);
    this.disposables.push(
      savedViews.onDidChange((views) => void this.post({ type: 'savedViews', views })),
      this.postEmitter,
      this.readyEmitter,
      service.onDidChange(() => this.scheduleModel()),
    );
  }

  /** Test seam: the open panel, if any. */
  get panel(): vscode.WebviewPanel | undefined {
    return this.current;
  }

  /** Test seam: the model most recently posted to the webview. */
  lastPostedModel(): RoadmapModel | undefined {
    return this.model;
  }

  async open(options: { focusId?: string; view?: ViewName; savedView?: string } = {}): Promise<void> {
    if (options.view) this.pendingView = options.view;
    if (options.savedView) this.pendingSavedView = options.savedView;
    if (options.focusId) this.pendingFocus = options.focusId;
    if (this.current) {
      this.current.reveal(undefined, false);
    } else {
      // Next to the editor the user is working in, so the file and its place on the roadmap are both visible.
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      this.adopt(vscode.window.createWebviewPanel(panelViewType, 'Roadmap', column, this.webviewOptions()));
    }
    // A ready webview has its model already; a new one gets the pending requests after its handshake.
    if (this.ready && this.modelDelivered) await this.postPending();
  }

  /**
   * Test seam: runs a message through exactly the handler the webview's postMessage reaches, so tests can
   * simulate a board drag without driving the browser.
   */
  async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.logDropped(message);
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          return await this.onReady();
        case 'openFeature':
          return await this.openFeature(message.file);
        case 'setField':
          return await this.setField(message);
        case 'setDates':
          return await this.setDates(message);
        case 'setFields':
          return await this.setFields(message);
        case 'details':
          return await this.sendDetails(message.file);
        case 'saveState':
          return await this.context.workspaceState.update(panelStateKey, message.state);
        case 'saveView':
          return await this.saveView(message.view);
        case 'exportRoadmap':
          return void (await vscode.commands.executeCommand('roadmap.export', message.format));
        case 'openLink':
          return void (await vscode.env.openExternal(vscode.Uri.parse(message.url, true)));
        case 'export':
          return await this.export(message);
      }
    } catch (error) {
      this.log.error(`The roadmap panel failed to handle '${message.type}'`, error);
    }
  }

  // ---- the panel --------------------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const extensionUri = this.context.extensionUri;
    return {
      enableScripts: true,
      // Only the bundle and the stylesheet: the webview cannot load workspace files or anything else.
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
      // State is saved by the webview (setState) rather than keeping a hidden page alive.
      retainContextWhenHidden: false,
    };
  }

  /** Shows the roadmap in a panel: a new one, or one restored after a reload (./panelHost.ts's serializer). */
  adopt(panel: vscode.WebviewPanel): void {
    // One panel: a second (a restore racing an open) replaces the first.
    if (this.current && this.current !== panel) this.current.dispose();
    this.current = panel;
    this.ready = false;
    const extensionUri = this.context.extensionUri;
    // A restored panel carries its old options; set them again so a changed localResourceRoots applies.
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'roadmap.svg');
    this.render(panel);
    this.prebuild(panel);
    this.reloads = 0;
    this.armWatchdog(panel);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        // A message from a panel that was already replaced is from a page that no longer shows anything.
        if (this.current === panel) void this.receive(message);
      }),
      panel.onDidChangeViewState(() => {
        if (this.current !== panel) return;
        // Hidden without retained context, the page is gone; it says 'ready' again when shown.
        if (!panel.visible) this.ready = false;
        this.armWatchdog(panel);
      }),
      panel.onDidDispose(() => {
        if (this.current !== panel) return;
        this.current = undefined;
        this.ready = false;
        this.model = undefined;
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = undefined;
        clearTimeout(this.watchdog);
        for (const disposable of this.panelDisposables) disposable.dispose();
        this.panelDisposables = [];
      }),
    );
  }

  private render(panel: vscode.WebviewPanel): void {
    const extensionUri = this.context.extensionUri;
    try {
      panel.webview.html = renderPanelHtml({
        cspSource: panel.webview.cspSource,
        nonce: makeNonce(),
        scriptUri: panel.webview
          .asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js'))
          .toString(),
        styleUri: panel.webview
          .asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'roadmap.css'))
          .toString(),
        title: 'Roadmap',
      });
    } catch (error) {
      this.log.error(`Could not build the roadmap panel (cspSource ${panel.webview.cspSource})`, error);
      panel.webview.html = errorHtml;
    }
  }

  /** Loads the page again if it was shown but never said 'ready' (bounded, and logged, as it hides a fault). */
  private armWatchdog(panel: vscode.WebviewPanel): void {
    clearTimeout(this.watchdog);
    if (this.ready || !panel.visible) return;
    this.watchdog = setTimeout(() => {
      if (this.current !== panel || this.ready || !panel.visible) return;
      if (this.reloads >= maxReloads) {
        this.log.error(
          `The roadmap panel did not load after ${maxReloads + 1} attempts; try Developer: Reload Window.`,
        );
        return;
      }
      this.reloads++;
      this.log.warn(`The roadmap panel did not load within ${readyTimeoutMs / 1000} s; loading it again.`);
      this.render(panel);
      this.armWatchdog(panel);
    }, readyTimeoutMs);
  }

  /** The baseline of Roadmap: Compare with… (src/vscode/history), posted again whenever the webview reloads. */
  private baseline: BaselineMessage | undefined;

  async postBaseline(message: BaselineMessage): Promise<void> {
    this.baseline = message;
    await this.post(message);
  }

  private async post(message: HostMessage): Promise<void> {
    const panel = this.current;
    if (!panel || !this.ready) return;
    await this.postTo(panel, message);
  }

  /** Posts to this page whether it is ready or not (VS Code holds messages until it has loaded). */
  private async postTo(panel: vscode.WebviewPanel, message: HostMessage): Promise<void> {
    if (await panel.webview.postMessage(message)) this.postEmitter.fire(message);
  }

  /** What a new page gets before its first model: the panel's saved state, if any, and the saved views. */
  private beforeModel(): HostMessage[] {
    const state = this.context.workspaceState.get<unknown>(panelStateKey);
    const views: HostMessage = { type: 'savedViews', views: this.savedViews.views() };
    return state === undefined ? [views] : [{ type: 'restoreState', state }, views];
  }

  private async onReady(): Promise<void> {
    this.releasePrebuild?.();
    this.releasePrebuild = undefined;
    this.ready = true;
    this.reloads = 0;
    clearTimeout(this.watchdog);
    this.modelDelivered = false;
    this.readyEmitter.fire();
    // Posted in this order (the webview receives them so), not each awaited before the next: the model is
    // what the page waits for.
    const before = this.beforeModel().map((message) => this.post(message));
    await this.postModel();
    await Promise.all(before);
    if (this.baseline) await this.post(this.baseline);
  }

  private async postPending(): Promise<void> {
    const view = this.pendingView;
    const focus = this.pendingFocus;
    const saved = this.pendingSavedView;
    this.pendingView = undefined;
    this.pendingFocus = undefined;
    this.pendingSavedView = undefined;
    if (saved) await this.post({ type: 'applyView', name: saved });
    if (view) await this.post({ type: 'showView', view });
    if (focus) await this.post({ type: 'focus', id: focus });
  }

  private scheduleModel(): void {
    // The index changed: a model built before is out of date.
    this.prebuilt = undefined;
    if (!this.current || !this.ready) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.postModel().catch((error: unknown) =>
        this.log.error('Could not update the roadmap panel', error),
      );
    }, modelDebounceMs);
  }

  // ---- the model --------------------------------------------------------------------------------------

  /**
   * Builds and posts the model (src/shared/modelWire.ts): a large one in parts, each posted as soon as it is
   * built, so that the page draws its first screen from part 0 while the others are built, copied and
   * decoded. Stops when a newer model is being posted or the page went.
   */
  private async postModel(): Promise<void> {
    const panel = this.current;
    if (!panel || !this.ready) return;
    const generation = ++this.buildGeneration;
    const prebuilt = this.prebuilt;
    this.prebuilt = undefined;
    // Parts only for a page that shows nothing yet: a page that has a model keeps it until the whole next one.
    const build = await (prebuilt ?? this.builder.start(!this.modelDelivered));
    // A model whose first part was posted while the page loaded goes again under the same serial: the page
    // draws it once, and a page re-created since (which lost what was held for it) draws it now.
    const serial = build.serial ?? ++this.modelSerial;
    const stride = build.parts.length;
    const current = () =>
      generation === this.buildGeneration &&
      this.current === panel &&
      this.ready &&
      serial === this.modelSerial;
    const sent: Thenable<boolean>[] = [];
    const built: EncodedPart[] = [];
    let pending = build.total;
    for (const [residue, next] of build.parts.entries()) {
      const part = await next;
      if (!current()) return;
      built.push(part);
      pending -= part.model.features.length;
      // The first part's features can be opened and edited before the others are built.
      if (residue === 0 && stride > 1) this.files = part.files;
      sent.push(panel.webview.postMessage(partMessage(build, residue, part, serial, pending)));
    }
    const whole = wholeModel(built);
    // The index changed while the parts were built: the model that change schedules replaces these.
    if (!whole) return;
    this.files = whole.files;
    this.model = whole.model;
    if (!(await Promise.all(sent)).every(Boolean) || !current()) return;
    const firstOfPage = !this.modelDelivered;
    this.modelDelivered = true;
    this.postEmitter.fire({ type: 'model', model: whole.model });
    // The first model of a page is what the user waits for when opening the panel.
    if (firstOfPage)
      this.log.info(
        `Roadmap panel: a model of ${whole.model.features.length} features in ${stride} part(s), ` +
          `built${prebuilt ? ' from while the page loaded' : ''} and posted in ${Date.now() - build.started} ms.`,
      );
    // A requested view or feature goes after the model, so the webview has something to show or focus.
    await this.postPending();
    // Not awaited: whoever waits for the model (the baseline, a write's reply) need not wait for insights.
    void this.postInsights(generation).catch((error: unknown) =>
      this.log.error('Could not count the task lists for the roadmap panel', error),
    );
  }

  /**
   * Task-list progress for every feature, after the model: counted by line (remark only for the few bodies
   * whose structure decides), cached by revision, in short slices that yield to the rest of the extension
   * host, and dropped when a newer model is being built. One message when done.
   */
  private async postInsights(generation: number): Promise<void> {
    const model = this.model;
    if (!model) return;
    const stale = () => generation !== this.buildGeneration;
    const insights = await this.builder.insights(model, (file) => this.files.get(file), stale);
    if (insights && !stale()) await this.post({ type: 'insights', tasks: insights });
  }

  /**
   * Starts building the model as the page starts loading, so that the two overlap: at 10,000 features each
   * takes a few hundred milliseconds, and the page's 'ready' would otherwise be the start of the build.
   */
  private prebuild(panel: vscode.WebviewPanel): void {
    // The first part at once (it is posted while the page loads); the others once the page is 'ready', so that
    // they do not compete with VS Code creating the page and the page loading for this machine's few cores.
    const ready = new Promise<void>((resolve) => (this.releasePrebuild = resolve));
    const build = this.builder.start(true, ready);
    // A failure is reported by the postModel that takes the build; a build nobody takes fails silently.
    void build.then((started) => Promise.all(started.parts)).catch(() => undefined);
    this.prebuilt = build;
    void this.postEarly(panel, build).catch(() => undefined);
  }

  /**
   * Posts the first part of a new page's model while the page loads, after the page's saved state and the
   * saved views. VS Code holds the messages of a webview whose page has not loaded and delivers them, in
   * order, once it has, so the page draws its first screen as its script starts instead of after its
   * 'ready' has reached the extension host and the model has come back. postModel posts the same part again
   * after 'ready', as a page re-created meanwhile (hidden, reloaded) lost what was held for it; a page that
   * has it drops it by its serial, unread.
   */
  private async postEarly(panel: vscode.WebviewPanel, pending: Promise<ModelBuild>): Promise<void> {
    const build = await pending;
    const first = await build.parts[0];
    // Too late (the page said 'ready' and gets its model the ordinary way), or out of date, or the panel went.
    if (!first || this.ready || this.prebuilt !== pending || this.current !== panel) return;
    const serial = (build.serial = ++this.modelSerial);
    this.files = first.files;
    for (const message of this.beforeModel()) void this.postTo(panel, message);
    const rest = build.total - first.model.features.length;
    void panel.webview.postMessage(partMessage(build, 0, first, serial, rest));
  }

  // ---- messages from the webview ----------------------------------------------------------------------

  private logDropped(message: unknown): void {
    const type =
      typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    // Bounded: a misbehaving page must not grow the set (or the log) without limit.
    const kind = typeof type === 'string' && type.length <= 40 ? type : `<${typeof message}>`;
    if (this.loggedKinds.has(kind) || this.loggedKinds.size >= 50) return;
    this.loggedKinds.add(kind);
    this.log.warn(
      `Ignored a malformed '${kind}' message from the roadmap panel (further ones of this kind are not logged).`,
    );
  }

  private resolveFile(file: string): FileResolution {
    const ref = this.files.get(file);
    if (!ref) return { ok: false, reason: `${file} is not a feature file of this roadmap` };
    return { ok: true, ref, uri: this.service.uriOf(ref.folder, ref.file) };
  }

  /**
   * Opens a feature file without squeezing the panel: in another visible editor group when there is one,
   * else as a preview tab in the panel's own group (the panel keeps its full width, one tab away). Never a
   * new split, and a double click (or Enter pressed twice) opens one editor, not two.
   */
  private async openFeature(file: string): Promise<void> {
    const resolved = this.resolveFile(file);
    if (!resolved.ok) {
      this.log.warn(`Roadmap panel: not opening ${file}: ${resolved.reason}.`);
      return;
    }
    const now = Date.now();
    if (this.lastOpen && this.lastOpen.file === file && now - this.lastOpen.at < openRepeatMs) return;
    this.lastOpen = { file, at: now };
    const panelColumn = this.current?.viewColumn;
    const other = vscode.window.tabGroups.all.find(
      (group) => group.viewColumn !== panelColumn && group.viewColumn !== undefined,
    );
    // At the front-matter, or at the error of a file that needs repair.
    const error = resolved.ref.folder.index.get(resolved.ref.file)?.feature
      ? undefined
      : resolved.ref.folder.index.issues(resolved.ref.file).find((issue) => issue.severity === 'error');
    const lines = error ? this.service.lineIndexOf(resolved.uri) : undefined;
    await vscode.window.showTextDocument(resolved.uri, {
      viewColumn: other?.viewColumn ?? panelColumn ?? vscode.ViewColumn.Active,
      selection: error && lines ? toRange(error.span, lines) : new vscode.Range(0, 0, 0, 0),
      preview: true,
    });
  }

  /** The panel proposes a name; the user confirms or changes it. */
  private async saveView(view: SavedView): Promise<void> {
    const name = await vscode.window.showInputBox({
      title: 'Save View',
      prompt: `A name for this view, saved in ${savedViewsPath} for the whole team`,
      value: view.name,
      validateInput: (value) => (value.trim() === '' ? 'A saved view needs a name.' : undefined),
    });
    if (name === undefined) return;
    await this.savedViews.save({ ...view, name: name.trim() });
  }

  private async sendDetails(file: string): Promise<void> {
    const resolved = this.resolveFile(file);
    if (!resolved.ok) return;
    const { folder, file: indexed } = resolved.ref;
    const text = await this.builder.readFeatureText(folder, indexed);
    const feature = folder.index.get(indexed)?.feature;
    if (text === undefined || !feature) return;
    this.bodyBlocks ??= (await import('../core/bodyBlocks')).bodyBlocks;
    let body: BodyBlock[] = [];
    try {
      body = this.bodyBlocks(text);
    } catch (error) {
      this.log.warn(`Could not read the body of ${indexed}: ${(error as Error).message}`);
    }
    const model = folder.index.config.scoring.model;
    const details: FeatureDetails = {
      file,
      body,
      evidence: feature.evidence.map((link) => ({ ...link })),
      formula: scoringFormulas[model],
    };
    const explanation = explainScore(feature, model);
    if (explanation) details.scoreExplanation = explanation;
    await this.post({ type: 'details', details });
  }

  /** Edits from the details pane, the Priority table, drags and undo: validated by the editor's rules. */
  private async setFields(message: SetFields): Promise<void> {
    const resolved = this.resolveFile(message.file);
    if (!resolved.ok) return this.refuse(message.file, resolved.reason, message.edit);
    const changes: FrontmatterChange[] = [];
    for (const edit of message.edits) {
      const converted = changeFor(edit);
      if (!converted.ok) return this.refuse(message.file, converted.reason, message.edit);
      changes.push(converted.change);
    }
    const start = message.edits.find((edit) => edit.field === 'start')?.value;
    const end = message.edits.find((edit) => edit.field === 'end')?.value;
    if (start && end && end < start)
      return this.refuse(message.file, `the end (${end}) is before the start (${start})`, message.edit);
    let text: string;
    try {
      text = (await vscode.workspace.openTextDocument(resolved.uri)).getText();
    } catch (error) {
      return this.refuse(message.file, `cannot open the file: ${(error as Error).message}`, message.edit);
    }
    const { folder, file: indexed } = resolved.ref;
    const checked = checkEdits(indexed, text, changes, folder.index.config);
    if (!checked.ok) return this.refuse(message.file, checked.reason, message.edit);
    await this.write(message.file, resolved.uri, changes, message.revision, message.edit);
  }

  private async setField(message: SetField): Promise<void> {
    const resolved = this.resolveFile(message.file);
    if (!resolved.ok) return this.refuse(message.file, resolved.reason);
    // An emptied field is removed; validation says whether that, or the new value, is acceptable.
    const value = message.value.trim() || undefined;
    const problem = fieldValueProblem([message.field], value, resolved.ref.folder.index.config);
    if (problem) return this.refuse(message.file, problem);
    const change: FieldChange = { path: [message.field], value };
    await this.write(message.file, resolved.uri, [change], message.revision);
  }

  private async setDates(message: SetDates): Promise<void> {
    const resolved = this.resolveFile(message.file);
    if (!resolved.ok) return this.refuse(message.file, resolved.reason);
    if (!isCalendarDate(message.start) || !isCalendarDate(message.end)) {
      return this.refuse(message.file, `${message.start} to ${message.end} is not a pair of calendar dates`);
    }
    // yyyy-mm-dd compares as text in date order.
    if (message.end < message.start)
      return this.refuse(message.file, `the end (${message.end}) is before the start (${message.start})`);
    await this.write(
      message.file,
      resolved.uri,
      [
        { path: ['start'], value: message.start },
        { path: ['end'], value: message.end },
      ],
      message.revision,
    );
  }

  private async write(
    file: string,
    uri: vscode.Uri,
    changes: FieldChange[],
    revision: string,
    edit?: number,
  ): Promise<void> {
    const result = await this.writer.setFields(uri, changes, revision);
    if (!result.ok) return this.refuse(file, result.reason, edit);
    await this.post(
      edit === undefined
        ? { type: 'writeResult', file, ok: true }
        : { type: 'writeResult', file, ok: true, edit },
    );
    // Nothing changed on disk means no index event; the webview still drops its optimistic state on a model.
    if (!result.changed) await this.postModel();
  }

  /** Tells the webview its edit did not happen and sends fresh revisions, so the next attempt can succeed. */
  private async refuse(file: string, reason: string, edit?: number): Promise<void> {
    this.log.warn(`Roadmap panel: refused an edit of ${file}: ${reason}.`);
    const message = `Not saved: ${reason}.`;
    await this.post(
      edit === undefined
        ? { type: 'writeResult', file, ok: false, message }
        : { type: 'writeResult', file, ok: false, message, edit },
    );
    await this.postModel();
  }

  private async export(message: Export): Promise<void> {
    let bytes: Uint8Array | undefined;
    if (message.format === 'png') {
      const base64 = message.content.startsWith(pngPrefix)
        ? decodeBase64(message.content.slice(pngPrefix.length))
        : undefined;
      bytes = base64 && pngSignature.every((byte, i) => base64[i] === byte) ? base64 : undefined;
    } else if (message.format === 'svg') {
      bytes = /<svg[\s>]/.test(message.content.slice(0, 4096)) ? encoder.encode(message.content) : undefined;
    } else {
      bytes = encoder.encode(message.content);
    }
    if (!bytes) {
      this.log.warn(
        `Roadmap panel: ignored a ${message.format} export whose content is not a valid ${message.format}.`,
      );
      void vscode.window.showErrorMessage(
        `Roadmap: the ${message.format.toUpperCase()} export was not a valid image.`,
      );
      return;
    }
    const target = await this.pickExportTarget(
      `roadmap-${message.view}.${exportExtensions[message.format]}`,
      message.format,
    );
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Roadmap: could not write ${target.fsPath || target.toString()}: ${(error as Error).message}`,
      );
      return;
    }
    this.log.info(`Exported the ${message.view} view as ${message.format} to ${target.toString()}.`);
    void vscode.window.showInformationMessage(
      `Roadmap exported to ${vscode.workspace.asRelativePath(target)}.`,
    );
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    clearTimeout(this.watchdog);
    this.current?.dispose();
    for (const disposable of [...this.panelDisposables, ...this.disposables]) disposable.dispose();
    this.panelDisposables = [];
  }
}
