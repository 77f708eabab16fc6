// The one field-value checker the panel, the feature commands and the New Feature wizard ask before writing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig, parseConfig } from '../../src/core/config';
import { fieldValueProblem, fieldValuesProblem, riceFieldValues } from '../../src/core/fieldValue';

const config = defaultConfig();

describe('fieldValueProblem', () => {
  test('accepts what validation accepts', () => {
    assert.equal(fieldValueProblem(['status'], 'planned', config), undefined);
    assert.equal(fieldValueProblem(['moscow'], 'must', config), undefined);
    assert.equal(fieldValueProblem(['quarter'], '2026-Q3', config), undefined);
    assert.equal(fieldValueProblem(['rice', 'impact'], 0.5, config), undefined);
    assert.equal(fieldValueProblem(['owner'], 'Ana', config), undefined);
    assert.equal(fieldValueProblem(['moscow'], undefined, config), undefined);
  });

  test("answers with the rule's own message", () => {
    assert.match(fieldValueProblem(['status'], 'bogus', config) ?? '', /^Unknown status 'bogus'/);
    assert.match(fieldValueProblem(['moscow'], 'maybe', config) ?? '', /must be one of must, should/);
    assert.match(fieldValueProblem(['quarter'], 'Q3 2026', config) ?? '', /yyyy-Qn.*\(2026-Q3\)/);
    assert.match(fieldValueProblem(['rice', 'impact'], 4, config) ?? '', /off the scale/);
    assert.match(fieldValueProblem(['rice', 'effort'], 0, config) ?? '', /above 0/);
    assert.match(fieldValueProblem(['start'], '2026-02-30', config) ?? '', /not a day on the calendar/);
  });

  test('removing a required field is refused; an optional one may go', () => {
    assert.match(
      fieldValueProblem(['status'], undefined, config) ?? '',
      /Required field 'status' is missing/,
    );
    assert.equal(fieldValueProblem(['quarter'], undefined, config), undefined);
  });

  test('errors block a write; warnings and notes, which depend on the rest of the file, do not', () => {
    const withMilestones = parseConfig('milestones:\n  - { id: M1, title: One }\n').config;
    assert.equal(
      fieldValueProblem(['milestone'], 'M9', withMilestones),
      undefined,
      'unknown-milestone warns',
    );
    assert.equal(
      fieldValueProblem(['rice', 'confidence'], '100%', config),
      undefined,
      'evidence-missing warns',
    );
    assert.equal(fieldValueProblem(['rice', 'confidence'], '50%', config), undefined);
    // A team that makes a rule an error makes it block.
    const strict = parseConfig(
      'milestones:\n  - { id: M1, title: One }\nrules:\n  unknown-milestone: error\n',
    ).config;
    assert.match(fieldValueProblem(['milestone'], 'M9', strict) ?? '', /Unknown milestone 'M9'/);
    assert.equal(fieldValueProblem(['milestone'], 'M1', strict), undefined);
  });

  test('control characters and non-finite numbers never reach a file', () => {
    assert.match(fieldValueProblem(['owner'], 'Ana\nstatus: shipped', config) ?? '', /control characters/);
    assert.match(fieldValueProblem(['rice', 'reach'], Number.NaN, config) ?? '', /must be a number/);
  });

  test('judges only the fields given, and several at once', () => {
    // A real file would also need an id and a title: not asked for here.
    assert.equal(fieldValuesProblem(riceFieldValues({ reach: 10, impact: 2 }), config), undefined);
    assert.match(
      fieldValuesProblem(riceFieldValues({ reach: 10, confidence: 150 }), config) ?? '',
      /confidence '150%' is outside/,
    );
  });
});
