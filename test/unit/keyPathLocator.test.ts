// The key-path reader against the two parsers it stands in for: on every front-matter it accepts, its value
// must equal js-yaml's (core schema) and every path's spans must equal what `yaml` locates. Checked on the
// fixtures, on hand-picked edge cases, and on generated front-matter mixing the subset with what it declines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { splitFrontmatter } from '../../src/core/fences';
import { FrontmatterLocator, parseYamlBounded } from '../../src/core/frontmatter';
import { locateTopLevelItem, locateTopLevelScalar, readKeyPaths } from '../../src/core/keyPathLocator';

type Path = (string | number)[];

/** How many top-level scalars and list items `agrees` checked the scans on (see the generated test). */
let scanned = 0;
let scannedItems = 0;

/** Every key and index path of a document, plus a missing key and index under each collection. */
function pathsOf(node: unknown, prefix: Path = [], out: Path[] = [[]]): Path[] {
  if (isMap(node)) {
    for (const pair of node.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      out.push([...prefix, key]);
      pathsOf(pair.value, [...prefix, key], out);
    }
    out.push([...prefix, 'no-such-key']);
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      out.push([...prefix, index]);
      pathsOf(item, [...prefix, index], out);
    });
    out.push([...prefix, 999]);
  }
  return out;
}

/**
 * Whether the reader accepted the text; throws when it disagrees with js-yaml or `yaml`, or when it accepts
 * what js-yaml refuses. The one error it reports itself (a quote that never closes) must be exactly the one
 * the fallback gives: js-yaml refuses the text, and `yaml` reports that message at that place.
 */
function agrees(yamlText: string): boolean {
  const read = readKeyPaths(yamlText);
  let expected: unknown;
  try {
    expected = load(yamlText, { schema: CORE_SCHEMA });
  } catch {
    if (read !== undefined) {
      assert.ok('syntaxError' in read, `accepted what js-yaml refuses: ${yamlText}`);
      assert.deepStrictEqual({ ok: false, ...read.syntaxError }, parseYamlBounded(yamlText), yamlText);
    }
    return false;
  }
  if (!read) return false;
  assert.ok('tree' in read, `reported an error in what js-yaml reads: ${yamlText}`);
  assert.deepStrictEqual(read.value, expected, yamlText);
  const document = parseDocument(yamlText, { uniqueKeys: false });
  const fast = new FrontmatterLocator(yamlText, 7, read.tree);
  const reference = new FrontmatterLocator(yamlText, 7, null);
  for (const path of pathsOf(document.contents)) {
    const expected = reference.locate(path);
    assert.deepStrictEqual(fast.locate(path), expected, `${JSON.stringify(path)} in ${yamlText}`);
    // The scans for a top-level scalar and a top-level list's item find what the reader finds, or leave it to
    // the reader.
    const [key, index] = path;
    const item =
      path.length === 2 && typeof index === 'number'
        ? locateTopLevelItem(yamlText, String(key), index)
        : undefined;
    if (item) {
      assert.deepStrictEqual(
        { start: item.start + 7, end: item.end + 7 },
        expected.value,
        `${key}[${index}] in ${yamlText}`,
      );
      scannedItems++;
    }
    const scalar = path.length === 1 ? locateTopLevelScalar(yamlText, String(path[0])) : undefined;
    if (scalar) {
      const shifted = (span: { start: number; end: number }) => ({
        start: span.start + 7,
        end: span.end + 7,
      });
      assert.deepStrictEqual(
        { key: shifted(scalar.key), value: shifted(scalar.value) },
        expected,
        `${path[0]} in ${yamlText}`,
      );
      scanned++;
    }
  }
  return true;
}

/** The reader reports a syntax error in `text`, and it is the one the parsers give (see `agrees`). */
function reportsAsYaml(text: string): void {
  const read = readKeyPaths(text);
  assert.ok(read && 'syntaxError' in read, text);
  assert.equal(agrees(text), false);
}

