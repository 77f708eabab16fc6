// The timeline's scrolling: rows are virtualised (only those near the viewport are in the DOM: text layout of
// thousands of labels and bars is what makes a big roadmap slow to open), drawn and dropped as the chart
// scrolls (only the rows entering or leaving the window, so a frame stays short), and the row being dragged
// or focused is always kept.
import { closestWith, h } from '../dom';
import { barFor } from './timelineChrome';
import { laneHeight, rowHeight, type LaneRow, type TimelineLayout } from './timelineLayout';
import type { ViewContext } from './viewTypes';

/** Height of the sticky time axis (must match .tl-header in roadmap.css). */
const headerHeight = 48;
/** Rows drawn above and below the viewport, so fast scrolling rarely shows a blank. */
const overscanPx = 1200;

export interface RowWindow {
  /** Draws the rows in view (again, with `force`, even when the same rows are in view). */
  render(force?: boolean): void;
  /** Keeps a feature's row drawn whatever the scroll position (it is being revealed or focused). */
  pin(file: string): void;
}

export function rowWindow(
  layout: TimelineLayout,
  context: ViewContext,
  scroller: HTMLElement,
  labelRows: HTMLElement,
  bars: HTMLElement,
  /** While a bar is dragged, scrolling must not re-draw (and so drop) it. */
  dragging: () => boolean,
): RowWindow {
  const rows = layout.lanes.flatMap((lane) => lane.rows);
  let windowKey = '';
  const drawn = new Map<LaneRow, { label: HTMLElement; bar: HTMLElement }>();
  let pinned: string | undefined;
  const render = (force = false): void => {
    const viewport = scroller.clientHeight || window.innerHeight;
    const top = scroller.scrollTop - headerHeight - overscanPx;
    const bottom = scroller.scrollTop + viewport + overscanPx;
    let from = 0;
    // Binary search for the first row that reaches into the window; rows are sorted by y.
    for (let lo = 0, hi = rows.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.y + rowHeight < top) lo = from = mid + 1;
      else hi = mid;
    }
    let to = from;
    while (to < rows.length && rows[to]!.y <= bottom) to++;
    const key = `${from}:${to}:${pinned ?? ''}`;
    if (!force && key === windowKey) return;
    windowKey = key;
    const visible = new Set(rows.slice(from, to));
    const pinnedRow = pinned === undefined ? undefined : layout.rowsByFile.get(pinned);
    if (pinnedRow) visible.add(pinnedRow);
    const focused = bars.contains(document.activeElement) ? document.activeElement : null;
    if (force) {
      labelRows.replaceChildren();
      bars.replaceChildren();
      drawn.clear();
    }
    // Only the rows that come into or leave the window change: the others (and the focus) stay as they are.
    for (const [row, elements] of drawn) {
      if (visible.has(row)) continue;
      elements.label.remove();
      elements.bar.remove();
      drawn.delete(row);
    }
    const labelFragment = document.createDocumentFragment();
    const barFragment = document.createDocumentFragment();
    for (const row of visible) {
      if (drawn.has(row)) continue;
      const feature = row.scheduled.feature;
      const selected = feature.file === context.selected ? ' selected' : '';
      const label = h(
        'div',
        { class: `tl-label${selected}`, 'data-file': feature.file },
        h('span', { class: 'tl-label-id' }, feature.id),
        feature.title,
      );
      label.style.top = `${row.y}px`;
      labelFragment.append(label);
      const bar = barFor(row, layout, context);
      if (selected) bar.classList.add('selected');
      barFragment.append(bar);
      drawn.set(row, { label, bar });
    }
    labelRows.append(labelFragment);
    bars.append(barFragment);
    if (focused instanceof HTMLElement && !focused.isConnected) {
      bars
        .querySelector<HTMLElement>(`.tl-bar[data-file="${CSS.escape(focused.dataset.file ?? '')}"]`)
        ?.focus({ preventScroll: true });
    }
  };
  let frame = 0;
  scroller.addEventListener(
    'scroll',
    () => {
      if (frame || dragging()) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        render();
      });
    },
    { passive: true },
  );
  // A wheel or a dragged scrollbar stops anywhere: once scrolling has ended, the top row is brought whole below
  // the sticky header rather than left cut in half by it, onwards in the direction it went (so that a small
  // step still moves). Rows and lane titles are all rowHeight tall from the body's top, so their tops are its
  // multiples. (CSS scroll snapping animated a snap after every wheel notch, which cost frames on a loaded
  // machine, and does not see the sticky label column's rows.)
  let restedAt = scroller.scrollTop;
  scroller.addEventListener('scrollend', () => {
    const top = scroller.scrollTop;
    const round = top > restedAt ? Math.ceil : Math.floor;
    const aligned = round(top / rowHeight) * rowHeight;
    restedAt = aligned;
    if (dragging() || laneHeight !== rowHeight || Math.abs(aligned - top) < 1) return;
    if (aligned <= scroller.scrollHeight - scroller.clientHeight) scroller.scrollTop = aligned;
  });
  bars.addEventListener('focusin', (event) => {
    pinned = closestWith(event.target, 'data-start')?.getAttribute('data-file') ?? undefined;
  });
  render(true);
  return {
    render,
    pin: (file) => {
      pinned = file;
    },
  };
}
