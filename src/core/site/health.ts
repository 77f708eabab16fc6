// Progress and health of a milestone or a goal, for the site's pages: how much of it is done, and whether it
// is on track, from facts a reader can check (dates against today and the milestone's date, the Must budget).
import type { FeatureView, MilestoneView, StatusCategory } from '../../shared/protocol';
import { plural } from '../plural';

export type Health = 'done' | 'on-track' | 'at-risk' | 'late' | 'empty';

export const healthTitles: Record<Health, string> = {
  done: 'Done',
  'on-track': 'On track',
  'at-risk': 'At risk',
  late: 'Late',
  empty: 'No features',
};

export interface Progress {
  total: number;
  done: number;
  doing: number;
  /** Whole percent of features done. */
  percent: number;
  health: Health;
  /** Why the health is what it is, one sentence per reason. */
  reasons: string[];
}

export function progressOf(
  features: readonly FeatureView[],
  categoryOf: (feature: FeatureView) => StatusCategory,
  today: string,
  milestone?: MilestoneView,
  mustBudget?: number,
): Progress {
  const open = features.filter((feature) => categoryOf(feature) !== 'done');
  const done = features.length - open.length;
  const doing = open.filter((feature) => categoryOf(feature) === 'doing').length;
  const reasons: string[] = [];
  const overdue = open.filter((feature) => feature.end !== undefined && feature.end < today);
  if (overdue.length > 0)
    reasons.push(
      `${plural(overdue.length, 'unfinished feature')} ${overdue.length === 1 ? 'is past its' : 'are past their'} end date.`,
    );
  const date = milestone?.date;
  if (date) {
    const after = open.filter((feature) => feature.end !== undefined && feature.end > date);
    if (after.length > 0)
      reasons.push(
        `${plural(after.length, 'feature')} ${after.length === 1 ? 'ends' : 'end'} after the milestone (${date}).`,
      );
  }
  if (mustBudget !== undefined) {
    const effort = (feature: FeatureView) => feature.effort ?? 0;
    const total = features.reduce((sum, feature) => sum + effort(feature), 0);
    const must = features
      .filter((feature) => feature.moscow === 'must')
      .reduce((sum, f) => sum + effort(f), 0);
    if (total > 0 && must / total > mustBudget)
      reasons.push(
        `Must-haves are ${Math.round((must / total) * 100)}% of the effort, above the ${Math.round(mustBudget * 100)}% budget.`,
      );
  }
  let health: Health;
  if (features.length === 0) health = 'empty';
  else if (open.length === 0) health = 'done';
  else if (date !== undefined && date < today) {
    health = 'late';
    reasons.unshift(`The milestone date (${date}) has passed with ${plural(open.length, 'feature')} open.`);
  } else health = reasons.length > 0 ? 'at-risk' : 'on-track';
  return {
    total: features.length,
    done,
    doing,
    percent: features.length === 0 ? 0 : Math.round((done / features.length) * 100),
    health,
    reasons,
  };
}
