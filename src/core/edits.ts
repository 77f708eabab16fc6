// Lossless front-matter edits. The YAML is parsed with `yaml` only to find where things are; the edit itself
// is a minimal text replacement, so comments, key order, quoting, unknown keys, line endings and the body
// stay byte for byte as they were.
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { canonicalField } from './config';
import { featureFields } from './schema';
import { excessiveNesting, findDuplicateKey } from './frontmatter';
import { duplicateKeyMessage } from './keyPathLocator';
import { splitMetadata } from './fences';
import type { TextEdit } from './types';

export type FieldValue = string | number | boolean | readonly string[];

export type EditResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

/** A field (`['status']`) or sub-field (`['rice', 'impact']`) of the front-matter. */
export type FieldPath = readonly [string] | readonly [string, string];

/** One field to set, or (value undefined) to remove. */
export interface FieldChange {
  path: FieldPath;
  value: FieldValue | undefined;
}

interface Context {
  text: string;
  yamlStart: number;
  yamlEnd: number;
  eol: string;
  root: YAMLMap | null;
}

/** Which file the text is (a YAML metadata file is edited whole); without it, the text is Markdown. */
export interface EditTarget {
  file?: string;
}

function open(text: string, target: EditTarget = {}): Context | string {
  const split = splitMetadata(text, target.file);
  if (split.kind === 'none') return 'the file has no front-matter';
  if (split.kind === 'unclosed') return 'the front-matter is not closed';
  const yamlText = text.slice(split.yamlStart, split.yamlEnd);
  if (excessiveNesting(yamlText) !== undefined) return 'the front-matter is nested too deeply to edit';
  const document = parseDocument(yamlText, {
    prettyErrors: false,
    keepSourceTokens: true,
    uniqueKeys: false,
  });
  if (document.errors.length > 0)
    return `the front-matter has a YAML error (${document.errors[0].message.split('\n')[0]}); fix it first`;
  if (findDuplicateKey(document.contents))
    return `the front-matter has a YAML error (${duplicateKeyMessage}); fix it first`;
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) return 'the front-matter is not a set of fields';
  return {
    text,
    yamlStart: split.yamlStart,
    yamlEnd: split.yamlEnd,
    eol: split.eol,
    root: (contents as YAMLMap | null) ?? null,
  };
}

const plainSafe = /^[A-Za-z0-9_./+][\w .:/@+%-]*$/;
const yamlWords = /^(?:true|false|null|yes|no|on|off|~|y|n)$/i;
/** Text a YAML reader would take for a number (core schema, and js-yaml's signed hex, octal and binary too). */
const yamlNumber =
  /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F]+|[-+]?0o[0-7]+|[-+]?0b[01]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Characters YAML readers refuse raw (or read as a line break: U+0085) and JSON leaves unescaped. */
const unprintable = /[\u007f-\u009f\ufffe\uffff]/g;
/** Characters single quotes cannot carry: they escape nothing, and a line break in them folds into a space. */
const needsEscape = /[\p{Cc}\ufffe\uffff]/u;

/** A double-quoted YAML scalar: JSON's escapes are YAML's, plus the characters JSON leaves raw. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    unprintable,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** YAML text for a scalar, keeping the quote style of the value it replaces. */
export function formatScalar(value: string | number | boolean, style?: Scalar.Type): string {
  if (typeof value !== 'string') return String(value);
  if (style === Scalar.QUOTE_SINGLE && !needsEscape.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === Scalar.QUOTE_DOUBLE) return doubleQuoted(value);
  const needsQuotes =
    !plainSafe.test(value) || yamlWords.test(value) || yamlNumber.test(value) || /:\s|:$|\s#|\s$/.test(value);
  return needsQuotes ? doubleQuoted(value) : value;
}

function formatFlowList(values: readonly string[]): string {
  return `[${values.map((value) => formatScalar(value)).join(', ')}]`;
}

const abs = (context: Context, offset: number) => context.yamlStart + offset;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function findPair(map: YAMLMap, key: string, aliases: Record<string, string>): Pair | undefined {
  return (map.items as Pair[]).find((pair) => {
    if (!isScalar(pair.key)) return false;
    const written = String(pair.key.value);
    return canonicalField(aliases, written) === key || written === key;
  });
}

function indentOf(context: Context, node: YamlNode): string {
  const start = abs(context, node.range![0]);
  const lineStart = lineStartOf(context.text, start);
  return context.text
    .slice(lineStart, start)
    .replace(/[^ \t]/g, ' ')
    .replace(/-/g, ' ');
}

