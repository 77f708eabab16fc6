// Front-matter that does not parse: the unclosed block, YAML syntax errors line by line, repeated keys, a list
// or a single value instead of fields. Every repair is offered only when the parser accepts its result, so a
// fix is never a guess that leaves the error where it was.
import { isMap, isScalar, isSeq, type Pair, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import { applyEdits, formatScalar } from '../../edits';
import { splitFrontmatter } from '../../fences';
import { excessiveNesting, parseYamlFast } from '../../frontmatter';
import { duplicateKeyMessage } from '../../keyPathLocator';
import { featureFieldByName } from '../../schema';
import type { Issue, TextEdit } from '../../types';
import { type Fix, type FixContext, knownKeys, unquoted } from './fixKit';
import { expectedAt } from './typeFixes';

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
export function closingFenceFixes(issue: Issue, text: string, context: FixContext): Fix[] {
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
export function yamlSyntaxFixes(issue: Issue, text: string, context: FixContext): Fix[] {
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
export function notMappingFixes(text: string, context: FixContext): Fix[] {
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
