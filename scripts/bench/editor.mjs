// @ts-check
/* global window, document, performance, requestAnimationFrame */
// The editor's start in the real VS Code (code-server + headless chromium, the project's own harness): from the
// window opening (navigation start) to the status-bar count and to the first feature rows of the Roadmap tree,
// cold (fresh user data: nothing persisted) and warm (the same window reloaded, its persisted index kept), plus
// the extension host's resident memory and CPU time once the tree is populated. Figures only, never a verdict
// on their own; run.mjs puts them in the results table.
//
//   node scripts/bench/editor.mjs --corpus DIR [--extension DIR] [--runs 3] [--floor]     prints one JSON line
//
// --floor also times scripts/bench/floor-extension the same way: an extension that draws what the bench waits
// for (a count and a tree row) the moment it is activated, from nothing. Its times are VS Code's own share of a
// start here, the editor's counterpart of the CLI's floor process.
//
// The corpus is copied to a temporary folder first (the shared corpora are never written: the extension may
// create files such as a cache, and a run must not see the previous run's).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../harness/paths.mjs';
import { extensionHostPids, processUsage } from '../harness/processes.mjs';
import { runCleanups } from '../harness/util.mjs';
import { clickActivityBarItem, startWorkbench } from '../harness/workbench.mjs';
import { median } from './lib.mjs';

/** The floor extension (see --floor above). */
export const floorExtension = fileURLToPath(new URL('./floor-extension', import.meta.url));

/** Longest wait for one start: the issue measured 15 s before the persisted index. */
const startTimeoutMs = 120_000;

/**
 * Runs in the page from its first script on: records, in ms since navigation start, when the status bar first
 * shows a feature count and when the Roadmap tree first shows a feature row (a row inside a group).
 */
function watchStart() {
  const marks =
    /** @type {{ workbench?: number, counts: { at: number, count: number }[], tree?: number }} */ ({
      counts: [],
    });
  Object.defineProperty(window, '__roadmapStart', { value: marks });
  const check = () => {
    if (marks.workbench === undefined && document.querySelector('.monaco-workbench .part.statusbar'))
      marks.workbench = performance.now();
    // Every count the status bar shows (it counts up while a cold start reads the files).
    for (const item of document.querySelectorAll('.statusbar-item')) {
      const match = /(\d[\d,]*) features?\b/.exec(item.textContent ?? '');
      if (!match) continue;
      const count = Number(match[1].replace(/,/g, ''));
      if (marks.counts.at(-1)?.count !== count) marks.counts.push({ at: performance.now(), count });
      break;
    }
    if (marks.tree === undefined) {
      // The container holds the one view: its title is the container's ("ROADMAP"), with no pane header.
      const sidebar = document.querySelector('.part.sidebar');
      const title = sidebar?.querySelector('.composite.title')?.textContent ?? '';
      if (/roadmap/i.test(title) && sidebar?.querySelector('.monaco-list-row[aria-level="2"]'))
        marks.tree = performance.now();
    }
    requestAnimationFrame(check);
  };
  // rAF does not run before the first frame: a timer starts the loop.
  setTimeout(check, 0);
}

/** How long a reloaded window may take to restore the Roadmap container before the bench opens it itself. */
const restoreWaitMs = 15_000;

/**
 * Waits until the tree has feature rows and the status bar's count has stopped changing for `settleMs`;
 * returns when the final count first showed (status), the first feature row (tree), and the first count.
 * `reloaded`: the window was reloaded with the Roadmap container open, and the workbench restores it. A click
 * on its activity bar entry then could race the restore and close the side bar again (about half of the warm
 * reloads measured no tree that way), so it is opened only if it is not restored in time.
 */
async function marksOf(page, settleMs, { reloaded = false } = {}) {
  const deadline = Date.now() + startTimeoutMs;
  const started = Date.now();
  let opened = false;
  // Opening the Roadmap container as a person would, once the activity bar has it (a no-op when already open).
  if (!reloaded) opened = await clickActivityBarItem(page, 'Roadmap', { timeout: startTimeoutMs });
  for (;;) {
    const marks = await page.evaluate(() => ({
      .../** @type {any} */ (window).__roadmapStart,
      origin: performance.timeOrigin,
    }));
    if (!opened && marks?.tree === undefined && Date.now() - started > restoreWaitMs) {
      opened = await clickActivityBarItem(page, 'Roadmap', { timeout: startTimeoutMs });
      // On stderr: stdout carries the figures.
      process.stderr.write(
        `the Roadmap container was not restored in ${restoreWaitMs / 1000} s: opened it\n`,
      );
    }
    const last = marks?.counts.at(-1);
    const settled =
      last && marks.tree !== undefined && (await page.evaluate(() => performance.now())) - last.at > settleMs;
    if (settled || Date.now() > deadline) {
      if (!settled && process.env.BENCH_SCREENSHOT)
        await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
      return {
        origin: marks?.origin,
        workbench: marks?.workbench,
        firstCount: marks?.counts[0]?.at,
        status: last?.at,
        count: last?.count,
        tree: marks?.tree,
      };
    }
    await page.waitForTimeout(100);
  }
}

/**
 * When the extension's activation began, in ms since the page's navigation: from the newest extension host's
 * log (code-server writes one folder per host, exthost1, exthost2, … as the window reloads).
 */
