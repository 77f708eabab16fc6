// Quick fixes as plain data: for one issue, the text edits of each way to fix it, which one is the obvious
// (preferred) one, and, for an unknown dependency, a stub feature file to create. Edits are either the core's
// lossless field edits (setField / removeField) or a replacement of exactly the span the issue points at, so
// the rest of the front-matter (comments, quoting, key order) stays byte for byte. Fixes for front-matter
// that does not parse (YAML errors, an unclosed block) are offered only when the parser accepts the result,
// so a fix is never a guess that leaves the error where it was.
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type { RoadmapConfig } from '../config';
import { nextFreeId } from '../crossRules';
import { didYouMean } from '../didYouMean';
import { applyEdits, formatScalar, minimalEdit, removeField, setField, type FieldValue } from '../edits';
import { isCalendarDate } from '../featureFile';
import { excessiveNesting, parseYamlFast } from '../frontmatter';
import { splitFrontmatter } from '../fences';
import {
  confidenceRubric,
  featureFieldByName,
  featureFields,
  impactRubric,
  type FieldKind,
  type FieldSpec,
} from '../schema';
import type { Issue, RuleCode, Span, TextEdit } from '../types';

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
  // The plan rules: the milestone's date, the quarter the end falls in, today for overdue work.
  'milestone-date',
  'quarter-dates',
  'overdue',
]);

type WrittenPath = readonly [string] | readonly [string, string];

function asFieldPath(path: readonly (string | number)[] | undefined): WrittenPath | undefined {
  if (!path || path.some((segment) => typeof segment !== 'string')) return undefined;
  if (path.length === 1) return [path[0] as string];
  if (path.length === 2) return [path[0] as string, path[1] as string];
  return undefined;
}

const validSpan = (text: string, span: Span) =>
  span.start >= 0 && span.end <= text.length && span.start < span.end;

function styleOf(raw: string): Scalar.Type {
  if (raw.startsWith("'")) return Scalar.QUOTE_SINGLE;
  if (raw.startsWith('"')) return Scalar.QUOTE_DOUBLE;
  return Scalar.PLAIN;
}

