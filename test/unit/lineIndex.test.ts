// Offsets to positions and back, for each kind of line break (the index takes a faster path for `\n` only).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../src/core/lineIndex';

describe('LineIndex', () => {
  const cases: [string, string][] = [
    ['\\n', 'a\nbc\n\nd'],
    ['\\r\\n', 'a\r\nbc\r\n\r\nd'],
    ['\\r', 'a\rbc\r\rd'],
    ['mixed', 'a\r\nbc\n\rd'],
  ];
  for (const [name, text] of cases)
    test(`lines broken by ${name}`, () => {
      const index = new LineIndex(text);
      assert.equal(index.lineCount, 4);
      const d = text.lastIndexOf('d');
      assert.deepEqual(index.positionAt(d), { line: 3, character: 0 });
      assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 1 });
      assert.equal(index.offsetAt({ line: 3, character: 0 }), d);
      assert.deepEqual(index.positionAt(text.length + 5), { line: 3, character: 1 });
    });
  test('a text without a line break is one line', () => {
    assert.equal(new LineIndex('').lineCount, 1);
    assert.deepEqual(new LineIndex('abc').positionAt(2), { line: 0, character: 2 });
  });
});
