// @ts-check
// The roadmap panel in the real VS Code (code-server + headless chromium, the project's own harness), driven
// by keyboard and mouse on a copy of a generated corpus:
// - Open Roadmap (F1, Enter) to the first painted frame with features, to the whole model drawn (a large one
//   comes in parts), and to the task counts (insights);
// - a switch to each tab and a filter change (the click or change event to the next painted frame);
// - the timeline scrolled with the mouse wheel: the gaps between its frames;
// - the dependency view: tab click to the graph drawn (or to the message that it is too big), and each of its
//   modes (neighbourhood, clusters, whole graph) at every size;
// - the extension host's resident memory (now and peak) and CPU time before and with the panel open.
// Figures only, never a verdict; run.mjs prints them in its table (skip with `--skip vscode-panel`).
//
//   node scripts/bench/vscodePanel.mjs [--corpus DIR] [--sizes 10000,2000] [--shots DIR] [--extension DIR]
//
// Without --corpus, each size of --sizes is generated under the system temp folder (scripts/bench/generate.mjs),
// except 10,000 which is copied from bench/.corpus/10000 when that exists. A corpus is always copied first:
// the shared corpora are never written. --shots DIR writes the panel at a wide and a narrow window there;
// --profile FILE writes the workbench page's CPU profile (.cpuprofile) from Open Roadmap to the first paint;
// --tab-profile FILE the webview's during the tab switches (with the page's long tasks in the log).
// Prints one JSON line (the figures) on stdout; progress goes to stderr.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../harness/paths.mjs';
import { extensionHostPids, processUsage } from '../harness/processes.mjs';
import { runCleanups } from '../harness/util.mjs';
import { runCommand, screenshot, startWorkbench } from '../harness/workbench.mjs';
import { corpusRoot, generateCorpus } from './generate.mjs';
import { median, quantile } from './lib.mjs';

/* global window, document, performance, PerformanceObserver, requestAnimationFrame, MessageChannel */

const views = ['board', 'horizons', 'moscow', 'priority', 'timeline'];
const graphModes = ['neighbourhood', 'clusters', 'all'];
/** Indexing 10,000 features took 15 s in the figures; a stuck run must still end. */
const readyTimeoutMs = 180_000;
const panelTimeoutMs = 120_000;
const logToStderr = (message) => process.stderr.write(`${message}\n`);

/** Polls `check` (a function evaluated in `target`, a page or frame) until it returns a value other than false. */
async function poll(target, check, arg, { timeout = panelTimeoutMs, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await target.evaluate(check, arg).catch(() => false);
    if (value !== false && value !== undefined && value !== null) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Waits until the status bar shows the feature count and it has stopped changing for `settleMs`: the index is
 * built and the extension idle. A cold start shows what it has read so far (a count that grows), and a panel
 * opened then would wait for the indexing, not measure itself.
 */
async function statusBarCount(page, settleMs = 3000) {
  const deadline = Date.now() + readyTimeoutMs;
  let last;
  let since = Date.now();
  while (Date.now() < deadline) {
    const text = await poll(
      page,
      () => {
        for (const item of document.querySelectorAll('.statusbar-item')) {
          const text = item.textContent ?? '';
          if (/\d[\d,]* features?\b/.test(text)) return text.trim();
        }
        return false;
      },
      undefined,
      { timeout: Math.max(0, deadline - Date.now()), interval: 250 },
    );
    if (text === undefined) return undefined;
    if (text !== last) {
      last = text;
      since = Date.now();
    } else if (Date.now() - since >= settleMs) return text;
    await page.waitForTimeout(250);
  }
  return undefined;
}

/** The webview frame with the panel's content (webviews are iframes inside iframes). */
async function panelFrame(page, timeout = panelTimeoutMs) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() => document.querySelector('[data-view-tab]') !== null)
        .catch(() => false);
      if (found) return frame;
    }
    await page.waitForTimeout(50);
  }
  return undefined;
}

/** F1, the command's title, Enter: returns the wall-clock time of the Enter, after the entry was focused. */
async function pickCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name', {
    hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    await input.waitFor({ timeout: 5000 }).catch(() => {});
    await input.fill(`>${title}`).catch(() => {});
    if (
      await focused.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      )
    ) {
      const at = Date.now();
      await page.keyboard.press('Enter');
      return at;
    }
  }
  throw new Error(`no command "${title}" in the palette`);
}

/** In the webview: remember when the last click or change happened (the event's own time stamp). */
function recordInputs() {
  const w = /** @type {any} */ (window);
  if (w.__benchInputs) return;
  w.__benchInputs = true;
  for (const type of ['click', 'change'])
    document.addEventListener(type, (event) => (w.__benchInputAt = event.timeStamp), { capture: true });
  w.__benchLongest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__benchLongest = Math.max(w.__benchLongest, entry.duration);
  }).observe({ entryTypes: ['longtask'] });
}

