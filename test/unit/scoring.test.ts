// Scoring models (RICE, ICE, WSJF), their explanations, score formatting and stale-score tolerance.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  computeScore,
  explainScore,
  formatScore,
  scoringFormulas,
  storedScoreMatches,
} from '../../src/core/scoring';

describe('computeScore', () => {
  test('RICE = reach × impact × confidence ÷ effort, confidence in percent', () => {
    assert.equal(computeScore({ rice: { reach: 1200, impact: 2, confidence: 80, effort: 3 } }, 'rice'), 640);
    assert.equal(
      computeScore({ rice: { reach: 2800, impact: 2, confidence: 80, effort: 3 } }, 'rice'),
      (2800 * 2 * 0.8) / 3,
    );
    assert.equal(computeScore({ rice: { reach: 0, impact: 3, confidence: 100, effort: 1 } }, 'rice'), 0);
  });

  test('RICE needs every input and a positive effort', () => {
    for (const rice of [
      { reach: 1, impact: 1, confidence: 80 },
      { impact: 1, confidence: 80, effort: 1 },
      { reach: 1, impact: 1, confidence: 80, effort: 0 },
      {},
    ]) {
      assert.equal(computeScore({ rice }, 'rice'), undefined, JSON.stringify(rice));
    }
    assert.equal(computeScore({}, 'rice'), undefined);
  });

  test('ICE = impact × confidence × ease', () => {
    assert.equal(computeScore({ ice: { impact: 8, confidence: 6, ease: 5 } }, 'ice'), 240);
    assert.equal(computeScore({ ice: { impact: 8, confidence: 6 } }, 'ice'), undefined);
  });

  test('WSJF = (business value + time criticality + risk reduction) ÷ job size; risk reduction optional', () => {
    assert.equal(
      computeScore(
        { wsjf: { business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 4 } },
        'wsjf',
      ),
      4,
    );
    assert.equal(computeScore({ wsjf: { business_value: 8, time_criticality: 4, job_size: 4 } }, 'wsjf'), 3);
    assert.equal(
      computeScore({ wsjf: { business_value: 8, time_criticality: 4, job_size: 0 } }, 'wsjf'),
      undefined,
    );
    assert.equal(computeScore({ wsjf: { time_criticality: 4, job_size: 2 } }, 'wsjf'), undefined);
  });

  test('the model decides which inputs count', () => {
    const both = {
      rice: { reach: 10, impact: 1, confidence: 100, effort: 1 },
      ice: { impact: 2, confidence: 2, ease: 2 },
    };
    assert.equal(computeScore(both, 'rice'), 10);
    assert.equal(computeScore(both, 'ice'), 8);
    assert.equal(computeScore(both, 'wsjf'), undefined);
  });
});

describe('explainScore', () => {
  test('fills the formula in', () => {
    assert.equal(
      explainScore({ rice: { reach: 1200, impact: 2, confidence: 80, effort: 3 } }, 'rice'),
      '1200 × 2 × 80% ÷ 3 = 640',
    );
    assert.equal(explainScore({ ice: { impact: 8, confidence: 6, ease: 5 } }, 'ice'), '8 × 6 × 5 = 240');
    assert.equal(
      explainScore({ wsjf: { business_value: 8, time_criticality: 4, job_size: 4 } }, 'wsjf'),
      '(8 + 4 + 0) ÷ 4 = 3',
    );
    assert.equal(
      explainScore({ rice: { reach: 2800, impact: 2, confidence: 80, effort: 3 } }, 'rice'),
      '2800 × 2 × 80% ÷ 3 = 1493',
    );
    assert.equal(
      explainScore({ rice: { reach: 10, impact: 0.25, confidence: 80, effort: 3 } }, 'rice'),
      '10 × 0.25 × 80% ÷ 3 = 0.67',
    );
  });

  test('is undefined when the score is', () => {
    assert.equal(explainScore({ rice: { reach: 1 } }, 'rice'), undefined);
  });

  test('the formulas are described by name', () => {
    assert.deepEqual(scoringFormulas, {
      rice: 'reach × impact × confidence ÷ effort',
      ice: 'impact × confidence × ease',
      wsjf: '(business_value + time_criticality + risk_reduction) ÷ job_size',
    });
  });
});

describe('formatScore', () => {
  const cases: [number, string][] = [
    [640, '640'],
    [1493.3333, '1493'],
    [100, '100'],
    [99.994, '99.99'],
    [99.996, '100'],
    [6.4321, '6.43'],
    [0.666666, '0.67'],
    [0.004, '0'],
    [0, '0'],
    [1234567.5, '1234568'],
  ];
  for (const [score, written] of cases) {
    test(`${score} → ${written}`, () => assert.equal(formatScore(score), written));
  }
});

describe('storedScoreMatches: a stored score may be rounded at the precision it is written with', () => {
  const cases: [number, number, boolean][] = [
    [213, 213.33, true],
    [213, 213.5, true],
    [213, 213.51, false],
    [6.4, 6.43, true],
    [6.4, 6.45, true],
    [6.4, 6.46, false],
    [6.1, 6.4, false],
    [1493, 1493.3333, true],
    [1493.3, 1493.3333, true],
    [1493.33, 1493.3333, true],
    [1493.34, 1493.3333, false],
    [2240, 1493.3333, false],
    [640, 640, true],
    [0, 0.4, true],
    [0, 0.6, false],
  ];
  for (const [stored, computed, matches] of cases) {
    test(`${stored} ${matches ? 'stands for' : 'does not stand for'} ${computed}`, () =>
      assert.equal(storedScoreMatches(stored, computed), matches));
  }
});
