// The panel's UI state survives the webview being re-created (VS Code reload, panel serializer): it is saved
// with setState and restored from getState, and a saved state it cannot use is ignored.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { RoadmapModel } from '../../src/shared/protocol';
import { sendModel, showView, waitForMessage } from './harness';
import { usePanelSession } from './panelSession';
import { loadTestModel } from './testModel';

const session = usePanelSession();

let model: RoadmapModel;

before(async () => {
  model = await loadTestModel();
});

test('view, filters, zoom and grouping survive a reload', async () => {
  const { page, errors } = await session.openPanel(model);
  await page.click('[data-zoom="month"]');
  await page.selectOption('[data-swimlane]', 'owner');
  const team = model.features.find((feature) => feature.team)!.team!;
  await page.selectOption('select[data-filter="team"]', team);
  await page.fill('input[data-filter="text"]', 'e');
  await showView(page, 'board');
  const expected = model.features.filter(
    (f) =>
      f.team === team &&
      [f.id, f.title, f.owner, f.team, f.milestone, f.goal, f.status, ...f.tags]
        .join(' ')
        .toLowerCase()
        .includes('e'),
  ).length;
  await page.waitForFunction((count) => document.querySelectorAll('.card').length === count, expected);
  // The text filter is saved after its debounce: reload only once the state holds it.
  await page.waitForFunction(
    () => JSON.parse(sessionStorage.getItem('__roadmapWebviewState') ?? '{}').filters?.text === 'e',
  );

  await page.reload();
  await waitForMessage(page, (message) => message.type === 'ready');
  await sendModel(page, model);
  await page.waitForSelector('[data-view="board"]');
  assert.equal(await page.getAttribute('[data-view-tab="board"]', 'aria-selected'), 'true');
  assert.equal(await page.inputValue('select[data-filter="team"]'), team);
  assert.equal(await page.inputValue('input[data-filter="text"]'), 'e');
  assert.equal(await page.locator('.card').count(), expected);
  await showView(page, 'timeline');
  assert.equal(await page.getAttribute('[data-zoom="month"]', 'aria-pressed'), 'true');
  assert.equal(await page.inputValue('[data-swimlane]'), 'owner');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a saved state from another version is ignored field by field', async () => {
  const { page, errors } = await session.openPanel(model);
  await page.evaluate(() =>
    sessionStorage.setItem(
      '__roadmapWebviewState',
      JSON.stringify({
        view: 'gallery',
        zoom: 'decade',
        sort: { key: 'score', dir: 'asc' },
        filters: { owner: 42, text: 'x'.repeat(5000) },
      }),
    ),
  );
  await page.reload();
  await waitForMessage(page, (message) => message.type === 'ready');
  await sendModel(page, model);
  await page.waitForSelector('[data-view="timeline"]');
  assert.equal(await page.getAttribute('[data-zoom="quarter"]', 'aria-pressed'), 'true');
  assert.equal(await page.inputValue('select[data-filter="owner"]'), '');
  assert.equal((await page.inputValue('input[data-filter="text"]')).length, 200);
  await showView(page, 'priority');
  assert.equal(await page.getAttribute('th.col-score', 'aria-sort'), 'ascending');
  assert.deepEqual(errors, []);
  await page.context().close();
});
