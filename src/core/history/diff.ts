// The semantic difference between two revisions of a roadmap: which features were added, removed or changed
// (field by field), how statuses moved, how far dates slipped, how scores and ranks moved, and what happened
// to each milestone's scope, effort and date. This is the JSON contract of `roadmap diff` (schemas/diff.schema.json).
import type { RoadmapConfig } from '../config';
import { daysBetween } from '../plan/calendar';
import type { Feature } from '../types';
import { frontmatterFields, sameValue, type FieldValue } from './fields';
import type { RevisionModel, UnreadableFile } from './revision';

export interface FieldChange {
  /** The canonical field name (aliases resolved), nested fields dotted: `rice.impact`. */
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export type StatusMove = 'forward' | 'back';

export interface DateSlip {
  field: string;
  before: string;
  after: string;
  /** Positive: later than planned; negative: earlier. */
  days: number;
}

export interface FeatureChange {
  /** The feature's id, or null when it has none (it is then known by its file). */
  id: string | null;
  title: string | null;
  change: 'added' | 'removed' | 'changed';
  /** The file at head (at base for a removed feature). */
  file: string;
  /** Where the file was at base, when it moved. */
  previousFile?: string;
  /** Every front-matter field that differs; for an added or removed feature, every field it has. */
  fields: FieldChange[];
  status?: { before: string | null; after: string | null; move?: StatusMove };
  slips?: DateSlip[];
  score?: { before: number | null; after: number | null };
  rank?: { before: number | null; after: number | null };
}

export interface MilestoneChange {
  id: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  /** Ids of features that joined or left the milestone. */
  scopeAdded: string[];
  scopeRemoved: string[];
  /** Total RICE effort (person-months) of the milestone's features. */
  effort: { before: number; after: number; delta: number };
  date?: { before: string | null; after: string | null; slipDays: number | null };
}

export interface RankShift {
  id: string;
  before: number;
  after: number;
}

export interface RoadmapDiff {
  base: string | null;
  head: string | null;
  summary: { added: number; removed: number; changed: number; milestones: number };
  features: FeatureChange[];
  milestones: MilestoneChange[];
  /** Features whose own file did not change but whose rank moved because others did. */
  rankShifts: RankShift[];
  /** Feature files whose front-matter could not be read at one end: reported, not counted as removed. */
  unreadable: (UnreadableFile & { revision: 'base' | 'head' })[];
}

/** Where a status sits in the workflow: its category first (todo, doing, done), then its place in the config. */
function statusOrder(status: string | undefined, config: RoadmapConfig): number | undefined {
  const index = config.statuses.findIndex((entry) => entry.id === status);
  if (index === -1) return undefined;
  const category = { todo: 0, doing: 1, done: 2 }[config.statuses[index].category];
  return category * 1000 + index;
}

interface Side {
  feature: Feature;
  revision: RevisionModel;
}

/** Pairs the features of two revisions: same file and id, then same id (a move), then same file (a new id). */
function pairFeatures(base: RevisionModel, head: RevisionModel): [Side | undefined, Side | undefined][] {
  const pairs: [Side | undefined, Side | undefined][] = [];
  const unmatchedBase = new Set(base.features);
  const unmatchedHead = new Set(head.features);
  const pair = (before: Feature, after: Feature) => {
    pairs.push([
      { feature: before, revision: base },
      { feature: after, revision: head },
    ]);
    unmatchedBase.delete(before);
    unmatchedHead.delete(after);
  };
  const headByFile = new Map(head.features.map((feature) => [feature.file, feature]));
  for (const before of base.features) {
    const after = headByFile.get(before.file);
    if (after && after.id === before.id) pair(before, after);
  }
  const headById = new Map<string, Feature[]>();
  for (const after of unmatchedHead) {
    if (after.id === undefined) continue;
    const list = headById.get(after.id);
    if (list) list.push(after);
    else headById.set(after.id, [after]);
  }
  for (const before of [...unmatchedBase]) {
    const after = before.id === undefined ? undefined : headById.get(before.id)?.shift();
    if (after) pair(before, after);
  }
  for (const before of [...unmatchedBase]) {
    const after = headByFile.get(before.file);
    if (after && unmatchedHead.has(after)) pair(before, after);
  }
  // A file that broke at one end is reported as unreadable, not as a feature removed (or added).
  const brokenAtHead = new Set(head.unreadable.map((entry) => entry.file));
  const brokenAtBase = new Set(base.unreadable.map((entry) => entry.file));
  for (const before of unmatchedBase)
    if (!brokenAtHead.has(before.file)) pairs.push([{ feature: before, revision: base }, undefined]);
  for (const after of unmatchedHead)
    if (!brokenAtBase.has(after.file)) pairs.push([undefined, { feature: after, revision: head }]);
  return pairs;
}

function fieldsOf(side: Side | undefined): Map<string, FieldValue> {
  if (!side) return new Map();
  const entry = side.revision.files.get(side.feature.file);
  return entry ? frontmatterFields(entry.parsed, side.revision.config) : new Map();
}

function compareFields(before: Side | undefined, after: Side | undefined): FieldChange[] {
  const old = fieldsOf(before);
  const now = fieldsOf(after);
  const changes: FieldChange[] = [];
  for (const [field, value] of now) {
    const previous = old.get(field) ?? null;
    if (!sameValue(previous, value)) changes.push({ field, before: previous, after: value });
  }
  for (const [field, value] of old) if (!now.has(field)) changes.push({ field, before: value, after: null });
  return changes;
}

function describeChange(before: Side | undefined, after: Side | undefined): FeatureChange | undefined {
  const current = (after ?? before)!;
  const change: FeatureChange['change'] = !before ? 'added' : !after ? 'removed' : 'changed';
  if (before && after) {
    const baseBlob = before.revision.files.get(before.feature.file)?.blob;
    const headBlob = after.revision.files.get(after.feature.file)?.blob;
    if (baseBlob === headBlob && before.revision.configText === after.revision.configText) return undefined;
  }
  const fields = compareFields(before, after);
  if (change === 'changed' && fields.length === 0) return undefined;
  const result: FeatureChange = {
    id: current.feature.id ?? null,
    title: (after ?? before)!.feature.title ?? null,
    change,
    file: current.feature.file,
    fields,
  };
  if (before && after && before.feature.file !== after.feature.file)
    result.previousFile = before.feature.file;
  if (before && after && before.feature.status !== after.feature.status) {
    result.status = { before: before.feature.status ?? null, after: after.feature.status ?? null };
    const from = statusOrder(before.feature.status, after.revision.config);
    const to = statusOrder(after.feature.status, after.revision.config);
    if (from !== undefined && to !== undefined) result.status.move = to > from ? 'forward' : 'back';
  }
  if (before && after) {
    const slips: DateSlip[] = [];
    for (const change of fields) {
      if (typeof change.before !== 'string' || typeof change.after !== 'string') continue;
      const days = daysBetween(change.before, change.after);
      if (days !== undefined)
        slips.push({ field: change.field, before: change.before, after: change.after, days });
    }
    if (slips.length > 0) result.slips = slips;
  }
  const scoreBefore = before?.feature.score ?? null;
  const scoreAfter = after?.feature.score ?? null;
  if (scoreBefore !== scoreAfter) result.score = { before: scoreBefore, after: scoreAfter };
  const rankBefore = before ? (before.revision.ranks.get(before.feature) ?? null) : null;
  const rankAfter = after ? (after.revision.ranks.get(after.feature) ?? null) : null;
  if (rankBefore !== rankAfter) result.rank = { before: rankBefore, after: rankAfter };
  return result;
}

function effortOf(features: readonly Feature[]): number {
  let total = 0;
  for (const feature of features) total += feature.rice?.effort ?? 0;
  return Math.round(total * 1000) / 1000;
}

function byMilestone(revision: RevisionModel): Map<string, Feature[]> {
  const groups = new Map<string, Feature[]>();
  for (const feature of revision.features) {
    if (!feature.milestone) continue;
    const group = groups.get(feature.milestone);
    if (group) group.push(feature);
    else groups.set(feature.milestone, [feature]);
  }
  return groups;
}

function milestoneChanges(base: RevisionModel, head: RevisionModel): MilestoneChange[] {
  const oldScopes = byMilestone(base);
  const newScopes = byMilestone(head);
  const ids = new Set<string>([...oldScopes.keys(), ...newScopes.keys()]);
  for (const revision of [base, head])
    for (const milestone of revision.config.milestones) ids.add(milestone.id);
  const changes: MilestoneChange[] = [];
  for (const id of ids) {
    const before = base.config.milestones.find((milestone) => milestone.id === id);
    const after = head.config.milestones.find((milestone) => milestone.id === id);
    const oldScope = oldScopes.get(id) ?? [];
    const newScope = newScopes.get(id) ?? [];
    const keyOf = (feature: Feature) => feature.id ?? feature.file;
    const oldKeys = new Set(oldScope.map(keyOf));
    const newKeys = new Set(newScope.map(keyOf));
    const effort = { before: effortOf(oldScope), after: effortOf(newScope), delta: 0 };
    effort.delta = Math.round((effort.after - effort.before) * 1000) / 1000;
    const change: MilestoneChange = {
      id,
      title: after?.title ?? before?.title ?? id,
      change:
        before || oldScope.length > 0 ? (after || newScope.length > 0 ? 'changed' : 'removed') : 'added',
      scopeAdded: [...newKeys].filter((key) => !oldKeys.has(key)).sort(),
      scopeRemoved: [...oldKeys].filter((key) => !newKeys.has(key)).sort(),
      effort,
    };
    const dateBefore = before?.date ?? null;
    const dateAfter = after?.date ?? null;
    if (dateBefore !== dateAfter) {
      const slip = dateBefore && dateAfter ? (daysBetween(dateBefore, dateAfter) ?? null) : null;
      change.date = { before: dateBefore, after: dateAfter, slipDays: slip };
    }
    const titleChanged = before && after && before.title !== after.title;
    if (
      change.scopeAdded.length > 0 ||
      change.scopeRemoved.length > 0 ||
      effort.delta !== 0 ||
      change.date ||
      titleChanged ||
      !before !== !after
    )
      changes.push(change);
  }
  return changes;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function diffRevisions(base: RevisionModel, head: RevisionModel): RoadmapDiff {
  const features: FeatureChange[] = [];
  const rankShifts: RankShift[] = [];
  for (const [before, after] of pairFeatures(base, head)) {
    const change = describeChange(before, after);
    if (change) {
      features.push(change);
      continue;
    }
    const rankBefore = before && base.ranks.get(before.feature);
    const rankAfter = after && head.ranks.get(after.feature);
    if (rankBefore && rankAfter && rankBefore !== rankAfter && after.feature.id)
      rankShifts.push({ id: after.feature.id, before: rankBefore, after: rankAfter });
  }
  const order = { removed: 0, changed: 1, added: 2 };
  features.sort(
    (a, b) => collator.compare(a.id ?? a.file, b.id ?? b.file) || order[a.change] - order[b.change],
  );
  rankShifts.sort((a, b) => a.after - b.after || collator.compare(a.id, b.id));
  const milestones = milestoneChanges(base, head);
  const count = (kind: FeatureChange['change']) => features.filter((entry) => entry.change === kind).length;
  return {
    base: base.commit,
    head: head.commit,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      milestones: milestones.length,
    },
    features,
    milestones,
    rankShifts,
    unreadable: [
      ...base.unreadable.map((entry) => ({ ...entry, revision: 'base' as const })),
      ...head.unreadable.map((entry) => ({ ...entry, revision: 'head' as const })),
    ],
  };
}
