// `roadmap diff [ROOT] [--base REF] [--head REF] [--format text|markdown|json]`: what changed in the roadmap
// between two commits, or between a commit and the working tree.
import { diffRevisions, type RoadmapDiff } from '../core/history/diff';
import { formatDiffMarkdown, formatDiffText } from '../core/history/diffFormat';
import {
  defaultBase,
  GitError,
  openRepository,
  readRevisionPair,
  resolveCommit,
  type Repository,
  type RevisionPair,
} from './git';

export const diffFormats = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export interface DiffOptions {
  /** A revision; null for "before the first commit" (everything is new); absent for the default base. */
  base?: string | null;
  head?: string;
}

/** The repository of a roadmap folder; a GitError when there is none. */
export function repositoryOf(root: string): Repository {
  const repo = openRepository(root);
  if (!repo) throw new GitError(`'${root}' is not inside a git repository`);
  return repo;
}

/** Both revisions and their diff; throws GitError when the folder is not in a repository or a ref is unknown. */
export function readDiff(root: string, options: DiffOptions = {}): RevisionPair & { diff: RoadmapDiff } {
  const repo = repositoryOf(root);
  if (!repo.hasCommits && (options.base || options.head))
    throw new GitError(
      'the repository has no commits yet: leave out --base and --head to see the working tree',
    );
  const base =
    options.base === null
      ? null
      : options.base !== undefined
        ? resolveCommit(repo, options.base)
        : defaultBase(repo);
  const head = options.head !== undefined ? resolveCommit(repo, options.head) : null;
  const pair = readRevisionPair(repo, root, base, head);
  return { ...pair, diff: diffRevisions(pair.base, pair.head) };
}

export function roadmapDiff(root: string, options: DiffOptions = {}): RoadmapDiff {
  return readDiff(root, options).diff;
}

export function formatDiff(diff: RoadmapDiff, format: DiffFormat): string {
  if (format === 'json') return JSON.stringify(diff, null, 2) + '\n';
  return format === 'markdown' ? formatDiffMarkdown(diff) : formatDiffText(diff);
}

export function isDiffFormat(format: string): format is DiffFormat {
  return (diffFormats as readonly string[]).includes(format);
}
