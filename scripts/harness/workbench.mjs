// @ts-check
// A driver for a real VS Code workbench: a private code-server plus Debian's chromium through
// playwright-core, with helpers to act like a person (run a command from F1, click the activity bar, find a
// webview's content, take screenshots). Used by run-tests.mjs and screenshots.mjs.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';
import { createRunDir, startCodeServer, tail, workbenchUrl, writeUserSettings } from './server.mjs';
import { addCleanup, freePort, log } from './util.mjs';

/**
 * Launch headless chromium with its profile inside runDir. Flags: no sandbox (CI runs as root), no GPU
 * (headless servers have none), and no background traffic (the machine is offline; retries only slow it).
 */
export async function launchBrowser({ runDir, viewport = { width: 1400, height: 900 } }) {
  const profile = join(runDir, 'chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Playwright's own signal handlers exit the process at once, racing the harness cleanups (server
    // group, temp folders). The harness closes the browser itself; Playwright still kills it on exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport,
    env: { ...process.env, HOME: join(runDir, 'home'), TMPDIR: join(runDir, 'tmp') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * Start a server and a browser, and open `folder` with the extension loaded. `beforeOpen(page)` runs before
 * navigation (to expose functions the workbench calls at startup). Call `session.close()` when done; it is
 * also registered with the harness cleanups (signals, process exit), so an interrupted or crashed run
 * still kills the server's process group.
 *
 * @param {{
 *   folder: string,
 *   extensionDevelopmentPath?: string,
 *   extensionTestsPath?: string,
 *   port?: number,
 *   env?: Record<string, string>,
 *   settings?: Record<string, unknown>,
 *   viewport?: { width: number, height: number },
 *   beforeOpen?: (page: import('playwright-core').Page) => Promise<void>,
 *   keepRunDir?: boolean,
 *   extensionsDir?: string,
 * }} options  extensionsDir: installed extensions for the server (default: a fresh, empty folder)
 */
export async function startWorkbench(options) {
  const runDir = createRunDir();
  const t0 = Date.now();
  const port = options.port ?? (await freePort());
  let server;
  let launching; // the browser's launch, awaited by close() so a half-launched chromium is closed too
  let closed;
  const close = () =>
    (closed ??= (async () => {
      unregister();
      const browser = await launching?.catch(() => undefined);
      await browser?.context.close().catch(() => {});
      await server?.stop();
      if (!options.keepRunDir && !process.env.KEEP_RUN_DIR) {
        // Retries: a chromium helper killed by Ctrl+C may still be writing its crash report here.
        rmSync(runDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      }
    })());
  // Registered before anything starts, so that Ctrl+C during startup still cleans up (the server
  // registers its own kill as soon as it is spawned).
  let unregister = addCleanup(close);
  try {
    server = await startCodeServer({
      dataDir: runDir,
      port,
      env: options.env,
      settings: options.settings,
      extensionsDir: options.extensionsDir,
    });
    log(`code-server up on ${server.origin} in ${Date.now() - t0} ms (pgid ${server.pgid}, data ${runDir})`);
    // Re-register as the newest cleanup: close the browser before the server goes (cleanups run newest
    // first), or the workbench logs its reconnect attempts into the output.
    unregister();
    unregister = addCleanup(close);
    launching = launchBrowser({ runDir, viewport: options.viewport });
    const { page, context } = await launching;
    page.on('pageerror', (error) => console.error('[pageerror]', error.message));
    if (process.env.DEBUG_CONSOLE) {
      page.on('console', (message) =>
        console.error('[console]', message.type(), message.text().slice(0, 500)),
      );
    }
    await options.beforeOpen?.(page);
    const url = workbenchUrl(server, options);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    log('workbench DOM up');
    return {
      server,
      page,
      context,
      runDir,
      url,
      close,
      serverLog: () => tail(server.logFile),
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Whether the locator's element shows up within `timeout` ms (false instead of a timeout error). */
export function appears(locator, timeout = 15_000) {
  return locator.waitFor({ timeout }).then(
    () => true,
    () => false,
  );
}

/** Wait for the status bar, then give the extension hosts `ms` to settle (activation, first renders). */
export async function waitForIdle(page, ms = 1500) {
  await page
    .locator('.statusbar')
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  await page.waitForTimeout(ms);
}

/**
 * Run a command by its palette title, like a person: F1, type, pick the entry. Returns false (after closing
 * the palette) when no entry with that title shows up in time.
 */
export async function runCommand(page, title, { timeout = 10_000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  // The entry whose label is exactly the title: Enter would take the top entry, which can be a longer
  // title ("Preferences: Browse Color Themes in Marketplace" for "Preferences: Color Theme").
  const entry = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      // Right after startup, or on a busy machine, F1 can be lost or the palette can close under us.
      if (!(await input.isVisible())) await page.keyboard.press('F1');
      await input.waitFor({ timeout: 3000 });
      await input.fill(`>${title}`, { timeout: 2000 });
      await entry.waitFor({ timeout: Math.max(1000, deadline - Date.now()) });
      await entry.click({ timeout: 2000 });
      return true;
    } catch {
      // try again until the deadline
    }
  }
  if (await input.isVisible()) await page.keyboard.press('Escape');
  return false;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Click the activity bar entry whose aria-label starts with `label` (e.g. a view container's title). */
export async function clickActivityBarItem(page, label, { timeout = 15_000 } = {}) {
  const item = page.locator(`.activitybar [aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
  try {
    await item.waitFor({ timeout });
  } catch {
    return false;
  }
  // Clicking an already-open container would close the side bar again.
  const checked = await item.evaluate((element) =>
    Boolean(element.closest('.action-item')?.classList.contains('checked')),
  );
  if (!checked) await item.click();
  // Move the pointer off the activity bar, or its hover tooltip ends up in screenshots.
  const viewport = page.viewportSize();
  if (viewport) await page.mouse.move(viewport.width / 2, viewport.height / 2);
  return true;
}

/**
 * Find the frame whose document contains `selector`. Webviews are iframes inside iframes (pre/index.html
 * hosts an active-frame), possibly on another origin, so all of the page's frames are searched repeatedly.
 *
 * @returns {Promise<import('playwright-core').Frame | undefined>}
 */
export async function findFrame(page, selector, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  do {
    for (const frame of page.frames()) {
      const count = await frame
        .locator(selector)
        .count()
        .catch(() => 0);
      if (count > 0) return frame;
    }
    await page.waitForTimeout(200);
  } while (Date.now() < deadline);
  return undefined;
}

/** A PNG of the whole page, creating the folder as needed. */
export async function screenshot(page, file) {
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  log(`wrote ${file}`);
}

/**
 * Switch the color theme like a person: "Preferences: Color Theme", type the name, pick it. Falls back to
 * writing the user settings and reloading the window. Returns whether a theme of `kind` ('vs' light,
 * 'vs-dark' dark) shows in the end.
 */
export async function setColorTheme(session, theme, kind, { timeout = 10_000 } = {}) {
  const { page } = session;
  // The workbench carries the theme's id as a class: Default Dark Modern -> ...-themes-dark_modern-json
  const id = theme
    .toLowerCase()
    .replace(/^default /, '')
    .replace(/\W+/g, '_');
  if (await appears(page.locator(`.monaco-workbench.${kind}[class*="${id}"]`), 500)) return true;
  if (await runCommand(page, 'Preferences: Color Theme', { timeout })) {
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first();
    try {
      await page.locator('.quick-input-widget input').fill(theme, { timeout });
      await row.click({ timeout });
      if (await waitForThemeKind(page, kind, { timeout })) return true;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  log(`theme ${theme}: the picker did not apply it; writing settings and reloading the window`);
  writeUserSettings(join(session.runDir, 'user', 'User', 'settings.json'), { 'workbench.colorTheme': theme });
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return waitForThemeKind(page, kind, { timeout });
}

/** Wait until the workbench shows a light (`vs`) or dark (`vs-dark`) theme. */
export function waitForThemeKind(page, kind, { timeout = 10_000 } = {}) {
  return appears(page.locator(`.monaco-workbench.${kind}`).first(), timeout);
}
