// A layered (Sugiyama-style) layout for small directed graphs, drawn left to right: the dependency view's
// graph (at most `drawBound`) and a feature's neighbourhood are laid out here in about a millisecond, instead of
// loading Mermaid (a 2 MB module) and waiting for its layout, which took 0.7 s on first open at 10,000
// features. Pure arithmetic on sizes and edges: no DOM, so it is unit-tested and deterministic.
//
// The steps are the classic ones: cycles are broken by reversing the back edges of a depth-first search; each
// node gets the longest-path rank (a dependency left of what waits for it); an edge that spans several ranks
// passes through a virtual node in each rank between, so that crossings are counted and avoided on its whole
// length; nodes are ordered within their rank by barycentre sweeps, then by swaps of neighbours that remove
// crossings; and each rank's vertical positions are the closest to the centres of their neighbours that keep
// the order and the gaps (an isotonic regression).

export interface LayoutInput {
  /** Width and height of each node. */
  sizes: readonly { width: number; height: number }[];
  /** [from, to] node indices: an arrow from `from` to `to`. */
  edges: readonly (readonly [number, number])[];
  /** Horizontal space between ranks and vertical space between nodes of a rank. */
  rankGap?: number;
  nodeGap?: number;
  /** Space around the drawing. */
  margin?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Top-left corner of each node. */
  nodes: Point[];
  /** Each edge's route, as points from its source to its target (for `from === to`, a loop beside the node). */
  routes: Point[][];
  width: number;
  height: number;
}

/** Edges that, reversed, leave the graph without cycles: the back edges of a depth-first search. */
function backEdges(count: number, edges: readonly (readonly [number, number])[]): boolean[] {
  const out: number[][] = Array.from({ length: count }, () => []);
  edges.forEach(([from], i) => out[from]!.push(i));
  const state = new Uint8Array(count); // 0 unseen, 1 on the stack, 2 done
  const reversed = edges.map(() => false);
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    // Iterative, so that a long chain cannot overflow the stack.
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      if (next >= out[node]!.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const edge = out[node]![next]!;
      const to = edges[edge]![1];
      if (state[to] === 1) reversed[edge] = true;
      else if (state[to] === 0) {
        state[to] = 1;
        stack.push([to, 0]);
      }
    }
  }
  return reversed;
}

/** Longest-path ranks of an acyclic graph, then sources pulled right next to their nearest successor. */
function ranks(count: number, arcs: readonly [number, number][]): number[] {
  const out: number[][] = Array.from({ length: count }, () => []);
  const indegree = new Array<number>(count).fill(0);
  for (const [from, to] of arcs) {
    out[from]!.push(to);
    indegree[to]!++;
  }
  const rank = new Array<number>(count).fill(0);
  const queue: number[] = [];
  for (let node = 0; node < count; node++) if (indegree[node] === 0) queue.push(node);
  const sources = [...queue];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const to of out[node]!) {
      rank[to] = Math.max(rank[to]!, rank[node]! + 1);
      if (--indegree[to]! === 0) queue.push(to);
    }
  }
  // A feature that only others wait for sits just before the first of them, not in the leftmost rank.
  for (const node of sources) {
    const targets = out[node]!;
    if (targets.length > 0) rank[node] = Math.min(...targets.map((to) => rank[to]!)) - 1;
  }
  return rank;
}

/**
 * Positions minimising the squared distance to `targets`, in the given order, each at least `gaps[i]` below
 * the one before (pool adjacent violators on the positions shifted by the cumulative gaps).
 */
