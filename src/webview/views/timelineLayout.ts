// Geometry of the timeline, shared by the interactive view and its SVG export so the two always agree.
import type { FeatureView, RoadmapModel } from '../../shared/protocol';
import { addMonths, dayOf, startOfMonth, yearMonth } from '../../core/plan/calendar';
import { monthLabel, quarterLabel } from '../../core/plan/labels';
import { milestoneDays, scheduleOf, type Scheduled } from '../../core/plan/schedule';
import type { Swimlane, Zoom } from '../state';

/** Pixels per day at each zoom level: a month is ~240px, a quarter ~270px, a year ~365px wide. */
export const pixelsPerDay: Record<Zoom, number> = { month: 8, quarter: 3, year: 1 };
/** Days moved by one Alt+Arrow press at each zoom level. */
export const keyboardStep: Record<Zoom, number> = { month: 1, quarter: 7, year: 7 };

export const labelWidth = 280;
export const rowHeight = 30;
export const laneHeight = 30;

export interface LaneRow {
  scheduled: Scheduled<FeatureView>;
  /** Top of the row inside the body. */
  y: number;
}

export interface Lane {
  key: string;
  title: string;
  y: number;
  rows: LaneRow[];
}

export interface Tick {
  day: number;
  label: string;
}

export interface TimelineLayout {
  lanes: Lane[];
  unscheduled: FeatureView[];
  /** First day drawn (inclusive). */
  rangeStart: number;
  /** Day after the last day drawn. */
  rangeEnd: number;
  pixelsPerDay: number;
  chartWidth: number;
  bodyHeight: number;
  majorTicks: Tick[];
  minorTicks: Tick[];
  milestones: { id: string; title: string; day: number }[];
  today: number;
  /** Bar lookup by file, for drawing dependency arrows. */
  rowsByFile: Map<string, LaneRow>;
  byId: Map<string, LaneRow>;
}

export function x(layout: Pick<TimelineLayout, 'rangeStart' | 'pixelsPerDay'>, day: number): number {
  return (day - layout.rangeStart) * layout.pixelsPerDay;
}

function laneValue(feature: FeatureView, swimlane: Swimlane): string {
  return feature[swimlane] ?? '';
}

const noneTitles: Record<Swimlane, string> = {
  milestone: 'No milestone',
  team: 'No team',
  goal: 'No goal',
  owner: 'No owner',
};

function laneOrder(
  model: RoadmapModel,
  swimlane: Swimlane,
): { order: Map<string, number>; titles: Map<string, string> } {
  const order = new Map<string, number>();
  const titles = new Map<string, string>();
  if (swimlane === 'milestone') {
    const days = milestoneDays(model.milestones);
    const sorted = model.milestones
      .map((milestone, i) => ({ milestone, i }))
      .sort(
        (a, b) =>
          (days.get(a.milestone.id) ?? Infinity) - (days.get(b.milestone.id) ?? Infinity) || a.i - b.i,
      );
    sorted.forEach(({ milestone }, i) => {
      order.set(milestone.id, i);
      titles.set(milestone.id, milestone.title);
    });
  } else if (swimlane === 'goal') {
    model.goals.forEach((goal, i) => {
      order.set(goal.id, i);
      titles.set(goal.id, goal.title);
    });
  }
  return { order, titles };
}

