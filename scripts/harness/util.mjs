// @ts-check
// Small process helpers shared by the harness scripts.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

const started = Date.now();

/** Log a harness line with the seconds elapsed since the script started (timings end up in CI logs). */
export function log(message) {
  console.log(`[harness ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

/**
 * The environment for a nested npm or a server. `npm run` exports its own state (npm_package_*,
 * npm_lifecycle_*, npm_config_local_prefix...) and a nested `npm install` elsewhere must not inherit the
 * outer project's identity, so those are dropped; user-level npm_config_* (registry, cache) are kept.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_local_prefix$|command$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Run a command with inherited stdio; resolve on exit 0, reject otherwise. The command gets its own
 * process group, killed as a whole by the harness cleanups: an interrupted `npm install` must not keep
 * building (node-gyp, make) in the background into a folder the next run is about to remove.
 */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const unregister = child.pid ? addCleanup(killGroup, killGroup) : () => {};
    child.on('error', (error) => {
      unregister();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      unregister();
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * Resolve a path given on the command line. `npm run` changes into the package root, so a relative path
 * is taken from the folder the user ran npm in (INIT_CWD), as they would expect.
 */
export function fromUserCwd(path) {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Find an executable on PATH (like `command -v`), or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/** Ask the kernel for a free TCP port on 127.0.0.1 (tiny race window, fine for one private server). */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePromise(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port (so we may bind it). */
export function portIsFree(port) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

// Cleanups run once, newest first, when the script ends: normally (the script awaits runCleanups()), on
// Ctrl+C / SIGTERM / SIGHUP (then it exits 128+signal, as a shell would), and as a last resort on 'exit',
// where only synchronous work such as process.kill can happen.
const cleanups = [];
const exitHooks = [];
let signalsHooked = false;

/**
 * Register an async cleanup (close a browser, stop a server, remove a temp folder) and optionally a
 * synchronous last resort for 'exit'. Returns a function that unregisters both (after a normal close).
 */
export function addCleanup(cleanup, onExitSync) {
  hookSignals();
  cleanups.push(cleanup);
  if (onExitSync) exitHooks.push(onExitSync);
  return () => {
    cleanups.splice(cleanups.indexOf(cleanup) >>> 0, 1);
    if (onExitSync) exitHooks.splice(exitHooks.indexOf(onExitSync) >>> 0, 1);
  };
}

let cleaning;

/**
 * Run (and forget) every registered cleanup, newest first; errors are logged, not thrown. Concurrent calls
 * (a signal arriving while the script cleans up normally) share one pass, so nobody exits half-way.
 */
export function runCleanups() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const cleanup = cleanups.pop();
      try {
        await cleanup();
      } catch (error) {
        console.error('[harness] cleanup failed:', error?.message ?? error);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

/**
 * Runs a script's main() and exits with the code it resolves to. A crash is a harness error: its stack is
 * printed, every cleanup runs (the server's process group, the browser, temp folders), and the exit code is 3.
 *
 * @param {() => Promise<number>} main
 */
export function exitWith(main) {
  main().then(
    (code) => process.exit(code),
    async (error) => {
      console.error(error?.stack ?? error);
      await runCleanups();
      process.exit(3);
    },
  );
}

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, number] of Object.entries({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`);
      runCleanups().finally(() => process.exit(128 + number));
    });
  }
  process.on('exit', () => {
    for (const hook of exitHooks.splice(0)) hook();
  });
}
