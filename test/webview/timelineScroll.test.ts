// Where the timeline is scrolled on first open, what the Today button does, and the milestone labels at the
// left edge of the chart: checked on the geometry the browser actually laid out.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { RoadmapModel } from '../../src/shared/protocol';
import { day, iso } from './expectations';
import { sendModel } from './harness';
import { syntheticModel } from './syntheticModel';
import { usePanelSession } from './panelSession';
import { loadTestModel } from './testModel';

const session = usePanelSession();

let model: RoadmapModel;

before(async () => {
  model = await loadTestModel();
});

interface Geometry {
  /** Left and right edges of the visible chart (right of the sticky label column), in page px. */
  chartLeft: number;
  chartRight: number;
  /** Day numbers at those edges. */
  leftDay: number;
  rightDay: number;
  scrollLeft: number;
  pixelsPerDay: number;
}

async function geometry(page: Page): Promise<Geometry> {
  const raw = await page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('[data-view="timeline"]')!;
    const scroller = root.querySelector<HTMLElement>('.tl-scroll')!;
    const labels = root.querySelector<HTMLElement>('.tl-labels')!.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    return {
      rangeStart: root.dataset.rangeStart!,
      pixelsPerDay: Number(root.dataset.pixelsPerDay),
      scrollLeft: scroller.scrollLeft,
      chartLeft: labels.right,
      // clientWidth leaves out the vertical scrollbar.
      chartRight: box.left + scroller.clientWidth,
    };
  });
  const start = day(raw.rangeStart);
  const width = raw.chartRight - raw.chartLeft;
  return {
    chartLeft: raw.chartLeft,
    chartRight: raw.chartRight,
    leftDay: start + raw.scrollLeft / raw.pixelsPerDay,
    rightDay: start + (raw.scrollLeft + width) / raw.pixelsPerDay,
    scrollLeft: raw.scrollLeft,
    pixelsPerDay: raw.pixelsPerDay,
  };
}

async function barExtent(page: Page): Promise<{ left: number; right: number }> {
  // Every bar is in the DOM for the small example model (virtualisation only drops rows far below).
  return page.$$eval('.tl-bar', (bars) => {
    const rects = bars.map((bar) => bar.getBoundingClientRect());
    return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
  });
}

/** The milestone that contains today, and the day it starts (the day after the one before it). */
function currentMilestoneStart(): number {
  const days = model.milestones.map((milestone) => day(milestone.date!)).sort((a, b) => a - b);
  const index = days.findIndex((d) => d >= day(model.today));
  assert.ok(index > 0, 'the test model has a milestone before the one containing today');
  return days[index - 1]! + 1;
}

