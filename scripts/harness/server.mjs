// @ts-check
// Starts and stops a private code-server. Each server gets its own data folder (HOME, XDG dirs, TMPDIR,
// user settings, extensions) so it never reads or writes the real home folder or another run's state.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer } from './install.mjs';
import { CACHE_DIR, SETTINGS_FILE } from './paths.mjs';
import { addCleanup, cleanEnv, run } from './util.mjs';

/** A fresh folder under .vscode-test/ for one run (server data, browser profile, logs). */
export function createRunDir(prefix = 'run') {
  mkdirSync(CACHE_DIR, { recursive: true });
  return mkdtempSync(join(CACHE_DIR, `${prefix}-`));
}

/**
 * Start code-server on 127.0.0.1:port with its state under dataDir, and wait until it answers /healthz.
 * The server runs in its own process group (detached = setsid): code-server forks a server process and
 * extension hosts, and killing only the parent would leave an extension host running for hours.
 *
 * @param {{
 *   dataDir: string,
 *   port: number,
 *   env?: Record<string, string>,
 *   settings?: Record<string, unknown>,
 *   seedSettings?: 'always' | 'if-missing',
 *   extensionsDir?: string,
 * }} options  settings: user settings on top of scripts/harness/settings.json; extensionsDir: the installed
 *   extensions (default dataDir/extensions, empty; see installExtension)
 */
export async function startCodeServer({
  dataDir,
  port,
  env = {},
  settings = {},
  seedSettings = 'always',
  extensionsDir = join(dataDir, 'extensions'),
}) {
  const entry = await ensureCodeServer();
  const userDir = join(dataDir, 'user');
  const settingsFile = join(userDir, 'User', 'settings.json');
  for (const dir of [join(userDir, 'User'), extensionsDir]) mkdirSync(dir, { recursive: true });
  // AI features, update checks, welcome pages and trust prompts off: they pop up over the UI under test.
  if (seedSettings === 'always' || !existsSync(settingsFile)) writeUserSettings(settingsFile, settings);

  const logFile = join(dataDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDir,
      '--extensions-dir',
      extensionsDir,
    ],
    {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: isolatedEnv(dataDir, env),
    },
  );
  closeSync(logFd);
  let exited = false;
  const exitedPromise = new Promise((resolveExit) =>
    child.on('exit', () => {
      exited = true;
      resolveExit();
    }),
  );

  const pgid = child.pid;
  /** Synchronous last resort (for process exit): SIGKILL the whole group. */
  const killNow = () => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let stopping;
  /** Graceful stop: SIGTERM the group, wait for it to be empty, then SIGKILL whatever is left. */
  const stop = () =>
    (stopping ??= (async () => {
      unregister();
      if (!groupAlive(pgid)) return;
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        return;
      }
      for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
      killNow();
      await Promise.race([exitedPromise, sleep(2000)]);
    })());
  // From the moment it exists, so that Ctrl+C or a crash while it starts up cannot leave it behind.
  const unregister = addCleanup(stop, killNow);

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(origin))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start (${exited ? 'it exited' : 'timeout'}):\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return { origin, host: `127.0.0.1:${port}`, port, pgid, logFile, stop, killNow };
}

/**
 * Install a .vsix (or a gallery id) with code-server's own CLI, `--install-extension`, into extensionsDir, as
 * a user would; with the same private HOME/XDG/TMPDIR folders under dataDir as a server started there.
 *
 * @param {{ dataDir: string, vsix: string, extensionsDir?: string }} options
 */
export async function installExtension({ dataDir, vsix, extensionsDir = join(dataDir, 'extensions') }) {
  const entry = await ensureCodeServer();
  const userDir = join(dataDir, 'user');
  mkdirSync(extensionsDir, { recursive: true });
  const args = ['--user-data-dir', userDir, '--extensions-dir', extensionsDir, '--install-extension', vsix];
  await run(process.execPath, [entry, ...args, '--force'], { env: isolatedEnv(dataDir) });
}

/**
 * The environment of a code-server process (server or CLI): HOME, XDG dirs and TMPDIR inside dataDir, so it
 * never reads or writes the real home folder or /tmp. Creates those folders.
 */
function isolatedEnv(dataDir, env = {}) {
  const home = join(dataDir, 'home');
  const tmp = join(dataDir, 'tmp');
  for (const dir of [home, tmp]) mkdirSync(dir, { recursive: true });
  return cleanEnv({
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: tmp,
    ...env,
  });
}

/** Write a user settings file: the harness defaults plus `settings`. */
export function writeUserSettings(file, settings = {}) {
  const merged = { ...JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')), ...settings };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function healthy(origin) {
  return new Promise((resolveHealth) => {
    const request = get(`${origin}/healthz`, (response) => {
      response.resume();
      resolveHealth(response.statusCode === 200);
    });
    request.on('error', () => resolveHealth(false));
    request.setTimeout(2000, () => request.destroy());
  });
}

/** The last lines of a log file, for error messages. */
export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded (and, with
 * extensionTestsPath, its tests run). vscode-remote:// URIs make the server-side Node extension host load
 * them, as in a Remote window; a plain file path would mean the browser's web worker host.
 *
 * @param {{ origin: string, host: string }} server
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (path) => `vscode-remote://${server.host}${path}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
