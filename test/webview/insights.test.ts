// Task-list progress arrives after the model ('insights'), so the first render never waits for the bodies:
// the cards gain their progress when the counts come, keep them across a model whose file did not change,
// and drop them for a file that did.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import {
  launchBrowser,
  openPanel,
  postToPanel,
  sendModel,
  showView,
  startServer,
  type PanelServer,
} from './harness';
import { loadTestModel } from './testModel';

let server: PanelServer;
let browser: Browser;
let page: Page;
let model: RoadmapModel;
let target: FeatureView;

/** The model as the host sends it: no task counts, progress only where the front-matter gives one. */
function withoutTasks(source: RoadmapModel): RoadmapModel {
  return {
    ...source,
    features: source.features.map(({ tasks: _tasks, ...feature }) => feature),
  };
}

const progressLabel = (file: string) =>
  page.evaluate(
    (file) =>
      document
        .querySelector(`.view [data-file="${CSS.escape(file)}"] .progress-label`)
        ?.textContent?.trim() ?? null,
    file,
  );

before(async () => {
  const loaded = await loadTestModel();
  const candidate = loaded.features.find((feature) => feature.progress === undefined);
  assert.ok(candidate, 'the test model has a feature without a progress field');
  target = candidate;
  model = withoutTasks(loaded);
  server = await startServer();
  browser = await launchBrowser();
  page = (await openPanel(browser, server.origin, model, { width: 1440, height: 900 })).page;
  await showView(page, 'board');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('body insights after the model', () => {
  test('a card has no task progress until the counts arrive, then shows them', async () => {
    assert.equal(await progressLabel(target.file), null);
    await postToPanel(page, { type: 'insights', tasks: [{ file: target.file, done: 1, total: 4 }] });
    await page.waitForFunction(
      (file) => document.querySelector(`.view [data-file="${CSS.escape(file)}"] .progress-label`) !== null,
      target.file,
    );
    assert.equal(await progressLabel(target.file), '1/4');
  });

  test('a new model keeps the counts of an unchanged file and drops those of a changed one', async () => {
    await sendModel(page, model);
    assert.equal(await progressLabel(target.file), '1/4', 'same revision: counts carried over');
    await sendModel(page, {
      ...model,
      features: model.features.map((feature) =>
        feature.file === target.file ? { ...feature, revision: `${feature.revision}-edited` } : feature,
      ),
    });
    assert.equal(await progressLabel(target.file), null, 'new revision: wait for its own counts');
  });

  test('malformed insights are ignored', async () => {
    await postToPanel(page, { type: 'insights', tasks: [{ file: target.file, done: 'all', total: 4 }] });
    await postToPanel(page, { type: 'insights', tasks: { [target.file]: [1, 2] } });
    await page.waitForTimeout(200);
    assert.equal(await progressLabel(target.file), null);
  });
});
