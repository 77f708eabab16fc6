// The value/effort chart of a large roadmap names its top features where they can be read: no name over
// another, over a quadrant's title or over a dot, all inside the plot, the best feature always named, and a
// name away from its dot joined to it by a leader line. Measured as Chromium draws the text (getBBox), at
// 1,000 and 10,000 features, in a wide panel and a narrow one (where the chart goes under the table).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { usePanelSession } from './panelSession';
import { syntheticModel } from './syntheticModel';

const session = usePanelSession();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ChartLayout {
  plot: Box;
  quadrants: (Box & { text: string })[];
  names: (Box & { id: string })[];
  dots: { id: string; cx: number; cy: number; r: number }[];
  leaders: { id: string; x1: number; y1: number; x2: number; y2: number }[];
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const within = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

for (const size of [1000, 10_000]) {
  for (const [layout, width] of [
    ['wide', 1400],
    ['narrow', 560],
  ] as const) {
    describe(`the priority chart's names at ${size} features, ${layout} panel`, () => {
      test('no name overlaps another, a quadrant title or a dot; the best feature is named', async () => {
        const model = syntheticModel(size);
        const { page, errors } = await session.openPanel(model, { width, height: 900 });
        try {
          // The narrow panel shows its views as a menu instead of tabs.
          if (layout === 'narrow') await page.selectOption('.view-menu', 'priority');
          else await page.click('[data-view-tab="priority"]');
          await page.waitForSelector('.quadrant-chart .point-label');
          // Each read inline: a helper declared inside an evaluated function would not survive the transform.
          const boxes = (selector: string): Promise<(Box & { id: string; text: string })[]> =>
            page.$$eval(selector, (elements) =>
              elements.map((element) => {
                const { x, y, width, height } = (element as SVGGraphicsElement).getBBox();
                return {
                  x,
                  y,
                  width,
                  height,
                  id: element.getAttribute('data-id') ?? '',
                  text: element.textContent ?? '',
                };
              }),
            );
          const lines = (selector: string, names: string[]): Promise<Record<string, string>[]> =>
            page.$$eval(
              selector,
              (elements, attributes) =>
                elements.map((element) =>
                  Object.fromEntries(attributes.map((name) => [name, element.getAttribute(name) ?? ''])),
                ),
              names,
            );
          const chart: ChartLayout = {
            plot: (await boxes('.quadrant-chart .plot-area'))[0]!,
            quadrants: await boxes('.quadrant-chart .quadrant-label'),
            names: await boxes('.quadrant-chart .point-label'),
            dots: (await lines('.quadrant-chart .point', ['data-id', 'cx', 'cy', 'r'])).map((dot) => ({
              id: dot['data-id']!,
              cx: Number(dot.cx),
              cy: Number(dot.cy),
              r: Number(dot.r),
            })),
            leaders: (await lines('.quadrant-chart .point-leader', ['data-id', 'x1', 'y1', 'x2', 'y2'])).map(
              (line) => ({
                id: line['data-id']!,
                x1: Number(line.x1),
                y1: Number(line.y1),
                x2: Number(line.x2),
                y2: Number(line.y2),
              }),
            ),
          };
          const { plot, quadrants, names, dots, leaders } = chart;
          assert.equal(quadrants.length, 4);
          assert.ok(names.length >= 4, `${names.length} of ${dots.length} top features named`);
          // The dots are the top features, best first; the best is always named.
          assert.equal(
            names.filter((name) => name.id === dots[0]!.id).length,
            1,
            'the best feature is named',
          );
          const describe = (box: Box & { id?: string; text?: string }): string =>
            `${box.id || box.text} at ${[box.x, box.y, box.width, box.height].map(Math.round).join(',')}`;
          for (const [i, name] of names.entries()) {
            assert.ok(within(name, plot), `${describe(name)} is inside the plot area`);
            for (const other of names.slice(i + 1))
              assert.ok(!overlap(name, other), `${describe(name)} overlaps ${describe(other)}`);
            for (const title of quadrants)
              assert.ok(!overlap(name, title), `${describe(name)} overlaps the title ${describe(title)}`);
            for (const dot of dots) {
              const disc = { x: dot.cx - dot.r, y: dot.cy - dot.r, width: 2 * dot.r, height: 2 * dot.r };
              assert.ok(!overlap(name, disc), `${describe(name)} covers the dot of ${dot.id}`);
            }
          }
          // A name away from its dot has a leader line from the dot's edge to the name.
          for (const name of names) {
            const dot = dots.find((candidate) => candidate.id === name.id)!;
            assert.ok(dot, `${name.id} names a dot drawn`);
            const gap = Math.hypot(
              Math.max(name.x - dot.cx, 0, dot.cx - (name.x + name.width)),
              Math.max(name.y - dot.cy, 0, dot.cy - (name.y + name.height)),
            );
            const leader = leaders.find((line) => line.id === name.id);
            if (gap > dot.r + 8) {
              assert.ok(leader, `${name.id} is ${Math.round(gap)} units from its dot, with no leader line`);
              assert.ok(
                Math.abs(Math.hypot(leader.x1 - dot.cx, leader.y1 - dot.cy) - dot.r) < 1,
                `${name.id}'s leader starts at its dot`,
              );
            }
            // Nor does a leader line run through another name or a title (sampled every half unit), but
            // for a title over its own dot, which the line leaves.
            if (!leader) continue;
            const length = Math.hypot(leader.x2 - leader.x1, leader.y2 - leader.y1);
            const contains = (box: Box, x: number, y: number): boolean =>
              x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height;
            const titles = quadrants.filter((title) => !contains(title, dot.cx, dot.cy));
            for (let t = 0; t <= length; t += 0.5) {
              const x = leader.x1 + ((leader.x2 - leader.x1) * t) / length;
              const y = leader.y1 + ((leader.y2 - leader.y1) * t) / length;
              for (const box of [...names.filter((other) => other !== name), ...titles])
                assert.ok(!contains(box, x, y), `${name.id}'s leader runs through ${describe(box)}`);
            }
          }
          assert.deepEqual(errors, []);
        } finally {
          await page.context().close();
        }
      });
    });
  }
}
