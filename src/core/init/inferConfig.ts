// `roadmap init`: read a folder of front-matter Markdown in no known format and write the config that
// describes it. Every choice is made so that lint afterwards flags only what is genuinely wrong in the
// files: fields are typed from the values they hold, required only when every item has them, and each
// guess is explained by a comment in the written YAML.
import { stringify } from 'yaml';
import type { StatusDefinition } from '../config';
import { editDistance } from '../didYouMean';
import { splitFrontmatter } from '../fences';
import { parseYamlFast } from '../frontmatter';
import { featureFieldByName } from '../schema';
import type { StatusCategory } from '../types';
import { canonicalFieldOf, statusCategoryOf } from './vocabulary';

export interface ScannedFile {
  /** Workspace-relative, forward slashes. */
  path: string;
  text: string;
}

export interface InferredConfig {
  /** The commented `.roadmap/config.yaml`. */
  text: string;
  /** How many files the config makes features. */
  items: number;
  /** How many Markdown files were read. */
  scanned: number;
}

type Values = unknown[];
/** A `fields:` entry as the config file writes it. */
type FieldEntry = Record<string, unknown>;

const datePattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const urlPattern = /^https?:\/\/\S+$/;
const statusKeys = ['status', 'state'];
/** Priority words that read as MoSCoW. */
const priorityWords: Record<string, string> = {
  must: 'must',
  should: 'should',
  could: 'could',
  wont: 'wont',
  critical: 'must',
  urgent: 'must',
  highest: 'must',
  high: 'must',
  p0: 'must',
  p1: 'must',
  medium: 'should',
  normal: 'should',
  p2: 'should',
  low: 'could',
  lowest: 'could',
  p3: 'could',
};
const categoryOrder: Record<StatusCategory, number> = { todo: 0, doing: 1, done: 2 };

const isText = (value: unknown): value is string => typeof value === 'string';
const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** The parsed front-matter of each file that has one as a mapping. */
function frontMatterOf(files: readonly ScannedFile[]): { path: string; data: Record<string, unknown> }[] {
  const found: { path: string; data: Record<string, unknown> }[] = [];
  for (const file of files) {
    const split = splitFrontmatter(file.text);
    if (split.kind !== 'closed') continue;
    const parsed = parseYamlFast(file.text.slice(split.yamlStart, split.yamlEnd));
    if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
      continue;
    found.push({ path: file.path, data: parsed.value as Record<string, unknown> });
  }
  return found;
}

/** The smallest set of `folder/**\/*.md` globs covering the items' folders. */
function includeGlobs(paths: readonly string[]): string[] {
  const folders = [...new Set(paths.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))))].sort();
  const roots = folders.filter(
    (folder) =>
      !folders.some((other) => other !== folder && (other === '' || folder.startsWith(`${other}/`))),
  );
  return roots.map((folder) => (folder === '' ? '*.md' : `${folder}/**/*.md`));
}

/**
 * Values written once that are one slip away from a value used more often (`Dnoe` beside `Done`, `acepted`
 * beside `accepted`): a typo, so they are left out of the vocabulary and lint reports them.
 */
function likelyTypos(values: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const common = [...counts].filter(([, count]) => count >= 2).map(([value]) => value);
  const typos = new Map<string, string>();
  for (const [value, count] of counts) {
    const folded = value.toLowerCase();
    if (count !== 1 || folded.length < 4) continue;
    const limit = folded.length >= 8 ? 2 : 1;
    const intended = common.find(
      (other) => other.toLowerCase() !== folded && editDistance(folded, other.toLowerCase(), limit) <= limit,
    );
    if (intended) typos.set(value, intended);
  }
  return typos;
}

/** A custom field's type from the values files give it. */
function inferField(values: Values, itemCount: number): FieldEntry {
  const present = values.filter((value) => !isEmpty(value));
  if (present.length === 0) return { type: 'any' };
  if (present.every((value) => typeof value === 'boolean')) return { type: 'boolean' };
  if (present.every((value) => Number.isInteger(value))) return { type: 'integer' };
  if (present.every((value) => typeof value === 'number')) return { type: 'number' };
  if (present.every((value) => isText(value) && datePattern.test(value))) return { type: 'date' };
  if (present.every((value) => isText(value) && urlPattern.test(value))) return { type: 'url' };
  if (present.every((value) => Array.isArray(value) && value.every(isScalar))) return { type: 'list' };
  if (present.every(isText)) {
    const typos = likelyTypos(present as string[]);
    const distinct = new Set((present as string[]).filter((value) => !typos.has(value)));
    // A small vocabulary used again and again is an enum; anything else is free text.
    if (distinct.size <= 8 && present.length >= 4 && distinct.size * 2 <= present.length && itemCount >= 4)
      return { type: 'enum', values: [...distinct].sort() };
    return { type: 'string' };
  }
  return { type: 'any' };
}

