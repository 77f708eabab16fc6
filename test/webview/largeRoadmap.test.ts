// The panel on a roadmap too big to draw whole (2,000 synthetic features): the card columns are virtualised
// yet every card is reached by scrolling, by the keyboard and by a host `focus`; the dependency view draws a
// bounded neighbourhood, clusters and a search, and refuses the whole graph with a message. And MoSCoW at
// 1,000 features, whose many short groups share a column.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { drawBound, neighbourhoodBound } from '../../src/webview/views/dependencyScope';
import { graphNodeCount } from './expectations';
import { launchBrowser, openPanel, postToPanel, showView, startServer, type PanelServer } from './harness';
import { syntheticModel } from './syntheticModel';

let server: PanelServer;
let browser: Browser;
let model: RoadmapModel;
let page: Page;
let errors: string[];

before(async () => {
  model = syntheticModel(2000);
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await openPanel(browser, server.origin, model, { width: 1400, height: 900 }));
});

after(async () => {
  assert.deepEqual(errors, []);
  await browser?.close();
  await server?.close();
});

/** The board column with the most features, and its cards in the order the board shows them. */
function biggestColumn(): { status: string; files: string[] } {
  const byStatus = new Map<string, typeof model.features>();
  for (const feature of model.features)
    byStatus.set(feature.status, [...(byStatus.get(feature.status) ?? []), feature]);
  const [status, features] = [...byStatus].sort((a, b) => b[1].length - a[1].length)[0]!;
  features.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.id.localeCompare(b.id));
  return { status, files: features.map((feature) => feature.file) };
}

describe('virtualised card columns', () => {
  test('a long column draws only part of its cards, and scrolling reaches the last one', async () => {
    await showView(page, 'board');
    const { status, files } = biggestColumn();
    const list = page.locator(`.column[data-status="${status}"] .column-body`);
    assert.equal(await list.getAttribute('data-total'), String(files.length));
    const drawn = await list.locator('.card').count();
    assert.ok(drawn > 0 && drawn < files.length / 2, `${drawn} of ${files.length} cards drawn`);
    // Whatever the scroll position, the drawn cards are the consecutive run the spacers leave room for.
    for (const fraction of [0.5, 1]) {
      await list.evaluate((element, at) => (element.scrollTop = element.scrollHeight * at), fraction);
      await page.waitForTimeout(100);
      const shown = await list
        .locator('.card')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-file')));
      const first = files.indexOf(shown[0]!);
      assert.ok(first >= 0);
      assert.deepEqual(shown, files.slice(first, first + shown.length));
      if (fraction === 1) assert.equal(shown.at(-1), files.at(-1), 'the last card is drawn at the bottom');
    }
    const last = list.locator(`.card[data-file="${files.at(-1)}"]`);
    assert.ok(await last.isVisible(), 'the last card is in view at the bottom');
  });

  test('the keyboard walks a virtualised column: End, Arrow keys, Home and Tab', async () => {
    await showView(page, 'board');
    const { status, files } = biggestColumn();
    const list = page.locator(`.column[data-status="${status}"] .column-body`);
    await list.evaluate((element) => (element.scrollTop = 0));
    await page.waitForTimeout(50);
    await list.locator(`.card[data-file="${files[0]}"]`).focus();
    const focused = (): Promise<string | null> =>
      page.evaluate(() => document.activeElement?.getAttribute('data-file') ?? null);
    await page.keyboard.press('End');
    assert.equal(await focused(), files.at(-1));
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), files.at(-2));
    await page.keyboard.press('Home');
    assert.equal(await focused(), files[0]);
    // Tab through more cards than the first drawn window holds: each next card is there when needed.
    for (let i = 1; i <= 40; i++) {
      await page.keyboard.press('Tab');
      assert.equal(await focused(), files[i], `Tab ${i}`);
    }
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), files[41]);
  });

  test('a host focus reaches a card deep in a virtualised column, in every card view', async () => {
    const { files } = biggestColumn();
    const deep = model.features.find((feature) => feature.file === files[files.length - 3])!;
    await showView(page, 'board');
    await postToPanel(page, { type: 'focus', id: deep.id });
    await page.waitForFunction(
      (file) => document.activeElement?.getAttribute('data-file') === file,
      deep.file,
    );
    for (const view of ['horizons', 'moscow']) {
      await showView(page, view);
      const target = await page.evaluate(() => {
        const list = [...document.querySelectorAll<HTMLElement>('ul.virtual')].sort(
          (a, b) => Number(b.dataset.total) - Number(a.dataset.total),
        )[0];
        return list?.dataset.total;
      });
      assert.ok(Number(target) > 50, `${view} has a virtualised list`);
    }
    for (const view of ['horizons', 'moscow']) {
      await showView(page, view);
      await postToPanel(page, { type: 'focus', id: deep.id });
      await page.waitForFunction(
        (file) => document.activeElement?.getAttribute('data-file') === file,
        deep.file,
      );
    }
  });

  test('dragging a card drawn after scrolling still posts its move', async () => {
    await showView(page, 'board');
    const { status, files } = biggestColumn();
    const list = page.locator(`.column[data-status="${status}"] .column-body`);
    await list.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await page.waitForTimeout(100);
    const card = list.locator(`.card[data-file="${files.at(-1)}"]`);
    const other = model.statuses.find((candidate) => candidate.id !== status)!;
    await page.evaluate(() => {
      window.__messages.length = 0;
    });
    await card.dragTo(page.locator(`.column[data-status="${other.id}"] .column-header`));
    const posted = await page.evaluate(() => window.__messages);
    assert.ok(
      posted.some(
        (message) =>
          message.type === 'setField' && message.file === files.at(-1) && message.value === other.id,
      ),
      JSON.stringify(posted),
    );
  });
});

