// `roadmap history ID [ROOT] [--format text|markdown|json]`: every change of one feature's front-matter across
// the commits of HEAD, following renames. Git is asked three times: grep, log, cat-file.
import { configOf } from '../core/history/revision';
import { featureHistory, type FeatureHistory } from '../core/history/featureHistory';
import { formatHistoryMarkdown, formatHistoryText } from '../core/history/historyFormat';
import { parseFeatureFile } from '../core/featureFile';
import { configPath } from '../core/config';
import {
  fileLog,
  filesMentioningId,
  GitError,
  listTree,
  openRepository,
  readBlobs,
  resolveCommit,
} from './git';

export const historyFormats = ['text', 'markdown', 'json'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

export function isHistoryFormat(format: string): format is HistoryFormat {
  return (historyFormats as readonly string[]).includes(format);
}

/** The history of the feature with this id at HEAD; a GitError when there is no such feature or no repository. */
export function roadmapHistory(root: string, id: string): FeatureHistory {
  const repo = openRepository(root);
  if (!repo) throw new GitError(`'${root}' is not inside a git repository`);
  if (!repo.hasCommits) throw new GitError('the repository has no commits yet');
  const head = resolveCommit(repo, 'HEAD');
  const tree = new Map(listTree(repo, head).map((entry) => [entry.path, entry.blob]));
  const configBlob = tree.get(configPath);
  const config = configOf(configBlob ? readBlobs(repo, [configBlob]).get(configBlob) : undefined);
  const candidates = filesMentioningId(repo, head, id).filter((path) => tree.has(path));
  const texts = readBlobs(
    repo,
    candidates.map((path) => tree.get(path)!),
  );
  const file = candidates.find(
    (path) => parseFeatureFile(path, texts.get(tree.get(path)!) ?? '', config).feature?.id === id,
  );
  if (!file) throw new GitError(`no feature with id '${id}' at HEAD`);
  const log = fileLog(repo, file);
  const blobs = readBlobs(
    repo,
    log.flatMap((entry) =>
      [entry.beforeBlob, entry.afterBlob].filter((blob): blob is string => blob !== null),
    ),
  );
  const version = (blob: string | null) => (blob ? { blob, text: blobs.get(blob) ?? '' } : null);
  return featureHistory(
    id,
    log.map(({ beforeBlob, afterBlob, ...ref }) => ({
      ...ref,
      before: version(beforeBlob),
      after: version(afterBlob),
    })),
    config,
  );
}

export function formatHistory(history: FeatureHistory, format: HistoryFormat): string {
  if (format === 'json') return JSON.stringify(history, null, 2) + '\n';
  return format === 'markdown' ? formatHistoryMarkdown(history) : formatHistoryText(history);
}
