// Which part of the dependency graph to draw. A graph of thousands of features is unreadable, and Mermaid,
// which drew it whole before, lays a graph out on the UI thread at a cost that grows much faster than the graph
// (2,000 features: 13 s; 10,000: over 14 minutes, the window frozen), so nothing bigger than `drawBound` is
// drawn: large roadmaps are read through a feature's neighbourhood or through clusters (one node per milestone
// or team, edges counted between them, drawn by Mermaid).
import type { FeatureView, RoadmapModel } from '../../shared/protocol';
import { quotedLabel, type DependencyGraph, type FlowchartColors } from '../mermaidText';
import { plural } from '../../core/plural';

/**
 * The most drawn at once: the whole graph (drawn by the panel, in milliseconds, but past a hundred features
 * nobody follows its arrows) and the clusters (drawn by Mermaid; measured in Chromium on a 2-core machine
 * under heavy load, 44 nodes / 34 edges drew in 0.66 s, 85 / 70 in 1.1 s, 138 / 115 in 2.6 s: its cost grows
 * faster than the graph).
 */
export const drawBound = { nodes: 100, edges: 100 };

/**
 * The most a feature's neighbourhood draws, nearest first. Less than `drawBound`: at 10,000 features the
 * default centre (the most connected feature) reached 96 features within two steps, whose crossing edges
 * nobody could follow (they also took Mermaid, which drew neighbourhoods then, 0.6 s of one long task).
 */
export const neighbourhoodBound = { nodes: 40, edges: 50 };

export function withinBound(nodes: number, edges: number): boolean {
  return nodes <= drawBound.nodes && edges <= drawBound.edges;
}

/** Neighbours of every node, both directions (a dependency and a dependant are both one hop away). */
export function adjacency(graph: DependencyGraph): number[][] {
  const around: number[][] = graph.nodes.map(() => []);
  for (const [from, to] of graph.edges) {
    around[from]!.push(to);
    if (from !== to) around[to]!.push(from);
  }
  return around;
}

/** The graph restricted to `keep` (re-indexed; cycle marks stay those of the whole graph). */
export function subgraph(graph: DependencyGraph, keep: readonly number[]): DependencyGraph {
  const index = new Map(keep.map((node, i) => [node, i]));
  const edges: [number, number][] = [];
  const edgeInCycle: boolean[] = [];
  graph.edges.forEach(([from, to], i) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined || b === undefined) return;
    edges.push([a, b]);
    edgeInCycle.push(graph.edgeInCycle[i] === true);
  });
  return {
    nodes: keep.map((node) => graph.nodes[node]!),
    edges,
    inCycle: keep.map((node) => graph.inCycle[node] === true),
    edgeInCycle,
    isolated: 0,
  };
}

export interface Neighbourhood {
  graph: DependencyGraph;
  /** Index of the focus feature in `graph`. */
  focus: number;
  /** Nodes within the hops that were left out to stay within the drawing bound. */
  leftOut: number;
  /** How many hops were fully drawn (less than asked when the bound cut the last ring short). */
  hopsDrawn: number;
}

/**
 * The nodes within `hops` of `focus` in either direction, nearest first, stopping before `neighbourhoodBound`.
 * Breadth-first, so what is cut is always the outermost ring.
 */
export function neighbourhood(
  graph: DependencyGraph,
  around: readonly (readonly number[])[],
  focus: number,
  hops: number,
): Neighbourhood {
  const distance = new Map<number, number>([[focus, 0]]);
  const kept = [focus];
  const keptSet = new Set(kept);
  let edges = 0;
  let leftOut = 0;
  let hopsDrawn = hops;
  let ring = [focus];
  for (let hop = 1; hop <= hops && ring.length > 0; hop++) {
    const next: number[] = [];
    for (const node of ring) {
      for (const neighbour of around[node]!) {
        if (distance.has(neighbour)) continue;
        distance.set(neighbour, hop);
        next.push(neighbour);
      }
    }
    for (const node of next) {
      // Edges this node brings to what is already drawn (each counted once: only towards kept nodes).
      let added = 0;
      for (const neighbour of around[node]!) if (keptSet.has(neighbour)) added++;
      if (kept.length + 1 > neighbourhoodBound.nodes || edges + added > neighbourhoodBound.edges) {
        leftOut++;
        hopsDrawn = Math.min(hopsDrawn, hop - 1);
        continue;
      }
      kept.push(node);
      keptSet.add(node);
      edges += added;
    }
    ring = next;
  }
  return { graph: subgraph(graph, kept), focus: 0, leftOut, hopsDrawn };
}

