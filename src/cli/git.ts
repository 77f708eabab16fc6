// Reading a roadmap's history from git, for the CLI and the Node extension host. Git is asked in bulk: one
// `ls-tree` per revision and one `cat-file --batch` for all the blobs it needs, never a process per file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configPath } from '../core/config';
import type { FileCommitRef } from '../core/history/featureHistory';
import {
  buildRevision,
  configOf,
  featureCandidates,
  type ParseCache,
  type RevisionFile,
  type RevisionModel,
} from '../core/history/revision';
import { headBytes, listCandidates } from './nodeWorkspace';

export class GitError extends Error {}

/** Runs git and returns its raw output; a failure becomes a GitError carrying git's own first line. */
export function runGit(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      input,
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Never prompt, never page, never translate the messages we quote.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH)');
    const detail = failure.stderr?.toString('utf8').trim().split('\n')[0];
    throw new GitError(detail || `git ${args[0]} failed`);
  }
}

export interface Repository {
  /** The repository's top folder. */
  toplevel: string;
  /** The roadmap root relative to it, with a trailing slash ('' at the top). */
  prefix: string;
  /** False in a repository with no commits yet. */
  hasCommits: boolean;
}

/** The repository that holds a folder, or undefined when it is not inside one. */
export function openRepository(root: string): Repository | undefined {
  let lines: string[];
  try {
    lines = runGit(root, ['rev-parse', '--show-toplevel', '--show-prefix']).toString('utf8').split('\n');
  } catch (error) {
    if (/not a git repository/i.test((error as Error).message)) return undefined;
    throw error;
  }
  const [toplevel, prefix = ''] = lines;
  let hasCommits = true;
  try {
    runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    hasCommits = false;
  }
  return { toplevel, prefix, hasCommits };
}

function isShallow(repo: Repository): boolean {
  return runGit(repo.toplevel, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
}

/** The full commit id a ref names, or a GitError that says why not (a shallow clone's missing history included). */
export function resolveCommit(repo: Repository, ref: string): string {
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a revision`);
  try {
    return runGit(repo.toplevel, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    const hint = isShallow(repo)
      ? ' (this is a shallow clone: fetch more history, e.g. actions/checkout with fetch-depth: 0)'
      : '';
    throw new GitError(`unknown revision '${ref}'${hint}`);
  }
}

/** The remote's default branch if known, else a local main/master/trunk. */
function defaultBranch(repo: Repository): string | undefined {
  try {
    const remoteHead = runGit(repo.toplevel, [
      'symbolic-ref',
      '--quiet',
      '--short',
      'refs/remotes/origin/HEAD',
    ])
      .toString('utf8')
      .trim();
    if (remoteHead) return remoteHead;
  } catch {
    // No remote HEAD recorded: look for the usual local names.
  }
  for (const name of ['main', 'master', 'trunk']) {
    try {
      runGit(repo.toplevel, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`]);
      return name;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

/** The default base of a diff: where this branch left the default branch, else HEAD; null before the first commit. */
export function defaultBase(repo: Repository): string | null {
  if (!repo.hasCommits) return null;
  const branch = defaultBranch(repo);
  if (branch) {
    try {
      return runGit(repo.toplevel, ['merge-base', 'HEAD', branch]).toString('utf8').trim();
    } catch {
      // Unrelated histories or a shallow clone without the fork point: fall back to HEAD.
    }
  }
  return resolveCommit(repo, 'HEAD');
}

interface TreeEntry {
  path: string;
  blob: string;
}

/** The files under the roadmap root at a commit (root-relative paths), symbolic links and submodules left out. */
export function listTree(repo: Repository, commit: string): TreeEntry[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (repo.prefix) args.push('--', repo.prefix);
  const output = runGit(repo.toplevel, args).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (!record) continue;
    // "<mode> <type> <oid>\t<path>"
    const tab = record.indexOf('\t');
    const [mode, type, blob] = record.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000') continue;
    entries.push({ path: record.slice(tab + 1).slice(repo.prefix.length), blob });
  }
  return entries;
}

const decoder = new TextDecoder('utf-8');

/** The text of many blobs from one `git cat-file --batch`; only the head of a very large blob is kept. */
export function readBlobs(repo: Repository, blobs: Iterable<string>): Map<string, string> {
  const unique = [...new Set(blobs)];
  const texts = new Map<string, string>();
  if (unique.length === 0) return texts;
  const output = runGit(repo.toplevel, ['cat-file', '--batch'], unique.join('\n') + '\n');
  let offset = 0;
  while (offset < output.length) {
    const lineEnd = output.indexOf(10, offset);
    if (lineEnd === -1) break;
    const header = output.toString('utf8', offset, lineEnd).split(' ');
    offset = lineEnd + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    texts.set(header[0], decoder.decode(output.subarray(offset, offset + Math.min(size, headBytes))));
    offset += size + 1;
  }
  return texts;
}

