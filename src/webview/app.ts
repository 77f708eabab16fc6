// The panel shell: tabs, filter bar, export menu, notices and tooltip around the current view. It owns the
// model and the UI state, validates every host message, and re-renders the current view when either changes
// while keeping what the user was looking at (scroll position, focused item).
import type {
  EditableField,
  FeatureView,
  FieldEdit,
  HostMessage,
  ModelPart,
  RoadmapModel,
  SavedView,
  StatusCategory,
  TaskInsight,
  ViewName,
  WebviewMessage,
} from '../shared/protocol';
import { parseTypedNumber } from '../core/typedNumber';
import { parseDay } from '../core/plan/calendar';
import { DetailsPane } from './details';
import { closestWith, h } from './dom';
import { ExportMenu } from './exportMenu';
import { FilterBar, matchesFilters } from './filters';
import { decodeWireMessage, encodedModelSerial, isHostMessage, viewNames } from './hostMessages';
import { joinParts } from '../shared/modelWire';
import { Notices } from './notices';
import { SavedViewsMenu, savedViewOf, stateOfSavedView } from './savedViewsMenu';
import { restoreState, type UiState } from './state';
import { beforeOf, UndoHistory, type EditRecord } from './undo';
import { Tooltip } from './tooltip';
import { renderBoard } from './views/board';
import { renderDependencies } from './views/dependencies';
import { renderHorizons } from './views/horizons';
import { renderMoscow } from './views/moscow';
import { renderPriority } from './views/priority';
import { renderTimeline } from './views/timeline';
import type { RenderedView, ViewContext, ViewRenderer } from './views/viewTypes';
import { isCancelledStatus } from '../core/statusKinds';
import type { Host } from './vscodeApi';

const renderers: Record<ViewName, ViewRenderer> = {
  timeline: renderTimeline,
  board: renderBoard,
  horizons: renderHorizons,
  moscow: renderMoscow,
  priority: renderPriority,
  dependencies: renderDependencies,
};

const viewTitles: Record<ViewName, string> = {
  timeline: 'Timeline',
  board: 'Board',
  horizons: 'Now / Next / Later',
  moscow: 'MoSCoW',
  priority: 'Priority',
  dependencies: 'Dependencies',
};

/** Attributes that identify a focusable control across re-renders, most specific first. */
const focusKeys = ['data-file', 'data-zoom', 'data-sort', 'data-swimlane', 'data-action'];

type Edit = Partial<FeatureView>;

const numericFields: ReadonlySet<EditableField> = new Set(['reach', 'impact', 'confidence', 'effort']);

/** How the view shows an edit before the host confirms it. */
function localEdit(edits: readonly FieldEdit[]): Edit {
  const edit: Record<string, unknown> = {};
  for (const { field, value } of edits) {
    edit[field] = value === '' ? undefined : numericFields.has(field) ? parseTypedNumber(value) : value;
  }
  return edit as Edit;
}

/** An edit posted to the host and not yet answered, and what confirming it means for the history. */
interface Outstanding {
  record: EditRecord;
  kind: 'edit' | 'undo' | 'redo';
}

/** The UI state is sent to the host this long after the last change (scrolling changes it continuously). */
/**
 * A new model comes without task counts (they follow in an 'insights' message); the counts of files whose
 * revision did not change are carried over, so progress bars do not blink out on every edit.
 */
function withKnownTasks(model: RoadmapModel, previous: RoadmapModel | undefined): RoadmapModel {
  if (!previous) return model;
  const known = new Map<string, FeatureView>();
  for (const feature of previous.features) if (feature.tasks) known.set(feature.file, feature);
  if (known.size === 0) return model;
  return {
    ...model,
    features: model.features.map((feature) => {
      const before = known.get(feature.file);
      return before && !feature.tasks && before.revision === feature.revision
        ? { ...feature, tasks: before.tasks }
        : feature;
    }),
  };
}

const saveStateDelayMs = 300;
/** The longest the rest of a model waits for its first part's frame (a page in the background gets none). */
const holdForPaintMs = 100;

/** Calls `callback` once the next frame has been produced (a task after that frame's animation callbacks). */
function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(undefined);
  });
}

