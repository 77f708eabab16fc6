// The dependency view loads Mermaid lazily, from chunks of its own, for its clusters. In VS Code such a fetch has been seen to
// fail once ("Failed to fetch dynamically imported module") and work on the next try: the panel retries by
// itself, and when it gives up, says so with a Retry button. Fetch failures are made up here with
// page.route, each test on a fresh page (a module that did load stays loaded for the life of the page).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import { showView } from './harness';
import { usePanelSession } from './panelSession';
import { loadTestModel } from './testModel';

const session = usePanelSession();

let model: RoadmapModel;

before(async () => {
  model = await loadTestModel();
});

/** Makes the first `failures` fetches of matching URLs fail like a network error; returns every URL asked. */
async function failFirst(page: Page, pattern: RegExp, failures: number): Promise<string[]> {
  const requested: string[] = [];
  let left = failures;
  await page.route(pattern, async (route) => {
    requested.push(route.request().url());
    if (left-- > 0) await route.abort('failed');
    else await route.continue();
  });
  return requested;
}

const mermaidChunk = /\/chunks\/mermaid\.core-[^/?]+\.js(\?.*)?$/;
const drawn = '.graph-canvas[data-state="done"][data-mode="clusters"] svg g.node';

/** The dependency view's clusters, which Mermaid draws (the panel draws the whole graph itself). */
async function showClusters(page: Page): Promise<void> {
  await showView(page, 'dependencies');
  await page.click('[data-graph-mode="clusters"]');
}

describe('loading Mermaid', () => {
  test('a Mermaid chunk that fails to fetch once is fetched again and the graph is drawn', async () => {
    const { page } = await session.openPanel(model);
    try {
      const requested = await failFirst(page, mermaidChunk, 1);
      await showClusters(page);
      await page.waitForSelector(drawn, { timeout: 20_000 });
      assert.equal(requested.length, 2, requested.join('\n'));
      assert.equal(await page.locator('.error-box').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('a diagram chunk Mermaid loads itself is retried too', async () => {
    const { page } = await session.openPanel(model);
    try {
      const requested = await failFirst(page, /\/chunks\/flowDiagram-[^/?]+\.js(\?.*)?$/, 1);
      await showClusters(page);
      await page.waitForSelector(drawn, { timeout: 20_000 });
      assert.ok(requested.length >= 2, requested.join('\n'));
      assert.equal(await page.locator('.error-box').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('after three failed tries the error offers Retry, which draws the graph', async () => {
    const { page } = await session.openPanel(model);
    try {
      const requested = await failFirst(page, mermaidChunk, 3);
      await showClusters(page);
      await page.waitForSelector('.graph-canvas[data-state="error"]', { timeout: 20_000 });
      assert.equal(requested.length, 3, requested.join('\n'));
      // The last try asks for the chunk under a new URL, for browsers that remember a failed fetch.
      assert.match(requested[2]!, /\?retry=\d+$/);
      const box = page.locator('.error-box[role="alert"]');
      assert.match((await box.textContent()) ?? '', /Failed to fetch dynamically imported module/);
      await box.locator('button[data-action="retry"]').click();
      await page.waitForSelector(drawn, { timeout: 20_000 });
      assert.equal(await page.locator('.error-box').count(), 0);
      assert.equal(requested.length, 4);
    } finally {
      await page.context().close();
    }
  });
});
