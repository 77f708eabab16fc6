// Finding and parsing the YAML front-matter of a Markdown file.
//
// Three readers, on purpose: the key-path reader (keyPathLocator.ts) reads the plain front-matter people
// write in one pass, values and positions together; js-yaml, about five times faster than `yaml`, reads
// whatever it declines; `yaml` keeps source positions and comments, and runs only for files outside the
// reader's subset that have something to report or edit (and for any file that uses anchors, since it bounds
// alias expansion). Both use the YAML 1.2 core schema,
// so `2026-01-12` stays a string and `yes` is not a boolean in either.
import { load as fastLoad, CORE_SCHEMA } from 'js-yaml';
import {
  isMap,
  isScalar,
  isSeq,
  Lexer,
  parseDocument,
  Parser,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { duplicateKeyMessage, locateKeyPath, readKeyPaths, type KeyPathTree } from './keyPathLocator';
import type { Span } from './types';

export type YamlParse =
  | {
      ok: true;
      value: unknown;
      /** Set when the key-path reader read the text: the spans of its keys and values, parsed already. */
      keyPaths?: KeyPathTree;
    }
  | { ok: false; message: string; /** Offset into the YAML text. */ offset: number; length: number };

/** Anchors make aliases possible, and aliases make expansion bombs possible: such text goes to `yaml`. */
export const mayUseAliases = /(^|[\s[{,:-])&[^\s]/;

export function parseYamlFast(yamlText: string): YamlParse {
  const read = readKeyPaths(yamlText);
  if (read)
    return 'syntaxError' in read
      ? { ok: false, ...read.syntaxError }
      : { ok: true, value: read.value, keyPaths: read.tree };
  if (mayUseAliases.test(yamlText)) return parseYamlBounded(yamlText);
  try {
    return {
      ok: true,
      value: withoutStackTraces(() => fastLoad(yamlText, { schema: CORE_SCHEMA, json: false })),
    };
  } catch (error) {
    // js-yaml's messages are good but its positions are line-based; `yaml` gives the exact span.
    const located = parseYamlBounded(yamlText);
    if (!located.ok) return located;
    const mark = (error as { mark?: { position?: number } }).mark;
    return { ok: false, message: errorSummary(error), offset: mark?.position ?? 0, length: 1 };
  }
}

/**
 * Runs a parse that captures no stack trace for the errors it creates. `yaml` creates one per problem it
 * meets, js-yaml one for the first, and nothing reads their stacks: capturing them was about two fifths of
 * parsing a broken front-matter (0.31 of 0.34 ms with `yaml`'s, 0.19 ms without).
 */
function withoutStackTraces<T>(parse: () => T): T {
  const limit = v8Error.stackTraceLimit;
  v8Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    v8Error.stackTraceLimit = limit;
  }
}

/** V8's (Node's, Chromium's) count of the frames an error's stack captures; other engines ignore it. */
const v8Error: { stackTraceLimit?: number; prototype: Error } = Error;

function errorSummary(error: unknown): string {
  if (error instanceof RangeError) return tooDeep;
  const message =
    (error as { reason?: string; message?: string }).reason ?? (error as Error).message ?? String(error);
  return message.split('\n')[0];
}

/**
 * How deeply `yaml` may be asked to nest. It composes documents recursively, and a stack overflow deep inside
 * it can abort the whole process (V8 fails to compile a regular expression on an exhausted stack) instead of
 * throwing. js-yaml refuses more than 100 levels, so nothing deeper is a usable front-matter anyway.
 */
export const maxYamlDepth = 200;

/**
 * Where the YAML first nests deeper than `limit` (an offset into it), or undefined. Measured with `yaml`'s own
 * CST parser, which is iterative, and stopped as soon as the limit is passed. Call before `parseDocument`.
 */
export function excessiveNesting(yamlText: string, limit = maxYamlDepth): number | undefined {
  if (nestingBound(yamlText) <= limit) return undefined;
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(yamlText)) {
    for (const _token of parser.next(lexeme)) {
      // Only the parser's stack depth matters here.
    }
    if (parser.stack.length > limit) return Math.min(parser.offset, yamlText.length);
  }
  return undefined;
}

/**
 * A quick upper bound of the nesting depth, so that ordinary text skips the parser pass. A block collection
 * nests by indentation or after an indicator (`- `, `? `, `: `) on its line, two levels at most per column
 * (a list may sit at its key's indentation); a flow collection needs an opening bracket, plus at most one
 * implicit single-pair mapping inside it.
 */
export function nestingBound(yamlText: string): number {
  let openers = 0;
  let worstLine = 0;
  let line = 0;
  let atLineStart = true;
  for (let i = 0; i < yamlText.length; i++) {
    const code = yamlText.charCodeAt(i);
    if (code === 10 || code === 13) {
      worstLine = Math.max(worstLine, line);
      line = 0;
      atLineStart = true;
    } else if (code === 91 || code === 123) {
      openers++;
      atLineStart = false;
    } else if (atLineStart && (code === 32 || code === 9)) {
      line++;
    } else {
      atLineStart = false;
      if (code === 45 || code === 63 || code === 58) line++;
    }
  }
  return 2 * Math.max(worstLine, line) + 2 * openers + 4;
}

const tooDeep = 'the front-matter is nested too deeply to read';

/** Parses with `yaml`, whose alias limit turns an expansion bomb into an error instead of a hang. */
export function parseYamlBounded(yamlText: string): YamlParse {
  const deep = excessiveNesting(yamlText);
  if (deep !== undefined) return { ok: false, message: tooDeep, offset: deep, length: 1 };
  let document: Document.Parsed;
  try {
    document = withoutStackTraces(() => parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false }));
  } catch (error) {
    return { ok: false, message: errorSummary(error), offset: 0, length: 1 };
  }
  const error = document.errors[0];
  if (error) {
    return {
      ok: false,
      message: errorSummary(error),
      offset: error.pos[0],
      length: Math.max(1, error.pos[1] - error.pos[0]),
    };
  }
  const duplicate = findDuplicateKey(document.contents);
  if (duplicate?.range) {
    return {
      ok: false,
      message: duplicateKeyMessage,
      offset: duplicate.range[0],
      length: Math.max(1, duplicate.range[1] - duplicate.range[0]),
    };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, message: errorSummary(error), offset: 0, length: 1 };
  }
}

