// The layered layout of the dependency neighbourhood (src/webview/views/layeredLayout.ts): no box over
// another, every dependency left of what waits for it (cycles aside), arrows from one box's side to the
// other's, long arrows routed between ranks instead of through boxes, and the same picture for the same graph.
// And the nodes' labels (nodeLabel, src/webview/mermaidText.ts), bounded whatever the title.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nodeLabel } from '../../src/webview/mermaidText';
import {
  closestOrdered,
  countCrossings,
  layeredLayout,
  orderLayers,
  type Layout,
  type Point,
} from '../../src/webview/views/layeredLayout';

type Edge = [number, number];

const box = (width = 120, height = 30) => ({ width, height });

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rects(layout: Layout, sizes: readonly { width: number; height: number }[]): Rect[] {
  return layout.nodes.map((point, i) => ({ ...point, ...sizes[i]! }));
}

const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (point: Point, rect: Rect): boolean =>
  point.x > rect.x + 0.5 &&
  point.x < rect.x + rect.width - 0.5 &&
  point.y > rect.y + 0.5 &&
  point.y < rect.y + rect.height - 0.5;

/** The checks every layout must pass; `acyclic` adds that every arrow points right. */
function assertSound(sizes: { width: number; height: number }[], edges: Edge[], acyclic: boolean): Layout {
  const layout = layeredLayout({ sizes, edges });
  const placed = rects(layout, sizes);
  for (let i = 0; i < placed.length; i++) {
    const rect = placed[i]!;
    assert.ok(rect.x >= 0 && rect.y >= 0, `node ${i} starts inside the picture`);
    assert.ok(rect.x + rect.width <= layout.width && rect.y + rect.height <= layout.height, `node ${i} fits`);
    for (let j = i + 1; j < placed.length; j++)
      assert.ok(!overlap(rect, placed[j]!), `nodes ${i} and ${j} overlap`);
  }
  assert.equal(layout.routes.length, edges.length);
  edges.forEach(([from, to], i) => {
    const route = layout.routes[i]!;
    assert.ok(route.length >= 2, `edge ${i} has a route`);
    const source = placed[from]!;
    const target = placed[to]!;
    // Arrows meet a box on its left or right side; a loop leaves from its top.
    const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
    const onSide = (point: Point, rect: Rect) =>
      ((near(point.x, rect.x) || near(point.x, rect.x + rect.width)) &&
        point.y >= rect.y &&
        point.y <= rect.y + rect.height) ||
      (from === to && near(point.y, rect.y) && point.x >= rect.x && point.x <= rect.x + rect.width);
    assert.ok(onSide(route[0]!, source), `edge ${i} leaves from a side of its source`);
    assert.ok(onSide(route[route.length - 1]!, target), `edge ${i} ends on a side of its target`);
    // The points between (one per rank crossed) are never inside a box.
    for (const point of route.slice(1, -1))
      if (from !== to)
        for (const rect of placed) assert.ok(!inside(point, rect), `edge ${i} runs through a box`);
    if (acyclic) assert.ok(source.x + source.width < target.x, `edge ${i} points right`);
  });
  return layout;
}

