// A large model as the host sends it (src/shared/modelWire.ts, partStride): its first part is drawn at once
// and says the rest is loading; the other parts, in whatever order they come, complete it to every feature;
// a part of a model that a newer one replaced is dropped; and a feature that came in a later part can be
// focused and edited with its own revision.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { encodeFeatures, encodeModel, partFeatures, partStride } from '../../src/shared/modelWire';
import type { ModelPart, RoadmapModel } from '../../src/shared/protocol';
import { postToPanel, showView, waitForMessage } from './harness';
import { usePanelSession } from './panelSession';
import { syntheticModel } from './syntheticModel';

const session = usePanelSession();
let page: Page;
const model: RoadmapModel = syntheticModel(2500);
const stride = partStride(model.features.length);
const parts = {
  stride,
  first: { ...model, features: partFeatures(model.features, stride, 0) },
  rest: Array.from({ length: stride - 1 }, (_, i) => partFeatures(model.features, stride, i + 1)),
};
const serial = 7;

/** Posts an encoded part as VS Code delivers it: a Uint8Array in a message event. */
function postPart(type: 'encodedModel' | 'encodedFeatures', bytes: Uint8Array, part: ModelPart) {
  return page.evaluate(
    ({ type, json, part }) => window.postMessage({ type, json: new TextEncoder().encode(json), part }, '*'),
    { type, json: new TextDecoder().decode(bytes), part },
  );
}

function restPart(residue: number, pending: number, partSerial = serial) {
  return postPart('encodedFeatures', encodeFeatures(parts.rest[residue - 1]!), {
    serial: partSerial,
    stride: parts.stride,
    residue,
    pending,
  });
}

const marks = (name: string) => page.evaluate((mark) => performance.getEntriesByName(mark).length, name);
const count = () => page.textContent('.filter-count');

before(async () => {
  page = (await session.openPage({ width: 1280, height: 800 })).page;
});

describe('a model in parts', () => {
  test('is split in five, the first part a sample of every fifth feature', () => {
    assert.equal(parts.stride, 5);
    assert.equal(parts.first.features.length, 500);
  });

  const postFirst = () =>
    postPart('encodedModel', encodeModel(parts.first), {
      serial,
      stride: parts.stride,
      residue: 0,
      pending: model.features.length - parts.first.features.length,
    });

  test('the first part is drawn at once and says the rest is loading', async () => {
    await postFirst();
    await page.waitForFunction(() => performance.getEntriesByName('roadmap:rendered').length > 0);
    assert.equal(await count(), 'Loading 2500 features…');
    await showView(page, 'board');
    const drawn = await page.$$eval('.view [data-file]', (items) =>
      items.map((item) => item.getAttribute('data-file')),
    );
    assert.ok(drawn.length > 0, 'cards are drawn from the first part');
    const first = new Set(parts.first.features.map((feature) => feature.file));
    assert.ok(drawn.every((file) => file !== null && first.has(file)));
  });

  test('the first part posted again under its serial (before and after ready) is not drawn again', async () => {
    await showView(page, 'timeline');
    const scroller = page.locator('.tl-scroll');
    await scroller.evaluate((element) => (element.scrollTop = 300));
    const rendered = await marks('roadmap:model');
    await postFirst();
    await page.waitForTimeout(100);
    assert.equal(await marks('roadmap:model'), rendered, 'dropped before it was decoded');
    assert.equal(await scroller.evaluate((element) => element.scrollTop), 300, 'the view kept its place');
    await showView(page, 'board');
  });

  test('a part of a replaced model is dropped; the others, in any order, complete it', async () => {
    await restPart(1, 0, serial - 1);
    for (let residue = parts.stride - 1; residue >= 2; residue--)
      await restPart(
        residue,
        parts.rest.slice(0, residue - 1).reduce((sum, part) => sum + part.length, 0),
      );
    await page.waitForTimeout(100);
    assert.equal(await marks('roadmap:complete'), 0, 'still waiting for residue 1');
    assert.equal(await count(), 'Loading 2500 features…');
    await restPart(1, 0);
    await page.waitForFunction(() => performance.getEntriesByName('roadmap:complete').length > 0);
    assert.equal(await count(), '2500 features');
  });

  test('a feature of a later part can be focused and edited with its revision', async () => {
    const feature = model.features.find(
      (candidate, i) => i % parts.stride === 2 && candidate.status === model.statuses[1]!.id,
    )!;
    await postToPanel(page, { type: 'focus', id: feature.id });
    await page.waitForSelector(`[data-view="board"] .card.flash[data-file="${feature.file}"]`);
    await page.keyboard.press('Alt+ArrowRight');
    const message = await waitForMessage(page, (m) => m.type === 'setField');
    assert.deepEqual(message, {
      type: 'setField',
      file: feature.file,
      revision: feature.revision,
      field: 'status',
      value: model.statuses[2]!.id,
    });
  });

  test('the rest of a model, arriving right behind its first part, is read after the first part is painted', async () => {
    const painted = await marks('roadmap:painted');
    const complete = await marks('roadmap:complete');
    // Every part in one task, as fast as they can come: a model of five features in five parts.
    const json = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const messages = [
      {
        type: 'encodedModel',
        json: json(encodeModel({ ...model, features: model.features.slice(0, 1) })),
        part: { serial: 8, stride: 5, residue: 0, pending: 4 },
      },
      ...[1, 2, 3, 4].map((residue) => ({
        type: 'encodedFeatures',
        json: json(encodeFeatures(model.features.slice(residue, residue + 1))),
        part: { serial: 8, stride: 5, residue, pending: 4 - residue },
      })),
    ];
    await page.evaluate((all) => {
      for (const message of all)
        window.postMessage({ ...message, json: new TextEncoder().encode(message.json) }, '*');
    }, messages);
    await page.waitForFunction(
      (before) => performance.getEntriesByName('roadmap:complete').length > before,
      complete,
    );
    const [paintedAt, completeAt] = await page.evaluate(
      (names) => names.map((name) => performance.getEntriesByName(name).at(-1)!.startTime),
      ['roadmap:painted', 'roadmap:complete'],
    );
    assert.equal(await marks('roadmap:painted'), painted + 1);
    assert.ok(
      paintedAt! <= completeAt!,
      `first part painted at ${paintedAt}, the rest read at ${completeAt}`,
    );
    assert.equal(await count(), '5 features');
  });

  test('a whole model after parts replaces them, and late parts of the old one change nothing', async () => {
    const smaller = syntheticModel(40);
    const rendered = await marks('roadmap:rendered');
    await postToPanel(page, { type: 'model', model: smaller });
    await page.waitForFunction(
      (before) => performance.getEntriesByName('roadmap:rendered').length > before,
      rendered,
    );
    await restPart(1, 0);
    await page.waitForTimeout(100);
    assert.equal(await count(), '40 features');
  });
});
