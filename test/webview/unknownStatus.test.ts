// Features whose status is not one of the configured statuses (the host sends the file's own text, or ''
// when there is none): every view still shows them, and the board gathers them in a trailing column that
// cards can leave but not enter.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { clearMessages, messages, sendModel, showView, waitForMessage } from './harness';
import { usePanelSession } from './panelSession';
import { loadTestModel } from './testModel';

const session = usePanelSession();

let model: RoadmapModel;
let page: Page;
/** `status: done` where the config has no 'done', and a file with no status at all. */
let strays: FeatureView[];

before(async () => {
  const example = await loadTestModel();
  assert.ok(!example.statuses.some((status) => status.id === 'done'), 'the example has no "done" status');
  const [first, second] = example.features.filter((feature) => feature.start && feature.end);
  strays = [
    { ...first!, status: 'done' },
    { ...second!, status: '' },
  ];
  model = {
    ...example,
    features: example.features.map(
      (feature) => strays.find((stray) => stray.file === feature.file) ?? feature,
    ),
  };
  page = (await session.openPanel(model, { width: 1440, height: 900 })).page;
});

beforeEach(async () => {
  await sendModel(page, model);
  await clearMessages(page);
});

const unknownColumn = '.column[data-unknown-status]';

describe('features with a status that is not configured', () => {
  test('the board lists them in a trailing "Unknown status" column with a problems badge', async () => {
    await showView(page, 'board');
    const columns = await page.$$eval('[data-view="board"] .column', (elements) =>
      elements.map((element) => ({
        status: element.getAttribute('data-status'),
        unknown: element.hasAttribute('data-unknown-status'),
        files: [...element.querySelectorAll('.card')].map((card) => card.getAttribute('data-file')),
      })),
    );
    assert.deepEqual(
      columns.map((column) => column.status),
      [...model.statuses.map((status) => status.id), null],
    );
    const last = columns[columns.length - 1]!;
    assert.ok(last.unknown);
    assert.deepEqual(last.files.sort(), strays.map((feature) => feature.file).sort());
    // Every feature the header counts is on the board.
    assert.equal(
      columns.reduce((sum, column) => sum + column.files.length, 0),
      model.features.length,
    );
    const header = page.locator(`${unknownColumn} .column-header`);
    assert.equal(await header.locator('.column-title').textContent(), 'Unknown status');
    assert.equal(await header.locator('.count').textContent(), String(strays.length));
    assert.equal(await header.locator('.problems.has-warnings').count(), 1);
    // Each card says what its file has.
    const notes = await page.$$eval(`${unknownColumn} .card-note.warning`, (elements) =>
      elements.map((element) => element.textContent),
    );
    assert.deepEqual(notes.sort(), ['No status', 'Unknown status “done”'].sort());
  });

  test('a card dragged out of it gets the status of the column it lands in', async () => {
    await showView(page, 'board');
    // The neighbouring column: both in view at once (dragTo scrolls, and a scroll mid-drag loses the card).
    const target = model.statuses[model.statuses.length - 1]!;
    await page
      .locator(`${unknownColumn} .card[data-file="${strays[0]!.file}"]`)
      .dragTo(page.locator(`.column[data-status="${target.id}"] .column-body`));
    const message = await waitForMessage(page, (m) => m.type === 'setField');
    assert.deepEqual(message, {
      type: 'setField',
      file: strays[0]!.file,
      revision: strays[0]!.revision,
      field: 'status',
      value: target.id,
    });
    await page.waitForSelector(`.column[data-status="${target.id}"] .card[data-file="${strays[0]!.file}"]`);
  });

  test('nothing can be dropped into it', async () => {
    await showView(page, 'board');
    const neighbour = model.statuses[model.statuses.length - 1]!;
    const feature = model.features.find((f) => f.status === neighbour.id)!;
    await page
      .locator(`.card[data-file="${feature.file}"]`)
      .dragTo(page.locator(`${unknownColumn} .column-body`));
    await page.waitForTimeout(200);
    assert.deepEqual(
      (await messages(page)).filter((m) => m.type === 'setField'),
      [],
    );
    assert.equal(await page.locator(`${unknownColumn} .card[data-file="${feature.file}"]`).count(), 0);
  });

  test('Alt+Left moves a card from it to the last configured status; Alt+Right does nothing', async () => {
    await showView(page, 'board');
    const card = `.card[data-file="${strays[1]!.file}"]`;
    await page.focus(card);
    await page.keyboard.press('Alt+ArrowRight');
    await page.waitForTimeout(100);
    assert.deepEqual(
      (await messages(page)).filter((m) => m.type === 'setField'),
      [],
    );
    await page.keyboard.press('Alt+ArrowLeft');
    const last = model.statuses[model.statuses.length - 1]!;
    const message = await waitForMessage(page, (m) => m.type === 'setField');
    assert.equal(message.type === 'setField' && message.value, last.id);
  });

  test('now/next/later, MoSCoW and priority still show them', async () => {
    for (const view of ['horizons', 'moscow', 'priority'] as const) {
      await showView(page, view);
      const files = await page.$$eval(`[data-view="${view}"] [data-file]`, (elements) =>
        elements.map((element) => element.getAttribute('data-file')),
      );
      for (const stray of strays) assert.ok(files.includes(stray.file), `${view} shows ${stray.id}`);
    }
    await showView(page, 'horizons');
    const note = await page.textContent(`.card[data-file="${strays[0]!.file}"] .card-note`);
    assert.equal(note, 'Unknown status “done”');
    assert.equal(
      await page.locator('[data-view="horizons"] .card').count(),
      model.features.length,
      'every feature is in a horizon',
    );
  });
});
