// Mermaid source for the panel's views. Feature titles are untrusted text that ends up inside a language
// with directives (%%{init}%%), click handlers and HTML labels, so nothing from a file is ever written raw:
// node ids are generated (n0, n1...), quoted labels are entity-encoded and bare labels are reduced to a safe
// alphabet. The timeline's Gantt chart is not written here: it is the core's one Gantt writer
// (core/export/mermaid.ts), with its escaping, shared with the exports. The label text helpers (wrapping,
// truncating) also serve the panel's own drawings, which show the same labels.
import { ganttSource, type GanttFeature } from '../core/export/mermaid';
import { stronglyConnected } from '../core/plan/cycles';
import type { FeatureView, RoadmapModel, StatusCategory } from '../shared/protocol';

/** Characters that are inert in every Mermaid context we write. */
const inert = /[\p{L}\p{N} _\-.,()/'+!?]/u;

/**
 * Characters with a meaning inside a quoted Mermaid label: string end, entity codes, HTML, markdown, and %
 * because Mermaid strips %%{directives}%% and %% comments from the whole text before parsing, quotes or not.
 */
const quotedSpecial = /["#&<>`\\%{}]/;

/**
 * Text for a quoted flowchart label. Characters that mean something inside quotes become Mermaid entity codes
 * (#60; for <): Mermaid never interprets them, and they come out as `&#60;` text that the panel turns back
 * into the character with textContent (see decodeEntityText in views/dependencies.ts).
 */
export function quotedLabel(text: string, wrapAt = Infinity): string {
  const encode = (line: string): string => {
    let out = '';
    for (const char of line) {
      const code = char.codePointAt(0) ?? 0;
      out += quotedSpecial.test(char) || code < 32 || code === 127 ? `#${code};` : char;
    }
    return out;
  };
  return `"${wrapWords(text, wrapAt).map(encode).join('<br>')}"`;
}

/**
 * Greedy word wrap. The panel wraps labels itself (joined with Mermaid's <br>) and turns Mermaid's own
 * wrapping off, because Mermaid splits over-long words character by character and could cut an entity code
 * in half, which then could no longer be decoded.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** The text cut to `max` characters, an ellipsis marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Characters per line of a graph node label (Mermaid's and the panel's own drawing). */
const labelWidth = 32;

/**
 * A label's most lines, and the most characters of a line (a word longer than a line is not broken): a title
 * of a thousand characters, or one long word, must not make a box wider or taller than the rest of the graph.
 * The whole title is in the node's accessible name and in the panel's hover summary.
 */
const labelLines = 3;
const lineCharacters = 40;

/** A label's lines: wrapped, each line and the number of lines bounded, an ellipsis where text was cut. */
export function nodeLabel(text: string): string[] {
  const wrapped = wrapWords(text, labelWidth);
  const lines = wrapped.slice(0, labelLines).map((line) => truncate(line, lineCharacters));
  // Lines left out: the last one shown ends with an ellipsis (one: a line cut already has its own).
  if (wrapped.length > labelLines && !lines[labelLines - 1]!.endsWith('…'))
    lines[labelLines - 1] = `${lines[labelLines - 1]!.slice(0, lineCharacters - 1)}…`;
  return lines;
}

const keywords =
  /^(click|call|href|section|title|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|class|classdef|style|linkstyle|subgraph|end|x-axis|y-axis|quadrant)/i;

/**
 * Text for contexts that take no quoting (gantt task names, kanban items, quadrant points): anything outside
 * the inert alphabet is dropped, and a leading keyword is defused so a title cannot become a statement.
 */
export function bareLabel(text: string, max = 80): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ')) out += inert.test(char) ? char : ' ';
  out = out.replace(/\s+/g, ' ').trim().slice(0, max).trim();
  if (out === '') return 'untitled';
  return keywords.test(out) ? `_${out}` : out;
}

export interface DependencyGraph {
  nodes: { key: string; feature?: FeatureView; missingId?: string }[];
  /** [from, to] node indices: the dependency first, then the feature that waits for it. */
  edges: [number, number][];
  inCycle: boolean[];
  edgeInCycle: boolean[];
  /** Features shown that have no dependency either way (left out of the drawing). */
  isolated: number;
}

/** The depends_on graph of the given features; dependencies on ids not in the list become "missing" nodes. */
export function dependencyGraph(
  features: readonly FeatureView[],
  all: readonly FeatureView[],
): DependencyGraph {
  const byId = new Map<string, FeatureView>();
  for (const feature of all) if (!byId.has(feature.id)) byId.set(feature.id, feature);
  const nodes: DependencyGraph['nodes'] = [];
  const nodeIndex = new Map<string, number>();
  const nodeFor = (key: string, feature: FeatureView | undefined, missingId?: string): number => {
    let index = nodeIndex.get(key);
    if (index === undefined) {
      index = nodes.length;
      nodeIndex.set(key, index);
      nodes.push(feature ? { key, feature } : { key, missingId });
    }
    return index;
  };
  const edges: [number, number][] = [];
  const seenEdges = new Set<string>();
  const shown = new Set(features.map((feature) => feature.file));
  const involved = new Set<string>();
  for (const feature of features) {
    for (const dependency of feature.dependsOn) {
      const target = byId.get(dependency);
      involved.add(feature.file);
      if (target) involved.add(target.file);
    }
  }
  for (const feature of features) {
    if (!involved.has(feature.file)) continue;
    const to = nodeFor(`file:${feature.file}`, feature);
    for (const dependency of feature.dependsOn) {
      const target = byId.get(dependency);
      // A dependency hidden by the filters is still drawn, so the reason something waits stays visible.
      const from = target
        ? nodeFor(`file:${target.file}`, target)
        : nodeFor(`missing:${dependency}`, undefined, dependency);
      const key = `${from}>${to}`;
      if (seenEdges.has(key)) continue;
      seenEdges.add(key);
      edges.push([from, to]);
    }
  }
  const successors: number[][] = nodes.map(() => []);
  for (const [from, to] of edges) successors[from]!.push(to);
  const { component, components } = stronglyConnected(nodes.length, successors);
  const selfLoop = new Set(edges.filter(([from, to]) => from === to).map(([from]) => from));
  const inCycle = nodes.map((_, i) => components[component[i]!]!.length > 1 || selfLoop.has(i));
  const edgeInCycle = edges.map(([from, to]) => component[from] === component[to] && inCycle[from]!);
  const isolated = features.filter(
    (feature) => shown.has(feature.file) && !involved.has(feature.file),
  ).length;
  return { nodes, edges, inCycle, edgeInCycle, isolated };
}

export interface FlowchartColors {
  cycle: string;
  missing: string;
  done: string;
}

/** What a dependency graph's node says: the feature's id and title, or the missing id. */
export function graphNodeText(node: DependencyGraph['nodes'][number]): string {
  return node.feature ? `${node.feature.id}: ${node.feature.title}` : `${node.missingId ?? ''} (missing)`;
}

export function dependencyFlowchart(
  graph: DependencyGraph,
  colors: FlowchartColors,
  isDone: (feature: FeatureView) => boolean = () => false,
): string {
  const lines = ['flowchart LR'];
  graph.nodes.forEach((node, i) => lines.push(`  n${i}[${quotedLabel(graphNodeText(node), labelWidth)}]`));
  for (const [from, to] of graph.edges) lines.push(`  n${from} --> n${to}`);
  lines.push(`  classDef cycle stroke:${colors.cycle},stroke-width:3px`);
  lines.push(`  classDef missing stroke:${colors.missing},stroke-dasharray:4 3`);
  lines.push(`  classDef done opacity:0.6`);
  const members = (pick: (i: number) => boolean): string =>
    graph.nodes
      .map((_, i) => i)
      .filter(pick)
      .map((i) => `n${i}`)
      .join(',');
  const cycle = members((i) => graph.inCycle[i] === true);
  const missing = members((i) => graph.nodes[i]?.missingId !== undefined);
  const finished = members((i) => {
    const feature = graph.nodes[i]?.feature;
    return feature !== undefined && isDone(feature);
  });
  if (finished) lines.push(`  class ${finished} done`);
  if (cycle) lines.push(`  class ${cycle} cycle`);
  if (missing) lines.push(`  class ${missing} missing`);
  const cycleEdges = graph.edges.map((_, i) => i).filter((i) => graph.edgeInCycle[i]);
  if (cycleEdges.length > 0) {
    lines.push(`  linkStyle ${cycleEdges.join(',')} stroke:${colors.cycle},stroke-width:2px`);
  }
  return lines.join('\n');
}

/** The timeline's Mermaid export: the core's one Gantt writer, the same chart as the `mermaid-gantt` export. */
export function timelineGantt(
  features: readonly FeatureView[],
  model: RoadmapModel,
  statusCategory: (f: FeatureView) => StatusCategory | undefined,
): string {
  const planned = features.map((feature): GanttFeature => ({
    id: feature.id,
    title: feature.title,
    start: feature.start,
    end: feature.end,
    milestone: feature.milestone,
    quarter: feature.quarter,
    category: statusCategory(feature),
    moscow: feature.moscow,
  }));
  return ganttSource('Roadmap timeline', planned, model.milestones);
}

export function kanbanSource(columns: { title: string; features: readonly FeatureView[] }[]): string {
  const lines = ['kanban'];
  let n = 0;
  columns.forEach((column, i) => {
    lines.push(`  c${i}[${bareLabel(column.title)}]`);
    for (const feature of column.features)
      lines.push(`    k${n++}[${bareLabel(`${feature.id} ${feature.title}`)}]`);
  });
  return lines.join('\n');
}

export interface QuadrantPoint {
  feature: FeatureView;
  /** 0..1 */
  x: number;
  /** 0..1 */
  y: number;
}

export function quadrantSource(points: readonly QuadrantPoint[]): string {
  const lines = [
    'quadrantChart',
    '  title Value vs effort',
    '  x-axis Low effort --> High effort',
    '  y-axis Low value --> High value',
    '  quadrant-1 Big bets',
    '  quadrant-2 Quick wins',
    '  quadrant-3 Fill-ins',
    '  quadrant-4 Money pits',
  ];
  const round = (value: number): string => String(Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000);
  for (const point of points)
    lines.push(`  ${bareLabel(point.feature.id, 40)}: [${round(point.x)}, ${round(point.y)}]`);
  return lines.join('\n');
}
