// The cursor context of front-matter completion: which key or value the cursor is at, in text being typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frontmatterContext, type CursorContext } from '../../src/core/language/cursorContext';

/** The context at the `|` of a source (the bar is removed). */
function contextAt(source: string): { context: CursorContext | undefined; text: string; offset: number } {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  return { context: frontmatterContext(text, offset), text, offset };
}

const spanText = (text: string, context: CursorContext | undefined) =>
  context ? text.slice(context.span.start, context.span.end) : undefined;

test('a key being typed at the top level, with the keys already there', () => {
  const { context, text } = contextAt('---\nid: F-1\nsta|\ntitle: x\n---\nbody');
  assert.equal(context?.kind, 'key');
  assert.deepEqual(
    context.kind === 'key' && {
      parent: context.parent,
      prefix: context.prefix,
      present: context.present,
      ownLine: context.ownLine,
    },
    {
      parent: [],
      prefix: 'sta',
      present: ['id', 'title'],
      ownLine: true,
    },
  );
  assert.equal(spanText(text, context), 'sta');
});

test('editing an existing key: the whole word is replaced and the colon is kept', () => {
  const { context, text } = contextAt('---\nsta|tus: planned\n---\n');
  assert.equal(context?.kind === 'key' && context.followedByColon, true);
  assert.equal(spanText(text, context), 'status');
});

test('a key inside a block mapping has its parent', () => {
  const { context } = contextAt('---\nrice:\n  reach: 1\n  |\nowner: x\n---\n');
  assert.equal(context?.kind, 'key');
  assert.deepEqual(context.kind === 'key' && [context.parent, context.present], [['rice'], ['reach']]);
});

test('a key inside a flow mapping has its parent and its siblings', () => {
  const { context } = contextAt('---\nrice: { reach: 1, | }\n---\n');
  assert.deepEqual(context?.kind === 'key' && [context.parent, context.present, context.ownLine], [
    ['rice'],
    ['reach'],
    false,
  ]);
});

test('a scalar value: after `key: `, right after the colon, and in the middle of a word', () => {
  const afterSpace = contextAt('---\nid: F-1\nstatus: |\n---\n').context;
  assert.deepEqual(afterSpace?.kind === 'value' && [afterSpace.path, afterSpace.needsSpace], [
    ['status'],
    false,
  ]);
  const afterColon = contextAt('---\nstatus:|\n---\n').context;
  assert.deepEqual(afterColon?.kind === 'value' && [afterColon.path, afterColon.needsSpace], [
    ['status'],
    true,
  ]);
  const middle = contextAt('---\nstatus: plan|ned # comment\n---\n');
  assert.equal(middle.context?.kind === 'value' && middle.context.prefix, 'plan');
  assert.equal(spanText(middle.text, middle.context), 'planned');
});

test('a nested value, in block and in flow style', () => {
  const block = contextAt('---\nrice:\n  reach: 1\n  impact: |\n---\n').context;
  assert.deepEqual(block?.kind === 'value' && block.path, ['rice', 'impact']);
  const flow = contextAt('---\nrice: { reach: 1, impact: 2|, effort: 1 }\n---\n');
  assert.deepEqual(flow.context?.kind === 'value' && flow.context.path, ['rice', 'impact']);
  assert.equal(spanText(flow.text, flow.context), '2');
});

test('flow list items: the other items are known, a space is needed after a bare comma', () => {
  const spaced = contextAt('---\ndepends_on: [F-001, |]\n---\n').context;
  assert.deepEqual(spaced?.kind === 'value' && [spaced.list, spaced.others, spaced.needsSpace], [
    'flow',
    ['F-001'],
    false,
  ]);
  const bare = contextAt('---\ndepends_on: [F-001,|]\n---\n').context;
  assert.equal(bare?.kind === 'value' && bare.needsSpace, true);
  const inside = contextAt('---\ndepends_on: [F-|001, F-002]\n---\n');
  assert.equal(spanText(inside.text, inside.context), 'F-001');
  assert.deepEqual(inside.context?.kind === 'value' && inside.context.others, ['F-002']);
});

test('block list items, indented or at the key column', () => {
  const indented = contextAt('---\ndepends_on:\n  - F-001\n  - |\n---\n').context;
  assert.deepEqual(indented?.kind === 'value' && [indented.path, indented.list, indented.others], [
    ['depends_on'],
    'block',
    ['F-001'],
  ]);
  const flush = contextAt('---\ndepends_on:\n- "F-001"\n-|\n---\n').context;
  assert.deepEqual(flush?.kind === 'value' && [flush.path, flush.others, flush.needsSpace], [
    ['depends_on'],
    ['F-001'],
    true,
  ]);
});

test('no context outside the front-matter, in comments, or where indentation is not understood', () => {
  assert.equal(contextAt('---\nid: x\n---\n|body').context, undefined);
  assert.equal(contextAt('---\nid: x\n|---\nbody').context, undefined);
  assert.equal(contextAt('no front-matter |here').context, undefined);
  assert.equal(contextAt('---\n# a comment |\n---\n').context, undefined);
  assert.equal(contextAt('---\n    |\n---\n').context, undefined);
  assert.equal(contextAt('---\nevidence:\n  - url: x\n    |\n---\n').context, undefined);
});

test('an unclosed front-matter (a new file) is front-matter up to the end', () => {
  const { context } = contextAt('---\nid: x\n|');
  assert.deepEqual(context?.kind === 'key' && context.present, ['id']);
});

test('CRLF line endings', () => {
  const { context, text } = contextAt('---\r\nid: x\r\nstatus: pl|\r\n---\r\n');
  assert.equal(spanText(text, context), 'pl');
});
