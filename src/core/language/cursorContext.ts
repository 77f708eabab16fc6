// Where the cursor is in the front-matter while someone is typing: at a key, or at the value of which key.
//
// Text being typed is rarely valid YAML (`status:` with nothing after it, `depends_on: [F-001, `), so a YAML
// parse cannot answer this. The front-matter is found with the same `splitFrontmatter` the index uses, and
// the cursor's line is read with line and indentation heuristics only: a key is `word:`, a parent is the
// nearest line above with less indentation and an empty value, a list item starts with `- `, and a flow
// collection (`[..]`, `{..}`) is read on its own line. Anything more exotic gets no context, not a guess.
import { splitFrontmatter } from '../fences';
import type { Span } from '../types';

export interface KeyContext {
  kind: 'key';
  /** Written keys of the enclosing mappings: [] at the top level, ['rice'] inside `rice:`. */
  parent: string[];
  /** What was typed of the key so far. */
  prefix: string;
  /** The text a chosen key replaces: the whole word at the cursor. */
  span: Span;
  /** Keys already written at this level (the key being typed excluded). */
  present: string[];
  /** Whether a `:` already follows the word (editing an existing key): insert the name only. */
  followedByColon: boolean;
  /** Whether the key starts its own line at the top level, where whole blocks (a rice snippet) fit. */
  ownLine: boolean;
}

export interface ValueContext {
  kind: 'value';
  /** Written keys from the top level to the value's key: ['status'], ['rice', 'impact'], ['depends_on']. */
  path: string[];
  /** What was typed of the value (or of the list item) so far. */
  prefix: string;
  /** The text a chosen value replaces. */
  span: Span;
  /** The value is an item of a flow list `[a, b]` or of a block list `- a`. */
  list?: 'flow' | 'block';
  /** The list's other items, so that completion does not offer them again. */
  others: string[];
  /** The cursor sits right after `:`, `,` or `-`: the inserted text must start with a space. */
  needsSpace: boolean;
}

export type CursorContext = KeyContext | ValueContext;

interface Line {
  start: number;
  /** The content, without its line break. */
  text: string;
}

