// Each of the six views, drawn from the test model in a real Chromium, checked against values computed from
// the model itself.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import { category, day, featuresInCycles, graphNodeCount, isScheduled, mustShare } from './expectations';
import { sendModel, showView, type Panel } from './harness';
import { usePanelSession } from './panelSession';
import { syntheticModel } from './syntheticModel';
import { loadTestModel } from './testModel';

const session = usePanelSession();

let model: RoadmapModel;
let panel: Panel;
let page: Page;

before(async () => {
  model = await loadTestModel();
  panel = await session.openPanel(model);
  page = panel.page;
});

describe('timeline', () => {
  test('is the default view and draws one bar per scheduled feature', async () => {
    await page.waitForSelector('[data-view="timeline"]');
    assert.equal(await page.getAttribute('[data-view-tab="timeline"]', 'aria-selected'), 'true');
    const scheduled = model.features.filter((feature) => isScheduled(feature, model));
    assert.ok(scheduled.length > 0, 'the test model has scheduled features');
    const bars = await page.$$eval('.tl-bar', (elements) =>
      elements.map((element) => element.getAttribute('data-file')),
    );
    assert.deepEqual(new Set(bars), new Set(scheduled.map((feature) => feature.file)));
    assert.equal(bars.length, scheduled.length);
  });

  test('bars with explicit dates span exactly start..end', async () => {
    const dated = model.features.filter(
      (feature) => feature.start && feature.end && day(feature.end) >= day(feature.start),
    );
    assert.ok(dated.length > 0);
    for (const feature of dated) {
      const bar = page.locator(`.tl-bar[data-file="${feature.file}"]`);
      assert.equal(await bar.getAttribute('data-start'), feature.start, feature.id);
      assert.equal(await bar.getAttribute('data-end'), feature.end, feature.id);
      assert.equal(await bar.getAttribute('data-source'), 'dates');
    }
  });

  test('features with nothing to place them in time are listed as unscheduled', async () => {
    const unscheduled = model.features.filter((feature) => !isScheduled(feature, model));
    const listed = await page.$$eval('.unscheduled [data-file]', (elements) =>
      elements.map((element) => element.getAttribute('data-file')),
    );
    assert.deepEqual(listed.sort(), unscheduled.map((feature) => feature.file).sort());
  });

  test('draws milestone markers, the today line and dependency arrows', async () => {
    const dated = model.milestones.filter((milestone) => milestone.date);
    assert.equal(await page.locator('.tl-marker.milestone').count(), dated.length);
    assert.equal(await page.getAttribute('.tl-marker.today', 'data-today'), model.today);
    const scheduledIds = new Set(
      model.features.filter((feature) => isScheduled(feature, model)).map((feature) => feature.id),
    );
    const links = model.features
      .filter((feature) => scheduledIds.has(feature.id))
      .flatMap((feature) =>
        feature.dependsOn
          .filter((id) => id !== feature.id && scheduledIds.has(id))
          .map((id) => ({ from: id, to: feature.id })),
      );
    assert.ok(links.length > 0, 'the test model has dependencies between scheduled features');
    // Only the active feature's arrows are drawn: none until a bar is pointed at, then exactly its own.
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => document.querySelectorAll('.tl-arrow').length === 0);
    const target = links[0].to;
    const linked = links.filter((link) => link.from === target || link.to === target);
    await page.hover(`.tl-bar[data-id="${target}"]`);
    await page.waitForFunction(
      (count) => document.querySelectorAll('.tl-arrow.active').length === count,
      linked.length,
    );
    const drawn = await page.$$eval('.tl-arrow', (paths) =>
      paths.map((path) => ({ from: path.getAttribute('data-from'), to: path.getAttribute('data-to') })),
    );
    assert.deepEqual(
      drawn.sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
      linked.sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
    );
    await page.mouse.move(0, 0);
  });

  test('swimlanes follow the grouping select, zoom changes the scale', async () => {
    const milestoneLanes = await page.$$eval('.tl-lane-band', (elements) =>
      elements.map((element) => element.getAttribute('data-lane')),
    );
    const expected = new Set(
      model.features
        .filter((feature) => isScheduled(feature, model))
        .map((feature) => feature.milestone ?? ''),
    );
    assert.deepEqual(new Set(milestoneLanes), expected);
    await page.selectOption('[data-swimlane]', 'team');
    const teamLanes = await page.$$eval('.tl-lane-band', (elements) =>
      elements.map((element) => element.getAttribute('data-lane')),
    );
    assert.deepEqual(
      new Set(teamLanes),
      new Set(
        model.features.filter((feature) => isScheduled(feature, model)).map((feature) => feature.team ?? ''),
      ),
    );
    await page.click('[data-zoom="month"]');
    assert.equal(await page.getAttribute('[data-view="timeline"]', 'data-pixels-per-day'), '8');
    await page.click('[data-zoom="year"]');
    assert.equal(await page.getAttribute('[data-view="timeline"]', 'data-pixels-per-day'), '1');
    await page.click('[data-zoom="quarter"]');
    await page.selectOption('[data-swimlane]', 'milestone');
  });

  test('keeps only the rows near the viewport of a 2,000-feature timeline in the DOM', async () => {
    const big = syntheticModel(2000);
    await sendModel(page, big);
    try {
      const scheduled = big.features.filter((feature) => isScheduled(feature, big));
      const bars = await page.locator('.tl-bar').count();
      assert.ok(bars > 20 && bars < 200, `rendered ${bars} of ${scheduled.length} bars`);
      assert.equal(await page.locator('.tl-label').count(), bars);
      // Scrolled to the bottom, the last rows are drawn instead.
      await page.$eval('.tl-scroll', (element) => (element.scrollTop = element.scrollHeight));
      await page.waitForFunction(() => {
        const height = parseFloat(document.querySelector<HTMLElement>('.tl-body')!.style.height);
        return [...document.querySelectorAll<HTMLElement>('.tl-bar')].some(
          (bar) => parseFloat(bar.style.top) > height - 40,
        );
      });
      assert.ok((await page.locator('.tl-bar').count()) < 200);
    } finally {
      await sendModel(page, model);
    }
  });
});

