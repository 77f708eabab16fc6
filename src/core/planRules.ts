// The plan checking itself: dates against milestones and quarters, work in progress that should have ended,
// and planned effort against each team's capacity. Cross-file (they read the config's milestones and
// capacity, and capacity sums over features), run on the index with the other cross-file rules.
import type { RoadmapConfig } from './config';
import { calendarDayOf, localToday, quarterOf } from './plan/calendar';
import { isCancelledStatus } from './statusKinds';
import type { Feature, IssueData, RuleCode } from './types';

export type AddIssue = (
  file: string,
  code: RuleCode,
  message: string,
  path: (string | number)[],
  data?: IssueData,
) => void;

/** A date or date-time field that names a real day. */
const isDay = (value: string | undefined): value is string => calendarDayOf(value) !== undefined;

/** The periods a feature's effort counts against: its quarter (or its end's) and its milestone. */
export function capacityPeriods(feature: Pick<Feature, 'quarter' | 'end' | 'milestone'>): string[] {
  const periods: string[] = [];
  const quarter = feature.quarter ?? (isDay(feature.end) ? quarterOf(feature.end) : undefined);
  if (quarter) periods.push(quarter);
  if (feature.milestone) periods.push(feature.milestone);
  return periods;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function computePlanIssues(
  features: readonly Feature[],
  config: RoadmapConfig,
  add: AddIssue,
  key: (feature: Feature, name: string) => string,
  today: string = localToday(),
): void {
  const statuses = new Map(config.statuses.map((status) => [status.id, status]));
  const milestones = new Map(config.milestones.map((milestone) => [milestone.id, milestone]));
  // Opt-in (see the rule's entry in schema.ts): only a severity set in the config turns it on.
  const overdueOn = config.rules.overdue !== undefined && config.rules.overdue !== 'off';
  for (const feature of features) {
    const status = feature.status ? statuses.get(feature.status) : undefined;
    const { end, start } = feature;
    const milestone = feature.milestone ? milestones.get(feature.milestone) : undefined;
    if (end && milestone?.date && end > milestone.date && status?.category !== 'done') {
      add(
        feature.file,
        'milestone-date',
        `Ends ${end}, after its milestone '${milestone.title}' (${milestone.date}): move the end to ${milestone.date} or earlier, or pick a later milestone.`,
        [key(feature, 'end')],
        { replacement: milestone.date },
      );
    }
    if (feature.quarter && isDay(end) && (!start || start <= end)) {
      const landing = quarterOf(end);
      if (landing !== feature.quarter) {
        add(
          feature.file,
          'quarter-dates',
          `quarter is ${feature.quarter}, but the feature ends ${end}, in ${landing}.`,
          [key(feature, 'quarter')],
          { replacement: landing },
        );
      }
    }
    if (overdueOn && status?.category === 'doing' && isDay(end) && end < today) {
      add(
        feature.file,
        'overdue',
        `Still ${status.title.toLowerCase()} but it was planned to end ${end}: update the end date or the status.`,
        [key(feature, 'end')],
        // Today: the end a "still going" update writes.
        { replacement: today },
      );
    }
  }

  const capacities = config.capacity;
  if (!capacities || Object.keys(capacities).length === 0) return;
  const load = new Map<string, { effort: number; features: Feature[] }>();
  for (const feature of features) {
    const effort = feature.rice?.effort;
    if (!feature.team || !effort || !capacities[feature.team] || feature.moscow === 'wont') continue;
    const status = feature.status ? statuses.get(feature.status) : undefined;
    if (isCancelledStatus(status, feature.status ?? '')) continue;
    for (const period of capacityPeriods(feature)) {
      const entryKey = `${feature.team}\u0000${period}`;
      const entry = load.get(entryKey) ?? { effort: 0, features: [] };
      entry.effort += effort;
      entry.features.push(feature);
      load.set(entryKey, entry);
    }
  }
  for (const [entryKey, entry] of load) {
    const [team, period] = entryKey.split('\u0000') as [string, string];
    const capacity = capacities[team]?.[period];
    if (capacity === undefined || entry.effort <= capacity) continue;
    for (const feature of entry.features) {
      add(
        feature.file,
        'capacity',
        `Team ${team} has ${round(entry.effort)} person-months planned in ${period}, over its capacity of ${capacity} (${entry.features.length} features): move or cut some.`,
        [key(feature, 'team')],
      );
    }
  }
}