/** The value text for a pair's value, formatted for the position it will occupy. */
function formatValue(context: Context, value: FieldValue, existing: YamlNode | null): string {
  if (Array.isArray(value)) {
    // A block list stays a block list, with the indentation its items had.
    if (existing && isSeq(existing) && !existing.flow && existing.items.length > 0 && value.length > 0) {
      const itemIndent = indentOf(context, existing);
      return value
        .map((item, index) => `${index === 0 ? '' : itemIndent}- ${formatScalar(item)}`)
        .join(context.eol);
    }
    return formatFlowList(value as readonly string[]);
  }
  const style = existing && isScalar(existing) ? existing.type : undefined;
  return formatScalar(value as string | number | boolean, style);
}

/**
 * Sets one field (`['status']`) or one sub-field (`['rice', 'impact']`). The value's bytes are replaced in
 * place when the field exists; a missing field is inserted on its own line, after the field that precedes
 * it in the schema's order.
 */
export function setField(
  text: string,
  path: FieldPath,
  value: FieldValue,
  aliases: Record<string, string> = {},
  target: EditTarget = {},
): EditResult {
  const context = open(text, target);
  if (typeof context === 'string') return { ok: false, reason: context };
  const [field, child] = path;
  const pair = context.root ? findPair(context.root, field, aliases) : undefined;

  if (child === undefined) {
    if (pair) return { ok: true, edits: [replacePairValue(context, pair, value)] };
    return { ok: true, edits: [insertTopLevel(context, field, value)] };
  }

  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    const block = `${field}:${context.eol}  ${child}: ${formatValue(context, value, null)}`;
    if (pair) return { ok: true, edits: [replaceWholePair(context, pair, block)] };
    return { ok: true, edits: [insertLines(context, field, block)] };
  }
  if (!isMap(pair.value)) return { ok: false, reason: `'${field}' is not a mapping` };
  const parent = pair.value;
  const childPair = findPair(parent, child, {});
  if (childPair) return { ok: true, edits: [replacePairValue(context, childPair, value)] };
  const entry = `${child}: ${formatValue(context, value, null)}`;
  if (parent.flow) {
    const close = abs(context, parent.range![1]) - 1; // the '}'
    const before = context.text.slice(abs(context, parent.range![0]), close).trimEnd();
    const separator = before.endsWith('{') ? ' ' : ', ';
    const insertAt = abs(context, parent.range![0]) + before.length;
    return {
      ok: true,
      edits: [
        { start: insertAt, end: insertAt, newText: `${separator}${entry}${before.endsWith('{') ? ' ' : ''}` },
      ],
    };
  }
  const lastChild = parent.items[parent.items.length - 1] as Pair;
  const indent = indentOf(context, lastChild.key as YamlNode);
  const anchor =
    lastChild.value && (lastChild.value as YamlNode).range
      ? (lastChild.value as YamlNode).range![1]
      : (lastChild.key as YamlNode).range![1];
  const at = lineEndAfter(context.text, abs(context, anchor) - 1);
  const prefix = context.text[at - 1] === '\n' ? '' : context.eol;
  return { ok: true, edits: [{ start: at, end: at, newText: `${prefix}${indent}${entry}${context.eol}` }] };
}

const trailingBlanks = /[ \t]*(?=\r?\n|$)/y;

function replacePairValue(context: Context, pair: Pair, value: FieldValue): TextEdit {
  const node = pair.value as YamlNode | null;
  if (!node || !node.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1])) {
    const keyEnd = abs(context, (pair.key as YamlNode).range![1]);
    const colon = context.text.indexOf(':', keyEnd);
    // Blanks that end the line go, or they would trail the new value; blanks before a comment stay.
    trailingBlanks.lastIndex = colon + 1;
    const blanks = trailingBlanks.exec(context.text)?.[0].length ?? 0;
    return { start: colon + 1, end: colon + 1 + blanks, newText: ` ${formatValue(context, value, null)}` };
  }
  const start = abs(context, node.range[0]);
  const end = abs(context, node.range[1]);
  let newText = formatValue(context, value, node);
  if (!Array.isArray(value) && isSeq(node) && !node.flow) {
    // A block list replaced by a scalar: the scalar goes after the key, on its line.
    const keyEnd = abs(context, (pair.key as YamlNode).range![1]);
    const colon = context.text.indexOf(':', keyEnd);
    return { start: colon + 1, end: trimTrailingBreak(context.text, end), newText: ` ${newText}` };
  }
  if (Array.isArray(value) && isSeq(node) && !node.flow && (node.items.length === 0 || value.length === 0)) {
    newText = formatFlowList(value as readonly string[]);
    const keyEnd = abs(context, (pair.key as YamlNode).range![1]);
    const colon = context.text.indexOf(':', keyEnd);
    return { start: colon + 1, end: trimTrailingBreak(context.text, end), newText: ` ${newText}` };
  }
  return { start, end: trimTrailingBreak(context.text, end), newText };
}