/** Whether a key's values can be read as our field of that name (an alias) without a false alarm. */
function fitsField(field: string, values: Values): { fits: boolean; modifiers?: FieldEntry } {
  const present = values.filter((value) => !isEmpty(value));
  const kind = featureFieldByName.get(field)?.kind;
  switch (kind) {
    case 'status':
      return { fits: present.every(isScalar) };
    case 'id':
      // Ids with spaces would be flagged by invalid-id: then the file name gives the id instead.
      return {
        fits: present.every((value) => typeof value === 'number' || (isText(value) && !/\s/.test(value))),
      };
    case 'text':
    case 'milestone':
    case 'goal':
      return { fits: present.every((value) => isText(value) || typeof value === 'number') };
    case 'date':
      return { fits: present.every((value) => isText(value) && datePattern.test(value)) };
    case 'number':
      return { fits: present.every((value) => typeof value === 'number') };
    case 'percent':
      return {
        fits: present.every(
          (value) =>
            (typeof value === 'number' && value >= 0 && value <= 100) ||
            (isText(value) && /^\d{1,3}(\.\d+)?\s*%$/.test(value)),
        ),
      };
    case 'quarter':
      return { fits: present.every((value) => isText(value) && /^\d{4}-Q[1-4]$/.test(value)) };
    case 'object':
      return { fits: present.every((value) => typeof value === 'object' && !Array.isArray(value)) };
    case 'evidence':
      return { fits: present.every((value) => isText(value) || Array.isArray(value)) };
    case 'people':
    case 'idList':
    case 'textList': {
      const delimited = present.some((value) => isText(value) && value.includes(','));
      const fits = present.every(
        (value) => isScalar(value) || (Array.isArray(value) && value.every(isScalar)),
      );
      return { fits, modifiers: delimited ? { split: ',' } : undefined };
    }
    case 'enum': {
      // moscow: only when every value is a priority word we can translate.
      const words = present.map((value) => String(value).toLowerCase());
      if (!words.every((word) => Object.hasOwn(priorityWords, word))) return { fits: false };
      const map = Object.fromEntries(
        [...new Set(words)]
          .filter((word) => priorityWords[word] !== word)
          .map((word) => [word, priorityWords[word]]),
      );
      return { fits: true, modifiers: Object.keys(map).length > 0 ? { map } : undefined };
    }
    default:
      return { fits: false };
  }
}

/**
 * How well a key's values read as dependencies: the share of references that name an item (ids compared
 * without case; no reference at all counts as 0.9, below a key that resolves fully), and whether some need
 * the case-insensitive comparison. A share of -1 means the values are not lists of names at all.
 */
function resolution(
  values: Values,
  ids: readonly string[],
): { share: number; needsCaseInsensitive: boolean } {
  if (!fitsField('depends_on', values).fits) return { share: -1, needsCaseInsensitive: false };
  const exact = new Set(ids);
  const lower = new Set(ids.map((id) => id.toLowerCase()));
  const references = values.flatMap((value) =>
    (Array.isArray(value) ? value : isScalar(value) ? String(value).split(',') : [])
      .map((reference) => String(reference).trim())
      .filter(Boolean),
  );
  if (references.length === 0) return { share: 0.9, needsCaseInsensitive: false };
  const resolved = references.filter((reference) => lower.has(reference.toLowerCase()));
  return {
    share: resolved.length / references.length,
    needsCaseInsensitive: resolved.some((reference) => !exact.has(reference)),
  };
}

/** An id pattern over file paths when the files carry no id: `F-12 - name.md`-style prefixes, else the name. */
function idFromPath(paths: readonly string[]): string {
  const prefixed = /(?:^|\/)([A-Za-z]+-\d+(?:\.\d+)*)[^/]*\.md$/;
  const numbered = /(?:^|\/)(\d+)-[^/]*\.md$/;
  const unique = (pattern: RegExp) => {
    const ids = paths.map((path) => pattern.exec(path)?.[1]);
    return ids.every(Boolean) && new Set(ids).size === ids.length;
  };
  // The name up to its first space (`task-7 - Fix the build.md` is task-7), when that is unique.
  const firstWord = /(?:^|\/)([^/\s]+)[^/]*\.md$/;
  for (const pattern of [prefixed, numbered, firstWord]) if (unique(pattern)) return pattern.source;
  return '(?:^|/)([^/]+)\\.md$';
}