describe('timeline first look', () => {
  test('starts at the current milestone (or two weeks before today) when not everything fits', async () => {
    const { page } = await session.openPanel(model, { width: 1000, height: 700 });
    try {
      await page.waitForSelector('.tl-bar');
      const today = day(model.today);
      const target = Math.min(today - 14, currentMilestoneStart());
      // Quarter zoom: the chart ends a month after the last bar, so it can only scroll so far; the view
      // still starts no later than the target and shows today.
      let g = await geometry(page);
      assert.ok(g.leftDay <= target, `left edge ${iso(Math.floor(g.leftDay))}, target ${iso(target)}`);
      assert.ok(g.rightDay > today, 'today is in view');
      // Month zoom (a zoom change has no saved scroll position): the target is just inside the left edge.
      await page.click('[data-zoom="month"]');
      await page.waitForSelector('[data-view="timeline"][data-pixels-per-day="8"]');
      g = await geometry(page);
      assert.ok(
        g.leftDay <= target && g.leftDay >= target - 7,
        `left edge ${iso(Math.floor(g.leftDay))}, expected just before ${iso(target)}`,
      );
      assert.ok(g.rightDay > today, 'today stays in view');
      // The data does not fit: the first bars are before the left edge, which is the point of scrolling.
      assert.ok((await barExtent(page)).left < g.chartLeft);
    } finally {
      await page.context().close();
    }
  });

  test('when every bar fits, shows them all instead of scrolling past the first', async () => {
    // Three months of work that ended well before today: they fit in the view, today is far to the right.
    const features = model.features
      .filter((feature) => feature.start && feature.end)
      .slice(0, 3)
      .map((feature, i) => ({
        ...feature,
        milestone: undefined,
        start: ['2026-01-05', '2026-02-02', '2026-03-02'][i],
        end: ['2026-01-30', '2026-03-13', '2026-03-27'][i],
      }));
    const past: RoadmapModel = { ...model, features, milestones: [], today: '2026-09-15' };
    for (const width of [1000, 1440]) {
      const { page } = await session.openPanel(past, { width, height: 700 });
      try {
        await page.waitForSelector('.tl-bar');
        const g = await geometry(page);
        const bars = await barExtent(page);
        assert.ok(bars.left >= g.chartLeft, `${width}: first bar at ${bars.left}, chart at ${g.chartLeft}`);
        assert.ok(
          bars.right <= g.chartRight,
          `${width}: last bar at ${bars.right}, chart to ${g.chartRight}`,
        );
      } finally {
        await page.context().close();
      }
    }
  });

  test('Today centres today; a new model keeps the scroll position', async () => {
    const { page } = await session.openPanel(model, { width: 1000, height: 700 });
    try {
      await page.waitForSelector('.tl-bar');
      await page.click('[data-action="scroll-today"]');
      const g = await geometry(page);
      const line = await page.$eval('.tl-marker.today', (element) => element.getBoundingClientRect().left);
      assert.ok(
        Math.abs(line - (g.chartLeft + g.chartRight) / 2) <= 3,
        `today at ${line}, centre ${(g.chartLeft + g.chartRight) / 2}`,
      );
      await page.$eval('.tl-scroll', (element) => (element.scrollLeft = 123));
      await sendModel(page, model);
      assert.equal(await page.$eval('.tl-scroll', (element) => element.scrollLeft), 123);
    } finally {
      await page.context().close();
    }
  });

  test('a milestone label whose date scrolled under the label column stays readable beside it', async () => {
    const { page } = await session.openPanel(model, { width: 1000, height: 700 });
    try {
      // Month zoom, so that the chart is wide enough to scroll a milestone under the label column.
      await page.click('[data-zoom="month"]');
      await page.waitForSelector('[data-view="timeline"][data-pixels-per-day="8"]');
      const first = [...model.milestones].sort((a, b) => day(a.date!) - day(b.date!))[0]!;
      const marker = await page.$eval(`.tl-marker.milestone[data-milestone="${first.id}"]`, (element) =>
        parseFloat((element as HTMLElement).style.left),
      );
      // The milestone's date 40px to the left of the visible chart, under the sticky label column.
      await page.$eval('.tl-scroll', (element, left) => (element.scrollLeft = left), marker + 40);
      await page.waitForFunction(() => new Promise((done) => requestAnimationFrame(() => done(true))));
      const g = await geometry(page);
      assert.ok(Math.abs(g.scrollLeft - (marker + 40)) < 1, 'scrolled as asked');
      // The text itself, wherever it is drawn (the flag or a span inside it).
      const text = await page.evaluate((title) => {
        const flag = [...document.querySelectorAll('.tl-flag.milestone')].find((element) =>
          element.textContent?.includes(title),
        )!;
        const range = document.createRange();
        range.selectNodeContents(flag);
        const rect = range.getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      }, first.title);
      assert.ok(text.left >= g.chartLeft - 1, `label starts at ${text.left}, chart at ${g.chartLeft}`);
      assert.ok(text.right - text.left > 40, 'the label is visible');
    } finally {
      await page.context().close();
    }
  });

  test('after the mouse wheel, the top row rests whole below the sticky header', async () => {
    const large = syntheticModel(600);
    const { page } = await session.openPanel(large, { width: 1400, height: 700 });
    try {
      await page.waitForSelector('.tl-bar');
      const box = (await page.locator('.tl-scroll').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // Notches that are not a whole number of rows (30 px), as a wheel or a touchpad gives them.
      for (const delta of [400, 400, 215]) await page.mouse.wheel(0, delta);
      // Until the scrolling (and any snap that follows it) has come to rest.
      await page.waitForFunction(
        () =>
          new Promise((resolve) => {
            const scroller = document.querySelector('.tl-scroll')!;
            const before = scroller.scrollTop;
            setTimeout(() => resolve(before > 0 && scroller.scrollTop === before), 300);
          }),
      );
      const cut = await page.evaluate(() => {
        const header = document.querySelector('.tl-header')!.getBoundingClientRect().bottom;
        return [...document.querySelectorAll('.tl-label, .tl-lane-title')]
          .map((element) => element.getBoundingClientRect())
          .filter((rect) => rect.top < header - 1 && rect.bottom > header + 1)
          .map((rect) => `a row from ${rect.top} to ${rect.bottom} under the header's bottom at ${header}`);
      });
      assert.deepEqual(cut, []);
      // A step smaller than half a row still moves on by a row, rather than back to where it started.
      const before = await page.$eval('.tl-scroll', (element) => element.scrollTop);
      await page.mouse.wheel(0, 10);
      await page.waitForFunction(
        (from) => document.querySelector('.tl-scroll')!.scrollTop === from + 30,
        before,
      );
    } finally {
      await page.context().close();
    }
  });

  test('a bar focused above the chart (Shift+Tab) rests below the sticky header, not under it', async () => {
    const large = syntheticModel(600);
    const { page } = await session.openPanel(large, { width: 1400, height: 700 });
    try {
      await page.waitForSelector('.tl-bar');
      // Half a row past a row's top, as a mouse wheel leaves it until scrolling has ended: some bar is half
      // under the header. The alignment at the end of scrolling is held off, to test the scroll padding alone.
      await page.$eval('.tl-scroll', (element) => {
        element.addEventListener('scrollend', (event) => event.stopImmediatePropagation(), { capture: true });
        element.scrollTop = 3015;
      });
      const handle = await page.waitForFunction(() => {
        const header = document.querySelector('.tl-header')!.getBoundingClientRect();
        const bar = [...document.querySelectorAll('.tl-bar')].find((element) => {
          const rect = element.getBoundingClientRect();
          return rect.top < header.bottom && rect.bottom > header.bottom;
        });
        return bar?.getAttribute('data-file') ?? false;
      });
      const file = await handle.jsonValue();
      // Focus scrolls the element into view as keyboard navigation does.
      const { header, bar } = await page.$eval(`.tl-bar[data-file="${file}"]`, (element) => {
        (element as HTMLElement).focus();
        return {
          header: document.querySelector('.tl-header')!.getBoundingClientRect().bottom,
          bar: element.getBoundingClientRect().top,
        };
      });
      assert.ok(bar >= header - 1, `the bar's top at ${bar}, the header's bottom at ${header}`);
    } finally {
      await page.context().close();
    }
  });
});
