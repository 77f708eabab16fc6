// @ts-check
// `npm run test:web`: runs the web suites (test/web/suite/*.test.ts) inside a real VS Code's web-worker
// extension host, offline: the same private code-server and headless Debian chromium as
// `npm run test:integration`, but the extension under test is a staged copy whose manifest has only
// "browser" (no "main"), so the workbench must run it, and its tests, in the browser's worker: the host
// vscode.dev and github.dev use. (@vscode/test-web would do the same, but it downloads a VS Code web build.)
// See build-web-tests.mjs for the staging and the bundle.
//
// Options (each also settable from the environment):
//   --workspace <dir>     TEST_WORKSPACE  folder to open (copied to a temp dir first); default test/fixtures/workspace
//   --timeout <seconds>   TEST_TIMEOUT    overall limit for the run in the workbench; default 180
//   --skip-build                          do not run `npm run build` first (dist/ must exist)
//   --keep                KEEP_RUN_DIR    keep .vscode-test/run-*/ (server log, profile), the workspace copy and
//                                         the staged extension (out/web-tests/run-*/)
//                         VERBOSE=1       also print the workbench's own log lines
// Exit code: the tests' (0 pass, 1 fail), 2 timeout, 3 harness error. On failure a screenshot is written to
// test-results/web-failure.png (or web-timeout.png), and the window's console errors are printed.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exposeAutomationHooks } from './automation.mjs';
import { buildWebTests, WEB_TESTS_OUT_DIR } from './build-web-tests.mjs';
import { ensureCodeServer } from './install.mjs';
import { FIXTURE_WORKSPACE, ROOT } from './paths.mjs';
import { addCleanup, cleanEnv, exitWith, fromUserCwd, log, run, runCleanups } from './util.mjs';
import { screenshot, startWorkbench } from './workbench.mjs';

const { values: args } = parseArgs({
  options: {
    workspace: { type: 'string', default: process.env.TEST_WORKSPACE || FIXTURE_WORKSPACE },
    timeout: { type: 'string', default: process.env.TEST_TIMEOUT || '180' },
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: Boolean(process.env.KEEP_RUN_DIR) },
  },
});
const RESULTS_DIR = join(ROOT, 'test-results');

async function main() {
  const t0 = Date.now();
  await ensureCodeServer();
  if (!args['skip-build']) {
    log('npm run build');
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      env: cleanEnv(),
    });
  }
  // A fresh staging folder per run (removed at the end unless --keep).
  mkdirSync(WEB_TESTS_OUT_DIR, { recursive: true });
  const stageDir = mkdtempSync(join(WEB_TESTS_OUT_DIR, 'run-'));
  if (!args.keep) addCleanup(() => rmSync(stageDir, { recursive: true, force: true }));
  const { outDir, entry } = await buildWebTests(stageDir);

  // A throwaway copy of the workspace, outside the repository.
  const workspaceParent = mkdtempSync(join(tmpdir(), 'roadmap-web-'));
  const workspace = join(workspaceParent, basename(fromUserCwd(args.workspace)));
  cpSync(fromUserCwd(args.workspace), workspace, { recursive: true });
  if (!args.keep) addCleanup(() => rmSync(workspaceParent, { recursive: true, force: true }));

  try {
    /** @type {Promise<number>} */
    let exited = new Promise(() => {});
    // What the window itself reports (e.g. "No extension host found that can launch the test runner", or
    // a test bundle that throws while loading): printed only when the run fails.
    const consoleErrors = [];
    const session = await startWorkbench({
      folder: workspace,
      // vscode-remote:// paths, as for the Node host: the server serves the files, but the manifest's lack
      // of "main" makes the workbench pick its local web worker host to run them (extension kind "web").
      extensionDevelopmentPath: outDir,
      // Inside the extension folder, so the tests run in the extension's own host: the worker.
      extensionTestsPath: entry,
      keepRunDir: args.keep,
      async beforeOpen(page) {
        ({ exited } = await exposeAutomationHooks(page, { verbose: Boolean(process.env.VERBOSE) }));
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const { url } = message.location();
          // "Failed to load resource" says which URL only in its location.
          consoleErrors.push(`${message.text().slice(0, 1000)}${url ? ` (${url})` : ''}`);
        });
      },
    });
    log(`running web tests in ${workspace}`);

    const seconds = Number(args.timeout);
    let timer;
    const timeout = new Promise(
      (resolveTimeout) => (timer = setTimeout(() => resolveTimeout(2), seconds * 1000)),
    );
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);

    if (code !== 0) {
      if (code === 2)
        console.error(`TIMEOUT: the web tests did not finish within ${seconds}s (TEST_TIMEOUT)`);
      // Not worth printing: the gallery (offline by design) and vsda (not shipped with code-server).
      const harmless = /open-vsx\.org|ERR_NAME_NOT_RESOLVED|ENOTFOUND|vsda/;
      const errors = consoleErrors.filter((text) => !harmless.test(text)).slice(-10);
      if (errors.length)
        console.error(`--- window console errors (last ${errors.length}) ---\n${errors.join('\n')}`);
      await screenshot(
        session.page,
        join(RESULTS_DIR, `web-${code === 2 ? 'timeout' : 'failure'}.png`),
      ).catch(() => {});
      console.error(`--- code-server log (last lines) ---\n${session.serverLog()}`);
    }
    log(`web tests finished with exit code ${code}; total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return code;
  } finally {
    await runCleanups(); // the browser, the server's process group, the temp folders
  }
}

exitWith(main);
