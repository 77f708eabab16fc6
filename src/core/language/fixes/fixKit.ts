// The building blocks every quick-fix provider shares: the Fix shape, replacing a value in its own quote
// style, removing a field or a list entry, and reading the front-matter with positions.
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Pair,
  parseDocument,
  Scalar,
  type Node as YamlNode,
} from 'yaml';
import { canonicalField, type RoadmapConfig } from '../../config';
import { type FieldValue, formatScalar, removeField } from '../../edits';
import { splitFrontmatter } from '../../fences';
import { excessiveNesting } from '../../frontmatter';
import { featureFields, type FieldSpec } from '../../schema';
import type { Issue, RuleCode, Span, TextEdit } from '../../types';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix: applied by "fix all" and by the editor's auto-fix. */
  preferred: boolean;
  /** A file to create (folder-relative path with forward slashes), such as a stub feature. */
  createFile?: { file: string; text: string };
}

export interface FixContext {
  /** The file's folder-relative path. */
  file: string;
  config: RoadmapConfig;
  /** Every id in the file's workspace folder. */
  ids: readonly string[];
  /** A feature's title by id, to name the target of a "change to" fix. */
  titleOf?: (id: string) => string | undefined;
}

/**
 * The fixes of one rule. `current` is the unquoted text of the value the issue points at, when its span is
 * inside the text (undefined for a key, a fence or a stale span).
 */
export type FixProvider = (
  issue: Issue,
  text: string,
  context: FixContext,
  current: string | undefined,
) => Fix[];

/** Rules whose `data.replacement` is the one right value: replacing it is the preferred fix. */
const replacementRules: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'rice-impact-scale',
  'rice-confidence-range',
  'rice-reach-range',
  'score-range',
  'invalid-date',
  'invalid-quarter',
  'progress-range',
  'invalid-id',
  'milestone-date',
  'quarter-dates',
  'overdue',
]);

export type WrittenPath = readonly [string] | readonly [string, string];

export function asFieldPath(path: readonly (string | number)[] | undefined): WrittenPath | undefined {
  if (!path || path.some((segment) => typeof segment !== 'string')) return undefined;
  if (path.length === 1) return [path[0] as string];
  if (path.length === 2) return [path[0] as string, path[1] as string];
  return undefined;
}

export const validSpan = (text: string, span: Span) =>
  span.start >= 0 && span.end <= text.length && span.start < span.end;

function styleOf(raw: string): Scalar.Type {
  if (raw.startsWith("'")) return Scalar.QUOTE_SINGLE;
  if (raw.startsWith('"')) return Scalar.QUOTE_DOUBLE;
  return Scalar.PLAIN;
}

export function unquoted(raw: string): string {
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2)
    return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw.trim();
}

/**
 * One other value for the one the issue points at, never preferred: an answer the author may choose, not the
 * obvious correction. Nothing when the issue does not point at a value.
 */
export function alternativeValue(
  issue: Issue,
  text: string,
  current: string | undefined,
  title: string,
  value: string | number,
): Fix[] {
  return current === undefined
    ? []
    : [{ title, edits: [replaceScalar(text, issue.span, value)], preferred: false }];
}

/** Replaces the scalar at `span`, keeping its quote style. */
export function replaceScalar(text: string, span: Span, value: string | number): TextEdit {
  return {
    start: span.start,
    end: span.end,
    newText: formatScalar(value, styleOf(text.slice(span.start, span.end))),
  };
}

/** "Change to <replacement>" (preferred) for the rules whose replacement is the one right value, else nothing. */
export function replacementFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const replacement = issue.data?.replacement;
  if (replacement === undefined || !validSpan(text, issue.span) || !replacementRules.has(issue.code))
    return removalFallback(issue, text, context);
  return [
    {
      title: `Change to ${formatScalar(replacement)}`,
      edits: [replaceScalar(text, issue.span, replacement)],
      preferred: true,
    },
  ];
}

/**
 * The last resort for a value nothing can be derived from: remove the field (or the list entry). Never
 * preferred, since it drops what the author wrote; offered because an optional field is often better gone
 * than wrong, and a required one then gets its own missing-field fix.
 */
