// Property tests (issue 7.2): the parser never throws, the edits are lossless on generated documents, and the
// CLI's JSON is always JSON.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import './propertySeed';
import { Lexer, Parser } from 'yaml';
import { runCli } from '../../src/cli/main';
import { defaultConfig } from '../../src/core/config';
import { didYouMean, editDistance } from '../../src/core/didYouMean';
import { applyEdits, minimalEdit, removeField, setField, type FieldValue } from '../../src/core/edits';
import { parseFeatureFile } from '../../src/core/featureFile';
import { nestingBound } from '../../src/core/frontmatter';
import { splitFrontmatter } from '../../src/core/fences';
import { formatScore, storedScoreMatches } from '../../src/core/scoring';
import type { Feature } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const config = defaultConfig();
const runs = (numRuns: number) => ({ numRuns, endOnFailure: true });

describe('parseFeatureFile never throws', () => {
  const check = (text: string) => {
    const parsed = parseFeatureFile('roadmap/f.md', text, config);
    for (const issue of parsed.issues) {
      assert.ok(
        issue.span.start >= 0 && issue.span.start <= issue.span.end && issue.span.end <= text.length,
        JSON.stringify(issue),
      );
    }
    const starts = parsed.issues.map((issue) => issue.span.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    if (parsed.feature) assert.equal(parsed.isFeature, true);
  };

  test('on arbitrary strings (any code units, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => check(text)),
      runs(150),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => check(`---\n${text}`)),
      runs(150),
    );
  });

  // Lines that look like YAML: keys, lists, flow collections, quotes, anchors, tags, comments, fences.
  const yamlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'id: F-1',
          'title: T',
          'status: idea',
          'moscow: must',
          'rice:',
          '  reach: 10',
          '  impact: 3',
          '  confidence: 80%',
          '  effort: 0',
          'depends_on: [F-1, F-2]',
          'depends_on:',
          '  - F-1',
          '- x',
          '? complex',
          ': value',
          '&a anchor',
          '*a',
          'x: &b [1, *b]',
          'y: !!binary aGVsbG8=',
          'z: !custom {a: 1}',
          '"quoted: key": 1',
          "'single",
          '"double',
          '{',
          ']',
          '\t tab',
          '# comment',
          '---',
          '...',
          'score: 1e999',
          'progress: -0',
          'start: 2026-13-45',
          'evidence: [{url: 1}]',
          '__proto__: {id: X}',
          'constructor: 1',
          '<<: {id: M}',
        ),
        fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
        fc
          .tuple(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string({ unit: 'grapheme', maxLength: 20 }))
          .map(([key, value]) => `${key}: ${value}`),
      ),
      { maxLength: 15 },
    )
    .chain((lines) =>
      fc.constantFrom('\n', '\r\n').map((eol) => `---${eol}${lines.join(eol)}${eol}---${eol}body`),
    );

  test('on front-matter-shaped strings', () => {
    fc.assert(
      fc.property(yamlish, (text) => check(text)),
      runs(300),
    );
  });

  test('and the index takes any set of such files, with every issue inside its file', () => {
    fc.assert(
      fc.property(fc.array(yamlish, { maxLength: 6 }), (texts) => {
        const index = new WorkspaceIndex(config);
        texts.forEach((text, i) => index.update(`roadmap/${i}.md`, text));
        index.flush();
        texts.forEach((text, i) => {
          for (const issue of index.issues(`roadmap/${i}.md`))
            assert.ok(issue.span.end <= text.length, JSON.stringify(issue));
        });
      }),
      runs(100),
    );
  });
});

// ----- Generated valid documents ------------------------------------------------------------------------

type Style = 'plain' | 'single' | 'double';
const statuses = config.statuses.map((status) => status.id);

/**
 * Text with no line breaks or control characters (what people put in titles), never empty. U+FFFD is left
 * out too: it is what a failed UTF-8 decode leaves, so the parser reports a front-matter holding one as
 * unreadable (file-unreadable).
 */
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((value) => !/[\p{Cc}\p{Cs}\u2028\u2029\ufeff\ufffd\ufffe\uffff]/u.test(value));
const word = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/)
  .filter((value) => !/^(?:true|false|null|yes|no|on|off|y|n)$/i.test(value));