/** The graph's boxes come in reading order (rank by rank, each top to bottom): the order Tab visits them. */
async function assertReadingOrder(): Promise<void> {
  const boxes = await page.$$eval('.graph-canvas g.node', (elements) =>
    elements.map((element) => {
      const { left, right, top } = element.getBoundingClientRect();
      return { label: element.getAttribute('aria-label'), centre: (left + right) / 2, top };
    }),
  );
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1]!, boxes[i]!];
    assert.ok(
      b.centre > a.centre + 1 || (Math.abs(b.centre - a.centre) <= 1 && b.top > a.top),
      `${b.label} is read after ${a.label}`,
    );
  }
}

describe('dependency graph of a large roadmap', () => {
  test('opens on a bounded neighbourhood, drawn without loading Mermaid, every arrow and no box over another', async () => {
    assert.ok(graphNodeCount(model) > drawBound.nodes);
    const requested: string[] = [];
    const listen = (request: { url(): string }) => requested.push(request.url());
    page.on('request', listen);
    await showView(page, 'dependencies');
    await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 60_000 });
    page.off('request', listen);
    assert.deepEqual(
      requested.filter((url) => /mermaid|flowDiagram/.test(url)),
      [],
    );
    assert.equal(await page.getAttribute('.graph-canvas', 'data-mode'), 'neighbourhood');
    const nodes = await page.locator('.graph-canvas svg g.node').count();
    assert.ok(nodes > 1 && nodes <= neighbourhoodBound.nodes, `${nodes} nodes`);
    assert.equal(await page.locator('.graph-canvas g.node.graph-focus').count(), 1);
    assert.match((await page.textContent('.graph-note')) ?? '', /within 2 steps of it/);
    const drawn = await page.$$eval('.graph-canvas g.node', (elements) =>
      elements.map((element) => {
        const { left, top, right, bottom } = element.getBoundingClientRect();
        return {
          id: element.getAttribute('data-id'),
          label: element.getAttribute('aria-label'),
          left,
          top,
          right,
          bottom,
        };
      }),
    );
    for (let i = 0; i < drawn.length; i++)
      for (let j = i + 1; j < drawn.length; j++) {
        const [a, b] = [drawn[i]!, drawn[j]!];
        const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        assert.ok(!overlaps, `${a.label} and ${b.label} overlap`);
      }
    await assertReadingOrder();
    // One arrow for every depends_on between two features drawn (or to a missing id drawn).
    const ids = new Set(
      drawn.flatMap((node) => (node.id ? [node.id] : [node.label!.replace(/: missing$/, '')])),
    );
    const expected = model.features
      .filter((feature) => drawn.some((node) => node.id === feature.id))
      .reduce((sum, feature) => sum + [...new Set(feature.dependsOn)].filter((id) => ids.has(id)).length, 0);
    assert.equal(await page.locator('.graph-canvas svg path.flowchart-link').count(), expected);
  });

  test('arrow keys move between the features of the graph by where they are drawn', async () => {
    await page.focus('.graph-canvas g.node.graph-focus');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement!;
        const box = element.getBoundingClientRect();
        return {
          id: element.getAttribute('data-id'),
          x: box.left + box.width / 2,
          y: box.top + box.height / 2,
        };
      });
    const press = async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      return focused();
    };
    // To the left edge (the first rank), where ← leaves the focus where it is.
    const edge = await press('ArrowLeft', 40);
    assert.equal((await press('ArrowLeft')).id, edge.id);
    const right = await press('ArrowRight');
    assert.ok(right.x > edge.x + 1, `→ from ${edge.id} went to ${right.id}`);
    const top = await press('ArrowUp', 40);
    const down = await press('ArrowDown');
    assert.ok(down.y > top.y + 1, `↓ from ${top.id} went to ${down.id}`);
    const up = await press('ArrowUp');
    assert.ok(up.y < down.y - 1, `↑ from ${down.id} went to ${up.id}`);
    const left = await press('ArrowLeft');
    assert.ok(left.x < up.x - 1 || up.x <= edge.x + 1, `← from ${up.id} went to ${left.id}`);
  });

  test('the feature a neighbourhood is centred on is scrolled into view', async () => {
    // A short window: the neighbourhood is taller than the canvas.
    await page.setViewportSize({ width: 900, height: 420 });
    try {
      await page.selectOption('select[data-graph-hops]', '3');
      await page.waitForSelector('.graph-canvas[data-state="done"] g.node.graph-focus', { timeout: 60_000 });
      const placed = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLElement>('.graph-canvas')!;
        const view = canvas.getBoundingClientRect();
        const focus = canvas.querySelector('g.node.graph-focus')!.getBoundingClientRect();
        return {
          scrolled: canvas.scrollHeight > canvas.clientHeight,
          inView:
            focus.top >= view.top &&
            focus.bottom <= view.bottom &&
            focus.left >= view.left &&
            focus.right <= view.right,
        };
      });
      assert.ok(placed.scrolled, 'the graph is taller than the canvas');
      assert.ok(placed.inView, 'the focus feature is in view');
    } finally {
      await page.selectOption('select[data-graph-hops]', '2');
      await page.waitForSelector('.graph-canvas[data-state="done"] g.node.graph-focus', { timeout: 60_000 });
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('in a narrow panel, a feature clicked is centred above the details pane that opens over the graph', async () => {
    // A short, narrow window: the graph is taller than the canvas, and the pane covers its lower part.
    await page.setViewportSize({ width: 500, height: 460 });
    try {
      await page.selectOption('select[data-graph-hops]', '3');
      await page.waitForSelector('.graph-canvas[data-state="done"] g.node.graph-focus', { timeout: 60_000 });
      // The pane is closed first (a feature selected earlier leaves it open), so the click lands on the graph.
      const close = page.locator('.details [data-action="close-details"]');
      if (await close.isVisible()) await close.click();
      const other = page.locator('.graph-canvas g.node[data-file]:not(.graph-focus)').first();
      const file = await other.getAttribute('data-file');
      await other.click();
      await page.waitForSelector(`.graph-canvas[data-state="done"] g.node.graph-focus[data-file="${file}"]`, {
        timeout: 60_000,
      });
      await page.waitForSelector('.details [data-action="close-details"]');
      const placed = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLElement>('.graph-canvas')!;
        const view = canvas.getBoundingClientRect();
        const pane = document.querySelector('.details')!.getBoundingClientRect();
        const focus = canvas.querySelector('g.node.graph-focus')!.getBoundingClientRect();
        return {
          scrolled: canvas.scrollHeight > canvas.clientHeight,
          overlaps: pane.top > view.top && pane.top < view.bottom,
          seen: focus.top >= view.top && focus.bottom <= pane.top,
        };
      });
      assert.ok(placed.scrolled, 'the graph is taller than the canvas');
      assert.ok(placed.overlaps, 'the details pane slides over the graph');
      assert.ok(placed.seen, 'the centred feature is above the pane');
    } finally {
      await page.click('.details [data-action="close-details"]');
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('the search box centres the graph on the feature picked', async () => {
    const target = model.features.find(
      (feature) => feature.dependsOn.length > 0 && feature.id.endsWith('7'),
    )!;
    await page.fill('.graph-search', target.id);
    await page.click(`.graph-result[data-focus-file="${target.file}"]`);
    await page.waitForSelector(
      `.graph-canvas[data-state="done"] g.node.graph-focus[data-id="${target.id}"]`,
      {
        timeout: 60_000,
      },
    );
    // Its dependencies are one step away, so they are drawn around it (left of it, so read before it).
    for (const dependency of target.dependsOn)
      assert.equal(
        await page.locator(`.graph-canvas g.node[data-id="${dependency}"]`).count(),
        1,
        dependency,
      );
    await assertReadingOrder();
    // One step: fewer or as many nodes as two.
    await page.selectOption('select[data-graph-hops]', '1');
    await page.waitForSelector(
      `.graph-canvas[data-state="done"] g.node.graph-focus[data-id="${target.id}"]`,
      {
        timeout: 60_000,
      },
    );
    const dependants = model.features.filter((feature) => feature.dependsOn.includes(target.id)).length;
    assert.equal(
      await page.locator('.graph-canvas svg g.node').count(),
      1 + new Set(target.dependsOn).size + dependants,
    );
  });

  test('clusters by milestone draw one node per milestone with the counts', async () => {
    await page.click('[data-graph-mode="clusters"]');
    await page.waitForSelector(
      '.graph-canvas[data-state="done"][data-mode="clusters"] g.node[data-cluster]',
      {
        timeout: 60_000,
      },
    );
    const clusters = await page.$$eval('.graph-canvas g.node[data-cluster]', (nodes) =>
      nodes.map((node) => [node.getAttribute('data-cluster'), Number(node.getAttribute('data-members'))]),
    );
    const keys = clusters.map(([key]) => key).sort();
    assert.ok(keys.includes('milestone:m2-launch') && keys.includes('none:') && keys.includes('missing:'));
    const total = clusters.reduce((sum, [, members]) => sum + (members as number), 0);
    assert.equal(total, graphNodeCount(model), 'every node of the graph is in one cluster');
    await page.selectOption('select[data-graph-cluster]', 'team');
    await page.waitForSelector('.graph-canvas[data-state="done"] g.node[data-cluster="team:Growth"]', {
      timeout: 60_000,
    });
  });

  test('the whole graph is refused above the bound with a message that says why', async () => {
    await page.click('[data-graph-mode="all"]');
    await page.waitForSelector('.graph-canvas[data-state="too-large"]');
    const message = (await page.textContent('.graph-canvas')) ?? '';
    assert.match(message, /too many to follow in one picture/);
    assert.match(message, new RegExp(`${drawBound.nodes} features`));
    assert.equal(await page.locator('.graph-canvas svg').count(), 0);
    await page.click('[data-graph-mode="neighbourhood"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="neighbourhood"]', {
      timeout: 60_000,
    });
  });
});

