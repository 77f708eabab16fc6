// The model as the host really sends it: encoded bytes (src/shared/modelWire.ts) in an 'encodedModel' message,
// decoded and validated by the page; bytes that are not a model are ignored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { encodeModel } from '../../src/shared/modelWire';
import type { RoadmapModel } from '../../src/shared/protocol';
import { launchBrowser, openPage, startServer, type PanelServer } from './harness';
import { loadTestModel } from './testModel';

let server: PanelServer;
let browser: Browser;
let page: Page;
let model: RoadmapModel;

/** Posts `text` as the bytes of an 'encodedModel' message, as VS Code delivers a Uint8Array. */
const postBytes = (text: string) =>
  page.evaluate((json) => {
    window.postMessage({ type: 'encodedModel', json: new TextEncoder().encode(json) }, '*');
  }, text);

const renders = () => page.evaluate(() => performance.getEntriesByName('roadmap:rendered').length);

before(async () => {
  model = await loadTestModel();
  server = await startServer();
  browser = await launchBrowser();
  page = (await openPage(browser, server.origin, { width: 1280, height: 800 })).page;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the encoded model', () => {
  test('bytes that are not a model draw nothing', async () => {
    await postBytes('{"featureKeys":["id"],"featureRows":"no"}');
    await postBytes('not json at all');
    await page.waitForTimeout(200);
    assert.equal(await renders(), 0);
  });

  test('is decoded and drawn like the model itself', async () => {
    await postBytes(new TextDecoder().decode(encodeModel(model)));
    await page.waitForFunction(() => performance.getEntriesByName('roadmap:rendered').length > 0);
    const files = await page.$$eval('.view [data-file]', (items) =>
      items.map((item) => item.getAttribute('data-file')),
    );
    assert.ok(files.length > 0, 'features are drawn');
    const known = new Set(model.features.map((feature) => feature.file));
    assert.ok(files.every((file) => file !== null && known.has(file)));
  });
});
