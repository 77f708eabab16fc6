// Names for chart points (src/webview/views/chartLabels.ts): beside spread points, in a column beside crowded
// ones, never over another name, a title or a point, and the least important left out when they do not fit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  placeLabels,
  type Box,
  type LabelRequest,
  type LabelSpace,
  type PlacedLabel,
} from '../../src/webview/views/chartLabels';

const text = { width: 30, ascent: 9, descent: 3 };
const radius = 4.5;
const bounds: Box = { x: 40, y: 16, width: 328, height: 284 };
const quickWins: Box = { x: 46, y: 20, width: 53, height: 13 };

const space: LabelSpace = { bounds, titles: [quickWins], pointRadius: radius, reach: 60 };

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** No name overlaps another, a title or a point, and every name is inside the bounds. */
function assertClear(placed: readonly (PlacedLabel | undefined)[], requests: readonly LabelRequest[]): void {
  const boxes = placed.flatMap((place) => (place ? [place.box] : []));
  // The dots as drawn (circles of the radius): a box around each.
  const dots = requests.map(({ x, y }) => ({
    x: x - radius,
    y: y - radius,
    width: 2 * radius,
    height: 2 * radius,
  }));
  boxes.forEach((box, i) => {
    assert.ok(box.x >= bounds.x && box.x + box.width <= bounds.x + bounds.width, JSON.stringify(box));
    assert.ok(box.y >= bounds.y && box.y + box.height <= bounds.y + bounds.height, JSON.stringify(box));
    for (const other of [...boxes.slice(i + 1), ...space.titles, ...dots])
      assert.ok(!overlap(box, other), `${JSON.stringify(box)} overlaps ${JSON.stringify(other)}`);
  });
}

describe('placeLabels', () => {
  test('points spread over the chart are named right beside them, with no leader line', () => {
    const requests = [
      { x: 150, y: 80, text },
      { x: 250, y: 160, text },
      { x: 120, y: 240, text },
    ];
    const placed = placeLabels(requests, space);
    assertClear(placed, requests);
    placed.forEach((place, i) => {
      assert.ok(place, `name ${i} placed`);
      assert.equal(place.leader, undefined);
      assert.equal(place.box.x, requests[i]!.x + radius + 3);
      assert.equal(place.y - text.ascent + (text.ascent + text.descent) / 2, requests[i]!.y);
    });
  });

  test('points crowded in a corner under a title are all named, in a column, with leaders that do not cross', () => {
    const requests = [29.5, 29.5, 33.7, 33.9, 39, 40.1, 40.3, 40.6].map((y) => ({ x: 58.4, y, text }));
    const placed = placeLabels(requests, space);
    assertClear(placed, requests);
    assert.ok(placed.every((place) => place?.leader));
    const tops = placed.map((place) => place!.box.y);
    // In the order of their points from the top: leaders from one column of points to another never cross.
    assert.deepEqual(
      tops,
      [...tops].sort((a, b) => a - b),
    );
    assert.ok(tops[0]! >= quickWins.y + quickWins.height, 'below the title');
  });

  test('names that do not fit are left out, the least important first', () => {
    const requests = Array.from({ length: 30 }, (_, i) => ({ x: 58.4, y: 30 + i * 0.5, text }));
    const placed = placeLabels(requests, space);
    assertClear(placed, requests);
    const named = placed.findIndex((place) => place === undefined);
    assert.ok(named > 5, `${named} named`);
    assert.ok(
      placed.slice(named).every((place) => place === undefined),
      'every name after the first left out is left out too',
    );
  });
});
