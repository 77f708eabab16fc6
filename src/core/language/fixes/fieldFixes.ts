// Quick fixes about which fields a file has and what they are called: unknown and missing fields, enum values,
// milestone and goal names, ids.
import { isMap, isScalar, type Pair, parseDocument, type Scalar } from 'yaml';
import { nextFreeId } from '../../crossRules';
import { didYouMean } from '../../didYouMean';
import { applyEdits, type FieldValue, formatScalar, minimalEdit, removeField, setField } from '../../edits';
import { splitFrontmatter } from '../../fences';
import { featureFieldByName } from '../../schema';
import type { Issue } from '../../types';
import {
  asFieldPath,
  exampleValue,
  type Fix,
  type FixContext,
  type FixProvider,
  replacementFixes,
  replaceScalar,
  validSpan,
  type WrittenPath,
} from './fixKit';

/** invalid-enum, unknown-milestone, unknown-goal: each suggestion, the close one preferred. */
export const suggestionFixes: FixProvider = (issue, text, _context, current) => {
  if (current === undefined) return [];
  const suggestions = issue.data?.suggestions ?? [];
  const close = didYouMean(current, suggestions)[0];
  return suggestions.slice(0, 8).map((suggestion) => ({
    title: `Change to '${suggestion}'`,
    edits: [replaceScalar(text, issue.span, suggestion)],
    preferred: suggestion === close,
  }));
};

export function unknownFieldFixes(issue: Issue, text: string, context: FixContext): Fix[] {
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

export function missingFieldFixes(issue: Issue, text: string, context: FixContext): Fix[] {
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

export const duplicateIdFixes: FixProvider = (issue, text, _context, current) => {
  // Not preferred: every copy carries this diagnostic, and which one should move is the author's call.
  const replacement = issue.data?.replacement;
  if (typeof replacement !== 'string' || current === undefined) return [];
  return [
    {
      title: `Change id to '${replacement}' (the next free id)`,
      edits: [replaceScalar(text, issue.span, replacement)],
      preferred: false,
    },
  ];
};

export const invalidIdFixes: FixProvider = (issue, text, context, current) => {
  // Nothing left once the unsafe characters go (`id: '#!'`): a free id instead of an empty one.
  if (issue.data?.replacement === '' && current !== undefined) {
    const id = suggestedId(context);
    return [{ title: `Change id to '${id}'`, edits: [replaceScalar(text, issue.span, id)], preferred: true }];
  }
  return replacementFixes(issue, text, context);
};
