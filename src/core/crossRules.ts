// Rules that need the whole workspace: ids, dependencies and milestone budgets. They run on the index in
// O(features + dependencies), never per keystroke over the files.
import type { RoadmapConfig } from './config';
import { makeIssue, severityFor } from './featureFile';
import { folderOf, idKeyFunction, referencedFolder } from './ids';
import { addDays, calendarDayOf } from './plan/calendar';
import { findCycles as findCycleComponents } from './plan/cycles';
import { plural } from './plural';
import { type AddIssue, computePlanIssues } from './planRules';
import type { Feature, Issue, IssueData, Moscow, RuleCode, Span } from './types';

/** Resolves a front-matter path of a file to a span; provided by the index, which parses positions lazily. */
export type SpanResolver = (file: string, path: (string | number)[]) => Span;

const moscowRank: Record<Moscow, number> = { must: 0, should: 1, could: 2, wont: 3 };
/**
 * How many members of a group (a dependency cycle, the copies of an id) a message names and an issue links:
 * a group can have thousands, and reporting on every member stays linear, not quadratic.
 */
const maxListed = 10;

/** The other members of `group` named about `group[position]`: all when few, else the `maxListed` after it. */
function othersNamed<T>(group: readonly T[], position: number): T[] {
  return group.length <= maxListed + 1
    ? group.filter((_, index) => index !== position)
    : Array.from({ length: maxListed }, (_, offset) => group[(position + offset + 1) % group.length]);
}

/** The fields cross-file rules read. When none of them changed, cross-file results cannot have changed. */
export function crossSignature(feature: Feature | undefined, keys: Record<string, string>): string {
  if (!feature) return '';
  return JSON.stringify([
    feature.id,
    feature.dependsOn,
    feature.moscow,
    feature.milestone,
    feature.goal,
    feature.rice?.effort,
    feature.start,
    feature.end,
    feature.status,
    feature.skipped,
    feature.quarter,
    feature.team,
    keys.depends_on,
    keys.id,
    keys.moscow,
  ]);
}

/** Every cross-file issue by file; `byId` is `featuresById(features, config)` when the caller has it already. */
export function computeCrossIssues(
  features: readonly Feature[],
  config: RoadmapConfig,
  keysOf: (file: string) => Record<string, string>,
  resolve: SpanResolver,
  doneStatuses: ReadonlySet<string>,
  declared: readonly { kind: 'milestone' | 'goal'; id: string; title: string }[] = [],
  byId: Map<string, Feature[]> = featuresById(features, config),
): Map<string, Issue[]> {
  const result = new Map<string, Issue[]>();
  const add: AddIssue = (file, code, message, path, data) => {
    // A rule that is off is not placed: placing may read the file's front-matter again.
    if (!severityFor(code, config)) return;
    const issue = makeIssue(code, message, resolve(file, path), config, withPath(path, data));
    if (!issue) return;
    const list = result.get(file);
    if (list) list.push(issue);
    else result.set(file, [issue]);
  };
  const key = (feature: Feature, name: string) => keysOf(feature.file)[name] ?? name;

  // Skipped files (stubs) are dependency targets, but nothing is checked on them.
  const allIds = features.flatMap((feature) => (feature.id === undefined ? [] : [feature.id]));
  const target = dependencyTarget(features, byId, config);
  const dependencies: DependencyContext = { config, target, allIds, doneStatuses, keysOf };
  const checked = features.filter((feature) => !feature.skipped);

  const isOn = (code: RuleCode) => severityFor(code, config) !== undefined;
  const freeIdLike = freeIds(allIds);
  for (const [, all] of byId) {
    // Nearly every id is unique: no list is made for those.
    if (all.length < 2 || !isOn('duplicate-id')) continue;
    const copies = all.filter((feature) => !feature.skipped);
    if (copies.length < 2) continue;
    const id = copies[0].id!;
    copies.forEach((feature, position) => {
      // Hundreds of copies of one id: each message names a few, and how many more there are.
      const others = othersNamed(copies, position).map((other) => other.file);
      const more = copies.length - 1 - others.length;
      const listed = more > 0 ? `${others.join(', ')} and ${plural(more, 'other file')}` : others.join(', ');
      add(
        feature.file,
        'duplicate-id',
        `Id '${id}' is also used by ${listed}; ids must be unique.`,
        [key(feature, 'id')],
        {
          related: others.map((file) => ({
            file,
            span: resolve(file, [keysOf(file).id ?? 'id']),
            message: `another '${id}'`,
          })),
          replacement: freeIdLike(id),
        },
      );
    });
  }

  for (const feature of checked) addDependencyIssues(feature, dependencies, add);

  for (const cycle of isOn('dependency-cycle') ? findCycles(checked, target) : []) {
    const named =
      cycle.length <= maxListed
        ? cycle.map((feature) => feature.id)
        : [...cycle.slice(0, maxListed - 1).map((feature) => feature.id), '…', cycle[cycle.length - 1].id];
    const ids = named.join(' → ');
    const size = cycle.length > maxListed ? ` (${cycle.length} features)` : '';
    const members = new Set(cycle);
    cycle.forEach((feature, position) => {
      const index = feature.dependsOn.findIndex((dependencyId) => {
        const next = target(dependencyId);
        return next !== undefined && members.has(next);
      });
      const others = othersNamed(cycle, position);
      add(
        feature.file,
        'dependency-cycle',
        `Dependency cycle${size}: ${ids} → ${cycle[0].id}. Break it by removing one dependency.`,
        [key(feature, 'depends_on'), index],
        {
          related: others.map((other) => ({
            file: other.file,
            span: resolve(other.file, [key(other, 'id')]),
            message: `cycle member '${other.id}'`,
          })),
        },
      );
    });
  }

  checkDeclaredReferences(checked, config, declared, (feature, code, message, field) =>
    add(feature.file, code, message, [key(feature, field)]),
  );

  const milestoneEffort = new Map<string, { must: number; total: number; musts: Feature[] }>();
  for (const feature of checked) {
    // Dropped and Won't features take no effort from the milestone.
    if (
      !feature.milestone ||
      !feature.rice?.effort ||
      feature.status === 'dropped' ||
      feature.moscow === 'wont'
    )
      continue;
    const entry = milestoneEffort.get(feature.milestone) ?? { must: 0, total: 0, musts: [] };
    entry.total += feature.rice.effort;
    if (feature.moscow === 'must') {
      entry.must += feature.rice.effort;
      entry.musts.push(feature);
    }
    milestoneEffort.set(feature.milestone, entry);
  }
  for (const [milestone, entry] of milestoneEffort) {
    const share = entry.must / entry.total;
    if (share <= config.mustBudget) continue;
    for (const feature of entry.musts) {
      add(
        feature.file,
        'moscow-budget',
        `Must features take ${Math.round(share * 100)}% of milestone ${milestone}'s effort (${entry.must} of ${entry.total} person-months); keep it under ${Math.round(config.mustBudget * 100)}% so there is room to cut.`,
        [key(feature, 'moscow')],
      );
    }
  }
  computePlanIssues(features, config, add, key);
  return result;
}

