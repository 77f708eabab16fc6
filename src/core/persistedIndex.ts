// The editor's persisted index: what the last window had indexed in a workspace folder, so that the next one
// shows the tree and the count at once and then re-reads only the files whose size or modification time
// changed. It holds what the lint cache's records hold (see lintCache.ts: a stamp and a parse per file), in a
// form made to be read back fast: one JSON.parse of an array, each field name of a feature written once
// (identical to its key, it is not repeated), no path stored twice. This module adds the file layout and the
// revalidation, free of any file system: the host reads, stats and writes.
import type { RoadmapConfig } from './config';
import type { FeatureFile } from './featureFile';
import type { FileStamp } from './lintCache';
import { revisionOf } from './revision';

/** The first line of a persisted index; bump the number when the layout changes. */
const magic = 'roadmap-editor-index 2';

/**
 * What an index depends on besides its files: the extension's version, the folder and its config as resolved.
 * A change to any of them makes the stored index stale (it is then ignored and rebuilt).
 */
export function persistedIndexKey(version: string, folder: string, config: RoadmapConfig): string {
  return `${version}:${revisionOf(`${folder}\0${JSON.stringify(config)}`)}`;
}

export interface PersistedEntry {
  file: string;
  stamp: FileStamp;
  /** The stored parse; null for a Markdown candidate that is not a feature. */
  parsed: FeatureFile | null;
}

/** A stored index as read back, or why it was not used. */
export type LoadedIndex = { entries: PersistedEntry[] } | { ignored: string };

/**
 * A parse as stored: without its path (the entry's), its lazily built locator, its feature's path (the same),
 * and with `keys` as `fields`: a field written under its own name is stored as that name alone, one written
 * under an alias as [field, alias] (the order is kept).
 */
type StoredParse = Omit<FeatureFile, 'file' | 'locator' | 'keys' | 'feature'> & {
  feature?: Omit<NonNullable<FeatureFile['feature']>, 'file'> & { file?: string };
  fields: (string | [string, string])[];
};

/** One file: its path, size, modification time and parse (null: a candidate that is not a feature). */
type StoredEntry = [string, number, number, StoredParse | null];

function store(file: string, parsed: FeatureFile): StoredParse {
  // The locator is rebuilt on demand; file and keys are stored in their compact forms below.
  const { file: _file, locator: _locator, keys, feature, ...rest } = parsed;
  const fields = Object.entries(keys).map(([field, written]): string | [string, string] =>
    field === written ? field : [field, written],
  );
  if (!feature) return { ...rest, fields };
  const { file: featureFile, ...featureRest } = feature;
  return { ...rest, fields, feature: featureFile === file ? featureRest : feature };
}

/** The parse a stored one was made from; `stored` is fresh from JSON.parse and is completed in place. */
function restore(file: string, stored: StoredParse): FeatureFile {
  const keys: Record<string, string> = {};
  for (const field of stored.fields) {
    if (typeof field === 'string') keys[field] = field;
    else keys[field[0]] = field[1];
  }
  // Copying 10,000 parses (object spread) took a third of the load; `fields` is cleared, not deleted, so that
  // the objects keep their fast shape.
  const parsed = stored as Partial<StoredParse> &
    Omit<StoredParse, 'fields'> &
    Pick<FeatureFile, 'file' | 'keys'>;
  parsed.file = file;
  parsed.keys = keys;
  parsed.fields = undefined;
  if (parsed.feature) parsed.feature.file ??= file;
  return parsed as FeatureFile;
}

/**
 * The text of a persisted index: the magic line, the key as a JSON string, then every file's entry in one JSON
 * array (the key is checked before the records are parsed). A file with a stamp but no parse is left out.
 */
export function serializeIndex(
  key: string,
  stamps: ReadonlyMap<string, FileStamp>,
  parses: ReadonlyMap<string, FeatureFile | null>,
): string {
  const entries: StoredEntry[] = [];
  for (const [file, stamp] of stamps) {
    const parsed = parses.get(file);
    if (parsed === undefined) continue;
    entries.push([file, stamp.size, stamp.mtimeMs, parsed && store(file, parsed)]);
  }
  // JSON.stringify escapes every line break inside strings: each section is one line.
  return `${magic}\n${JSON.stringify(key)}\n${JSON.stringify(entries)}\n`;
}

const isEntry = (value: unknown): value is StoredEntry =>
  Array.isArray(value) &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'number' &&
  typeof value[2] === 'number' &&
  (value[3] === null ||
    (typeof value[3] === 'object' && Array.isArray((value[3] as { fields?: unknown }).fields)));

/** Reads a persisted index written for `key`; a missing, stale or damaged one is ignored, with the reason. */
export function loadIndex(text: string | undefined, key: string): LoadedIndex {
  if (text === undefined) return { ignored: 'none stored yet' };
  const firstBreak = text.indexOf('\n');
  const secondBreak = firstBreak < 0 ? -1 : text.indexOf('\n', firstBreak + 1);
  if (secondBreak < 0 || text.slice(0, firstBreak) !== magic)
    return { ignored: 'not a persisted index of this version' };
  if (text.slice(firstBreak + 1, secondBreak) !== JSON.stringify(key))
    return { ignored: 'written for another version or config' };
  let stored: unknown;
  try {
    stored = JSON.parse(text.slice(secondBreak + 1));
  } catch {
    return { ignored: 'damaged' };
  }
  if (!Array.isArray(stored) || !stored.every(isEntry)) return { ignored: 'damaged' };
  return {
    entries: stored.map(([file, size, mtimeMs, parsed]) => ({
      file,
      stamp: { size, mtimeMs },
      parsed: parsed && restore(file, parsed),
    })),
  };
}

/** What revalidation found: files to read again (changed or new) and files to drop (gone). */
export interface Revalidation {
  changed: string[];
  removed: string[];
}

/**
 * Compares the stored stamps with the files as they are now: a file whose size or modification time differs,
 * or that was not stored, is read again; a stored file that is no longer a candidate is dropped.
 */
export function revalidate(
  stored: ReadonlyMap<string, FileStamp>,
  current: ReadonlyMap<string, FileStamp>,
): Revalidation {
  const changed: string[] = [];
  for (const [file, stamp] of current) {
    const before = stored.get(file);
    if (!before || before.size !== stamp.size || before.mtimeMs !== stamp.mtimeMs) changed.push(file);
  }
  const removed = [...stored.keys()].filter((file) => !current.has(file));
  return { changed, removed };
}
