// The dependency graph drawn by the panel itself (layeredLayout.ts places it): the whole graph when it is
// small enough to read, and a feature's neighbourhood, at once, without loading Mermaid (2 MB, and up to a
// second of layout), which only the clusters' view still uses. The picture follows Mermaid's conventions, so
// the view reads the same in every mode: `g.node` boxes that carry the feature, arrows from a dependency to
// what waits for it, cycle members and their arrows in the error colour, missing ids dashed, finished features
// faded. Colours are written as values (not CSS), so the exported SVG is standalone. Titles go through
// textContent only (dom.ts), never markup.
import type { FeatureView } from '../../shared/protocol';
import { s } from '../dom';
import { themePalette } from '../exportSvg';
import { graphNodeText, nodeLabel, type DependencyGraph, type FlowchartColors } from '../mermaidText';
import { layeredLayout, type Point } from './layeredLayout';

const fontSize = 13;
const lineHeight = 17;
const padding = { x: 10, y: 7 };

let measuring: CanvasRenderingContext2D | null | undefined;

/** The width of a line of label text in the panel's font (a canvas measures it without a layout). */
function textWidth(text: string, font: string): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * fontSize * 0.6;
  measuring.font = `${fontSize}px ${font}`;
  return measuring.measureText(text).width;
}

let drawingCounter = 0;

/** A smooth path through the points, leaving and entering each one horizontally (the graph runs left to right). */
function curveThrough(points: readonly Point[]): string {
  let path = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const middle = (from.x + to.x) / 2;
    path += ` C${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`;
  }
  return path;
}

function polylineThrough(points: readonly Point[]): string {
  return points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');
}

export interface GraphDrawing {
  graph: DependencyGraph;
  /** Index in `graph` of the feature a neighbourhood is centred on. */
  focus?: number;
  colours: FlowchartColors;
  isDone: (feature: FeatureView) => boolean;
}

export function drawDependencyGraph({ graph, focus, colours, isDone }: GraphDrawing): SVGSVGElement {
  const palette = themePalette();
  const labels = graph.nodes.map((node) => nodeLabel(graphNodeText(node)));
  const sizes = labels.map((lines) => ({
    width: Math.ceil(Math.max(...lines.map((line) => textWidth(line, palette.font)))) + padding.x * 2,
    height: lines.length * lineHeight + padding.y * 2,
  }));
  const layout = layeredLayout({ sizes, edges: graph.edges });
  const marker = `roadmap-arrow-${++drawingCounter}`;
  const arrowHead = (id: string, colour: string): SVGMarkerElement =>
    s(
      'marker',
      {
        id,
        viewBox: '0 0 10 10',
        refX: 10,
        refY: 5,
        markerWidth: 9,
        markerHeight: 9,
        markerUnits: 'userSpaceOnUse',
        orient: 'auto',
      },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }),
    );
  const centre = focus === undefined ? undefined : graph.nodes[focus]?.feature;
  const svg = s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'dependency-graph',
      width: Math.ceil(layout.width),
      height: Math.ceil(layout.height),
      viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`,
      role: 'group',
      'aria-label': centre ? `Dependencies of ${centre.id} and what waits for it` : 'Dependencies',
      'font-family': palette.font,
      'font-size': fontSize,
    },
    s('defs', {}, arrowHead(marker, palette.muted), arrowHead(`${marker}-cycle`, colours.cycle)),
  );
  const edgePaths = s('g', { class: 'edgePaths' });
  graph.edges.forEach(([from, to], i) => {
    const inCycle = graph.edgeInCycle[i] === true;
    const route = layout.routes[i]!;
    edgePaths.append(
      s('path', {
        class: inCycle ? 'flowchart-link cycle' : 'flowchart-link',
        d: from === to ? polylineThrough(route) : curveThrough(route),
        fill: 'none',
        stroke: inCycle ? colours.cycle : palette.muted,
        'stroke-width': inCycle ? 2 : 1.5,
        'marker-end': `url(#${inCycle ? `${marker}-cycle` : marker})`,
      }),
    );
  });
  const nodes = s('g', { class: 'nodes' });
  // In reading order (by rank, then top to bottom), so that Tab walks the picture the way the eye does.
  // A rank's boxes share their centre line, whatever their widths.
  const centreX = (i: number): number => layout.nodes[i]!.x + sizes[i]!.width / 2;
  const readingOrder = graph.nodes
    .map((_, i) => i)
    .sort(
      (a, b) => Math.round(centreX(a)) - Math.round(centreX(b)) || layout.nodes[a]!.y - layout.nodes[b]!.y,
    );
  readingOrder.forEach((i) => {
    const node = graph.nodes[i]!;
    const { x, y } = layout.nodes[i]!;
    const { width, height } = sizes[i]!;
    const feature = node.feature;
    const done = feature !== undefined && isDone(feature);
    const classes = ['node'];
    if (done) classes.push('done');
    if (graph.inCycle[i]) classes.push('cycle');
    if (node.missingId !== undefined) classes.push('missing');
    if (i === focus) classes.push('graph-focus');
    const stroke =
      i === focus
        ? palette.accent
        : graph.inCycle[i]
          ? colours.cycle
          : node.missingId !== undefined
            ? colours.missing
            : palette.border;
    const text = s('text', { fill: palette.foreground, x: padding.x, y: padding.y });
    labels[i]!.forEach((line, row) =>
      text.append(s('tspan', { x: padding.x, y: padding.y + (row + 0.8) * lineHeight }, line)),
    );
    nodes.append(
      s(
        'g',
        {
          class: classes.join(' '),
          transform: `translate(${x},${y})`,
          opacity: done ? 0.7 : undefined,
          'data-file': feature?.file,
          'data-id': feature?.id,
          tabindex: feature ? 0 : undefined,
          role: feature ? 'button' : 'img',
          'aria-label': feature ? `${feature.id}: ${feature.title}` : `${node.missingId ?? ''}: missing`,
        },
        s('rect', {
          width,
          height,
          rx: 5,
          fill: palette.surface,
          stroke,
          'stroke-width': i === focus ? 3 : graph.inCycle[i] ? 2.5 : 1,
          'stroke-dasharray': node.missingId !== undefined ? '4 3' : undefined,
        }),
        text,
      ),
    );
  });
  svg.append(edgePaths, nodes);
  return svg;
}