const keyWord = /^[\w.-]*$/;
/** `key:` or `- key:` with the rest of the line after the colon (empty for a parent). */
const keyLine = /^(\s*)(?:(-\s+))?([^\s#:[\]{},'"][^:#]*?)\s*:(?=\s|$)(.*)$/;

const indentOf = (text: string) => /^\s*/.exec(text)![0].length;
const isSkippable = (text: string) => /^\s*(#|$)/.test(text);
const stripComment = (text: string) => text.replace(/\s+#.*$/, '');
const unquote = (text: string) => text.trim().replace(/^(['"])(.*)\1$/, '$2');

/** The key a line opens with an empty value (a parent of the lines below it), if it does. */
function parentKeyOf(text: string): { key: string; column: number; dash: boolean } | undefined {
  const match = keyLine.exec(text);
  if (!match || stripComment(match[4]).trim() !== '') return undefined;
  return { key: match[3], column: match[1].length + (match[2]?.length ?? 0), dash: !!match[2] };
}

function linesOf(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let position = start;
  while (position < end || (position === end && lines.length === 0)) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    lines.push({ start: position, text: text.slice(position, lineEnd).replace(/\r$/, '') });
    if (newline === -1 || newline >= end) break;
    position = newline + 1;
    if (position === end) lines.push({ start: position, text: '' });
  }
  return lines;
}

interface Parent {
  path: string[];
  /** The line of the innermost parent key, -1 for the top level. */
  line: number;
  /** The column of the innermost parent key. */
  column: number;
}

/**
 * The chain of parent keys of a line whose content starts at `column`. A list item (`dash`) may sit at the
 * same indentation as its key (`depends_on:` then `- F-001`), so for it a parent at the same column counts.
 */
function parentsOf(lines: Line[], index: number, column: number, dash: boolean): Parent | undefined {
  if (column === 0 && !dash) return { path: [], line: -1, column: 0 };
  const path: string[] = [];
  let innermost: { line: number; column: number } | undefined;
  let limit = column;
  let sameColumnAllowed = dash;
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i].text;
    if (isSkippable(text)) continue;
    const indent = indentOf(text);
    if (indent > limit || (indent === limit && !sameColumnAllowed)) continue;
    // Sibling items of the same list, and their nested lines, sit between an item and its key.
    if (sameColumnAllowed && indent === limit && /^\s*-(\s|$)/.test(text)) continue;
    const parent = parentKeyOf(text);
    // A parent that is itself a list item (a list of mappings) is beyond what completion needs.
    if (!parent || parent.dash) return undefined;
    path.unshift(parent.key);
    innermost ??= { line: i, column: parent.column };
    if (indent === 0) return { path, line: innermost.line, column: innermost.column };
    limit = indent;
    sameColumnAllowed = false;
  }
  // Ran out of lines before reaching a top-level key: the indentation is not one we understand.
  return undefined;
}

/** Keys written at `column` in the block under `parent` (the whole top level for -1). */
function keysAt(lines: Line[], parentLine: number, column: number, skip: number): string[] {
  const keys: string[] = [];
  for (let i = parentLine + 1; i < lines.length; i++) {
    const text = lines[i].text;
    if (i === skip || isSkippable(text)) continue;
    const indent = indentOf(text);
    if (parentLine >= 0 && indent < column) break;
    if (indent !== column) continue;
    const match = keyLine.exec(text);
    if (match && !match[2]) keys.push(match[3]);
  }
  return keys;
}

/** The items of a block list: `- x` lines at the item column under the list's key. */
function blockItems(lines: Line[], parentLine: number, itemColumn: number, skip: number): string[] {
  const items: string[] = [];
  for (let i = parentLine + 1; i < lines.length; i++) {
    const text = lines[i].text;
    if (isSkippable(text)) continue;
    const indent = indentOf(text);
    const item = /^\s*-\s+(.*)$/.exec(text);
    if (indent === itemColumn && item) {
      if (i !== skip) items.push(unquote(stripComment(item[1])));
      continue;
    }
    if (indent <= itemColumn) break;
  }
  return items;
}

/** Extends a token from the cursor to the next delimiter, without trailing spaces. */
function tokenEnd(line: string, from: number, delimiters: RegExp): number {
  let end = from;
  while (end < line.length && !delimiters.test(line[end])) end++;
  while (end > from && /\s/.test(line[end - 1])) end--;
  return end;
}

/** The end of a plain scalar value on its line: before a trailing comment and trailing spaces. */
function scalarEnd(line: string, from: number): number {
  const comment = line.slice(from).search(/\s#/);
  let end = comment === -1 ? line.length : from + comment;
  while (end > from && /\s/.test(line[end - 1])) end--;
  return end;
}

/** Top-level split of a flow collection's inner text on commas. */
function flowEntries(inner: string): { text: string; start: number }[] {
  const entries: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    if (i === inner.length || inner[i] === ',') {
      entries.push({ text: inner.slice(start, i), start });
      start = i + 1;
    }
  }
  return entries;
}

/** The cursor's context in the front-matter, or undefined outside it or where no guess is safe. */
export function frontmatterContext(text: string, offset: number): CursorContext | undefined {
  const split = splitFrontmatter(text);
  let yamlStart: number;
  let yamlEnd: number;
  if (split.kind === 'closed') {
    yamlStart = split.yamlStart;
    yamlEnd = split.yamlEnd;
  } else if (split.kind === 'unclosed') {
    // A new file whose closing fence is not written yet: everything after the fence is front-matter so far.
    const lineBreak = text.indexOf('\n', split.fence.end);
    if (lineBreak === -1) return undefined;
    yamlStart = lineBreak + 1;
    yamlEnd = text.length;
  } else {
    return undefined;
  }
  if (
    offset < yamlStart ||
    offset > yamlEnd ||
    (offset === yamlEnd && split.kind === 'closed' && yamlEnd > yamlStart && text[offset - 1] === '\n')
  ) {
    return undefined;
  }
  const lines = linesOf(text, yamlStart, yamlEnd);
  let index = lines.length - 1;
  while (index > 0 && lines[index].start > offset) index--;
  const line = lines[index];
  const column = offset - line.start;
  if (column > line.text.length) return undefined;
  const before = line.text.slice(0, column);
  if (/(^|\s)#/.test(before)) return undefined;

  const keyed = keyLine.exec(before);
  if (keyed) {
    const [, indent, dash = '', key] = keyed;
    const keyColumn = indent.length + dash.length;
    const parents = parentsOf(lines, index, keyColumn, false);
    if (!parents || dash) return undefined;
    const path = [...parents.path, key];
    const valueColumn = before.length - keyed[4].length;
    return valueContext(line, column, valueColumn, path);
  }

  const dashOnly = /^(\s*)-$/.exec(before);
  const item = /^(\s*)-(\s+)(.*)$/.exec(before);
  if (dashOnly || item) {
    const indent = (dashOnly ?? item)![1].length;
    const parents = parentsOf(lines, index, indent, true);
    if (!parents || parents.path.length === 0) return undefined;
    const prefix = item ? item[3] : '';
    const start = offset - prefix.length;
    return {
      kind: 'value',
      path: parents.path,
      prefix,
      span: { start, end: line.start + Math.max(column, scalarEnd(line.text, column - prefix.length)) },
      list: 'block',
      others: blockItems(lines, parents.line, indent, index),
      needsSpace: !!dashOnly,
    };
  }

  const word = /^(\s*)([\w.-]*)$/.exec(before);
  if (!word) return undefined;
  const indent = word[1].length;
  const parents = parentsOf(lines, index, indent, false);
  if (!parents) return undefined;
  const end = column + (/^[\w.-]*/.exec(line.text.slice(column))?.[0].length ?? 0);
  return {
    kind: 'key',
    parent: parents.path,
    prefix: word[2],
    span: { start: line.start + indent, end: line.start + end },
    present: keysAt(lines, parents.line, indent, index),
    followedByColon: /^\s*:/.test(line.text.slice(end)),
    ownLine: indent === 0,
  };
}

/** The context right of `key:` on the cursor's line: a scalar, a flow list item, or a flow mapping entry. */
function valueContext(
  line: Line,
  column: number,
  valueColumn: number,
  path: string[],
): CursorContext | undefined {
  const valueBefore = line.text.slice(valueColumn, column);
  const opener = valueBefore.trimStart()[0];
  if (opener === '[' || opener === '{') {
    const open = valueColumn + valueBefore.indexOf(opener);
    const closer = opener === '[' ? ']' : '}';
    const closeAt = line.text.indexOf(closer, open);
    if (closeAt !== -1 && closeAt < column) return undefined;
    // Nested collections on one line are rare in front-matter; give no context rather than a wrong one.
    if (/[[\]{}]/.test(line.text.slice(open + 1, column))) return undefined;
    const innerEnd = closeAt === -1 ? scalarEnd(line.text, open + 1) : closeAt;
    const inner = line.text.slice(open + 1, innerEnd);
    const entries = flowEntries(inner);
    const cursorInInner = column - (open + 1);
    const current = entries.findIndex(
      (entry) => cursorInInner >= entry.start && cursorInInner <= entry.start + entry.text.length,
    );
    if (current === -1) return undefined;
    const entry = entries[current];
    const entryStart = open + 1 + entry.start;
    const typed = line.text.slice(entryStart, column);
    if (opener === '[') {
      const leading = /^\s*/.exec(typed)![0].length;
      const start = entryStart + leading;
      return {
        kind: 'value',
        path,
        prefix: typed.slice(leading),
        span: {
          start: line.start + start,
          end: line.start + Math.max(column, tokenEnd(line.text, column, /[,\]]/)),
        },
        list: 'flow',
        others: entries
          .filter((_, i) => i !== current)
          .map((other) => unquote(other.text))
          .filter((other) => other !== ''),
        needsSpace: start === column && line.text[column - 1] === ',',
      };
    }
    const colon = typed.search(/:(\s|$)/);
    if (colon === -1) {
      const leading = /^\s*/.exec(typed)![0].length;
      const prefix = typed.slice(leading);
      if (!keyWord.test(prefix)) return undefined;
      const end = column + (/^[\w.-]*/.exec(line.text.slice(column))?.[0].length ?? 0);
      return {
        kind: 'key',
        parent: path,
        prefix,
        span: { start: line.start + entryStart + leading, end: line.start + end },
        present: entries
          .filter((_, i) => i !== current)
          .map((other) => /^\s*([^\s:]+)\s*:/.exec(other.text)?.[1])
          .filter((key): key is string => key !== undefined),
        followedByColon: /^\s*:/.test(line.text.slice(end)),
        ownLine: false,
      };
    }
    const innerKey = typed.slice(0, colon).trim();
    const afterColon = typed.slice(colon + 1);
    const leading = /^\s*/.exec(afterColon)![0].length;
    const start = entryStart + colon + 1 + leading;
    return {
      kind: 'value',
      path: [...path, innerKey],
      prefix: afterColon.slice(leading),
      span: {
        start: line.start + start,
        end: line.start + Math.max(column, tokenEnd(line.text, column, /[,}]/)),
      },
      others: [],
      needsSpace: start === column && line.text[column - 1] === ':',
    };
  }
  const leading = /^\s*/.exec(valueBefore)![0].length;
  const start = valueColumn + leading;
  return {
    kind: 'value',
    path,
    prefix: valueBefore.slice(leading),
    span: { start: line.start + start, end: line.start + Math.max(column, scalarEnd(line.text, start)) },
    others: [],
    needsSpace: valueBefore === '',
  };
}
