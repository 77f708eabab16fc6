// `npm run screenshots`: opens examples/roadmap in a real VS Code (code-server + headless chromium,
// 1400x900) with the extension loaded, drives the UI like a person and writes PNGs to media/screenshots/:
//   tree.png                     the "Roadmap" activity-bar container with its tree of features
//   diagnostics.png              a feature file with problems, and the Problems panel
//   panel-<view>-<theme>.png     "Roadmap: Open Roadmap", tab <view>, in the light and the dark theme
// A shot whose UI does not show up in time is skipped with a log line (not an error), so the script can run
// before every view exists. Exit code: 0 unless the harness itself failed.
//
// Options: --workspace <dir> (default examples/roadmap), --out <dir> (default media/screenshots),
// --only <name,name> (shot names without .png, e.g. tree,panel-board-dark), --extension <dir> (default this
// repository), --skip-build. Env SHOT_TIMEOUT (ms to wait for an element, default 15000), SHOT_SETTLE
// (ms to let a view finish rendering before the shot, default 1500).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install.mjs';
import { EXAMPLE_WORKSPACE, ROOT } from './paths.mjs';
import { cleanEnv, log, onShutdown, run } from './util.mjs';
import {
  appears,
  clickActivityBarItem,
  findFrame,
  runCommand,
  screenshot,
  startWorkbench,
  waitForIdle,
  waitForThemeKind,
  writeUserSettings,
} from './workbench.mjs';

const VIEWS = ['timeline', 'board', 'horizons', 'moscow', 'priority', 'dependencies'];
const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern', kind: 'vs' },
  { name: 'dark', colorTheme: 'Default Dark Modern', kind: 'vs-dark' },
];

const { values: args } = parseArgs({
  options: {
    workspace: { type: 'string', default: EXAMPLE_WORKSPACE },
    out: { type: 'string', default: join(ROOT, 'media', 'screenshots') },
    only: { type: 'string' },
    extension: { type: 'string', default: ROOT },
    'skip-build': { type: 'boolean', default: false },
  },
});
const TIMEOUT = Number(process.env.SHOT_TIMEOUT) || 15_000;
const SETTLE = Number(process.env.SHOT_SETTLE) || 1500;
const only = args.only
  ? new Set(args.only.split(',').map((name) => name.trim().replace(/\.png$/, '')))
  : undefined;
const wanted = (name) => !only || only.has(name);
const taken = [];
const skipped = [];

function skip(name, reason) {
  skipped.push(name);
  log(`SKIP ${name}.png: ${reason}`);
}

async function take(page, name) {
  await screenshot(page, join(resolve(args.out), `${name}.png`));
  taken.push(name);
}

/** tree.png: click the "Roadmap" view container and wait for its tree to have rows. */
async function treeShot(page) {
  if (!wanted('tree')) return;
  if (!(await clickActivityBarItem(page, 'Roadmap', { timeout: TIMEOUT }))) {
    return skip('tree', 'no activity bar item labelled "Roadmap"');
  }
  const row = page.locator('.part.sidebar .monaco-list-row').first();
  if (!(await appears(row, TIMEOUT))) {
    return skip('tree', 'the Roadmap side bar shows no tree rows');
  }
  await page.waitForTimeout(SETTLE);
  await take(page, 'tree');
}

/** diagnostics.png: open the Problems panel, open the first problem's file at the problem. */
async function diagnosticsShot(page) {
  if (!wanted('diagnostics')) return;
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  const marker = page.locator('.markers-panel .monaco-list-row:has(.marker-icon)').first();
  if (!(await appears(marker, TIMEOUT))) {
    return skip('diagnostics', 'the Problems panel lists no problems');
  }
  await marker.click(); // opens the file at the problem (Problems opens on single click)
  const squiggle = page.locator('.editor-instance [class*="squiggly-"]').first();
  if (!(await appears(squiggle, TIMEOUT))) {
    log('diagnostics: no squiggle visible in the editor; taking the shot anyway');
  }
  await page.waitForTimeout(SETTLE);
  await take(page, 'diagnostics');
}

/** panel-<view>-<theme>.png for every view, in one theme. */
async function panelShots(session, theme) {
  const { page } = session;
  const names = VIEWS.map((view) => `panel-${view}-${theme.name}`);
  if (!names.some(wanted)) return;
  // A clean stage: no editors, no bottom panel; then the theme (applied live from the settings file).
  await runCommand(page, 'View: Close All Editors', { timeout: 3000 });
  await runCommand(page, 'View: Hide Panel', { timeout: 3000 });
  writeUserSettings(session, { 'workbench.colorTheme': theme.colorTheme });
  if (!(await waitForThemeKind(page, theme.kind))) {
    log(`theme ${theme.colorTheme} not applied live; reloading the window`);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForIdle(page);
    if (!(await waitForThemeKind(page, theme.kind))) {
      return names.filter(wanted).forEach((name) => skip(name, `theme ${theme.colorTheme} did not apply`));
    }
  }
  if (!(await runCommand(page, 'Roadmap: Open Roadmap', { timeout: TIMEOUT }))) {
    return names.filter(wanted).forEach((name) => skip(name, 'no command "Roadmap: Open Roadmap"'));
  }
  const frame = await findFrame(page, '[data-view]', { timeout: TIMEOUT });
  if (!frame) {
    return names.filter(wanted).forEach((name) => skip(name, 'no webview containing [data-view]'));
  }
  for (const view of VIEWS) {
    const name = `panel-${view}-${theme.name}`;
    if (!wanted(name)) continue;
    const tab = frame.locator(`[data-view-tab="${view}"]`).first();
    if (!(await appears(tab, TIMEOUT))) {
      skip(name, `no tab [data-view-tab="${view}"] in the panel`);
      continue;
    }
    await tab.click();
    await page.waitForTimeout(SETTLE);
    await take(page, name);
  }
}

async function main() {
  const source = resolve(args.workspace);
  if (!existsSync(source)) {
    throw new Error(`${relative(ROOT, source) || source} does not exist (pass --workspace <dir>)`);
  }
  await ensureCodeServer();
  const extensionDir = resolve(args.extension);
  if (extensionDir === ROOT && !args['skip-build']) {
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      env: cleanEnv(),
    });
  }
  // Work on a copy (same folder name, so the window title and explorer read the same) in case the
  // extension or the workbench writes into the workspace.
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-shots-'));
  const folder = join(scratch, basename(source));
  cpSync(source, folder, { recursive: true });

  let session;
  const cleanup = onShutdown(async () => {
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  try {
    session = await startWorkbench({ folder, extensionDevelopmentPath: extensionDir });
    await waitForIdle(session.page, 3000);
    await treeShot(session.page);
    await diagnosticsShot(session.page);
    for (const theme of THEMES) await panelShots(session, theme);
  } finally {
    await cleanup();
  }
  log(
    `${taken.length} screenshot(s) written to ${relative(ROOT, resolve(args.out))}/, ${skipped.length} skipped`,
  );
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