const yamlValue = (value: unknown) => stringify(value, { lineWidth: 0 }).trimEnd();
const yamlFlow = (value: unknown) => stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();

/** Infers a config for the front-matter Markdown files given; the result is the commented YAML text. */
export function inferConfig(files: readonly ScannedFile[]): InferredConfig {
  const all = frontMatterOf(files);
  const keyCount = new Map<string, number>();
  for (const { data } of all)
    for (const key of Object.keys(data)) keyCount.set(key, (keyCount.get(key) ?? 0) + 1);
  // Items carry a status: a docs page with `title:` and `layout:` is not one. Without any status key, every
  // front-matter file is an item.
  const statusKey = [...keyCount.keys()]
    .filter((key) => statusKeys.includes(key.toLowerCase()))
    .sort((a, b) => keyCount.get(b)! - keyCount.get(a)!)[0];
  const items = statusKey ? all.filter(({ data }) => !isEmpty(data[statusKey])) : all;
  const lines: string[] = [
    '# Markdown Roadmap configuration, written by `roadmap init` from the files found here.',
    `# ${items.length} of the ${files.length} Markdown files scanned are items. Every guess below is a`,
    '# starting point: edit freely. Reference: https://github.com/markdown-roadmap/markdown-roadmap#configuration',
    '',
  ];
  if (items.length === 0) {
    lines.push(
      '# No Markdown file with front-matter was found. Features are Markdown files whose front-matter says',
      '# `id`, `title` and `status`; list where they live here:',
      'include: []',
    );
    return { text: lines.join('\n') + '\n', items: 0, scanned: files.length };
  }

  const valuesOf = (key: string): Values => items.map(({ data }) => data[key]);
  const presentIn = (key: string) => items.filter(({ data }) => !isEmpty(data[key])).length;
  const keys = [...new Set(items.flatMap(({ data }) => Object.keys(data)))];
  const keySet = new Set(keys);

  lines.push(
    '# The folders that hold items.',
    `include:`,
    ...includeGlobs(items.map(({ path }) => path)).map((glob) => `  - ${yamlValue(glob)}`),
    '',
  );
  // Front-matter files beside the items that are not items (an index page with `layout:`): left out by name.
  const itemPaths = new Set(items.map(({ path }) => path));
  const itemFolders = includeGlobs([...itemPaths]).map((glob) => glob.replace(/(\/\*\*)?\/?\*\.md$/, ''));
  const strays = all
    .map(({ path }) => path)
    .filter(
      (path) =>
        !itemPaths.has(path) && itemFolders.some((folder) => folder === '' || path.startsWith(`${folder}/`)),
    );
  if (strays.length > 0)
    lines.push(
      '# Front-matter files among the items that are not items themselves (they carry no status).',
      'exclude:',
      ...strays.map((path) => `  - ${yamlValue(path)}`),
      '',
    );

  // Which of the files' keys stand for our fields.
  const aliases: Record<string, string> = {};
  const builtInModifiers: Record<string, FieldEntry> = {};
  const custom: Record<string, FieldEntry> = {};
  const claimed = new Set<string>();
  const dependencyCandidates: string[] = [];
  for (const key of keys) if (featureFieldByName.has(key)) claimed.add(key);
  for (const key of keys) {
    const values = valuesOf(key);
    if (key === 'depends_on' || canonicalFieldOf(key) === 'depends_on') {
      dependencyCandidates.push(key);
      continue;
    }
    if (featureFieldByName.has(key)) {
      // Our own field names are read as ours (with modifiers for a delimited list or priority words), unless
      // the values have another shape: then the key is read as a custom field, not flagged on every file.
      const { fits, modifiers } = fitsField(key, values);
      if (fits) {
        if (modifiers) builtInModifiers[key] = modifiers;
      } else {
        aliases[key] = `x-${key}`;
        custom[`x-${key}`] = {
          ...inferField(values, items.length),
          description: `Your '${key}' holds values of another shape than the roadmap's '${key}' field.`,
        };
      }
      continue;
    }
    const target = key === statusKey ? 'status' : canonicalFieldOf(key);
    if (target && !claimed.has(target) && !keySet.has(target)) {
      const { fits, modifiers } = fitsField(target, values);
      if (fits) {
        aliases[key] = target;
        claimed.add(target);
        if (modifiers) builtInModifiers[target] = modifiers;
        continue;
      }
    }
    custom[key] = inferField(values, items.length);
  }
  const fileKeyOf = (field: string) => Object.keys(aliases).find((key) => aliases[key] === field) ?? field;
  // Of the keys that may list dependencies, the one whose values name items here; the others stay lists.
  const idKey = fileKeyOf('id');
  const idPattern = new RegExp(idFromPath(items.map(({ path }) => path)));
  const ids = items.map(({ path, data }) =>
    isScalar(data[idKey]) ? String(data[idKey]) : (idPattern.exec(path)?.[1] ?? ''),
  );
  let idsCaseInsensitive = false;
  const ranked = dependencyCandidates
    .map((key) => ({ key, ...resolution(valuesOf(key), ids) }))
    .sort((a, b) => b.share - a.share);
  ranked.forEach(({ key, share, needsCaseInsensitive }, rank) => {
    if (rank === 0 && share >= 0.8) {
      if (key !== 'depends_on') aliases[key] = 'depends_on';
      const { modifiers } = fitsField('depends_on', valuesOf(key));
      if (modifiers) builtInModifiers.depends_on = modifiers;
      idsCaseInsensitive = needsCaseInsensitive;
      return;
    }
    const name = key === 'depends_on' ? 'x-depends_on' : key;
    if (name !== key) aliases[key] = name;
    custom[name] = {
      ...inferField(valuesOf(key), items.length),
      description: 'Not read as dependencies: its values do not name items here.',
    };
  });

  // Statuses in board order, each with the category its name suggests.
  const statuses: StatusDefinition[] = [];
  const statusField = fileKeyOf('status');
  const statusTypos = likelyTypos(valuesOf(statusField).filter(isScalar).map(String));
  if (keySet.has(statusField)) {
    const seen = new Set<string>();
    for (const value of valuesOf(statusField)) {
      if (!isScalar(value)) continue;
      const id = String(value);
      if (seen.has(id.toLowerCase()) || statusTypos.has(id)) continue;
      seen.add(id.toLowerCase());
      statuses.push({ id, title: id, category: statusCategoryOf(id) });
    }
    statuses.sort((a, b) => categoryOrder[a.category] - categoryOrder[b.category]);
  }
  if (statuses.length > 0) {
    lines.push(
      '# The statuses the files use, in board order. Categories are guessed from the names',
      '# (done/closed/shipped/merged/final… are done; in progress/review… are doing): check them.',
      ...[...statusTypos].map(
        ([typo, intended]) => `# Left out as a likely typo of '${intended}' (used once): '${typo}'.`,
      ),
      'statuses:',
      ...statuses.map(
        (status) =>
          `  - { id: ${yamlValue(status.id)}, title: ${yamlValue(status.title)}, category: ${status.category} }`,
      ),
      '',
    );
  }

  // Ids: a field when every item has one, else the file name.
  const idField = fileKeyOf('id');
  const hasIds = presentIn(idField) === items.length;
  if (!hasIds || idsCaseInsensitive) {
    lines.push('ids:');
    if (idsCaseInsensitive)
      lines.push(
        '  # Dependencies spell some ids in another case (f-1 for F-1): the same item.',
        '  caseInsensitive: true',
      );
    if (!hasIds)
      lines.push(
        `  # ${keySet.has(idField) ? 'Not every file has an id' : 'The files have no id field'}: the id is taken from the file name.`,
        `  fromPath: ${yamlValue(idFromPath(items.map(({ path }) => path)))}`,
      );
    lines.push('');
  }

  // Required: only what every item already has, so that a missing field is news.
  const required = ['id', 'title', 'status'].filter(
    (field) => field === 'id' || presentIn(fileKeyOf(field)) === items.length,
  );
  lines.push(
    '# Fields every item has today; a file without one is flagged.',
    `required: ${yamlFlow(required)}`,
    '',
  );

  if (Object.keys(aliases).length > 0) {
    lines.push('# Your keys → the fields the roadmap understands.', 'aliases:');
    for (const [key, target] of Object.entries(aliases)) lines.push(`  ${yamlValue(key)}: ${target}`);
    lines.push('');
  }

  const fieldEntries = [
    ...Object.entries(builtInModifiers).map(
      ([name, definition]) => [name, definition, 'how values are read'] as const,
    ),
    ...Object.entries(custom).map(([name, definition]) => [name, definition, ''] as const),
  ];
  if (fieldEntries.length > 0) {
    lines.push(
      '# Your other keys, typed from the values they hold (enum: a small set of values used again and again).',
      'fields:',
    );
    for (const [name, definition, note] of fieldEntries)
      lines.push(`  ${yamlValue(name)}: ${yamlFlow(definition)}${note ? `  # ${note}` : ''}`);
    lines.push('');
  }
  return { text: lines.join('\n'), items: items.length, scanned: files.length };
}
