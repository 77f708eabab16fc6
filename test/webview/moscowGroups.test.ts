// MoSCoW at 1,000 features: thirty groups (milestones × priorities) of fewer than 50 cards each share their
// column's scroller. Drawn whole they were 850 cards and 170-390 ms per tab switch in the real VS Code; a
// long column now draws only the cards in view, yet each group still counts all of its features, scrolling
// reaches the last card of the last group, a host focus reaches any card, and Alt+Arrow still moves one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';
import { launchBrowser, openPanel, postToPanel, showView, startServer, type PanelServer } from './harness';
import { syntheticModel } from './syntheticModel';

let server: PanelServer;
let browser: Browser;
let model: RoadmapModel;
let page: Page;
let errors: string[];

before(async () => {
  model = syntheticModel(1000);
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await openPanel(browser, server.origin, model, { width: 1400, height: 900 }));
  await showView(page, 'moscow');
});

after(async () => {
  assert.deepEqual(errors, []);
  await browser?.close();
  await server?.close();
});

/** The milestone with the most features, and its groups' features in the order the view shows them. */
function longestColumn(): { milestone: string; groups: Map<string, FeatureView[]> } {
  const byMilestone = new Map<string, FeatureView[]>();
  for (const feature of model.features) {
    const id = feature.milestone ?? '';
    byMilestone.set(id, [...(byMilestone.get(id) ?? []), feature]);
  }
  const [milestone, features] = [...byMilestone].sort((a, b) => b[1].length - a[1].length)[0]!;
  const groups = new Map<string, FeatureView[]>();
  for (const group of ['must', 'should', 'could', 'wont', 'none'])
    groups.set(
      group,
      features
        .filter((feature) => (feature.moscow ?? 'none') === group)
        .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity)),
    );
  return { milestone, groups };
}

describe('MoSCoW groups of a large roadmap', () => {
  test('draws the cards in view, not every card, and every group counts all of its features', async () => {
    const drawn = await page.locator('.view .card').count();
    assert.ok(drawn < model.features.length / 3, `${drawn} of ${model.features.length} cards drawn`);
    const { milestone, groups } = longestColumn();
    const sizes = [...groups.values()].map((members) => members.length);
    assert.ok(
      sizes.some((size) => size > 0 && size <= 50),
      `a group short enough to be drawn whole on its own: ${sizes}`,
    );
    for (const [group, members] of groups) {
      if (members.length === 0) continue;
      const section = page.locator(`.moscow-group[data-milestone="${milestone}"][data-moscow="${group}"]`);
      assert.equal(await section.locator('.count').textContent(), String(members.length));
      assert.equal(await section.locator('ul.virtual').getAttribute('data-total'), String(members.length));
    }
  });

  test('scrolling the column reaches the last card of its last group, and back the first', async () => {
    const { milestone, groups } = longestColumn();
    const lists = [...groups.values()].filter((members) => members.length > 0);
    const body = page.locator(`.column[data-milestone="${milestone}"] .column-body`);
    await body.evaluate((element) => (element.scrollTop = element.scrollHeight));
    const last = body.locator(`.card[data-file="${lists.at(-1)!.at(-1)!.file}"]`);
    await last.waitFor();
    assert.ok(await last.isVisible(), 'the last card is in view at the bottom');
    await body.evaluate((element) => (element.scrollTop = 0));
    const first = body.locator(`.card[data-file="${lists[0]![0]!.file}"]`);
    await first.waitFor();
    assert.ok(await first.isVisible(), 'the first card is in view at the top');
  });

  test('a host focus reaches a card of a group out of view, and Alt+Arrow moves it', async () => {
    const { groups } = longestColumn();
    const deep = [...groups.values()]
      .filter((members) => members.length > 0)
      .at(-1)!
      .at(-1)!;
    await postToPanel(page, { type: 'focus', id: deep.id });
    await page.waitForFunction(
      (file) => document.activeElement?.getAttribute('data-file') === file,
      deep.file,
    );
    await page.evaluate(() => {
      window.__messages.length = 0;
    });
    await page.keyboard.press('Alt+ArrowUp');
    const posted = await page.evaluate(() => window.__messages);
    assert.ok(
      posted.some((message) => message.type === 'setFields' && message.file === deep.file),
      JSON.stringify(posted),
    );
  });
});
