// Quick fixes for front-matter that does not parse (src/core/language/fixes/yamlRepair.ts): the unclosed block,
// YAML syntax errors line by line, a list or a single value instead of fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixesFor } from '../../src/core/language/fixes';
import { apply, contextFor, crlf, fixTitled, fixes, head, issuesOf, preferred } from './fixTestKit';
test('frontmatter-unclosed: the closing fence goes after the last YAML-looking line', () => {
  const cases: [string, string][] = [
    // Stops at a blank line.
    ['---\nid: F-001\ntitle: One\n\n# One\n', '---\nid: F-001\ntitle: One\n---\n\n# One\n'],
    // Stops at a heading; nested and list lines belong to the block.
    [
      '---\nid: F-001\nrice:\n  reach: 1\ntags:\n- a\n# One\nBody\n',
      '---\nid: F-001\nrice:\n  reach: 1\ntags:\n- a\n---\n# One\nBody\n',
    ],
    // A comment followed by a field is a comment, not a heading.
    [
      '---\nid: F-001\n# The name\ntitle: One\nBody text.\n',
      '---\nid: F-001\n# The name\ntitle: One\n---\nBody text.\n',
    ],
    // At the end of the file, without a final line break.
    ['---\nid: F-001\ntitle: One', '---\nid: F-001\ntitle: One\n---\n'],
    [
      '---\r\nid: F-001\r\ntitle: One\r\n\r\n# One\r\n',
      '---\r\nid: F-001\r\ntitle: One\r\n---\r\n\r\n# One\r\n',
    ],
  ];
  for (const [text, expected] of cases) {
    const fix = preferred(fixes(text, 'frontmatter-unclosed'));
    assert.equal(fix.title, 'Insert the closing ---');
    assert.equal(apply(text, fix), expected);
  }
  // Nothing YAML-like after the fence (a thematic break?): no guess.
  assert.deepEqual(fixes('---\n# Notes\n\nText\n', 'frontmatter-unclosed'), []);
});

test('yaml-syntax: values that need quotes, and quotes inside quoted values', () => {
  const cases: [string, string, string][] = [
    ['title: Foo: bar', 'Quote the value', 'title: "Foo: bar"'],
    ['title: @home', 'Quote the value', 'title: "@home"'],
    ['title: [draft] Launch', 'Quote the value', 'title: "[draft] Launch"'],
    ['title: `code` review', 'Quote the value', 'title: "`code` review"'],
    ['title: Foo: bar # see #12', 'Quote the value', 'title: "Foo: bar # see #12"'],
    ['title: [unclosed', 'Quote the value', 'title: "[unclosed"'],
    ["title: 'It's done'", 'Escape the quotes inside the value', "title: 'It''s done'"],
    ['title: "Say "hi" \\n"', 'Escape the quotes inside the value', 'title: "Say \\"hi\\" \\n"'],
    ['title: "Open ended', 'Add the closing "', 'title: "Open ended"'],
    ['title: "Big" launch', 'Quote the value', 'title: "\\"Big\\" launch"'],
  ];
  for (const [line, title, fixed] of cases) {
    for (const text of [
      head(`id: F-001\n${line}\nstatus: idea`),
      crlf(head(`id: F-001\n${line}\nstatus: idea`)),
    ]) {
      const fix = preferred(fixes(text, 'yaml-syntax'));
      assert.equal(fix.title, title, line);
      assert.equal(apply(text, fix), text.replace(line, fixed), line);
    }
  }
});