function activationOf(runDir, origin, extensionId) {
  const logs = join(runDir, 'user', 'logs');
  if (!existsSync(logs) || origin === undefined) return undefined;
  const hosts = readdirSync(logs).flatMap((stamp) =>
    readdirSync(join(logs, stamp))
      .filter((name) => /^exthost\d+$/.test(name))
      .map((name) => join(logs, stamp, name, 'remoteexthost.log')),
  );
  const newest = hosts
    .filter(existsSync)
    .sort((a, b) => Number(/exthost(\d+)/.exec(a)?.[1]) - Number(/exthost(\d+)/.exec(b)?.[1]))
    .at(-1);
  if (!newest) return undefined;
  const line = readFileSync(newest, 'utf8')
    .split('\n')
    .find((text) => text.includes(`_doActivateExtension ${extensionId},`));
  const stamp = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+)/.exec(line);
  // The server's log is in local time, like Date's parsing of a date-time without a zone.
  return stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() - origin : undefined;
}

/** The newest extension host's usage after the start settled (the one started for the current window). */
async function hostUsage(session) {
  const newest = extensionHostPids(session.server.pgid).at(-1);
  const usage = newest === undefined ? undefined : processUsage(newest);
  return usage && { rss: usage.rss, cpuMs: usage.cpuMs };
}

/**
 * One cold start (a fresh server, browser profile and user data) followed by `warm` reloads of the same window.
 * `extensionId` (publisher.name) finds its activation in the extension host's log.
 *
 * @param {{ folder: string, extension: string, extensionId: string, warm: number, settleMs: number }} options
 */
async function startSeries({ folder, extension, extensionId, warm, settleMs }) {
  const session = await startWorkbench({
    folder,
    extensionDevelopmentPath: extension,
    beforeOpen: (page) => page.addInitScript(watchStart),
  });
  try {
    const measure = async (reloaded) => {
      const marks = await marksOf(session.page, settleMs, { reloaded });
      return {
        ...marks,
        activation: activationOf(session.runDir, marks.origin, extensionId),
        ...(await hostUsage(session)),
      };
    };
    const cold = await measure(false);
    const reloads = [];
    for (let i = 0; i < warm; i++) {
      // Indexing has settled (marksOf): time for the persisted index to be written.
      await session.page.waitForTimeout(settleMs);
      await session.page.reload();
      reloads.push(await measure(true));
    }
    return { cold, warm: reloads };
  } finally {
    await session.close();
  }
}

const summary = (starts) => {
  const values = (key) => starts.map((start) => start[key]).filter((value) => typeof value === 'number');
  const missed = starts.filter((start) => start.status === undefined || start.tree === undefined).length;
  const since = (key, from) =>
    starts
      .filter((start) => typeof start[key] === 'number' && typeof start[from] === 'number')
      .map((start) => start[key] - start[from]);
  return {
    workbenchMs: median(values('workbench')),
    firstCountMs: median(values('firstCount')),
    statusMs: median(values('status')),
    activationMs: median(values('activation')),
    statusAfterActivationMs: median(since('status', 'activation')),
    treeAfterActivationMs: median(since('tree', 'activation')),
    treeMs: median(values('tree')),
    rss: median(values('rss')),
    cpuMs: median(values('cpuMs')),
    runs: starts.length,
    missed,
    count: starts.find((start) => start.count)?.count,
  };
};

/**
 * Cold and warm starts of `extension` on `folder`: `runs` cold starts (each its own server) and, after the first,
 * `runs` warm reloads.
 */
async function measureStarts({ folder, extension, runs, settleMs, log, label }) {
  const {
    publisher,
    name,
    main = 'extension.js',
  } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
  if (!existsSync(join(extension, main))) throw new Error(`${join(extension, main)} is missing: build first`);
  const extensionId = `${publisher}.${name}`;
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run++) {
    const series = await startSeries({
      folder,
      extension,
      extensionId,
      warm: run === 0 ? runs : 0,
      settleMs,
    });
    cold.push(series.cold);
    warm.push(...series.warm);
    log(
      `  ${label}cold ${run + 1}: status ${Math.round(series.cold.status ?? NaN)} ms, tree ${Math.round(series.cold.tree ?? NaN)} ms` +
        series.warm
          .map(
            (start) =>
              `; warm: status ${Math.round(start.status ?? NaN)} ms, tree ${Math.round(start.tree ?? NaN)} ms`,
          )
          .join(''),
    );
  }
  return { cold: summary(cold), warm: summary(warm), samples: { cold, warm } };
}

/**
 * Cold and warm starts on a copy of `corpus` (see measureStarts); with `floor`, the floor extension's too, on
 * the same copy, so that both pay VS Code's part of a start in a folder of that size.
 *
 * @param {{ corpus: string, extension?: string, runs?: number, log?: (message: string) => void, settleMs?: number, floor?: boolean }} options
 */
export async function measureEditorStart({
  corpus,
  extension = ROOT,
  runs = 3,
  log = () => {},
  settleMs = 3000,
  floor = false,
}) {
  const copy = mkdtempSync(join(tmpdir(), 'roadmap-editor-bench-'));
  try {
    cpSync(corpus, copy, { recursive: true });
    const result = await measureStarts({ folder: copy, extension, runs, settleMs, log, label: '' });
    if (!floor) return result;
    return {
      ...result,
      floor: await measureStarts({
        folder: copy,
        extension: floorExtension,
        runs,
        settleMs,
        log,
        label: 'floor: ',
      }),
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      extension: { type: 'string', default: ROOT },
      runs: { type: 'string', default: '3' },
      floor: { type: 'boolean', default: false },
    },
  });
  if (!values.corpus) throw new Error('--corpus DIR is required');
  measureEditorStart({
    corpus: values.corpus,
    extension: values.extension,
    runs: Number(values.runs),
    floor: values.floor,
    log: (message) => process.stderr.write(`${message}\n`),
  })
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => runCleanups());
}