/**
 * In the webview, after an input: waits until `done` holds (a selector that must match, or the dependency
 * canvas settled), then for the next painted frame; returns ms since the input and the longest task since.
 */
function untilPaintedSinceInput({ selector, graph }) {
  const w = /** @type {any} */ (window);
  return new Promise((resolve) => {
    const check = () => {
      const canvas = /** @type {HTMLElement | null} */ (document.querySelector('.graph-canvas'));
      const settled = graph
        ? !canvas || ['done', 'too-large', 'error'].includes(canvas.dataset.state ?? '')
        : document.querySelector(selector) !== null;
      if (!settled) return void requestAnimationFrame(check);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolve({
            ms: performance.now() - w.__benchInputAt,
            longestTask: w.__benchLongest,
            state: canvas?.dataset.state,
          });
        channel.port2.postMessage(undefined);
      });
    };
    check();
  });
}

async function timedInput(frame, act, until) {
  await frame.evaluate(() => /** @type {any} */ (window.__benchLongest = 0));
  await act();
  return frame.evaluate(untilPaintedSinceInput, until);
}

/** The mouse wheel over the timeline, 40 notches: the gaps between the webview's frames meanwhile. */
async function scrollFrames(page, frame) {
  const box = await frame.locator('.tl-scroll').boundingBox();
  if (!box) return undefined;
  await frame.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__benchGaps = [];
    let last = performance.now();
    w.__benchScrolling = true;
    const step = (now) => {
      w.__benchGaps.push(now - last);
      last = now;
      if (w.__benchScrolling) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let notch = 0; notch < 40; notch++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(30);
  }
  const gaps = await frame.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__benchScrolling = false;
    return /** @type {number[]} */ (w.__benchGaps).slice(1);
  });
  const barsInView = await frame.evaluate(() => {
    const scroller = document.querySelector('.tl-scroll');
    if (!scroller) return 0;
    const view = scroller.getBoundingClientRect();
    return [...document.querySelectorAll('.tl-bar')].filter((bar) => {
      const rect = bar.getBoundingClientRect();
      return (
        rect.bottom > view.top && rect.top < view.bottom && rect.right > view.left && rect.left < view.right
      );
    }).length;
  });
  return { frames: gaps.length, p95: quantile(gaps, 0.95), longest: Math.max(...gaps), barsInView };
}

/**
 * Starts the CPU profiler where the webview's script runs: its own target when Chromium gave the frame a
 * process of its own, else the workbench page's (a frame in the page's process runs on its thread).
 */
