// Timeline: bars on a time axis in swimlanes, with milestones, today and dependency arrows. Bars move and
// resize by dragging (snapped to whole days) or with Alt+Arrow keys; both post one setDates message.
import type { FeatureView } from '../../shared/protocol';
import { formatDay } from '../../core/plan/calendar';
import { humanDate } from '../../core/plan/labels';
import { closestWith, h, s } from '../dom';
import { categoryColour, svgRoot, themePalette, truncate } from '../exportSvg';
import { progressOf } from '../featureText';
import { timelineGantt } from '../mermaidText';
import { swimlaneKinds, zoomLevels, type Swimlane, type Zoom } from '../state';
import {
  arrowPath,
  arrows,
  initialScrollLeft,
  keyboardStep,
  labelWidth,
  laneHeight,
  layoutTimeline,
  rowHeight,
  x,
  type LaneRow,
  type TimelineLayout,
} from './timelineLayout';
import type { RenderedView, ViewContext } from './viewTypes';

const zoomTitles: Record<Zoom, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };
const laneTitles: Record<Swimlane, string> = {
  milestone: 'Milestone',
  team: 'Team',
  goal: 'Goal',
  owner: 'Owner',
};
/** Pointer travel (px) before a press becomes a drag rather than a click. */
const dragThreshold = 4;
/** Width (px) of the grab zones at each end of a bar that resize instead of move. */
const edgeZone = 7;
/** Height of the sticky time axis (must match .tl-header in roadmap.css). */
const headerHeight = 48;
/** Rows drawn above and below the viewport, so fast scrolling rarely shows a blank. */
const overscanPx = 1200;
/** Unscheduled features listed before a "Show all" button. */
const unscheduledShown = 100;

type DragMode = 'move' | 'start' | 'end';

function toolbar(context: ViewContext, onToday: () => void): HTMLElement {
  const zoom = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Zoom' });
  for (const level of zoomLevels) {
    const button = h(
      'button',
      { type: 'button', 'data-zoom': level, 'aria-pressed': String(context.state.zoom === level) },
      zoomTitles[level],
    );
    button.addEventListener('click', () => context.update({ zoom: level }));
    zoom.append(button);
  }
  const lanes = h('select', { 'data-swimlane': '', 'aria-label': 'Group rows by' });
  for (const kind of swimlaneKinds) lanes.append(h('option', { value: kind }, laneTitles[kind]));
  lanes.value = context.state.swimlane;
  lanes.addEventListener('change', () => context.update({ swimlane: lanes.value as Swimlane }));
  const today = h('button', { type: 'button', class: 'secondary', 'data-action': 'scroll-today' }, 'Today');
  today.addEventListener('click', onToday);
  return h(
    'div',
    { class: 'view-toolbar' },
    h('span', { class: 'toolbar-label' }, 'Zoom'),
    zoom,
    h('label', { class: 'toolbar-field' }, h('span', { class: 'toolbar-label' }, 'Group by'), lanes),
    today,
    h(
      'span',
      { class: 'legend' },
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-bar' }), 'Planned'),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-bar inferred' }), 'Inferred'),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-line today' }), 'Today'),
      h(
        'span',
        { class: 'legend-item' },
        h('span', { class: 'legend-line late' }),
        'Starts before dependency ends',
      ),
    ),
  );
}

function barLabel(feature: FeatureView, start: number, end: number): string {
  return `${feature.id}: ${feature.title}, ${humanDate(start)} to ${humanDate(end)}`;
}

function placeBar(bar: HTMLElement, layout: TimelineLayout, start: number, end: number): void {
  bar.style.left = `${labelWidth + x(layout, start)}px`;
  bar.style.width = `${Math.max(4, (end - start + 1) * layout.pixelsPerDay)}px`;
}

