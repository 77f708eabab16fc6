// The panel as a daily workspace: the details pane, editing in place, undo and redo, the MoSCoW and Priority
// edits, narrow layouts and restored state, in a real browser.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import {
  clearMessages,
  launchBrowser,
  messages,
  openPanel,
  postToPanel,
  sendModel,
  showView,
  startServer,
  waitForMessage,
  type PanelServer,
} from './harness';
import { loadTestModel } from './testModel';

let server: PanelServer;
let browser: Browser;
let model: RoadmapModel;
let page: Page;

before(async () => {
  model = await loadTestModel();
  server = await startServer();
  browser = await launchBrowser();
  page = (await openPanel(browser, server.origin, model, { width: 1400, height: 900 })).page;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await sendModel(page, model);
  await page.keyboard.press('Escape');
  await clearMessages(page);
});

const firstWithStatus = () => model.features.find((f) => f.status === model.statuses[0]!.id)!;

describe('details pane', () => {
  test('a click selects and shows the feature; only a double click opens the file, once', async () => {
    await showView(page, 'board');
    const feature = firstWithStatus();
    await page.click(`.card[data-file="${feature.file}"] .card-title`);
    await page.waitForSelector('.details:not([hidden])');
    assert.equal(await page.textContent('.details h1'), feature.title);
    assert.deepEqual(await waitForMessage(page, (m) => m.type === 'details'), {
      type: 'details',
      file: feature.file,
    });
    assert.equal(
      (await messages(page)).filter((m) => m.type === 'openFeature').length,
      0,
      'a click does not open',
    );
    await page.dblclick(`.card[data-file="${feature.file}"] .card-title`);
    await waitForMessage(page, (m) => m.type === 'openFeature');
    assert.equal(
      (await messages(page)).filter((m) => m.type === 'openFeature').length,
      1,
      'one open per double click',
    );
    await page.click('[data-action="open-file"]');
    assert.equal((await messages(page)).filter((m) => m.type === 'openFeature').length, 2);
  });

  test('the body is rendered as text: markup in a feature file never becomes HTML', async () => {
    await showView(page, 'board');
    const feature = firstWithStatus();
    await page.click(`.card[data-file="${feature.file}"] .card-title`);
    await postToPanel(page, {
      type: 'details',
      details: {
        file: feature.file,
        formula: 'reach × impact × confidence ÷ effort',
        scoreExplanation: '1200 × 2 × 80% ÷ 3 = 640',
        evidence: [{ url: 'https://feedback.example.com/1', note: 'Call with ACME' }],
        body: [
          { kind: 'heading', depth: 2, text: [{ text: 'Why' }] },
          { kind: 'paragraph', text: [{ text: '<img src=x onerror="window.__pwned=1">' }] },
          { kind: 'list', ordered: false, items: [{ checked: true, text: [{ text: 'done' }] }] },
        ],
      },
    });
    await page.waitForSelector('.details-body h4');
    assert.equal(await page.locator('.details-body img').count(), 0);
    assert.match((await page.textContent('.details-body p')) ?? '', /<img src=x/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.textContent('.formula'), '1200 × 2 × 80% ÷ 3 = 640');
    await page.click('.details-evidence a');
    assert.deepEqual(await waitForMessage(page, (m) => m.type === 'openLink'), {
      type: 'openLink',
      url: 'https://feedback.example.com/1',
    });
  });

  test('editing a field posts one checked edit; undo and redo go back through the host', async () => {
    await showView(page, 'board');
    const feature = firstWithStatus();
    const target = model.statuses[1]!;
    await page.click(`.card[data-file="${feature.file}"] .card-title`);
    await page.selectOption('.details select[data-field="status"]', target.id);
    const edit = await waitForMessage(page, (m) => m.type === 'setFields');
    assert.deepEqual(edit, {
      type: 'setFields',
      file: feature.file,
      revision: feature.revision,
      edits: [{ field: 'status', value: target.id }],
      edit: (edit as { edit: number }).edit,
    });
    // The card moved at once, before the host answered.
    await page.waitForSelector(`.column[data-status="${target.id}"] .card[data-file="${feature.file}"]`);
    await postToPanel(page, { type: 'writeResult', file: feature.file, ok: true });
    await page.waitForSelector('.notice >> text=Ctrl+Z undoes it');
    // The host's next model carries a new revision: undo must use it.
    const changed = structuredClone(model);
    Object.assign(
      changed.features.find((f) => f.file === feature.file)!,
      { status: target.id, revision: 'r2' },
    );
    await sendModel(page, changed);
    await clearMessages(page);
    await page.locator('.view-host').focus();
    await page.keyboard.press('Control+z');
    assert.deepEqual(
      { ...(await waitForMessage(page, (m) => m.type === 'setFields')), edit: 0 },
      {
        type: 'setFields',
        file: feature.file,
        revision: 'r2',
        edits: [{ field: 'status', value: feature.status }],
        edit: 0,
      },
    );
    await postToPanel(page, { type: 'writeResult', file: feature.file, ok: true });
    await page.waitForSelector('.notice >> text=Undone');
    await clearMessages(page);
    await page.keyboard.press('Control+Shift+z');
    const redo = await waitForMessage(page, (m) => m.type === 'setFields');
    assert.deepEqual((redo as { edits: unknown }).edits, [{ field: 'status', value: target.id }]);
  });

  test('a refused edit shows the rule message and the pane shows the file value again', async () => {
    await showView(page, 'board');
    const feature = firstWithStatus();
    await page.click(`.card[data-file="${feature.file}"] .card-title`);
    await page.fill('.details input[data-field="quarter"]', '2026-Q7');
    await page.keyboard.press('Enter');
    await waitForMessage(page, (m) => m.type === 'setFields');
    await postToPanel(page, {
      type: 'writeResult',
      file: feature.file,
      ok: false,
      message: "Not saved: Quarter '2026-Q7' is not yyyy-Q1 to yyyy-Q4.",
    });
    await page.waitForSelector('.notice.error >> text=2026-Q7');
    assert.equal(await page.inputValue('.details input[data-field="quarter"]'), feature.quarter ?? '');
  });
});

