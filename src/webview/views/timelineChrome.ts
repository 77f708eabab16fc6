// The timeline's fixed parts: its toolbar, the time axis with milestone and today flags, the grid behind the
// bars, and the bars themselves (colour, invalid and overdue marks, labels for screen readers).
import type { FeatureView } from '../../shared/protocol';
import { formatDay } from '../../core/plan/calendar';
import { humanDate } from '../../core/plan/labels';
import { h } from '../dom';
import { progressOf } from '../featureText';
import { swimlaneKinds, zoomLevels, type Swimlane, type Zoom } from '../state';
import { arrowLayer } from './timelineArrows';
import { labelWidth, x, type LaneRow, type TimelineLayout } from './timelineLayout';
import type { ViewContext } from './viewTypes';

const zoomTitles: Record<Zoom, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };
const laneTitles: Record<Swimlane, string> = {
  milestone: 'Milestone',
  team: 'Team',
  goal: 'Goal',
  owner: 'Owner',
};

export function toolbar(context: ViewContext, onToday: () => void): HTMLElement {
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

export function barLabel(feature: FeatureView, start: number, end: number): string {
  return `${feature.id}: ${feature.title}, ${humanDate(start)} to ${humanDate(end)}`;
}

export function placeBar(bar: HTMLElement, layout: TimelineLayout, start: number, end: number): void {
  bar.style.left = `${labelWidth + x(layout, start)}px`;
  bar.style.width = `${Math.max(4, (end - start + 1) * layout.pixelsPerDay)}px`;
}

export function header(layout: TimelineLayout, total: number): HTMLElement {
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

export function overlay(layout: TimelineLayout): HTMLElement {
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
  const links = arrowLayer(layout);
  if (links) layer.append(links);
  return layer;
}

export function barFor(row: LaneRow, layout: TimelineLayout, context: ViewContext): HTMLElement {
  const { feature, start, end, source } = row.scheduled;
  const progress = progressOf(feature);
  const category = context.isCancelled(feature) ? 'cancelled' : context.statusCategory(feature);
  // An end before the start is a mistake to fix, not a one-day bar: drawn as invalid, and says so.
  const invalid = feature.start !== undefined && feature.end !== undefined && feature.end < feature.start;
  const overdue = category === 'doing' && feature.end !== undefined && end < context.today && !invalid;
  const note = invalid
    ? `, invalid: ends ${feature.end}, before it starts ${feature.start}`
    : overdue
      ? `, overdue: planned to end ${feature.end}`
      : '';
  const bar = h(
    'div',
    {
      class: `tl-bar category-${category}${source === 'dates' ? '' : ' inferred'}${feature.problems.errors > 0 ? ' has-errors' : ''}${invalid ? ' invalid-dates' : ''}${overdue ? ' overdue' : ''}`,
      title: note ? note.slice(2) : undefined,
      role: 'button',
      tabindex: 0,
      'data-file': feature.file,
      'data-id': feature.id,
      'data-start': formatDay(start),
      'data-end': formatDay(end),
      'data-source': source,
      'aria-label': barLabel(feature, start, end) + note,
      'aria-keyshortcuts': 'Alt+ArrowLeft Alt+ArrowRight Alt+Shift+ArrowLeft Alt+Shift+ArrowRight',
    },
    feature.title,
  );
  bar.style.top = `${row.y + 4}px`;
  placeBar(bar, layout, start, end);
  if (progress !== undefined) bar.style.setProperty('--progress', `${progress}%`);
  return bar;
}