export function closestOrdered(targets: readonly number[], gaps: readonly number[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  targets.forEach((_, i) => {
    if (i > 0) offset += gaps[i]!;
    offsets.push(offset);
  });
  const blocks: { sum: number; count: number; first: number }[] = [];
  targets.forEach((target, i) => {
    blocks.push({ sum: target - offsets[i]!, count: 1, first: i });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const before = blocks[blocks.length - 2]!;
      if (before.sum / before.count <= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  });
  const result = new Array<number>(targets.length);
  for (const block of blocks) {
    const level = block.sum / block.count;
    for (let i = block.first; i < block.first + block.count; i++) result[i] = level + offsets[i]!;
  }
  return result;
}

/** How much lower a back edge meets its nodes than a forward edge between the same two. */
const backEdgeDrop = 6;

/**
 * How many pairs of links cross between one layer and the next when `u` is placed just above `v` (both in the
 * same layer), counting their links to the layer given by `neighbours` (ordered by `position`).
 */
function pairCrossings(u: number, v: number, neighbours: number[][], position: number[]): number {
  let crossings = 0;
  for (const a of neighbours[u]!)
    for (const b of neighbours[v]!) if (position[a]! > position[b]!) crossings++;
  return crossings;
}

/** Links between consecutive layers that cross, in the layers' current order. */
export function countCrossings(layers: readonly (readonly number[])[], after: number[][]): number {
  const position: number[] = [];
  for (const layer of layers) layer.forEach((node, i) => (position[node] = i));
  let crossings = 0;
  for (const layer of layers)
    for (let i = 0; i < layer.length; i++)
      for (let j = i + 1; j < layer.length; j++)
        crossings += pairCrossings(layer[i]!, layer[j]!, after, position);
  return crossings;
}

/**
 * Orders each layer (in place) to keep links from crossing: barycentre sweeps right then left, keeping the
 * order of ties (so the result is stable), then swaps of neighbours in a layer while a swap removes crossings
 * with the layers on both sides (the barycentres leave some that a swap removes). `before` and `after` list
 * each node's links to the previous and the next layer.
 */
export function orderLayers(layers: number[][], before: number[][], after: number[][]): void {
  const position: number[] = [];
  const renumber = (layer: number[]): void => layer.forEach((node, i) => (position[node] = i));
  layers.forEach(renumber);
  const sweep = (layer: number[], neighbours: number[][]): void => {
    const keys = layer.map((node) => {
      const around = neighbours[node]!;
      if (around.length === 0) return position[node]!;
      return around.reduce((sum, other) => sum + position[other]!, 0) / around.length;
    });
    const order = layer.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
    const sorted = order.map((i) => layer[i]!);
    layer.splice(0, layer.length, ...sorted);
    renumber(layer);
  };
  for (let pass = 0; pass < 4; pass++) {
    for (let r = 1; r < layers.length; r++) sweep(layers[r]!, before);
    for (let r = layers.length - 2; r >= 0; r--) sweep(layers[r]!, after);
  }
  const crossingsOf = (u: number, v: number): number =>
    pairCrossings(u, v, before, position) + pairCrossings(u, v, after, position);
  // Each swap removes at least one crossing, so this ends; the bound only keeps a pathological graph quick.
  for (let pass = 0, improved = true; improved && pass < 50; pass++) {
    improved = false;
    for (const layer of layers)
      for (let i = 0; i + 1 < layer.length; i++) {
        const [u, v] = [layer[i]!, layer[i + 1]!];
        if (crossingsOf(v, u) >= crossingsOf(u, v)) continue;
        layer[i] = v;
        layer[i + 1] = u;
        position[u] = i + 1;
        position[v] = i;
        improved = true;
      }
  }
}

export function layeredLayout(input: LayoutInput): Layout {
  const { sizes, edges } = input;
  const rankGap = input.rankGap ?? 56;
  const nodeGap = input.nodeGap ?? 14;
  const margin = input.margin ?? 8;
  const count = sizes.length;
  const reversed = backEdges(count, edges);
  // The layout's arcs point rightwards: back edges reversed, loops left out (drawn beside their node).
  const arcs: [number, number][] = [];
  edges.forEach(([from, to], i) => {
    if (from !== to) arcs.push(reversed[i] ? [to, from] : [from, to]);
  });
  const rank = ranks(count, arcs);

  // Virtual nodes: one per rank crossed by a long arc, each of zero width and one line's height.
  const heights = sizes.map((size) => size.height);
  const chainOf: number[][] = [];
  const links: [number, number][] = [];
  for (const [from, to] of arcs) {
    const chain = [from];
    for (let r = rank[from]! + 1; r < rank[to]!; r++) {
      const virtual = rank.length;
      rank.push(r);
      heights.push(0);
      chain.push(virtual);
    }
    chain.push(to);
    for (let i = 1; i < chain.length; i++) links.push([chain[i - 1]!, chain[i]!]);
    chainOf.push(chain);
  }
  const total = rank.length;
  const lowest = Math.min(0, ...rank);
  const rankCount = Math.max(0, ...rank) - lowest + 1;
  const layers: number[][] = Array.from({ length: rankCount }, () => []);
  for (let node = 0; node < total; node++) layers[rank[node]! - lowest]!.push(node);
  const before: number[][] = Array.from({ length: total }, () => []);
  const after: number[][] = Array.from({ length: total }, () => []);
  for (const [from, to] of links) {
    after[from]!.push(to);
    before[to]!.push(from);
  }

  orderLayers(layers, before, after);

  // Vertical positions (centres): stacked first, then pulled towards their neighbours' centres.
  const centre = new Array<number>(total).fill(0);
  const gapsOf = (layer: number[]): number[] =>
    layer.map((node, i) => (i === 0 ? 0 : (heights[layer[i - 1]!]! + heights[node]!) / 2 + nodeGap));
  for (const layer of layers) {
    const stacked = closestOrdered(
      layer.map(() => 0),
      gapsOf(layer),
    );
    layer.forEach((node, i) => (centre[node] = stacked[i]!));
  }
  const align = (layer: number[], neighbours: number[][]): void => {
    const targets = layer.map((node) => {
      const around = neighbours[node]!;
      if (around.length === 0) return centre[node]!;
      return around.reduce((sum, other) => sum + centre[other]!, 0) / around.length;
    });
    const placed = closestOrdered(targets, gapsOf(layer));
    layer.forEach((node, i) => (centre[node] = placed[i]!));
  };
  for (let pass = 0; pass < 6; pass++) {
    for (let r = 1; r < rankCount; r++) align(layers[r]!, before);
    for (let r = rankCount - 2; r >= 0; r--) align(layers[r]!, after);
  }

  // Horizontal positions: each rank as wide as its widest node.
  const rankWidth = layers.map((layer) =>
    Math.max(0, ...layer.map((node) => (node < count ? sizes[node]!.width : 0))),
  );
  const rankLeft: number[] = [];
  let left = margin;
  for (const width of rankWidth) {
    rankLeft.push(left);
    left += width + rankGap;
  }
  const top = Math.min(0, ...centre.map((y, node) => y - heights[node]! / 2));
  // Loops stick out on the right of their node and above it.
  const loopRoom = edges.some(([from, to]) => from === to) ? 24 : 0;
  const nodes: Point[] = sizes.map((size, node) => {
    const r = rank[node]! - lowest;
    return {
      x: rankLeft[r]! + (rankWidth[r]! - size.width) / 2,
      y: centre[node]! - size.height / 2 - top + margin + loopRoom,
    };
  });
  // Across a rank it only passes, an arrow runs straight (between that rank's boxes); it bends between ranks.
  const arcRoutes = chainOf.map((chain) =>
    chain.flatMap((node, i): Point[] => {
      if (node >= count) {
        const r = rank[node]! - lowest;
        const y = centre[node]! - top + margin + loopRoom;
        return [
          { x: rankLeft[r]!, y },
          { x: rankLeft[r]! + rankWidth[r]!, y },
        ];
      }
      const box = nodes[node]!;
      const size = sizes[node]!;
      // Leaves a node on its right side, enters the next on its left.
      return [{ x: i === 0 ? box.x + size.width : box.x, y: box.y + size.height / 2 }];
    }),
  );
  let arc = 0;
  const routes = edges.map(([from, to], i): Point[] => {
    if (from === to) {
      const box = nodes[from]!;
      const size = sizes[from]!;
      const right = box.x + size.width;
      return [
        { x: right - 12, y: box.y },
        { x: right - 12, y: box.y - 18 },
        { x: right + 14, y: box.y - 18 },
        { x: right + 14, y: box.y + size.height / 2 },
        { x: right, y: box.y + size.height / 2 },
      ];
    }
    const route = arcRoutes[arc++]!;
    if (!reversed[i]) return route;
    // A back edge was laid out left to right: it is drawn the way it points, from the right node's left side
    // to the left node's right side, its ends a little lower than a forward edge's (a two-feature cycle would
    // otherwise be one line).
    const back = route.slice().reverse();
    const last = back.length - 1;
    back[0] = { x: back[0]!.x, y: back[0]!.y + backEdgeDrop };
    back[last] = { x: back[last]!.x, y: back[last]!.y + backEdgeDrop };
    return back;
  });

  const width = Math.max(margin * 2, left - rankGap + margin + loopRoom);
  const bottom = Math.max(0, ...nodes.map((point, node) => point.y + sizes[node]!.height));
  return { nodes, routes, width, height: bottom + margin };
}
