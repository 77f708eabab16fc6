// Features on the same spot of the value/effort chart (RICE's coarse scales make it common in a small roadmap)
// are one dot with their count, not dots hidden under the top one: a click selects the best of them, each
// further click the next, and a feature selected in the table shows on its stack's dot. In Chromium.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { usePanelSession } from './panelSession';
import { syntheticModel } from './syntheticModel';

const session = usePanelSession();

/** Under RICE, a feature with an effort and a value is plotted. */
const isPlotted = (feature: FeatureView): boolean =>
  !!(feature.effort && feature.reach && feature.impact && feature.confidence);

/** A small roadmap in which three features have the same effort and RICE value, scored 300, 200 and 100. */
function modelWithAStack(): { model: RoadmapModel; stack: string[] } {
  const model = syntheticModel(24);
  const stacked = model.features.filter(isPlotted).slice(0, 3);
  stacked.forEach((feature, index) => {
    Object.assign(feature, { reach: 1000, impact: 1, confidence: 100, effort: 2, score: 300 - 100 * index });
  });
  return { model, stack: stacked.map((feature) => feature.file) };
}

const selectedFile = (page: Page) =>
  page.$eval('.quadrant-chart .point.stacked', (dot) => ({
    file: dot.getAttribute('data-file'),
    selected: dot.classList.contains('selected'),
  }));

test('features on one spot are one dot with their count; clicks walk through them, best first', async () => {
  const { model, stack } = modelWithAStack();
  const { page, errors } = await session.openPanel(model, { width: 1400, height: 900 });
  try {
    await page.click('[data-view-tab="priority"]');
    const dot = page.locator('.quadrant-chart .point.stacked');
    assert.equal(await dot.count(), 1, 'one dot for the three features');
    assert.deepEqual(JSON.parse((await dot.getAttribute('data-stack'))!), stack);
    assert.equal(await page.textContent('.quadrant-chart .stack-count'), '3');
    const plotted = await page.$$eval('.quadrant-chart .point', (dots) => dots.length);
    assert.equal(plotted, model.features.filter(isPlotted).length - 2, 'the others keep a dot each');

    // Each click selects the next feature of the stack (the details pane follows), then the first again.
    for (const expected of [stack[0], stack[1], stack[2], stack[0]]) {
      await dot.click();
      assert.deepEqual(await selectedFile(page), { file: expected, selected: true });
      const id = model.features.find((feature) => feature.file === expected)!.id;
      await page.waitForFunction(
        (wanted) => document.querySelector('.details')?.textContent?.includes(wanted),
        id,
      );
    }

    // Selected in the table: the stack's dot stands for it; anything else selected: for its best again.
    const third = model.features.find((feature) => feature.file === stack[2])!;
    await page.click(`.priority tr[data-file="${third.file}"] td.col-title`);
    assert.deepEqual(await selectedFile(page), { file: stack[2], selected: true });
    const other = model.features.find((feature) => isPlotted(feature) && !stack.includes(feature.file))!;
    await page.click(`.priority tr[data-file="${other.file}"] td.col-title`);
    assert.deepEqual(await selectedFile(page), { file: stack[0], selected: false });
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