async function startProfile(page, frame) {
  const cdp = await page
    .context()
    .newCDPSession(frame)
    .catch(() => page.context().newCDPSession(page));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

function hostUsage(session) {
  const pids = extensionHostPids(session.server.pgid);
  return pids.length ? processUsage(pids[pids.length - 1]) : undefined;
}

/**
 * One window on `folder`: the panel opened and driven; returns its figures.
 *
 * @param {{ folder: string, size: number, extension: string, shots?: string, profile?: string,
 *   tabProfile?: string, full: boolean, log: (message: string) => void }} options
 */
async function measureFolder({ folder, size, extension, shots, profile, tabProfile, full, log }) {
  const session = await startWorkbench({ folder, extensionDevelopmentPath: extension });
  const { page } = session;
  try {
    const status = await statusBarCount(page);
    if (!status) throw new Error(`the status bar showed no feature count within ${readyTimeoutMs / 1000} s`);
    await page.waitForTimeout(2000); // the end of activation's other work (validation, the tree)
    const before = hostUsage(session);
    log(`  ${size}: ready (${status}); extension host ${Math.round((before?.rss ?? 0) / 2 ** 20)} MB`);

    const cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const pickedAt = await pickCommand(page, 'Roadmap: Open Roadmap');
    const frame = await panelFrame(page);
    if (!frame) throw new Error('no roadmap panel appeared');
    const marks = await poll(frame, () => {
      const painted = performance.getEntriesByName('roadmap:painted')[0];
      if (!painted) return false;
      const at = (name) => performance.timeOrigin + (performance.getEntriesByName(name)[0]?.startTime ?? NaN);
      const entries = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
      const script = entries.find((entry) => entry.name.includes('/main.js'));
      const navigation = /** @type {PerformanceNavigationTiming | undefined} */ (
        performance.getEntriesByType('navigation')[0]
      );
      return {
        webview: performance.timeOrigin,
        html: performance.timeOrigin + (navigation?.responseEnd ?? NaN),
        scriptFetched: performance.timeOrigin + (script?.responseEnd ?? NaN),
        script: at('roadmap:script'),
        ready: at('roadmap:ready'),
        dcl: at('roadmap:dcl'),
        load: at('roadmap:load'),
        modelReceived: at('roadmap:model-received'),
        model: at('roadmap:model'),
        rendered: at('roadmap:rendered'),
        painted: performance.timeOrigin + painted.startTime,
        view: document.querySelector('[data-view]')?.getAttribute('data-view'),
        items: document.querySelectorAll('.view [data-file]').length,
      };
    });
    if (!marks) throw new Error('the panel never painted a model');
    if (cdp && profile) {
      const { profile: recorded } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(recorded));
      log(`  ${size}: the workbench page's CPU profile of Open Roadmap: ${profile}`);
    }
    // A large model comes in parts: the first screen is drawn from the first, the whole once the rest is in.
    const completeAt = await poll(frame, () => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
      const painted = at('roadmap:complete-painted');
      if (painted !== undefined) return performance.timeOrigin + painted;
      if (at('roadmap:complete') !== undefined) return false;
      const loading = document.querySelector('.filter-count')?.textContent?.startsWith('Loading') ?? false;
      return loading ? false : performance.timeOrigin + (at('roadmap:painted') ?? NaN);
    });
    // The panel's own count once the whole model is drawn: every feature arrived (a model in parts too).
    const countShown = await frame.evaluate(() => document.querySelector('.filter-count')?.textContent ?? '');
    const insightsAt = await poll(
      frame,
      () => {
        const mark = performance.getEntriesByName('roadmap:insights')[0];
        return mark ? performance.timeOrigin + mark.startTime : false;
      },
      undefined,
      { timeout: 60_000, interval: 100 },
    );
    const result = {
      size,
      status,
      firstContentMs: marks.painted - pickedAt,
      completeContentMs: completeAt === undefined ? undefined : completeAt - pickedAt,
      countShown,
      // Where the time went: the webview's document started, its model arrived, was rendered, painted.
      firstContentSteps: {
        webviewStarted: marks.webview - pickedAt,
        htmlLoaded: marks.html - pickedAt,
        scriptFetched: marks.scriptFetched - pickedAt,
        scriptStarted: marks.script - pickedAt,
        webviewReady: marks.ready - pickedAt,
        dcl: marks.dcl - pickedAt,
        load: marks.load - pickedAt,
        modelReceived: marks.modelReceived - pickedAt,
        modelArrived: marks.model - pickedAt,
        rendered: marks.rendered - pickedAt,
      },
      firstView: marks.view,
      itemsDrawn: marks.items,
      insightsMs: insightsAt === undefined ? undefined : insightsAt - pickedAt,
      hostBefore: before,
    };
    log(
      `  ${size}: first content ${Math.round(result.firstContentMs)} ms (${marks.view}, ${marks.items} items), ` +
        `complete ${Math.round(result.completeContentMs ?? NaN)} ms ("${countShown}"), ` +
        `task counts ${Math.round(result.insightsMs ?? NaN)} ms; steps ${JSON.stringify(result.firstContentSteps, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
    );
    await frame.evaluate(recordInputs);

    if (full) {
      const switches = Object.fromEntries(views.map((view) => [view, []]));
      const tabCdp = tabProfile ? await startProfile(page, frame) : undefined;
      for (let round = 0; round < 3; round++) {
        for (const view of views) {
          switches[view].push(
            await timedInput(frame, () => frame.locator(`[data-view-tab="${view}"]`).click(), {
              selector: `[data-view="${view}"]`,
            }),
          );
        }
      }
      if (tabCdp && tabProfile) {
        const { profile: recorded } = await tabCdp.send('Profiler.stop');
        writeFileSync(tabProfile, JSON.stringify(recorded));
        log(`  ${size}: the webview's CPU profile of the tab switches: ${tabProfile}`);
      }
      result.tabSwitchMs = Object.fromEntries(
        views.map((view) => [view, median(switches[view].map((sample) => sample.ms))]),
      );
      result.tabSwitchLongestTaskMs = Math.max(
        ...views.flatMap((view) => switches[view].map((s) => s.longestTask)),
      );
      // Every round's figure, and the page's longest task in it: a median hides a slow outlier.
      result.tabSwitchSamples = Object.fromEntries(
        views.map((view) => [
          view,
          switches[view].map((sample) => ({ ms: Math.round(sample.ms), longestTask: sample.longestTask })),
        ]),
      );
      log(
        `  ${size}: tab switch ${JSON.stringify(result.tabSwitchMs, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
      );

      const filters = {};
      const filterSamples = {};
      for (const view of ['board', 'timeline']) {
        await frame.locator(`[data-view-tab="${view}"]`).click();
        const select = frame.locator('select[data-filter="team"]');
        const value = await select.evaluate((element) => {
          const options = [.../** @type {HTMLSelectElement} */ (element).options];
          return options.find((option) => option.value !== '')?.value;
        });
        if (value === undefined) continue;
        const samples = [];
        for (let round = 0; round < 3; round++) {
          for (const pick of [value, '']) {
            samples.push(
              await timedInput(frame, () => select.selectOption(pick), { selector: `[data-view="${view}"]` }),
            );
          }
        }
        filters[view] = median(samples.map((sample) => sample.ms));
        filterSamples[view] = samples.map((sample) => Math.round(sample.ms));
      }
      result.filterChangeMs = filters;
      result.filterChangeSamples = filterSamples;
      log(
        `  ${size}: filter change ${JSON.stringify(filters, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
      );

      await frame.locator('[data-view-tab="timeline"]').click();
      await page.waitForTimeout(300);
      result.timelineScroll = await scrollFrames(page, frame);
      log(`  ${size}: timeline scroll ${JSON.stringify(result.timelineScroll)}`);
    }

    // The dependency view: the tab, then each mode (the whole graph only draws when it fits a second).
    await frame.locator('[data-view-tab="board"]').click();
    const graph = {
      tab: await timedInput(frame, () => frame.locator('[data-view-tab="dependencies"]').click(), {
        graph: true,
      }),
    };
    for (const mode of graphModes) {
      const button = frame.locator(`[data-graph-mode="${mode}"]`);
      if ((await button.count()) === 0) continue;
      graph[mode] = await timedInput(frame, () => button.click(), { graph: true });
    }
    result.dependencies = graph;
    log(`  ${size}: dependencies ${JSON.stringify(graph)}`);

    await page.waitForTimeout(1500);
    result.hostWithPanel = hostUsage(session);
    log(
      `  ${size}: extension host with the panel open ${Math.round((result.hostWithPanel?.rss ?? 0) / 2 ** 20)} MB`,
    );

    if (shots) {
      for (const view of ['timeline', 'board', 'moscow', 'priority', 'dependencies']) {
        await frame.locator(`[data-view-tab="${view}"]`).click();
        // The graph as it opens by default at this size: a feature's neighbourhood.
        if (view === 'dependencies') await frame.locator('[data-graph-mode="neighbourhood"]').click();
        await page.waitForTimeout(1500);
        await screenshot(page, join(shots, `panel-${size}-wide-${view}.png`));
      }
      // As screenshots.mjs does: no side bar, the window at 560 px (the panel about 500 px wide).
      await runCommand(page, 'View: Close Primary Side Bar', { timeout: 5000 });
      await page.setViewportSize({ width: 560, height: 900 });
      for (const view of ['timeline', 'board', 'moscow', 'priority']) {
        await frame.locator('.view-menu').selectOption(view);
        await page.waitForTimeout(1000);
        await screenshot(page, join(shots, `panel-${size}-narrow-${view}.png`));
      }
      await page.setViewportSize({ width: 1400, height: 900 });
    }
    return result;
  } finally {
    await session.close();
  }
}