const plainText = fc
  .tuple(word, fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), { maxLength: 2 }))
  .map(([first, rest]) => [first, ...rest].join(' '));
const identifier = fc
  .tuple(fc.constantFrom('F', 'API', 'team/x'), fc.integer({ min: 0, max: 9999 }))
  .map(([prefix, n]) => `${prefix}-${n}`);

/** A scalar as written in YAML, independently of the code under test. */
function render(value: string, style: Style): string {
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(value);
  return value;
}

interface Written {
  key: string;
  /** The front-matter lines of this field. */
  lines: string[];
  /** The exact text of its value, to find where it is. */
  value: string;
  kind: 'scalar' | 'list' | 'map';
}

const comment = fc.option(fc.constantFrom(' # note', ' #', ' # with: colon'), { nil: '' });

const scalarField = (key: string, values: fc.Arbitrary<string>, styles: Style[]) =>
  fc.tuple(values, fc.constantFrom(...styles), comment).map(([value, style, trailing]): Written => {
    const written = render(value, style);
    return { key, lines: [`${key}: ${written}${trailing}`], value: written, kind: 'scalar' };
  });

const listField = (key: string, items: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(items, { minLength: 1, maxLength: 4 }), fc.boolean(), comment)
    .map(([values, block, trailing]): Written => {
      if (block) {
        const lines = values.map((value) => `  - ${value}`);
        return {
          key,
          lines: [`${key}:${trailing}`, ...lines],
          value: lines.join('\n').slice(2),
          kind: 'list',
        };
      }
      const written = `[${values.join(', ')}]`;
      return { key, lines: [`${key}: ${written}${trailing}`], value: written, kind: 'list' };
    });

const riceField = fc
  .tuple(
    fc.integer({ min: 0, max: 100_000 }),
    fc.constantFrom('3', '2', '1', '0.5', '0.25'),
    fc.constantFrom('80%', '50%', '0.8', '100'),
    fc.constantFrom('1', '0.5', '3', '12'),
    fc.boolean(),
  )
  .map(([reach, impact, confidence, effort, block]): Written => {
    const entries = [
      `reach: ${reach}`,
      `impact: ${impact}`,
      `confidence: ${confidence}`,
      `effort: ${effort}`,
    ];
    if (block)
      return {
        key: 'rice',
        lines: ['rice:', ...entries.map((entry) => `  ${entry}`)],
        value: '',
        kind: 'map',
      };
    return { key: 'rice', lines: [`rice: { ${entries.join(', ')} }`], value: '', kind: 'map' };
  });

