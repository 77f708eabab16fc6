// @ts-check
// `npm run test:integration`: runs the integration suites (test/integration/suite/*.test.ts) inside a real
// VS Code, offline: a private code-server (installed once into .vscode-test/) and headless Debian chromium.
// The suites run in the server's Node extension host, exactly as @vscode/test-electron would run them.
//
// Options (each also settable from the environment):
//   --grep <pattern>      GREP            only tests whose full title matches (Mocha grep)
//   --workspace <dir>     TEST_WORKSPACE  folder to open (copied to a temp dir first); default test/fixtures/workspace
//   --timeout <seconds>   TEST_TIMEOUT    overall limit for the run in the workbench; default 300
//   --extension <dir>     EXTENSION_DIR   extension to load; default this repository (built with `npm run build`)
//   --skip-build                          do not run `npm run build` first
//   --keep                KEEP_RUN_DIR    keep .vscode-test/run-*/ (server log, profile) and the workspace copy
//                         VERBOSE=1       also print the workbench's own log lines
// Exit code: the tests' (0 pass, 1 fail), 2 timeout, 3 harness error. On failure a screenshot is written to
// test-results/.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTests } from './build-tests.mjs';
import { ensureCodeServer } from './install.mjs';
import { FIXTURE_WORKSPACE, ROOT, TESTS_OUT_DIR } from './paths.mjs';
import { addCleanup, cleanEnv, exitWith, fromUserCwd, log, run, runCleanups } from './util.mjs';
import { screenshot, startWorkbench } from './workbench.mjs';
import { exposeAutomationHooks } from './automation.mjs';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string', default: process.env.GREP },
    workspace: { type: 'string', default: process.env.TEST_WORKSPACE || FIXTURE_WORKSPACE },
    timeout: { type: 'string', default: process.env.TEST_TIMEOUT || '300' },
    extension: { type: 'string', default: process.env.EXTENSION_DIR || ROOT },
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: Boolean(process.env.KEEP_RUN_DIR) },
  },
});
const RESULTS_DIR = join(ROOT, 'test-results');
const VERBOSE = Boolean(process.env.VERBOSE);

async function main() {
  const t0 = Date.now();
  await ensureCodeServer();

  const extensionDir = fromUserCwd(args.extension);
  if (extensionDir === ROOT && !args['skip-build']) {
    log('npm run build');
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      env: cleanEnv(),
    });
  }
  await buildTests();

  // Tests may create, edit and delete files: give them a throwaway copy, outside the repository.
  const workspaceParent = mkdtempSync(join(tmpdir(), 'roadmap-it-'));
  const workspace = join(workspaceParent, basename(fromUserCwd(args.workspace)));
  cpSync(fromUserCwd(args.workspace), workspace, { recursive: true });

  if (!args.keep) addCleanup(() => rmSync(workspaceParent, { recursive: true, force: true }));

  try {
    let finish;
    const finished = new Promise((resolveFinish) => (finish = resolveFinish));
    // Extension-host env: the bootstrap (test/integration/index.ts) reads GREP from it.
    const env = args.grep ? { GREP: args.grep } : {};
    const session = await startWorkbench({
      folder: workspace,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: TESTS_OUT_DIR,
      env,
      keepRunDir: args.keep,
      async beforeOpen(page) {
        // The workbench reports the run through its automation hooks: the extension host's console (Mocha's
        // reporter) and the end of run(), 0 when its promise resolved, 1 when it rejected.
        const { exited } = await exposeAutomationHooks(page, { verbose: VERBOSE });
        void exited.then((code) => finish({ code }));
      },
    });
    log(`running tests in ${workspace}${args.grep ? ` (grep: ${args.grep})` : ''}`);

    const seconds = Number(args.timeout);
    const timer = setTimeout(() => finish({ code: 2, timedOut: true }), seconds * 1000);
    const { code, timedOut } = await finished;
    clearTimeout(timer);

    if (code !== 0) {
      if (timedOut) console.error(`TIMEOUT: the tests did not finish within ${seconds}s (TEST_TIMEOUT)`);
      await screenshot(
        session.page,
        join(RESULTS_DIR, `integration-${timedOut ? 'timeout' : 'failure'}.png`),
      ).catch(() => {});
      console.error(`--- code-server log (last lines) ---\n${session.serverLog()}`);
    }
    log(`tests finished with exit code ${code}; total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return code;
  } finally {
    await runCleanups(); // the browser, the server's process group, the temp folders
  }
}

exitWith(main);
