// Now / Next / Later, derived so that nobody maintains a separate horizon field. The one rule, shared by the
// panel's Now/Next/Later view, the HTML export and the agent tools:
// - done statuses → done; doing statuses → now;
// - a feature whose own dates (start and/or end) place its timeline bar over today → now; the bar is the
//   scheduler's (schedule.ts), so a start with no end is "now" for 28 days (or until its milestone), not forever;
// - such a bar starting within the next 90 days → next; a feature of the next dated milestone → next;
// - anything else still to do → later.
import type { StatusCategory } from '../types';
import { parseDay, type Day } from './calendar';
import { isWrittenSchedule, milestoneDays, scheduleOf, type ScheduleInput } from './schedule';

export type Horizon = 'now' | 'next' | 'later' | 'done';
export const horizonOrder: readonly Horizon[] = ['now', 'next', 'later', 'done'];

export const horizonTitles: Record<Horizon, string> = {
  now: 'Now',
  next: 'Next',
  later: 'Later',
  done: 'Done',
};

/** How far ahead "next" looks for work that starts soon. */
export const nextWindowDays = 90;

/** One line under each column's title, in the panel and the HTML page: the rule, in a reader's words. */
export const horizonHints: Record<Horizon, string> = {
  now: 'In progress, or its dates span today',
  next: `Starts within ${nextWindowDays} days, or in the next milestone`,
  later: 'Everything else still to do',
  done: 'Finished',
};

/** What every feature's horizon is judged against: today, and the roadmap's milestones. */
export interface HorizonContext {
  today: Day;
  milestones: ReadonlyMap<string, Day>;
  /** The first milestone dated today or later: its features are "next" even without their own dates. */
  nextMilestone: string | undefined;
}

/** `today` is yyyy-mm-dd (a date-time counts as its day); when it is not a date, nothing is placed by date. */
export function horizonContext(
  milestones: readonly { id: string; date?: string }[],
  today: string,
): HorizonContext {
  const todayDay = parseDay(today) ?? Number.NaN;
  const days = milestoneDays(milestones);
  let nextMilestone: string | undefined;
  let nextDay = Infinity;
  for (const [id, day] of days) {
    if (day >= todayDay && day < nextDay) [nextMilestone, nextDay] = [id, day];
  }
  return { today: todayDay, milestones: days, nextMilestone };
}

export function horizonOf(
  feature: ScheduleInput,
  category: StatusCategory | undefined,
  context: HorizonContext,
): Horizon {
  if (category === 'done') return 'done';
  if (category === 'doing') return 'now';
  const scheduled = scheduleOf(feature, context.milestones);
  if (scheduled && isWrittenSchedule(scheduled.source)) {
    if (scheduled.start <= context.today && scheduled.end >= context.today) return 'now';
    if (scheduled.start > context.today && scheduled.start <= context.today + nextWindowDays) return 'next';
  }
  if (context.nextMilestone !== undefined && feature.milestone === context.nextMilestone) return 'next';
  return 'later';
}
