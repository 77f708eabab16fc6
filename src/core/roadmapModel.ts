// The roadmap as people look at it: features ranked and grouped. Shared by the tree, the panel, the exporters
// and the CLI, so that every surface agrees on order and grouping (placement in time is in plan/schedule.ts).
import type { RoadmapConfig } from './config';
import type { Feature, Moscow } from './types';

export type GroupBy = 'status' | 'moscow' | 'milestone' | 'quarter' | 'owner' | 'goal' | 'team';
export type SortBy = 'score' | 'title' | 'date' | 'id';

export interface Group {
  /** The value features in this group have for the grouping field; '' for "none". */
  key: string;
  label: string;
  features: Feature[];
}

export const moscowOrder: readonly Moscow[] = ['must', 'should', 'could', 'wont'];
export const moscowLabels: Record<Moscow, string> = {
  must: 'Must',
  should: 'Should',
  could: 'Could',
  wont: "Won't",
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortFeatures(features: readonly Feature[], sortBy: SortBy): Feature[] {
  const byId = (a: Feature, b: Feature) => collator.compare(a.id ?? a.file, b.id ?? b.file);
  const compare: Record<SortBy, (a: Feature, b: Feature) => number> = {
    score: (a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || byId(a, b),
    title: (a, b) => collator.compare(a.title ?? '', b.title ?? '') || byId(a, b),
    date: (a, b) => collator.compare(scheduleKey(a), scheduleKey(b)) || byId(a, b),
    id: byId,
  };
  return [...features].sort(compare[sortBy]);
}

/** Undated features sort last by date. */
function scheduleKey(feature: Feature): string {
  return (
    feature.start ??
    feature.end ??
    (feature.quarter ? `${feature.quarter.slice(0, 4)}-${quarterMonth(feature.quarter)}` : '9999')
  );
}

function quarterMonth(quarter: string): string {
  return String((Number(quarter.slice(-1)) - 1) * 3 + 1).padStart(2, '0');
}

/** Groups in the order a reader expects: configured statuses, MoSCoW order, milestones by date, the rest A–Z. */
export function groupFeatures(
  features: readonly Feature[],
  groupBy: GroupBy,
  config: RoadmapConfig,
  sortBy: SortBy = 'score',
): Group[] {
  let order: { key: string; label: string }[];
  switch (groupBy) {
    case 'status':
      order = config.statuses.map((status) => ({ key: status.id, label: status.title }));
      break;
    case 'moscow':
      order = moscowOrder.map((key) => ({ key, label: moscowLabels[key] }));
      break;
    case 'milestone':
      order = milestoneOrder(config.milestones);
      break;
    case 'goal':
      order = config.goals.map((goal) => ({ key: goal.id, label: goal.title }));
      break;
    default:
      order = [];
  }
  return bucketInOrder(
    features,
    (feature) => {
      const value = feature[groupBy];
      return typeof value === 'string' ? value : '';
    },
    order,
    `No ${groupBy}`,
  ).map(({ key, label, items }) => ({ key, label, features: sortFeatures(items, sortBy) }));
}

/** Milestones in reading order: by date, undated last; labelled `M1 · Title` when the title says more. */
export function milestoneOrder(
  milestones: readonly { id: string; title: string; date?: string }[],
): { key: string; label: string }[] {
  return [...milestones]
    .sort((a, b) => collator.compare(a.date ?? '9999', b.date ?? '9999'))
    .map((milestone) => ({
      key: milestone.id,
      label: milestone.title === milestone.id ? milestone.id : `${milestone.id} · ${milestone.title}`,
    }));
}

/**
 * Items bucketed by a key, buckets in the given order, then unknown keys A–Z, then the items without one
 * (key ''). Ordered buckets show even when empty (a board needs every column); the others only when used.
 */
export function bucketInOrder<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  order: readonly { key: string; label: string }[],
  noneLabel: string,
): { key: string; label: string; items: T[] }[] {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = buckets.get(key);
    if (list) list.push(item);
    else buckets.set(key, [item]);
  }
  const known = new Set(order.map((entry) => entry.key));
  const extra = [...buckets.keys()].filter((key) => key !== '' && !known.has(key)).sort(collator.compare);
  const result: { key: string; label: string; items: T[] }[] = [];
  for (const entry of [
    ...order,
    ...extra.map((key) => ({ key, label: key })),
    { key: '', label: noneLabel },
  ]) {
    const members = buckets.get(entry.key) ?? [];
    if (members.length === 0 && (entry.key === '' || !known.has(entry.key))) continue;
    result.push({ ...entry, items: members });
  }
  return result;
}

/** 1-based rank by score, for features that have one. Ties share the better rank. */
export function rankByScore(features: readonly Feature[]): Map<Feature, number> {
  const scored = features
    .filter((feature) => feature.score !== undefined)
    .sort((a, b) => b.score! - a.score!);
  const ranks = new Map<Feature, number>();
  scored.forEach((feature, index) => {
    const previous = scored[index - 1];
    ranks.set(feature, previous && previous.score === feature.score ? ranks.get(previous)! : index + 1);
  });
  return ranks;
}
