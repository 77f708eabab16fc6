// Views follow the data: a roadmap whose features carry no MoSCoW priority or no score does not offer the
// MoSCoW and Priority views (the host says what the features use); one that does, offers them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import { launchBrowser, openPanel, sendModel, startServer, type PanelServer } from './harness';
import { loadTestModel } from './testModel';

let server: PanelServer;
let browser: Browser;
let page: Page;
let model: RoadmapModel;

before(async () => {
  model = await loadTestModel();
  server = await startServer();
  browser = await launchBrowser();
  page = (await openPanel(browser, server.origin, model, { width: 1440, height: 900 })).page;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const hiddenTabs = (page: Page) =>
  page.$$eval('[data-view-tab]', (tabs) =>
    tabs.filter((tab) => (tab as HTMLElement).hidden).map((tab) => tab.getAttribute('data-view-tab')),
  );

describe('tabs for what the features use', () => {
  test('a roadmap without priorities or scores hides the MoSCoW and Priority tabs', async () => {
    await sendModel(page, { ...model, uses: { moscow: false, scoring: false } });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#tab-moscow')?.hidden === true);
    assert.deepEqual((await hiddenTabs(page)).sort(), ['moscow', 'priority']);
  });

  test('a roadmap that uses them shows every tab', async () => {
    await sendModel(page, { ...model, uses: { moscow: true, scoring: true } });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#tab-moscow')?.hidden === false);
    assert.deepEqual(await hiddenTabs(page), []);
  });
});