export function removalFallback(issue: Issue, text: string, context: FixContext): Fix[] {
  const path = issue.data?.path;
  if (!path) return [];
  if (path.length === 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
    const removal = removeListItem(text, path[0], path[1]);
    return removal ? [{ title: 'Remove this entry', edits: [removal], preferred: false }] : [];
  }
  const field = asFieldPath(path);
  const removal = field ? removeField(text, field, context.config.aliases) : undefined;
  return removal?.ok && removal.edits.length > 0
    ? [{ title: `Remove '${field!.join('.')}'`, edits: removal.edits, preferred: false }]
    : [];
}

/** Removes one list item: its line in a block list, the item and one comma in a flow list. */
export function removeListItem(text: string, key: string, index: number): TextEdit | undefined {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') return undefined;
  const document = parseDocument(text.slice(split.yamlStart, split.yamlEnd));
  const pair = isMap(document.contents)
    ? (document.contents.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === key)
    : undefined;
  if (!pair || !isSeq(pair.value)) return undefined;
  const items = pair.value.items as YamlNode[];
  const item = items[index];
  if (!item?.range) return undefined;
  const at = (offset: number) => split.yamlStart + offset;
  if (pair.value.flow) {
    if (items.length === 1) return { start: at(item.range[0]), end: at(item.range[1]), newText: '' };
    if (index < items.length - 1)
      return { start: at(item.range[0]), end: at(items[index + 1].range![0]), newText: '' };
    return { start: at(items[index - 1].range![1]), end: at(item.range[1]), newText: '' };
  }
  const lineStart = text.lastIndexOf('\n', at(item.range[0]) - 1) + 1;
  const newline = text.indexOf('\n', at(item.range[1]) - 1);
  return { start: lineStart, end: newline === -1 ? text.length : newline + 1, newText: '' };
}

/** A closed front-matter, parsed with positions (errors are kept on the document, not thrown). */
interface Front {
  yamlStart: number;
  document: Document.Parsed;
}

export function frontOf(text: string): Front | undefined {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') return undefined;
  const yamlText = text.slice(split.yamlStart, split.yamlEnd);
  if (excessiveNesting(yamlText) !== undefined) return undefined;
  return {
    yamlStart: split.yamlStart,
    document: parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false }),
  };
}

/** The node at a front-matter path (null for an empty value), or undefined when the path is not there. */
export function nodeAt(front: Front, path: readonly (string | number)[]): YamlNode | null | undefined {
  let node: unknown = front.document.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return (node ?? null) as YamlNode | null;
}

/** A top-level field's value (under its canonical name or an alias) and the span of its text. */
export function topField(text: string, name: string, aliases: Record<string, string>) {
  const front = frontOf(text);
  if (!front || !isMap(front.document.contents)) return undefined;
  const pair = (front.document.contents.items as Pair[]).find((item) => {
    if (!isScalar(item.key)) return false;
    const key = String(item.key.value);
    return canonicalField(aliases, key) === name;
  });
  const node = pair?.value as YamlNode | null | undefined;
  if (!node?.range || !isScalar(node)) return undefined;
  return {
    value: node.value,
    span: { start: front.yamlStart + node.range[0], end: front.yamlStart + node.range[1] },
  };
}

/** The field names a front-matter may hold: schema fields and their children, aliases and custom fields. */
export function knownKeys(context: FixContext): Set<string> {
  return new Set([
    ...featureFields.flatMap((field) => [field.name, ...(field.children ?? []).map((child) => child.name)]),
    ...Object.keys(context.config.aliases),
    ...Object.keys(context.config.fields),
  ]);
}

/** The schema's example as a value: numbers stay numbers, lists start empty. */
export function exampleValue(spec: FieldSpec): FieldValue {
  if (spec.kind === 'idList' || spec.kind === 'textList' || spec.kind === 'evidence') return [];
  const number = Number(spec.example);
  return spec.example.trim() !== '' && Number.isFinite(number) ? number : spec.example;
}
