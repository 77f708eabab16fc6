// Finding the front-matter (fences, BOM, CRLF, `...`), parsing it on the fast and bounded paths, and locating
// paths in the source.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig } from '../../src/core/config';
import { parseFeatureFile } from '../../src/core/featureFile';
import { FrontmatterLocator, parseYamlBounded, parseYamlFast } from '../../src/core/frontmatter';
import { maxFrontmatterLength, splitFrontmatter, type FrontmatterSplit } from '../../src/core/fences';

function closed(split: FrontmatterSplit): Extract<FrontmatterSplit, { kind: 'closed' }> {
  assert.equal(split.kind, 'closed', JSON.stringify(split));
  return split as Extract<FrontmatterSplit, { kind: 'closed' }>;
}

const parse = (text: string) => parseFeatureFile('roadmap/f.md', text, defaultConfig());

describe('splitFrontmatter', () => {
  test('a plain LF file: fence, YAML, body offsets', () => {
    const text = '---\nid: F-1\n---\n# Body\n';
    assert.deepEqual(splitFrontmatter(text), {
      kind: 'closed',
      fence: { start: 0, end: 3 },
      yamlStart: 4,
      yamlEnd: 12,
      bodyStart: 16,
      eol: '\n',
    });
    assert.equal(text.slice(4, 12), 'id: F-1\n');
    assert.equal(text.slice(16), '# Body\n');
  });

  test('CRLF: offsets skip the CR, and the file line break is remembered', () => {
    const text = '---\r\nid: F-1\r\n---\r\nBody\r\n';
    const split = closed(splitFrontmatter(text));
    assert.deepEqual(split, {
      kind: 'closed',
      fence: { start: 0, end: 3 },
      yamlStart: 5,
      yamlEnd: 14,
      bodyStart: 19,
      eol: '\r\n',
    });
    assert.equal(text.slice(split.bodyStart), 'Body\r\n');
  });

  test('a BOM before the opening fence: the fence starts after it', () => {
    const text = '\uFEFF---\nid: F-1\n---\n';
    const split = closed(splitFrontmatter(text));
    assert.deepEqual(split.fence, { start: 1, end: 4 });
    assert.equal(text.slice(split.yamlStart, split.yamlEnd), 'id: F-1\n');
  });

  test('BOM and CRLF together', () => {
    const text = '\uFEFF---\r\nid: F-1\r\ntitle: T\r\nstatus: idea\r\n---\r\n';
    const split = closed(splitFrontmatter(text));
    assert.equal(split.eol, '\r\n');
    assert.equal(text.slice(split.yamlStart, split.yamlEnd), 'id: F-1\r\ntitle: T\r\nstatus: idea\r\n');
    assert.deepEqual(parse(text).issues, []);
    assert.equal(parse(text).feature?.id, 'F-1');
  });

  test('trailing spaces on fences are allowed', () => {
    const split = closed(splitFrontmatter('--- \t\nid: F-1\n---  \nBody'));
    assert.equal(split.yamlEnd, 14);
    assert.equal(split.bodyStart, 20);
  });

  test('`...` closes the front-matter too', () => {
    const text = '---\nid: F-1\n...\nBody';
    const split = closed(splitFrontmatter(text));
    assert.equal(text.slice(split.yamlStart, split.yamlEnd), 'id: F-1\n');
    assert.equal(text.slice(split.bodyStart), 'Body');
  });

  test('an empty block and a closing fence at the end of the file', () => {
    assert.deepEqual(closed(splitFrontmatter('---\n---\n')), {
      kind: 'closed',
      fence: { start: 0, end: 3 },
      yamlStart: 4,
      yamlEnd: 4,
      bodyStart: 8,
      eol: '\n',
    });
    const atEnd = closed(splitFrontmatter('---\nid: F-1\n---'));
    assert.equal(atEnd.yamlEnd, 12);
    assert.equal(atEnd.bodyStart, 15);
  });

  test('no front-matter: not a fence at offset 0, a thematic break, or a longer rule', () => {
    for (const text of [
      '',
      '# Title\n---\nid: x\n---\n',
      ' ---\nid: x\n---\n',
      '----\nid: x\n----\n',
      '--- x\nid: y\n---\n',
      'x',
    ]) {
      assert.deepEqual(splitFrontmatter(text), { kind: 'none' }, JSON.stringify(text));
    }
  });

  test('unclosed: only an opening fence, a lone `---`, or a closing fence that is indented or has text after it', () => {
    for (const text of [
      '---',
      '---\n',
      '---\nid: F-1\n',
      '---\nid: F-1\n ---\n',
      '---\nid: F-1\n--- x\n',
      '\uFEFF---',
    ]) {
      const split = splitFrontmatter(text);
      assert.equal(split.kind, 'unclosed', JSON.stringify(text));
      assert.equal(split.kind === 'unclosed' && split.tooLarge, undefined);
    }
    assert.deepEqual(splitFrontmatter('\uFEFF---\nid: x\n'), {
      kind: 'unclosed',
      fence: { start: 1, end: 4 },
    });
  });

  test('a `---` inside a YAML value does not close the block; one on its own line does', () => {
    const text = '---\ntitle: "a --- b"\n---\n';
    const split = closed(splitFrontmatter(text));
    assert.equal(text.slice(split.yamlStart, split.yamlEnd), 'title: "a --- b"\n');
  });

  test('front-matter longer than the limit is too large, not unclosed', () => {
    const huge = `---\ndescription: "${'x'.repeat(maxFrontmatterLength + 10)}"\n---\nBody\n`;
    const split = splitFrontmatter(huge);
    assert.deepEqual(split, { kind: 'unclosed', fence: { start: 0, end: 3 }, tooLarge: true });
    const parsed = parse(huge);
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, issue.message, issue.span]),
      [
        [
          'file-unreadable',
          'The front-matter is longer than 256 KiB; it was not indexed.',
          { start: 0, end: 3 },
        ],
      ],
    );
    assert.equal(parsed.isFeature, true);
    assert.equal(parsed.feature, undefined);
  });

  test('front-matter just under the limit is parsed', () => {
    const filler = 'x'.repeat(maxFrontmatterLength - 100);
    const text = `---\nid: F-1\ntitle: T\nstatus: idea\nx_note: "${filler}"\n---\n`;
    const parsed = parse(text);
    assert.equal(parsed.feature?.id, 'F-1');
    assert.deepEqual(
      parsed.issues.map((issue) => issue.code),
      ['unknown-field'],
    );
  });
});