/** The node to centre on when nothing usable is selected: the one with the most dependencies either way. */
export function mostConnected(graph: DependencyGraph, around: readonly (readonly number[])[]): number {
  let best = 0;
  graph.nodes.forEach((node, i) => {
    if (node.feature && (around[i]!.length > around[best]!.length || !graph.nodes[best]!.feature)) best = i;
  });
  return best;
}

export type ClusterKind = 'milestone' | 'team';

export interface Cluster {
  key: string;
  title: string;
  /** Graph node indices of its members. */
  members: number[];
  /** Dependencies between two of its own members. */
  internal: number;
}

export interface ClusterGraph {
  clusters: Cluster[];
  /** [from cluster, to cluster, how many dependencies]. */
  edges: [number, number, number][];
  /** Clusters merged into the last one ("Other") to stay within the drawing bound. */
  merged: number;
}

/** Every node of the graph in a group by milestone or team; edges between groups carry their count. */
export function clusterGraph(graph: DependencyGraph, model: RoadmapModel, kind: ClusterKind): ClusterGraph {
  const titles = new Map(model.milestones.map((milestone) => [milestone.id, milestone.title]));
  const keyOf = (feature: FeatureView | undefined): [string, string] => {
    if (!feature) return ['missing:', 'Missing ids'];
    const value = kind === 'milestone' ? feature.milestone : feature.team;
    if (!value) return [`none:`, kind === 'milestone' ? 'No milestone' : 'No team'];
    return [`${kind}:${value}`, kind === 'milestone' ? (titles.get(value) ?? value) : value];
  };
  const byKey = new Map<string, Cluster>();
  const clusterOfNode = graph.nodes.map((node, i) => {
    const [key, title] = keyOf(node.feature);
    let cluster = byKey.get(key);
    if (!cluster) {
      cluster = { key, title, members: [], internal: 0 };
      byKey.set(key, cluster);
    }
    cluster.members.push(i);
    return cluster;
  });
  // Largest first; beyond the bound the smallest groups share one "Other" node.
  let clusters = [...byKey.values()].sort((a, b) => b.members.length - a.members.length);
  let merged = 0;
  if (clusters.length > drawBound.nodes) {
    const rest = clusters.slice(drawBound.nodes - 1);
    merged = rest.length;
    const other: Cluster = {
      key: 'other:',
      title: `${rest.length} other groups`,
      members: rest.flatMap((cluster) => cluster.members),
      internal: 0,
    };
    for (const cluster of rest) for (const member of cluster.members) clusterOfNode[member] = other;
    clusters = [...clusters.slice(0, drawBound.nodes - 1), other];
  }
  const position = new Map(clusters.map((cluster, i) => [cluster, i]));
  const counts = new Map<number, number>();
  for (const [from, to] of graph.edges) {
    const a = position.get(clusterOfNode[from]!)!;
    const b = position.get(clusterOfNode[to]!)!;
    if (a === b) {
      clusters[a]!.internal++;
      continue;
    }
    const key = a * clusters.length + b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // The heaviest links first, so that a bound on edges drops only the thinnest ones.
  const edges = [...counts]
    .map(([key, count]): [number, number, number] => [
      Math.floor(key / clusters.length),
      key % clusters.length,
      count,
    ])
    .sort((x, y) => y[2] - x[2])
    .slice(0, drawBound.edges);
  return { clusters, edges, merged };
}

/** Mermaid source of a cluster graph: node ids c0, c1... (generated), titles entity-encoded. */
export function clusterFlowchart(clusters: ClusterGraph, colors: FlowchartColors): string {
  const lines = ['flowchart LR'];
  clusters.clusters.forEach((cluster, i) => {
    const count = plural(cluster.members.length, 'feature');
    const internal = cluster.internal > 0 ? ` · ${cluster.internal} inside` : '';
    lines.push(`  c${i}[${quotedLabel(`${cluster.title} (${count}${internal})`, 32)}]`);
  });
  for (const [from, to, count] of clusters.edges) lines.push(`  c${from} -->|${count}| c${to}`);
  lines.push(`  classDef missing stroke:${colors.missing},stroke-dasharray:4 3`);
  const missing = clusters.clusters.findIndex((cluster) => cluster.key === 'missing:');
  if (missing !== -1) lines.push(`  class c${missing} missing`);
  return lines.join('\n');
}

/** Features whose id or title contains the query (id matches first), for the focus search box. */
export function searchNodes(graph: DependencyGraph, query: string, limit: number): number[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const byId: number[] = [];
  const byTitle: number[] = [];
  graph.nodes.forEach((node, i) => {
    const feature = node.feature;
    if (!feature) return;
    const id = feature.id.toLowerCase();
    if (id === needle) byId.unshift(i);
    else if (id.includes(needle)) byId.push(i);
    else if (feature.title.toLowerCase().includes(needle)) byTitle.push(i);
  });
  return [...byId, ...byTitle].slice(0, limit);
}