describe('timeline of a large roadmap', () => {
  test('opens where the first rows have bars, even when they are far from today', async () => {
    // Every feature of the first lane (the earliest milestone) ran a year ago; the rest run around today.
    const far = syntheticModel(600);
    for (const feature of far.features) {
      if (feature.milestone === 'm1-beta' || !feature.milestone) feature.milestone = 'm1-beta';
      const offset = feature.milestone === 'm1-beta' ? -400 : 0;
      const start = Date.parse(`${far.today}T00:00:00Z`) + (offset - 20) * 86_400_000;
      feature.start = new Date(start).toISOString().slice(0, 10);
      feature.end = new Date(start + 10 * 86_400_000).toISOString().slice(0, 10);
    }
    const { page: timeline } = await openPanel(browser, server.origin, far, { width: 1200, height: 800 });
    const inView = await timeline.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.tl-scroll')!;
      const box = scroller.getBoundingClientRect();
      const labels = document.querySelector<HTMLElement>('.tl-labels')!.getBoundingClientRect();
      return [...document.querySelectorAll('.tl-bar')].filter((bar) => {
        const rect = bar.getBoundingClientRect();
        return (
          rect.bottom > box.top && rect.top < box.bottom && rect.right > labels.right && rect.left < box.right
        );
      }).length;
    });
    assert.ok(inView > 5, `${inView} bars in the first screen`);
    await timeline.context().close();
  });
});

