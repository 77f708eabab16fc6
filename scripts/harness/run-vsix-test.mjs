// @ts-check
// `npm run test:vsix`: proves the packaged extension, not the source tree, works once installed. It builds
// the .vsix (`npm run build` + `npm run test:package` -> .vscode-test/markdown-roadmap.vsix), installs it
// with code-server's own `--install-extension` into a fresh extensions folder, starts a private code-server
// on that folder with NO extensionDevelopmentPath, opens (a copy of) examples/roadmap in headless chromium,
// and checks through the UI, like a person would, that the extension activated:
//   1. the activity bar has a "Roadmap" item;
//   2. clicking it shows the Roadmap tree with the example's feature titles (e.g. "Single sign-on");
//   3. the status bar says "<n> features" (n = the feature files of the example, 34).
//
// Options:
//   --vsix <file>        test this .vsix instead of building one (e.g. a release artifact)
//   --skip-build         reuse .vscode-test/markdown-roadmap.vsix if it exists (built when missing)
//   --workspace <dir>    folder to open (copied to a temp dir first); default examples/roadmap
//   --keep               keep .vscode-test/run-*/ and vsix-*/ (server log, installed extension)
// Env SHOT_TIMEOUT: ms to wait for each UI element (default 30000). Exit code: 0 pass, 1 fail, 3 harness
// error. On failure a screenshot is written to test-results/vsix-failure.png.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install.mjs';
import { CACHE_DIR, EXAMPLE_WORKSPACE, ROOT } from './paths.mjs';
import { createRunDir, installExtension } from './server.mjs';
import { addCleanup, cleanEnv, exitWith, fromUserCwd, log, run, runCleanups } from './util.mjs';
import { appears, clickActivityBarItem, screenshot, startWorkbench, waitForIdle } from './workbench.mjs';

const { values: args } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    workspace: { type: 'string', default: EXAMPLE_WORKSPACE },
    keep: { type: 'boolean', default: Boolean(process.env.KEEP_RUN_DIR) },
  },
});
const DEFAULT_VSIX = join(CACHE_DIR, 'markdown-roadmap.vsix'); // what `npm run test:package` writes
const TIMEOUT = Number(process.env.SHOT_TIMEOUT) || 30_000;
const EXPECTED_TITLE = 'Single sign-on';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The .vsix to test: given, reused, or built now (the build first: test:package only packages dist/). */
async function vsixToTest() {
  if (args.vsix) return fromUserCwd(args.vsix);
  if (args['skip-build'] && existsSync(DEFAULT_VSIX)) {
    log(`reusing ${relative(ROOT, DEFAULT_VSIX)} (--skip-build)`);
    return DEFAULT_VSIX;
  }
  log('npm run build && npm run test:package');
  await run(npm, ['run', '--silent', 'build'], { cwd: ROOT, env: cleanEnv() });
  await run(npm, ['run', '--silent', 'test:package'], { cwd: ROOT, env: cleanEnv() });
  return DEFAULT_VSIX;
}

/** How many features the status bar should count: the Markdown files with front-matter under features/. */
function expectedFeatureCount(folder) {
  const dir = join(folder, 'features');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md') && readFileSync(join(dir, file), 'utf8').startsWith('---')).length;
}

/**
 * The lines of the server's Node extension-host log (user/logs/<session>/exthost<n>/remoteexthost.log)
 * that mention the extension: its activation, or the error that stopped it.
 */
function extensionHostLines(runDir, extensionId) {
  const logs = join(runDir, 'user', 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true })
    .map(String)
    .filter((file) => basename(file) === 'remoteexthost.log')
    .flatMap((file) => readFileSync(join(logs, file), 'utf8').split('\n'))
    .filter((line) => line.includes(extensionId) || /\[error\]/.test(line));
}