/**
 * Features by id key (the config's `ids:` settings: case, prefixes), in index order (more than one when ids
 * collide).
 */
export function featuresById(features: readonly Feature[], config: RoadmapConfig): Map<string, Feature[]> {
  const idKey = idKeyFunction(config.ids);
  const byId = new Map<string, Feature[]>();
  for (const feature of features) {
    if (feature.id === undefined) continue;
    const id = idKey(feature.id);
    const list = byId.get(id);
    if (list) list.push(feature);
    else byId.set(id, [feature]);
  }
  return byId;
}

/** The feature a dependency names: by id (any equivalent spelling), else (for a path such as /keps/sig-x/1234-foo) by its folder. */
export function dependencyTarget(
  features: readonly Feature[] | (() => readonly Feature[]),
  byId: ReadonlyMap<string, Feature[]>,
  config: RoadmapConfig,
): (reference: string) => Feature | undefined {
  const idKey = idKeyFunction(config.ids);
  let byFolder: Map<string, Feature> | undefined;
  return (reference) => {
    const byKey = byId.get(idKey(reference));
    if (byKey) return byKey[0];
    const folder = referencedFolder(reference);
    if (folder === undefined) return undefined;
    // Every feature is listed only for a folder reference: an id is found in `byId`.
    byFolder ??= new Map(
      (typeof features === 'function' ? features() : features).map((feature) => [
        folderOf(feature.file),
        feature,
      ]),
    );
    const exact = byFolder.get(folder);
    if (exact) return exact;
    for (const [candidate, feature] of byFolder) if (candidate.endsWith(`/${folder}`)) return feature;
    return undefined;
  };
}

/** The rules about one feature's own dependencies: they read its fields and its targets' only. */
export const dependencyRuleCodes: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'unknown-dependency',
  'dependency-schedule',
  'priority-inversion',
]);

export interface DependencyContext {
  config: RoadmapConfig;
  /** Resolves a dependency reference (`dependencyTarget`). */
  target: (reference: string) => Feature | undefined;
  allIds: readonly string[];
  /** Lowercased `allIds`, computed on first need. */
  allIdsLower?: string[];
  doneStatuses: ReadonlySet<string>;
  keysOf: (file: string) => Record<string, string>;
  /** `web:`-style prefixes of the config's `sources:`, computed on first need. */
  otherSources?: ReadonlySet<string>;
}

