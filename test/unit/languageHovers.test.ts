// Hover content, feature ids (definition, references, rename) and the code lens line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../src/core/config';
import { applyEdits } from '../../src/core/edits';
import { parseFeatureFile, type FeatureFile } from '../../src/core/featureFile';
import { idAt, idOccurrences, idProblem, renameEditsIn } from '../../src/core/language/featureIds';
import { lensTitle } from '../../src/core/language/featureSummary';
import { hoverAt } from '../../src/core/language/hovers';
import { escapeMarkdown } from '../../src/core/language/markdownText';
import { rankByScore } from '../../src/core/roadmapModel';

const config = defaultConfig();
const alphaText =
  '---\nid: F-001\ntitle: Single *sign-on* [x](y)\nstatus: planned\nmoscow: must\nquarter: 2026-Q1\nrice:\n  reach: 1200\n  impact: 2\n  confidence: 80%\n  effort: 3\n---\nBody\n';
const betaText =
  "---\nid: F-002\ntitle: Audit log\nstatus: idea\nrice: { reach: 10, impact: 1, confidence: 50%, effort: 1 }\ndepends_on: [F-001, 'F-003']\n---\n";
const gammaText = '---\nid: "F-003"\ntitle: Dark mode\nstatus: idea\ndepends_on:\n  - F-001\n---\n';
const alpha = parseFeatureFile('roadmap/a.md', alphaText, config);
const beta = parseFeatureFile('roadmap/b.md', betaText, config);
const gamma = parseFeatureFile('roadmap/c.md', gammaText, config);
const features = [alpha, beta, gamma].map((parsed) => parsed.feature!);
const ranks = rankByScore(features);
const rankingOf = (feature: (typeof features)[number]) => ({ rank: ranks.get(feature), total: ranks.size });

function hover(parsed: FeatureFile, text: string, needle: string, delta = 0) {
  const offset = text.indexOf(needle) + delta;
  assert.ok(offset >= delta, needle);
  return hoverAt({ parsed, offset, config, features, rankingOf })?.markdown;
}

test('a field key shows what it means and its scale', () => {
  const moscow = hover(alpha, alphaText, 'moscow');
  assert.match(moscow ?? '', /\*\*moscow\*\* — MoSCoW priority/);
  assert.match(moscow ?? '', /\| must \| Must have \|/);
  const impact = hover(alpha, alphaText, 'impact');
  assert.match(impact ?? '', /\| 0\.25 \| Minimal \| Barely noticeable\. \|/);
});

test('the rice key shows the score, its rank and the formula with the numbers filled in', () => {
  const markdown = hover(alpha, alphaText, 'rice:') ?? '';
  assert.match(markdown, /\*\*RICE score 640\*\* · rank #1 of 2/);
  assert.ok(markdown.includes('`1200 × 2 × 80% ÷ 3 = 640`'), markdown);
  assert.ok(markdown.includes('score = reach × impact × confidence ÷ effort'));
  // A value inside the block shows its meaning and the score too.
  const value = hover(alpha, alphaText, 'impact: 2', 'impact: '.length) ?? '';
  assert.match(value, /Impact 2 · High/);
  assert.match(value, /RICE score 640/);
});

test('an incomplete score says what is missing', () => {
  const text = '---\nid: F-9\ntitle: x\nstatus: idea\nrice: { reach: 10 }\n---\n';
  const parsed = parseFeatureFile('roadmap/x.md', text, config);
  assert.match(
    hover(parsed, text, 'rice') ?? '',
    /No RICE score yet\*\*: add or fix impact, confidence, effort/,
  );
});

test('an id in depends_on shows that feature, with user text escaped', () => {
  const markdown = hover(beta, betaText, 'F-001', 1) ?? '';
  assert.ok(markdown.includes(`**F\\-001** · ${escapeMarkdown('Single *sign-on* [x](y)')}`), markdown);
  assert.ok(!markdown.includes('[x](y)'));
  assert.match(markdown, /Planned \(todo\) · Must · 2026\\-Q1 · RICE 640 · #1 of 2/);
});

test('the id value lists its dependents; unknown fields and free text get no hover', () => {
  assert.match(hover(alpha, alphaText, 'F-001', 1) ?? '', /Depended on by 2 features/);
  const text = '---\nid: F-9\ntitel: x\n---\n';
  assert.equal(hover(parseFeatureFile('roadmap/x.md', text, config), text, 'titel'), undefined);
  assert.equal(hover(alpha, alphaText, 'Body'), undefined);
});

test('id occurrences: the definition and every depends_on entry, quotes kept out of the link span', () => {
  const found = idOccurrences(beta).map((occurrence) => [
    occurrence.role,
    occurrence.id,
    betaText.slice(occurrence.inner.start, occurrence.inner.end),
  ]);
  assert.deepEqual(found, [
    ['definition', 'F-002', 'F-002'],
    ['reference', 'F-001', 'F-001'],
    ['reference', 'F-003', 'F-003'],
  ]);
  assert.equal(idAt(beta, betaText.indexOf("'F-003'"))?.id, 'F-003');
  assert.equal(idAt(beta, betaText.indexOf('Audit')), undefined);
});

test('rename edits keep each occurrence’s quoting', () => {
  assert.equal(
    applyEdits(betaText, renameEditsIn(beta, 'F-003', 'F-300')),
    betaText.replace("'F-003'", "'F-300'"),
  );
  assert.equal(
    applyEdits(gammaText, renameEditsIn(gamma, 'F-003', 'F-300')),
    gammaText.replace('"F-003"', '"F-300"'),
  );
  assert.equal(
    applyEdits(gammaText, renameEditsIn(gamma, 'F-001', 'F-100')),
    gammaText.replace('- F-001', '- F-100'),
  );
  assert.deepEqual(renameEditsIn(alpha, 'F-003', 'F-300'), []);
});

test('rename accepts exactly the ids validation accepts', () => {
  assert.equal(idProblem('F-100'), undefined);
  assert.equal(idProblem('2026'), undefined);
  assert.match(idProblem('F 100') ?? '', /contains spaces/);
  assert.match(idProblem('  ') ?? '', /cannot be empty/);
});

test('the code lens line', () => {
  assert.equal(
    lensTitle(alpha.feature!, config, rankingOf(alpha.feature!)),
    'RICE 640 · #1 of 2 · Must · 2026-Q1',
  );
  assert.equal(lensTitle(gamma.feature!, config, rankingOf(gamma.feature!)), 'RICE not scored');
});
