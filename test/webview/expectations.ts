// Expected values computed straight from the model, written independently of the panel's own code so the
// browser tests do not just repeat the implementation back to itself.
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

export function day(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / dayMs);
}

export function iso(dayNumber: number): string {
  return new Date(dayNumber * dayMs).toISOString().slice(0, 10);
}

export function isScheduled(feature: FeatureView, model: RoadmapModel): boolean {
  const milestone = model.milestones.find((m) => m.id === feature.milestone);
  return (
    isoDate.test(feature.start ?? '') ||
    isoDate.test(feature.end ?? '') ||
    isoDate.test(milestone?.date ?? '') ||
    /^\d{4}-?Q[1-4]$/i.test(feature.quarter ?? '')
  );
}

export function category(feature: FeatureView, model: RoadmapModel): 'todo' | 'doing' | 'done' {
  return model.statuses.find((status) => status.id === feature.status)?.category ?? 'todo';
}

/** Features on a cycle of depends_on edges (a node that can reach itself), by plain reachability. */
export function featuresInCycles(model: RoadmapModel): Set<string> {
  const byId = new Map(model.features.map((feature) => [feature.id, feature]));
  const result = new Set<string>();
  for (const start of model.features) {
    const seen = new Set<string>();
    const queue = [...start.dependsOn];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (id === start.id) {
        result.add(start.id);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(byId.get(id)?.dependsOn ?? []));
    }
  }
  return result;
}

/** Nodes the dependency graph draws: every feature with an edge either way, plus missing ids. */
export function graphNodeCount(model: RoadmapModel): number {
  const ids = new Set(model.features.map((feature) => feature.id));
  const nodes = new Set<string>();
  for (const feature of model.features) {
    for (const dependency of feature.dependsOn) {
      nodes.add(feature.id);
      nodes.add(ids.has(dependency) ? dependency : `missing:${dependency}`);
    }
  }
  return nodes.size;
}

export function mustShare(features: readonly FeatureView[]): number | undefined {
  const estimated = features.filter((feature) => (feature.effort ?? 0) > 0);
  const total = estimated.reduce((sum, feature) => sum + feature.effort!, 0);
  const must = estimated
    .filter((feature) => feature.moscow === 'must')
    .reduce((sum, feature) => sum + feature.effort!, 0);
  return total > 0 ? must / total : undefined;
}