/** A seeded generator: the same graphs on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('layered layout', () => {
  test('a chain runs left to right, one rank per step, on one line', () => {
    const sizes = [box(), box(80), box(160)];
    const layout = assertSound(
      sizes,
      [
        [0, 1],
        [1, 2],
      ],
      true,
    );
    const [a, b, c] = layout.nodes;
    assert.ok(a!.x < b!.x && b!.x < c!.x);
    const middle = (i: number) => layout.nodes[i]!.y + sizes[i]!.height / 2;
    assert.equal(middle(0), middle(1));
    assert.equal(middle(1), middle(2));
  });

  test('a feature with many dependants has them stacked in the next rank, itself in their middle', () => {
    const sizes = [box(), box(), box(), box(), box()];
    const edges: Edge[] = [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ];
    const layout = assertSound(sizes, edges, true);
    const xs = new Set([1, 2, 3, 4].map((i) => layout.nodes[i]!.x));
    assert.equal(xs.size, 1, 'all dependants in one rank');
    const centres = [1, 2, 3, 4].map((i) => layout.nodes[i]!.y + 15).sort((p, q) => p - q);
    assert.ok(Math.abs(layout.nodes[0]!.y + 15 - (centres[0]! + centres[3]!) / 2) < 0.01);
  });

  test('an arrow that skips a rank bends around the box in between', () => {
    // 0 → 1 → 2 and 0 → 2: the long arrow passes the rank of 1 beside it.
    const sizes = [box(), box(), box()];
    const layout = assertSound(
      sizes,
      [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      true,
    );
    assert.equal(layout.routes[2]!.length, 4);
  });

  test('a dependency that nothing else needs sits just before what waits for it', () => {
    // 0 → 1 → 2 → 3, and 4 → 3: 4 goes in the rank before 3, not the first one.
    const sizes = [box(), box(), box(), box(), box()];
    const layout = assertSound(
      sizes,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [4, 3],
      ],
      true,
    );
    assert.equal(layout.nodes[4]!.x, layout.nodes[2]!.x);
  });

  test('cycles, two-feature cycles and a feature that depends on itself are all drawn', () => {
    const sizes = [box(), box(), box(), box()];
    const edges: Edge[] = [
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
      [3, 2],
      [3, 3],
    ];
    const layout = assertSound(sizes, edges, false);
    // The two arrows of the two-feature cycle are two lines, not one.
    const between = [3, 4].map((i) => layout.routes[i]!);
    assert.notDeepEqual(
      between[0]!.map((point) => point.y),
      between[1]!
        .slice()
        .reverse()
        .map((point) => point.y),
    );
    // The loop leaves the node and comes back to it.
    const loop = layout.routes[5]!;
    const rect = rects(layout, sizes)[3]!;
    assert.ok(loop.some((point) => point.x > rect.x + rect.width));
  });

  test('random graphs of the neighbourhood bound (40 features, 50 dependencies) are always sound', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const count = 2 + Math.floor(next() * 39);
      const sizes = Array.from({ length: count }, () =>
        box(60 + Math.floor(next() * 200), 30 + 17 * Math.floor(next() * 3)),
      );
      const edges: Edge[] = [];
      const seen = new Set<string>();
      const wanted = Math.floor(next() * 51);
      const acyclic = next() < 0.5;
      for (let tries = 0; edges.length < wanted && tries < 500; tries++) {
        let from = Math.floor(next() * count);
        let to = Math.floor(next() * count);
        if (acyclic) {
          if (from === to) continue;
          if (from > to) [from, to] = [to, from];
        }
        if (seen.has(`${from}>${to}`)) continue;
        seen.add(`${from}>${to}`);
        edges.push([from, to]);
      }
      assertSound(sizes, edges, acyclic);
    }
  });

  test('the same graph gives the same picture', () => {
    const sizes = Array.from({ length: 12 }, (_, i) => box(80 + i * 7));
    const edges: Edge[] = [
      [0, 5],
      [1, 5],
      [5, 9],
      [2, 9],
      [3, 7],
      [7, 11],
      [9, 11],
      [4, 10],
      [6, 8],
    ];
    assert.deepEqual(layeredLayout({ sizes, edges }), layeredLayout({ sizes, edges }));
  });

  test('a long chain does not exhaust the stack', () => {
    const count = 20_000;
    const sizes = Array.from({ length: count }, () => box(40, 20));
    const edges = Array.from({ length: count - 1 }, (_, i): Edge => [i, i + 1]);
    const layout = layeredLayout({ sizes, edges });
    assert.ok(layout.nodes[count - 1]!.x > layout.nodes[0]!.x);
  });
});

describe('closest ordered positions', () => {
  test('targets already far enough apart are kept', () => {
    assert.deepEqual(closestOrdered([0, 50, 100], [0, 40, 40]), [0, 50, 100]);
  });

  test('targets too close are spread evenly around their mean', () => {
    assert.deepEqual(closestOrdered([10, 10], [0, 20]), [0, 20]);
    assert.deepEqual(closestOrdered([0, 30, 30], [0, 10, 10]), [0, 25, 35]);
  });

  test('targets out of order keep the given order', () => {
    const placed = closestOrdered([100, 0], [0, 10]);
    assert.deepEqual(placed, [45, 55]);
  });
});

describe('node labels', () => {
  test('a short title is one line, a longer one wraps at word boundaries', () => {
    assert.deepEqual(nodeLabel('F-1: Add alerts'), ['F-1: Add alerts']);
    assert.deepEqual(nodeLabel('F-2: Secure calendar for the platform team'), [
      'F-2: Secure calendar for the',
      'platform team',
    ]);
  });

  test('a title of a thousand characters, or one long word, stays within three lines of forty characters', () => {
    for (const title of ['word '.repeat(200), 'x'.repeat(1000), `F-3: ${'a'.repeat(60)} ${'b'.repeat(60)}`]) {
      const lines = nodeLabel(title);
      assert.ok(lines.length <= 3, `${lines.length} lines`);
      for (const line of lines) assert.ok(line.length <= 40, line);
    }
    const cut = nodeLabel('word '.repeat(200));
    assert.ok(cut[2]!.endsWith('…'), 'what was left out is marked');
    assert.equal(nodeLabel('x'.repeat(1000))[0], `${'x'.repeat(39)}…`);
    // A third line of exactly forty characters, with more after it: cut once, one ellipsis.
    assert.deepEqual(nodeLabel(`${'x'.repeat(30)} ${'y'.repeat(30)} ${'z'.repeat(40)} more`), [
      'x'.repeat(30),
      'y'.repeat(30),
      `${'z'.repeat(39)}…`,
    ]);
  });
});

describe('ordering the layers', () => {
  test('crossings are counted between consecutive layers', () => {
    // 0 1 over 2 3: 0→3 and 1→2 cross once; 0→2 and 1→3 do not.
    const after = [[3], [2], [], []];
    assert.equal(
      countCrossings(
        [
          [0, 1],
          [2, 3],
        ],
        after,
      ),
      1,
    );
    assert.equal(
      countCrossings(
        [
          [0, 1],
          [3, 2],
        ],
        after,
      ),
      0,
    );
  });

  test('in random layered graphs, no swap of two neighbours in a layer removes a crossing', () => {
    const next = random(11);
    for (let round = 0; round < 200; round++) {
      const layerCount = 2 + Math.floor(next() * 5);
      const layers: number[][] = [];
      let node = 0;
      for (let r = 0; r < layerCount; r++)
        layers.push(Array.from({ length: 1 + Math.floor(next() * 7) }, () => node++));
      const before: number[][] = Array.from({ length: node }, () => []);
      const after: number[][] = Array.from({ length: node }, () => []);
      for (let r = 0; r + 1 < layerCount; r++)
        for (const from of layers[r]!)
          for (const to of layers[r + 1]!)
            if (next() < 0.3) {
              after[from]!.push(to);
              before[to]!.push(from);
            }
      const original = layers.map((layer) => [...layer].sort((a, b) => a - b));
      orderLayers(layers, before, after);
      assert.deepEqual(
        layers.map((layer) => [...layer].sort((a, b) => a - b)),
        original,
        'each layer keeps its nodes',
      );
      const crossings = countCrossings(layers, after);
      for (const layer of layers)
        for (let i = 0; i + 1 < layer.length; i++) {
          [layer[i], layer[i + 1]] = [layer[i + 1]!, layer[i]!];
          assert.ok(countCrossings(layers, after) >= crossings, `round ${round}: a swap removes a crossing`);
          [layer[i], layer[i + 1]] = [layer[i + 1]!, layer[i]!];
        }
    }
  });
});