describe('readKeyPaths (the key-path reader)', () => {
  test('reads typical front-matter, values and spans as js-yaml and `yaml` do', () => {
    const typical = `id: F-1
title: "Quoted: with a colon"  # a comment
status: in-progress
rice:
  reach: 300
  impact: 0.25
  confidence: 80%
  effort: 2
tags: [auth, sso , mobile]
depends_on: []
created: 2025-09-06 21:22
empty:
evidence:
  - https://feedback.example.com/posts/1#top
  - url: https://crm.example.com/x
    note: 'It''s real'

list:
- a
- b
flow: {a: 1, b: -2.5, c: true, d: ~}
`;
    assert.ok(agrees(typical));
    assert.ok(agrees(typical.replaceAll('\n', '\r\n')), 'the same with CRLF line breaks');
    const read = readKeyPaths(typical);
    assert.ok(read && 'value' in read);
    assert.deepEqual(read.value.rice, {
      reach: 300,
      impact: 0.25,
      confidence: '80%',
      effort: 2,
    });
  });

  test('declines what it does not read exactly, so that the caller falls back', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !tag x\n',
      'a: |\n  block\n',
      'a: plain\n  continued\n',
      'a: "escaped \\" quote"\n',
      'a:\tb\n',
      'a: b\rc: d\n',
      'a: b\r',
      '1: numeric key\n',
      'a: 0x1F\n',
      'a: 1e3\n',
      'a: 007\n',
      '- a list\n',
      '"quoted": key\n',
      '__proto__: x\n',
      'a: b: c\n'.replace(/^/, '- '),
      'Just a sentence\n',
      'a:\n  a value on its own line\n',
      'a: 1\nno colon\n# then a comment\n',
      'a: 1\nno colon\n  b: 2\n',
      'a: 1\nno colon\n\u00a0\n',
      // An open flow mapping before a comment line: `yaml` complains of the comment.
      'rice: {a: 1\n# comment\ntitle: x\n',
      // A comment between a nested mapping and a line less indented: it may belong to the mapping.
      'rice:\n   reach: 1\n   # c\n  impact: 2\n',
    ])
      assert.equal(readKeyPaths(text), undefined, text);
  });

  test('reports a quoted value that never closes as `yaml` does, without either parser', () => {
    const unclosed = [
      'id: F-1\ntitle: "Unterminated quote\nstatus: planned\nmoscow: [must\n',
      "a: 1\ntitle: 'it''s open\nb: 2\n",
      'a: "escaped \\" and open\n',
      'a: "ends in a backslash \\\n',
      'a:\n  b: "x\nc: 1\n',
      'list:\n  - "abc\n  - d\n',
      'a:\n  - b: "x\n    c: 1\n',
      't: [a, "b\n',
      "t: {a: 'b\n",
      'a: "x\n---\nb: 1\n',
      'a: "x\r\nb: 1\r\n',
      'a: "',
      `a: ${'['.repeat(60)}"x\n`,
      Array.from({ length: 60 }, (_, level) => `${' '.repeat(level)}k${level}:\n`).join('') +
        `${' '.repeat(60)}v: "x\n`,
    ];
    for (const text of unclosed) reportsAsYaml(text);
    // Closed on a later line (a multi-line scalar), or after an error the reader does not know: the parsers'.
    for (const text of ['a: "x\n  y"\n', "a: 'x\n  y''s'\n", 'a: "x\n\tb: "\n', 'a: !t "x\n'])
      assert.equal(readKeyPaths(text), undefined, text);
  });

  test("reports a mapping on its key's line, a missing colon, a stray bracket and a dedent as `yaml` does", () => {
    for (const text of [
      'id: F-1\ntitle: a: b\nstatus: x\n',
      'title: a:\nid: 1\n',
      'title: a : b\n',
      'title: http://x.com: b # c\n',
      'title:   a: b\r\nid: 1\r\n',
      'k:\n  title: a: b\n  id: 1\n',
      'x:\n  - id: a: b\n',
      'title: a: b\nd: "x\n',
      'title: a: b\nid: 1\nid: 2\n',
      'id: [a\ntitle: a: b\n',
      'id: 1\ntitle Foo\nstatus: x\n',
      'title Foo\nstatus: x\n',
      'rice:\n  reach 5\n  impact: 3\n',
      'id: 1\nx-y z\nstatus: [x\n',
      'id: 1\ntitle Foo\r\nstatus: x\r\n',
      'id: 1\ntitle Foo\nstatus: x\ntitle2 Bar\n',
      'id: 1\ntitle Foo  \n',
      'id: 1\ntitle Foo\n\n  \n',
      'id: 1\ntitle: a: b\ntitle Foo\nstatus: x\n',
      'id: F-1\n title: Foo\nstatus: x\n',
      'rice:\n  reach: 1\n   impact: 2\n',
      'id: F-1\n  more\n\n  title: Foo\n',
      'id: 1\nstatus: [a]]\nx: 1\n',
      'status: {a: 1}} # c\n',
      'status: [a] }x\r\nb: 1\r\n',
      "status: 'x']\nb: [x\n",
      'l:\n  - "x"]\n',
      'rice:\n   reach: 1\n  impact: 2\n',
      'rice:\n   reach: 1\n\n  impact 2\r\nb: "x\n',
      'rice:\n   reach: 1\n  - a\n',
      'l:\n  - a:\n      b: 1\n     c: 2\n',
      'rice:\n   tags:\n   - a\n  b: 1\n',
    ])
      reportsAsYaml(text);
  });

  test('reports a flow list or mapping left open as `yaml` does, and reads on to be sure it is the first error', () => {
    const open = [
      'id: F-1\nmoscow: [must\nstatus: x\n',
      'moscow: [must\n',
      'a: [x',
      'a: {b: 1\nc: 2\n',
      'a:\n  b: [x\nc: 1\n',
      'a:\n  b: [x\n  c: 1\n',
      'a: [x, \nb: 1\n',
      'a: [\nb: 1\n',
      'a: [x\n# c\nb: 1\n',
      'a: [x\n  # c\nb: 1\n',
      'a: [x\n\n\nb: 1\n',
      'a: [x, [y\nb: 1\n',
      'a: [x, {y: 1\nb: 1\n',
      '- [x\n- y\n'.replace(/^/, 'l:\n'),
      'a:\n  - [x\n  - y\n',
      '- a: [x\n  b: 1\n'.replace(/^/, 'l:\n'),
      'a: [x\nb: [y\n',
      'a: [x\nb: "y\n',
      'a: [x\r\nb: 1\r\n',
      'a: [x\n   \n',
    ];
    for (const text of open) reportsAsYaml(text);
    // Continued on a deeper line (valid, or not), or followed by what the reader does not read: the parsers'.
    for (const text of ['a: [x,\n  y]\n', 'a: [x\n  y\nb: 1\n', 'a: [x\nb: &r 1\n'])
      assert.equal(readKeyPaths(text), undefined, text);
  });

  test('reports a line indented with a tab as `yaml` does, after text it reads without another error', () => {
    const tabbed = [
      'a: 1\n\tb: 2\n',
      'a:\n\tb: 2\n',
      'a:\n  b: 1\n\tc: 2\n',
      'a: 1\nb:\n\t- x\n',
      '\ta: 1\n',
      'id: F-1\n\ttitle: x\nstatus: y\n',
      'a: 1\n\tb: 2\n\tc: 3\n',
      'a: 1\na: 2\n\tb: 3\n',
    ];
    for (const text of tabbed) reportsAsYaml(text);
    // A tab elsewhere, after spaces, before a comment, on a blank line, or after another error: the parsers'.
    for (const text of [
      'a:\tb\n',
      'a: b\tc\n',
      'a: 1\n  \tb: 2\n',
      'a: 1\n\t# c\n',
      'a: 1\n\t\n',
      'a: [x\n\tb: 1\n',
    ])
      assert.equal(readKeyPaths(text), undefined, text);
  });

  test('reports a repeated key as `yaml` does once the whole text is read, at the one it finds first', () => {
    const repeated = [
      'a: 1\na: 2\n',
      'id: F-1\ntitle: x\nstatus: a\nstatus: b\n',
      'a:\n  b: 1\n  b: 2\nc: 1\nc: 2\n',
      'a:\n  b: 1\n  b: 2\nc:\n  d: 1\n  d: 2\n',
      'l:\n  - a: 1\n    a: 2\n  - b: 1\n    b: 2\n',
      'f: {a: 1, a: 2}\n',
      'a: 1\na: 2\nb: [x\n',
      'a: 1\na: 2\nb: "x\n',
    ];
    for (const text of repeated) reportsAsYaml(text);
    // With something the reader does not read after it: the parsers'.
    assert.equal(readKeyPaths('a: 1\na: 2\nb: |\n  x\n'), undefined);
  });

  test('leaves deep nesting to js-yaml, which refuses it from 100 levels', () => {
    const flow = (depth: number) => `a: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
    const block = (depth: number) =>
      Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:\n`).join('') +
      `${' '.repeat(depth)}v: 1\n`;
    for (const text of [flow(10), block(10)]) assert.ok(agrees(text));
    for (const text of [flow(70), block(70), flow(150), block(150)]) {
      assert.equal(readKeyPaths(text), undefined);
      agrees(text);
    }
  });

  test('agrees with js-yaml and `yaml` on every fixture it reads', () => {
    let read = 0;
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.md')) {
          const text = readFileSync(path, 'utf8');
          const split = splitFrontmatter(text);
          if (split.kind !== 'closed') continue;
          if (agrees(text.slice(split.yamlStart, split.yamlEnd))) read++;
        }
      }
    };
    walk(join(__dirname, '..', 'fixtures'));
    walk(join(__dirname, '..', '..', 'examples'));
    assert.ok(read > 10, `read ${read} fixtures`);
  });

  test('reads keys met before and new ones alike, past the bound on the keys it remembers', () => {
    // Forty keys with one first character: more than the reader remembers per character, so the later ones
    // are found by a scan every time; each text is read twice, the second time with its keys remembered.
    const many = Array.from({ length: 40 }, (_, index) => `q${index}: ${index}\n`).join('');
    const prefixes = 'qu: 1\nqua: 2\nquad: [a]\nq1x: 3\nq10: 4\n';
    for (const text of [many, prefixes, many, prefixes]) assert.ok(agrees(text), text);
  });

  test('agrees on generated front-matter that mixes the subset with everything around it', () => {
    const values = [
      'a',
      'F-1',
      'a b c',
      '"q: x"',
      "'it''s'",
      '[a, b]',
      '[ ]',
      '[a, b,]',
      '{a: 1}',
      '{ a : 1 }',
      '[https://x, y]',
      '~',
      'null',
      'NULL',
      'true',
      'False',
      '3',
      '-5',
      '0.25',
      '1.0',
      '1e3',
      '0x1F',
      '007',
      '-0',
      '+5',
      '.5',
      '.inf',
      '12345678901234567890',
      'https://e.com/x#y',
      'x # c',
      'a#b',
      '',
      ' # only',
      '"\\"esc"',
      "[a, 'b']",
      '["a, b", \'c\']',
      '["a]", b]',
      '[ "x" , y ,]',
      '["a"b]',
      '["a": 1]',
      "['it''s', \"#no comment\"]",
      '{ id: "To Do", title: \'x, y\', n: 3 }',
      '{ "k": v }',
      '{a: "b" # c}',
      '["\\"", x]',
      '[a, , b]',
      '[ , ]',
      '{a: }',
      '{ type: enum, values: [x, "y z"] }',
      '[[a, b], {c: d}, []]',
      '[[a]: 1]',
      '{a: [b}',
      '2026-01-01',
      '2026-01-12 10:22',
      '80%',
      '&a x',
      '*a',
      '!t x',
      '|\n  block',
      '-',
      '- x',
      'x:',
      ':x',
      'R&D',
      'x: y',
      '[a: 1]',
      '{a}',
      '-x',
      'café',
      '"never closed',
      "'never closed",
      "'it''s never closed",
      '"escaped \\" never closed',
      '[a, "never closed',
      "{a: 'never closed",
      '[never, closed',
      '[never,',
      '[',
      '{a: 1',
      '{a: 1, b: [x',
      '[a, [b',
      '[a, {b: 1',
      '[a, b # c',
      '[a  ',
      'a:b',
      'a: b # c',
      'x #: y',
      'x#: y',
      'x # y:',
      'x #',
      '[a]]',
      '{a: 1} }',
      '"q"]',
      '[a]] x',
      '[a]x',
    ];
    // Keys that start other keys: the reader remembers keys it has read, and must not take one for another.
    const keys = [
      'id',
      'ids',
      'title',
      'tit',
      'rice',
      'tags',
      'k.x',
      'k/y',
      'a-b',
      '_u',
      '"q"',
      '1',
      'true',
      'x y',
      '<<',
    ];
    let seed = 20260101;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = <T>(list: T[]) => list[next(list.length)];
    const block = (indent: number, depth: number): string => {
      let out = '';
      for (let i = 0, n = 1 + next(4); i < n; i++) {
        const pad = ' '.repeat(indent);
        if (next(8) === 0) out += next(2) ? '\n' : `${pad}# comment\n`;
        // A line whose colon was left out.
        if (next(15) === 0)
          out += `${pad}${pick(['title Foo', 'x', 'x-y z', 'a b: c', 'k.x', 'a #b', '"q" x', 'x\u00a0'])}\n`;
        const key = pick(keys);
        const kind = depth < 3 ? next(4) : 0;
        if (kind === 0) out += `${pad}${key}:${pick([' ', ' ', '  ', ''])}${pick(values)}\n`;
        else if (kind === 1) {
          const nested = indent + pick([2, 4]);
          out += `${pad}${key}:${pick(['', ' # c'])}\n${block(nested, depth + 1)}`;
          // Now and then a line between the nested block's indentation and this one's.
          if (next(11) === 0)
            out += `${pick(['', '\n', `${' '.repeat(nested)}# c\n`, ' # c\n'])}${' '.repeat(indent + 1 + next(nested - indent - 1))}${pick(['k: v', '- a', 'x y', '-'])}\n`;
        } else if (kind === 2) {
          const itemIndent = indent + pick([0, 2, 4]);
          out += `${pad}${key}:\n`;
          for (let j = 0, m = 1 + next(3); j < m; j++)
            out += `${' '.repeat(itemIndent)}- ${next(3) ? pick(values) + '\n' : block(itemIndent + 2, depth + 1).trimStart()}`;
        } else
          out += `${pad}${key}: ${pick(values)}\n${pick(['', '\n', `${pad} \n`])}${pad}${pick([' ', '  '])}${pick(['continued', 'k: v', 'k:', 'a # b: c', 'k: v # c', '# c', 'x: y'])}\n`;
      }
      return out;
    };
    /** A tab put at the start of one line, or in place of one line's indentation. */
    const withTab = (text: string): string => {
      const lines = text.split('\n');
      const line = next(lines.length);
      lines[line] = next(2) ? `\t${lines[line]}` : lines[line]!.replace(/^ +/, '\t');
      return lines.join('\n');
    };
    let read = 0;
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      const text = next(6) === 0 ? withTab(block(0, 0)) : block(0, 0);
      // A third with CRLF line breaks, some mixed with LF ones.
      const variant = next(3) === 0 ? text.replace(/\n/g, () => (next(4) === 0 ? '\n' : '\r\n')) : text;
      if (agrees(variant)) read++;
      else if (readKeyPaths(variant)) errors++;
    }
    assert.ok(read > 250, `read ${read} of 3000`);
    assert.ok(scanned > 200, `${scanned} top-level scalars found by the scan`);
    assert.ok(scannedItems > 100, `${scannedItems} top-level list items found by the scan`);
    assert.ok(errors > 200, `${errors} of 3000 reported as a syntax error`);
  });
});