export function layoutTimeline(
  model: RoadmapModel,
  features: readonly FeatureView[],
  swimlane: Swimlane,
  zoom: Zoom,
  today: number,
  /** The chart is extended (whole months) to at least this width, so it fills a wide panel. */
  minChartWidth = 0,
): TimelineLayout {
  const days = milestoneDays(model.milestones);
  const scheduled: Scheduled<FeatureView>[] = [];
  const unscheduled: FeatureView[] = [];
  for (const feature of features) {
    const item = scheduleOf(feature, days);
    if (item) scheduled.push(item);
    else unscheduled.push(feature);
  }

  const { order, titles } = laneOrder(model, swimlane);
  const groups = new Map<string, Scheduled<FeatureView>[]>();
  for (const item of scheduled) {
    const key = laneValue(item.feature, swimlane);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === '' || b === '') return Number(a === '') - Number(b === '');
    const oa = order.get(a);
    const ob = order.get(b);
    if (oa !== undefined || ob !== undefined) return (oa ?? Infinity) - (ob ?? Infinity);
    return a.localeCompare(b);
  });

  const lanes: Lane[] = [];
  const rowsByFile = new Map<string, LaneRow>();
  const byId = new Map<string, LaneRow>();
  let y = 0;
  for (const key of keys) {
    const items = groups.get(key) ?? [];
    items.sort((a, b) => a.start - b.start || a.end - b.end || a.feature.id.localeCompare(b.feature.id));
    const lane: Lane = {
      key,
      title: key === '' ? noneTitles[swimlane] : (titles.get(key) ?? key),
      y,
      rows: [],
    };
    y += laneHeight;
    for (const item of items) {
      const row = { scheduled: item, y };
      lane.rows.push(row);
      rowsByFile.set(item.feature.file, row);
      if (!byId.has(item.feature.id)) byId.set(item.feature.id, row);
      y += rowHeight;
    }
    lanes.push(lane);
  }

  const milestones = model.milestones.flatMap((milestone) => {
    const day = days.get(milestone.id);
    return day === undefined ? [] : [{ id: milestone.id, title: milestone.title, day }];
  });
  let min = today;
  let max = today;
  for (const item of scheduled) {
    if (item.start < min) min = item.start;
    if (item.end > max) max = item.end;
  }
  for (const milestone of milestones) {
    if (milestone.day < min) min = milestone.day;
    if (milestone.day > max) max = milestone.day;
  }
  // Whole months (quarters when zoomed out) with some air on both sides, so bars never touch the edges.
  let rangeStart = startOfMonth(min - 14);
  let rangeEnd = addMonths(startOfMonth(max + 14), 1);
  if (zoom === 'year') {
    const first = yearMonth(rangeStart);
    rangeStart = dayOf(first.year, first.month - (first.month % 3));
    const last = yearMonth(rangeEnd - 1);
    rangeEnd = dayOf(last.year, last.month - (last.month % 3) + 3);
  }
  if (rangeEnd - rangeStart < 180) rangeEnd = addMonths(rangeStart, 6);
  while ((rangeEnd - rangeStart) * pixelsPerDay[zoom] < minChartWidth)
    rangeEnd = addMonths(rangeEnd, zoom === 'year' ? 3 : 1);

  const majorTicks: Tick[] = [];
  const minorTicks: Tick[] = [];
  for (let day = rangeStart; day < rangeEnd; day = addMonths(day, 1)) {
    const { year, month } = yearMonth(day);
    const quarterStart = month % 3 === 0;
    if (zoom === 'year') {
      if (quarterStart) minorTicks.push({ day, label: `Q${month / 3 + 1}` });
      if (month === 0 || majorTicks.length === 0) majorTicks.push({ day, label: String(year) });
    } else {
      minorTicks.push({ day, label: monthLabel(day) });
      if (
        zoom === 'month' ? quarterStart || majorTicks.length === 0 : month === 0 || majorTicks.length === 0
      ) {
        majorTicks.push({ day, label: zoom === 'month' ? quarterLabel(day) : String(year) });
      }
    }
  }

  const ppd = pixelsPerDay[zoom];
  return {
    lanes,
    unscheduled,
    rangeStart,
    rangeEnd,
    pixelsPerDay: ppd,
    chartWidth: (rangeEnd - rangeStart) * ppd,
    bodyHeight: y,
    majorTicks,
    minorTicks,
    milestones,
    today,
    rowsByFile,
    byId,
  };
}