describe('priority chart of a large roadmap', () => {
  test('shades a density grid that counts every plotted feature and names the top features by score', async () => {
    await showView(page, 'priority');
    const counts = await page.$$eval('.quadrant-chart .density-cell', (cells) =>
      cells.map((cell) => Number(cell.getAttribute('data-count'))),
    );
    const plotted = model.features.filter(
      (feature) => feature.score !== undefined && (feature.effort ?? 0) > 0 && (feature.reach ?? 0) > 0,
    );
    assert.equal(
      counts.reduce((sum, count) => sum + count, 0),
      Number(await page.getAttribute('.quadrant-chart .density', 'data-points')),
    );
    assert.ok(counts.length > 20, `${counts.length} cells`);
    const top = [...plotted]
      .sort((a, b) => b.score! - a.score! || a.id.localeCompare(b.id))
      .slice(0, 8)
      .map((feature) => feature.id);
    const dots = await page.$$eval('.quadrant-chart .point', (points) =>
      points.map((point) => point.getAttribute('data-id')),
    );
    assert.deepEqual(dots, top);
    const labels = await page.$$eval('.quadrant-chart .point-label', (texts) =>
      texts.map((text) => text.textContent),
    );
    // Names that fit (priorityLabels.test.ts checks that none overlaps), the best always among them.
    assert.ok(labels.includes(top[0]!), `${labels}`);
    assert.ok(
      labels.every((label) => top.includes(label!)),
      `${labels}`,
    );
  });
});