describe('board', () => {
  test('has a column per status, in order, with the right counts', async () => {
    await showView(page, 'board');
    const columns = await page.$$eval('[data-view="board"] .column', (elements) =>
      elements.map((element) => ({
        status: element.getAttribute('data-status'),
        count: Number(element.querySelector('.count')?.textContent),
        cards: element.querySelectorAll('.card').length,
      })),
    );
    assert.deepEqual(
      columns.map((column) => column.status),
      model.statuses.map((status) => status.id),
    );
    for (const column of columns) {
      const expected = model.features.filter((feature) => feature.status === column.status).length;
      assert.equal(column.count, expected, `count of ${column.status}`);
      assert.equal(column.cards, expected, `cards in ${column.status}`);
    }
  });

  test('cards show title, id, MoSCoW, score, owner, progress and problems', async () => {
    const feature = model.features.find(
      (f) => f.moscow && f.score !== undefined && f.owner && f.progress !== undefined,
    )!;
    const card = page.locator(`.card[data-file="${feature.file}"]`);
    const text = (await card.textContent()) ?? '';
    assert.ok(
      text.includes(feature.title) && text.includes(feature.id) && text.includes(feature.owner!),
      text,
    );
    assert.equal(await card.locator(`.chip.moscow-${feature.moscow}`).count(), 1);
    assert.ok((await card.locator('.score').textContent())!.length > 0);
    assert.equal(
      await card.locator('[role="progressbar"]').getAttribute('aria-valuenow'),
      String(feature.progress),
    );
    const broken = model.features.find((f) => f.problems.errors > 0);
    if (broken) {
      const badge = page.locator(`.card[data-file="${broken.file}"] .problems`);
      assert.equal(
        await badge.getAttribute('data-problems'),
        `${broken.problems.errors}/${broken.problems.warnings}`,
      );
    }
  });
});