function unquoted(raw: string): string {
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

/** Replaces the scalar at `span`, keeping its quote style. */
function replaceScalar(text: string, span: Span, value: string | number): TextEdit {
  return {
    start: span.start,
    end: span.end,
    newText: formatScalar(value, styleOf(text.slice(span.start, span.end))),
  };
}

export function fixesFor(issue: Issue, text: string, context: FixContext): Fix[] {
  const data = issue.data ?? {};
  const span = issue.span;
  const raw = validSpan(text, span) ? text.slice(span.start, span.end) : undefined;
  const current = raw === undefined ? undefined : unquoted(raw);
  const aliases = context.config.aliases;

  switch (issue.code) {
    case 'invalid-enum':
    case 'unknown-milestone':
    case 'unknown-goal': {
      if (current === undefined) return [];
      const suggestions = data.suggestions ?? [];
      const close = didYouMean(current, suggestions)[0];
      return suggestions.slice(0, 8).map((suggestion) => ({
        title: `Change to '${suggestion}'`,
        edits: [replaceScalar(text, span, suggestion)],
        preferred: suggestion === close,
      }));
    }
    case 'unknown-field':
      return unknownFieldFixes(issue, text, context);
    case 'missing-field':
      return missingFieldFixes(issue, text, context);
    case 'unknown-dependency':
      return unknownDependencyFixes(issue, text, context, current);
    case 'duplicate-id': {
      // Not preferred: every copy carries this diagnostic, and which one should move is the author's call.
      if (typeof data.replacement !== 'string' || current === undefined) return [];
      return [
        {
          title: `Change id to '${data.replacement}' (the next free id)`,
          edits: [replaceScalar(text, span, data.replacement)],
          preferred: false,
        },
      ];
    }
    case 'score-stale': {
      if (data.replacement === undefined || current === undefined) return [];
      const fixes: Fix[] = [
        {
          title: `Update score to ${data.replacement}`,
          edits: [replaceScalar(text, span, data.replacement)],
          preferred: true,
        },
      ];
      const path = asFieldPath(data.path);
      const removal = path ? removeField(text, path, aliases) : undefined;
      if (removal?.ok && removal.edits.length > 0)
        fixes.push({ title: 'Remove the stored score', edits: removal.edits, preferred: false });
      return fixes;
    }
    case 'evidence-missing':
      return current === undefined
        ? []
        : [{ title: 'Lower confidence to 80%', edits: [replaceScalar(text, span, '80%')], preferred: false }];
    case 'invalid-type':
      return invalidTypeFixes(issue, text, context);
    case 'rice-reach-range':
    case 'rice-effort-range':
    case 'score-range':
      return rangeFixes(issue, text, context);
    case 'rice-confidence-low': {
      if (current === undefined) return [];
      // In the notation the author uses: 30% → 50%, 0.3 → 0.5, 30 → 50.
      const value = /%\s*$/.test(current) ? '50%' : Number(current) <= 1 ? 0.5 : 50;
      return [
        {
          title: 'Set confidence to 50%',
          edits: [replaceScalar(text, span, value)],
          // Below 50% is allowed (a moonshot, said out loud): raising it is one answer, not the obvious one.
          preferred: false,
        },
      ];
    }
    case 'rice-impact-scale':
      return impactFixes(issue, text, context, current);
    case 'invalid-date':
      return dateFixes(issue, text, context, current);
    case 'invalid-quarter':
      return quarterFixes(issue, text, context, current);
    case 'invalid-id': {
      // Nothing left once the unsafe characters go (`id: '#!'`): a free id instead of an empty one.
      if (data.replacement === '' && current !== undefined) {
        const id = suggestedId(context);
        return [{ title: `Change id to '${id}'`, edits: [replaceScalar(text, span, id)], preferred: true }];
      }
      return replacementFixes(issue, text, context);
    }
    case 'invalid-url':
      return urlFixes(issue, text, context, current);
    case 'date-order':
      return dateOrderFixes(text, context);
    case 'moscow-budget':
      // Not preferred: every Must of the milestone carries this, and which one gives way is a planning call.
      return current === undefined
        ? []
        : [{ title: 'Change to should', edits: [replaceScalar(text, span, 'should')], preferred: false }];
    case 'dependency-cycle':
      return dependencyRemoval(issue, text, current);
    case 'dependency-schedule':
      return [...scheduleFixes(issue, text, context, current), ...dependencyRemoval(issue, text, current)];
    case 'priority-inversion':
      return [...dependencyRemoval(issue, text, current), ...lowerPriorityFixes(issue, text, context)];
    case 'frontmatter-unclosed':
      return closingFenceFixes(issue, text, context);
    case 'yaml-syntax':
      return yamlSyntaxFixes(issue, text, context);
    case 'frontmatter-not-mapping':
      return notMappingFixes(text, context);
    case 'capacity':
      // Which feature moves to another period, or is cut, is the team's call: no edit can make it.
      return [];
    case 'file-unreadable':
      // Binary, too large, or not UTF-8: the bytes behind the text are the problem, and no text edit can
      // recover them (deleting the undecodable characters would only hide what was lost).
      return [];
    default:
      return replacementFixes(issue, text, context);
  }
}

/** "Change to <replacement>" (preferred) for the rules whose replacement is the one right value, else nothing. */
function replacementFixes(issue: Issue, text: string, context: FixContext): Fix[] {
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
function removalFallback(issue: Issue, text: string, context: FixContext): Fix[] {
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

function unknownFieldFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const path = asFieldPath(issue.data?.path);
  if (!path || !validSpan(text, issue.span)) return [];
  const key = path[path.length - 1];
  const siblings = keysBeside(text, path);
  const fixes: Fix[] = (issue.data?.suggestions ?? [])
    // Renaming onto a key that is already there would only trade this problem for a duplicate key.
    .filter((suggestion) => !siblings.has(suggestion))
    .map((suggestion, index) => ({
      title: `Rename '${key}' to '${suggestion}'`,
      edits: [replaceScalar(text, issue.span, suggestion)],
      preferred: index === 0,
    }));
  const removal = removeField(text, path, context.config.aliases);
  if (removal.ok && removal.edits.length > 0)
    fixes.push({ title: `Remove '${path.join('.')}'`, edits: removal.edits, preferred: false });
  return fixes;
}

/** The keys of the mapping that holds `path`'s last key. */
function keysBeside(text: string, path: WrittenPath): Set<string> {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') return new Set();
  let node: unknown = parseDocument(text.slice(split.yamlStart, split.yamlEnd)).contents;
  for (const segment of path.slice(0, -1)) {
    const pair = isMap(node)
      ? (node.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === segment)
      : undefined;
    node = pair?.value;
  }
  return new Set(
    isMap(node)
      ? (node.items as Pair[])
          .filter((pair) => isScalar(pair.key))
          .map((pair) => String((pair.key as Scalar).value))
      : [],
  );
}

function missingFieldFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const field = issue.data?.field;
  if (!field) return [];
  const [name, child] = field.split('.');
  const placeholder = placeholderFor(name, child, text, context);
  if (!placeholder) return [];
  let after = text;
  if (!child && featureFieldByName.get(name)?.kind === 'object') {
    // A required scoring block: insert all of its inputs, one setField after another, as one edit.
    for (const input of featureFieldByName.get(name)?.children ?? []) {
      const result = setField(after, [name, input.name], exampleValue(input), context.config.aliases);
      if (!result.ok) return [];
      after = applyEdits(after, result.edits);
    }
  } else {
    const result = setField(after, child ? [name, child] : [name], placeholder.value, context.config.aliases);
    if (!result.ok) return [];
    after = applyEdits(after, result.edits);
  }
  const shown = Array.isArray(placeholder.value)
    ? '[]'
    : formatScalar(placeholder.value as string | number | boolean);
  return [
    {
      title:
        child || featureFieldByName.get(name)?.kind !== 'object'
          ? `Add '${field}: ${shown}'`
          : `Add a '${name}' block`,
      edits: [minimalEdit(text, after)],
      // Values derived from the workspace are real answers; example numbers are placeholders to be replaced,
      // so "fix all" never writes invented scores.
      preferred: placeholder.derived,
    },
  ];
}

interface Placeholder {
  value: FieldValue;
  /** Derived from the file or the workspace (a free id, the heading), not an example to be replaced. */
  derived: boolean;
}

function placeholderFor(
  name: string,
  child: string | undefined,
  text: string,
  context: FixContext,
): Placeholder | undefined {
  if (!child) {
    if (name === 'id') return { value: suggestedId(context), derived: true };
    if (name === 'title') return { value: suggestedTitle(text, context.file), derived: true };
    if (name === 'status') return { value: context.config.statuses[0]?.id ?? 'idea', derived: true };
  }
  const top = featureFieldByName.get(name);
  const spec = child ? top?.children?.find((candidate) => candidate.name === child) : top;
  if (spec) return { value: exampleValue(spec), derived: false };
  const custom = context.config.fields[name];
  if (!custom) return undefined;
  const byType: Record<string, FieldValue> = {
    string: 'TODO',
    number: 0,
    integer: 0,
    boolean: false,
    date: '2026-01-01',
    url: 'https://',
    list: [],
    enum: custom.values?.[0] ?? 'TODO',
  };
  return { value: byType[custom.type] ?? 'TODO', derived: false };
}

/** The schema's example as a value: numbers stay numbers, lists start empty. */
function exampleValue(spec: FieldSpec): FieldValue {
  if (spec.kind === 'idList' || spec.kind === 'textList' || spec.kind === 'evidence') return [];
  const number = Number(spec.example);
  return spec.example.trim() !== '' && Number.isFinite(number) ? number : spec.example;
}

/** The id the file name suggests (F-007-foo.md → F-007) when free, else the next free id of the commonest series. */
export function suggestedId(context: Pick<FixContext, 'file' | 'ids'>): string {
  const base = context.file.slice(context.file.lastIndexOf('/') + 1);
  const fromName = /^([A-Za-z]+-\d+)(?=[-_.])/.exec(base)?.[1];
  if (fromName && !context.ids.includes(fromName)) return fromName;
  const series = new Map<string, { count: number; example: string }>();
  for (const id of context.ids) {
    const prefix = /^(.*?)\d+$/.exec(id)?.[1];
    if (prefix === undefined) continue;
    const entry = series.get(prefix) ?? { count: 0, example: id };
    entry.count++;
    series.set(prefix, entry);
  }
  const commonest = [...series.values()].sort((a, b) => b.count - a.count)[0];
  return nextFreeId(context.ids, commonest?.example ?? 'F-000');
}

/** The body's first heading, else the file name in words. */
export function suggestedTitle(text: string, file: string): string {
  const split = splitFrontmatter(text);
  const body = split.kind === 'closed' ? text.slice(split.bodyStart) : '';
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1];
  if (heading) return heading;
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  const words =
    base
      .replace(/^[A-Za-z]+-\d+[-_]?/, '')
      .replace(/[-_]+/g, ' ')
      .trim() || base;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function unknownDependencyFixes(
  issue: Issue,
  text: string,
  context: FixContext,
  current: string | undefined,
): Fix[] {
  if (current === undefined) return [];
  const suggestions = issue.data?.suggestions ?? [];
  const close = didYouMean(current, suggestions)[0];
  const fixes: Fix[] = suggestions.map((suggestion) => {
    const title = context.titleOf?.(suggestion);
    return {
      title: `Change to '${suggestion}'${title ? ` (${title})` : ''}`,
      edits: [replaceScalar(text, issue.span, suggestion)],
      preferred: suggestion === close,
    };
  });
  const split = splitFrontmatter(text);
  fixes.push({
    title: `Create stub feature '${current}'`,
    edits: [],
    preferred: false,
    createFile: stubFeature(current, context, split.kind === 'closed' ? split.eol : '\n'),
  });
  fixes.push(...dependencyRemoval(issue, text, current));
  return fixes;
}

/** A minimal valid feature file for an id that something depends on, next to the file that depends on it. */
export function stubFeature(
  id: string,
  context: Pick<FixContext, 'file' | 'config'>,
  eol = '\n',
): { file: string; text: string } {
  const folder = context.file.includes('/') ? context.file.slice(0, context.file.lastIndexOf('/') + 1) : '';
  const name = id.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'feature';
  const values: [string, FieldValue][] = [
    ['id', id],
    ['title', `Stub for ${id}`],
    ['status', context.config.statuses[0]?.id ?? 'idea'],
  ];
  for (const required of context.config.required) {
    if (values.some(([field]) => field === required)) continue;
    const spec = featureFieldByName.get(required);
    if (spec && spec.kind !== 'object') values.push([required, exampleValue(spec)]);
  }
  const lines = values.map(
    ([field, value]) =>
      `${field}: ${Array.isArray(value) ? '[]' : formatScalar(value as string | number | boolean)}`,
  );
  const dependent = context.file.slice(context.file.lastIndexOf('/') + 1);
  const text = [
    '---',
    ...lines,
    '---',
    '',
    `Created as a stub because ${dependent} depends on it. Describe the feature here.`,
    '',
  ].join(eol);
  return { file: `${folder}${name}.md`, text };
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

/**
 * The preferred fix of every issue, as one set of non-overlapping edits. A fix whose edits would collide with
 * one already taken is left for the next run; insertions at the same point are kept, in issue order.
 */
export function fixAllEdits(issues: readonly Issue[], text: string, context: FixContext): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => {
    if (a.start === a.end && b.start === b.end) return false;
    return a.start < b.end && b.start < a.end ? true : a.start === b.start || a.end === b.end;
  };
  for (const issue of issues) {
    const fix = fixesFor(issue, text, context).find(
      (candidate) => candidate.preferred && !candidate.createFile && candidate.edits.length > 0,
    );
    if (!fix || fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
  }
  // Same-point insertions become one edit, so the order they were taken in is the order they appear in.
  const merged: TextEdit[] = [];
  for (const edit of taken
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order)) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.start === last.end &&
      edit.edit.start === edit.edit.end &&
      last.start === edit.edit.start
    )
      last.newText += edit.edit.newText;
    else merged.push({ ...edit.edit });
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the front-matter for a fix: where a node is, what a top-level field holds.

/** A closed front-matter, parsed with positions (errors are kept on the document, not thrown). */
interface Front {
  yamlStart: number;
  document: Document.Parsed;
}

function frontOf(text: string): Front | undefined {
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
function nodeAt(front: Front, path: readonly (string | number)[]): YamlNode | null | undefined {
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
function topField(text: string, name: string, aliases: Record<string, string>) {
  const front = frontOf(text);
  if (!front || !isMap(front.document.contents)) return undefined;
  const pair = (front.document.contents.items as Pair[]).find((item) => {
    if (!isScalar(item.key)) return false;
    const key = String(item.key.value);
    return key === name || (Object.hasOwn(aliases, key) && aliases[key] === name);
  });
  const node = pair?.value as YamlNode | null | undefined;
  if (!node?.range || !isScalar(node)) return undefined;
  return {
    value: node.value,
    span: { start: front.yamlStart + node.range[0], end: front.yamlStart + node.range[1] },
  };
}

/** The field names a front-matter may hold: schema fields and their children, aliases and custom fields. */
function knownKeys(context: FixContext): Set<string> {
  return new Set([
    ...featureFields.flatMap((field) => [field.name, ...(field.children ?? []).map((child) => child.name)]),
    ...Object.keys(context.config.aliases),
    ...Object.keys(context.config.fields),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Numbers, dates and quarters written loosely.

/**
 * A number written as text: `'3'` and `"1,200"` exactly; `3 months`, `~2` and `1.2k` loosely (a reading, not
 * the only one, so such a fix is never preferred).
 */
export function looseNumber(written: string): { value: number; exact: boolean } | undefined {
  const value = written.trim();
  if (/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(value))
    return { value: Number(value), exact: true };
  // Thousands separators: 1,200 · 1 200 · 1_200 · 1'200 (one separator, groups of three).
  const grouped = /^([-+]?\d{1,3})([,_ '\u00a0\u202f])(\d{3}(?:\2\d{3})*)(\.\d+)?$/.exec(value);
  if (grouped) {
    return {
      value: Number(`${grouped[1]}${grouped[3].split(grouped[2]).join('')}${grouped[4] ?? ''}`),
      exact: true,
    };
  }
  const thousands = /^([-+]?\d+(?:\.\d+)?)\s*[kK]$/.exec(value);
  if (thousands) return { value: Math.round(Number(thousands[1]) * 1000), exact: false };
  const withUnit = /^~?\s*([-+]?\d+(?:\.\d+)?)\s*[A-Za-z%][\w\s.%/-]*$/.exec(value);
  if (withUnit) return { value: Number(withUnit[1]), exact: false };
  return undefined;
}

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthOf(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = monthNames.findIndex(
    (month) => month.startsWith(lower) || (lower === 'sept' && month === 'september'),
  );
  return index === -1 ? undefined : index + 1;
}

function calendarDate(
  year: string | number,
  month: string | number,
  day: string | number,
): string | undefined {
  const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(candidate) && isCalendarDate(candidate) ? candidate : undefined;
}

interface DateCandidate {
  date: string;
  /** The only reading of what was written. */
  exact: boolean;
  note?: string;
}

/** yyyy-mm-dd readings of a date written another way (beyond what the validator's reformatting covers). */
export function dateCandidates(written: string): DateCandidate[] {
  const value = written.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) {
    const date = calendarDate(compact[1], compact[2], compact[3]);
    return date ? [{ date, exact: true }] : [];
  }
  const numeric = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (numeric) {
    const dayFirst = calendarDate(numeric[3], numeric[2], numeric[1]);
    const monthFirst = calendarDate(numeric[3], numeric[1], numeric[2]);
    if (dayFirst && monthFirst && dayFirst !== monthFirst)
      return [
        { date: dayFirst, exact: false, note: 'day first' },
        { date: monthFirst, exact: false, note: 'month first' },
      ];
    const date = dayFirst ?? monthFirst;
    return date ? [{ date, exact: true }] : [];
  }
  const dayName = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(value);
  const nameDay = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  const named = dayName
    ? { day: dayName[1], month: monthOf(dayName[2]), year: dayName[3] }
    : nameDay
      ? { day: nameDay[2], month: monthOf(nameDay[1]), year: nameDay[3] }
      : undefined;
  if (named?.month) {
    const date = calendarDate(named.year, named.month, named.day);
    return date ? [{ date, exact: true }] : [];
  }
  // A day past the end of its month (2026-02-30): the month's last day is a guess, not a reading.
  const overflow = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (overflow) {
    const [year, month, day] = [Number(overflow[1]), Number(overflow[2]), Number(overflow[3])];
    if (month >= 1 && month <= 12 && day > 28 && day <= 31) {
      const last = new Date(0);
      last.setUTCFullYear(year, month, 0);
      return [{ date: last.toISOString().slice(0, 10), exact: false, note: 'the last day of that month' }];
    }
  }
  return [];
}

const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** A yyyy-Qn reading of a quarter written another way: a month or date, 3Q2026, Q3 '26. */
export function quarterCandidate(written: string): { quarter: string; exact: boolean } | undefined {
  const value = written.trim();
  const month = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return { quarter: `${month[1]}-Q${Math.ceil(Number(month[2]) / 3)}`, exact: true };
  const numberFirst = /^([1-4])[Qq][-\s/]?(\d{4})$/.exec(value);
  if (numberFirst) return { quarter: `${numberFirst[2]}-Q${numberFirst[1]}`, exact: true };
  // Two-digit years: read as 20xx, which is a guess.
  const shortYear = /^[Qq]([1-4])[-\s/']*(\d{2})$/.exec(value) ?? /^(\d{2})[-\s/]?[Qq]([1-4])$/.exec(value);
  if (shortYear) {
    const [quarter, year] = /^[Qq]/.test(value) ? [shortYear[1], shortYear[2]] : [shortYear[2], shortYear[1]];
    return { quarter: `20${year}-Q${quarter}`, exact: false };
  }
  return undefined;
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return Math.round(at.getTime() / 86_400_000);
}

function fromDayNumber(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// Fixes per rule.

/** Out-of-range numbers: the validator's clamp (preferred) or a sensible smallest value, and a dropped sign. */
function rangeFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const span = issue.span;
  if (!validSpan(text, span)) return removalFallback(issue, text, context);
  const number = Number(unquoted(text.slice(span.start, span.end)));
  const path = issue.data?.path ?? [];
  const name = String(path[path.length - 1] ?? 'it');
  const replacement = issue.data?.replacement;
  const fixes: Fix[] = [];
  if (replacement !== undefined) {
    fixes.push({
      title: issue.code === 'rice-reach-range' ? `Set reach to ${replacement}` : `Change to ${replacement}`,
      edits: [replaceScalar(text, span, replacement)],
      preferred: true,
    });
  } else if (issue.code === 'rice-effort-range') {
    // Effort must be above 0: half a person-month is the smallest effort teams usually estimate.
    fixes.push({
      title: 'Set effort to 0.5 person-months',
      edits: [replaceScalar(text, span, 0.5)],
      preferred: false,
    });
  } else {
    // WSJF values and sizes are relative, on a scale (1, 2, 3, 5, 8, …) that starts at 1.
    fixes.push({ title: `Set ${name} to 1`, edits: [replaceScalar(text, span, 1)], preferred: false });
  }
  // A negative number is often a stray minus sign.
  if (Number.isFinite(number) && number < 0)
    fixes.push({
      title: `Change to ${-number} (drop the minus sign)`,
      edits: [replaceScalar(text, span, -number)],
      preferred: false,
    });
  return fixes;
}

/** RICE impact written as text: a number snaps to its tier (preferred); anything else gets every tier. */
function impactFixes(issue: Issue, text: string, context: FixContext, current: string | undefined): Fix[] {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  if (current === undefined) return [];
  const number = looseNumber(current);
  if (number) {
    const snapped = impactRubric.reduce((best, tier) =>
      Math.abs(tier.value - number.value) < Math.abs(best.value - number.value) ? tier : best,
    );
    return [
      {
        title: `Change to ${snapped.value}`,
        edits: [replaceScalar(text, issue.span, snapped.value)],
        preferred: number.exact,
      },
    ];
  }
  return impactRubric.map((tier) => ({
    title: `Change to ${tier.value} (${tier.label})`,
    edits: [replaceScalar(text, issue.span, tier.value)],
    preferred: false,
  }));
}

function dateFixes(issue: Issue, text: string, context: FixContext, current: string | undefined): Fix[] {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  const candidates = current === undefined ? [] : dateCandidates(current);
  const sure = candidates.length === 1 && candidates[0].exact;
  return [
    ...candidates.map((candidate) => ({
      title: `Change to ${candidate.date}${candidate.note ? ` (${candidate.note})` : ''}`,
      edits: [replaceScalar(text, issue.span, candidate.date)],
      preferred: sure,
    })),
    ...removalFallback(issue, text, context),
  ];
}

function quarterFixes(issue: Issue, text: string, context: FixContext, current: string | undefined): Fix[] {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  const fixes: Fix[] = [];
  const candidate = current === undefined ? undefined : quarterCandidate(current);
  if (candidate)
    fixes.push({
      title: `Change to ${candidate.quarter}`,
      edits: [replaceScalar(text, issue.span, candidate.quarter)],
      preferred: candidate.exact,
    });
  const start = topField(text, 'start', context.config.aliases)?.value;
  if (current !== undefined && typeof start === 'string' && isCalendarDate(start)) {
    const quarter = quarterOf(start);
    if (quarter !== candidate?.quarter)
      fixes.push({
        title: `Change to ${quarter} (the quarter 'start' falls in)`,
        edits: [replaceScalar(text, issue.span, quarter)],
        preferred: false,
      });
  }
  return [...fixes, ...removalFallback(issue, text, context)];
}

/** A web address without its scheme: a host name with a dot and a top-level domain, then a path if any. */
const schemeless = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

function urlFixes(issue: Issue, text: string, context: FixContext, current: string | undefined): Fix[] {
  const fixes: Fix[] = [];
  const span = issue.span;
  if (current !== undefined && validSpan(text, span)) {
    const bare = current.trim();
    const prefix =
      bare.startsWith('//') && schemeless.test(bare.slice(2))
        ? 'https:'
        : schemeless.test(bare)
          ? 'https://'
          : undefined;
    if (prefix) {
      // An insertion before the address (inside its quotes, if any): nothing else of the value changes.
      const raw = text.slice(span.start, span.end);
      const at =
        span.start +
        (raw.startsWith("'") || raw.startsWith('"') ? 1 : 0) +
        (raw.length - raw.trimStart().length);
      fixes.push({
        title: `Add ${prefix}`,
        edits: [{ start: at, end: at, newText: prefix }],
        preferred: true,
      });
    }
  }
  const path = issue.data?.path ?? [];
  if (path.length >= 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
    const removal = removeListItem(text, path[0], path[1]);
    if (removal) fixes.push({ title: 'Remove this evidence entry', edits: [removal], preferred: false });
  } else {
    fixes.push(...removalFallback(issue, text, context));
  }
  return fixes;
}

/** Swaps the two dates' texts as written (quotes and all), so nothing else changes. */
function dateOrderFixes(text: string, context: FixContext): Fix[] {
  const start = topField(text, 'start', context.config.aliases);
  const end = topField(text, 'end', context.config.aliases);
  if (!start || !end) return [];
  return [
    {
      title: 'Swap start and end',
      edits: [
        { ...start.span, newText: text.slice(end.span.start, end.span.end) },
        { ...end.span, newText: text.slice(start.span.start, start.span.end) },
      ],
      preferred: true,
    },
  ];
}

/** Removes the depends_on entry an issue points at (path [key, index]), in a block or a flow list. */
function dependencyRemoval(issue: Issue, text: string, current: string | undefined): Fix[] {
  const path = issue.data?.path;
  if (!path || path.length !== 2 || typeof path[0] !== 'string' || typeof path[1] !== 'number') return [];
  if (current === undefined) return [];
  const removal = removeListItem(text, path[0], path[1]);
  return removal ? [{ title: `Remove dependency '${current}'`, edits: [removal], preferred: false }] : [];
}

/**
 * Moves `start` to the day after the dependency ends (the issue's replacement), and `end` by as many days,
 * so the planned duration stays. Not preferred: a schedule is a plan, and dropping the dependency may be
 * the right answer instead.
 */
function scheduleFixes(issue: Issue, text: string, context: FixContext, current: string | undefined): Fix[] {
  const newStart = issue.data?.replacement;
  if (typeof newStart !== 'string' || !isCalendarDate(newStart) || current === undefined) return [];
  const aliases = context.config.aliases;
  const start = topField(text, 'start', aliases);
  if (!start || typeof start.value !== 'string' || !isCalendarDate(start.value)) return [];
  const edits: TextEdit[] = [replaceScalar(text, start.span, newStart)];
  const end = topField(text, 'end', aliases);
  if (end && typeof end.value === 'string' && isCalendarDate(end.value) && end.value >= start.value) {
    const shift = dayNumber(newStart) - dayNumber(start.value);
    edits.push(replaceScalar(text, end.span, fromDayNumber(dayNumber(end.value) + shift)));
  }
  return [{ title: `Start after ${current} ends (${newStart})`, edits, preferred: false }];
}

/** A Must that depends on a Could: lowering this feature to the dependency's priority also ends the inversion. */
function lowerPriorityFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const target = issue.data?.replacement;
  if (typeof target !== 'string') return [];
  const result = setField(text, ['moscow'], target, context.config.aliases);
  if (!result.ok || result.edits.length === 0) return [];
  return [{ title: `Lower this feature to ${target}`, edits: result.edits, preferred: false }];
}

// ---------------------------------------------------------------------------------------------------------
// invalid-type: what the field takes decides the fix.

type Expected =
  'text' | 'number' | 'integer' | 'confidence' | 'boolean' | 'list' | 'evidence' | 'object' | 'entry';

function expectationOf(kind: FieldKind): Expected | undefined {
  switch (kind) {
    case 'id':
    case 'text':
    case 'status':
    case 'enum':
    case 'milestone':
    case 'goal':
    case 'quarter':
      return 'text';
    case 'number':
    case 'positiveNumber':
    case 'nonNegativeNumber':
    case 'impactTier':
    case 'scale10':
    case 'percent':
      return 'number';
    case 'confidence':
      return 'confidence';
    case 'idList':
    case 'textList':
      return 'list';
    case 'evidence':
      return 'evidence';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** The field a written key stands for: itself, or what the config makes it an alias of. */
function canonicalName(key: string, config: RoadmapConfig): string {
  // Own properties only: a key such as `constructor` must not find Object.prototype's.
  return (Object.hasOwn(config.aliases, key) ? config.aliases[key] : undefined) ?? key;
}

/** What the value at a front-matter path must be, from the schema or the config's custom fields. */
function expectedAt(path: readonly (string | number)[], config: RoadmapConfig): Expected | undefined {
  const key = path[0];
  if (typeof key !== 'string') return undefined;
  const name = canonicalName(key, config);
  const spec = featureFieldByName.get(name);
  if (path.length >= 2) {
    if (typeof path[1] === 'number') return 'entry';
    const child = spec?.children?.find((candidate) => candidate.name === path[1]);
    return child ? expectationOf(child.kind) : undefined;
  }
  if (spec) return expectationOf(spec.kind);
  const custom = Object.hasOwn(config.fields, name) ? config.fields[name] : undefined;
  const byType: Partial<Record<string, Expected>> = {
    string: 'text',
    number: 'number',
    integer: 'integer',
    boolean: 'boolean',
    list: 'list',
  };
  return custom ? byType[custom.type] : undefined;
}

function invalidTypeFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const path = issue.data?.path ?? [];
  const front = frontOf(text);
  const node = front ? nodeAt(front, path) : undefined;
  const expected = expectedAt(path, context.config);
  if (expected === 'entry') {
    // A depends_on, tags or evidence entry that is not an id, text or link: it goes. Obviously so when empty.
    const removal =
      typeof path[0] === 'string' && typeof path[1] === 'number'
        ? removeListItem(text, path[0], path[1])
        : undefined;
    const evidence =
      featureFieldByName.get(canonicalName(String(path[0]), context.config))?.kind === 'evidence';
    return removal
      ? [
          {
            title: evidence ? 'Remove this evidence entry' : 'Remove this entry',
            edits: [removal],
            preferred: node === null || (isScalar(node) && node.value === null),
          },
        ]
      : [];
  }
  if (!node || !validSpan(text, issue.span) || !front) return removalFallback(issue, text, context);
  let fixes: Fix[] = [];
  switch (expected) {
    case 'text':
      fixes = textFixes(issue, text, node, path);
      break;
    case 'number':
    case 'integer':
      fixes = numberFixes(issue, text, node, path, expected === 'integer');
      break;
    case 'confidence':
      fixes = confidenceFixes(issue, text, node);
      break;
    case 'boolean':
      fixes = booleanFixes(issue, node);
      break;
    case 'list':
    case 'evidence':
      fixes = listFixes(issue, text, node, expected === 'evidence');
      break;
    default:
      break;
  }
  return fixes.length > 0 ? fixes : removalFallback(issue, text, context);
}

/** A number or true/false where text belongs: the same characters, quoted, so they are text. */
function textFixes(issue: Issue, text: string, node: YamlNode, path: readonly (string | number)[]): Fix[] {
  if (isScalar(node) && node.value !== null) {
    const quoted = formatScalar(text.slice(issue.span.start, issue.span.end).trim(), Scalar.QUOTE_DOUBLE);
    return [{ title: `Quote it: ${quoted}`, edits: [{ ...issue.span, newText: quoted }], preferred: true }];
  }
  return firstItemFix(text, node, path, (item) =>
    isScalar(item) && item.value !== null ? String(item.value) : undefined,
  );
}

function numberFixes(
  issue: Issue,
  text: string,
  node: YamlNode,
  path: readonly (string | number)[],
  integer: boolean,
): Fix[] {
  const numberIn = (item: unknown): { value: number; exact: boolean } | undefined => {
    if (!isScalar(item)) return undefined;
    if (typeof item.value === 'number' && Number.isFinite(item.value))
      return { value: item.value, exact: true };
    return typeof item.value === 'string' ? looseNumber(item.value) : undefined;
  };
  if (isScalar(node)) {
    const number = numberIn(node);
    if (!number) return [];
    if (integer && !Number.isInteger(number.value)) {
      const rounded = Math.round(number.value);
      return [
        {
          title: `Change to ${rounded}`,
          edits: [{ ...issue.span, newText: String(rounded) }],
          preferred: false,
        },
      ];
    }
    // A plain number replaces the whole value, quotes included: quoted, it would still be text.
    return [
      {
        title: `Change to ${number.value}`,
        edits: [{ ...issue.span, newText: String(number.value) }],
        preferred: number.exact,
      },
    ];
  }
  return firstItemFix(text, node, path, (item) => {
    const number = numberIn(item);
    return number?.exact && (!integer || Number.isInteger(number.value)) ? number.value : undefined;
  });
}

/** A list where one value belongs: its first item, when that item is a usable value. */
function firstItemFix(
  text: string,
  node: YamlNode,
  path: readonly (string | number)[],
  valueOf: (item: unknown) => string | number | undefined,
): Fix[] {
  const field = asFieldPath(path);
  if (!isSeq(node) || node.items.length === 0 || !field) return [];
  const value = valueOf(node.items[0]);
  if (value === undefined) return [];
  const result = setField(text, field, value);
  if (!result.ok || result.edits.length === 0) return [];
  return [
    {
      title: `Use the first item: ${formatScalar(value)}`,
      edits: result.edits,
      // With one item nothing is lost; with more, which one to keep is the author's call.
      preferred: node.items.length === 1,
    },
  ];
}

function confidenceFixes(issue: Issue, text: string, node: YamlNode): Fix[] {
  const written = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (written !== undefined) {
    // The rubric's own words: High, Medium, Low.
    const tier = confidenceRubric.find((entry) => entry.label.toLowerCase() === written.toLowerCase());
    const number = /^(\d+(?:\.\d+)?)\s*(%|percent|per\s*cent|pct)?$/i.exec(written);
    const percent = tier
      ? tier.value
      : number
        ? Number(number[1]) <= 1 && !number[2]
          ? Number(number[1]) * 100
          : Number(number[1])
        : undefined;
    if (percent !== undefined && percent > 0 && percent <= 100)
      return [
        {
          title: `Change to ${percent}%`,
          edits: [replaceScalar(text, issue.span, `${percent}%`)],
          preferred: true,
        },
      ];
  }
  return confidenceRubric.map((tier) => ({
    title: `Change to ${tier.value}% (${tier.label})`,
    edits: [{ ...issue.span, newText: `${tier.value}%` }],
    preferred: false,
  }));
}

function booleanFixes(issue: Issue, node: YamlNode): Fix[] {
  if (!isScalar(node)) return [];
  const written = String(node.value).trim().toLowerCase();
  const value = /^(?:true|yes|y|on)$/.test(written)
    ? true
    : /^(?:false|no|n|off)$/.test(written)
      ? false
      : undefined;
  if (value !== undefined)
    return [
      { title: `Change to ${value}`, edits: [{ ...issue.span, newText: String(value) }], preferred: true },
    ];
  if (written === '1' || written === '0')
    return [
      {
        title: `Change to ${written === '1'}`,
        edits: [{ ...issue.span, newText: String(written === '1') }],
        preferred: false,
      },
    ];
  return [];
}

/** A bare value where a list belongs becomes a one-line list; a single evidence mapping becomes its entry. */
function listFixes(issue: Issue, text: string, node: YamlNode, evidence: boolean): Fix[] {
  const raw = text.slice(issue.span.start, issue.span.end);
  const parses = (edits: TextEdit[]) => {
    const after = applyEdits(text, edits);
    const split = splitFrontmatter(after);
    return split.kind === 'closed' && parseYamlFast(after.slice(split.yamlStart, split.yamlEnd)).ok;
  };
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    // The value as written, in brackets (so `F-1, F-2` becomes two items); quoted when brackets would break it.
    for (const wrapped of [`[${raw.trim()}]`, `[${formatScalar(String(node.value), Scalar.QUOTE_DOUBLE)}]`]) {
      const edits = [{ ...issue.span, newText: wrapped }];
      if (parses(edits)) return [{ title: `Make it a list: ${wrapped}`, edits, preferred: true }];
    }
    return [];
  }
  if (evidence && isMap(node)) {
    let edits: TextEdit[];
    if (node.flow) {
      edits = [{ ...issue.span, newText: `[${raw}]` }];
    } else {
      // A block mapping: `- ` before its first key, and its other lines two columns further in.
      edits = [{ start: issue.span.start, end: issue.span.start, newText: '- ' }];
      for (
        let at = text.indexOf('\n', issue.span.start);
        at !== -1 && at + 1 < issue.span.end;
        at = text.indexOf('\n', at + 1)
      )
        if (text.slice(at + 1, issue.span.end).trim() !== '')
          edits.push({ start: at + 1, end: at + 1, newText: '  ' });
    }
    if (parses(edits)) return [{ title: 'Make it a list item', edits, preferred: true }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------
// Front-matter that does not parse: the unclosed block, YAML errors, a list or a single value.

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset after its last character, before the line break. */
  end: number;
  /** Offset after its line break (or the end of the range). */
  next: number;
  text: string;
}

function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let start = from; start < to;) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 || newline >= to ? to : newline + 1;
    let end = newline === -1 || newline >= to ? to : newline;
    if (text[end - 1] === '\r') end--;
    lines.push({ start, end, next, text: text.slice(start, end) });
    start = next;
  }
  return lines;
}

/** A `key: value` line, indented or a list item's: where the value starts and what it is. */
const keyValueLine =
  /^([ \t]*(?:-[ \t]+)?)((?:"[^"]*"|'[^']*'|[^\s#'"[\]{},:][^:]*?)[ \t]*:[ \t]+)(\S.*?)[ \t]*$/;

/** Does `value` break YAML on its own, after a key? (So that the line, not its context, is the problem.) */
const breaksAlone = (value: string) => !parseYamlFast(`key: ${value}\n`).ok;

/** How the front-matter parser (src/core/frontmatter.ts) words a repeated key. */
const duplicateKeyMessage = 'Map keys must be unique';

/**
 * Whether the edits take the YAML error away: the front-matter then parses. (Strictly: a fix after which the
 * parser stops somewhere else may only have moved the problem, as closing `[a,` on its own line would.) The
 * one exception, for a fix that removes a repeated key, is a further repeat, which gets its own fix next.
 */
function clearsYamlError(text: string, edits: readonly TextEdit[], removesRepeat = false): boolean {
  const after = applyEdits(text, edits);
  const split = splitFrontmatter(after);
  if (split.kind !== 'closed') return false;
  const parsed = parseYamlFast(after.slice(split.yamlStart, split.yamlEnd));
  return parsed.ok || (removesRepeat && parsed.message === duplicateKeyMessage);
}

/** The closing fence after the run of YAML-looking lines that follows the opening one. */
function closingFenceFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const fenceEnd = issue.span.end;
  const eol = text.startsWith('\r\n', fenceEnd) ? '\r\n' : '\n';
  if (!text.startsWith('---', issue.span.start) || !text.startsWith(eol, fenceEnd)) return [];
  const keys = knownKeys(context);
  const lines = linesOf(text, fenceEnd + eol.length, text.length);
  let insertAt: number | undefined;
  for (const [index, line] of lines.entries()) {
    if (!looksLikeYaml(line.text, lines[index + 1]?.text, keys)) break;
    insertAt = line.next;
  }
  if (insertAt === undefined) return [];
  const edit = {
    start: insertAt,
    end: insertAt,
    newText: `${text[insertAt - 1] === '\n' ? '' : eol}---${eol}`,
  };
  return splitFrontmatter(applyEdits(text, [edit])).kind === 'closed'
    ? [{ title: 'Insert the closing ---', edits: [edit], preferred: true }]
    : [];
}

/**
 * A front-matter line: `key: value`, an indented or list line, or a comment. A blank line or anything else
 * (prose, a Markdown heading) is where the body begins. `# Words` is read as a heading unless a known field
 * follows it directly, since a YAML comment and a heading look the same.
 */
function looksLikeYaml(line: string, next: string | undefined, keys: ReadonlySet<string>): boolean {
  if (line.trim() === '') return false;
  if (/^[ \t]/.test(line) || /^-(?:[ \t]|$)/.test(line)) return true;
  if (line.startsWith('#')) {
    if (!/^#{1,6}[ \t]/.test(line)) return true;
    const key = /^([A-Za-z_][\w-]*)[ \t]*:/.exec(next ?? '');
    return key !== null && keys.has(key[1]);
  }
  return /^(?:[A-Za-z_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/.test(line);
}

/**
 * Precise fixes for the YAML mistakes people make in front-matter: a duplicated key, tab indentation, a value
 * that needs quotes (`title: Foo: bar`, `@home`, `[draft] x`), unbalanced quotes or brackets, a missing colon,
 * a stray indent. Each is offered only when applying it really removes the reported error.
 */
function yamlSyntaxFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') return [];
  const lines = linesOf(text, split.yamlStart, split.yamlEnd);
  if (lines.length === 0) return [];
  // An error at the very end (an unclosed quote runs to it) belongs to the last line.
  const found = lines.findIndex((line) => issue.span.start < line.next);
  const errorLine = found === -1 ? lines.length - 1 : found;
  // Each candidate costs a parse of the whole front-matter: a handful are checked, nearest first, so that a
  // file full of broken lines cannot stall the editor.
  const budget = split.yamlEnd - split.yamlStart > 32_768 ? 2 : 8;
  let checked = 0;
  const seen = new Set<string>();
  let preferredTaken = false;
  const fixes: Fix[] = [];
  const offer = (candidate: Fix, removesRepeat = false): boolean => {
    const key = JSON.stringify(candidate.edits);
    if (seen.has(key) || checked >= budget) return false;
    seen.add(key);
    checked++;
    if (!clearsYamlError(text, candidate.edits, removesRepeat)) return false;
    // One obvious fix at most: the first that works, in the order below.
    fixes.push({ ...candidate, preferred: candidate.preferred && !preferredTaken });
    preferredTaken ||= candidate.preferred;
    return true;
  };

  for (const repeat of duplicateKeyFixes(issue, text, split.yamlStart, split.yamlEnd)) offer(repeat, true);

  const tabbed = lines.filter((line) => /^[ \t]*\t/.test(line.text));
  if (tabbed.length > 0) {
    // One tab becomes one indentation step, as wide as the space-indented lines' narrowest step.
    const widths = lines
      .map((line) => /^ +(?=\S)/.exec(line.text)?.[0].length ?? 0)
      .filter((width) => width > 0);
    const unit = widths.length > 0 ? Math.min(...widths) : 2;
    for (const width of new Set([unit, 2, 4])) {
      const edits = tabbed.map((line) => {
        const lead = /^[ \t]*/.exec(line.text)![0];
        return {
          start: line.start,
          end: line.start + lead.length,
          newText: lead.replace(/\t/g, ' '.repeat(width)),
        };
      });
      if (offer({ title: 'Replace tabs with spaces', edits, preferred: true })) break;
    }
  }

  // The error is reported on the culprit line, a few lines later (an unclosed bracket), on the line before a
  // stray indent, or at the start when the parser has no position: lines are tried nearest first (the 500
  // nearest). Only a fix after which the whole front-matter parses is kept, so a far one cannot be a wrong
  // guess.
  const near = lines
    .map((_, index) => index)
    .sort((a, b) => Math.abs(a - errorLine) - Math.abs(b - errorLine) || a - b);
  for (const index of near.slice(0, 500)) {
    if (checked >= budget) break;
    for (const candidate of lineFixes(lines, index, context)) offer(candidate);
  }
  return fixes;
}

/** Fixes for one line of the front-matter, each still to be checked against the parser. */
function lineFixes(lines: readonly Line[], index: number, context: FixContext): Fix[] {
  const line = lines[index];
  const fixes: Fix[] = [];
  const pair = keyValueLine.exec(line.text);
  if (pair && breaksAlone(pair[3])) {
    const value = pair[3];
    const valueStart = line.start + pair[1].length + pair[2].length;
    const key = unquoted(pair[2].replace(/[ \t]*:[ \t]+$/, ''));
    const expected = expectedAt([key], context.config);
    const wantsCollection = expected === 'list' || expected === 'evidence' || expected === 'object';
    // A trailing comment stays a comment when the fix goes before it.
    const comment = /[ \t]+#/.exec(value);
    const valueEnd = valueStart + (comment ? comment.index : value.length);
    const quote = /^['"]/.exec(value)?.[0];
    const openers = (value.match(/[[{]/g) ?? []).length - (value.match(/[\]}]/g) ?? []).length;
    if (/^[[{]/.test(value) && openers > 0 && (wantsCollection || expected === undefined)) {
      const closer = value.startsWith('[') ? ']' : '}';
      // A flow list may go on over more-indented lines: the bracket closes after the last of them.
      const indent = /^[ \t]*/.exec(line.text)![0].length;
      let last = index;
      while (
        last + 1 < lines.length &&
        /^[ \t]*/.exec(lines[last + 1].text)![0].length > indent &&
        lines[last + 1].text.trim() !== '' &&
        !/[ \t]#/.test(lines[last + 1].text)
      )
        last++;
      const at = last === index ? valueEnd : lines[last].start + lines[last].text.trimEnd().length;
      fixes.push({
        title: `Add the missing '${closer}'`,
        edits: [{ start: at, end: at, newText: closer.repeat(openers) }],
        preferred: true,
      });
    } else if (
      // Quoted all through (`'It's'`), or opened and never closed (`"abc`); else quoting it whole is the fix.
      quote &&
      new RegExp(`^${quote}.*${quote}(\\s+#.*)?$|^${quote}[^${quote}]*$`).test(value)
    ) {
      const inner = new RegExp(`^${quote}(.*)${quote}(\\s+#.*)?$`).exec(value);
      if (inner) {
        // Quotes inside a quoted value: escaped in its own style (`''` in single quotes, `\"` in double).
        const escaped = quote === "'" ? inner[1].replace(/''|'/g, "''") : escapeDoubleQuotes(inner[1]);
        fixes.push({
          title: 'Escape the quotes inside the value',
          edits: [{ start: valueStart + 1, end: valueStart + 1 + inner[1].length, newText: escaped }],
          preferred: true,
        });
      } else {
        fixes.push({
          title: `Add the closing ${quote}`,
          edits: [{ start: valueEnd, end: valueEnd, newText: quote }],
          preferred: true,
        });
      }
    } else if (!(wantsCollection && /^[[{]/.test(value))) {
      const whole = valueStart + value.length;
      fixes.push({
        title: 'Quote the value',
        edits: [{ start: valueStart, end: whole, newText: formatScalar(value, Scalar.QUOTE_DOUBLE) }],
        preferred: true,
      });
    }
  }

  // `title Foo`: a known field name, a space and a value, with no colon anywhere.
  const missingColon = /^([ \t]*)([A-Za-z_][\w-]*)[ \t]+\S/.exec(line.text);
  if (missingColon && !/:(?:[ \t]|$)/.test(line.text) && knownKeys(context).has(missingColon[2])) {
    const at = line.start + missingColon[1].length + missingColon[2].length;
    fixes.push({
      title: `Add ':' after '${missingColon[2]}'`,
      edits: [{ start: at, end: at, newText: ':' }],
      preferred: true,
    });
  }

  // A key indented under a line whose value is a plain scalar: it cannot be nested there.
  const indented = /^( +)([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/.exec(line.text);
  const previous = lines
    .slice(0, index)
    .reverse()
    .find((candidate) => candidate.text.trim() !== '' && !candidate.text.trimStart().startsWith('#'));
  const parent = previous ? keyValueLine.exec(previous.text) : null;
  if (
    indented &&
    parent &&
    !parent[1].includes('-') &&
    parent[1].length < indented[1].length &&
    !/^[|>&!*[{]/.test(parent[3])
  ) {
    const parentKey = unquoted(parent[2].replace(/[ \t]*:[ \t]+$/, ''));
    fixes.push({
      title: `Align '${indented[2]}' with '${parentKey}'`,
      edits: [{ start: line.start, end: line.start + indented[1].length, newText: parent[1] }],
      // Obvious only when it lands a known field at the top level; otherwise it may have been meant nested.
      preferred: parent[1] === '' && featureFieldByName.has(indented[2]),
    });
  }
  return fixes;
}

/** `"` not already escaped becomes `\"`. */
function escapeDoubleQuotes(inner: string): string {
  let result = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length) {
      result += inner.slice(i, i + 2);
      i++;
    } else result += inner[i] === '"' ? '\\"' : inner[i];
  }
  return result;
}

/** A repeated key: remove the second (preferred when both say the same) or the first. */
function duplicateKeyFixes(issue: Issue, text: string, yamlStart: number, yamlEnd: number): Fix[] {
  const yamlText = text.slice(yamlStart, yamlEnd);
  if (excessiveNesting(yamlText) !== undefined) return [];
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) return [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) pending.push(...node.items);
    if (!isMap(node)) continue;
    const seen = new Map<string, Pair>();
    for (const pair of node.items as Pair[]) {
      pending.push(pair.value);
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, pair);
        continue;
      }
      if (yamlStart + pair.key.range[0] !== issue.span.start || node.flow) continue;
      const second = pairLines(text, yamlStart, pair);
      const original = pairLines(text, yamlStart, first);
      const valueText = (item: Pair) => {
        const range = (item.value as YamlNode | null)?.range;
        return range ? yamlText.slice(range[0], range[1]) : '';
      };
      const fixes: Fix[] = [];
      if (second)
        fixes.push({
          title: `Remove the second '${key}'`,
          edits: [second],
          preferred: valueText(first) === valueText(pair),
        });
      if (original) fixes.push({ title: `Remove the first '${key}'`, edits: [original], preferred: false });
      return fixes;
    }
  }
  return [];
}

/** Removes a block mapping entry's whole lines, when it starts its line. */
function pairLines(text: string, yamlStart: number, pair: Pair): TextEdit | undefined {
  const key = pair.key as YamlNode;
  const keyStart = yamlStart + key.range![0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '') return undefined;
  const value = pair.value as YamlNode | null;
  let end = yamlStart + (value?.range ? value.range[1] : key.range![1]);
  while (end > keyStart && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const newline = text.indexOf('\n', end);
  return { start: lineStart, end: newline === -1 ? text.length : newline + 1, newText: '' };
}

/** A list of one-field items (`- id: F-1`) or fields without colons (`title Foo`) becomes fields. */
function notMappingFixes(text: string, context: FixContext): Fix[] {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') return [];
  const content = linesOf(text, split.yamlStart, split.yamlEnd).filter(
    (line) => line.text.trim() !== '' && !line.text.startsWith('#'),
  );
  if (content.length === 0) return [];
  const isMapping = (edits: TextEdit[]) => {
    const after = applyEdits(text, edits);
    const parsed = parseYamlFast(after.slice(split.yamlStart, split.yamlEnd + (after.length - text.length)));
    return (
      parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
    );
  };
  const fixes: Fix[] = [];
  if (content.every((line) => /^-[ \t]+[^\s#-][^:]*?:(?:[ \t]|$)/.test(line.text))) {
    const edits = content.map((line) => ({
      start: line.start,
      end: line.start + /^-[ \t]+/.exec(line.text)![0].length,
      newText: '',
    }));
    if (isMapping(edits)) fixes.push({ title: 'Convert to fields', edits, preferred: true });
  }
  const keys = knownKeys(context);
  const colonless = content.map((line) => /^([A-Za-z_][\w-]*)[ \t]+\S/.exec(line.text));
  if (
    colonless.every(
      (match, index) => match && keys.has(match[1]) && !/:(?:[ \t]|$)/.test(content[index].text),
    )
  ) {
    const edits = colonless.map((match, index) => {
      const at = content[index].start + match![1].length;
      return { start: at, end: at, newText: ':' };
    });
    if (isMapping(edits))
      fixes.push({ title: "Add the missing ':' after each field name", edits, preferred: true });
  }
  return fixes;
}