/** A model arriving in parts (see ModelPart): the first part, drawn as it came, and the rest as they come. */
interface IncomingParts {
  serial: number;
  model: RoadmapModel;
  /** By residue: the features received so far. */
  slices: FeatureView[][];
  /** The features the whole model will have. */
  total: number;
  /** The model before this one, whose task counts carry over. */
  previous: RoadmapModel | undefined;
}

/** What to gather after a model's first part; undefined when the model came whole. */
function incomingParts(
  model: RoadmapModel,
  part: ModelPart | undefined,
  previous: RoadmapModel | undefined,
): IncomingParts | undefined {
  // A stride larger than the features to come is not a real split (and would allocate for nothing).
  if (!part || part.pending === 0 || part.stride > part.pending + 1) return undefined;
  const slices = Array.from({ length: part.stride }, (): FeatureView[] => []);
  slices[part.residue] = model.features;
  return { serial: part.serial, model, slices, total: model.features.length + part.pending, previous };
}

export class App {
  private hostModel: RoadmapModel | undefined;
  /** The serial of the model drawn (or being received), when the host gave it one (ModelPart). */
  private modelSerial: number | undefined;
  private incoming: IncomingParts | undefined;
  /**
   * Messages that came while the first part of a model waited for its frame, handled once it is painted: the
   * rest of the model arrives right behind it, and decoding it first would hold the first screen back.
   */
  private held: unknown[] | undefined;
  /** Edits posted to the host but not yet reflected in a model from it. */
  private readonly pending = new Map<string, Edit>();
  private state: UiState;
  private current: { view: ViewName; rendered: RenderedView } | undefined;
  private byFile = new Map<string, FeatureView>();
  private statusById = new Map<string, { title: string; category: StatusCategory }>();

