// One roadmap out of one or several repositories. With a single source nothing is renamed; with several, every
// id, file, milestone and goal is namespaced by its source (`web:F-001`, `web/roadmap/F-001.md`) so that two
// repositories can both have an F-001, and `depends_on: [mobile:F-003]` names a feature of another repository.
// Cross-repository dependencies are resolved and linted here, since no single repository's index sees both ends.
import type { RoadmapConfig } from '../config';
import { splitFrontmatter } from '../fences';
import type { FeatureView, GoalView, MilestoneView, RoadmapModel, StatusView } from '../../shared/protocol';
import { rankByScore } from '../roadmapModel';
import { buildRoadmapModel } from '../viewModel';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { Feature, Issue } from '../types';

export interface SiteSource {
  /** The namespace of the source's ids; unused (may be empty) when it is the only source. */
  name: string;
  index: WorkspaceIndex;
  /** The text of each feature file, for its body. */
  texts: ReadonlyMap<string, string>;
  /** Base URL of the source's files in its repository (the file's path is appended). */
  fileUrl?: string;
}

export interface PortfolioFeature {
  /** As the views see it: namespaced when there are several sources. */
  view: FeatureView;
  feature: Feature;
  source: SiteSource;
  /** The Markdown after the front-matter. */
  body: string;
  /** The source index's issues, plus cross-repository ones. */
  issues: Issue[];
  /** The namespaced ids of the features this one depends on that exist. */
  dependsOn: PortfolioFeature[];
  /** Dependencies that resolve to no feature, as written. */
  missing: string[];
  neededBy: PortfolioFeature[];
}

export interface PortfolioProblem {
  source: string;
  file: string;
  issue: Issue;
}

export interface Portfolio {
  model: RoadmapModel;
  features: PortfolioFeature[];
  byFile: Map<string, PortfolioFeature>;
  /** The first source's config: its statuses and scoring name the portfolio's. */
  config: RoadmapConfig;
  /** Cross-repository dependencies that do not resolve. */
  problems: PortfolioProblem[];
  multiSource: boolean;
}

function bodyOf(text: string): string {
  const split = splitFrontmatter(text);
  return split.kind === 'closed' ? text.slice(split.bodyStart) : split.kind === 'none' ? text : '';
}

/** Statuses by id in first-seen order: a portfolio's board has one column per status any source uses. */
function mergeStatuses(sources: readonly SiteSource[]): StatusView[] {
  const merged = new Map<string, StatusView>();
  for (const source of sources)
    for (const status of source.index.config.statuses)
      if (!merged.has(status.id)) merged.set(status.id, { ...status });
  return [...merged.values()];
}

export function buildPortfolio(sources: readonly SiteSource[], today: string): Portfolio {
  if (sources.length === 0) throw new Error('Nothing to publish: no source.');
  const multiSource = sources.length > 1;
  const sourceNames = new Set(sources.map((source) => source.name));
  const features: PortfolioFeature[] = [];
  const milestones: MilestoneView[] = [];
  const goals: GoalView[] = [];
  const qualify = (source: SiteSource, id: string): string => (multiSource ? `${source.name}:${id}` : id);
  /** A dependency as written in a source, as a portfolio id: `mobile:F-3` stays, `F-3` gets the source's name. */
  const qualifyDependency = (source: SiteSource, id: string): string => {
    const colon = id.indexOf(':');
    return colon > 0 && sourceNames.has(id.slice(0, colon)) ? id : qualify(source, id);
  };

  for (const source of sources) {
    const sourceModel = buildRoadmapModel(source.index, today);
    const rawByFile = new Map(source.index.features().map((feature) => [feature.file, feature]));
    for (const view of sourceModel.features) {
      const feature = rawByFile.get(view.file)!;
      const namespaced: FeatureView = multiSource
        ? {
            ...view,
            file: `${source.name}/${view.file}`,
            id: qualify(source, view.id),
            dependsOn: view.dependsOn.map((id) => qualifyDependency(source, id)),
            ...(view.milestone !== undefined ? { milestone: qualify(source, view.milestone) } : {}),
            ...(view.goal !== undefined ? { goal: qualify(source, view.goal) } : {}),
          }
        : { ...view };
      features.push({
        view: namespaced,
        feature,
        source,
        body: bodyOf(source.texts.get(view.file) ?? ''),
        issues: [...source.index.issues(view.file)],
        dependsOn: [],
        missing: [],
        neededBy: [],
      });
    }
    for (const milestone of sourceModel.milestones)
      milestones.push(
        multiSource
          ? { ...milestone, id: qualify(source, milestone.id), title: `${milestone.title} (${source.name})` }
          : milestone,
      );
    for (const goal of sourceModel.goals)
      goals.push(
        multiSource ? { id: qualify(source, goal.id), title: `${goal.title} (${source.name})` } : goal,
      );
  }

  const byId = new Map<string, PortfolioFeature>();
  for (const entry of features) if (!byId.has(entry.view.id)) byId.set(entry.view.id, entry);
  const problems: PortfolioProblem[] = [];
  for (const entry of features) {
    const written = entry.feature.dependsOn;
    const dependencyIssue = (index: number) =>
      entry.issues.find((issue) => issue.code === 'unknown-dependency' && issue.data?.path?.[1] === index);
    const crossIssues: Issue[] = [];
    const crossIndexes = new Set<number>();
    entry.view.dependsOn.forEach((id, index) => {
      const colon = id.indexOf(':');
      // `mobile:F-3` as written, naming another source: checked here, since no single index sees both ends.
      const crossRepository =
        multiSource && written[index] === id && colon > 0 && sourceNames.has(id.slice(0, colon));
      if (crossRepository) crossIndexes.add(index);
      const target = byId.get(id);
      if (target) {
        entry.dependsOn.push(target);
        target.neededBy.push(entry);
        return;
      }
      entry.missing.push(written[index] ?? id);
      if (!crossRepository) return;
      crossIssues.push({
        code: 'unknown-dependency',
        severity: 'error',
        message: `depends_on '${id}', but source '${id.slice(0, colon)}' has no feature '${id.slice(colon + 1)}'.`,
        span: dependencyIssue(index)?.span ?? { start: 0, end: 0 },
        data: { path: ['depends_on', index] },
      });
    });
    // The source's own lint, which knows nothing of the other sources, judged these without seeing them.
    entry.issues = entry.issues.filter((issue) => {
      const index = issue.data?.path?.[1];
      return issue.code !== 'unknown-dependency' || typeof index !== 'number' || !crossIndexes.has(index);
    });
    for (const issue of crossIssues) {
      entry.issues.push(issue);
      problems.push({ source: entry.source.name, file: entry.feature.file, issue });
    }
  }
  for (const entry of features) {
    const errors = entry.issues.filter((issue) => issue.severity === 'error').length;
    const warnings = entry.issues.filter((issue) => issue.severity === 'warning').length;
    entry.view.problems = { errors, warnings };
  }

  const first = sources[0].index.config;
  const model: RoadmapModel = {
    features: features.map((entry) => entry.view),
    statuses: mergeStatuses(sources),
    milestones,
    goals,
    scoringModel: first.scoring.model,
    mustBudget: first.mustBudget,
    today,
  };
  if (multiSource) {
    // Ranks over the whole portfolio, not per source.
    const ranks = rankByScore(features.map((entry) => entry.feature));
    for (const entry of features) entry.view.rank = ranks.get(entry.feature);
  }
  return {
    model,
    features,
    byFile: new Map(features.map((entry) => [entry.view.file, entry])),
    config: first,
    problems,
    multiSource,
  };
}