function header(layout: TimelineLayout, total: number): HTMLElement {
  const axis = h('div', { class: 'tl-axis' });
  axis.style.width = `${layout.chartWidth}px`;
  const addTicks = (ticks: TimelineLayout['majorTicks'], tier: string): void => {
    ticks.forEach((tick, i) => {
      const next = ticks[i + 1]?.day ?? layout.rangeEnd;
      const cell = h('div', { class: `tl-tick ${tier}` }, h('span', {}, tick.label));
      cell.style.left = `${x(layout, tick.day)}px`;
      cell.style.width = `${(next - tick.day) * layout.pixelsPerDay}px`;
      axis.append(cell);
    });
  };
  addTicks(layout.majorTicks, 'major');
  addTicks(layout.minorTicks, 'minor');
  // Each milestone's label owns the stretch up to the next milestone (or today's flag), and sticks to the
  // left edge of the chart while that stretch is in view, so it is never cut by the label column nor drawn
  // over its neighbour.
  const flagDays = [...new Set(layout.milestones.map((milestone) => milestone.day))].sort((a, b) => a - b);
  for (const milestone of layout.milestones) {
    let end = flagDays.find((day) => day > milestone.day) ?? layout.rangeEnd;
    if (layout.today > milestone.day && layout.today < end) end = layout.today;
    const flag = h(
      'div',
      {
        class: 'tl-flag milestone',
        title: `${milestone.title} · ${humanDate(milestone.day)}`,
        'data-milestone': milestone.id,
      },
      h('span', {}, `◆ ${milestone.title}`),
    );
    flag.style.left = `${x(layout, milestone.day)}px`;
    flag.style.width = `${Math.max(12, (end - milestone.day) * layout.pixelsPerDay)}px`;
    axis.append(flag);
  }
  if (layout.today >= layout.rangeStart && layout.today < layout.rangeEnd) {
    const flag = h('div', { class: 'tl-flag today', title: `Today · ${humanDate(layout.today)}` }, 'Today');
    flag.style.left = `${x(layout, layout.today)}px`;
    axis.append(flag);
  }
  return h(
    'div',
    { class: 'tl-header' },
    h('div', { class: 'tl-corner' }, h('span', {}, 'Feature'), h('span', { class: 'count' }, String(total))),
    axis,
  );
}

function overlay(layout: TimelineLayout): HTMLElement {
  const layer = h('div', { class: 'tl-overlay', 'aria-hidden': 'true' });
  layer.style.width = `${layout.chartWidth}px`;
  layer.style.height = `${layout.bodyHeight}px`;
  const majors = new Set(layout.majorTicks.map((tick) => tick.day));
  for (const tick of layout.minorTicks) {
    const line = h('div', { class: `tl-grid${majors.has(tick.day) ? ' major' : ''}` });
    line.style.left = `${x(layout, tick.day)}px`;
    layer.append(line);
  }
  for (const milestone of layout.milestones) {
    const line = h('div', { class: 'tl-marker milestone', 'data-milestone': milestone.id });
    line.style.left = `${x(layout, milestone.day)}px`;
    layer.append(line);
  }
  if (layout.today >= layout.rangeStart && layout.today < layout.rangeEnd) {
    const line = h('div', { class: 'tl-marker today', 'data-today': formatDay(layout.today) });
    line.style.left = `${x(layout, layout.today)}px`;
    layer.append(line);
  }
  const links = arrows(layout);
  if (links.length > 0) {
    const svg = s('svg', { class: 'tl-arrows', width: layout.chartWidth, height: layout.bodyHeight });
    svg.append(
      s(
        'defs',
        {},
        s(
          'marker',
          {
            id: 'tl-arrowhead',
            viewBox: '0 0 8 8',
            refX: 7,
            refY: 4,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto',
          },
          s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrowhead' }),
        ),
        s(
          'marker',
          {
            id: 'tl-arrowhead-late',
            viewBox: '0 0 8 8',
            refX: 7,
            refY: 4,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto',
          },
          s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrowhead late' }),
        ),
      ),
    );
    for (const link of links) {
      svg.append(
        s('path', {
          class: `tl-arrow${link.late ? ' late' : ''}`,
          d: arrowPath(layout, link.from, link.to),
          'marker-end': `url(#tl-arrowhead${link.late ? '-late' : ''})`,
          'data-from': link.from.scheduled.feature.id,
          'data-to': link.to.scheduled.feature.id,
        }),
      );
    }
    layer.append(svg);
  }
  return layer;
}

function barFor(row: LaneRow, layout: TimelineLayout, category: string, readOnly: boolean): HTMLElement {
  const { feature, start, end, source } = row.scheduled;
  const progress = progressOf(feature);
  const bar = h(
    'div',
    {
      class: `tl-bar category-${category}${source === 'dates' ? '' : ' inferred'}${feature.problems.errors > 0 ? ' has-errors' : ''}`,
      role: 'button',
      tabindex: 0,
      'data-file': feature.file,
      'data-id': feature.id,
      'data-start': formatDay(start),
      'data-end': formatDay(end),
      'data-source': source,
      'aria-label': barLabel(feature, start, end),
      'aria-keyshortcuts': readOnly
        ? undefined
        : 'Alt+ArrowLeft Alt+ArrowRight Alt+Shift+ArrowLeft Alt+Shift+ArrowRight',
    },
    feature.title,
  );
  bar.style.top = `${row.y + 4}px`;
  placeBar(bar, layout, start, end);
  if (progress !== undefined) bar.style.setProperty('--progress', `${progress}%`);
  return bar;
}

