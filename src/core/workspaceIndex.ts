// The incremental workspace index: one entry per Markdown file, updated one file at a time. Per-file results
// are recomputed for the changed file only; cross-file rules rerun only when a field they read changed.
import type { RoadmapConfig } from './config';
import {
  computeCrossIssues,
  crossSignature,
  dependencyIssuesOf,
  dependencyRuleCodes,
  dependencyTarget,
  featuresById,
  reachesAny,
} from './crossRules';
import { isYamlFile } from './fences';
import {
  isSidecarMarkdown,
  parseFeatureFile,
  spanOfPath,
  type FeatureFile,
  type SidecarInsights,
} from './featureFile';
import { folderOf, idKeyFunction } from './ids';
import type { Feature, Issue } from './types';
import { plural } from './plural';

/** A front-matter of 20,000 unknown keys yields 20,000 issues: nobody reads past the first hundred. */
export const maxIssuesPerFile = 100;

const severityRank: Record<Issue['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * The first `maxIssuesPerFile` issues and one more that stands for the rest: with the code of the first one
 * left out and the gravest severity among them, so that a hidden error still fails the lint.
 */
export function limitIssues(issues: Issue[]): Issue[] {
  if (issues.length <= maxIssuesPerFile) return issues;
  const shown = issues.slice(0, maxIssuesPerFile);
  const hidden = issues.slice(maxIssuesPerFile);
  const gravest = hidden.reduce(
    (worst, issue) => (severityRank[issue.severity] < severityRank[worst] ? issue.severity : worst),
    hidden[0].severity,
  );
  shown.push({
    code: hidden[0].code,
    severity: gravest,
    message: `${plural(hidden.length, 'more problem')} in this file ${hidden.length === 1 ? 'is' : 'are'} not listed (at most ${maxIssuesPerFile} per file): fix the ones above first.`,
    span: hidden[0].span,
  });
  return shown;
}

/** Whether the only difference cross-file rules can see between two parses is the `depends_on` list. */
function onlyDependenciesChanged(before: FeatureFile, after: FeatureFile): boolean {
  if (!before.feature || !after.feature) return false;
  const withoutDependencies = (parsed: FeatureFile) =>
    crossSignature({ ...parsed.feature!, dependsOn: [] }, parsed.keys);
  return withoutDependencies(before) === withoutDependencies(after);
}

interface Entry {
  parsed: FeatureFile;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  /** Milestones and goals declared by files (the config's `milestoneFiles` and `goalFiles`), by file. */
  private readonly declarations = new Map<string, NonNullable<FeatureFile['declares']>>();
  /** The Markdown beside YAML metadata files, by folder. */
  private readonly sidecars = new Map<string, SidecarInsights>();
  /** The fields of a YAML feature that its sidecar filled in (so that a changed sidecar can refill them). */
  private readonly fromSidecar = new Map<string, ('title' | 'progress')[]>();
  private crossIssues = new Map<string, Issue[]>();
  private crossDirty = false;
  /** Files whose issues or feature changed since the last `flush`. */
  private readonly pending = new Set<string>();
  /**
   * Files whose only change cross-file rules can see is their `depends_on` list: `flush` recomputes their own
   * dependency issues alone, through the ids of the last full run, unless a cycle may have changed.
   */
  private readonly dependencyEdits = new Map<string, string[]>();
  /** Features by id and every id, as of the last full cross-file run (kept current by dependency edits). */
  private idTable: Map<string, Feature[]> | undefined;
  private allIds: string[] = [];

  constructor(private configuration: RoadmapConfig) {}

  get config(): RoadmapConfig {
    return this.configuration;
  }

  /** Replaces the config and forgets every entry: the caller feeds the files again. */
  reset(config: RoadmapConfig): void {
    for (const file of this.entries.keys()) this.pending.add(file);
    this.entries.clear();
    this.declarations.clear();
    this.sidecars.clear();
    this.fromSidecar.clear();
    this.configuration = config;
    this.crossDirty = true;
  }

  /** Indexes (or re-indexes) one file from its full text. Markdown without front-matter is dropped. */
  update(file: string, text: string): FeatureFile {
    const parsed = parseFeatureFile(file, text, this.configuration);
    this.put(file, parsed);
    return parsed;
  }

  /** Stores a file parsed elsewhere (a worker, or a test). */
  put(file: string, parsed: FeatureFile): void {
    const previous = this.entries.get(file);
    if (!parsed.isFeature) {
      if (previous) this.remove(file);
      this.noteDeclaration(file, parsed.declares);
      if (isSidecarMarkdown(this.configuration, file)) this.noteSidecar(file, parsed.sidecar);
      return;
    }
    this.noteDeclaration(file, undefined);
    this.fillFromSidecar(file, parsed.feature);
    this.entries.set(file, { parsed });
    this.pending.add(file);
    // Signatures are computed only to compare an update with what it replaces, never during a cold build.
    if (
      !previous ||
      crossSignature(previous.parsed.feature, previous.parsed.keys) !==
        crossSignature(parsed.feature, parsed.keys)
    ) {
      if (previous && onlyDependenciesChanged(previous.parsed, parsed)) {
        // The list before the first edit since the last flush: what the last cycle search saw.
        if (!this.dependencyEdits.has(file))
          this.dependencyEdits.set(file, previous.parsed.feature?.dependsOn ?? []);
      } else this.crossDirty = true;
      return;
    }
    // Same cross-file facts, but lines may have moved within the front-matter: re-place this file's results.
    const cross = this.crossIssues.get(file);
    if (cross) {
      this.crossIssues.set(
        file,
        cross.map((issue) =>
          issue.data?.path ? { ...issue, span: spanOfPath(parsed, issue.data.path) } : issue,
        ),
      );
    }
  }

  private noteDeclaration(file: string, declares: FeatureFile['declares']): void {
    const before = this.declarations.get(file);
    // Nearly every file declares nothing, before and after: no text to compare then.
    if (before === undefined && declares === undefined) return;
    if (JSON.stringify(before) === JSON.stringify(declares)) return;
    if (declares) this.declarations.set(file, declares);
    else this.declarations.delete(file);
    this.crossDirty = true;
  }

  /** A sidecar changed: the YAML features of its folder take their title and progress from it again. */
  private noteSidecar(file: string, sidecar: SidecarInsights | undefined): void {
    const folder = folderOf(file);
    if (JSON.stringify(this.sidecars.get(folder)) === JSON.stringify(sidecar)) return;
    if (sidecar) this.sidecars.set(folder, sidecar);
    else this.sidecars.delete(folder);
    for (const [other, entry] of this.entries) {
      if (folderOf(other) !== folder || !isYamlFile(other) || !entry.parsed.feature) continue;
      const feature = entry.parsed.feature as unknown as Record<string, unknown>;
      for (const field of this.fromSidecar.get(other) ?? []) delete feature[field];
      this.fillFromSidecar(other, entry.parsed.feature);
      this.pending.add(other);
    }
  }

  private fillFromSidecar(file: string, feature: Feature | undefined): void {
    if (this.fromSidecar.size > 0) this.fromSidecar.delete(file);
    const sidecar =
      this.sidecars.size > 0 && isYamlFile(file) ? this.sidecars.get(folderOf(file)) : undefined;
    if (!sidecar || !feature) return;
    const filled: ('title' | 'progress')[] = [];
    if (feature.title === undefined && sidecar.title !== undefined) {
      feature.title = sidecar.title;
      filled.push('title');
    }
    if (feature.progress === undefined && sidecar.tasks.total > 0) {
      feature.progress = Math.round((sidecar.tasks.done / sidecar.tasks.total) * 100);
      filled.push('progress');
    }
    if (filled.length > 0) this.fromSidecar.set(file, filled);
  }

  remove(file: string): void {
    if (this.declarations.delete(file)) this.crossDirty = true;
    if (isSidecarMarkdown(this.configuration, file)) this.noteSidecar(file, undefined);
    this.fromSidecar.delete(file);
    if (!this.entries.delete(file)) return;
    this.pending.add(file);
    this.crossDirty = true;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  get(file: string): FeatureFile | undefined {
    return this.entries.get(file)?.parsed;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Brings cross-file results up to date and returns every file whose issues may have changed since the last
   * call (including removed files, whose diagnostics must be cleared).
   */
  flush(): string[] {
    if (!this.crossDirty && this.dependencyEdits.size > 0) this.applyDependencyEdits();
    this.dependencyEdits.clear();
    if (this.crossDirty) {
      const previous = this.crossIssues;
      const all = this.allFeatures();
      // Built once: the cross-file rules read it, and dependency edits keep it current afterwards.
      this.idTable = featuresById(all, this.configuration);
      this.crossIssues = computeCrossIssues(
        all,
        this.configuration,
        (file) => this.entries.get(file)?.parsed.keys ?? {},
        (file, path) => {
          const parsed = this.entries.get(file)?.parsed;
          return parsed ? spanOfPath(parsed, path) : { start: 0, end: 0 };
        },
        this.doneStatuses(),
        [...this.declarations.values()],
        this.idTable,
      );
      this.crossDirty = false;
      this.allIds = all.flatMap((feature) => (feature.id === undefined ? [] : [feature.id]));
      for (const file of new Set([...previous.keys(), ...this.crossIssues.keys()])) {
        const before = previous.get(file);
        const now = this.crossIssues.get(file);
        // Compared as text only when both exist: a cold build compares nothing (and reads no lazy suggestion).
        if (!before || !now ? before !== now : JSON.stringify(before) !== JSON.stringify(now))
          this.pending.add(file);
      }
    }
    const changed = [...this.pending];
    this.pending.clear();
    return changed;
  }

  /**
   * Recomputes the dependency issues of files whose `depends_on` alone changed: their targets, the ids and
   * every other rule's inputs are as they were. Cycles (their members and the order a message lists them in)
   * can only change when the file's old or new dependencies lead to a cycle or back to the file: then
   * everything is recomputed.
   */
  private applyDependencyEdits(): void {
    const byId = this.idTable;
    if (!byId) {
      this.crossDirty = true;
      return;
    }
    const idKey = idKeyFunction(this.configuration.ids);
    // Over the features as they are now (a folder reference may name the edited one).
    const target = dependencyTarget(() => this.allFeatures(), byId, this.configuration);
    const inCycles = new Set<string>();
    for (const [file, issues] of this.crossIssues)
      if (issues.some((issue) => issue.code === 'dependency-cycle')) inCycles.add(file);
    const updated = new Map<string, Issue[]>();
    for (const [file, previousDependencies] of this.dependencyEdits) {
      const parsed = this.entries.get(file)?.parsed;
      const feature = parsed?.feature;
      const copies = feature?.id === undefined ? undefined : byId.get(idKey(feature.id));
      const slot = copies?.findIndex((copy) => copy.file === file) ?? -1;
      // A skipped stub has no dependency issues of its own: the full run says what changes.
      if (!parsed || !feature || feature.skipped || (copies && slot < 0) || inCycles.has(file)) {
        this.crossDirty = true;
        return;
      }
      if (copies) copies[slot] = feature;
      const closesOrNearsACycle = (candidate: Feature) =>
        candidate.file === file || inCycles.has(candidate.file);
      if (
        reachesAny(feature.dependsOn, target, closesOrNearsACycle) ||
        (inCycles.size > 0 && reachesAny(previousDependencies, target, closesOrNearsACycle))
      ) {
        this.crossDirty = true;
        return;
      }
      const before = this.crossIssues.get(file) ?? [];
      // The order computeCrossIssues reports in: ids, then dependencies, then the other rules.
      const replace = (issue: Issue) =>
        issue.data?.path ? { ...issue, span: spanOfPath(parsed, issue.data.path) } : issue;
      const dependencies = dependencyIssuesOf(
        feature,
        {
          config: this.configuration,
          target,
          allIds: this.allIds,
          doneStatuses: this.doneStatuses(),
          keysOf: (other) => this.entries.get(other)?.parsed.keys ?? {},
        },
        (other, path) => {
          const otherParsed = this.entries.get(other)?.parsed;
          return otherParsed ? spanOfPath(otherParsed, path) : { start: 0, end: 0 };
        },
      );
      updated.set(file, [
        ...before.filter((issue) => issue.code === 'duplicate-id').map(replace),
        ...dependencies,
        ...before
          .filter((issue) => issue.code !== 'duplicate-id' && !dependencyRuleCodes.has(issue.code))
          .map(replace),
      ]);
    }
    for (const [file, issues] of updated) {
      if (issues.length > 0) this.crossIssues.set(file, issues);
      else this.crossIssues.delete(file);
    }
  }

  private doneStatuses(): Set<string> {
    return new Set(
      this.configuration.statuses.filter((status) => status.category === 'done').map((status) => status.id),
    );
  }

  /**
   * Own and cross-file issues of one file, sorted by position, at most `maxIssuesPerFile` of them plus one that
   * counts the rest. Call `flush` first for current results.
   */
  issues(file: string): Issue[] {
    const own = this.entries.get(file)?.parsed.issues ?? [];
    const cross = this.crossIssues.get(file);
    const all = cross ? [...own, ...cross].sort((a, b) => a.span.start - b.span.start) : own;
    return limitIssues(all);
  }

  files(): string[] {
    return [...this.entries.keys()];
  }

  /** Feature files whose front-matter could not be read (broken YAML, unclosed, binary), with the first reason. */
  unreadable(): { file: string; reason: string }[] {
    const result: { file: string; reason: string }[] = [];
    for (const [file, entry] of this.entries)
      if (!entry.parsed.feature)
        result.push({ file, reason: entry.parsed.issues[0]?.message ?? 'unreadable' });
    return result;
  }

  /** The milestones and goals that files declare. */
  declared(kind: 'milestone' | 'goal'): { id: string; title: string }[] {
    return [...this.declarations.values()].filter((entry) => entry.kind === kind);
  }

  parsedFiles(): FeatureFile[] {
    return [...this.entries.values()].map((entry) => entry.parsed);
  }

  /** The features the views show: stubs the config's `skip` names are left out. */
  features(): Feature[] {
    const features: Feature[] = [];
    for (const entry of this.entries.values())
      if (entry.parsed.feature && !entry.parsed.feature.skipped) features.push(entry.parsed.feature);
    return features;
  }

  /** Every feature, stubs included: dependency targets and ids. */
  allFeatures(): Feature[] {
    const features: Feature[] = [];
    for (const entry of this.entries.values()) if (entry.parsed.feature) features.push(entry.parsed.feature);
    return features;
  }

  /** Features with this id (more than one when ids collide). */
  byId(id: string): Feature[] {
    return this.features().filter((feature) => feature.id === id);
  }
}
