import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeBody } from '../../src/core/body';
import { quickTaskCount } from '../../src/core/taskCount';

const frontmatter = '---\nid: F-1\ntitle: A feature\n---\n';

/** Bodies the line count must answer exactly as remark does. */
const plainBodies: Record<string, string> = {
  'no tasks': '# Title\n\nSome text with [a link](other.md).\n',
  'dash, star and plus items': '- [x] one\n* [ ] two\n+ [X] three\n',
  'ordered items': '1. [x] one\n2) [ ] two\n',
  'two-space nested items': '- [x] parent\n  - [ ] child\n  - [x] child\n',
  'a marker glued to text is not a task': '- [x]glued\n- [ ] real\n',
  'a link that looks like a marker': '- [x](x.md) link\n- [ ] real\n',
  'CRLF line breaks': '- [x] one\r\n- [ ] two\r\n',
  'empty checkbox at the end of a line': '- [ ]\n- [x] done\n',
  'a checkbox and trailing space only': '- [ ] \n- [x]  two\n',
  'not a list': 'Text [x] in a paragraph\n[ ] not a task\n',
};

/** Bodies whose Markdown structure decides: the quick count must defer to the parser. */
const structuredBodies: Record<string, string> = {
  'a fenced code block': '```md\n- [x] example\n```\n- [ ] real\n',
  'a tilde fence': '~~~\n- [ ] example\n~~~\n',
  'a block quote': '> - [x] quoted\n',
  'an HTML comment': '<!--\n- [ ] hidden\n-->\n',
  'an indented code block': 'Text\n\n    - [ ] code\n',
};

describe('quickTaskCount', () => {
  for (const [name, body] of Object.entries(plainBodies)) {
    it(`agrees with remark: ${name}`, () => {
      const text = frontmatter + body;
      assert.deepEqual(quickTaskCount(text), analyzeBody(text).tasks);
    });
  }

  for (const [name, body] of Object.entries(structuredBodies)) {
    it(`leaves ${name} to the parser`, () => {
      assert.equal(quickTaskCount(frontmatter + body), undefined);
    });
  }

  it('does not count the front-matter', () => {
    const text = '---\nid: F-2\nnotes: |\n  - [x] not a body task\n---\n- [ ] one\n';
    assert.deepEqual(quickTaskCount(text), { done: 0, total: 1 });
    assert.deepEqual(analyzeBody(text).tasks, { done: 0, total: 1 });
  });
});
