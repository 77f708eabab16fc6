// The editor's persisted index: what the last window had indexed in a workspace folder, so that the next one
// shows the tree and the count at once and then re-reads only the files whose size or modification time
// changed. Its records are the lint cache's (see lintCache.ts: a stamp and a parse per file), so the extension
// and `roadmap lint --cache` share one format; this module adds the file layout and the revalidation, free of
// any file system: the host reads, stats and writes.
import type { RoadmapConfig } from './config';
import type { FeatureFile } from './featureFile';
import { LintCache, type FileStamp } from './lintCache';
import { revisionOf } from './revision';

/** The first line of a persisted index; bump the number when the layout changes. */
const magic = 'roadmap-editor-index 1';

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
 * The text of a persisted index (the magic line, then the lint cache's header and records, one line each), in
 * pieces of about 64 KB: an editor writes ten thousand records (17 MB) between its other work, instead of
 * holding its thread for the whole text.
 */
export function* serializedIndexPieces(
  key: string,
  stamps: ReadonlyMap<string, FileStamp>,
  parses: ReadonlyMap<string, FeatureFile | null>,
): Generator<string> {
  const { header, recordPieces } = LintCache.sectionsOf(key, stamps, parses, undefined);
  // JSON.stringify escapes every line break inside strings: each section is one line.
  yield `${magic}\n${header}\n`;
  yield* recordPieces();
  yield '\n';
}

/** Reads a persisted index written for `key`; a missing, stale or damaged one is ignored, with the reason. */
export function loadIndex(text: string | undefined, key: string): LoadedIndex {
  if (text === undefined) return { ignored: 'none stored yet' };
  const firstBreak = text.indexOf('\n');
  const secondBreak = firstBreak < 0 ? -1 : text.indexOf('\n', firstBreak + 1);
  if (secondBreak < 0 || text.slice(0, firstBreak) !== magic)
    return { ignored: 'not a persisted index of this version' };
  const header = text.slice(firstBreak + 1, secondBreak);
  const records = text.slice(secondBreak + 1).trimEnd();
  const cache = LintCache.parse({ header, output: () => '', records: () => records }, key);
  const entries = cache.entries();
  if (entries === undefined) return { ignored: 'written for another version or config, or damaged' };
  return { entries };
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

// --- The first picture --------------------------------------------------------------------------------------
// Parsing a 10,000-feature index (17 MB) takes 0.12-0.3 s at a window's start, with the extension host busy
// with other extensions. So the write that persists the indexes also persists what the views showed then, a
// few kilobytes: the status bar's counts and the tree's first screen. The next window draws it before it parses
// any index. It is shown only while it matches the indexes exactly (the same keys, and each index file as
// written with it, by size and modification time), so it never shows more than restoring the indexes would;
// the revalidation of every file by size and modification time follows, as after a plain restore.

/** The first line of a first picture; bump the number when its layout changes. */
const pictureMagic = 'roadmap-first-picture 1';

/** One workspace folder's persisted index as a first picture was written with it. */
export interface PictureFolder {
  folder: string;
  /** persistedIndexKey of the folder as it was indexed. */
  key: string;
  /** The folder's index file as written (none: the folder had nothing to persist). */
  index: FileStamp | undefined;
}

export interface FirstPicture<Tree = unknown> {
  folders: PictureFolder[];
  features: number;
  errors: number;
  warnings: number;
  /** The tree's first screen, in the host's own plain form (validated by the host). */
  tree?: Tree;
}

export function serializePicture(picture: FirstPicture): string {
  return `${pictureMagic}\n${JSON.stringify(picture)}\n`;
}

/**
 * Reads a first picture, used only when it was written with the folders as they are now: the same folders in
 * the same order, each with the same key and the same index file (size and modification time).
 */
export function loadPicture(
  text: string | undefined,
  current: readonly PictureFolder[],
): { picture: FirstPicture } | { ignored: string } {
  if (text === undefined) return { ignored: 'none stored yet' };
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0 || text.slice(0, firstBreak) !== pictureMagic)
    return { ignored: 'not a first picture of this version' };
  let picture: FirstPicture;
  try {
    picture = JSON.parse(text.slice(firstBreak + 1)) as FirstPicture;
  } catch {
    return { ignored: 'damaged' };
  }
  const counts = [picture?.features, picture?.errors, picture?.warnings];
  if (!Array.isArray(picture?.folders) || !counts.every((count) => Number.isInteger(count) && count >= 0))
    return { ignored: 'damaged' };
  const same = (a: PictureFolder | undefined, b: PictureFolder) =>
    a?.folder === b.folder &&
    a.key === b.key &&
    a.index?.size === b.index?.size &&
    a.index?.mtimeMs === b.index?.mtimeMs;
  if (
    picture.folders.length !== current.length ||
    !current.every((folder, i) => same(picture.folders[i], folder))
  )
    return { ignored: 'the folders, their configs or their indexes changed since it was written' };
  return { picture };
}
