// The roadmap as people look at it: features ranked, grouped, scheduled. Shared by the tree, the panel, the
// exporters and the CLI, so that every surface agrees on order and grouping.
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
  const groups = new Map<string, Feature[]>();
  const valueOf = (feature: Feature): string => {
    const value = feature[groupBy];
    return typeof value === 'string' ? value : '';
  };
  for (const feature of features) {
    const key = valueOf(feature);
    const list = groups.get(key);
    if (list) list.push(feature);
    else groups.set(key, [feature]);
  }
  let order: { key: string; label: string }[];
  switch (groupBy) {
    case 'status':
      order = config.statuses.map((status) => ({ key: status.id, label: status.title }));
      break;
    case 'moscow':
      order = moscowOrder.map((key) => ({ key, label: moscowLabels[key] }));
      break;
    case 'milestone':
      order = [...config.milestones]
        .sort((a, b) => collator.compare(a.date ?? '9999', b.date ?? '9999'))
        .map((milestone) => ({
          key: milestone.id,
          label: milestone.title === milestone.id ? milestone.id : `${milestone.id} · ${milestone.title}`,
        }));
      break;
    case 'goal':
      order = config.goals.map((goal) => ({ key: goal.id, label: goal.title }));
      break;
    default:
      order = [];
  }
  const known = new Set(order.map((entry) => entry.key));
  const extra = [...groups.keys()].filter((key) => key !== '' && !known.has(key)).sort(collator.compare);
  const none = { key: '', label: `No ${groupBy}` };
  const result: Group[] = [];
  // Configured groups show even when empty (a board needs every column); unknown values and "none" only when used.
  for (const entry of [...order, ...extra.map((key) => ({ key, label: key })), none]) {
    const members = groups.get(entry.key) ?? [];
    if (members.length === 0 && (entry.key === '' || !known.has(entry.key))) continue;
    result.push({ key: entry.key, label: entry.label, features: sortFeatures(members, sortBy) });
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

export interface ScheduledSpan {
  start: string;
  end: string;
  /** How the span was derived, so the timeline can draw guessed spans differently. */
  source: 'dates' | 'milestone' | 'quarter';
}

/** A feature's time span: its dates, else its milestone's date (four weeks up to it), else its quarter. */
export function scheduleOf(feature: Feature, config: RoadmapConfig): ScheduledSpan | undefined {
  if (feature.start && feature.end) return { start: feature.start, end: feature.end, source: 'dates' };
  const milestoneDate = config.milestones.find((milestone) => milestone.id === feature.milestone)?.date;
  if (feature.start || feature.end) {
    const known = (feature.start ?? feature.end)!;
    return {
      start: feature.start ?? addDays(known, -28),
      end: feature.end ?? milestoneDate ?? addDays(known, 28),
      source: 'dates',
    };
  }
  if (milestoneDate) return { start: addDays(milestoneDate, -28), end: milestoneDate, source: 'milestone' };
  if (feature.quarter) {
    const year = Number(feature.quarter.slice(0, 4));
    const quarter = Number(feature.quarter.slice(-1));
    const start = `${year}-${quarterMonth(feature.quarter)}-01`;
    const end = addDays(
      quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`,
      -1,
    );
    return { start, end, source: 'quarter' };
  }
  return undefined;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export type Horizon = 'now' | 'next' | 'later' | 'done';
export const horizonOrder: readonly Horizon[] = ['now', 'next', 'later', 'done'];

/** How far ahead "next" looks for work that starts soon. */
export const nextWindowDays = 90;

/** What the Now / Next / Later rule reads of a feature: the panel's view model and core features both fit. */
export interface HorizonInput {
  start?: string;
  end?: string;
  milestone?: string;
}

/** The first milestone dated today or later: its features are "next" even without their own dates. */
export function nextMilestoneId(
  milestones: readonly { id: string; date?: string }[],
  today: string,
): string | undefined {
  return milestones
    .filter(
      (milestone) =>
        milestone.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(milestone.date) && milestone.date >= today,
    )
    .sort((a, b) => collator.compare(a.date!, b.date!))[0]?.id;
}

/**
 * Now / Next / Later, derived so that nobody maintains a separate horizon field: doing → now; scheduled over
 * today → now; starting within 90 days or in the next milestone → next; everything else still to do → later.
 * ISO dates compare as strings.
 */
export function horizonOf(
  feature: HorizonInput,
  category: 'todo' | 'doing' | 'done' | undefined,
  today: string,
  nextMilestone: string | undefined,
): Horizon {
  if (category === 'done') return 'done';
  if (category === 'doing') return 'now';
  if (feature.start && feature.start <= today && (!feature.end || feature.end >= today)) return 'now';
  if (feature.start && feature.start > today && feature.start <= addDays(today, nextWindowDays))
    return 'next';
  if (nextMilestone !== undefined && feature.milestone === nextMilestone) return 'next';
  return 'later';
}
