// @ts-check
// `npm run test:electron`: the same integration suites as `npm run test:integration`, in desktop VS Code
// (Electron) downloaded by @vscode/test-electron into .vscode-test/. Needs internet access to
// update.code.visualstudio.com, and a display on Linux (run it under `xvfb-run -a` on a headless box).
// On the offline build machines use `npm run test:integration` (code-server + chromium) instead.
//
// Options: GREP (Mocha grep), TEST_WORKSPACE (folder to open, copied first; default test/fixtures/workspace),
// VSCODE_VERSION ('stable', 'insiders' or e.g. '1.100.3'; default 'stable'), --skip-build.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildTests } from './build-tests.mjs';
import { FIXTURE_WORKSPACE, ROOT, SETTINGS_FILE, TESTS_OUT_DIR } from './paths.mjs';
import { cleanEnv, fromUserCwd, log, run } from './util.mjs';

async function main() {
  if (!process.argv.includes('--skip-build')) {
    log('npm run build');
    await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      env: cleanEnv(),
    });
  }
  await buildTests();

  // A throwaway copy of the workspace and a fresh profile seeded with the harness settings, as in the
  // code-server route, so both routes see the same editor.
  const scratch = mkdtempSync(join(tmpdir(), 'roadmap-electron-'));
  const source = fromUserCwd(process.env.TEST_WORKSPACE || FIXTURE_WORKSPACE);
  const workspace = join(scratch, basename(source));
  cpSync(source, workspace, { recursive: true });
  const userDataDir = join(scratch, 'user');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  copyFileSync(SETTINGS_FILE, join(userDataDir, 'User', 'settings.json'));

  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      cachePath: join(ROOT, '.vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_OUT_DIR,
      extensionTestsEnv: process.env.GREP ? { GREP: process.env.GREP } : {},
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--disable-gpu',
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
    });
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`test:electron failed: ${error?.message ?? error}`);
    process.exit(1);
  },
);