  private readonly tabs = new Map<ViewName, HTMLButtonElement>();
  private readonly panel: HTMLElement;
  private readonly filterBar: FilterBar;
  private readonly notices = new Notices();
  private readonly details: DetailsPane;
  private readonly savedViews: SavedViewsMenu;
  private readonly viewMenu: HTMLSelectElement;
  private readonly history = new UndoHistory();
  /** Per file, the edits posted and not yet answered, oldest first (the host answers in order). */
  private readonly outstanding = new Map<string, Outstanding[]>();
  private nextEdit = 1;
  /** The user changed something on this page: a state restored from the host must not overwrite it. */
  private touched = false;
  /** The host's copy of the UI state came: it is posted while the page loads and again after 'ready'. */
  private stateRestored = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: Host,
  ) {
    this.state = restoreState(host.getState());
    this.filterBar = new FilterBar(this.state.filters, (filters) => this.update({ filters }));
    this.panel = h('main', { class: 'view-host', id: 'view-panel', role: 'tabpanel', tabindex: -1 });
    this.details = new DetailsPane({
      edit: (file, edits, label) => this.edit(file, edits, label),
      open: (file) => this.open(file),
      select: (file) => this.select(file),
      openLink: (url) => this.host.post({ type: 'openLink', url }),
    });
    this.savedViews = new SavedViewsMenu(
      (view) => this.applySavedView(view),
      () => this.host.post({ type: 'saveView', view: savedViewOf(this.state, viewTitles[this.state.view]) }),
    );
    this.viewMenu = this.buildViewMenu();
    this.panel.append(h('p', { class: 'loading' }, 'Loading roadmap…'));
    const exportMenu = new ExportMenu(
      () => this.current,
      (message) => this.host.post(message),
      (text) => this.notices.show(text),
    );
    const tooltip = new Tooltip(root, (file) => {
      const feature = this.byFile.get(file);
      if (!feature) return undefined;
      const milestone = this.hostModel?.milestones.find((candidate) => candidate.id === feature.milestone);
      return {
        feature,
        statusTitle:
          this.statusById.get(feature.status)?.title ??
          (feature.status === '' ? 'None' : `${feature.status} (not a configured status)`),
        milestoneTitle: milestone?.title,
      };
    });
    root.replaceChildren(
      h(
        'div',
        { class: host.readOnly ? 'app read-only' : 'app' },
        h(
          'header',
          { class: 'toolbar' },
          this.buildTabs(),
          this.viewMenu,
          h('span', { class: 'spacer' }),
          // Views and exports are saved by the host; a read-only host has nowhere to save them.
          host.readOnly ? undefined : this.savedViews.element,
          host.readOnly ? undefined : exportMenu.element,
        ),
        this.filterBar.element,
        h('div', { class: 'workspace' }, this.panel, this.details.element),
      ),
      this.notices.element,
      tooltip.element,
    );
    this.wireFeatureActivation();
    this.wireUndoKeys();
    this.selectTab(this.state.view);
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    // Mermaid picks its theme from the body class; VS Code changes it live when the user switches theme.
    new MutationObserver(() => {
      if (this.current?.view === 'dependencies') this.render();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    performance.mark('roadmap:ready');
    this.host.post({ type: 'ready' });
  }

  // ---- host messages ---------------------------------------------------------------------------------

  receive(data: unknown): void {
    if (this.held) {
      this.held.push(data);
      return;
    }
    // The same model posted again (before and after 'ready', see the host's postEarly) is drawn once.
    const serial = encodedModelSerial(data);
    if (serial !== undefined && serial === this.modelSerial) return;
    // For the benchmarks: when a model's bytes arrived, before they are decoded and checked.
    if ((data as { type?: unknown } | null)?.type === 'encodedModel')
      performance.mark('roadmap:model-received');
    const message = decodeWireMessage(data);
    if (!isHostMessage(message)) return;
    this.handle(message);
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'model':
        // For the benchmarks: when each model arrived (its render and paint are marked after).
        performance.mark('roadmap:model');
        this.modelSerial = message.part?.serial;
        this.incoming = incomingParts(message.model, message.part, this.hostModel);
        this.hostModel = withKnownTasks(message.model, this.hostModel);
        this.pending.clear();
        this.filterBar.update(message.model);
        this.render();
        this.markPainted('roadmap:rendered', 'roadmap:painted');
        if (this.incoming) this.holdUntilPainted();
        break;
      case 'modelFeatures':
        this.receiveFeatures(message.features, message.part);
        break;
      case 'insights':
        this.applyInsights(message.tasks);
        // For the benchmarks: when the task counts were drawn.
        performance.mark('roadmap:insights');
        break;
      case 'showView':
        this.update({ view: message.view });
        break;
      case 'focus':
        this.focusFeature(message.id);
        break;
      case 'writeResult':
        this.onWriteResult(message);
        break;
      case 'details':
        this.details.setDetails(message.details);
        if (this.details.file === message.details.file) this.renderDetails();
        break;
      case 'restoreState':
        if (!this.touched && !this.stateRestored) this.replaceState(restoreState(message.state));
        this.stateRestored = true;
        break;
      case 'savedViews':
        this.savedViews.setViews(message.views);
        break;
      case 'applyView': {
        const view = this.savedViews.find(message.name);
        if (view) this.applySavedView(view);
        else this.notices.show(`There is no saved view named '${message.name}'.`);
        break;
      }
    }
  }

  /**
   * More features of the model being received in parts; drawn with the last of them (one render of the
   * whole, not one per part). Parts of a model that a newer one replaced are dropped.
   */
  private receiveFeatures(features: FeatureView[], part: ModelPart): void {
    const incoming = this.incoming;
    if (!incoming || incoming.serial !== part.serial || incoming.slices.length !== part.stride) return;
    incoming.slices[part.residue] = features;
    if (part.pending > 0) return;
    this.incoming = undefined;
    const joined = joinParts(incoming.slices);
    // Parts that do not make one model (not expected from the host) leave the first part drawn.
    if (!joined) return;
    const model = { ...incoming.model, features: joined };
    // Task counts known before the first part are carried over to the whole, as for any new model.
    this.hostModel = withKnownTasks(model, incoming.previous);
    this.filterBar.update(model);
    this.render();
    // For the benchmarks: the whole model drawn.
    this.markPainted('roadmap:complete', 'roadmap:complete-painted');
  }

  /** Task counts arrive after the model they belong to (the host drops them when a newer one is built). */
  private applyInsights(tasks: readonly TaskInsight[]): void {
    const model = this.hostModel;
    if (!model || tasks.length === 0) return;
    const byFile = new Map(tasks.map((entry) => [entry.file, entry]));
    this.hostModel = {
      ...model,
      features: model.features.map((feature) => {
        const entry = byFile.get(feature.file);
        return entry ? { ...feature, tasks: { done: entry.done, total: entry.total } } : feature;
      }),
    };
    this.render();
  }

  private onWriteResult(message: Extract<HostMessage, { type: 'writeResult' }>): void {
    const queue = this.outstanding.get(message.file);
    // The host answers a file's edits in the order they were posted.
    const answered = queue?.shift();
    if (queue && queue.length === 0) this.outstanding.delete(message.file);
    if (!message.ok) {
      this.notices.show(message.message ?? `Could not save ${message.file}.`);
      if (this.pending.delete(message.file)) this.render();
      return;
    }
    if (!answered) return;
    const { record, kind } = answered;
    if (kind === 'edit') this.history.record(record);
    else if (kind === 'undo') this.history.recordUndo(record);
    else this.history.recordRedo(record);
    const verb = kind === 'undo' ? 'Undone' : kind === 'redo' ? 'Redone' : 'Saved';
    const feature = this.byFile.get(record.file);
    const what = `${feature?.id ?? record.file}: ${record.label}`;
    if (kind === 'undo')
      this.notices.show(`${verb} ${what}. Ctrl+Shift+Z redoes it.`, 'info', {
        label: 'Redo',
        run: () => this.redo(),
      });
    else
      this.notices.show(`${verb} ${what}. Ctrl+Z undoes it.`, 'info', {
        label: 'Undo',
        run: () => this.undo(),
      });
  }

  // ---- edits, undo and redo ----------------------------------------------------------------------------

  /** Edits a feature through the host's writer (validated there) and remembers it for undo. */
  private edit(
    file: string,
    edits: FieldEdit[],
    label: string,
    kind: Outstanding['kind'] = 'edit',
    record?: EditRecord,
  ): void {
    const feature = this.byFile.get(file);
    if (!feature) return;
    const entry: EditRecord = record ?? { file, label, before: beforeOf(feature, edits), after: edits };
    this.track(file, { record: entry, kind });
    this.host.post({ type: 'setFields', file, revision: feature.revision, edits, edit: this.nextEdit++ });
    this.pending.set(file, { ...this.pending.get(file), ...localEdit(edits) });
    this.render();
  }

  private track(file: string, outstanding: Outstanding): void {
    const queue = this.outstanding.get(file);
    if (queue) queue.push(outstanding);
    else this.outstanding.set(file, [outstanding]);
  }

  /** The views' own edits (board and timeline drags) keep their messages; they enter the history too. */
  private postFromView(message: WebviewMessage): void {
    const feature = 'file' in message ? this.byFile.get(message.file) : undefined;
    if (feature && message.type === 'setField') {
      const after = [{ field: message.field, value: message.value }];
      this.track(feature.file, {
        kind: 'edit',
        record: {
          file: feature.file,
          label: `${message.field} → ${this.describe(message.field, message.value)}`,
          before: beforeOf(feature, after),
          after,
        },
      });
    } else if (feature && message.type === 'setDates') {
      const after: FieldEdit[] = [
        { field: 'start', value: message.start },
        { field: 'end', value: message.end },
      ];
      this.track(feature.file, {
        kind: 'edit',
        record: {
          file: feature.file,
          label: `dates → ${message.start} – ${message.end}`,
          before: beforeOf(feature, after),
          after,
        },
      });
    } else if (message.type === 'setFields') {
      const record = {
        file: message.file,
        label: message.edits.map((e) => `${e.field} → ${e.value || '(none)'}`).join(', '),
        before: feature ? beforeOf(feature, message.edits) : [],
        after: message.edits,
      };
      this.track(message.file, { kind: 'edit', record });
    }
    this.host.post(message);
  }

  private describe(field: EditableField, value: string): string {
    if (field === 'status') return this.statusById.get(value)?.title ?? value;
    return value || '(none)';
  }

  private undo(): void {
    const record = this.history.takeUndo();
    if (!record) {
      this.notices.show('Nothing to undo in the roadmap panel.', 'info');
      return;
    }
    this.edit(record.file, record.before, record.label, 'undo', record);
  }

  private redo(): void {
    const record = this.history.takeRedo();
    if (!record) {
      this.notices.show('Nothing to redo in the roadmap panel.', 'info');
      return;
    }
    this.edit(record.file, record.after, record.label, 'redo', record);
  }

  private wireUndoKeys(): void {
    document.addEventListener('keydown', (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      // Text fields keep their own undo of what is being typed.
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) this.redo();
      else this.undo();
    });
  }

  // ---- selection and saved views -------------------------------------------------------------------------

  private select(file: string | undefined): void {
    if (file === this.state.selected) return;
    this.update({ selected: file }, { render: false });
    this.markSelection();
    this.renderDetails();
    if (file) this.host.post({ type: 'details', file });
  }

  private open(file: string): void {
    if (this.byFile.has(file)) this.host.post({ type: 'openFeature', file });
  }

  private renderDetails(): void {
    const model = this.effectiveModel();
    const file = this.state.selected;
    this.details.render(model, file ? this.byFile.get(file) : undefined);
  }

  private markSelection(): void {
    for (const element of this.panel.querySelectorAll('.selected[data-file]'))
      element.classList.remove('selected');
    const file = this.state.selected;
    if (!file) return;
    for (const element of this.panel.querySelectorAll(`[data-file="${CSS.escape(file)}"]`))
      element.classList.add('selected');
    this.current?.rendered.select?.(file);
  }

  private applySavedView(view: SavedView): void {
    const change = stateOfSavedView(view);
    this.touched = true;
    this.filterBar.replace(change.filters);
    this.update(change);
    this.notices.show(`Showing the saved view '${view.name}'.`, 'info');
  }

  private replaceState(state: UiState): void {
    this.state = state;
    this.host.setState(this.state);
    this.filterBar.replace(state.filters);
    this.selectTab(state.view);
    this.render();
    if (state.selected) this.host.post({ type: 'details', file: state.selected });
  }

  /** Performance marks for the first-paint benchmark: rendered, then after the next frame was produced. */
  private markPainted(rendered: string, painted: string): void {
    performance.mark(rendered);
    afterNextPaint(() => performance.mark(painted));
  }

  /** Holds the messages that come next until the frame just rendered is painted (see `held`). */
  private holdUntilPainted(): void {
    const held: unknown[] = [];
    this.held = held;
    const release = () => {
      if (this.held !== held) return;
      this.held = undefined;
      for (const data of held) this.receive(data);
    };
    afterNextPaint(release);
    setTimeout(release, holdForPaintMs);
  }

  private focusFeature(id: string): void {
    const model = this.effectiveModel();
    const feature = model?.features.find((candidate) => candidate.id === id);
    if (!feature) {
      this.notices.show(`Feature ${id} is not in the roadmap.`, 'info');
      return;
    }
    if (!matchesFilters(feature, this.state.filters)) {
      this.filterBar.reset();
      this.notices.show('Filters were cleared to show the feature.', 'info');
    }
    let element = this.current?.rendered.reveal?.(feature.file);
    if (!element) {
      this.update({ view: 'board' });
      element = this.current?.rendered.reveal?.(feature.file);
    }
    if (!element) return;
    if (!element.isConnected) return;
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    element.focus({ preventScroll: true });
    element.classList.remove('flash');
    // Restart the highlight animation even when the same feature is focused twice.
    void element.getBoundingClientRect();
    element.classList.add('flash');
    element.addEventListener('animationend', () => element.classList.remove('flash'), { once: true });
  }

  // ---- state -------------------------------------------------------------------------------------------

  private update(change: Partial<UiState>, options: { render?: boolean } = {}): void {
    this.state = { ...this.state, ...change };
    this.touched = true;
    this.persist();
    if (change.view) this.selectTab(change.view);
    if (options.render !== false) this.render();
  }

  /** Saved in the page (a reload) and, a moment later, by the host (a panel closed and opened again). */
  private persist(): void {
    this.host.setState(this.state);
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.host.post({ type: 'saveState', state: this.state });
    }, saveStateDelayMs);
  }

  private rememberScroll(): void {
    if (!this.current) return;
    const scroller = this.current.rendered.scroller ?? this.current.rendered.root;
    const position: { key?: string; top: number; left: number } = {
      top: scroller.scrollTop,
      left: scroller.scrollLeft,
    };
    if (this.current.rendered.scrollKey !== undefined) position.key = this.current.rendered.scrollKey;
    this.state = { ...this.state, scroll: { ...this.state.scroll, [this.current.view]: position } };
  }

  private effectiveModel(): RoadmapModel | undefined {
    const model = this.hostModel;
    if (!model || this.pending.size === 0) return model;
    return {
      ...model,
      features: model.features.map((feature) => {
        const edit = this.pending.get(feature.file);
        return edit ? { ...feature, ...edit } : feature;
      }),
    };
  }

  // ---- rendering ---------------------------------------------------------------------------------------

  private render(): void {
    const model = this.effectiveModel();
    if (!model) return;
    this.byFile = new Map(model.features.map((feature) => [feature.file, feature]));
    this.statusById = new Map(model.statuses.map((status) => [status.id, status]));
    const features = model.features.filter((feature) => matchesFilters(feature, this.state.filters));
    const focus = this.rememberFocus();
    if (this.current) {
      // Only from a view that is in the page: a detached one reads 0 and would lose the saved position.
      if (this.current.rendered.root.isConnected) this.rememberScroll();
      this.current.rendered.dispose?.();
    }
    const view = this.state.view;
    // Views of data no feature writes stay out of the way (unless one is open already).
    this.tabs.get('moscow')!.hidden = model.uses?.moscow === false && view !== 'moscow';
    this.tabs.get('priority')!.hidden = model.uses?.scoring === false && view !== 'priority';
    const context: ViewContext = {
      model,
      features,
      state: this.state,
      readOnly: this.host.readOnly === true,
      today: parseDay(model.today) ?? Math.floor(Date.now() / 86_400_000),
      post: (message) => this.postFromView(message),
      update: (change, options) => this.update(change, options),
      applyLocally: (file, edit) => {
        this.pending.set(file, { ...this.pending.get(file), ...edit });
        this.render();
      },
      statusCategory: (feature) => this.statusById.get(feature.status)?.category ?? 'todo',
      isCancelled: (feature) => isCancelledStatus(this.statusById.get(feature.status), feature.status),
      selected: this.state.selected,
      select: (file) => this.select(file),
    };
    const rendered = renderers[view](context);
    this.current = { view, rendered };
    this.panel.replaceChildren(rendered.root);
    const saved = this.state.scroll[view];
    const restore = saved !== undefined && saved.key === rendered.scrollKey;
    const scroller = rendered.scroller ?? rendered.root;
    if (restore) {
      scroller.scrollTop = saved.top;
      scroller.scrollLeft = saved.left;
    }
    // After the scroll is restored, so that virtualised views draw the right rows before focus returns.
    rendered.mounted?.(restore);
    let scrollTimer: ReturnType<typeof setTimeout> | undefined;
    scroller.addEventListener(
      'scroll',
      () => {
        if (scrollTimer !== undefined) clearTimeout(scrollTimer);
        scrollTimer = setTimeout(() => {
          if (this.current?.rendered !== rendered) return;
          this.rememberScroll();
          this.persist();
        }, 150);
      },
      { passive: true },
    );
    this.markSelection();
    this.renderDetails();
    focus?.();
    this.filterBar.setCount(features.length, model.features.length, this.incoming?.total);
    this.filterBar.setNeedsRepair(model.needsRepair ?? [], (file) =>
      this.host.post({ type: 'openFeature', file }),
    );
  }

  /** Returns a function that puts focus back on the equivalent element after a re-render. */
  private rememberFocus(): (() => void) | undefined {
    const active = document.activeElement;
    if (!(active instanceof Element) || !this.panel.contains(active)) return undefined;
    const attribute = focusKeys.find((name) => active.hasAttribute(name));
    if (!attribute) return undefined;
    // Tag and first class too: the same feature can have several elements (a bar and its row label).
    const kind = active.classList[0] ? `.${CSS.escape(active.classList[0])}` : '';
    const selector = `${active.tagName.toLowerCase()}${kind}[${attribute}="${CSS.escape(active.getAttribute(attribute) ?? '')}"]`;
    return () => {
      const target = this.panel.querySelector<HTMLElement | SVGElement>(selector);
      if (target) target.focus({ preventScroll: true });
      else this.panel.focus({ preventScroll: true });
    };
  }

  // ---- tabs ----------------------------------------------------------------------------------------------

  private buildTabs(): HTMLElement {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Roadmap views' });
    for (const view of viewNames) {
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${view}`,
          'data-view-tab': view,
          'aria-controls': 'view-panel',
        },
        viewTitles[view],
      );
      tab.addEventListener('click', () => {
        if (this.state.view !== view) this.update({ view });
      });
      this.tabs.set(view, tab);
      list.append(tab);
    }
    list.addEventListener('keydown', (event) => {
      const index = viewNames.indexOf(this.state.view);
      const target =
        event.key === 'ArrowRight'
          ? viewNames[(index + 1) % viewNames.length]
          : event.key === 'ArrowLeft'
            ? viewNames[(index - 1 + viewNames.length) % viewNames.length]
            : event.key === 'Home'
              ? viewNames[0]
              : event.key === 'End'
                ? viewNames[viewNames.length - 1]
                : undefined;
      if (!target) return;
      event.preventDefault();
      this.update({ view: target });
      this.tabs.get(target)?.focus();
    });
    return list;
  }

  private selectTab(view: ViewName): void {
    for (const [name, tab] of this.tabs) {
      const selected = name === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.panel.setAttribute('aria-labelledby', `tab-${view}`);
    this.viewMenu.value = view;
  }

  /** The tabs as one menu, for panels too narrow for the tab row (CSS shows one or the other). */
  private buildViewMenu(): HTMLSelectElement {
    const menu = h('select', {
      class: 'view-menu',
      'aria-label': 'Roadmap view',
      'data-action': 'view-menu',
    });
    for (const view of viewNames) menu.append(h('option', { value: view }, viewTitles[view]));
    menu.addEventListener('change', () => {
      const view = menu.value;
      if ((viewNames as readonly string[]).includes(view)) this.update({ view: view as ViewName });
    });
    return menu;
  }

  // ---- opening features ----------------------------------------------------------------------------------

  private wireFeatureActivation(): void {
    const fileOf = (target: EventTarget | null): string | undefined => {
      const file = closestWith(target, 'data-file')?.getAttribute('data-file');
      return file && this.byFile.has(file) ? file : undefined;
    };
    // A click selects (the details pane shows the feature); opening the file is explicit: a double click,
    // Enter, or the pane's "Open file" button.
    // A double click opens. Counted from the first click's item (event.detail counts clicks), because that
    // click showed the details pane, which may have moved the item from under the pointer.
    let lastClick: { file: string; at: number } | undefined;
    document.addEventListener(
      'click',
      (event) => {
        if (event.detail !== 2 || !lastClick || event.timeStamp - lastClick.at > 800) return;
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
        const file = lastClick.file;
        lastClick = undefined;
        event.preventDefault();
        event.stopPropagation();
        this.open(file);
      },
      true,
    );
    this.panel.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.detail > 1) return;
      const file = fileOf(event.target);
      if (!file) return;
      // On a published site a feature has its own page, and a reader expects a click to go there.
      if (this.host.readOnly) return this.open(file);
      lastClick = { file, at: event.timeStamp };
      this.select(file);
    });
    this.panel.addEventListener('keydown', (event) => {
      // Only the focused item itself: Enter inside a control nested in an item keeps its own meaning.
      if (!(event.target instanceof Element) || !event.target.hasAttribute('data-file')) return;
      const file = fileOf(event.target);
      if (!file) return;
      if (event.key === 'Enter' && !event.altKey) {
        event.preventDefault();
        this.open(file);
      } else if (event.key === ' ' && !event.altKey && !event.ctrlKey) {
        event.preventDefault();
        this.select(file);
      }
    });
    // Keyboard focus on an item selects it too, so arrowing through a view walks the details pane along.
    this.panel.addEventListener('focusin', (event) => {
      if (!(event.target instanceof Element) || !event.target.matches(':focus-visible')) return;
      const file = fileOf(event.target);
      if (file && event.target.hasAttribute('data-file')) this.select(file);
    });
  }
}
