// Golden tests of the lossless front-matter edits: each edit changes only the bytes of the value it targets;
// comments, quoting, key order, unknown keys, line breaks and the body stay byte for byte.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Scalar } from 'yaml';
import { defaultConfig } from '../../src/core/config';
import {
  applyEdits,
  formatScalar,
  minimalEdit,
  removeField,
  setField,
  type FieldValue,
} from '../../src/core/edits';
import { parseFeatureFile } from '../../src/core/featureFile';

type FieldPath = readonly [string] | readonly [string, string];

function set(text: string, path: FieldPath, value: FieldValue, aliases: Record<string, string> = {}): string {
  const result = setField(text, path, value, aliases);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

function remove(text: string, path: FieldPath, aliases: Record<string, string> = {}): string {
  const result = removeField(text, path, aliases);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

const lines = (...parts: string[]) => parts.join('\n');

const doc = lines(
  '---',
  '# Planning data; keep the comments.',
  'id: F-001 # never change',
  "title: 'Single sign-on'",
  'status: "planned"',
  'x-custom: { keep: me }',
  'rice:',
  '  reach: 1200 # per quarter',
  '  impact: 2',
  '  confidence: 80%',
  'tags:',
  '  - security',
  '  - enterprise',
  'depends_on: [F-002, F-003]',
  '---',
  '',
  '# Body',
  '',
  'Text with --- and id: F-999 that must not move.',
  '',
);

describe('setField replaces a value in place', () => {
  test('a plain value keeps its trailing comment', () => {
    assert.equal(
      set(doc, ['id'], 'F-010'),
      doc.replace('id: F-001 # never change', 'id: F-010 # never change'),
    );
  });

  test('a single-quoted value stays single-quoted, with quotes doubled', () => {
    assert.equal(
      set(doc, ['title'], "Bob's SSO"),
      doc.replace("title: 'Single sign-on'", "title: 'Bob''s SSO'"),
    );
  });

  test('a double-quoted value stays double-quoted, with escapes', () => {
    assert.equal(
      set(doc, ['status'], 'in "progress"'),
      doc.replace('status: "planned"', 'status: "in \\"progress\\""'),
    );
  });

  test('a nested value', () => {
    assert.equal(
      set(doc, ['rice', 'reach'], 900),
      doc.replace('  reach: 1200 # per quarter', '  reach: 900 # per quarter'),
    );
    assert.equal(
      set(doc, ['rice', 'confidence'], '50%'),
      doc.replace('  confidence: 80%', '  confidence: 50%'),
    );
  });

  test('a flow list is replaced by a flow list', () => {
    assert.equal(
      set(doc, ['depends_on'], ['F-004']),
      doc.replace('depends_on: [F-002, F-003]', 'depends_on: [F-004]'),
    );
  });

  test('a block list stays a block list with its indentation', () => {
    assert.equal(
      set(doc, ['tags'], ['a', 'b c', 'd']),
      doc.replace('  - security\n  - enterprise', '  - a\n  - b c\n  - d'),
    );
  });

  test('a block list emptied becomes []', () => {
    assert.equal(set(doc, ['tags'], []), doc.replace('tags:\n  - security\n  - enterprise', 'tags: []'));
  });

  test('a block list replaced by a scalar moves onto the key line', () => {
    assert.equal(
      set(doc, ['tags'], 'solo'),
      doc.replace('tags:\n  - security\n  - enterprise', 'tags: solo'),
    );
  });

  test('an alias key is edited where it is written', () => {
    const text = lines('---', 'id: F-1', 'priority: could # agreed', '---', '');
    assert.equal(
      set(text, ['moscow'], 'must', { priority: 'moscow' }),
      text.replace('priority: could', 'priority: must'),
    );
  });

  test('an empty value gets one', () => {
    const text = lines('---', 'id:', 'status: idea', '---', '');
    assert.equal(set(text, ['id'], 'F-9'), lines('---', 'id: F-9', 'status: idea', '---', ''));
    // Blanks that ended the line do not trail the new value; blanks before a comment stay.
    assert.equal(
      set(lines('---', 'id:  ', 'status: idea', '---', ''), ['id'], 'F-9'),
      lines('---', 'id: F-9', 'status: idea', '---', ''),
    );
    assert.equal(set('---\r\nid: \r\n---\r\n', ['id'], 'F-9'), '---\r\nid: F-9\r\n---\r\n');
    assert.equal(
      set(lines('---', 'id:   # fill me', '---', ''), ['id'], 'F-9'),
      lines('---', 'id: F-9   # fill me', '---', ''),
    );
  });

  test('a block scalar is replaced by a plain scalar', () => {
    const text = lines('---', 'title: >', '  folded', '  text', 'status: idea', '---', '');
    assert.equal(set(text, ['title'], 'Short'), lines('---', 'title: Short', 'status: idea', '---', ''));
  });

  test('values that YAML would misread are quoted', () => {
    const text = lines('---', 'title: x', '---', '');
    const cases: [string, string][] = [
      ['yes', '"yes"'],
      ['null', '"null"'],
      ['123', '"123"'],
      ['1e3', '"1e3"'],
      ['0x1F', '"0x1F"'],
      ['0b101', '"0b101"'],
      ['+0x1', '"+0x1"'],
      ['a: b', '"a: b"'],
      ['a #b', '"a #b"'],
      ['ends with colon:', '"ends with colon:"'],
      ['@mention', '"@mention"'],
      ['`tick', '"`tick"'],
      ['- dash', '"- dash"'],
      ['[x]', '"[x]"'],
      ['', '""'],
      [' lead', '" lead"'],
      ['trail ', '"trail "'],
      ['two\nlines', '"two\\nlines"'],
      ['plain text', 'plain text'],
      ['F-001', 'F-001'],
      ['2026-01-05', '2026-01-05'],
      ['ana.silva@example.com', 'ana.silva@example.com'],
      ['https://x.example.com/a?b=c', '"https://x.example.com/a?b=c"'],
    ];
    for (const [value, written] of cases) {
      const edited = set(text, ['title'], value);
      assert.equal(edited, text.replace('title: x', `title: ${written}`), JSON.stringify(value));
      const parsed = parseFeatureFile('f.md', edited, defaultConfig());
      assert.equal(parsed.feature?.title, value === '' ? undefined : value, JSON.stringify(value));
    }
  });

  test('formatScalar: single quotes cannot hold a line break, and unprintable characters are escaped', () => {
    assert.equal(formatScalar('a\nb', Scalar.QUOTE_SINGLE), '"a\\nb"');
    assert.equal(formatScalar("it's", Scalar.QUOTE_SINGLE), "'it''s'");
    assert.equal(formatScalar('\u0085x\u009f', Scalar.QUOTE_DOUBLE), '"\\u0085x\\u009f"');
    assert.equal(formatScalar('\u007f'), '"\\u007f"');
    assert.equal(formatScalar(2.5), '2.5');
    assert.equal(formatScalar(true), 'true');
  });

  test('numbers and booleans are written bare', () => {
    assert.equal(set(doc, ['rice', 'impact'], 0.5), doc.replace('  impact: 2', '  impact: 0.5'));
  });
});

describe('setField inserts a missing field', () => {
  test('a top-level field goes after the field before it in schema order', () => {
    assert.equal(
      set(doc, ['moscow'], 'must'),
      doc.replace('status: "planned"\n', 'status: "planned"\nmoscow: must\n'),
    );
    assert.equal(
      set(doc, ['owner'], 'ana'),
      doc.replace('  confidence: 80%\n', '  confidence: 80%\nowner: ana\n'),
    );
  });

  test('a field first in schema order (id) goes at the end when nothing precedes it', () => {
    const text = lines('---', 'title: T', '---', 'Body', '');
    assert.equal(set(text, ['id'], 'F-1'), lines('---', 'title: T', 'id: F-1', '---', 'Body', ''));
  });

  test('an unknown field goes at the end of the front-matter', () => {
    assert.equal(
      set(doc, ['segment'], 'smb'),
      doc.replace('depends_on: [F-002, F-003]\n', 'depends_on: [F-002, F-003]\nsegment: smb\n'),
    );
  });

  test('a missing child goes after the last child, with its indentation', () => {
    assert.equal(
      set(doc, ['rice', 'effort'], 3),
      doc.replace('  confidence: 80%\n', '  confidence: 80%\n  effort: 3\n'),
    );
  });

  test('a missing child of a flow mapping goes inside the braces', () => {
    const text = lines('---', 'rice: { reach: 1, impact: 2 } # flow', '---', '');
    assert.equal(
      set(text, ['rice', 'effort'], 3),
      lines('---', 'rice: { reach: 1, impact: 2, effort: 3 } # flow', '---', ''),
    );
    const empty = lines('---', 'rice: {}', '---', '');
    assert.equal(set(empty, ['rice', 'effort'], 3), lines('---', 'rice: { effort: 3 }', '---', ''));
  });

  test('a missing parent is created as a block', () => {
    const text = lines('---', 'id: F-1', 'status: idea', '---', '');
    assert.equal(
      set(text, ['ice', 'ease'], 4),
      lines('---', 'id: F-1', 'status: idea', 'ice:', '  ease: 4', '---', ''),
    );
  });

  test('an empty parent is filled in', () => {
    const text = lines('---', 'id: F-1', 'rice:', 'status: idea', '---', '');
    assert.equal(
      set(text, ['rice', 'reach'], 5),
      lines('---', 'id: F-1', 'rice:', '  reach: 5', 'status: idea', '---', ''),
    );
  });

  test('into an empty front-matter', () => {
    assert.equal(set('---\n---\nBody', ['id'], 'F-9'), '---\nid: F-9\n---\nBody');
  });

  test('a child after a trailing comment line stays with its parent', () => {
    const text = lines('---', 'rice:', '  reach: 1 # c', '# about status', 'status: idea', '---', '');
    assert.equal(
      set(text, ['rice', 'impact'], 2),
      lines('---', 'rice:', '  reach: 1 # c', '  impact: 2', '# about status', 'status: idea', '---', ''),
    );
  });
});

describe('CRLF files stay CRLF', () => {
  const crlf = '---\r\nid: F-1\r\nstatus: idea\r\nrice:\r\n  reach: 1\r\ntags:\r\n  - a\r\n---\r\nBody\r\n';

  test('replacing', () => {
    assert.equal(set(crlf, ['status'], 'shipped'), crlf.replace('status: idea', 'status: shipped'));
  });

  test('inserting top-level and nested fields', () => {
    assert.equal(
      set(crlf, ['moscow'], 'must'),
      crlf.replace('status: idea\r\n', 'status: idea\r\nmoscow: must\r\n'),
    );
    assert.equal(
      set(crlf, ['rice', 'impact'], 2),
      crlf.replace('  reach: 1\r\n', '  reach: 1\r\n  impact: 2\r\n'),
    );
  });

  test('a block list rewritten with CRLF between items', () => {
    assert.equal(set(crlf, ['tags'], ['x', 'z']), crlf.replace('  - a\r\n', '  - x\r\n  - z\r\n'));
  });

  test('removing', () => {
    assert.equal(remove(crlf, ['status']), crlf.replace('status: idea\r\n', ''));
    assert.equal(remove(crlf, ['tags']), crlf.replace('tags:\r\n  - a\r\n', ''));
  });

  test('with a BOM', () => {
    const bom = `\uFEFF${crlf}`;
    assert.equal(set(bom, ['status'], 'shipped'), bom.replace('status: idea', 'status: shipped'));
  });
});

describe('removeField', () => {
  test('removes a whole line, keeping comments on other lines', () => {
    assert.equal(remove(doc, ['id']), doc.replace('id: F-001 # never change\n', ''));
  });

  test('removes a block list with its items', () => {
    assert.equal(remove(doc, ['tags']), doc.replace('tags:\n  - security\n  - enterprise\n', ''));
  });

  test('removes a nested field', () => {
    assert.equal(remove(doc, ['rice', 'reach']), doc.replace('  reach: 1200 # per quarter\n', ''));
  });

  test('removes through an alias', () => {
    const text = lines('---', 'id: F-1', 'priority: could', 'status: idea', '---', '');
    assert.equal(
      remove(text, ['moscow'], { priority: 'moscow' }),
      lines('---', 'id: F-1', 'status: idea', '---', ''),
    );
  });

  test('removes from a flow mapping: first, middle and last entries', () => {
    const text = lines('---', 'rice: { reach: 1, impact: 2, effort: 3 }', '---', '');
    assert.equal(remove(text, ['rice', 'reach']), lines('---', 'rice: { impact: 2, effort: 3 }', '---', ''));
    assert.equal(remove(text, ['rice', 'impact']), lines('---', 'rice: { reach: 1, effort: 3 }', '---', ''));
    assert.equal(remove(text, ['rice', 'effort']), lines('---', 'rice: { reach: 1, impact: 2 }', '---', ''));
  });

  test('removing a missing field is no edit at all', () => {
    assert.deepEqual(removeField(doc, ['owner']), { ok: true, edits: [] });
    assert.deepEqual(removeField(doc, ['rice', 'effort']), { ok: true, edits: [] });
    assert.deepEqual(removeField(doc, ['owner', 'x']), { ok: true, edits: [] });
  });

  test('the last field of a file without a final line break', () => {
    assert.equal(remove('---\nid: F-1\nstatus: idea\n---', ['status']), '---\nid: F-1\n---');
  });
});

describe('edits refuse what they cannot do losslessly', () => {
  const refusals: [string, string, string][] = [
    ['no front-matter', '# Title\n', 'the file has no front-matter'],
    ['unclosed', '---\nid: F-1\n', 'the front-matter is not closed'],
    [
      'invalid YAML',
      '---\nid: "F-1\n---\n',
      'the front-matter has a YAML error (Missing closing "quote); fix it first',
    ],
    [
      'duplicate keys',
      '---\nid: F-1\nid: F-2\n---\n',
      'the front-matter has a YAML error (Map keys must be unique); fix it first',
    ],
    ['a list', '---\n- a\n---\n', 'the front-matter is not a set of fields'],
    [
      'nested too deeply',
      `---\nid: F-1\ntags: ${'['.repeat(500)}${']'.repeat(500)}\n---\n`,
      'the front-matter is nested too deeply to edit',
    ],
  ];
  for (const [name, text, reason] of refusals) {
    test(name, () => {
      assert.deepEqual(setField(text, ['status'], 'idea'), { ok: false, reason });
      assert.deepEqual(removeField(text, ['status']), { ok: false, reason });
    });
  }

  test('a child of a field that is not a mapping', () => {
    assert.deepEqual(setField(doc, ['tags', 'x'], 1), { ok: false, reason: "'tags' is not a mapping" });
  });
});

describe('applyEdits', () => {
  test('applies several non-overlapping edits in any order', () => {
    const text = 'abcdef';
    assert.equal(
      applyEdits(text, [
        { start: 0, end: 1, newText: 'A' },
        { start: 4, end: 6, newText: '' },
        { start: 2, end: 2, newText: '_' },
      ]),
      'Ab_cd',
    );
  });

  test('minimalEdit covers only the region where two texts differ', () => {
    assert.deepEqual(minimalEdit('abc', 'abc'), { start: 3, end: 3, newText: '' });
    assert.deepEqual(minimalEdit('status: idea\n', 'status: shipped\n'), {
      start: 8,
      end: 12,
      newText: 'shipped',
    });
    assert.deepEqual(minimalEdit('aaa', 'aa'), { start: 2, end: 3, newText: '' });
    assert.deepEqual(minimalEdit('', 'x'), { start: 0, end: 0, newText: 'x' });
    assert.deepEqual(minimalEdit('a\r\nb', 'a\nb'), { start: 1, end: 2, newText: '' });
    for (const [before, after] of [
      ['abcabc', 'abc'],
      ['x', ''],
      ['🚀a', '🚁a'],
      ['same', 'same!'],
    ]) {
      assert.equal(applyEdits(before, [minimalEdit(before, after)]), after);
    }
  });

  test('the body is untouched by every edit above', () => {
    const body = doc.slice(doc.indexOf('\n---\n') + 5);
    for (const edited of [
      set(doc, ['status'], 'x'),
      set(doc, ['rice', 'effort'], 1),
      remove(doc, ['tags']),
      set(doc, ['zzz'], 'q'),
    ]) {
      assert.ok(edited.endsWith(`\n---\n${body}`));
    }
  });
});