/** The id git would give this content, so unchanged working-tree files are recognised without reading git. */
function blobIdOf(content: Buffer, objectFormat: 'sha1' | 'sha256'): string {
  return createHash(objectFormat).update(`blob ${content.length}\0`).update(content).digest('hex');
}

interface RevisionSource {
  commit: string | null;
  configText: string | undefined;
  /** Feature-file candidates with their blob ids; text is read on demand. */
  candidates: TreeEntry[];
  /** Texts already at hand (the working tree's). */
  texts: Map<string, string>;
}

/** Which paths are feature candidates, per config text: two revisions with one config decide each path once. */
type CandidateCache = Map<string | undefined, Map<string, boolean>>;

function commitSource(repo: Repository, commit: string, decided: CandidateCache = new Map()): RevisionSource {
  const tree = listTree(repo, commit);
  const configEntry = tree.find((entry) => entry.path === configPath);
  const configText = configEntry ? readBlobs(repo, [configEntry.blob]).get(configEntry.blob) : undefined;
  const paths = new Map(tree.map((entry) => [entry.path, entry.blob]));
  let known = decided.get(configText);
  if (!known) decided.set(configText, (known = new Map()));
  const candidates = featureCandidates(configOf(configText), paths.keys(), known).map((path) => ({
    path,
    blob: paths.get(path)!,
  }));
  return { commit, configText, candidates, texts: new Map() };
}

function workingTreeSource(root: string, objectFormat: 'sha1' | 'sha256'): RevisionSource {
  let configText: string | undefined;
  try {
    configText = readFileSync(join(root, configPath), 'utf8');
  } catch {
    configText = undefined;
  }
  const candidates: TreeEntry[] = [];
  const texts = new Map<string, string>();
  for (const path of listCandidates(root, configOf(configText))) {
    let content: Buffer;
    try {
      content = readFileSync(join(root, path));
    } catch {
      continue; // Deleted while we looked: it is simply not in the working tree.
    }
    const blob = blobIdOf(content, objectFormat);
    candidates.push({ path, blob });
    texts.set(blob, decoder.decode(content.subarray(0, headBytes)));
  }
  return { commit: null, configText, candidates, texts };
}

function toRevision(
  repo: Repository | undefined,
  source: RevisionSource,
  cache: ParseCache | undefined,
): RevisionModel {
  const missing = source.candidates.filter(
    (entry) => !source.texts.has(entry.blob) && !cache?.has(`${entry.path}\u0000${entry.blob}`),
  );
  if (repo && missing.length > 0)
    for (const [blob, text] of readBlobs(
      repo,
      missing.map((entry) => entry.blob),
    ))
      source.texts.set(blob, text);
  const files: RevisionFile[] = source.candidates.map((entry) => ({
    path: entry.path,
    blob: entry.blob,
    text: source.texts.get(entry.blob) ?? '',
  }));
  return buildRevision(source.commit, source.configText, files, cache);
}

export interface RevisionPair {
  base: RevisionModel;
  head: RevisionModel;
}

/**
 * Both ends of a diff. `base` null means before the first commit (an empty roadmap); `head` null means the
 * working tree under `root`. Files unchanged between the two (same path, blob and config) are parsed once.
 */
export function readRevisionPair(
  repo: Repository,
  root: string,
  base: string | null,
  head: string | null,
): RevisionPair {
  const decided: CandidateCache = new Map();
  const baseSource: RevisionSource = base
    ? commitSource(repo, base, decided)
    : { commit: null, configText: undefined, candidates: [], texts: new Map() };
  const objectFormat = baseSource.candidates[0]?.blob.length === 64 ? 'sha256' : 'sha1';
  const headSource = head ? commitSource(repo, head, decided) : workingTreeSource(root, objectFormat);
  const cache: ParseCache | undefined =
    baseSource.configText === headSource.configText ? new Map() : undefined;
  return { base: toRevision(repo, baseSource, cache), head: toRevision(repo, headSource, cache) };
}

/** One commit that touched a file, with the file's blob before and after it (null where it did not exist). */
export interface FileCommit extends FileCommitRef {
  beforeBlob: string | null;
  afterBlob: string | null;
}

const noBlob = /^0+$/;

