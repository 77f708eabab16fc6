// The front-matter that people write, read in one pass for both its values and the source span of every key
// and value: `key: value` lines (ending in LF or CRLF), mappings and lists nested by indentation, one-line flow
// lists and mappings (nested too, of quoted and plain scalars), one-line quoted and plain scalars. For that
// subset it gives exactly the values js-yaml gives (YAML 1.2 core schema) and exactly the spans `yaml` gives; it
// declines everything else (anchors, tags, block scalars, multi-line scalars, escapes, tabs, lone CRs, complex
// or repeated keys, numbers it does not spell out), and the caller falls back to js-yaml for the values and to
// `yaml` for the spans. Placing a file's diagnostics this way costs about a hundredth of a `yaml` document
// parse, and the values come for free.
//
// The commonest syntax errors of hand-written front-matter it reports itself, with `yaml`'s message and place:
// a quote or a flow collection left open, a repeated key, a tab for indentation, a value with `: ` in it (or a
// key indented under a value), a key without its colon, a bracket too many, a nested key indented less than its
// siblings. Otherwise js-yaml and then `yaml` had to be run only to say so: about 0.3 ms a file. Each verdict
// is `yaml`'s first error because the reader has read everything before it; it reads on to the end and
// declines when anything later is outside its subset, or stops where nothing later can come first in
// `yaml`'s errors. test/unit/keyPathLocator.test.ts holds every verdict to `yaml`'s on generated text.
import type { Span } from './types';

/**
 * A node of the subset: a mapping, a list or a scalar (null included), with its value and source span. Nodes
 * are plain and few (one per key and value), since every front-matter of a workspace is read this way.
 */
interface KeyPathNode {
  start: number;
  end: number;
  value: unknown;
  /** A mapping's entries, in order (keys are unique: a repeated key is outside the subset). */
  pairs?: KeyPathPair[];
  /** A list's items. */
  items?: KeyPathNode[];
}

interface KeyPathPair {
  key: string;
  keyStart: number;
  node: KeyPathNode;
}

/** Thrown on anything outside the subset; caught by `readKeyPaths`, never escapes. */
class OutsideSubset extends Error {}
const outside = new OutsideSubset();

/** Thrown once the reader has recorded an error that `yaml` reports before anything after it. */
class ErrorFound extends Error {}
const errorFound = new ErrorFound();

/**
 * Thrown for a quoted scalar that no later character closes, in text the reader accepted up to its opening
 * quote. Whatever follows is inside the scalar, so `yaml` reports this error first, at the end of the text.
 */
class UnclosedQuote extends Error {
  constructor(readonly quote: number) {
    super();
  }
}

/**
 * Where the plain key starting at `at` ends (its colon), or -1: a letter or `_`, then letters, digits and
 * `_./-`, then `:` and a space or the end of the line. Both parsers read such a key back as that same string.
 */
function keyEnd(text: string, at: number): number {
  let code = text.charCodeAt(at);
  if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95)) return -1;
  let index = at + 1;
  for (; index < text.length; index++) {
    code = text.charCodeAt(index);
    const isKeyCharacter =
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      (code >= 45 && code <= 57) /* - . / digits */ ||
      code === 95;
    if (!isKeyCharacter) break;
  }
  return code === 58 /* : */ && endsKey(text, index) ? index : -1;
}

/** Whether the `:` at `colon` ends a plain key: a space, a line break or the end of the text follows it. */
function endsKey(text: string, colon: number): boolean {
  const after = text.charCodeAt(colon + 1);
  // 13: a CRLF line break (the reader declines a lone `\r`).
  return after === 32 || after === 10 || after === 13 || colon + 1 === text.length;
}

/**
 * Keys read before, by their first character. The front-matters of a workspace share their keys, and a key
 * found here is neither scanned nor sliced nor hashed again: those were a fifth of reading a front-matter.
 * Bounded, so that ever-new keys cost a few comparisons, not memory.
 */
const knownKeys: string[][] = [];
const maxKnownKeysPerCharacter = 16;

/** Whether `text` holds `key` at `at`, its first character already compared (`startsWith` costs more). */
function continuesAt(text: string, at: number, key: string): boolean {
  for (let index = 1; index < key.length; index++)
    if (text.charCodeAt(at + index) !== key.charCodeAt(index)) return false;
  return true;
}

/**
 * The plain key starting at `at` (see `keyEnd`), which ends at `at + key.length`, or undefined when none does
 * or it is one that YAML does not read as a string.
 */