/**
 * The first key that repeats within its mapping, found in one pass. `yaml`'s own `uniqueKeys` check compares
 * every key with every other (minutes for a front-matter of 20,000 keys). Keys compare as text, as they do
 * once they are object properties.
 */
export function findDuplicateKey(contents: unknown): YamlNode | undefined {
  const pending: unknown[] = [contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items as Pair[]) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key)) return pair.key;
          seen.add(key);
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  return undefined;
}

export interface Located {
  /** The key's span, for a mapping entry. */
  key?: Span;
  /** The value's span (the whole node: for a block list, every item). */
  value?: Span;
}

/**
 * Finds the source spans of front-matter paths: with the key-path reader over the text when the front-matter
 * is in its subset (almost always), else from a `yaml` document parse of the front-matter alone. Both are built
 * on first use, so that indexing never pays for positions it does not report.
 */
export class FrontmatterLocator {
  private document: Document.Parsed | undefined;
  /** The key-path reader's tree; null once it has declined the text. */
  private keyPaths: KeyPathTree | null | undefined;
  /** Each mapping's first pair per key, built on first lookup: a linear search per issue is quadratic. */
  private readonly pairsByKey = new WeakMap<object, Map<string, Pair>>();

  constructor(
    private readonly yamlText: string,
    private readonly yamlStart: number,
    /**
     * The key-path tree when the text was read already; null to always parse with `yaml` (the reference the
     * key-path reader is tested against); undefined to try the reader on first use.
     */
    keyPaths?: KeyPathTree | null,
  ) {
    this.keyPaths = keyPaths;
  }

  getDocument(): Document.Parsed {
    // Text nested too deeply to parse safely locates nothing (its issues sit on the fence).
    this.document ??= withoutStackTraces(() =>
      parseDocument(excessiveNesting(this.yamlText) === undefined ? this.yamlText : '', {
        prettyErrors: false,
        keepSourceTokens: true,
        uniqueKeys: false,
      }),
    );
    return this.document;
  }

  /** The path's key and value spans in the file's full text; for a missing leaf, its nearest parent's. */
  locate(path: readonly (string | number)[]): Located {
    if (this.keyPaths === undefined) {
      const read = readKeyPaths(this.yamlText);
      this.keyPaths = read && 'tree' in read ? read.tree : null;
    }
    if (this.keyPaths) {
      const fast = locateKeyPath(this.keyPaths, path);
      const shift = (span: Span | undefined) =>
        span && { start: this.yamlStart + span.start, end: this.yamlStart + span.end };
      if (fast.key) return { key: shift(fast.key), value: shift(fast.value) };
      return fast.value ? { value: shift(fast.value) } : {};
    }
    let node: unknown = this.getDocument().contents;
    let located: Located = {};
    for (const segment of path) {
      if (isMap(node)) {
        const pair = this.pairOf(node.items as Pair[], node, String(segment));
        if (!pair) return located;
        located = {
          key: this.spanOf(pair.key as YamlNode),
          value: this.spanOf(pair.value as YamlNode) ?? this.spanOf(pair.key as YamlNode),
        };
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment];
        located = { value: this.spanOf(node as YamlNode) };
      } else {
        return located;
      }
    }
    return located;
  }

  private pairOf(items: Pair[], map: object, key: string): Pair | undefined {
    let index = this.pairsByKey.get(map);
    if (!index) {
      index = new Map();
      for (const item of items) {
        const name = isScalar(item.key) ? String(item.key.value) : undefined;
        if (name !== undefined && !index.has(name)) index.set(name, item);
      }
      this.pairsByKey.set(map, index);
    }
    return index.get(key);
  }

  private spanOf(node: YamlNode | null | undefined): Span | undefined {
    if (!node?.range) return undefined;
    return { start: this.yamlStart + node.range[0], end: this.yamlStart + node.range[1] };
  }
}