export function renderTimeline(context: ViewContext): RenderedView {
  const { zoom, swimlane } = context.state;
  const layout = layoutTimeline(
    context.model,
    context.features,
    swimlane,
    zoom,
    context.today,
    window.innerWidth - labelWidth,
  );
  const root = h('div', {
    class: 'view timeline',
    'data-view': 'timeline',
    'data-pixels-per-day': layout.pixelsPerDay,
    'data-range-start': formatDay(layout.rangeStart),
  });
  const scroller = h('div', { class: 'tl-scroll', tabindex: -1 });

  /** Width of the visible part of the chart (right of the sticky label column). */
  const chartViewport = (): number => Math.max(0, (scroller.clientWidth || window.innerWidth) - labelWidth);
  const scrollToToday = (): void => {
    scroller.scrollLeft = Math.max(0, x(layout, context.today) - chartViewport() / 2);
  };
  root.append(toolbar(context, scrollToToday));

  const canvas = h('div', { class: 'tl-canvas' });
  canvas.style.width = `${labelWidth + layout.chartWidth}px`;
  const body = h('div', { class: 'tl-body' });
  body.style.height = `${layout.bodyHeight}px`;
  const chartLayer = overlay(layout);
  chartLayer.style.left = `${labelWidth}px`;
  // Labels live in one sticky column so they stay put while the chart scrolls sideways under them.
  const labels = h('div', { class: 'tl-labels' });
  labels.style.width = `${labelWidth}px`;
  labels.style.height = `${layout.bodyHeight}px`;
  const labelRows = h('div', { class: 'tl-label-rows' });
  const bars = h('div', { class: 'tl-bars' });
  const chartFragment = document.createDocumentFragment();
  chartFragment.append(chartLayer);
  for (const lane of layout.lanes) {
    const band = h('div', { class: 'tl-lane-band', 'data-lane': lane.key });
    band.style.top = `${lane.y}px`;
    band.style.height = `${laneHeight}px`;
    chartFragment.append(band);
    const title = h(
      'div',
      { class: 'tl-lane-title' },
      lane.title,
      h('span', { class: 'count' }, String(lane.rows.length)),
    );
    title.style.top = `${lane.y}px`;
    labels.append(title);
  }
  labels.append(labelRows);
  chartFragment.append(bars);
  body.append(labels, chartFragment);
  canvas.append(
    header(
      layout,
      layout.lanes.reduce((sum, lane) => sum + lane.rows.length, 0),
    ),
    body,
  );
  if (layout.lanes.length === 0) {
    canvas.append(
      h(
        'p',
        { class: 'empty-view' },
        context.features.length === 0
          ? 'No features match the filters.'
          : 'No feature has dates, a dated milestone or a quarter yet.',
      ),
    );
  }
  scroller.append(canvas);
  root.append(scroller);

  // Rows are virtualised: only those near the viewport are in the DOM (text layout of thousands of labels
  // and bars is what makes a big roadmap slow to open). The row being dragged or focused is always kept.
  const rows = layout.lanes.flatMap((lane) => lane.rows);
  let windowKey = '';
  let pinned: string | undefined;
  const renderWindow = (force = false): void => {
    const viewport = scroller.clientHeight || window.innerHeight;
    const top = scroller.scrollTop - headerHeight - overscanPx;
    const bottom = scroller.scrollTop + viewport + overscanPx;
    let from = 0;
    let to = rows.length;
    // Binary search for the first row that reaches into the window; rows are sorted by y.
    for (let lo = 0, hi = rows.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.y + rowHeight < top) lo = from = mid + 1;
      else hi = mid;
    }
    to = from;
    while (to < rows.length && rows[to]!.y <= bottom) to++;
    const key = `${from}:${to}:${pinned ?? ''}`;
    if (!force && key === windowKey) return;
    windowKey = key;
    const visible = rows.slice(from, to);
    const pinnedRow = pinned === undefined ? undefined : layout.rowsByFile.get(pinned);
    if (pinnedRow && !visible.includes(pinnedRow)) visible.push(pinnedRow);
    const labelFragment = document.createDocumentFragment();
    const barFragment = document.createDocumentFragment();
    for (const row of visible) {
      const feature = row.scheduled.feature;
      const label = h(
        'div',
        { class: 'tl-label', 'data-file': feature.file },
        h('span', { class: 'tl-label-id' }, feature.id),
        feature.title,
      );
      label.style.top = `${row.y}px`;
      labelFragment.append(label);
      barFragment.append(barFor(row, layout, context.statusCategory(feature), context.readOnly));
    }
    const focused = bars.contains(document.activeElement) ? document.activeElement : null;
    labelRows.replaceChildren(labelFragment);
    bars.replaceChildren(barFragment);
    if (focused instanceof HTMLElement) {
      bars
        .querySelector<HTMLElement>(`.tl-bar[data-file="${CSS.escape(focused.dataset.file ?? '')}"]`)
        ?.focus({ preventScroll: true });
    }
  };
  renderWindow(true);
  let frame = 0;
  scroller.addEventListener(
    'scroll',
    () => {
      if (frame || drag) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        renderWindow();
      });
    },
    { passive: true },
  );
  bars.addEventListener('focusin', (event) => {
    pinned = closestWith(event.target, 'data-start')?.getAttribute('data-file') ?? undefined;
  });

  const unscheduled = h(
    'details',
    {
      class: 'unscheduled',
      open: layout.unscheduled.length > 0,
      'data-unscheduled': layout.unscheduled.length,
    },
    h(
      'summary',
      {},
      `Unscheduled (${layout.unscheduled.length})`,
      h('span', { class: 'hint' }, ' no dates, dated milestone or quarter'),
    ),
  );
  const list = h('ul', { class: 'chip-list', role: 'list' });
  const chip = (feature: FeatureView): HTMLElement =>
    h(
      'li',
      { class: 'chip-item', tabindex: 0, 'data-file': feature.file, 'data-id': feature.id },
      h('span', { class: 'tl-label-id' }, feature.id),
      feature.title,
    );
  for (const feature of layout.unscheduled.slice(0, unscheduledShown)) list.append(chip(feature));
  if (layout.unscheduled.length > unscheduledShown) {
    const more = h(
      'button',
      { type: 'button', class: 'link-button', 'data-action': 'show-all-unscheduled' },
      `Show all ${layout.unscheduled.length}`,
    );
    more.addEventListener('click', () => {
      const fragment = document.createDocumentFragment();
      for (const feature of layout.unscheduled.slice(unscheduledShown)) fragment.append(chip(feature));
      list.append(fragment);
      more.remove();
    });
    unscheduled.append(list, more);
  } else {
    unscheduled.append(list);
  }
  if (layout.unscheduled.length > 0) root.append(unscheduled);

  // ---- moving bars -------------------------------------------------------------------------------------
  const commit = (feature: FeatureView, start: number, end: number): void => {
    context.post({
      type: 'setDates',
      file: feature.file,
      revision: feature.revision,
      start: formatDay(start),
      end: formatDay(end),
    });
    context.applyLocally(feature.file, { start: formatDay(start), end: formatDay(end) });
  };

  let drag:
    | {
        bar: HTMLElement;
        row: LaneRow;
        mode: DragMode;
        originX: number;
        pointerId: number;
        moved: boolean;
        start: number;
        end: number;
      }
    | undefined;
  let suppressClick = false;
  const dragTip = h('div', { class: 'drag-tip', role: 'status', hidden: true });
  root.append(dragTip);

  const modeAt = (bar: HTMLElement, clientX: number): DragMode => {
    const rect = bar.getBoundingClientRect();
    if (rect.width > edgeZone * 3) {
      if (clientX - rect.left <= edgeZone) return 'start';
      if (rect.right - clientX <= edgeZone) return 'end';
    }
    return 'move';
  };

  body.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || context.readOnly) return;
    const bar = closestWith(event.target, 'data-start');
    const row = layout.rowsByFile.get(bar?.getAttribute('data-file') ?? '');
    if (!(bar instanceof HTMLElement) || !row) return;
    const { start, end } = row.scheduled;
    drag = {
      bar,
      row,
      mode: modeAt(bar, event.clientX),
      originX: event.clientX,
      pointerId: event.pointerId,
      moved: false,
      start,
      end,
    };
    bar.setPointerCapture(event.pointerId);
  });
  body.addEventListener('pointermove', (event) => {
    if (!drag) {
      if (context.readOnly) return;
      const bar = closestWith(event.target, 'data-start');
      if (bar instanceof HTMLElement) bar.dataset.grip = modeAt(bar, event.clientX);
      return;
    }
    if (event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.originX;
    if (!drag.moved && Math.abs(dx) < dragThreshold) return;
    drag.moved = true;
    drag.bar.classList.add('dragging');
    const days = Math.round(dx / layout.pixelsPerDay);
    const { start, end } = drag.row.scheduled;
    drag.start = drag.mode === 'end' ? start : Math.min(start + days, drag.mode === 'start' ? end : Infinity);
    drag.end = drag.mode === 'start' ? end : Math.max(end + days, drag.mode === 'end' ? start : -Infinity);
    placeBar(drag.bar, layout, drag.start, drag.end);
    dragTip.hidden = false;
    dragTip.textContent = `${humanDate(drag.start)} – ${humanDate(drag.end)}`;
    const rect = drag.bar.getBoundingClientRect();
    dragTip.style.left = `${rect.left}px`;
    dragTip.style.top = `${rect.top - 26}px`;
  });
  const finish = (event: PointerEvent, cancel: boolean): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { bar, row, moved, start, end } = drag;
    drag = undefined;
    dragTip.hidden = true;
    bar.classList.remove('dragging');
    if (bar.hasPointerCapture(event.pointerId)) bar.releasePointerCapture(event.pointerId);
    if (!moved) return;
    suppressClick = true;
    const unchanged = start === row.scheduled.start && end === row.scheduled.end;
    if (cancel || unchanged) placeBar(bar, layout, row.scheduled.start, row.scheduled.end);
    else commit(row.scheduled.feature, start, end);
  };
  body.addEventListener('pointerup', (event) => finish(event, false));
  body.addEventListener('pointercancel', (event) => finish(event, true));
  // A drag ends with a click on the bar; it must not also open the file.
  body.addEventListener(
    'click',
    (event) => {
      if (!suppressClick) return;
      suppressClick = false;
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );
  const arrowLayer = body.querySelector('.tl-arrows');
  const highlightArrows = (target: EventTarget | null): void => {
    if (!arrowLayer) return;
    const id = closestWith(target, 'data-start')?.getAttribute('data-id');
    for (const path of arrowLayer.querySelectorAll('.tl-arrow.active')) path.classList.remove('active');
    arrowLayer.classList.toggle('has-active', id !== undefined && id !== null);
    if (!id) return;
    const quoted = CSS.escape(id);
    for (const path of arrowLayer.querySelectorAll(`[data-from="${quoted}"], [data-to="${quoted}"]`))
      path.classList.add('active');
  };
  body.addEventListener('mouseover', (event) => highlightArrows(event.target));
  body.addEventListener('focusin', (event) => highlightArrows(event.target));
  body.addEventListener('mouseleave', () => highlightArrows(null));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && drag) {
      placeBar(drag.bar, layout, drag.row.scheduled.start, drag.row.scheduled.end);
      drag.moved = false;
      return;
    }
    if (context.readOnly || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight'))
      return;
    const row = layout.rowsByFile.get(
      closestWith(event.target, 'data-start')?.getAttribute('data-file') ?? '',
    );
    if (!row) return;
    event.preventDefault();
    const step = keyboardStep[zoom] * (event.key === 'ArrowLeft' ? -1 : 1);
    const { feature, start, end } = row.scheduled;
    // Alt+Shift resizes (moves the end only); plain Alt moves the whole bar.
    if (event.shiftKey) commit(feature, start, Math.max(start, end + step));
    else commit(feature, start + step, end + step);
  });

  return {
    root,
    scroller,
    scrollKey: `${zoom}|${swimlane}`,
    mounted: (restoredScroll) => {
      if (!restoredScroll) scroller.scrollLeft = initialScrollLeft(layout, chartViewport());
      renderWindow(true);
    },
    reveal: (file) => {
      const row = layout.rowsByFile.get(file);
      if (row) {
        scroller.scrollTop = Math.max(0, row.y - scroller.clientHeight / 2);
        scroller.scrollLeft = Math.max(
          0,
          x(layout, row.scheduled.start) - (scroller.clientWidth - labelWidth) / 3,
        );
        pinned = file;
        renderWindow(true);
        return bars.querySelector<HTMLElement>(`.tl-bar[data-file="${CSS.escape(file)}"]`) ?? undefined;
      }
      const item = list.querySelector<HTMLElement>(`.chip-item[data-file="${CSS.escape(file)}"]`);
      if (!item && layout.unscheduled.some((feature) => feature.file === file)) {
        root.querySelector<HTMLElement>('[data-action="show-all-unscheduled"]')?.click();
        return list.querySelector<HTMLElement>(`.chip-item[data-file="${CSS.escape(file)}"]`) ?? undefined;
      }
      return item ?? undefined;
    },
    toSvg: () => timelineSvg(layout, context),
    toMermaid: () =>
      timelineGantt(context.features, context.model, (feature) => context.statusCategory(feature)),
  };
}

