// Quick fixes as plain data: for one issue, the text edits of each way to fix it, which one is the obvious
// (preferred) one, and, for an unknown dependency, a stub feature file to create. Edits are either the core's
// lossless field edits (setField / removeField) or a replacement of exactly the span the issue points at, so
// the rest of the front-matter (comments, quoting, key order) stays byte for byte.
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode, type Pair } from 'yaml';
import type { RoadmapConfig } from '../config';
import { nextFreeId } from '../crossRules';
import { didYouMean } from '../didYouMean';
import { applyEdits, formatScalar, minimalEdit, removeField, setField, type FieldValue } from '../edits';
import { splitFrontmatter } from '../frontmatter';
import { featureFieldByName, type FieldSpec } from '../schema';
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
