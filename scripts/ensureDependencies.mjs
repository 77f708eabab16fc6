// @ts-check
// Runs before `npm start` and `npm test` (their pre-scripts): on a fresh clone, or after package-lock.json
// changed, it runs `npm ci` first, so the README's two commands work with nothing run before them.
// Dependency-free on purpose: it runs before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
// npm writes this "hidden lockfile" at the end of every install: what node_modules actually holds.
const installed = join(root, 'node_modules', '.package-lock.json');

/** @param {string} path */
const modified = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs;

/** @param {string} path @returns {Record<string, { version?: string, optional?: boolean }>} */
const packagesOf = (path) => JSON.parse(readFileSync(path, 'utf8')).packages ?? {};

/**
 * Why node_modules needs an install, or undefined when it is current. An older node_modules is compared
 * package by package before reinstalling: a checkout touches package-lock.json without changing it.
 */
function staleReason() {
  const installedAt = modified(installed);
  if (installedAt === undefined) return 'node_modules is missing';
  if (installedAt >= (modified(lockfile) ?? 0)) return undefined;
  const wanted = packagesOf(lockfile);
  const present = packagesOf(installed);
  for (const [path, entry] of Object.entries(wanted)) {
    // Optional packages for other platforms are never installed; the root entry is this project.
    if (!path.startsWith('node_modules/') || entry.optional) continue;
    if (present[path]?.version !== entry.version)
      return `${path.slice('node_modules/'.length)} ${entry.version} is not installed`;
  }
  return undefined;
}

const reason = staleReason();
if (reason) {
  console.error(`ensureDependencies: ${reason}; running npm ci first.`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exit(result.status ?? 1);
}