const document = fc
  .record({
    id: scalarField('id', identifier, ['plain', 'single', 'double']),
    title: scalarField('title', text, ['single', 'double']).chain((quoted) =>
      fc.oneof(fc.constant(quoted), scalarField('title', plainText, ['plain'])),
    ),
    status: scalarField('status', fc.constantFrom(...statuses), ['plain', 'single', 'double']),
    moscow: fc.option(
      scalarField('moscow', fc.constantFrom('must', 'should', 'could', 'wont'), ['plain', 'double']),
      { nil: undefined },
    ),
    owner: fc.option(scalarField('owner', text, ['single', 'double']), { nil: undefined }),
    team: fc.option(scalarField('team', plainText, ['plain', 'single']), { nil: undefined }),
    x_note: fc.option(scalarField('x_note', text, ['double']), { nil: undefined }),
    rice: fc.option(riceField, { nil: undefined }),
    tags: fc.option(listField('tags', word), { nil: undefined }),
    depends_on: fc.option(listField('depends_on', identifier), { nil: undefined }),
  })
  .chain((fields) => {
    const present = Object.values(fields).filter((field): field is Written => field !== undefined);
    return fc.tuple(
      fc.shuffledSubarray(present, { minLength: present.length, maxLength: present.length }),
      fc.array(fc.boolean(), { minLength: present.length + 1, maxLength: present.length + 1 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(
        fc.string({ unit: 'grapheme', maxLength: 30 }).map((line) => line.replace(/[\r\n]/g, ' ')),
        { maxLength: 4 },
      ),
      fc.boolean(),
    );
  })
  .map(([fields, comments, eol, bodyLines, bom]) => {
    const lines: string[] = [];
    fields.forEach((field, i) => {
      if (comments[i]) lines.push('# a comment line');
      lines.push(...field.lines);
    });
    if (comments[fields.length]) lines.push('# last comment');
    const body = bodyLines.join(eol);
    const textOut = `${bom ? '\uFEFF' : ''}---${eol}${lines.join(eol)}${eol}---${eol}${body}`;
    return { text: textOut, fields, eol };
  });

/** Where a top-level field's value is written (the generator knows its exact text). */
function valueSpan(textIn: string, field: Written, eol: string): { start: number; end: number } {
  const value = field.value.replace(/\n/g, eol);
  const keyAt = textIn.indexOf(`${eol}${field.key}:`);
  assert.ok(keyAt >= 0, field.key);
  const start = textIn.indexOf(value, keyAt + eol.length + field.key.length + 1);
  return { start, end: start + value.length };
}

const featureOf = (textIn: string): Feature => {
  const parsed = parseFeatureFile('roadmap/f.md', textIn, config);
  assert.ok(parsed.feature, JSON.stringify(parsed.issues));
  return parsed.feature;
};

const codesOf = (textIn: string) =>
  parseFeatureFile('roadmap/f.md', textIn, config).issues.map((issue) => issue.code);

/** The feature's fields other than `name` (and what depends on it): they must not change. */
function others(feature: Feature, name: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...feature };
  delete copy[name === 'depends_on' ? 'dependsOn' : name];
  if (name === 'rice') delete copy.score;
  return copy;
}

/** Any text at all, weighted towards YAML punctuation, quotes, line breaks and unprintable characters. */
const wildText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((value) => !value.includes('\ufffd')),
  fc.string({
    unit: fc.constantFrom(
      ':',
      ' ',
      '#',
      '-',
      '@',
      '`',
      "'",
      '"',
      '\n',
      '\r',
      '\t',
      '\\',
      'a',
      '1',
      '.',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '?',
      '~',
      '+',
      'e',
      'x',
      '0',
      '\u0085',
      '\u2028',
      '\u007f',
      '\ufeff',
      '\u202e',
    ),
    minLength: 1,
    maxLength: 8,
  }),
  text,
);

const newValueFor: Record<string, fc.Arbitrary<FieldValue>> = {
  id: identifier,
  title: wildText,
  status: fc.constantFrom(...statuses),
  moscow: fc.constantFrom('must', 'should', 'could', 'wont'),
  owner: wildText,
  team: wildText,
  tags: fc.array(wildText, { minLength: 1, maxLength: 3 }),
  depends_on: fc.array(identifier, { minLength: 1, maxLength: 3 }),
};

function expectValue(feature: Feature, name: string, value: FieldValue): void {
  const actual =
    name === 'depends_on' ? feature.dependsOn : (feature as unknown as Record<string, unknown>)[name];
  assert.deepEqual(actual, value);
}

