// Where a feature sits in time. Explicit dates win; otherwise the plan is inferred from what the file does
// say (a milestone date or a quarter), so that a roadmap that is only partly dated still draws usefully.
import type { FeatureView, RoadmapModel } from '../shared/protocol';
import { parseDay, quarterRange } from './dates';

/** How long an inferred bar lasts when only one end is known: a typical delivery slice. */
export const defaultSpanDays = 28;

export type ScheduleSource = 'dates' | 'start' | 'end' | 'milestone' | 'quarter';

export interface Scheduled {
  feature: FeatureView;
  start: number;
  /** Inclusive last day. */
  end: number;
  source: ScheduleSource;
}

export function milestoneDays(model: RoadmapModel): Map<string, number> {
  const days = new Map<string, number>();
  for (const milestone of model.milestones) {
    const day = parseDay(milestone.date);
    if (day !== undefined) days.set(milestone.id, day);
  }
  return days;
}

export function scheduleOf(feature: FeatureView, milestones: Map<string, number>): Scheduled | undefined {
  const start = parseDay(feature.start);
  const end = parseDay(feature.end);
  const milestone = feature.milestone === undefined ? undefined : milestones.get(feature.milestone);
  if (start !== undefined && end !== undefined) {
    // A reversed range is a validation error reported elsewhere; draw it as a one-day bar rather than hide it.
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
  if (quarter) return { feature, ...quarter, source: 'quarter' };
  return undefined;
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
