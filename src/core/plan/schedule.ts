// Where a feature sits in time: the one scheduler behind the panel's timeline, the Now/Next/Later columns,
// the HTML, Mermaid and JSON exports. Written dates win; otherwise the span is inferred from what the file
// does say (its milestone's date, its quarter), so that a partly dated roadmap still draws usefully.
//
// The rule, in order (README "How features are placed in time"):
// 1. start and end: that span; an end before the start (a date-order error) is drawn as the start day alone.
// 2. start only: until its milestone's date when that is on or after the start, else 28 days.
// 3. end only: the 28 days up to the end.
// 4. a dated milestone only: the 28 days up to the milestone's date.
// 5. a quarter only: the whole quarter.
// Milestone dates that are not calendar days (the config only checks their pattern) count as undated.
import { parseDay, quarterRange, type Day } from './calendar';

/** How long an inferred bar lasts when only one end is known: a typical delivery slice. */
export const defaultSpanDays = 28;

export type ScheduleSource = 'dates' | 'start' | 'end' | 'milestone' | 'quarter';

/** What the scheduler reads of a feature: core features and the panel's feature views both fit. */
export interface ScheduleInput {
  start?: string;
  end?: string;
  milestone?: string;
  quarter?: string;
}

export interface Scheduled<T extends ScheduleInput = ScheduleInput> {
  feature: T;
  start: Day;
  /** Inclusive last day. */
  end: Day;
  source: ScheduleSource;
}

/** The day of each milestone that has a real calendar date. */
export function milestoneDays(milestones: readonly { id: string; date?: string }[]): Map<string, Day> {
  const days = new Map<string, Day>();
  for (const milestone of milestones) {
    const day = parseDay(milestone.date);
    if (day !== undefined && !days.has(milestone.id)) days.set(milestone.id, day);
  }
  return days;
}

export function scheduleOf<T extends ScheduleInput>(
  feature: T,
  milestones: ReadonlyMap<string, Day>,
): Scheduled<T> | undefined {
  const start = parseDay(feature.start);
  const end = parseDay(feature.end);
  const milestone = feature.milestone === undefined ? undefined : milestones.get(feature.milestone);
  if (start !== undefined && end !== undefined) {
    return { feature, start, end: Math.max(start, end), source: 'dates' };
  }
  if (start !== undefined) {
    const until = milestone !== undefined && milestone >= start ? milestone : start + defaultSpanDays - 1;
    return { feature, start, end: until, source: 'start' };
  }
  if (end !== undefined) return { feature, start: end - defaultSpanDays + 1, end, source: 'end' };
  if (milestone !== undefined) {
    return { feature, start: milestone - defaultSpanDays + 1, end: milestone, source: 'milestone' };
  }
  const quarter = quarterRange(feature.quarter);
  return quarter ? { feature, ...quarter, source: 'quarter' } : undefined;
}

/** Whether the span comes from the feature's own dates (at least one of start and end), not a guess. */
export function isWrittenSchedule(source: ScheduleSource): boolean {
  return source === 'dates' || source === 'start' || source === 'end';
}

export function describeSource(source: ScheduleSource): string {
  switch (source) {
    case 'dates':
      return 'start and end dates';
    case 'start':
      return 'start date; end inferred';
    case 'end':
      return 'end date; start inferred';
    case 'milestone':
      return 'inferred from the milestone date';
    case 'quarter':
      return 'inferred from the quarter';
  }
}