test('yaml-syntax: tabs, repeated keys, missing colons and brackets, stray indents', () => {
  const tabs = head('id: F-001\ntitle: One\nstatus: idea\nrice:\n\treach: 1\n\timpact: 2');
  assert.equal(
    apply(tabs, preferred(fixes(tabs, 'yaml-syntax'))),
    head('id: F-001\ntitle: One\nstatus: idea\nrice:\n  reach: 1\n  impact: 2'),
  );
  // One tab is one step of the indentation the other lines use.
  const mixed = crlf(head('id: F-001\nrice:\n    reach: 1\n\timpact: 2'));
  assert.equal(
    apply(mixed, fixTitled(fixes(mixed, 'yaml-syntax'), 'Replace tabs with spaces')),
    crlf(head('id: F-001\nrice:\n    reach: 1\n    impact: 2')),
  );

  const same = head('id: F-001\nstatus: idea\ntitle: One\nstatus: idea');
  const sameFix = preferred(fixes(same, 'yaml-syntax'));
  assert.equal(sameFix.title, "Remove the second 'status'");
  assert.equal(apply(same, sameFix), head('id: F-001\nstatus: idea\ntitle: One'));
  const different = head('id: F-001\nstatus: idea\ntitle: One\nstatus: planned # newer');
  const list = fixes(different, 'yaml-syntax');
  assert.ok(
    list.every((fix) => !fix.preferred),
    'which value is right is the author’s call',
  );
  assert.equal(
    apply(different, fixTitled(list, "Remove the first 'status'")),
    head('id: F-001\ntitle: One\nstatus: planned # newer'),
  );

  const colon = head('id: F-001\ntitle One thing\nstatus: idea');
  assert.equal(
    apply(colon, fixTitled(fixes(colon, 'yaml-syntax'), "Add ':' after 'title'")),
    head('id: F-001\ntitle: One thing\nstatus: idea'),
  );
  const bracket = head('id: F-001\ntitle: One\ntags: [a, b\nstatus: idea');
  assert.equal(
    apply(bracket, preferred(fixes(bracket, 'yaml-syntax'))),
    head('id: F-001\ntitle: One\ntags: [a, b]\nstatus: idea'),
  );
  const multiline = head('id: F-001\ntitle: One\ndepends_on: [F-002,\n  F-003\nstatus: idea');
  assert.equal(
    apply(multiline, fixTitled(fixes(multiline, 'yaml-syntax'), "Add the missing ']'")),
    head('id: F-001\ntitle: One\ndepends_on: [F-002,\n  F-003]\nstatus: idea'),
  );
  const indent = head('id: F-001\ntitle: One\n status: idea');
  const aligned = preferred(fixes(indent, 'yaml-syntax'));
  assert.equal(aligned.title, "Align 'status' with 'title'");
  assert.equal(apply(indent, aligned), head('id: F-001\ntitle: One\nstatus: idea'));
});

test('yaml-syntax: no fix is offered that the parser would not accept', () => {
  for (const front of [
    // A block scalar whose text is not indented: what was meant is unclear.
    'id: F-001\ntitle: |\nOne thing\nstatus: idea',
    // A flow mapping that never closes, with a colon inside.
    'id: F-001\nrice: { reach: 1, impact: 2\n  effort: 3\nstatus: idea',
  ]) {
    const text = head(front);
    const issue = issuesOf(text).find((candidate) => candidate.code === 'yaml-syntax');
    assert.ok(issue, front);
    for (const fix of fixesFor(issue, text, contextFor('roadmap/this.md', []))) {
      const after = apply(text, fix);
      assert.ok(
        !issuesOf(after).some((candidate) => candidate.code === 'yaml-syntax'),
        `'${fix.title}' leaves a YAML error in ${JSON.stringify(after)}`,
      );
    }
  }
  // Every fix in the suite above parses, too: checked once more over a mix of mistakes.
  for (const front of [
    'title: Foo: bar',
    'tags: [a',
    "title: 'It's'",
    'rice:\n\treach: 1',
    'id F-1',
    ' status: idea',
  ]) {
    const text = head(`id: F-001\n${front}`);
    const issue = issuesOf(text).find((candidate) => candidate.code === 'yaml-syntax');
    if (!issue) continue;
    for (const fix of fixesFor(issue, text, contextFor('roadmap/this.md', [])))
      assert.ok(!issuesOf(apply(text, fix)).some((candidate) => candidate.code === 'yaml-syntax'), fix.title);
  }
});

test('frontmatter-not-mapping: a list of one-field items, or fields without colons, become fields', () => {
  const list = head('- id: F-001\n- title: One # the name\n- status: idea');
  const convert = preferred(fixes(list, 'frontmatter-not-mapping'));
  assert.equal(convert.title, 'Convert to fields');
  assert.equal(apply(list, convert), head('id: F-001\ntitle: One # the name\nstatus: idea'));
  const colonless = crlf(head('id F-001\ntitle One thing\nstatus idea'));
  const colons = preferred(fixes(colonless, 'frontmatter-not-mapping'));
  assert.equal(colons.title, "Add the missing ':' after each field name");
  assert.equal(apply(colonless, colons), crlf(head('id: F-001\ntitle: One thing\nstatus: idea')));
  // Prose, or a list of plain items: nothing to convert.
  assert.deepEqual(fixes(head('Just a sentence here'), 'frontmatter-not-mapping'), []);
  assert.deepEqual(fixes(head('- F-001\n- F-002'), 'frontmatter-not-mapping'), []);
});
