// Baseline mode (Roadmap: Compare with…) drawn over whatever view the panel shows, without the views knowing:
// a banner says what the roadmap is compared with; every element a view tags with `data-file` gets a badge
// (new, moved, re-prioritised, changed) and an outline; each timeline bar whose dates moved gets a ghost bar at
// the baseline's dates, its slip marked. Views re-render freely: a MutationObserver re-applies the overlay.
// Every text is set with textContent: titles and refs from git stay text.
import type { BaselineFeatureView, BaselineKind, BaselineMessage, BaselineView } from '../shared/protocol';

const kindLabels: Record<BaselineKind, string> = {
  new: 'new',
  moved: 'moved',
  reprioritised: 're-prioritised',
  changed: 'changed',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isDay = (value: unknown) =>
  value === undefined || (isString(value) && /^\d{4}-\d{2}-\d{2}$/.test(value));

function isBaselineFeature(value: unknown): value is BaselineFeatureView {
  return (
    isObject(value) &&
    isString(value.file) &&
    isString(value.id) &&
    Array.isArray(value.kinds) &&
    value.kinds.length > 0 &&
    value.kinds.every((kind) => isString(kind) && Object.hasOwn(kindLabels, kind)) &&
    isDay(value.start) &&
    isDay(value.end) &&
    (value.slipDays === undefined || Number.isInteger(value.slipDays)) &&
    isString(value.summary)
  );
}

/** The host is trusted, but a malformed or stale message is ignored rather than half-drawn. */
export function isBaselineMessage(value: unknown): value is BaselineMessage {
  if (!isObject(value) || value.type !== 'baseline') return false;
  const baseline = value.baseline;
  if (baseline === null) return true;
  return (
    isObject(baseline) &&
    isString(baseline.ref) &&
    Array.isArray(baseline.features) &&
    baseline.features.every(isBaselineFeature) &&
    Array.isArray(baseline.removed) &&
    baseline.removed.every((entry) => isObject(entry) && isString(entry.id) && isString(entry.title))
  );
}

const msPerDay = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / msPerDay);

const styles = `
.baseline-banner { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; padding: .35rem .75rem;
  border-bottom: 1px solid var(--vscode-panel-border, #8884); background: var(--vscode-editorInfo-background, transparent);
  font-size: 12px; }
.baseline-banner .baseline-removed { color: var(--vscode-descriptionForeground); }
.baseline-badge { display: inline-block; margin-left: .4em; padding: 0 .35em; border-radius: 3px; font-size: 10px;
  line-height: 1.5; vertical-align: middle; white-space: nowrap; color: var(--vscode-badge-foreground, #fff);
  background: var(--vscode-badge-background, #4d4d4d); }
.baseline-badge.baseline-new { background: var(--vscode-gitDecoration-addedResourceForeground, #2ea043); }
.baseline-badge.baseline-moved { background: var(--vscode-editorWarning-foreground, #bf8700); }
.baseline-badge.baseline-reprioritised { background: var(--vscode-charts-purple, #8250df); }
[data-baseline] { outline: 1px dashed var(--vscode-focusBorder, #0969da); outline-offset: 1px; }
.baseline-ghost { position: absolute; z-index: 1; height: 22px; box-sizing: border-box; pointer-events: auto;
  border: 1px dashed var(--vscode-descriptionForeground, #888); border-radius: 4px; opacity: .7; }
.baseline-ghost.baseline-late { border-color: var(--vscode-editorWarning-foreground, #bf8700); }
.baseline-ghost.baseline-early { border-color: var(--vscode-gitDecoration-addedResourceForeground, #2ea043); }
.baseline-slip { position: absolute; right: 0; top: -1.2em; font-size: 10px; white-space: nowrap;
  color: var(--vscode-editorWarning-foreground, #bf8700); }
`;

const overlaySelector = '.baseline-banner, .baseline-badge, .baseline-ghost';