/** The timeline as a standalone SVG picture (export). */
export function timelineSvg(layout: TimelineLayout, context: ViewContext): SVGSVGElement {
  const palette = themePalette();
  const headerHeight = 48;
  const labelColumn = 240;
  const width = labelColumn + layout.chartWidth + 16;
  const height = headerHeight + Math.max(layout.bodyHeight, rowHeight) + 16;
  const svg = svgRoot(width, height, palette);
  const px = (day: number): number => labelColumn + x(layout, day);
  const majors = new Set(layout.majorTicks.map((tick) => tick.day));
  for (const tick of layout.minorTicks) {
    svg.append(
      s('line', {
        x1: px(tick.day),
        x2: px(tick.day),
        y1: 24,
        y2: height - 16,
        stroke: palette.border,
        'stroke-opacity': majors.has(tick.day) ? 1 : 0.5,
      }),
      s('text', { x: px(tick.day) + 4, y: 40, fill: palette.muted, 'font-size': 11 }, tick.label),
    );
  }
  for (const tick of layout.majorTicks) {
    svg.append(
      s('text', { x: px(tick.day) + 4, y: 18, fill: palette.foreground, 'font-weight': 600 }, tick.label),
    );
  }
  const body = s('g', { transform: `translate(0 ${headerHeight})` });
  for (const lane of layout.lanes) {
    body.append(
      s('rect', { x: 0, y: lane.y, width, height: laneHeight, fill: palette.surface }),
      s(
        'text',
        { x: 8, y: lane.y + 19, fill: palette.foreground, 'font-weight': 600 },
        truncate(`${lane.title} (${lane.rows.length})`, 60),
      ),
    );
    for (const row of lane.rows) {
      const { feature, start, end, source } = row.scheduled;
      const colour = categoryColour(palette, context.statusCategory(feature));
      body.append(
        s(
          'text',
          { x: 8, y: row.y + 19, fill: palette.foreground },
          truncate(`${feature.id}  ${feature.title}`, 36),
        ),
        s('rect', {
          x: px(start),
          y: row.y + 5,
          width: Math.max(4, (end - start + 1) * layout.pixelsPerDay),
          height: rowHeight - 10,
          rx: 4,
          fill: colour,
          'fill-opacity': source === 'dates' ? 0.85 : 0.35,
          stroke: colour,
          'stroke-dasharray': source === 'dates' ? undefined : '4 2',
        }),
      );
    }
  }
  for (const link of arrows(layout)) {
    body.append(
      s('path', {
        d: arrowPath(layout, link.from, link.to, labelColumn),
        fill: 'none',
        stroke: link.late ? palette.error : palette.muted,
        'stroke-width': 1.2,
      }),
    );
  }
  svg.append(body);
  for (const milestone of layout.milestones) {
    svg.append(
      s('line', {
        x1: px(milestone.day),
        x2: px(milestone.day),
        y1: 24,
        y2: height - 16,
        stroke: palette.accent,
        'stroke-dasharray': '6 3',
      }),
      s(
        'text',
        { x: px(milestone.day) + 4, y: height - 4, fill: palette.accent, 'font-size': 11 },
        `◆ ${truncate(milestone.title, 40)}`,
      ),
    );
  }
  if (layout.today >= layout.rangeStart && layout.today < layout.rangeEnd) {
    svg.append(
      s('line', {
        x1: px(layout.today),
        x2: px(layout.today),
        y1: 24,
        y2: height - 16,
        stroke: palette.error,
        'stroke-width': 1.5,
      }),
    );
  }
  return svg;
}
