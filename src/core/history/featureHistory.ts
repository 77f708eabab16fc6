// The history of one feature: each commit that changed its front-matter (who, when, which field, before →
// after), and how far its end date has slipped since it was first planned.
import type { RoadmapConfig } from '../config';
import { parseFeatureFile } from '../featureFile';
import { daysBetween } from '../plan/calendar';
import type { FieldChange } from './diff';
import { frontmatterFields, sameValue, type FieldValue } from './fields';
import { readingConfig } from './revision';

/** A commit that touched a feature's file, as `git log` tells it. */
export interface FileCommitRef {
  commit: string;
  author: string;
  /** ISO 8601 author date. */
  date: string;
  subject: string;
  /** The file's path after the commit. */
  file: string;
  /** Its path before, when the commit renamed it. */
  previousFile?: string;
}

/** The file's text before and after one commit (null: absent). */
export interface FileVersion extends FileCommitRef {
  before: { blob: string; text: string } | null;
  after: { blob: string; text: string } | null;
}

export interface HistoryEntry extends FileCommitRef {
  change: 'added' | 'changed' | 'removed';
  fields: FieldChange[];
}

export interface Slip {
  field: 'end' | 'start';
  firstPlanned: string;
  /** When it was first planned. */
  since: { commit: string; date: string };
  current: string;
  days: number;
}

export interface FeatureHistory {
  id: string;
  title: string | null;
  file: string;
  /** Oldest first. Commits that changed only the body are left out. */
  entries: HistoryEntry[];
  /** End (else start) date now against the first one ever written. */
  slip?: Slip;
}

/**
 * Builds a feature's history from the versions of its file, given newest first (as `git log` lists them).
 * Every version is read with the current config, so fields compare under today's names and aliases.
 */
export function featureHistory(
  id: string,
  versions: readonly FileVersion[],
  config: RoadmapConfig,
): FeatureHistory {
  const fieldCache = new Map<string, Map<string, FieldValue>>();
  const reading = readingConfig(config);
  const fieldsAt = (file: string, version: { blob: string; text: string } | null) => {
    if (!version) return undefined;
    let fields = fieldCache.get(version.blob);
    if (!fields) {
      fields = frontmatterFields(parseFeatureFile(file, version.text, reading), config);
      fieldCache.set(version.blob, fields);
    }
    return fields;
  };
  const entries: HistoryEntry[] = [];
  let current: Map<string, FieldValue> | undefined;
  for (const version of [...versions].reverse()) {
    const before = fieldsAt(version.previousFile ?? version.file, version.before);
    const after = fieldsAt(version.file, version.after);
    // A file that once had one of the feature's names but was another feature is not its history.
    if (before?.get('id') !== id && after?.get('id') !== id) continue;
    current = after;
    const change: HistoryEntry['change'] =
      !before || before.size === 0 ? 'added' : !after ? 'removed' : 'changed';
    const fields: FieldChange[] = [];
    const old = before ?? new Map<string, FieldValue>();
    const now = after ?? new Map<string, FieldValue>();
    for (const [field, value] of now) {
      const previous = old.get(field) ?? null;
      if (!sameValue(previous, value)) fields.push({ field, before: previous, after: value });
    }
    for (const [field, value] of old) if (!now.has(field)) fields.push({ field, before: value, after: null });
    if (fields.length === 0) continue;
    const entry: HistoryEntry = {
      commit: version.commit,
      author: version.author,
      date: version.date,
      subject: version.subject,
      file: version.file,
      change,
      fields,
    };
    if (version.previousFile) entry.previousFile = version.previousFile;
    entries.push(entry);
  }
  const title = current?.get('title');
  const result: FeatureHistory = {
    id,
    title: typeof title === 'string' ? title : null,
    file: versions[0]?.file ?? '',
    entries,
  };
  const slip = slipOf(entries, current);
  if (slip) result.slip = slip;
  return result;
}

function slipOf(
  entries: readonly HistoryEntry[],
  current: Map<string, FieldValue> | undefined,
): Slip | undefined {
  for (const field of ['end', 'start'] as const) {
    const now = current?.get(field);
    if (typeof now !== 'string') continue;
    for (const entry of entries) {
      const first = entry.fields.find((change) => change.field === field)?.after;
      if (typeof first !== 'string') continue;
      const days = daysBetween(first, now);
      if (days === undefined) continue;
      return {
        field,
        firstPlanned: first,
        since: { commit: entry.commit, date: entry.date },
        current: now,
        days,
      };
    }
  }
  return undefined;
}
