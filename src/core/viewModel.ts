// The index as the roadmap panel sees it: plain, serialisable, ranked, with problem counts.
import type { FeatureView, RoadmapModel } from '../shared/protocol';
import { rankByScore } from './roadmapModel';
import type { Feature } from './types';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ViewModelInputs {
  /** A revision per file (a content hash), for refusing stale writes from the panel. */
  revisionOf?: (file: string) => string;
  /**
   * Only the features at the indexes it accepts (of `index.features()`) are in the model: the panel builds
   * the first part of a large model this way before the whole. Ranks and `uses` still count every feature.
   */
  include?: (position: number) => boolean;
  /** `rankByScore(index.features())`, when the caller builds one model in several calls and ranks once. */
  ranks?: ReadonlyMap<Feature, number>;
}

/** Reads the index as it stands: the caller owns flushing (the service learns what changed from its flush). */
export function buildRoadmapModel(
  index: WorkspaceIndex,
  today: string,
  inputs: ViewModelInputs = {},
): RoadmapModel {
  const config = index.config;
  const features = index.features();
  const ranks = inputs.ranks ?? rankByScore(features);
  const include = inputs.include;
  const selected = include ? features.filter((_, position) => include(position)) : features;
  const views: FeatureView[] = selected.map((feature) => {
    const issues = index.issues(feature.file);
    const view: FeatureView = {
      file: feature.file,
      revision: inputs.revisionOf?.(feature.file) ?? '',
      id: feature.id ?? feature.file,
      title: feature.title ?? feature.id ?? feature.file,
      status: feature.status ?? '',
      dependsOn: feature.dependsOn,
      tags: feature.tags,
      problems: {
        errors: issues.filter((issue) => issue.severity === 'error').length,
        warnings: issues.filter((issue) => issue.severity === 'warning').length,
      },
    };
    const optional: Partial<FeatureView> = {
      moscow: feature.moscow,
      score: feature.score,
      rank: ranks.get(feature),
      reach: feature.rice?.reach,
      impact: feature.rice?.impact,
      confidence: feature.rice?.confidence,
      effort: feature.rice?.effort,
      owner: feature.owner,
      team: feature.team,
      milestone: feature.milestone,
      quarter: feature.quarter,
      start: feature.start,
      end: feature.end,
      goal: feature.goal,
      progress: feature.progress,
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined) (view as unknown as Record<string, unknown>)[key] = value;
    }
    return view;
  });
  return {
    features: views,
    statuses: config.statuses.map((status) => ({ ...status })),
    milestones: config.milestones.map((milestone) => ({ ...milestone })),
    goals: config.goals.map((goal) => ({ ...goal })),
    scoringModel: config.scoring.model,
    mustBudget: config.mustBudget,
    today,
    uses: {
      moscow: features.some((feature) => feature.moscow !== undefined),
      scoring: features.some(
        (feature) =>
          feature.rice !== undefined ||
          feature.ice !== undefined ||
          feature.wsjf !== undefined ||
          feature.storedScore !== undefined,
      ),
    },
  };
}