/** A private copy of the corpus of `size` features (generated when the shared one does not exist). */
function corpusCopy(size, given) {
  const copy = mkdtempSync(join(tmpdir(), `roadmap-panel-bench-${size}-`));
  const shared = given ?? join(corpusRoot, String(size));
  if (existsSync(shared)) cpSync(shared, copy, { recursive: true });
  else generateCorpus(copy, size);
  return copy;
}

/**
 * @param {{ sizes?: number[], corpus?: string, extension?: string, shots?: string, profile?: string,
 *   tabProfile?: string,
 *   log?: (message: string) => void }} options
 */
export async function measurePanelInVsCode({
  sizes = [10000, 2000],
  corpus,
  extension = ROOT,
  shots,
  profile,
  tabProfile,
  log = logToStderr,
} = {}) {
  if (!existsSync(join(extension, 'dist', 'extension.js')))
    throw new Error(`${extension}/dist/extension.js is missing: build first`);
  const results = [];
  for (const [i, size] of sizes.entries()) {
    const folder = corpusCopy(size, corpus);
    try {
      // Every figure at the first size; the dependency view (and memory) at the others.
      results.push(
        await measureFolder({
          folder,
          size,
          extension,
          shots: i === 0 ? shots : undefined,
          profile: i === 0 ? profile : undefined,
          tabProfile: i === 0 ? tabProfile : undefined,
          log,
          full: i === 0,
        }),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      sizes: { type: 'string', default: '10000,2000' },
      extension: { type: 'string', default: ROOT },
      shots: { type: 'string' },
      profile: { type: 'string' },
      'tab-profile': { type: 'string' },
    },
  });
  measurePanelInVsCode({
    sizes: values.sizes.split(',').map(Number),
    corpus: values.corpus,
    extension: values.extension,
    shots: values.shots,
    profile: values.profile,
    tabProfile: values['tab-profile'],
  })
    .then((results) => console.log(JSON.stringify(results)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => runCleanups());
}