interface RawChange {
  status: string;
  beforeBlob: string | null;
  afterBlob: string | null;
  /** The path before (differs from `path` for a rename or copy). */
  from: string;
  path: string;
}

/** Parses `git log --raw -z` output: records of "<sep>id<fs>author<fs>date<fs>subject\0\n:meta\0path\0..." */
function parseRawLog(output: string, prefix: string): { commit: FileCommit; changes: RawChange[] }[] {
  const strip = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const commits: { commit: FileCommit; changes: RawChange[] }[] = [];
  // A record starts with a separator and a commit id: a subject that holds the separator cannot split one.
  // eslint-disable-next-line no-control-regex -- git's record and field separators are control characters
  for (const record of output.split(/\u001e(?=[0-9a-f]{40}(?:[0-9a-f]{24})?\u001f)/)) {
    const headerEnd = record.indexOf('\0');
    if (headerEnd === -1) continue; // Empty, or a commit without a change under the path (a merge).
    const [commit, author, date, ...subject] = record.slice(0, headerEnd).split('\u001f');
    const tokens = record.slice(headerEnd + 1).split('\0');
    const changes: RawChange[] = [];
    for (let index = 0; index < tokens.length; index++) {
      const meta = tokens[index].replace(/^\n/, '');
      if (!meta.startsWith(':')) continue;
      const [, , before, after, status] = meta.split(' ');
      const paired = status.startsWith('R') || status.startsWith('C');
      const from = strip(tokens[index + 1] ?? '');
      const path = paired ? strip(tokens[index + 2] ?? '') : from;
      index += paired ? 2 : 1;
      changes.push({
        status,
        beforeBlob: noBlob.test(before) ? null : before,
        afterBlob: noBlob.test(after) ? null : after,
        from,
        path,
      });
    }
    const entry = {
      commit,
      author,
      date,
      subject: subject.join('\u001f'),
      file: '',
      beforeBlob: null,
      afterBlob: null,
    };
    commits.push({ commit: entry, changes });
  }
  return commits;
}

/**
 * Every commit that changed a file, newest first, following it back through renames. One `git log` over the
 * roadmap folder: unlike `git log --follow`, which may take a look-alike sibling (feature files share a
 * template) for the file's origin, a rename is only ever paired with a file deleted in the same commit, and
 * the names are tracked across merged branches. Callers check the versions' ids to drop an unrelated file
 * that once had one of those names.
 */
export function fileLog(repo: Repository, path: string): FileCommit[] {
  const output = runGit(repo.toplevel, [
    'log',
    '-M',
    '--raw',
    '--no-abbrev',
    '-z',
    '--topo-order',
    '--format=%x1e%H%x1f%an%x1f%aI%x1f%s',
    'HEAD',
    '--',
    repo.prefix || '.',
  ]).toString('utf8');
  const names = new Set([path]);
  const result: FileCommit[] = [];
  for (const { commit, changes } of parseRawLog(output, repo.prefix)) {
    const change = changes.find((candidate) => names.has(candidate.path));
    if (!change) continue;
    const entry: FileCommit = {
      ...commit,
      file: change.path,
      beforeBlob: change.beforeBlob,
      afterBlob: change.afterBlob,
    };
    if (change.from !== change.path) {
      entry.previousFile = change.from;
      names.add(change.from);
    }
    result.push(entry);
  }
  return result;
}

/** Files at a commit whose front-matter may declare this id (a fast `git grep`; the caller parses to be sure). */
export function filesMentioningId(repo: Repository, commit: string, id: string): string[] {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let output: string;
  try {
    output = runGit(repo.toplevel, [
      'grep',
      '-l',
      '-z',
      '-E',
      `^[A-Za-z_]+:[[:space:]]*["']?${escaped}["']?[[:space:]]*(#.*)?$`,
      commit,
      '--',
      repo.prefix ? repo.prefix : '.',
    ]).toString('utf8');
  } catch {
    return []; // git grep exits 1 when nothing matches.
  }
  return output
    .split('\0')
    .filter(Boolean)
    .map((name) => name.slice(commit.length + 1))
    .map((name) => (name.startsWith(repo.prefix) ? name.slice(repo.prefix.length) : name));
}

/** The last commit of HEAD's first-parent line made before a date (YYYY-MM-DD), or null when there is none. */
export function commitBefore(repo: Repository, date: string): string | null {
  if (!repo.hasCommits) return null;
  const commit = runGit(repo.toplevel, [
    'rev-list',
    '-1',
    '--first-parent',
    `--before=${date}T00:00:00`,
    'HEAD',
  ])
    .toString('utf8')
    .trim();
  return commit || null;
}
