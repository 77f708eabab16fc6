// Small process helpers shared by the harness scripts.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

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

/** Run a command with inherited stdio; resolve on exit 0, reject otherwise. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
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

/**
 * Run `cleanup` once when the process ends for any reason: normal exit, an uncaught error, or Ctrl+C /
 * SIGTERM (after which we exit 128+signal, as a shell would). Async cleanups get a chance on signals;
 * `syncCleanup` is the last resort on 'exit', where only synchronous work (process.kill) can happen.
 */
export function onShutdown(cleanup, syncCleanup) {
  let running;
  const once = () => (running ??= Promise.resolve().then(cleanup));
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ]) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`);
      once().finally(() => process.exit(128 + number));
    });
  }
  process.on('exit', () => syncCleanup?.());
  return once;
}
