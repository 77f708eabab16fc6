// Baseline mode in a real Chromium: the panel draws the example roadmap, the host posts a baseline built by the
// core from a real diff shape, and every view shows it: a ghost bar at the baseline's dates with the slip on the
// timeline, badges on the board, Now/Next/Later, MoSCoW and priority views, a banner naming the removed features;
// hostile text stays text, a malformed message is ignored, and `null` leaves the mode.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baselineView } from '../../src/core/history/baselineView';
import type { RoadmapDiff } from '../../src/core/history/diff';
import type { RoadmapModel } from '../../src/shared/protocol';
import {
  launchBrowser,
  openPanel,
  postToPanel,
  showView,
  startServer,
  type Panel,
  type PanelServer,
} from './harness';
import { loadTestModel } from './testModel';

let server: PanelServer;
let browser: Browser;
let model: RoadmapModel;
let panel: Panel;
let page: Page;

before(async () => {
  model = await loadTestModel();
  server = await startServer();
  browser = await launchBrowser();
  panel = await openPanel(browser, server.origin, model);
  page = panel.page;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const hostile = '<img src=x onerror="window.__pwned=1"> @everyone';

/** A diff as `roadmap diff --format json` gives it: F-012 slipped two weeks, F-014 re-prioritised, F-020 new. */
function diffOf(model: RoadmapModel): RoadmapDiff {
  const feature = (id: string) => model.features.find((entry) => entry.id === id)!;
  const slipped = feature('F-012');
  const addDays = (iso: string, days: number) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    base: 'a'.repeat(40),
    head: null,
    summary: { added: 1, removed: 1, changed: 2, milestones: 0 },
    features: [
      {
        id: 'F-012',
        title: slipped.title,
        change: 'changed',
        file: slipped.file,
        fields: [
          { field: 'start', before: addDays(slipped.start!, -14), after: slipped.start! },
          { field: 'end', before: addDays(slipped.end!, -14), after: slipped.end! },
        ],
        slips: [
          { field: 'start', before: addDays(slipped.start!, -14), after: slipped.start!, days: 14 },
          { field: 'end', before: addDays(slipped.end!, -14), after: slipped.end!, days: 14 },
        ],
      },
      {
        id: 'F-014',
        title: feature('F-014').title,
        change: 'changed',
        file: feature('F-014').file,
        fields: [{ field: 'moscow', before: 'should', after: 'must' }],
      },
      {
        id: 'F-020',
        title: feature('F-020').title,
        change: 'added',
        file: feature('F-020').file,
        fields: [],
      },
      { id: 'F-099', title: hostile, change: 'removed', file: 'features/F-099.md', fields: [] },
    ],
    milestones: [],
    rankShifts: [],
    unreadable: [],
  };
}

const badgesOf = (page: Page, file: string) =>
  page.$$eval(`[data-file="${file}"] .baseline-badge`, (badges) => badges.map((badge) => badge.textContent));

describe('baseline mode', () => {
  test('the timeline draws a ghost bar at the baseline dates, its slip marked, behind today’s bar', async () => {
    const diff = diffOf(model);
    await postToPanel(page, { type: 'baseline', baseline: baselineView(diff, 'v1.0') });
    await page.waitForSelector('.baseline-ghost');
    const file = diff.features[0].file;
    const geometry = await page.evaluate((file) => {
      const bar = document.querySelector<HTMLElement>(`.tl-bar[data-file="${file}"]`)!;
      const ghost = document.querySelector<HTMLElement>(`.baseline-ghost[data-baseline-file="${file}"]`)!;
      const pixelsPerDay = Number(
        document.querySelector<HTMLElement>('[data-pixels-per-day]')!.dataset.pixelsPerDay,
      );
      return {
        barLeft: parseFloat(bar.style.left),
        barWidth: parseFloat(bar.style.width),
        ghostLeft: parseFloat(ghost.style.left),
        ghostWidth: parseFloat(ghost.style.width),
        sameRow: bar.style.top === ghost.style.top,
        slip: ghost.querySelector('.baseline-slip')?.textContent,
        late: ghost.classList.contains('baseline-late'),
        pixelsPerDay,
      };
    }, file);
    assert.ok(geometry.sameRow);
    assert.ok(
      Math.abs(geometry.barLeft - geometry.ghostLeft - 14 * geometry.pixelsPerDay) < 0.5,
      JSON.stringify(geometry),
    );
    assert.ok(Math.abs(geometry.barWidth - geometry.ghostWidth) < 0.5);
    assert.equal(geometry.slip, '+14d');
    assert.ok(geometry.late);
    const banner = await page.textContent('.baseline-banner');
    assert.match(banner ?? '', /Compared with v1\.0/);
    assert.match(banner ?? '', /1 new · 1 moved · 1 re-prioritised · 0 changed · 1 removed/);
    assert.ok(banner?.includes(`Removed: F-099 ${hostile}`), banner ?? '');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.baseline-banner img').count(), 0);
  });

  test('the board, Now/Next/Later, MoSCoW and priority views badge new, moved and re-prioritised features', async () => {
    const diff = diffOf(model);
    for (const view of ['board', 'horizons', 'moscow', 'priority']) {
      await showView(page, view);
      await page.waitForSelector(`[data-view="${view}"] .baseline-badge`);
      assert.deepEqual(await badgesOf(page, diff.features[2].file), ['new'], `${view}: F-020`);
      assert.deepEqual(await badgesOf(page, diff.features[0].file), ['moved +14d'], `${view}: F-012`);
      assert.deepEqual(await badgesOf(page, diff.features[1].file), ['re-prioritised'], `${view}: F-014`);
      const title = await page.getAttribute(
        `[data-file="${diff.features[1].file}"] .baseline-badge`,
        'title',
      );
      assert.equal(title, 're-prioritised since v1.0: moscow should → must');
    }
  });

  test('a re-render keeps the overlay; a malformed message is ignored; null leaves the mode', async () => {
    await showView(page, 'timeline');
    await page.waitForSelector('.baseline-ghost');
    await postToPanel(page, {
      type: 'baseline',
      baseline: { ref: 'x', features: [{ file: 'a' }], removed: [] },
    });
    assert.equal(await page.locator('.baseline-banner').count(), 1, 'the malformed baseline changed nothing');
    await postToPanel(page, { type: 'baseline', baseline: null });
    await page.waitForFunction(
      () => !document.querySelector('.baseline-banner, .baseline-ghost, .baseline-badge'),
    );
    assert.equal(await page.locator('[data-baseline]').count(), 0);
    assert.deepEqual(panel.errors, []);
  });
});