/** `yaml` ranges of block nodes can run past the final line break; an edit must not eat it. */
function trimTrailingBreak(text: string, end: number): number {
  let trimmed = end;
  while (trimmed > 0 && (text[trimmed - 1] === '\n' || text[trimmed - 1] === '\r')) trimmed--;
  return trimmed;
}

function replaceWholePair(context: Context, pair: Pair, block: string): TextEdit {
  const start = lineStartOf(context.text, abs(context, (pair.key as YamlNode).range![0]));
  const valueEnd =
    pair.value && (pair.value as YamlNode).range
      ? (pair.value as YamlNode).range![1]
      : (pair.key as YamlNode).range![1];
  const end = trimTrailingBreak(context.text, abs(context, valueEnd));
  return { start, end: Math.max(end, lineStartOf(context.text, end)), newText: block };
}

function insertTopLevel(context: Context, field: string, value: FieldValue): TextEdit {
  return insertLines(context, field, `${field}: ${formatValue(context, value, null)}`);
}

/** Inserts whole lines after the last present field that comes before `field` in the schema's order. */
function insertLines(context: Context, field: string, lines: string): TextEdit {
  const order = featureFields.map((spec) => spec.name);
  const position = order.indexOf(field);
  let anchor: Pair | undefined;
  if (context.root && position > 0) {
    for (const pair of context.root.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const index = order.indexOf(key);
      if (index !== -1 && index < position) anchor = pair;
    }
  }
  let at: number;
  if (anchor) {
    const valueEnd =
      anchor.value && (anchor.value as YamlNode).range
        ? (anchor.value as YamlNode).range![1]
        : (anchor.key as YamlNode).range![1];
    at = lineEndAfter(context.text, trimTrailingBreak(context.text, abs(context, valueEnd)));
  } else {
    at = context.yamlEnd;
  }
  const prefix = at > 0 && context.text[at - 1] !== '\n' ? context.eol : '';
  return { start: at, end: at, newText: `${prefix}${lines}${context.eol}` };
}

/** Removes one field (or sub-field) with its whole line(s); comments on other lines stay. */
export function removeField(
  text: string,
  path: FieldPath,
  aliases: Record<string, string> = {},
  target: EditTarget = {},
): EditResult {
  const context = open(text, target);
  if (typeof context === 'string') return { ok: false, reason: context };
  const [field, child] = path;
  let map = context.root;
  let pair = map ? findPair(map, field, aliases) : undefined;
  if (child !== undefined) {
    if (!pair || !isMap(pair.value)) return { ok: true, edits: [] };
    map = pair.value;
    pair = findPair(map, child, {});
  }
  if (!pair || !map) return { ok: true, edits: [] };
  const keyStart = abs(context, (pair.key as YamlNode).range![0]);
  const valueEnd = abs(
    context,
    pair.value && (pair.value as YamlNode).range
      ? (pair.value as YamlNode).range![1]
      : (pair.key as YamlNode).range![1],
  );
  if (map.flow) {
    const items = map.items as Pair[];
    const index = items.indexOf(pair);
    const next = items[index + 1];
    const end = next ? abs(context, (next.key as YamlNode).range![0]) : valueEnd;
    const start = next ? keyStart : index > 0 ? context.text.lastIndexOf(',', keyStart) : keyStart;
    return { ok: true, edits: [{ start, end, newText: '' }] };
  }
  const start = lineStartOf(context.text, keyStart);
  const end = lineEndAfter(context.text, trimTrailingBreak(context.text, valueEnd));
  return { ok: true, edits: [{ start, end, newText: '' }] };
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/** The one edit that turns `before` into `after`, covering only the region where they differ. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (
    start < before.length &&
    start < after.length &&
    before.charCodeAt(start) === after.charCodeAt(start)
  )
    start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

/**
 * Applies field changes in order, each computed on the text with the earlier ones applied (so that their
 * offsets stay right); stops at the first change that cannot be made, naming it.
 */
export function applyFieldChanges(
  text: string,
  changes: readonly FieldChange[],
  aliases: Record<string, string> = {},
  target: EditTarget = {},
): { ok: true; text: string } | { ok: false; reason: string; change: FieldChange } {
  let updated = text;
  for (const change of changes) {
    const result =
      change.value === undefined
        ? removeField(updated, change.path, aliases, target)
        : setField(updated, change.path, change.value, aliases, target);
    if (!result.ok) return { ok: false, reason: result.reason, change };
    updated = applyEdits(updated, result.edits);
  }
  return { ok: true, text: updated };
}
