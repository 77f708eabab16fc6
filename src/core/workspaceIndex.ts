// The incremental workspace index: one entry per Markdown file, updated one file at a time. Per-file results
// are recomputed for the changed file only; cross-file rules rerun only when a field they read changed.
import type { RoadmapConfig } from './config';
import {
  computeCrossIssues,
  crossSignature,
  dependencyIssuesOf,
  dependencyRuleCodes,
  featuresById,
  reachesAny,
} from './crossRules';
import { parseFeatureFile, spanOfPath, type FeatureFile } from './featureFile';
import type { Feature, Issue } from './types';

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
    message: `${hidden.length} more problem${hidden.length === 1 ? '' : 's'} in this file ${hidden.length === 1 ? 'is' : 'are'} not listed (at most ${maxIssuesPerFile} per file): fix the ones above first.`,
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
      return;
    }
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

  remove(file: string): void {
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
      this.crossIssues = computeCrossIssues(
        this.features(),
        this.configuration,
        (file) => this.entries.get(file)?.parsed.keys ?? {},
        (file, path) => {
          const parsed = this.entries.get(file)?.parsed;
          return parsed ? spanOfPath(parsed, path) : { start: 0, end: 0 };
        },
        this.doneStatuses(),
      );
      this.crossDirty = false;
      this.idTable = featuresById(this.features());
      this.allIds = [...this.idTable.keys()];
      for (const file of new Set([...previous.keys(), ...this.crossIssues.keys()])) {
        if (JSON.stringify(previous.get(file)) !== JSON.stringify(this.crossIssues.get(file)))
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
    const inCycles = new Set<string>();
    for (const [file, issues] of this.crossIssues)
      if (issues.some((issue) => issue.code === 'dependency-cycle')) inCycles.add(file);
    const updated = new Map<string, Issue[]>();
    for (const [file, previousDependencies] of this.dependencyEdits) {
      const parsed = this.entries.get(file)?.parsed;
      const feature = parsed?.feature;
      const copies = feature?.id === undefined ? undefined : byId.get(feature.id);
      const slot = copies?.findIndex((copy) => copy.file === file) ?? -1;
      if (!parsed || !feature || (copies && slot < 0) || inCycles.has(file)) {
        this.crossDirty = true;
        return;
      }
      if (copies) copies[slot] = feature;
      const closesOrNearsACycle = (candidate: Feature) =>
        candidate.file === file || inCycles.has(candidate.file);
      if (
        reachesAny(feature.dependsOn, byId, closesOrNearsACycle) ||
        (inCycles.size > 0 && reachesAny(previousDependencies, byId, closesOrNearsACycle))
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
          byId,
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

  parsedFiles(): FeatureFile[] {
    return [...this.entries.values()].map((entry) => entry.parsed);
  }

  features(): Feature[] {
    const features: Feature[] = [];
    for (const entry of this.entries.values()) if (entry.parsed.feature) features.push(entry.parsed.feature);
    return features;
  }

  /** Features with this id (more than one when ids collide). */
  byId(id: string): Feature[] {
    return this.features().filter((feature) => feature.id === id);
  }
}
