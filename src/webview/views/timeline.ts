// Timeline: bars on a time axis in swimlanes, with milestones, today and dependency arrows. Bars move and
// resize by dragging (snapped to whole days) or with Alt+Arrow keys; both post one setDates message. The
// pieces: timelineChrome (toolbar, axis, grid, bars), timelineRows (scrolling, virtualised rows),
// timelineDrag (pointer), timelineKeys (keyboard), timelineArrows (dependencies), timelineSvg (export).
import type { FeatureView } from '../../shared/protocol';
import { formatDay } from '../../core/plan/calendar';
import { h } from '../dom';
import { timelineGantt } from '../mermaidText';
import { header, overlay, toolbar } from './timelineChrome';
import { wireArrowHighlight } from './timelineArrows';
import { wireBarDrag, wireUnscheduledDrop } from './timelineDrag';
import { wireTimelineKeys } from './timelineKeys';
import { initialScrollLeft, labelWidth, laneHeight, layoutTimeline, x } from './timelineLayout';
import { leftWithBars } from './timelineOpening';
import { rowWindow } from './timelineRows';
import { timelineSvg } from './timelineSvg';
import type { RenderedView, ViewContext } from './viewTypes';

/** Unscheduled features listed before a "Show all" button. */
const unscheduledShown = 100;

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
  const drag = wireBarDrag(root, body, layout, commit);
  const rowsInView = rowWindow(layout, context, scroller, labelRows, bars, () => drag.active());
  wireTimelineKeys(root, layout, zoom, drag, commit);
  const followSelection = wireArrowHighlight(body, context);

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
      h(
        'span',
        { class: 'hint' },
        ' no dates, dated milestone or quarter: drag one onto the timeline to plan it',
      ),
    ),
  );
  const list = h('ul', { class: 'chip-list', role: 'list' });
  const chip = (feature: FeatureView): HTMLElement =>
    h(
      'li',
      {
        class: 'chip-item',
        tabindex: 0,
        draggable: 'true',
        title: 'Drag onto the timeline to give it dates',
        'data-file': feature.file,
        'data-id': feature.id,
      },
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

  wireUnscheduledDrop(list, body, layout, layout.unscheduled, commit);

  return {
    root,
    scroller,
    scrollKey: `${zoom}|${swimlane}`,
    select: followSelection,
    mounted: (restoredScroll) => {
      if (!restoredScroll)
        scroller.scrollLeft = leftWithBars(
          layout,
          initialScrollLeft(layout, chartViewport()),
          chartViewport(),
          scroller.scrollTop,
          scroller.clientHeight,
        );
      rowsInView.render(true);
    },
    reveal: (file) => {
      const row = layout.rowsByFile.get(file);
      if (row) {
        scroller.scrollTop = Math.max(0, row.y - scroller.clientHeight / 2);
        scroller.scrollLeft = Math.max(
          0,
          x(layout, row.scheduled.start) - (scroller.clientWidth - labelWidth) / 3,
        );
        rowsInView.pin(file);
        rowsInView.render(true);
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