/** Dependency arrows between drawn bars: from the end of the dependency to the start of the dependent. */
export function arrows(layout: TimelineLayout): { from: LaneRow; to: LaneRow; late: boolean }[] {
  const result: { from: LaneRow; to: LaneRow; late: boolean }[] = [];
  for (const lane of layout.lanes) {
    for (const row of lane.rows) {
      for (const id of row.scheduled.feature.dependsOn) {
        const from = layout.byId.get(id);
        if (!from || from === row) continue;
        // "Late": the dependent is planned to start before its dependency is finished.
        result.push({ from, to: row, late: row.scheduled.start <= from.scheduled.end });
      }
    }
  }
  return result;
}

/**
 * A routed path from the right end of one bar to the left end of another: out of the source bar, along the
 * gap between its row and the next (bars never reach into it), and down or up into the target from just
 * before its start. Unlike a diagonal curve, it does not cut through the bars of the rows in between.
 */
export function arrowPath(layout: TimelineLayout, from: LaneRow, to: LaneRow, offsetX = 0): string {
  const x1 = offsetX + x(layout, from.scheduled.end + 1);
  const y1 = from.y + rowHeight / 2;
  const x2 = offsetX + x(layout, to.scheduled.start);
  const y2 = to.y + rowHeight / 2;
  const down = to.y >= from.y;
  const gap = down ? from.y + rowHeight : from.y;
  const out = x1 + 6;
  const into = x2 - 8;
  const f = (value: number) => value.toFixed(1);
  return `M${f(x1)},${y1} H${f(out)} V${gap} H${f(into)} V${y2} H${f(x2 - 2)}`;
}

/** Breathing room (px) between the left edge of the chart and what the first look scrolls to. */
export const scrollLead = 24;
/** Days before today that the first look starts at, at the latest. */
export const daysBeforeToday = 14;

/**
 * The first day of the milestone that contains `today`: the day after the previous dated milestone, or, for
 * the first milestone, the earliest start among its bars. Undefined when today is after every milestone.
 */
export function currentMilestoneStart(layout: TimelineLayout): number | undefined {
  const days = [...new Set(layout.milestones.map((milestone) => milestone.day))].sort((a, b) => a - b);
  const index = days.findIndex((day) => day >= layout.today);
  if (index === -1) return undefined;
  if (index > 0) return days[index - 1]! + 1;
  const ids = new Set(
    layout.milestones.filter((milestone) => milestone.day === days[0]).map((milestone) => milestone.id),
  );
  let start: number | undefined;
  for (const row of layout.rowsByFile.values()) {
    const { feature, start: day } = row.scheduled;
    if (feature.milestone !== undefined && ids.has(feature.milestone) && (start === undefined || day < start))
      start = day;
  }
  return start;
}

/**
 * Where the chart starts scrolled on first open (px from its left end, for a chart area `viewport` px wide):
 * the earlier of two weeks before today and the start of the current milestone sits near the left edge, so
 * the work in flight and what led to it are in view rather than only what comes after today. Today itself
 * stays in view; and when every bar fits in the viewport, the view shows them all rather than scrolling
 * past the first one.
 */
export function initialScrollLeft(layout: TimelineLayout, viewport: number): number {
  const { today, pixelsPerDay: ppd } = layout;
  let target = today - daysBeforeToday;
  const milestoneStart = currentMilestoneStart(layout);
  if (milestoneStart !== undefined) target = Math.min(target, milestoneStart);
  // A long milestone must not push today off the right-hand side.
  target = Math.max(target, today - Math.floor((viewport * 0.75) / ppd));
  let left = x(layout, target) - scrollLead;
  let first = Infinity;
  let last = -Infinity;
  for (const row of layout.rowsByFile.values()) {
    first = Math.min(first, row.scheduled.start);
    last = Math.max(last, row.scheduled.end);
  }
  if (first <= last && (last + 1 - first) * ppd + 2 * scrollLead <= viewport) {
    // Everything fits: of the offsets that show every bar, take the one nearest the target.
    const lowest = x(layout, last + 1) + scrollLead - viewport;
    const highest = x(layout, first) - scrollLead;
    left = Math.min(Math.max(left, lowest), highest);
  }
  return Math.round(Math.max(0, Math.min(left, layout.chartWidth - viewport)));
}