/**
 * One feature's dependency issues, in the order `computeCrossIssues` reports them: what the index recomputes
 * alone when only that feature's `depends_on` changed.
 */
export function dependencyIssuesOf(
  feature: Feature,
  context: DependencyContext,
  resolve: SpanResolver,
): Issue[] {
  const issues: Issue[] = [];
  addDependencyIssues(feature, context, (file, code, message, path, data) => {
    if (!severityFor(code, context.config)) return;
    const issue = makeIssue(code, message, resolve(file, path), context.config, withPath(path, data));
    if (issue) issues.push(issue);
  });
  return issues;
}

function addDependencyIssues(feature: Feature, context: DependencyContext, add: AddIssue): void {
  const { config, doneStatuses } = context;
  const dependsOnKey = context.keysOf(feature.file).depends_on ?? 'depends_on';
  // Days, not text: a date-time (`2026-01-05 17:00`) ends on its day. Read once per feature, and only when the
  // rule is on.
  const start = severityFor('dependency-schedule', config) ? calendarDayOf(feature.start) : undefined;
  feature.dependsOn.forEach((dependencyId, index) => {
    const path = [dependsOnKey, index];
    const target = context.target(dependencyId);
    // `web:F-001` names a feature of another repository listed under `sources:`; `roadmap publish` resolves it.
    context.otherSources ??= new Set(config.sources.map((source) => `${source.name}:`));
    if (!target && context.otherSources.has(dependencyId.slice(0, dependencyId.indexOf(':') + 1))) return;
    if (!target) {
      if (!severityFor('unknown-dependency', config)) return;
      add(
        feature.file,
        'unknown-dependency',
        `depends_on '${dependencyId}', but no feature has that id.`,
        path,
        lazySuggestions(() =>
          closestIds(
            dependencyId,
            context.allIds,
            (context.allIdsLower ??= context.allIds.map((candidate) => candidate.toLowerCase())),
          ),
        ),
      );
      return;
    }
    const dependencyEnd = start ? calendarDayOf(target.end) : undefined;
    if (
      start &&
      dependencyEnd &&
      dependencyEnd > start &&
      !(target.status && doneStatuses.has(target.status))
    ) {
      add(
        feature.file,
        'dependency-schedule',
        `Depends on '${dependencyId}', which ends ${target.end}, after this feature starts ${feature.start}.`,
        path,
        // The earliest start the dependency allows: what a "start after it ends" fix writes.
        { replacement: addDays(dependencyEnd, 1) },
      );
    }
    if (feature.moscow && target.moscow && moscowRank[target.moscow] > moscowRank[feature.moscow]) {
      add(
        feature.file,
        'priority-inversion',
        `This ${feature.moscow.toUpperCase()} feature depends on '${dependencyId}', a ${target.moscow.toUpperCase()}: raise its priority or drop the dependency.`,
        path,
        // The dependency's priority, which a fix that lowers this feature to match it writes.
        { replacement: target.moscow },
      );
    }
  });
}

/**
 * Whether following dependencies from these ids leads to a feature that `isWanted` picks. Visits only what
 * they reach: a `depends_on` edit is checked against cycles without a search of the whole graph.
 */
export function reachesAny(
  ids: readonly string[],
  target: (reference: string) => Feature | undefined,
  isWanted: (feature: Feature) => boolean,
): boolean {
  const seen = new Set<Feature>();
  const pending: string[][] = [ids as string[]];
  while (pending.length > 0) {
    for (const id of pending.pop()!) {
      const next = target(id);
      if (!next || seen.has(next)) continue;
      if (isWanted(next)) return true;
      seen.add(next);
      pending.push(next.dependsOn);
    }
  }
  return false;
}

/**
 * Milestones and goals declared by files: a feature may name one by id or by title (in any case). Checked here,
 * not per file, because the index alone knows every declaring file.
 */
function checkDeclaredReferences(
  features: readonly Feature[],
  config: RoadmapConfig,
  declared: readonly { kind: 'milestone' | 'goal'; id: string; title: string }[],
  add: (feature: Feature, code: RuleCode, message: string, field: 'milestone' | 'goal') => void,
): void {
  for (const kind of ['milestone', 'goal'] as const) {
    if (!(kind === 'milestone' ? config.milestoneFiles : config.goalFiles)) continue;
    const entries = [
      ...(kind === 'milestone' ? config.milestones : config.goals),
      ...declared.filter((entry) => entry.kind === kind),
    ];
    const known = new Set(entries.flatMap((entry) => [entry.id.toLowerCase(), entry.title.toLowerCase()]));
    for (const feature of features) {
      const value = feature[kind];
      if (value === undefined || known.has(value.toLowerCase())) continue;
      const listed = entries.map((entry) => entry.id);
      add(
        feature,
        kind === 'milestone' ? 'unknown-milestone' : 'unknown-goal',
        listed.length > 0
          ? `Unknown ${kind} '${value}': no ${kind} file declares it. Known: ${listed.slice(0, 20).join(', ')}${listed.length > 20 ? ', …' : ''}.`
          : `Unknown ${kind} '${value}': no ${kind} file declares any ${kind} yet.`,
        kind,
      );
    }
  }
}

