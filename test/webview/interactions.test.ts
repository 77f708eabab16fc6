// What the user does in the panel and what the host receives: drags, keyboard moves, clicks, exports, and
// how the panel reacts to host messages.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { day, iso } from './expectations';
import {
  clearMessages,
  messages,
  postToPanel,
  sendModel,
  showView,
  waitForMessage,
  type Panel,
} from './harness';
import { usePanelSession } from './panelSession';
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

beforeEach(async () => {
  // Every test starts from the host's model (dropping edits applied locally by the previous one).
  await sendModel(page, model);
  await clearMessages(page);
});

/** A feature with explicit dates whose bar is wide enough to grab in the middle at quarter zoom. */
function datedFeature(): FeatureView {
  const feature = model.features.find((f) => f.start && f.end && day(f.end) - day(f.start) >= 30);
  assert.ok(feature, 'the test model has a feature with dates a month apart');
  return feature;
}

describe('board', () => {
  test('dragging a card to another column posts setField status', async () => {
    await showView(page, 'board');
    const [from, to] = model.statuses;
    const feature = model.features.find((f) => f.status === from!.id)!;
    await page
      .locator(`.card[data-file="${feature.file}"]`)
      .dragTo(page.locator(`.column[data-status="${to!.id}"] .column-body`));
    const message = await waitForMessage(page, (m) => m.type === 'setField');
    assert.deepEqual(message, {
      type: 'setField',
      file: feature.file,
      revision: feature.revision,
      field: 'status',
      value: to!.id,
    });
    // Shown in its new column at once, before the host answers.
    await page.waitForSelector(`.column[data-status="${to!.id}"] .card[data-file="${feature.file}"]`);
  });

  test('Alt+Right moves the focused card to the next column and keeps focus on it', async () => {
    await showView(page, 'board');
    const [, second, third] = model.statuses;
    const feature = model.features.find((f) => f.status === second!.id)!;
    await page.focus(`.card[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowRight');
    const message = await waitForMessage(page, (m) => m.type === 'setField');
    assert.deepEqual(message, {
      type: 'setField',
      file: feature.file,
      revision: feature.revision,
      field: 'status',
      value: third!.id,
    });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-file')), feature.file);
    await page.keyboard.press('Alt+ArrowLeft');
    await waitForMessage(page, (m) => m.type === 'setField' && m.value === second!.id);
  });

  test('double-clicking a card opens its file (a click only selects it)', async () => {
    await showView(page, 'board');
    const feature = model.features[0]!;
    // The first click shows the details pane, which can move a card near the right edge: select, then open.
    await page.click(`.card[data-file="${feature.file}"] .card-title`);
    await page.dblclick(`.card[data-file="${feature.file}"] .card-title`);
    assert.deepEqual(await waitForMessage(page, (m) => m.type === 'openFeature'), {
      type: 'openFeature',
      file: feature.file,
    });
  });
});

describe('timeline', () => {
  test('dragging a bar moves it by whole days and posts setDates', async () => {
    await showView(page, 'timeline');
    const feature = datedFeature();
    const bar = page.locator(`.tl-bar[data-file="${feature.file}"]`);
    await bar.scrollIntoViewIfNeeded();
    const ppd = Number(await page.getAttribute('[data-view="timeline"]', 'data-pixels-per-day'));
    const box = (await bar.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 5 * ppd, y, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 10 * ppd, y, { steps: 4 });
    await page.mouse.up();
    const message = await waitForMessage(page, (m) => m.type === 'setDates');
    assert.deepEqual(message, {
      type: 'setDates',
      file: feature.file,
      revision: feature.revision,
      start: iso(day(feature.start!) + 10),
      end: iso(day(feature.end!) + 10),
    });
    assert.equal(
      (await messages(page)).filter((m) => m.type === 'openFeature').length,
      0,
      'a drag is not a click',
    );
    assert.equal(await bar.getAttribute('data-start'), iso(day(feature.start!) + 10));
  });

  test('dragging the right edge resizes the bar', async () => {
    await showView(page, 'timeline');
    const feature = datedFeature();
    const bar = page.locator(`.tl-bar[data-file="${feature.file}"]`);
    await bar.scrollIntoViewIfNeeded();
    const ppd = Number(await page.getAttribute('[data-view="timeline"]', 'data-pixels-per-day'));
    const box = (await bar.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2 + 7 * ppd, y, { steps: 5 });
    await page.mouse.up();
    const message = await waitForMessage(page, (m) => m.type === 'setDates');
    assert.deepEqual(message, {
      type: 'setDates',
      file: feature.file,
      revision: feature.revision,
      start: feature.start,
      end: iso(day(feature.end!) + 7),
    });
  });

  test('Alt+Arrow moves a focused bar by a week at quarter zoom and a day at month zoom', async () => {
    await showView(page, 'timeline');
    const feature = datedFeature();
    await page.focus(`.tl-bar[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowRight');
    const week = await waitForMessage(page, (m) => m.type === 'setDates');
    assert.deepEqual(week, {
      type: 'setDates',
      file: feature.file,
      revision: feature.revision,
      start: iso(day(feature.start!) + 7),
      end: iso(day(feature.end!) + 7),
    });
    await sendModel(page, model);
    await clearMessages(page);
    await page.click('[data-zoom="month"]');
    await page.focus(`.tl-bar[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowLeft');
    const dayMove = await waitForMessage(page, (m) => m.type === 'setDates');
    assert.deepEqual(dayMove, {
      type: 'setDates',
      file: feature.file,
      revision: feature.revision,
      start: iso(day(feature.start!) - 1),
      end: iso(day(feature.end!) - 1),
    });
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-file')),
      feature.file,
      'focus stays on the bar',
    );
    await page.click('[data-zoom="quarter"]');
  });
});

describe('host messages', () => {
  test('showView switches the view and the selected tab', async () => {
    await postToPanel(page, { type: 'showView', view: 'priority' });
    await page.waitForSelector('[data-view="priority"]');
    assert.equal(await page.getAttribute('[data-view-tab="priority"]', 'aria-selected'), 'true');
    assert.equal(await page.getAttribute('[data-view-tab="timeline"]', 'aria-selected'), 'false');
  });

  test('focus switches to the board when needed, then scrolls to and highlights the feature', async () => {
    await showView(page, 'dependencies');
    const feature = model.features[model.features.length - 1]!;
    await postToPanel(page, { type: 'focus', id: feature.id });
    await page.waitForSelector(`[data-view="board"] .card.flash[data-file="${feature.file}"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-file')), feature.file);
  });

  test('a refused write shows its message as text and drops the optimistic edit', async () => {
    await showView(page, 'board');
    const [from, to] = model.statuses;
    const feature = model.features.find((f) => f.status === from!.id)!;
    await page.focus(`.card[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowRight');
    await page.waitForSelector(`.column[data-status="${to!.id}"] .card[data-file="${feature.file}"]`);
    const text = 'The file changed on disk <b>since</b> the panel drew it.';
    await postToPanel(page, { type: 'writeResult', file: feature.file, ok: false, message: text });
    const notice = page.locator('.notice.error');
    await notice.waitFor();
    assert.equal(await notice.locator('.notice-text').textContent(), text);
    assert.equal(await page.locator('.notice b').count(), 0);
    await page.waitForSelector(`.column[data-status="${from!.id}"] .card[data-file="${feature.file}"]`);
    await notice.locator('button').click();
    assert.equal(await page.locator('.notice').count(), 0);
  });

  test('a new model keeps the view, filters and scroll position', async () => {
    await showView(page, 'board');
    const owner = model.features.find((f) => f.owner)!.owner!;
    await page.selectOption('select[data-filter="owner"]', owner);
    await page.setViewportSize({ width: 700, height: 800 });
    await page.$eval('[data-view="board"] .columns', (element) => (element.scrollLeft = 250));
    const changed = structuredClone(model);
    const target = changed.features.find((f) => f.owner === owner)!;
    target.title = 'Renamed while the panel was open';
    await postToPanel(page, { type: 'model', model: changed });
    await page.waitForSelector(`.card[data-file="${target.file}"] >> text=Renamed while the panel was open`);
    assert.equal(await page.$eval('[data-view="board"] .columns', (element) => element.scrollLeft), 250);
    assert.equal(await page.inputValue('select[data-filter="owner"]'), owner);
    assert.equal(await page.locator('.card').count(), model.features.filter((f) => f.owner === owner).length);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click('[data-action="clear-filters"]');
    assert.equal(await page.locator('.card').count(), model.features.length);
  });
});

describe('tabs and export', () => {
  test('the tab list is keyboard navigable', async () => {
    await showView(page, 'timeline');
    await page.focus('[data-view-tab="timeline"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-view="board"]');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-view-tab')), 'board');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-view="dependencies"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-view="timeline"]');
  });

  const exportAs = async (format: 'svg' | 'png' | 'mermaid'): Promise<string> => {
    await clearMessages(page);
    await page.click('[data-action="export"]');
    await page.click(`[data-export="${format}"]`);
    const message = await waitForMessage(page, (m) => m.type === 'export', 15_000);
    assert.equal(message.type, 'export');
    if (message.type !== 'export') throw new Error('unreachable');
    assert.equal(message.format, format);
    return message.content;
  };

  test('exports the timeline as SVG, PNG and a Mermaid gantt', async () => {
    await showView(page, 'timeline');
    const feature = datedFeature();
    const svg = await exportAs('svg');
    assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes(feature.id), 'the SVG names the features');
    assert.match(await exportAs('png'), /^data:image\/png;base64,[A-Za-z0-9+/]{100,}/);
    const gantt = await exportAs('mermaid');
    assert.match(gantt, /^gantt\n/);
    assert.ok(gantt.includes(`, ${feature.start}, ${iso(day(feature.end!) + 1)}`));
  });

  test('exports the dependency graph, its neighbourhoods and its clusters as SVG, PNG and flowchart source', async () => {
    await showView(page, 'dependencies');
    await page.waitForSelector('.graph-canvas[data-state="done"] svg', { timeout: 20_000 });
    const svg = await exportAs('svg');
    assert.match(svg, /^<svg[^>]+class="dependency-graph"/);
    assert.match(await exportAs('png'), /^data:image\/png;base64,/);
    assert.match(await exportAs('mermaid'), /^flowchart LR\n/);
    // The clusters are Mermaid's drawing.
    await page.click('[data-graph-mode="clusters"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="clusters"] svg', {
      timeout: 20_000,
    });
    assert.ok((await exportAs('svg')).includes('flowchart'), 'the Mermaid drawing itself');
    assert.match(await exportAs('mermaid'), /^flowchart LR\n[\s\S]* -->\|\d+\| /);
    // The neighbourhood, which the panel draws itself, exports as a standalone picture too.
    await page.click('[data-graph-mode="neighbourhood"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="neighbourhood"] g.graph-focus');
    const centre = await page.getAttribute('.graph-canvas g.graph-focus', 'data-id');
    const drawn = await exportAs('svg');
    assert.match(drawn, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]+class="dependency-graph"/);
    assert.match(drawn, /<rect [^>]*fill="#[0-9a-f]{3,8}"/i, 'a background of the theme, written as a value');
    assert.ok(drawn.includes(`${centre}: `), 'the SVG names the feature it is centred on');
    assert.match(await exportAs('png'), /^data:image\/png;base64,[A-Za-z0-9+/]{100,}/);
    assert.match(await exportAs('mermaid'), /^flowchart LR\n[\s\S]*\n {2}class n0 focus$/);
    await page.click('[data-graph-mode="all"]');
    await page.waitForSelector('.graph-canvas[data-state="done"][data-mode="all"] svg', { timeout: 20_000 });
  });

  test('exports the board and priority views', async () => {
    await showView(page, 'board');
    assert.match(await exportAs('svg'), /^<svg/);
    assert.match(await exportAs('mermaid'), /^kanban\n/);
    await showView(page, 'priority');
    assert.match(await exportAs('svg'), /^<svg/);
    assert.match(await exportAs('mermaid'), /^quadrantChart\n/);
    assert.deepEqual(panel.errors, []);
  });
});