function plainKeyAt(text: string, at: number): string | undefined {
  const first = text.charCodeAt(at);
  const known = knownKeys[first];
  if (known) {
    for (const key of known) {
      // Key characters never include `:`: a known key followed by one is the only key that can start here.
      if (text.charCodeAt(at + key.length) === 58 && continuesAt(text, at, key))
        return endsKey(text, at + key.length) ? key : undefined;
    }
  }
  const colon = keyEnd(text, at);
  if (colon < 0) return undefined;
  const key = text.slice(at, colon);
  if (nonStringKeys.has(key)) return undefined;
  const bucket = (knownKeys[first] ??= []);
  if (bucket.length >= maxKnownKeysPerCharacter) return key;
  // The interned copy: a property name, and no slice holding a file's whole text alive.
  const interned = Object.keys({ [key]: true })[0];
  bucket.push(interned);
  return interned;
}
const nonStringKeys = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  '__proto__',
]);
/** Characters js-yaml refuses anywhere in a document: such text goes to js-yaml for its error. */
const nonPrintable =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** The rest of a text when it holds nothing but blank lines. */
const blankLines = /^[ \r\n]*$/;
/** A line break of old Mac files: both parsers break lines there, which the reader's line table does not. */
const loneCarriageReturn = /\r(?!\n)/;
/**
 * One scan for what is rare (tabs, carriage returns, other control characters, surrogates): text without it
 * skips the checks above. Surrogate pairs and NEL are allowed, so a match only means "check precisely".
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const mayNeedFallback = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** A plain scalar that may start with these is an anchor, alias, tag, block scalar or the like. */
const indicatorStart = /^[&*!|>%@`?:,[\]{}#'"]|^-(?:\s|$)/;
/** The single characters of `indicatorStart`, by character code: most values are told apart by a lookup. */
const indicatorCharacters = new Uint8Array(128);
for (const character of '&*!|>%@`?:,[]{}#\'"') indicatorCharacters[character.charCodeAt(0)] = 1;

/** Whether plain text would be read as a mapping key: a `: ` inside it, or a `:` at its end. */
function makesMappingKey(text: string): boolean {
  return text.includes(': ') || text.endsWith(':');
}

/** Whether a plain scalar's text starts with an indicator (`indicatorStart`), without matching it. */
function startsWithIndicator(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 45 /* - */ ? indicatorStart.test(text) : indicatorCharacters[first] === 1;
}

/**
 * `^-?(?:0|[1-9]\d{0,14})$`, the commonest number, read without a regular expression or `Number()` (exactly: 15
 * digits stay below 2^53), or undefined. `-0` is not one here: js-yaml reads it (as -0).
 */
function wholeNumberValue(text: string): number | undefined {
  const negative = text.startsWith('-');
  const digits = negative ? 1 : 0;
  const length = text.length - digits;
  if (length < 1 || length > 15) return undefined;
  if (text.charCodeAt(digits) === 48 /* 0 */) return length === 1 && !negative ? 0 : undefined;
  let value = 0;
  for (let index = digits; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return undefined;
    value = value * 10 + (code - 48);
  }
  return negative ? -value : value;
}

const decimalNumber = /^-?(?:0|[1-9]\d{0,10})\.\d{1,10}$/;
/** js-yaml's float pattern and radix prefixes: numbers spelt another way are left to js-yaml. */
const otherNumber =
  /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$|^[-+]?0[box]/;

/** A plain scalar's value under the YAML 1.2 core schema, as js-yaml resolves it. */
function plainValue(text: string): unknown {
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const first = text.charCodeAt(0);
  // Letters and most punctuation cannot start a number: the common case is decided by one comparison.
  if ((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) {
    const whole = wholeNumberValue(text);
    if (whole !== undefined) return whole;
    if (decimalNumber.test(text)) return Number(text);
    if (otherNumber.test(text)) throw outside;
  }
  return text;
}

/**
 * The first occurrence of a character at or after a position, or -1. Positions asked for mostly grow, so a
 * search starts where the last one stopped and the text is scanned about once.
 */
class NextCharacter {
  private searchStart = Number.MAX_SAFE_INTEGER;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly character: string,
  ) {}

  from(position: number): number {
    // No occurrence lies between the last search's start and what it found (or the text's end).
    if (position < this.searchStart || (this.found >= 0 && position > this.found)) {
      this.searchStart = position;
      this.found = this.text.indexOf(this.character, position);
    }
    return this.found;
  }
}

class Reader {
  /** Each line's start offset. */
  private readonly lineStarts: number[] = [];
  /** Each line's indentation, or -1 for a line with no content (blank or only a comment). */
  private readonly indents: number[] = [];
  /** The line after the node read last. */
  private after = 0;
  /** How many collections enclose the one being read; deep nesting is js-yaml's to refuse. */
  private depth = 0;
  /** The first syntax error met (a flow collection left open), `yaml`'s words and place; reading goes on. */
  syntaxError: YamlSyntaxError | undefined;
  /** A mapping repeats a key: an error only once the whole text is read without another (see repeatedKey). */
  repeatsKey = false;
  /** Where comments and colons are: a plain value need not be scanned for what its line does not have. */
  private readonly hashes: NextCharacter;
  private readonly colons: NextCharacter;

  constructor(private readonly text: string) {
    this.hashes = new NextCharacter(text, '#');
    this.colons = new NextCharacter(text, ':');
    let start = 0;
    while (start < text.length) {
      const lineBreak = text.indexOf('\n', start);
      const next = lineBreak < 0 ? text.length : lineBreak + 1;
      // A CRLF line's content ends before its `\r` (a lone `\r` never reaches the reader).
      let end = lineBreak < 0 ? text.length : lineBreak;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let column = start;
      while (column < end && text.charCodeAt(column) === 32) column++;
      this.lineStarts.push(start);
      this.indents.push(column === end || text.charCodeAt(column) === 35 /* # */ ? -1 : column - start);
      start = next;
    }
  }

  read(): KeyPathNode {
    const first = this.nextContent(0);
    if (first === undefined || this.indents[first] !== 0) throw outside;
    const root = this.readMap(first, 0, this.lineStarts[first]);
    if (this.nextContent(this.after) !== undefined) throw outside;
    return root;
  }

  /** Where a line's content ends: its line break (`\n` or `\r\n`), or the end of the text. */
  private lineEnd(line: number): number {
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    if (end === this.text.length && this.text.charCodeAt(end - 1) === 10) end--;
    return end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** The start of the line after `line`: where a block collection that ends on `line` ends. */
  private afterLine(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  /**
   * One collection deeper. js-yaml refuses nesting from 100 levels (its count), the reader well before: a
   * thrown read is never resumed, so leaving a collection need not be paired with entering it on that path.
   */
  private enter(): void {
    if (++this.depth > 64) throw outside;
  }

  private nextContent(line: number): number | undefined {
    for (let index = line; index < this.indents.length; index++) if (this.indents[index] >= 0) return index;
    return undefined;
  }

  /**
   * A block mapping whose entries sit at `indent`; its first key starts at `offset` on `line` (after `- ` when
   * the mapping is a list item).
   */
  private readMap(line: number, indent: number, offset: number): KeyPathNode {
    this.enter();
    const pairs: KeyPathPair[] = [];
    const value: Record<string, unknown> = {};
    let lastLine = line;
    let current: number | undefined = line;
    let keyStart = offset;
    while (current !== undefined) {
      const key = plainKeyAt(this.text, keyStart);
      if (key === undefined) {
        const next = this.keyWithoutColon(current, indent, keyStart, pairs.length > 0);
        if (next === undefined) {
          lastLine = current;
          break;
        }
        current = next;
        keyStart = this.lineStarts[current] + indent;
        continue;
      }
      const colon = keyStart + key.length;
      if (Object.hasOwn(value, key)) this.repeatsKey = true;
      const node = this.readValue(current, colon + 1, indent);
      pairs.push({ key, keyStart, node });
      value[key] = node.value;
      lastLine = this.after - 1;
      current = this.nextContent(this.after);
      if (current === undefined || this.indents[current] < indent) break;
      if (this.indents[current] > indent) throw outside;
      if (this.text.charCodeAt(this.lineStarts[current] + indent) === 45 /* - */) break;
      keyStart = this.lineStarts[current] + indent;
    }
    this.after = lastLine + 1;
    this.depth--;
    return { start: offset, end: this.afterLine(lastLine), value, pairs };
  }

  /**
   * A line of a mapping that is no `key: value` (its colon left out), its content at `start`: `yaml` reads it as
   * a plain key that runs on to the next line's colon ("Implicit keys need to be on a single line", up to that
   * colon), or to the end of the text ("Implicit map keys need to be followed by map values", the line). Read
   * here only when it is plain text without `#` or `: `, followed at once by a `key:` line of the same mapping
   * or, after an entry of it (alone, the line is a plain value), by nothing but blank lines. Returns the line to
   * read on from, or undefined at the end of the text.
   */
  private keyWithoutColon(
    line: number,
    indent: number,
    start: number,
    afterEntry: boolean,
  ): number | undefined {
    let contentEnd = this.lineEnd(line);
    while (contentEnd > start && this.text.charCodeAt(contentEnd - 1) === 32) contentEnd--;
    const content = this.text.slice(start, contentEnd);
    if (startsWithIndicator(content) || content.includes('#') || makesMappingKey(content)) throw outside;
    const next = line + 1;
    if (next >= this.lineStarts.length || blankLines.test(this.text.slice(this.lineStarts[next]))) {
      if (!afterEntry) throw outside;
      this.syntaxError ??= {
        message: 'Implicit map keys need to be followed by map values',
        offset: start,
        length: contentEnd - start,
      };
      return undefined;
    }
    const nextKeyStart = this.lineStarts[next] + indent;
    const key = this.indents[next] === indent ? plainKeyAt(this.text, nextKeyStart) : undefined;
    if (key === undefined) throw outside;
    this.syntaxError ??= {
      message: 'Implicit keys need to be on a single line',
      offset: start,
      length: nextKeyStart + key.length - start,
    };
    return next;
  }

  /** A block list whose dashes sit at `indent`, starting on `line`. */
  private readSeq(line: number, indent: number): KeyPathNode {
    this.enter();
    const items: KeyPathNode[] = [];
    const value: unknown[] = [];
    const start = this.lineStarts[line] + indent;
    let lastLine = line;
    let current: number | undefined = line;
    while (current !== undefined) {
      const dash = this.lineStarts[current] + indent;
      if (this.text.charCodeAt(dash) !== 45 || this.text.charCodeAt(dash + 1) !== 32) throw outside;
      const content = this.skipSpaces(dash + 1);
      if (content >= this.lineEnd(current) || this.text.charCodeAt(content) === 35) throw outside;
      const column = content - this.lineStarts[current];
      const item =
        keyEnd(this.text, content) >= 0
          ? this.readMap(current, column, content)
          : this.readInline(current, content, column, indent, false);
      items.push(item);
      value.push(item.value);
      lastLine = this.after - 1;
      current = this.nextContent(this.after);
      if (current === undefined || this.indents[current] < indent) break;
      if (this.indents[current] > indent) throw outside;
      if (this.text.charCodeAt(this.lineStarts[current] + indent) !== 45) break;
    }
    this.after = lastLine + 1;
    this.depth--;
    return { start, end: this.afterLine(lastLine), value, items };
  }

  /** The value after a key's colon at `from` on `line`, in a mapping at `indent`. */
  private readValue(line: number, from: number, indent: number): KeyPathNode {
    const end = this.lineEnd(line);
    // A line's end is never a space: skipping spaces stops there.
    const position = this.skipSpaces(from);
    if (position < end && this.text.charCodeAt(position) !== 35) {
      if (position === from) throw outside;
      return this.readInline(line, position, indent, indent, true);
    }
    const child = this.nextContent(line + 1);
    if (child !== undefined && this.indents[child] >= indent) {
      const childIndent = this.indents[child];
      const childStart = this.lineStarts[child] + childIndent;
      if (this.text.charCodeAt(childStart) === 45) return this.readSeq(child, childIndent);
      if (childIndent > indent)
        return this.endOfNestedMapping(indent, childIndent, this.readMap(child, childIndent, childStart));
    }
    // An empty value: `yaml` places its null right after the colon. Spaces or a comment there: not checked.
    if (position !== from || from !== end) throw outside;
    this.after = line + 1;
    return { start: from, end: from, value: null };
  }

  /**
   * A mapping nested at `nestedIndent` in one at `indent`, just read: when the next line with content sits
   * between the two indentations, it belongs to neither, and `yaml` says so where the nested mapping ends
   * ("A block sequence may not be used as an implicit map key" for a line that starts a list). Nothing later
   * comes first in `yaml`'s errors, so reading stops there.
   */
  private endOfNestedMapping(indent: number, nestedIndent: number, nested: KeyPathNode): KeyPathNode {
    const next = this.nextContent(this.after);
    if (next === undefined || this.indents[next] <= indent || this.indents[next] >= nestedIndent)
      return nested;
    // A comment line in between may belong to the nested mapping, which moves where `yaml` says it ends.
    for (let line = this.after; line < next; line++) if (this.isCommentLine(line)) throw outside;
    const content = this.lineStarts[next] + this.indents[next];
    const after = this.text.charCodeAt(content + 1);
    const startsList =
      this.text.charCodeAt(content) === 45 /* - */ &&
      (after === 32 || after === 10 || after === 13 || content + 1 === this.text.length);
    this.syntaxError ??= {
      message: startsList
        ? 'A block sequence may not be used as an implicit map key'
        : 'All mapping items must start at the same column',
      offset: nested.end,
      length: 1,
    };
    throw errorFound;
  }

  /**
   * A value written on one line from `start`: a flow list or mapping, a quoted or a plain scalar. A deeper
   * line after it is a continuation (outside the subset), unless the value ends a list item's first mapping
   * entry, whose siblings sit at `siblingColumn`. `blockIndent`: the indentation of the block collection that
   * holds the value.
   */
  private readInline(
    line: number,
    start: number,
    siblingColumn: number,
    blockIndent: number,
    isMappingValue: boolean,
  ): KeyPathNode {
    const end = this.lineEnd(line);
    const first = this.text.charCodeAt(start);
    let node: KeyPathNode;
    if (first === 91 /* [ */ || first === 123 /* { */)
      node = this.flowCollection(first === 91, start, end, blockIndent);
    else if (first === 34 /* " */ || first === 39 /* ' */) node = this.quoted(start, end);
    else {
      const valueEnd = plainScalarEnd(this.text, start, end, this.hashes.from(start));
      const text = this.text.slice(start, valueEnd);
      if (startsWithIndicator(text)) throw outside;
      // A `: ` inside or a `:` at its end would make it a mapping key: a list item's, or a mapping on the line
      // of its key, which YAML forbids and `yaml` reports at the value first, whatever follows.
      const colon = this.colons.from(start);
      if (colon >= 0 && colon < valueEnd && makesMappingKey(text)) {
        if (!isMappingValue) throw outside;
        this.nestedMappingAt(start);
      }
      node = { start, end: valueEnd, value: plainValue(text) };
    }
    const isPlain = first !== 91 && first !== 123 && first !== 34 && first !== 39;
    // Only spaces or a comment may follow on the line.
    const rest = this.skipSpaces(node.end);
    if (rest < end && !(this.text.charCodeAt(rest) === 35 && rest > node.end)) {
      // A bracket too many after a flow collection or a quoted value: `yaml` reports it, whatever follows.
      const stray = this.text.charCodeAt(rest);
      if (isPlain || (stray !== 93 /* ] */ && stray !== 125) /* } */) throw outside;
      this.syntaxError ??= {
        message: `Unexpected flow-${stray === 93 ? 'seq' : 'map'}-end token in YAML stream: "${String.fromCharCode(stray)}"`,
        offset: rest,
        length: 1,
      };
    }
    const next = this.nextContent(line + 1);
    if (
      next !== undefined &&
      this.indents[next] > this.indents[line] &&
      this.indents[next] !== siblingColumn
    ) {
      // A plain mapping value, with no comment after it, runs on to the deeper lines.
      if (!isMappingValue || !isPlain || rest < end) throw outside;
      this.after = this.continuedIntoMapping(line, start, blockIndent) + 1;
      return node;
    }
    this.after = line + 1;
    return node;
  }

  /**
   * A plain value from `start`, in a mapping at `blockIndent`, that runs on to the deeper lines after `line`
   * (`yaml` joins them, up to a line no deeper than the mapping): when one of them has a `: ` (a key indented by
   * mistake), the value is a mapping on its key's line, which `yaml` reports at the value. Returns that line.
   * Anything else (a valid value on several lines, a comment among them) is the parsers' to read.
   */
  private continuedIntoMapping(line: number, start: number, blockIndent: number): number {
    for (let next = line + 1; next < this.lineStarts.length; next++) {
      const indent = this.indents[next];
      const lineStart = this.lineStarts[next];
      if (indent < 0) {
        // A blank line goes on; a comment ends the value.
        if (this.isCommentLine(next)) throw outside;
        continue;
      }
      if (indent <= blockIndent) break;
      const content = this.text.slice(lineStart + indent, this.lineEnd(next));
      if (content.includes('#')) break;
      if (makesMappingKey(content)) {
        this.nestedMappingAt(start);
        return next;
      }
    }
    throw outside;
  }

  /** Records `yaml`'s error for a plain mapping value that is itself a mapping (a `key: value` on its key's line). */
  private nestedMappingAt(valueStart: number): void {
    this.syntaxError ??= {
      message: 'Nested mappings are not allowed in compact mappings',
      offset: valueStart,
      length: 1,
    };
  }

  /** Whether a line holds only a comment (after spaces). */
  private isCommentLine(line: number): boolean {
    return this.text.charCodeAt(skipSpacesIn(this.text, this.lineStarts[line])) === 35;
  }

  /** A quoted scalar from its opening quote at `start`, closed before `end`: no escapes but `''`. */
  private quoted(start: number, end: number): KeyPathNode {
    const quote = this.text.charCodeAt(start);
    let position = start + 1;
    for (;;) {
      if (position >= end) throw this.declined(quote, start + 1);
      const code = this.text.charCodeAt(position);
      // Escapes are js-yaml's to decode.
      if (code === 92 /* \ */ && quote === 34) throw this.declined(quote, start + 1);
      if (code === quote) {
        if (quote === 39 && this.text.charCodeAt(position + 1) === 39) position += 2;
        else break;
      } else position++;
    }
    const inside = this.text.slice(start + 1, position);
    return { start, end: position + 1, value: quote === 39 ? inside.replaceAll("''", "'") : inside };
  }

  /**
   * A flow list or mapping opened at `start` and closed on the same line (before `end`), of plain or quoted
   * scalars and flow collections; mapping keys are plain. One still open at the end of its line is a syntax
   * error (see `unclosedFlow`).
   */
  private flowCollection(isSeq: boolean, start: number, end: number, blockIndent: number): KeyPathNode {
    this.enter();
    const close = isSeq ? 93 /* ] */ : 125; /* } */
    const items: KeyPathNode[] = [];
    const pairs: KeyPathPair[] = [];
    const list: unknown[] = [];
    const mapping: Record<string, unknown> = {};
    const node = (closedAt: number): KeyPathNode =>
      isSeq ? { start, end: closedAt, value: list, items } : { start, end: closedAt, value: mapping, pairs };
    let position = this.skipSpaces(start + 1);
    while (this.text.charCodeAt(position) !== close) {
      if (position >= end) return node(this.unclosedFlow(isSeq, start, end, blockIndent));
      if (isSeq) {
        const item = this.flowValue(position, end, close, blockIndent);
        items.push(item);
        list.push(item.value);
        position = item.end;
      } else {
        const key = plainKeyAt(this.text, position);
        if (key === undefined) throw outside;
        const colon = position + key.length;
        if (Object.hasOwn(mapping, key)) this.repeatsKey = true;
        const value = this.flowValue(this.skipSpaces(colon + 1), end, close, blockIndent);
        pairs.push({ key, keyStart: position, node: value });
        mapping[key] = value.value;
        position = value.end;
      }
      position = this.skipSpaces(position);
      const after = this.text.charCodeAt(position);
      if (after === 44 /* , */) {
        position = this.skipSpaces(position + 1);
        // A trailing comma ends the collection.
        if (this.text.charCodeAt(position) === close) break;
      } else if (position >= end) return node(this.unclosedFlow(isSeq, start, end, blockIndent));
      else if (after !== close) throw outside;
    }
    this.depth--;
    return node(position + 1);
  }

  /**
   * A flow collection opened at `start` and still open at its line's `end`. When the next line with content
   * (comments do not count, and after a flow mapping are left to the parsers) sits no deeper than the block
   * collection holding it (`blockIndent`), or there is none, `yaml` ends the collection there and reports it there; the reader records that and reads on, as `yaml`
   * does. A deeper line would continue the collection: js-yaml's to read. Returns where the collection's
   * content ends (its spaces left out).
   */
  private unclosedFlow(isSeq: boolean, start: number, end: number, blockIndent: number): number {
    const text = this.text;
    let offset = text.length;
    for (let lineStart = text.indexOf('\n', end) + 1; lineStart > 0 && lineStart < text.length;) {
      let column = lineStart;
      while (text.charCodeAt(column) === 32) column++;
      const code = text.charCodeAt(column);
      // After an open flow mapping, `yaml` may take a comment line for part of it, and says something else.
      if (code === 35 /* # */ && !isSeq) throw outside;
      if (column < text.length && code !== 10 && code !== 13 && code !== 35) {
        if (column - lineStart > blockIndent) throw outside;
        offset = column;
        break;
      }
      lineStart = text.indexOf('\n', column) + 1;
    }
    this.syntaxError ??= {
      message: isSeq
        ? 'Flow sequence in block collection must be sufficiently indented and end with a ]'
        : 'Flow map in block collection must be sufficiently indented and end with a }',
      offset,
      length: 1,
    };
    this.depth--;
    let contentEnd = end;
    while (contentEnd > start + 1 && text.charCodeAt(contentEnd - 1) === 32) contentEnd--;
    return contentEnd;
  }

  /**
   * Why a quoted scalar opened before `from` is not read here: a quote that closes anywhere in the rest of the
   * text (a multi-line scalar, or escapes) is js-yaml's to read, one that never closes is a syntax error. `\`
   * escapes the next character in double quotes, `''` is a quote inside single ones.
   */
  private declined(quote: number, from: number): Error {
    const text = this.text;
    for (let position = from; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (quote === 34 && code === 92) position++;
      else if (code === quote) {
        if (quote === 34 || text.charCodeAt(position + 1) !== 39) return outside;
        position++;
      }
    }
    return new UnclosedQuote(quote);
  }

  private skipSpaces(position: number): number {
    return skipSpacesIn(this.text, position);
  }

  /**
   * A value inside a flow collection from `start`: a flow collection, a quoted scalar, or a plain one up to the
   * next `,` or the `close` bracket (before `end`) without brackets, quotes, `#`, a backquote or `: `, which
   * would make it something else.
   */
  private flowValue(start: number, end: number, close: number, blockIndent: number): KeyPathNode {
    const first = this.text.charCodeAt(start);
    if (first === 91 || first === 123) return this.flowCollection(first === 91, start, end, blockIndent);
    if (first === 34 || first === 39) return this.quoted(start, end);
    let position = start;
    for (; position < end; position++) {
      const code = this.text.charCodeAt(position);
      if (code === 44 || code === close) break;
      switch (code) {
        case 91: // [
        case 93: // ]
        case 123: // {
        case 125: // }
        case 34: // "
        case 39: // '
        case 35: // #
        case 96: // `
          throw outside;
        case 58: // :
          if (this.text.charCodeAt(position + 1) === 32) throw outside;
      }
    }
    // Running to the line's end: the collection is left open (flowCollection says what that is).
    let valueEnd = position;
    while (valueEnd > start && this.text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    if (valueEnd === start || this.text.charCodeAt(valueEnd - 1) === 58 /* : */) throw outside;
    const text = this.text.slice(start, valueEnd);
    if (startsWithIndicator(text)) throw outside;
    return { start, end: valueEnd, value: plainValue(text) };
  }
}

/** The spans of a front-matter's keys and values (offsets into its YAML text). */
export interface KeyPathTree {
  root: KeyPathNode;
}

/** What `yaml` says of a mapping that repeats a key (see `repeatedKey`). */
export const duplicateKeyMessage = 'Map keys must be unique';

/**
 * The repeated key a text free of other errors is reported at: the one `findDuplicateKey` (frontmatter.ts) finds
 * in `yaml`'s document, in its order (a mapping's own keys first, then what it holds, the last value first).
 */
function repeatedKey(root: KeyPathNode): YamlSyntaxError {
  const pending = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.pairs) {
      const seen = new Set<string>();
      for (const pair of node.pairs) {
        if (seen.has(pair.key))
          return { message: duplicateKeyMessage, offset: pair.keyStart, length: pair.key.length };
        seen.add(pair.key);
        pending.push(pair.node);
      }
    } else if (node.items) pending.push(...node.items);
  }
  throw new Error('no repeated key');
}

/** A syntax error as `yaml` reports it: its first message line, and where (offsets into the text). */
export interface YamlSyntaxError {
  message: string;
  offset: number;
  length: number;
}

/**
 * What the reader makes of a front-matter's YAML text: its value (a mapping) and its key-path tree, the syntax
 * error `yaml` would report (a quoted value that never closes), or undefined when the text is outside the
 * subset.
 */
export type KeyPathRead =
  { value: Record<string, unknown>; tree: KeyPathTree } | { syntaxError: YamlSyntaxError } | undefined;

export function readKeyPaths(yamlText: string): KeyPathRead {
  if (mayNeedFallback.test(yamlText)) {
    if (loneCarriageReturn.test(yamlText) || nonPrintable.test(yamlText)) return undefined;
    const tab = yamlText.indexOf('\t');
    if (tab >= 0) return indentedWithTab(yamlText, tab);
  }
  const reader = new Reader(yamlText);
  try {
    const root = reader.read();
    if (reader.syntaxError) return { syntaxError: reader.syntaxError };
    if (reader.repeatsKey) return { syntaxError: repeatedKey(root) };
    return { value: root.value as Record<string, unknown>, tree: { root } };
  } catch (error) {
    if (error instanceof UnclosedQuote) {
      // An error met before this one comes first.
      const quote = String.fromCharCode(error.quote);
      return {
        syntaxError: reader.syntaxError ?? {
          message: `Missing closing ${quote}quote`,
          offset: yamlText.length,
          length: 1,
        },
      };
    }
    if (error === errorFound && reader.syntaxError) return { syntaxError: reader.syntaxError };
    // RangeError: nesting deep enough to exhaust the stack, which the other parsers bound on their own.
    if (error === outside || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Text with a tab, which the reader does not read, but for one common error: a line indented with a tab (the
 * text's first tab, at the start of a line with content), after text the reader reads with no other error
 * than a repeated key (which `yaml` reports only when there is no other). `yaml` reports it at that tab.
 */
function indentedWithTab(yamlText: string, tab: number): KeyPathRead {
  if (tab > 0 && yamlText.charCodeAt(tab - 1) !== 10) return undefined;
  let content = tab;
  while (yamlText.charCodeAt(content) === 9 || yamlText.charCodeAt(content) === 32) content++;
  const code = yamlText.charCodeAt(content);
  // A tab before a comment, or on a line of nothing else, is no error.
  if (content >= yamlText.length || code === 10 || code === 13 || code === 35) return undefined;
  const before = yamlText.slice(0, tab);
  if (before.trim() !== '') {
    const read = readKeyPaths(before);
    if (read === undefined || ('syntaxError' in read && read.syntaxError.message !== duplicateKeyMessage))
      return undefined;
  }
  return { syntaxError: { message: 'Tabs are not allowed as indentation', offset: tab, length: 1 } };
}

/**
 * The key and value spans of a top-level key whose value is a scalar on its own line, found by scanning the
 * text for the line that starts with it, without reading the rest: for text the reader accepts (only there are
 * top-level keys unique and at the start of their line), the spans `locateKeyPath` gives. Undefined when the
 * key is missing or its value is anything else (a collection, a flow, nothing): the caller reads the text.
 * Cross-file issues are placed this way (a duplicate id, its other copies): reading every front-matter again
 * to place them cost a lint of 10,000 files with 5,000 duplicate ids a second pass.
 */
export function locateTopLevelScalar(yamlText: string, key: string): { key: Span; value: Span } | undefined {
  const colon = topLevelColon(yamlText, key);
  if (colon < 0) return undefined;
  const end = lineContentEnd(yamlText, colon);
  const start = skipSpacesIn(yamlText, colon + 1);
  const first = yamlText.charCodeAt(start);
  // A value on the next lines, none, a flow collection or a comment: not a scalar on this line.
  if (start >= end || first === 91 || first === 123 || first === 35) return undefined;
  return {
    key: { start: colon - key.length, end: colon },
    value: { start, end: scalarEnd(yamlText, start, end) },
  };
}

/**
 * The span of item `index` of a top-level key's list of scalars, written as a block list (`- item` lines) or a
 * one-line flow list, found the same way (see `locateTopLevelScalar`); undefined for anything else. Unknown
 * dependencies are placed this way.
 */
export function locateTopLevelItem(yamlText: string, key: string, index: number): Span | undefined {
  const colon = topLevelColon(yamlText, key);
  if (colon < 0) return undefined;
  const end = lineContentEnd(yamlText, colon);
  let position = skipSpacesIn(yamlText, colon + 1);
  if (yamlText.charCodeAt(position) === 91 /* [ */) {
    position = skipSpacesIn(yamlText, position + 1);
    for (let item = 0; position < end; item++) {
      const first = yamlText.charCodeAt(position);
      if (first === 93 /* ] */ || first === 91 || first === 123) return undefined;
      let itemEnd: number;
      if (first === 34 || first === 39) itemEnd = scalarEnd(yamlText, position, end);
      else {
        itemEnd = position;
        while (itemEnd < end && yamlText.charCodeAt(itemEnd) !== 44 && yamlText.charCodeAt(itemEnd) !== 93)
          itemEnd++;
        while (itemEnd > position && yamlText.charCodeAt(itemEnd - 1) === 32) itemEnd--;
      }
      if (item === index) return { start: position, end: itemEnd };
      position = skipSpacesIn(yamlText, itemEnd);
      if (yamlText.charCodeAt(position) !== 44 /* , */) return undefined;
      position = skipSpacesIn(yamlText, position + 1);
    }
    return undefined;
  }
  if (position < end && yamlText.charCodeAt(position) !== 35) return undefined;
  // A block list: the `- ` lines that follow, at one indentation, before the next top-level key.
  let dash = -1;
  for (let item = 0, line = end + 1; line < yamlText.length;) {
    const content = skipSpacesIn(yamlText, line);
    const lineEnd = lineContentEnd(yamlText, content);
    const code = yamlText.charCodeAt(content);
    if (content < lineEnd && code !== 35) {
      if (code !== 45 /* - */ || yamlText.charCodeAt(content + 1) !== 32) return undefined;
      if (dash >= 0 && content - line !== dash) return undefined;
      dash = content - line;
      const start = skipSpacesIn(yamlText, content + 1);
      const first = yamlText.charCodeAt(start);
      if (start >= lineEnd || first === 91 || first === 123 || first === 35) return undefined;
      const itemEnd = scalarEnd(yamlText, start, lineEnd);
      // A `key: value` item is a mapping, not a scalar.
      if (makesMappingKey(yamlText.slice(start, itemEnd))) return undefined;
      if (item === index) return { start, end: itemEnd };
      item++;
    }
    const next = yamlText.indexOf('\n', line);
    if (next < 0) return undefined;
    line = next + 1;
  }
  return undefined;
}

/** Where the colon of a top-level key is (its line starts with the key), or -1. */
function topLevelColon(yamlText: string, key: string): number {
  for (let line = 0; line < yamlText.length;) {
    const colon = line + key.length;
    if (yamlText.startsWith(key, line) && yamlText.charCodeAt(colon) === 58) return colon;
    const next = yamlText.indexOf('\n', line);
    if (next < 0) return -1;
    line = next + 1;
  }
  return -1;
}

function skipSpacesIn(text: string, position: number): number {
  while (text.charCodeAt(position) === 32) position++;
  return position;
}

/** Where a one-line scalar from `start` ends, as the reader reads it: after its closing quote, or before a comment. */
function scalarEnd(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 34 || first === 39) {
    let position = start + 1;
    while (position < end) {
      const code = text.charCodeAt(position);
      if (code === first && !(first === 39 && text.charCodeAt(position + 1) === 39)) break;
      position += code === 39 && first === 39 ? 2 : 1;
    }
    return position + 1;
  }
  return plainScalarEnd(text, start, end);
}

/**
 * Where a plain scalar from `start` ends on its line (before `end`): before a ` #` comment, spaces trimmed.
 * `firstHash`, when known: the first `#` at or after `start`, or -1 for none.
 */
function plainScalarEnd(text: string, start: number, end: number, firstHash = start): number {
  let valueEnd = firstHash < 0 ? end : Math.min(Math.max(start, firstHash), end);
  while (valueEnd < end && !(text.charCodeAt(valueEnd) === 35 && text.charCodeAt(valueEnd - 1) === 32))
    valueEnd++;
  while (valueEnd > start && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
  return valueEnd;
}

/** Where the content of the line holding `position` ends: before its `\n` or `\r\n`, or at the text's end. */
function lineContentEnd(text: string, position: number): number {
  let end = text.indexOf('\n', position);
  if (end < 0) end = text.length;
  return end > position && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/**
 * The key and value spans of a path, as `FrontmatterLocator` finds them with `yaml`: for a path that goes
 * missing, its nearest parent's.
 */
export function locateKeyPath(
  tree: KeyPathTree,
  path: readonly (string | number)[],
): { key?: Span; value?: Span } {
  let node = tree.root;
  let located: { key?: Span; value?: Span } = {};
  for (const segment of path) {
    if (node.pairs) {
      const name = String(segment);
      const pair = node.pairs.find((candidate) => candidate.key === name);
      if (!pair) return located;
      located = {
        key: { start: pair.keyStart, end: pair.keyStart + pair.key.length },
        value: { start: pair.node.start, end: pair.node.end },
      };
      node = pair.node;
    } else if (node.items && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      located = { value: { start: node.start, end: node.end } };
    } else {
      return located;
    }
  }
  return located;
}