/**
 * Every dependency cycle (plan/cycles.ts), members in the order the search reached them. `target` resolves a
 * reference (an id in any of its equivalent spellings, or a folder path); a skipped stub ends no cycle.
 */
export function findCycles(
  features: readonly Feature[],
  target: (reference: string) => Feature | undefined,
): Feature[][] {
  const position = new Map<Feature, number>();
  features.forEach((feature, index) => position.set(feature, index));
  const none: number[] = [];
  // A feature without an id cannot be depended on, so it is never part of a cycle.
  const successors = features.map((feature) => {
    if (feature.id === undefined || feature.dependsOn.length === 0) return none;
    const indexes: number[] = [];
    for (const reference of feature.dependsOn) {
      const next = target(reference);
      const index = next && !next.skipped ? position.get(next) : undefined;
      if (index !== undefined) indexes.push(index);
    }
    return indexes;
  });
  return findCycleComponents(features.length, successors).map((members) =>
    members.map((index) => features[index]),
  );
}

/** Data with a lazy property (`lazySuggestions`), which a copy must keep lazy. */
const lazyData = new WeakSet<IssueData>();

/** An issue's data: its path first, then the rest as given (a lazy property stays lazy). */
function withPath(path: (string | number)[], data: IssueData | undefined): IssueData {
  if (!data) return { path };
  // Copying by descriptors was a sixth of the cross-file rules on a corpus where most features have an issue.
  return lazyData.has(data)
    ? Object.defineProperties({ path }, Object.getOwnPropertyDescriptors(data))
    : { path, ...data };
}

/**
 * Suggestions computed when first read, then kept. Only a quick fix reads them: ranking every id of a
 * 10,000-feature workspace for each unknown dependency made them most of a lint that prints none.
 */
function lazySuggestions(compute: () => string[]): IssueData {
  const data: IssueData = {};
  Object.defineProperty(data, 'suggestions', {
    enumerable: true,
    configurable: true,
    get(this: IssueData) {
      const suggestions = compute();
      Object.defineProperty(this, 'suggestions', {
        value: suggestions,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return suggestions;
    },
  });
  lazyData.add(data);
  return data;
}

/**
 * The five ids most like an unknown one, for the quick fix. One pass keeping the best five: an unknown
 * dependency in a 10,000-feature workspace must not sort every id.
 */
function closestIds(id: string, ids: readonly string[], lowered: readonly string[]): string[] {
  const lower = id.toLowerCase();
  const best: { candidate: string; distance: number }[] = [];
  for (let i = 0; i < ids.length; i++) {
    const candidate = ids[i];
    const distance = similarity(lower, lowered[i]);
    if (best.length === 5 && distance >= best[4].distance) continue;
    let position = Math.min(best.length, 4);
    while (position > 0 && best[position - 1].distance > distance) position--;
    best.splice(position, 0, { candidate, distance });
    if (best.length > 5) best.pop();
  }
  return best.map((entry) => entry.candidate);
}

function similarity(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return Math.max(a.length, b.length) - prefix + Math.abs(a.length - b.length);
}

/** The next id in the same series that nobody uses: F-012 → F-035 when F-034 is the highest. */
export function nextFreeId(ids: readonly string[], like = 'F-000'): string {
  return freeIds(ids)(like);
}

/**
 * `nextFreeId` over one list of ids, for many calls: each prefix and width is worked out once. A workspace
 * with thousands of duplicate ids asks once per duplicate, and each call over all 10,000 ids cost a lint 8 s.
 */
export function freeIds(ids: readonly string[]): (like?: string) => string {
  let taken: Set<string> | undefined;
  const found = new Map<string, string>();
  return (like = 'F-000') => {
    const match = /^(.*?)(\d+)$/.exec(like);
    const prefix = match ? match[1] : `${like}-`;
    const width = match ? match[2].length : 3;
    const key = `${width}:${prefix}`;
    const known = found.get(key);
    if (known !== undefined) return known;
    taken ??= new Set(ids);
    let highest = 0;
    for (const id of ids) {
      if (id.startsWith(prefix)) {
        const number = Number(id.slice(prefix.length));
        if (Number.isInteger(number)) highest = Math.max(highest, number);
      }
    }
    let candidate = highest + 1;
    while (taken.has(`${prefix}${String(candidate).padStart(width, '0')}`)) candidate++;
    const free = `${prefix}${String(candidate).padStart(width, '0')}`;
    found.set(key, free);
    return free;
  };
}