/** The milestone with the most features, and its groups' features in the order the view shows them. */
function longestColumn(model: RoadmapModel): { milestone: string; groups: Map<string, FeatureView[]> } {
  const byMilestone = new Map<string, FeatureView[]>();
  for (const feature of model.features) {
    const id = feature.milestone ?? '';
    byMilestone.set(id, [...(byMilestone.get(id) ?? []), feature]);
  }
  const [milestone, features] = [...byMilestone].sort((a, b) => b[1].length - a[1].length)[0]!;
  const groups = new Map<string, FeatureView[]>();
  for (const group of ['must', 'should', 'could', 'wont', 'none'])
    groups.set(
      group,
      features
        .filter((feature) => (feature.moscow ?? 'none') === group)
        .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity)),
    );
  return { milestone, groups };
}

describe('MoSCoW groups at 1,000 features', () => {
  // Thirty groups (milestones × priorities) of fewer than 50 cards each share their column's scroller. Drawn
  // whole they were 850 cards and 170-390 ms per tab switch in the real VS Code; a long column now draws only
  // the cards in view.
  let moscowModel: RoadmapModel;
  let moscowPage: Page;
  let moscowErrors: string[];
  before(async () => {
    moscowModel = syntheticModel(1000);
    ({ page: moscowPage, errors: moscowErrors } = await openPanel(browser, server.origin, moscowModel, {
      width: 1400,
      height: 900,
    }));
    await showView(moscowPage, 'moscow');
  });
  after(async () => {
    assert.deepEqual(moscowErrors, []);
    await moscowPage?.context().close();
  });

  test('draws the cards in view, not every card, and every group counts all of its features', async () => {
    const drawn = await moscowPage.locator('.view .card').count();
    assert.ok(
      drawn < moscowModel.features.length / 3,
      `${drawn} of ${moscowModel.features.length} cards drawn`,
    );
    const { milestone, groups } = longestColumn(moscowModel);
    const sizes = [...groups.values()].map((members) => members.length);
    assert.ok(
      sizes.some((size) => size > 0 && size <= 50),
      `a group short enough to be drawn whole on its own: ${sizes}`,
    );
    for (const [group, members] of groups) {
      if (members.length === 0) continue;
      const section = moscowPage.locator(
        `.moscow-group[data-milestone="${milestone}"][data-moscow="${group}"]`,
      );
      assert.equal(await section.locator('.count').textContent(), String(members.length));
      assert.equal(await section.locator('ul.virtual').getAttribute('data-total'), String(members.length));
    }
  });

  test('scrolling the column reaches the last card of its last group, and back the first', async () => {
    const { milestone, groups } = longestColumn(moscowModel);
    const lists = [...groups.values()].filter((members) => members.length > 0);
    const body = moscowPage.locator(`.column[data-milestone="${milestone}"] .column-body`);
    await body.evaluate((element) => (element.scrollTop = element.scrollHeight));
    const last = body.locator(`.card[data-file="${lists.at(-1)!.at(-1)!.file}"]`);
    await last.waitFor();
    assert.ok(await last.isVisible(), 'the last card is in view at the bottom');
    await body.evaluate((element) => (element.scrollTop = 0));
    const first = body.locator(`.card[data-file="${lists[0]![0]!.file}"]`);
    await first.waitFor();
    assert.ok(await first.isVisible(), 'the first card is in view at the top');
  });

  test('a host focus reaches a card of a group out of view, and Alt+Arrow moves it', async () => {
    const { groups } = longestColumn(moscowModel);
    const deep = [...groups.values()]
      .filter((members) => members.length > 0)
      .at(-1)!
      .at(-1)!;
    await postToPanel(moscowPage, { type: 'focus', id: deep.id });
    await moscowPage.waitForFunction(
      (file) => document.activeElement?.getAttribute('data-file') === file,
      deep.file,
    );
    await moscowPage.evaluate(() => {
      window.__messages.length = 0;
    });
    await moscowPage.keyboard.press('Alt+ArrowUp');
    const posted = await moscowPage.evaluate(() => window.__messages);
    assert.ok(
      posted.some((message) => message.type === 'setFields' && message.file === deep.file),
      JSON.stringify(posted),
    );
  });
});
