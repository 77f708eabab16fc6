// @ts-check
// Installs code-server (a real VS Code workbench served over HTTP) into .vscode-test/code-server-<version>/,
// once. Usable as a module (`ensureCodeServer()`) or directly: `node scripts/harness/install.mjs [--force]`.
//
// Why code-server from npm: the machines this project is built on reach only the npm registry and Debian's
// apt mirror, so @vscode/test-electron cannot download VS Code. code-server 4.100.3 installs from npm but
// builds native modules and fetches ripgrep from GitHub in its postinstall; the pitfalls are handled below.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR, CODE_SERVER_DIR, CODE_SERVER_VERSION } from './paths.mjs';
import { addCleanup, cleanEnv, log, run, runCleanups, which } from './util.mjs';

// Written last: a folder without it is a half-finished install (killed, out of disk...) and is redone.
const MARKER = join(CODE_SERVER_DIR, '.installed');
const LOCK = `${CODE_SERVER_DIR}.lock`;

// @vscode/ripgrep 1.15.11 (a dependency of code-server 4.100.3) downloads this asset from GitHub in its
// postinstall unless it is already in its cache folder under os.tmpdir(). We seed it with Debian's `rg`.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

/** Absolute path of code-server's Node entry point (run it with process.execPath, the same Node). */
export function codeServerEntry() {
  return join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function isInstalled() {
  return existsSync(MARKER) && existsSync(codeServerEntry());
}

/** Install code-server unless a completed install is already there. Returns the entry point path. */
export async function ensureCodeServer({ force = false } = {}) {
  if (!force && isInstalled()) return codeServerEntry();
  await withLock(async () => {
    if (!force && isInstalled()) return; // another process finished it while we waited
    await install();
  });
  return codeServerEntry();
}

async function install() {
  checkPrerequisites();
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (once; ~1.5 min, ~300 MB)`);
  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  // Its own package.json: code-server is not a dependency of the extension, and npm must treat this
  // folder as the project root instead of walking up to the repository's package.json.
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{ "private": true }\n');

  const tmp = join(CACHE_DIR, 'install-tmp');
  rmSync(tmp, { recursive: true, force: true });
  seedRipgrepCache(tmp);

  const env = cleanEnv({
    TMPDIR: tmp, // where @vscode/ripgrep looks for its cache; also keeps node-gyp's scratch files here
    // node-gyp builds kerberos/node-pty/... against the local headers instead of downloading them
    npm_config_nodedir: nodeDir(),
    // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask "Ok to proceed?"
    npm_config_yes: 'true',
    // code-server's own postinstall refuses to run as root without it (CI runs as root)
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --foreground-scripts: postinstall output (node-gyp) shows up live, so a stuck build is visible in CI.
  await run(npm, ['install', '--foreground-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_DIR,
    env,
  });
  if (!existsSync(codeServerEntry()))
    throw new Error(`code-server entry point missing: ${codeServerEntry()}`);
  const vscodeModules = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!existsSync(join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'))) {
    log('warning: @vscode/ripgrep has no bin/rg; search in the workbench will not work');
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(MARKER, `code-server@${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`code-server installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Fail early with the apt command to run, instead of deep inside a node-gyp log. */
function checkPrerequisites() {
  const missing = [];
  if (!which('rg')) missing.push('ripgrep');
  if (!which('krb5-config')) missing.push('libkrb5-dev');
  if (!which('make') || !which('g++')) missing.push('build-essential');
  if (!which('pkg-config')) missing.push('pkg-config');
  if (!which('python3')) missing.push('python3');
  if (!existsSync(join(nodeDir(), 'include', 'node', 'node.h')))
    missing.push('(Node.js headers: libnode-dev)');
  if (missing.length) {
    throw new Error(
      `code-server's native modules need: ${missing.join(' ')}\n` +
        `  apt-get update && apt-get install -y chromium ripgrep libkrb5-dev build-essential pkg-config python3`,
    );
  }
}

/** The prefix whose include/node holds the running Node's headers (/usr for Debian's nodejs). */
function nodeDir() {
  const fromExecPath = dirname(dirname(process.execPath)); // /usr/bin/node -> /usr, ~/node/bin/node -> ~/node
  if (existsSync(join(fromExecPath, 'include', 'node', 'node.h'))) return fromExecPath;
  return '/usr';
}

function seedRipgrepCache(tmp) {
  const target = RIPGREP_TARGETS[process.arch];
  const rg = which('rg');
  if (!target || !rg) return; // checkPrerequisites already failed for a missing rg
  const cacheDir = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const stage = join(tmp, 'rg-stage');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(stage, { recursive: true });
  copyFileSync(rg, join(stage, 'rg'));
  // The package extracts the archive and expects `rg` at its top level.
  const archive = join(cacheDir, `ripgrep-${RIPGREP_ASSET_VERSION}-${target}.tar.gz`);
  execFileSync('tar', ['czf', archive, '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
}

/**
 * A lock folder, so that two harness runs starting together on a cold cache do not install on top of each
 * other. A lock whose owner process is gone (killed mid-install) is taken over.
 */
async function withLock(fn) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const pidFile = join(LOCK, 'pid');
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(LOCK);
      writeFileSync(pidFile, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!lockOwnerAlive(pidFile)) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) log('another process is installing code-server; waiting');
      await sleep(1000);
    }
  }
  const release = () => rmSync(LOCK, { recursive: true, force: true });
  const unregister = addCleanup(release, release); // also when interrupted
  try {
    return await fn();
  } finally {
    unregister();
    release();
  }
}

function lockOwnerAlive(pidFile) {
  let pid;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    pid = 0;
  }
  // No pid yet: the owner is between mkdir and writeFile, unless that was long ago.
  if (!pid) return existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs < 10_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCodeServer({ force: process.argv.includes('--force') })
    .then((entry) => log(`code-server ready: ${entry}`))
    .catch(async (error) => {
      console.error(error.message ?? error);
      await runCleanups();
      process.exit(1);
    });
}
