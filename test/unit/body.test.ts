// The Markdown body: task lists, headings and links to other feature files, with file line numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeBody } from '../../src/core/body';
import { parseFeatureFile } from '../../src/core/featureFile';
import { defaultConfig } from '../../src/core/config';
import { metadataRevision, metadataRevisionOfText, revisionOf } from '../../src/core/revision';

describe('analyzeBody', () => {
  const text = [
    '---',
    'id: F-1',
    'title: T',
    '---',
    '',
    '# Problem',
    '',
    'See [checkout](F-011-self-serve-checkout.md) and [the spec](../docs/spec.markdown#api).',
    'Not these: [site](https://example.com/a.md), [mail](mailto:a@b.md), [image](pic.png).',
    '',
    '## Tasks',
    '',
    '- [x] done one',
    '- [X] done two',
    '- [ ] open',
    '  - [ ] nested open',
    '- plain item',
    '* [x] star bullet',
    '1. [ ] numbered',
    '',
    '```md',
    '- [ ] inside code: not a task',
    '# not a heading',
    '```',
    '',
    '### Notes with **bold** and `code`',
  ].join('\n');

  test('counts checked and open task items, nested and numbered ones included, code excluded', () => {
    assert.deepEqual(analyzeBody(text).tasks, { done: 3, total: 6 });
  });

  test('lists headings with their depth, plain text and zero-based file line', () => {
    assert.deepEqual(analyzeBody(text).headings, [
      { depth: 1, text: 'Problem', line: 5 },
      { depth: 2, text: 'Tasks', line: 10 },
      { depth: 3, text: 'Notes with bold and code', line: 25 },
    ]);
  });

  test('collects relative links to Markdown files only', () => {
    assert.deepEqual(analyzeBody(text).featureLinks, [
      { target: 'F-011-self-serve-checkout.md', line: 7 },
      { target: '../docs/spec.markdown#api', line: 7 },
    ]);
  });

  test('CRLF files count lines the same', () => {
    const crlf = analyzeBody(text.replace(/\n/g, '\r\n'));
    assert.deepEqual(
      crlf.headings.map((heading) => heading.line),
      [5, 10, 25],
    );
    assert.deepEqual(crlf.tasks, { done: 3, total: 6 });
  });

  test('without front-matter the whole file is the body', () => {
    assert.deepEqual(analyzeBody('# Title\n- [ ] a\n').headings, [{ depth: 1, text: 'Title', line: 0 }]);
    assert.deepEqual(analyzeBody('---\nid: F-1\n# never closed\n- [x] a\n').tasks, { done: 1, total: 1 });
  });

  test('an unclosed code fence swallows the rest, and nothing breaks', () => {
    const insights = analyzeBody('---\nid: F-1\n---\n```js\n- [ ] not a task\n# not a heading\n');
    assert.deepEqual(insights, { tasks: { done: 0, total: 0 }, headings: [], featureLinks: [] });
  });

  test('an empty body', () => {
    assert.deepEqual(analyzeBody('---\nid: F-1\n---\n'), {
      tasks: { done: 0, total: 0 },
      headings: [],
      featureLinks: [],
    });
  });

  test('HTML in the body stays literal text (whoever shows a heading must escape it)', () => {
    const insights = analyzeBody('---\nid: F-1\n---\n<script>alert(1)</script>\n\n# Real <b>heading</b>\n');
    assert.deepEqual(insights.headings, [{ depth: 1, text: 'Real <b>heading</b>', line: 5 }]);
    assert.deepEqual(insights.tasks, { done: 0, total: 0 });
  });
});

describe('revisionOf', () => {
  test('is stable, short, and changes with any edit', () => {
    assert.equal(revisionOf('abc'), revisionOf('abc'));
    assert.match(revisionOf('abc'), /^[0-9a-z]+-3$/);
    assert.notEqual(revisionOf('abc'), revisionOf('abd'));
    assert.notEqual(revisionOf('a\r\n'), revisionOf('a\n\r'));
    assert.equal(revisionOf(''), `${(0x811c9dc5).toString(36)}-0`);
  });
});

describe('metadataRevision', () => {
  const file = 'roadmap/a.md';
  const text = '---\nid: F-1\nstatus: planned\n---\n# A\n\n- [ ] task\n';
  const fromIndex = (source: string, name = file) =>
    metadataRevision(parseFeatureFile(name, source, defaultConfig()).yamlText ?? '');

  test("the index's parse and the document's text give the same revision", () => {
    assert.equal(fromIndex(text), metadataRevisionOfText(text, file));
    // VS Code drops a BOM from the document; the disk keeps it.
    assert.equal(fromIndex(`\uFEFF${text}`), metadataRevisionOfText(text, file));
    const yaml = 'kep-number: 42\nstage: beta\n';
    assert.equal(fromIndex(yaml, 'keps/42/kep.yaml'), metadataRevisionOfText(yaml, 'keps/42/kep.yaml'));
  });

  test('changes with the front-matter, not with the body or line endings', () => {
    assert.notEqual(metadataRevisionOfText(text.replace('planned', 'done'), file), fromIndex(text));
    assert.equal(metadataRevisionOfText(text.replace('- [ ] task', '- [x] task'), file), fromIndex(text));
    assert.equal(metadataRevisionOfText(text.replace(/\n/g, '\r\n'), file), fromIndex(text));
    // A file whose front-matter never closes has no metadata to edit.
    assert.equal(metadataRevisionOfText('---\nid: F-1\n', file), metadataRevision(''));
  });
});