describe('lossless edits on generated documents', () => {
  test('the generated documents are valid feature files', () => {
    fc.assert(
      fc.property(document, ({ text: generated }) => {
        const parsed = parseFeatureFile('roadmap/f.md', generated, config);
        assert.ok(parsed.feature, generated);
        assert.deepEqual(
          parsed.issues.filter((issue) => issue.severity === 'error'),
          [],
          generated,
        );
      }),
      runs(150),
    );
  });

  test('setField on a present field changes only that value’s bytes, and re-parsing gives the new value', () => {
    const setting = document.chain((generated) => {
      const candidates = generated.fields.filter((field) => field.kind !== 'map' && newValueFor[field.key]);
      return fc
        .tuple(fc.constant(generated), fc.constantFrom(...candidates))
        .chain(([doc, field]) => fc.tuple(fc.constant(doc), fc.constant(field), newValueFor[field.key]));
    });
    fc.assert(
      fc.property(setting, ([{ text: original, eol }, field, value]) => {
        const span = valueSpan(original, field, eol);
        const result = setField(original, [field.key], value);
        assert.ok(result.ok, result.ok ? '' : result.reason);
        assert.equal(result.edits.length, 1);
        const edited = applyEdits(original, result.edits);
        assert.equal(edited.slice(0, span.start), original.slice(0, span.start), 'prefix changed');
        assert.equal(
          edited.slice(edited.length - (original.length - span.end)),
          original.slice(span.end),
          'suffix changed',
        );
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(edited), 'a bare LF in a CRLF file');
        const before = featureOf(original);
        const after = featureOf(edited);
        expectValue(after, field.key, value);
        assert.deepEqual(others(after, field.key), others(before, field.key));
        assert.deepEqual(codesOf(edited), codesOf(original));
      }),
      runs(200),
    );
  });

  test('setField on a nested RICE input changes only that number', () => {
    const setting = fc.tuple(
      document.filter((generated) => generated.fields.some((field) => field.key === 'rice')),
      fc.constantFrom('reach', 'effort'),
      fc.double({ min: 0.01, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(setting, ([{ text: original }, child, value]) => {
        const riceAt = original.search(/\nrice:/);
        const start = original.indexOf(`${child}: `, riceAt) + child.length + 2;
        const end = start + /^[\d.]+/.exec(original.slice(start))![0].length;
        const result = setField(original, ['rice', child], value);
        assert.ok(result.ok);
        const edited = applyEdits(original, result.edits);
        assert.equal(edited, original.slice(0, start) + String(value) + original.slice(end));
        assert.equal(featureOf(edited).rice?.[child], value);
      }),
      runs(150),
    );
  });

  test('setField on an absent field inserts whole lines and nothing else', () => {
    const setting = document.chain((generated) => {
      const present = new Set(generated.fields.map((field) => field.key));
      const absent = Object.keys(newValueFor).filter((key) => !present.has(key));
      return absent.length === 0
        ? fc.constant(undefined)
        : fc
            .constantFrom(...absent)
            .chain((key) => fc.tuple(fc.constant(generated), fc.constant(key), newValueFor[key]));
    });
    fc.assert(
      fc.property(setting, (input) => {
        if (!input) return;
        const [{ text: original, eol }, key, value] = input;
        const result = setField(original, [key], value);
        assert.ok(result.ok);
        assert.equal(result.edits.length, 1);
        const [edit] = result.edits;
        assert.equal(edit.start, edit.end, 'an insertion replaces nothing');
        assert.equal(original[edit.start - 1], '\n', 'inserted at a line start');
        assert.ok(
          edit.newText.endsWith(eol) && edit.newText.startsWith(`${key}:`),
          JSON.stringify(edit.newText),
        );
        const edited = applyEdits(original, result.edits);
        const before = featureOf(original);
        const after = featureOf(edited);
        expectValue(after, key, value);
        assert.deepEqual(others(after, key), others(before, key));
      }),
      runs(150),
    );
  });

  test('removeField removes exactly that entry’s lines', () => {
    const removing = document.chain((generated) =>
      fc.tuple(fc.constant(generated), fc.constantFrom(...generated.fields)),
    );
    fc.assert(
      fc.property(removing, ([{ text: original }, field]) => {
        const result = removeField(original, [field.key]);
        assert.ok(result.ok);
        assert.equal(result.edits.length, 1);
        const [edit] = result.edits;
        assert.equal(edit.newText, '');
        const removed = original.slice(edit.start, edit.end);
        assert.equal(original[edit.start - 1], '\n');
        assert.ok(removed.endsWith('\n'));
        assert.ok(removed.startsWith(`${field.key}:`), JSON.stringify(removed));
        assert.equal(removed.split('\n').length - 1, field.lines.length, JSON.stringify(removed));
        const edited = applyEdits(original, result.edits);
        const parsed = parseFeatureFile('roadmap/f.md', edited, config);
        const before = featureOf(original);
        if (parsed.feature) {
          assert.deepEqual(others(parsed.feature, field.key), others(before, field.key));
          assert.equal(splitFrontmatter(edited).kind, 'closed');
        }
      }),
      runs(150),
    );
  });
});

describe('small invariants', () => {
  test('minimalEdit turns any text into any other, touching no more than it must', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (before, after_) => {
          const edit = minimalEdit(before, after_);
          assert.equal(applyEdits(before, [edit]), after_);
          assert.ok(edit.start <= edit.end && edit.end <= before.length);
          assert.ok(edit.newText.length <= after_.length);
          if (before === after_) assert.equal(edit.newText, '');
        },
      ),
      runs(300),
    );
  });

  test('a score written as formatScore shows it is never stale', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (score) => {
        assert.ok(storedScoreMatches(Number(formatScore(score)), score), `${score} → ${formatScore(score)}`);
      }),
      runs(500),
    );
  });

  test('editDistance is symmetric, zero only for equal strings, and bounded by the longer length', () => {
    const short = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(short, short, (a, b) => {
        const distance = editDistance(a, b);
        assert.equal(distance, editDistance(b, a));
        assert.equal(distance === 0, a === b);
        assert.ok(distance <= Math.max(a.length, b.length));
        assert.equal(editDistance(a, b, 1) <= 1, distance <= 1);
      }),
      runs(300),
    );
  });

  test('a swapped pair of letters is one edit, so did-you-mean finds it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{4,10}$/), fc.nat(), (word_, at) => {
        const i = at % (word_.length - 1);
        if (word_[i] === word_[i + 1]) return;
        const swapped = word_.slice(0, i) + word_[i + 1] + word_[i] + word_.slice(i + 2);
        assert.equal(editDistance(word_, swapped), 1);
        assert.deepEqual(didYouMean(swapped, [word_]), [word_]);
      }),
      runs(200),
    );
  });

  test('the quick nesting bound is never below the depth yaml’s parser reaches', () => {
    const depthOf = (source: string): number => {
      const parser = new Parser();
      let deepest = 0;
      for (const lexeme of new Lexer().lex(source)) {
        for (const _token of parser.next(lexeme)) {
          // Only the stack depth matters.
        }
        deepest = Math.max(deepest, parser.stack.length);
      }
      return deepest;
    };
    const pieces = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      '- ',
      '? ',
      ': ',
      'a',
      'b:',
      ' ',
      '  ',
      '\n',
      '\n  ',
      '\n    ',
      ',',
      '"',
      "'",
      '#',
      '\t',
      '|',
      '>',
      '&x ',
      '*x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 120 }), (parts) => {
        const source = parts.join('');
        assert.ok(nestingBound(source) >= depthOf(source), JSON.stringify(source));
      }),
      runs(1000),
    );
    // Nesting by indentation, with lists at their key's indentation: two levels per step.
    const stairs = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}- k${i}:`).join('\n');
    assert.ok(nestingBound(stairs) >= depthOf(stairs));
  });

  test('the invalid-id replacement is itself a valid id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (id) => {
        const parsed = parseFeatureFile(
          'roadmap/f.md',
          `---\nid: ${JSON.stringify(id)}\ntitle: T\nstatus: idea\n---\n`,
          config,
        );
        const issue = parsed.issues.find((candidate) => candidate.code === 'invalid-id');
        if (!issue) return;
        const replacement = String(issue.data?.replacement ?? '');
        if (replacement === '') return;
        const again = parseFeatureFile(
          'roadmap/f.md',
          `---\nid: ${JSON.stringify(replacement)}\ntitle: T\nstatus: idea\n---\n`,
          config,
        );
        assert.deepEqual(
          again.issues.map((candidate) => candidate.code),
          [],
          JSON.stringify([id, replacement]),
        );
      }),
      runs(300),
    );
  });
});

describe('the CLI always prints valid JSON', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('lint --format json on random corpora', () => {
    const files = fc.array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        document.map((generated) => generated.text),
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(files, (contents) => {
        const root = mkdtempSync(join(tmpdir(), 'roadmap-prop-'));
        dirs.push(root);
        mkdirSync(join(root, 'roadmap'));
        contents.forEach((content, i) => writeFileSync(join(root, 'roadmap', `f${i}.md`), content));
        let stdout = '';
        const code = runCli(['lint', root, '--format', 'json'], {
          cwd: root,
          stdout: (chunk) => (stdout += chunk),
          stderr: () => undefined,
        });
        const output = JSON.parse(stdout) as {
          files: unknown;
          features: unknown;
          diagnostics: { severity: string; line: number; column: number }[];
        };
        assert.deepEqual(Object.keys(output), ['files', 'features', 'diagnostics']);
        assert.equal(output.files, contents.length);
        // No feature at all is exit 2 (lint must not pass while checking nothing).
        const expected =
          output.features === 0
            ? 2
            : output.diagnostics.some((diagnostic) => diagnostic.severity === 'error')
              ? 1
              : 0;
        assert.equal(code, expected);
        for (const diagnostic of output.diagnostics)
          assert.ok(diagnostic.line >= 1 && diagnostic.column >= 1);
        rmSync(root, { recursive: true, force: true });
      }),
      runs(40),
    );
  });
});
