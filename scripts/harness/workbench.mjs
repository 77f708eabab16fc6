// A driver for a real VS Code workbench: a private code-server plus Debian's chromium through
// playwright-core, with helpers to act like a person (run a command from F1, click the activity bar, find a
// webview's content, take screenshots). Used by run-tests.mjs and screenshots.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, SETTINGS_FILE } from './paths.mjs';
import { createRunDir, startCodeServer, tail, workbenchUrl } from './server.mjs';
import { freePort, log } from './util.mjs';

/**
 * Launch headless chromium with its profile inside runDir. Flags: no sandbox (CI runs as root), no GPU
 * (headless servers have none), and no background traffic (the machine is offline; retries only slow it).
 */
export async function launchBrowser({ runDir, viewport = { width: 1400, height: 900 } }) {
  const profile = join(runDir, 'chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
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
 * also wired to process exit so that a crash still kills the server's process group.
 *
 * @param {{
 *   folder: string,
 *   extensionDevelopmentPath?: string,
 *   extensionTestsPath?: string,
 *   port?: number,
 *   env?: Record<string, string>,
 *   viewport?: { width: number, height: number },
 *   beforeOpen?: (page: import('playwright-core').Page) => Promise<void>,
 *   waitForWorkbench?: boolean,
 *   keepRunDir?: boolean,
 * }} options
 */
export async function startWorkbench(options) {
  const runDir = createRunDir();
  const t0 = Date.now();
  const port = options.port ?? (await freePort());
  let server;
  let browser;
  const close = async () => {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    if (!options.keepRunDir && !process.env.KEEP_RUN_DIR) rmSync(runDir, { recursive: true, force: true });
  };
  process.on('exit', () => server?.killNow());
  try {
    server = await startCodeServer({ dataDir: runDir, port, env: options.env });
    log(`code-server up on ${server.origin} in ${Date.now() - t0} ms (pgid ${server.pgid}, data ${runDir})`);
    browser = await launchBrowser({ runDir, viewport: options.viewport });
    const { page } = browser;
    page.on('pageerror', (error) => console.error('[pageerror]', error.message));
    if (process.env.DEBUG_CONSOLE) {
      page.on('console', (message) =>
        console.error('[console]', message.type(), message.text().slice(0, 500)),
      );
    }
    await options.beforeOpen?.(page);
    const url = workbenchUrl(server, options);
    await page.goto(url);
    if (options.waitForWorkbench !== false) {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      log('workbench DOM up');
    }
    return {
      server,
      page,
      context: browser.context,
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

/** Wait until the extension host has finished starting extensions (the status bar settles, no progress). */
export async function waitForIdle(page, ms = 1500) {
  await page
    .locator('.statusbar')
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  await page.waitForTimeout(ms);
}

/**
 * Run a command by its palette title, like a person: F1, type, Enter. Returns false (after closing the
 * palette) when no entry with that title shows up in time.
 */
export async function runCommand(page, title, { timeout = 10_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ timeout });
  } catch {
    await page.keyboard.press('Escape');
    return false;
  }
  await page.keyboard.press('Enter');
  return true;
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
 * Replace the user settings of a running session (the workbench watches the file and applies the change
 * live, e.g. a new color theme), keeping the harness defaults underneath.
 */
export function writeUserSettings(session, settings) {
  const file = join(session.runDir, 'user', 'User', 'settings.json');
  const merged = { ...JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')), ...settings };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

/** Wait until the workbench shows a light (`vs`) or dark (`vs-dark`) theme. */
export async function waitForThemeKind(page, kind, { timeout = 10_000 } = {}) {
  try {
    await page.locator(`.monaco-workbench.${kind}`).first().waitFor({ timeout });
    return true;
  } catch {
    return false;
  }
}