describe('parseFeatureFile on odd front-matter', () => {
  test('missing front-matter: not a feature, no issue', () => {
    const parsed = parse('# Just notes\n\nSome text.\n');
    assert.equal(parsed.isFeature, false);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.feature, undefined);
  });

  test('empty front-matter (also whitespace, a comment, or `~`): a feature missing its required fields', () => {
    for (const yaml of ['', '\n', '# only a comment\n', '~\n', 'null\n']) {
      const text = `---\n${yaml}---\n`;
      const parsed = parse(text);
      assert.equal(parsed.isFeature, true, yaml);
      assert.deepEqual(
        parsed.issues.map((issue) => [issue.code, issue.message, issue.span]),
        [
          ['missing-field', "Required field 'id' is missing.", { start: 0, end: 3 }],
          ['missing-field', "Required field 'title' is missing.", { start: 0, end: 3 }],
          ['missing-field', "Required field 'status' is missing.", { start: 0, end: 3 }],
        ],
        JSON.stringify(yaml),
      );
    }
  });

  test('unclosed front-matter: one error on the opening fence', () => {
    const parsed = parse('---\nid: F-1\ntitle: T\n\n# Body\n');
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, issue.severity, issue.span]),
      [['frontmatter-unclosed', 'error', { start: 0, end: 3 }]],
    );
    assert.equal(parsed.feature, undefined);
  });

  test('a list or a scalar is not a mapping: one error over the YAML', () => {
    const list = '---\n- F-1\n- F-2\n---\n';
    const [listIssue] = parse(list).issues;
    assert.equal(listIssue.code, 'frontmatter-not-mapping');
    assert.equal(
      listIssue.message,
      'The front-matter is a list; it must be fields such as `id: F-001` on separate lines.',
    );
    assert.equal(list.slice(listIssue.span.start, listIssue.span.end), '- F-1\n- F-2\n');
    for (const scalar of ['just text', '42', 'true', '"quoted"', '|\n  block\n']) {
      const parsed = parse(`---\n${scalar}\n---\n`);
      assert.deepEqual(
        parsed.issues.map((issue) => [issue.code, issue.message]),
        [
          [
            'frontmatter-not-mapping',
            'The front-matter is a single value; it must be fields such as `id: F-001` on separate lines.',
          ],
        ],
        scalar,
      );
    }
  });

  test('comments anywhere are ignored', () => {
    const text =
      '---\n# leading\nid: F-1 # trailing\n  # indented\ntitle: "T # not a comment"\nstatus: idea\n# last\n---\n';
    const parsed = parse(text);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.feature?.title, 'T # not a comment');
  });

  test('anchors and aliases resolve (through the bounded parser)', () => {
    const text = '---\nid: F-1\ntitle: &name Shared name\nstatus: idea\nowner: *name\ntags: &t [a, b]\n---\n';
    const parsed = parse(text);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.feature?.owner, 'Shared name');
    assert.deepEqual(parsed.feature?.tags, ['a', 'b']);
  });

  test('an alias bomb is a yaml-syntax error, quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = performance.now();
    const parsed = parse(`---\n${levels.join('\n')}\n---\n`);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, issue.message]),
      [
        [
          'yaml-syntax',
          'Invalid YAML in the front-matter: Excessive alias count indicates a resource exhaustion attack.',
        ],
      ],
    );
  });

  test('an undefined alias is a yaml-syntax error', () => {
    const parsed = parse('---\nid: F-1\ntitle: *nowhere\nstatus: idea\n---\n');
    assert.deepEqual(
      parsed.issues.map((issue) => issue.code),
      ['yaml-syntax'],
    );
  });

  test('YAML 1.2 core schema: dates stay text, yes/no/on/off stay text, 0o17 is a number', () => {
    const result = parseYamlFast('d: 2026-01-05\ny: yes\no: off\nn: 0o17\nt: true\ne: ~\n');
    assert.deepEqual(result, {
      ok: true,
      value: { d: '2026-01-05', y: 'yes', o: 'off', n: 15, t: true, e: null },
    });
    const bounded = parseYamlBounded('d: 2026-01-05\ny: yes\no: off\nn: 0o17\nt: true\ne: ~\n');
    assert.deepEqual(bounded, result);
  });

  test('a syntax error carries the exact position in the YAML', () => {
    const yaml = 'id: F-1\ntitle: "unclosed\n';
    const result = parseYamlFast(yaml);
    assert.equal(result.ok, false);
    const duplicate = parseYamlFast('id: F-1\nid: F-2\n');
    assert.deepEqual(duplicate.ok ? undefined : [duplicate.offset, duplicate.message], [
      8,
      'Map keys must be unique',
    ]);
  });

  test('yaml-syntax issues point into the front-matter', () => {
    const cases: [string, string, string][] = [
      ['tab indentation', 'id: F-1\nrice:\n\treach: 1\n', 'Tabs are not allowed as indentation'],
      ['duplicate key', 'id: F-1\ntitle: A\ntitle: B\n', 'Map keys must be unique'],
      [
        'bad indentation',
        'rice:\n  reach: 1\n impact: 2\n',
        'All mapping items must start at the same column',
      ],
      ['unclosed flow list', 'id: F-1\ntags: [a, b\nstatus: idea\n', ''],
    ];
    for (const [name, yaml, message] of cases) {
      const text = `---\n${yaml}---\n`;
      const parsed = parse(text);
      assert.equal(parsed.issues.length, 1, name);
      const [issue] = parsed.issues;
      assert.equal(issue.code, 'yaml-syntax', name);
      assert.ok(issue.message.includes(message), `${name}: ${issue.message}`);
      assert.ok(
        issue.span.start >= 4 && issue.span.end <= text.length - 4,
        `${name}: ${JSON.stringify(issue.span)}`,
      );
      assert.ok(issue.span.end > issue.span.start, `${name}: empty span`);
    }
    const duplicate = '---\nid: F-1\ntitle: A\ntitle: B\n---\n';
    const [issue] = parse(duplicate).issues;
    assert.equal(duplicate.slice(issue.span.start, issue.span.start + 5), 'title');
    assert.equal(duplicate.slice(0, issue.span.start).split('\n').length, 4);
  });

  test('an unclosed quote is reported inside the front-matter, not on the body', () => {
    const text = '---\nid: F-1\ntitle: "unclosed\nstatus: idea\n---\nBody\n';
    const [issue] = parse(text).issues;
    assert.equal(issue.code, 'yaml-syntax');
    assert.ok(
      issue.span.start >= 4 && issue.span.start <= text.indexOf('\n---\n') + 1,
      JSON.stringify(issue.span),
    );
  });

  test('a NUL byte means binary: one file-unreadable issue, no feature', () => {
    const parsed = parse('---\nid: F-1\u0000\n---\n');
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, issue.span]),
      [['file-unreadable', { start: 0, end: 0 }]],
    );
    assert.equal(parsed.feature, undefined);
    const notFeature = parse('binary\u0000data');
    assert.equal(notFeature.isFeature, false);
    assert.deepEqual(notFeature.issues, []);
  });

  test('undecodable bytes (U+FFFD) in the front-matter are reported, and the rest still parses', () => {
    const text = '---\nid: F-1\ntitle: Caf\uFFFD\nstatus: idea\n---\n';
    const parsed = parse(text);
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, issue.span]),
      [['file-unreadable', { start: 0, end: 3 }]],
    );
    assert.equal(parsed.feature?.id, 'F-1');
    // Only the front-matter matters: a replacement character in the body is not reported.
    assert.deepEqual(parse('---\nid: F-1\ntitle: T\nstatus: idea\n---\nCaf\uFFFD\n').issues, []);
  });

  test('deep nesting does not overflow the stack', () => {
    const depth = 10_000;
    const yaml = `id: F-1\ntitle: T\nstatus: idea\ntags: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const started = performance.now();
    const parsed = parse(`---\n${yaml}---\n`);
    assert.ok(performance.now() - started < 2000);
    assert.ok(parsed.issues.length >= 1);
    assert.ok(
      parsed.issues.every((issue) => issue.code === 'yaml-syntax' || issue.code === 'invalid-type'),
      JSON.stringify(parsed.issues.map((issue) => issue.code)),
    );
  });
});

describe('FrontmatterLocator', () => {
  const text = '---\nid: F-1\nrice:\n  reach: 100\n  impact: 2\ntags:\n  - a\n  - b\nflow: { x: 1 }\n---\n';
  const split = closed(splitFrontmatter(text));
  const locator = new FrontmatterLocator(text.slice(split.yamlStart, split.yamlEnd), split.yamlStart);
  const slice = (span: { start: number; end: number } | undefined) =>
    span ? text.slice(span.start, span.end) : undefined;

  test('top-level key and value', () => {
    const located = locator.locate(['id']);
    assert.equal(slice(located.key), 'id');
    assert.equal(slice(located.value), 'F-1');
  });

  test('nested key and value', () => {
    const located = locator.locate(['rice', 'impact']);
    assert.equal(slice(located.key), 'impact');
    assert.equal(slice(located.value), '2');
  });

  test('list items by index, and flow maps', () => {
    assert.equal(slice(locator.locate(['tags', 1]).value), 'b');
    assert.equal(slice(locator.locate(['flow', 'x']).value), '1');
  });

  test('a missing leaf gives its nearest parent; a missing root gives nothing', () => {
    assert.equal(slice(locator.locate(['rice', 'effort']).key), 'rice');
    assert.equal(slice(locator.locate(['tags', 9]).key), 'tags');
    assert.deepEqual(locator.locate(['nope']), {});
  });
});