describe('horizons', () => {
  test('puts work in progress in Now, hides done work in a collapsed section', async () => {
    await showView(page, 'horizons');
    const inColumn = async (horizon: string): Promise<string[]> =>
      page.$$eval(`[data-horizon="${horizon}"] .card`, (elements) =>
        elements.map((element) => element.getAttribute('data-file')!),
      );
    const now = new Set(await inColumn('now'));
    const next = new Set(await inColumn('next'));
    const later = new Set(await inColumn('later'));
    const done = await inColumn('done');
    for (const feature of model.features) {
      const kind = category(feature, model);
      if (kind === 'doing') assert.ok(now.has(feature.file), `${feature.id} is in progress`);
      if (kind === 'done')
        assert.ok(
          done.includes(feature.file) && !now.has(feature.file) && !later.has(feature.file),
          `${feature.id} is done`,
        );
      const start = feature.start ? day(feature.start) : undefined;
      const today = day(model.today);
      if (kind === 'todo' && start !== undefined && start > today && start <= today + 90)
        assert.ok(next.has(feature.file), `${feature.id} starts soon`);
    }
    assert.equal(now.size + next.size + later.size + done.length, model.features.length);
    assert.equal(await page.locator('details[data-horizon="done"]').getAttribute('open'), null);
  });
});

describe('moscow', () => {
  test('has a column per milestone with its Must share of effort against the budget', async () => {
    await showView(page, 'moscow');
    const columns = await page.$$eval('[data-view="moscow"] .column', (elements) =>
      elements.map((element) => ({
        milestone: element.getAttribute('data-milestone')!,
        share: element.querySelector('.budget')?.getAttribute('data-must-share'),
        over: element.querySelector('.budget')?.classList.contains('over'),
        groups: [...element.querySelectorAll('.moscow-group')].map((group) =>
          group.getAttribute('data-moscow'),
        ),
      })),
    );
    const expected = model.milestones.map((milestone) => milestone.id);
    if (model.features.some((feature) => !feature.milestone)) expected.push('');
    assert.deepEqual(new Set(columns.map((column) => column.milestone)), new Set(expected));
    let checked = 0;
    for (const column of columns) {
      const share = mustShare(
        model.features.filter((feature) => (feature.milestone ?? '') === column.milestone),
      );
      if (share === undefined) {
        assert.equal(column.share, undefined);
        continue;
      }
      checked++;
      assert.equal(column.share, share.toFixed(3), column.milestone);
      assert.equal(column.over, share > model.mustBudget, column.milestone);
      const order = ['must', 'should', 'could', 'wont', 'none'];
      assert.deepEqual(
        column.groups,
        [...column.groups].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)),
      );
    }
    assert.ok(checked > 0);
  });
});