export class BaselineOverlay {
  private baseline: BaselineView | null = null;
  private byFile = new Map<string, BaselineFeatureView>();
  private readonly observer = new MutationObserver((records) => {
    if (!this.baseline) return; // Out of baseline mode there is nothing to draw (leaving cleared it once).
    // Our own insertions come back as mutations too: only a view's re-render needs the overlay again.
    const ours = (node: Node) => node instanceof Element && node.matches(overlaySelector);
    if (records.every((record) => [...record.addedNodes, ...record.removedNodes].every(ours))) return;
    this.apply();
  });

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    const style = document.createElement('style');
    style.textContent = styles;
    document.head.append(style);
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isBaselineMessage(event.data)) this.set(event.data.baseline);
    });
    this.observer.observe(this.root, { childList: true, subtree: true });
  }

  set(baseline: BaselineView | null): void {
    this.baseline = baseline;
    this.byFile = new Map((baseline?.features ?? []).map((feature) => [feature.file, feature]));
    this.apply();
  }

  private apply(): void {
    this.observer.disconnect();
    try {
      for (const element of this.root.querySelectorAll(overlaySelector)) element.remove();
      for (const element of this.root.querySelectorAll('[data-baseline]'))
        element.removeAttribute('data-baseline');
      document.body.classList.toggle('baseline-mode', this.baseline !== null);
      if (this.baseline) this.draw(this.baseline);
    } finally {
      this.observer.observe(this.root, { childList: true, subtree: true });
    }
  }

  private draw(baseline: BaselineView): void {
    this.root.prepend(this.banner(baseline));
    for (const element of this.root.querySelectorAll<HTMLElement>('[data-file]')) {
      const feature = this.byFile.get(element.getAttribute('data-file') ?? '');
      // SVG nodes (the dependency graph) take no HTML badge; nested tagged elements take the outer one's.
      if (!feature || !(element instanceof HTMLElement) || element.parentElement?.closest('[data-baseline]'))
        continue;
      element.setAttribute('data-baseline', feature.kinds.join(' '));
      if (element.classList.contains('tl-bar')) {
        this.ghost(element, feature, baseline.ref);
        continue;
      }
      for (const kind of feature.kinds) {
        const badge = document.createElement('span');
        badge.className = `baseline-badge baseline-${kind}`;
        badge.textContent =
          kind === 'moved' && feature.slipDays
            ? `${kindLabels[kind]} ${signedDays(feature.slipDays)}`
            : kindLabels[kind];
        badge.title = `${kindLabels[kind]} since ${baseline.ref}: ${feature.summary}`;
        element.append(badge);
      }
    }
  }

  private banner(baseline: BaselineView): HTMLElement {
    const banner = document.createElement('div');
    banner.className = 'baseline-banner';
    banner.setAttribute('role', 'status');
    const count = (kind: BaselineKind) =>
      baseline.features.filter((feature) => feature.kinds.includes(kind)).length;
    const title = document.createElement('strong');
    title.textContent = `Compared with ${baseline.ref}`;
    const summary = document.createElement('span');
    summary.textContent = `${count('new')} new · ${count('moved')} moved · ${count('reprioritised')} re-prioritised · ${count('changed')} changed · ${baseline.removed.length} removed`;
    banner.append(title, summary);
    if (baseline.removed.length > 0) {
      const removed = document.createElement('span');
      removed.className = 'baseline-removed';
      removed.textContent = `Removed: ${baseline.removed.map((entry) => `${entry.id} ${entry.title}`.trim()).join(', ')}`;
      banner.append(removed);
    }
    return banner;
  }

  /** The baseline's span as a dashed bar behind today's, on the timeline's own scale (read off the bar itself). */
  private ghost(bar: HTMLElement, feature: BaselineFeatureView, ref: string): void {
    const currentStart = bar.getAttribute('data-start');
    const currentEnd = bar.getAttribute('data-end');
    if ((!feature.start && !feature.end) || !currentStart || !currentEnd) return;
    const left = parseFloat(bar.style.left);
    const width = parseFloat(bar.style.width);
    const days = dayNumber(currentEnd) - dayNumber(currentStart) + 1;
    if (!Number.isFinite(left) || !Number.isFinite(width) || days <= 0) return;
    const pixelsPerDay = width / days;
    const start = feature.start ?? currentStart;
    const end = feature.end ?? currentEnd;
    const ghost = document.createElement('div');
    const slip = feature.slipDays ?? 0;
    ghost.className = `baseline-ghost${slip > 0 ? ' baseline-late' : slip < 0 ? ' baseline-early' : ''}`;
    ghost.setAttribute('data-baseline-file', feature.file);
    ghost.style.top = bar.style.top;
    ghost.style.left = `${left + (dayNumber(start) - dayNumber(currentStart)) * pixelsPerDay}px`;
    ghost.style.width = `${Math.max(4, (dayNumber(end) - dayNumber(start) + 1) * pixelsPerDay)}px`;
    ghost.title = `${feature.id} at ${ref}: ${start} to ${end}${slip ? ` (${signedDays(slip)} since)` : ''}`;
    if (slip) {
      const marker = document.createElement('span');
      marker.className = 'baseline-slip';
      marker.textContent = signedDays(slip);
      ghost.append(marker);
    }
    bar.before(ghost);
  }
}

function signedDays(days: number): string {
  return `${days > 0 ? '+' : '−'}${Math.abs(days)}d`;
}

export function startBaseline(root: HTMLElement): BaselineOverlay {
  const overlay = new BaselineOverlay(root);
  overlay.start();
  return overlay;
}
