// The panel shell: tabs, filter bar, export menu, notices and tooltip around the current view. It owns the
// model and the UI state, validates every host message, and re-renders the current view when either changes
// while keeping what the user was looking at (scroll position, focused item).
import type { FeatureView, HostMessage, RoadmapModel, StatusCategory, ViewName } from '../shared/protocol';
import { parseDay } from '../core/plan/calendar';
import { closestWith, h } from './dom';
import { ExportMenu } from './exportMenu';
import { FilterBar, matchesFilters } from './filters';
import { isHostMessage, viewNames } from './hostMessages';
import { Notices } from './notices';
import { restoreState, type UiState } from './state';
import { Tooltip } from './tooltip';
import { renderBoard } from './views/board';
import { renderDependencies } from './views/dependencies';
import { renderHorizons } from './views/horizons';
import { renderMoscow } from './views/moscow';
import { renderPriority } from './views/priority';
import { renderTimeline } from './views/timeline';
import type { RenderedView, ViewContext, ViewRenderer } from './views/viewTypes';
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

type Edit = Partial<Pick<FeatureView, 'status' | 'start' | 'end'>>;

export class App {
  private hostModel: RoadmapModel | undefined;
  /** Edits posted to the host but not yet reflected in a model from it. */
  private readonly pending = new Map<string, Edit>();
  private state: UiState;
  private current: { view: ViewName; rendered: RenderedView } | undefined;
  private readonly scroll = new Map<ViewName, { key: string | undefined; top: number; left: number }>();
  private byFile = new Map<string, FeatureView>();
  private statusById = new Map<string, { title: string; category: StatusCategory }>();

  private readonly tabs = new Map<ViewName, HTMLButtonElement>();
  private readonly panel: HTMLElement;
  private readonly filterBar: FilterBar;
  private readonly notices = new Notices();

  constructor(
    root: HTMLElement,
    private readonly host: Host,
  ) {
    this.state = restoreState(host.getState());
    this.filterBar = new FilterBar(this.state.filters, (filters) => this.update({ filters }));
    this.panel = h('main', { class: 'view-host', id: 'view-panel', role: 'tabpanel', tabindex: -1 });
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
          h('span', { class: 'spacer' }),
          // Exports are saved by the host; a read-only host has nowhere to save them.
          host.readOnly ? undefined : exportMenu.element,
        ),
        this.filterBar.element,
        this.panel,
      ),
      this.notices.element,
      tooltip.element,
    );
    this.wireFeatureActivation();
    this.selectTab(this.state.view);
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    // Mermaid picks its theme from the body class; VS Code changes it live when the user switches theme.
    new MutationObserver(() => {
      if (this.current?.view === 'dependencies') this.render();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.host.post({ type: 'ready' });
  }

  // ---- host messages ---------------------------------------------------------------------------------

  receive(data: unknown): void {
    if (!isHostMessage(data)) return;
    this.handle(data);
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'model':
        this.hostModel = message.model;
        this.pending.clear();
        this.filterBar.update(message.model);
        this.render();
        this.markPainted();
        break;
      case 'showView':
        this.update({ view: message.view });
        break;
      case 'focus':
        this.focusFeature(message.id);
        break;
      case 'writeResult':
        if (!message.ok) {
          this.notices.show(message.message ?? `Could not save ${message.file}.`);
          if (this.pending.delete(message.file)) this.render();
        }
        break;
    }
  }

  /** Performance marks for the first-paint benchmark: rendered, then after the next frame was produced. */
  private markPainted(): void {
    performance.mark('roadmap:rendered');
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        performance.mark('roadmap:painted');
        channel.port1.close();
      };
      channel.port2.postMessage(undefined);
    });
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
    this.host.setState(this.state);
    if (change.view) this.selectTab(change.view);
    if (options.render !== false) this.render();
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
      const scroller = this.current.rendered.scroller ?? this.current.rendered.root;
      this.scroll.set(this.current.view, {
        key: this.current.rendered.scrollKey,
        top: scroller.scrollTop,
        left: scroller.scrollLeft,
      });
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
      post: (message) => this.host.post(message),
      update: (change, options) => this.update(change, options),
      applyLocally: (file, edit) => {
        this.pending.set(file, { ...this.pending.get(file), ...edit });
        this.render();
      },
      statusCategory: (feature) => this.statusById.get(feature.status)?.category ?? 'todo',
    };
    const rendered = renderers[view](context);
    this.current = { view, rendered };
    this.panel.replaceChildren(rendered.root);
    const saved = this.scroll.get(view);
    const restore = saved !== undefined && saved.key === rendered.scrollKey;
    if (restore) {
      const scroller = rendered.scroller ?? rendered.root;
      scroller.scrollTop = saved.top;
      scroller.scrollLeft = saved.left;
    }
    // After the scroll is restored, so that virtualised views draw the right rows before focus returns.
    rendered.mounted?.(restore);
    focus?.();
    this.filterBar.setCount(features.length, model.features.length);
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
  }

  // ---- opening features ----------------------------------------------------------------------------------

  private wireFeatureActivation(): void {
    const open = (target: EventTarget | null): boolean => {
      const file = closestWith(target, 'data-file')?.getAttribute('data-file');
      if (!file || !this.byFile.has(file)) return false;
      this.host.post({ type: 'openFeature', file });
      return true;
    };
    this.panel.addEventListener('click', (event) => {
      if (!event.defaultPrevented) open(event.target);
    });
    this.panel.addEventListener('keydown', (event) => {
      // Only the focused item itself: Enter inside a control nested in an item keeps its own meaning.
      if (event.key !== 'Enter' || event.altKey || !(event.target instanceof Element)) return;
      if (!event.target.hasAttribute('data-file')) return;
      if (open(event.target)) event.preventDefault();
    });
  }
}