describe('every view editable', () => {
  test('the Priority table edits RICE inputs in place, with the rubric labels', async () => {
    await showView(page, 'priority');
    const feature = model.features.find((f) => f.reach !== undefined)!;
    await page.click(`tr[data-file="${feature.file}"] td.col-reach`);
    const input = page.locator(`tr[data-file="${feature.file}"] input[data-rice="reach"]`);
    await input.fill('2,500');
    await input.press('Enter');
    assert.deepEqual(await waitForMessage(page, (m) => m.type === 'setField'), {
      type: 'setField',
      file: feature.file,
      revision: feature.revision,
      field: 'reach',
      value: '2,500',
    });
    await page.click(`tr[data-file="${feature.file}"] td.col-impact`);
    const labels = await page
      .locator(`tr[data-file="${feature.file}"] select[data-rice="impact"] option`)
      .allTextContents();
    assert.ok(labels.includes('0.25 Minimal'), labels.join('|'));
  });

  test('Alt+Up moves a MoSCoW card to the next higher priority (as a drop on that group does)', async () => {
    await showView(page, 'moscow');
    const feature = model.features.find((f) => f.moscow === 'could' && f.milestone)!;
    await page.focus(`.moscow .card[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowUp');
    const message = await waitForMessage(page, (m) => m.type === 'setFields');
    assert.deepEqual((message as { edits: unknown }).edits, [{ field: 'moscow', value: 'should' }]);
    await page.waitForSelector(
      `.moscow-group[data-moscow="should"][data-milestone="${feature.milestone}"] .card[data-file="${feature.file}"]`,
    );
  });
});

describe('capacity', () => {
  test('the MoSCoW view shows load against each team capacity, over capacity in the error colour', async () => {
    const withCapacity = structuredClone(model);
    const feature = withCapacity.features.find(
      (f) => f.team && f.effort && f.milestone && f.moscow !== 'wont',
    )!;
    const load = withCapacity.features
      .filter(
        (f) =>
          f.team === feature.team &&
          f.milestone === feature.milestone &&
          f.effort &&
          f.moscow !== 'wont' &&
          f.status !== 'dropped',
      )
      .reduce((sum, f) => sum + f.effort!, 0);
    withCapacity.capacity = { [feature.team!]: { [feature.milestone!]: load - 0.5 } };
    await sendModel(page, withCapacity);
    await showView(page, 'moscow');
    const row = page.locator(
      `.capacity-table tr[data-team="${feature.team}"][data-period="${feature.milestone}"]`,
    );
    assert.equal(Number(await row.getAttribute('data-load')), Math.round(load * 100) / 100);
    assert.match((await row.getAttribute('class')) ?? '', /over/);
    assert.equal(await page.locator('details.capacity').getAttribute('open'), '');
  });
});

describe('timeline', () => {
  test('an unscheduled feature dragged onto the chart gets two weeks of dates from where it lands', async () => {
    const unscheduled = structuredClone(model);
    const feature = unscheduled.features[0]!;
    for (const key of ['start', 'end', 'quarter', 'milestone'] as const) delete feature[key];
    await sendModel(page, unscheduled);
    await showView(page, 'timeline');
    const chip = page.locator(`.chip-item[data-file="${feature.file}"]`);
    await chip.scrollIntoViewIfNeeded();
    await chip.dragTo(page.locator('.tl-body'), { targetPosition: { x: 600, y: 20 } });
    const message = (await waitForMessage(page, (m) => m.type === 'setDates')) as {
      start: string;
      end: string;
    };
    const days = (Date.parse(message.end) - Date.parse(message.start)) / 86_400_000;
    assert.equal(days, 13);
  });
});

describe('layouts that hold', () => {
  test('at 500 px the tabs become a menu, Export covers nothing and the score stays in sight', async () => {
    const narrow = (await openPanel(browser, server.origin, model, { width: 500, height: 800 })).page;
    assert.equal(await narrow.locator('.tabs').isVisible(), false);
    await narrow.selectOption('.view-menu', 'priority');
    await narrow.waitForSelector('[data-view="priority"]');
    const menu = (await narrow.locator('.view-menu').boundingBox())!;
    const exportButton = (await narrow.locator('[data-action="export"]').boundingBox())!;
    assert.ok(menu.x + menu.width <= exportButton.x, 'the view menu ends before Export starts');
    assert.ok(exportButton.x + exportButton.width <= 500, 'Export is inside the panel');
    await narrow.$eval('.table-wrap', (element) => (element.scrollLeft = 400));
    const score = (await narrow.locator('tr.row td.col-score').first().boundingBox())!;
    assert.ok(score.x >= 0 && score.x + score.width <= 500, `score cell at ${score.x}`);
    await narrow.close();
  });

  test('a state sent by the host (panel reopened) restores view, filters and selection', async () => {
    const fresh = (await openPanel(browser, server.origin, model, { width: 1200, height: 800 })).page;
    const feature = model.features[2]!;
    await postToPanel(fresh, {
      type: 'restoreState',
      state: { view: 'priority', zoom: 'year', filters: { owner: [feature.owner] }, selected: feature.file },
    });
    await fresh.waitForSelector('[data-view="priority"]');
    await fresh.waitForSelector('.details:not([hidden])');
    assert.equal(await fresh.textContent('.details h1'), feature.title);
    assert.equal(await fresh.locator('select[data-filter="owner"]').inputValue(), feature.owner);
    // The host posts it while the page loads and again after 'ready': only the first is applied.
    await postToPanel(fresh, { type: 'restoreState', state: { view: 'board' } });
    await postToPanel(fresh, { type: 'focus', id: feature.id });
    await fresh.waitForSelector(`[data-view="priority"] .flash[data-file="${feature.file}"]`);
    await fresh.close();
  });

  test('the UI state is handed to the host to keep', async () => {
    await showView(page, 'horizons');
    const saved = await waitForMessage(
      page,
      (m) => m.type === 'saveState' && (m.state as { view?: string }).view === 'horizons',
    );
    assert.equal((saved as { state: { view: string } }).state.view, 'horizons');
  });
});
