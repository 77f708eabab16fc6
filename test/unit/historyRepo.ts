// Real git repositories in temp folders for the history tests: git is on the machine, so the tests run it
// exactly as users will (renames, merges, shallow clones...), with fixed identities and dates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/main';

export const projectRoot = resolve(__dirname, '../..');
export const exampleRoadmap = join(projectRoot, 'examples/roadmap');

const temps: string[] = [];
export function removeTempRepos(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

let clock = Date.parse('2026-06-01T09:00:00Z');

/** Runs git with a fixed identity, no user or system config, and each commit one hour after the last. */
export function git(cwd: string, ...args: string[]): string {
  clock += 3_600_000;
  const date = new Date(clock).toISOString();
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Ana Silva',
      GIT_AUTHOR_EMAIL: 'ana@example.com',
      GIT_COMMITTER_NAME: 'Ana Silva',
      GIT_COMMITTER_EMAIL: 'ana@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
  assert.equal(result.status, 0, `git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-history-'));
  temps.push(dir);
  return dir;
}

/** A new repository on branch main, optionally filled with a copy of a folder (not yet committed). */
export function newRepo(copyFrom?: string): string {
  const root = tempDir();
  if (copyFrom) cpSync(copyFrom, root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  return root;
}

export function commitAll(root: string, message: string): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

export function writeFile(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Replaces one exact piece of a file's text; fails loudly when it is not there, so a fixture cannot drift. */
export function editFile(root: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(root, path), 'utf8');
  assert.ok(text.includes(from), `${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(join(root, path), text.replace(from, to));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, ...args: string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

export function feature(id: string, fields: Record<string, string> = {}, body = ''): string {
  const lines = Object.entries({ id, title: `Feature ${id}`, status: 'planned', moscow: 'should', ...fields })
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}