/** Each check logs PASS/FAIL; the run fails if any did. */
const failures = [];
function check(passed, what, detail = '') {
  if (passed) log(`PASS ${what}`);
  else {
    failures.push(what);
    console.error(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
  return passed;
}

async function main() {
  const t0 = Date.now();
  const source = fromUserCwd(args.workspace);
  if (!existsSync(source)) throw new Error(`${source} does not exist (pass --workspace <dir>)`);
  await ensureCodeServer();
  const vsix = await vsixToTest();
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);

  // A fresh extensions folder (and CLI data folder) per run: nothing installed before, nothing left after.
  const installDir = createRunDir('vsix');
  if (!args.keep) addCleanup(() => rmSync(installDir, { recursive: true, force: true }));
  const extensionsDir = join(installDir, 'extensions');
  const t1 = Date.now();
  await installExtension({ dataDir: installDir, vsix, extensionsDir });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const installed = readdirSync(extensionsDir).filter((name) => name.startsWith(`${extensionId}-`));
  if (
    !check(installed.length === 1, `code-server --install-extension ${basename(vsix)}`, 'not in the folder')
  ) {
    return 1;
  }
  log(`installed ${installed[0]} in ${Date.now() - t1} ms into ${relative(ROOT, extensionsDir)}/`);

  // A copy of the workspace (same folder name), outside the repository: the extension may write into it.
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-vsix-'));
  if (!args.keep) addCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  const folder = join(scratch, basename(source));
  cpSync(source, folder, { recursive: true });
  const expectedCount = expectedFeatureCount(folder);

  try {
    // No extensionDevelopmentPath: the extension can only come from the extensions folder. A tall window,
    // so that the whole tree (every status group expanded) fits without scrolling its virtual list.
    const session = await startWorkbench({
      folder,
      extensionsDir,
      keepRunDir: args.keep,
      viewport: { width: 1400, height: 1600 },
    });
    const { page } = session;
    await waitForIdle(page, 2000);

    const opened = await clickActivityBarItem(page, 'Roadmap', { timeout: TIMEOUT });
    check(opened, 'the activity bar has a "Roadmap" item');
    if (opened) {
      const rows = page.locator('.part.sidebar .monaco-list-row');
      const row = rows.filter({ hasText: EXPECTED_TITLE }).first();
      const found = await appears(row, TIMEOUT);
      const shown = found ? [] : await rows.allInnerTexts().catch(() => []);
      check(
        found,
        `the Roadmap tree shows "${EXPECTED_TITLE}"`,
        `rows: ${shown.map((text) => text.replace(/\s+/g, ' ').trim()).join(' | ') || '(none)'}`,
      );
    }

    const countText =
      expectedCount === undefined ? /\d+ features?\b/ : new RegExp(`\\b${expectedCount} features?\\b`);
    const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: countText }).first();
    const counted = await appears(status, TIMEOUT);
    const items = counted ? [] : await page.locator('.part.statusbar .statusbar-item').allInnerTexts();
    check(
      counted,
      `the status bar says "${expectedCount ?? 'N'} features"`,
      `status bar: ${items
        .map((text) => text.trim())
        .filter(Boolean)
        .join(' | ')}`,
    );

    // Where it ran: an extension with "main" runs in the server's Node extension host, which logs the
    // activation (after the UI checks, and polled: the log is written in batches).
    let hostLines = [];
    const activated = () => hostLines.some((line) => line.includes(`_doActivateExtension ${extensionId}`));
    for (let waited = 0; waited < 5000 && !activated(); waited += 250) {
      hostLines = extensionHostLines(session.runDir, extensionId);
      if (!activated()) await page.waitForTimeout(250);
    }
    check(
      activated() && !hostLines.some((line) => line.includes(`Activating extension ${extensionId} failed`)),
      'the Node extension host log shows its activation',
      'no activation line',
    );
    if (failures.length) {
      if (hostLines.length) console.error(`--- extension host log ---\n${hostLines.slice(-20).join('\n')}`);
      await screenshot(page, join(ROOT, 'test-results', 'vsix-failure.png')).catch(() => {});
      console.error(`--- code-server log (last lines) ---\n${session.serverLog()}`);
    }
  } finally {
    await runCleanups();
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures.length) {
    console.error(`test:vsix FAILED (${failures.length} check(s)) in ${seconds}s`);
    return 1;
  }
  log(`test:vsix passed: ${relative(ROOT, vsix) || vsix} installs and activates; total ${seconds}s`);
  return 0;
}

exitWith(main);
