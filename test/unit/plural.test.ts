// The one English plural every surface counts with: only exactly 1 is singular.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nounFor, plural } from '../../src/core/plural';

describe('plural', () => {
  test('1 is singular; 0, 2 and more are plural', () => {
    assert.equal(plural(1, 'feature'), '1 feature');
    assert.equal(plural(0, 'feature'), '0 features');
    assert.equal(plural(2, 'feature'), '2 features');
    assert.equal(plural(10000, 'problem'), '10000 problems');
  });
  test('a phrase takes its "s" at the end', () => {
    assert.equal(plural(3, 'feature file'), '3 feature files');
    assert.equal(plural(1, 'unfinished feature'), '1 unfinished feature');
  });
  test('an irregular noun uses the plural it is given', () => {
    assert.equal(plural(1, 'dependency', 'dependencies'), '1 dependency');
    assert.equal(plural(4, 'dependency', 'dependencies'), '4 dependencies');
    assert.equal(plural(0, 'dependency', 'dependencies'), '0 dependencies');
  });
  test('a fraction is plural, as English writes it', () => {
    assert.equal(plural(1.5, 'day'), '1.5 days');
  });
});

describe('nounFor', () => {
  test('the noun alone, by the same rule', () => {
    assert.equal(nounFor(1, 'feature'), 'feature');
    assert.equal(nounFor(3, 'feature'), 'features');
    assert.equal(nounFor(2, 'dependency', 'dependencies'), 'dependencies');
  });
});