describe('priority', () => {
  test('is sorted by score, highest first, by default', async () => {
    await showView(page, 'priority');
    assert.equal(await page.getAttribute('th.col-score', 'aria-sort'), 'descending');
    const shown = await page.$$eval('tr.row', (rows) => rows.map((row) => row.getAttribute('data-id')));
    const expected = [...model.features]
      .filter((feature) => feature.score !== undefined)
      .sort((a, b) => b.score! - a.score!);
    assert.deepEqual(
      shown.slice(0, 10),
      expected.slice(0, 10).map((feature) => feature.id),
    );
  });

  test('sorts by a clicked column, toggling direction', async () => {
    await page.click('[data-sort="effort"]');
    assert.equal(await page.getAttribute('th.col-effort', 'aria-sort'), 'descending');
    assert.equal(await page.getAttribute('th.col-score', 'aria-sort'), 'none');
    const maxEffort = Math.max(...model.features.map((feature) => feature.effort ?? -1));
    assert.equal(Number(await page.textContent('tr.row >> nth=0 >> td.col-effort')), maxEffort);
    await page.click('[data-sort="effort"]');
    assert.equal(await page.getAttribute('th.col-effort', 'aria-sort'), 'ascending');
    const minEffort = Math.min(
      ...model.features.filter((feature) => feature.effort !== undefined).map((feature) => feature.effort!),
    );
    assert.equal(Number(await page.textContent('tr.row >> nth=0 >> td.col-effort')), minEffort);
    await page.click('[data-sort="score"]');
    assert.equal(await page.getAttribute('th.col-score', 'aria-sort'), 'descending');
  });

  test('plots value against effort in four named quadrants', async () => {
    const plotted = model.features.filter(
      (f) =>
        (f.effort ?? 0) > 0 &&
        f.reach !== undefined &&
        f.impact !== undefined &&
        f.confidence !== undefined &&
        f.reach * f.impact * f.confidence > 0,
    );
    // One dot each, or one for those that would cover each other (a stack of them).
    const drawn = await page.$$eval('.quadrant-chart circle.point', (dots) =>
      dots.flatMap(
        (dot) => JSON.parse(dot.getAttribute('data-stack') ?? 'null') ?? [dot.getAttribute('data-file')],
      ),
    );
    assert.deepEqual(drawn.sort(), plotted.map((feature) => feature.file).sort());
    const labels = await page.$$eval('.quadrant-label', (elements) =>
      elements.map((element) => element.textContent),
    );
    assert.deepEqual(labels, ['Quick wins', 'Big bets', 'Fill-ins', 'Money pits']);
  });

  test('keeps only the visible rows of a 2,000-feature table in the DOM', async () => {
    const big = syntheticModel(2000);
    await sendModel(page, big);
    await page.waitForSelector('table.grid[aria-rowcount="2001"]');
    const rows = await page.locator('tr.row').count();
    assert.ok(rows > 10 && rows < 120, `rendered ${rows} rows`);
    await page.$eval('.table-wrap', (element) => (element.scrollTop = element.scrollHeight));
    await page.waitForSelector('tr.row[data-index="1999"]');
    assert.ok((await page.locator('tr.row').count()) < 120);
    await sendModel(page, model);
  });
});

describe('dependencies', () => {
  const checkGraph = async (drawn: RoadmapModel): Promise<void> => {
    await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
    assert.equal(await page.locator('.graph-canvas svg g.node').count(), graphNodeCount(drawn));
    const marked = await page.$$eval('.graph-canvas svg g.node.cycle', (nodes) =>
      nodes.map((node) => node.getAttribute('data-id')),
    );
    assert.deepEqual(new Set(marked), featuresInCycles(drawn));
    const edges = drawn.features.reduce((sum, feature) => sum + new Set(feature.dependsOn).size, 0);
    assert.equal(
      await page.locator('.graph-canvas svg .edgePaths path, .graph-canvas svg path.flowchart-link').count(),
      edges,
    );
  };

  test('draws the whole depends_on graph itself, without loading Mermaid', async () => {
    const requested: string[] = [];
    const listen = (request: { url(): string }) => requested.push(request.url());
    page.on('request', listen);
    await showView(page, 'dependencies');
    await checkGraph(model);
    page.off('request', listen);
    assert.equal(await page.getAttribute('.graph-canvas', 'data-mode'), 'all');
    assert.deepEqual(
      requested.filter((url) => /mermaid|flowDiagram/.test(url)),
      [],
    );
    assert.deepEqual(panel.errors, []);
  });

  test('marks every feature on a dependency cycle', async () => {
    const cyclic = syntheticModel(48);
    assert.ok(featuresInCycles(cyclic).size >= 3, 'the synthetic model has a cycle');
    await sendModel(page, cyclic);
    try {
      await checkGraph(cyclic);
      assert.ok(
        (await page.textContent('.stat.cycle'))?.includes(`${featuresInCycles(cyclic).size} in a cycle`),
      );
    } finally {
      await sendModel(page, model);
    }
  });
});
