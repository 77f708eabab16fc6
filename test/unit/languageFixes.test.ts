// Quick fixes computed from issues: each rule's fix applied to the text, "fix all", stub features.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { applyEdits } from '../../src/core/edits';
import { parseFeatureFile } from '../../src/core/featureFile';
import {
  fixAllEdits,
  fixesFor,
  removeListItem,
  stubFeature,
  suggestedId,
  suggestedTitle,
  type Fix,
  type FixContext,
} from '../../src/core/language/fixes';
import type { Issue, RuleCode } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const head = (front: string) => `---\n${front}\n---\n# Heading here\n`;
const base = 'id: F-001\ntitle: One\nstatus: planned';

function contextFor(file: string, ids: string[], config: RoadmapConfig = defaultConfig()): FixContext {
  return { file, config, ids, titleOf: (id) => (id === 'F-001' ? 'One' : undefined) };
}

/** The issues of one file, with the other files indexed next to it (for cross-file rules). */
function issuesOf(text: string, others: Record<string, string> = {}, config = defaultConfig()): Issue[] {
  const index = new WorkspaceIndex(config);
  for (const [file, other] of Object.entries(others)) index.update(file, other);
  index.update('roadmap/this.md', text);
  index.flush();
  return index.issues('roadmap/this.md');
}

function fixes(
  text: string,
  code: RuleCode,
  others: Record<string, string> = {},
  config = defaultConfig(),
): Fix[] {
  const issue = issuesOf(text, others, config).find((candidate) => candidate.code === code);
  assert.ok(issue, `${code} in ${JSON.stringify(issuesOf(text, others, config).map((i) => i.code))}`);
  return fixesFor(
    issue,
    text,
    contextFor(
      'roadmap/this.md',
      ['F-001', 'F-002', ...Object.keys(others).map((_, i) => `F-01${i}`)],
      config,
    ),
  );
}

const preferred = (list: Fix[]) => {
  const fix = list.find((candidate) => candidate.preferred);
  assert.ok(fix, `a preferred fix among ${list.map((candidate) => candidate.title).join(', ')}`);
  return fix;
};
const apply = (text: string, fix: Fix) => applyEdits(text, fix.edits);

test('invalid-enum: did-you-mean is preferred, the others are offered', () => {
  const text = head('id: F-001\ntitle: One\nstatus: planed');
  const list = fixes(text, 'invalid-enum');
  assert.equal(preferred(list).title, "Change to 'planned'");
  assert.equal(apply(text, preferred(list)), text.replace('planed', 'planned'));
  // No close match: every status is offered, none preferred.
  const far = fixes(head('id: F-001\ntitle: One\nstatus: zzz'), 'invalid-enum');
  assert.ok(far.length >= 5 && far.every((fix) => !fix.preferred));
  // Quotes are kept.
  const quoted = head("id: F-001\ntitle: One\nstatus: planned\nmoscow: 'shuold'");
  assert.equal(
    apply(quoted, preferred(fixes(quoted, 'invalid-enum'))),
    quoted.replace("'shuold'", "'should'"),
  );
});

test('unknown-field: rename the key (preferred) or remove it', () => {
  const text = head(`${base}\nowmer: ana # the owner`);
  const list = fixes(text, 'unknown-field');
  assert.equal(apply(text, preferred(list)), text.replace('owmer', 'owner'));
  const removal = list.find((fix) => fix.title === "Remove 'owmer'");
  assert.ok(removal);
  assert.equal(apply(text, removal), head(base));
  const nested = head(`${base}\nrice:\n  reach: 1\n  impakt: 2\n  confidence: 80%\n  effort: 1`);
  assert.equal(apply(nested, preferred(fixes(nested, 'unknown-field'))), nested.replace('impakt', 'impact'));
});

test('unknown-field: no rename onto a key that is already there', () => {
  const text = head(`${base}\nowner: ana\nowmer: ben`);
  const list = fixes(text, 'unknown-field');
  assert.deepEqual(
    list.map((fix) => fix.title),
    ["Remove 'owmer'"],
  );
});

test('rice-impact-scale, rice-confidence-range, progress-range, invalid-quarter, invalid-date, invalid-id: the replacement', () => {
  const cases: [string, RuleCode, string, string][] = [
    [
      'rice: { reach: 10, impact: 4, confidence: 80%, effort: 1 }',
      'rice-impact-scale',
      'impact: 4',
      'impact: 3',
    ],
    [
      'rice: { reach: 10, impact: High, confidence: 80%, effort: 1 }',
      'rice-impact-scale',
      'impact: High',
      'impact: 2',
    ],
    [
      "rice: { reach: 10, impact: 1, confidence: '120%', effort: 1 }",
      'rice-confidence-range',
      "'120%'",
      "'100%'",
    ],
    ['progress: 140', 'progress-range', '140', '100'],
    ['quarter: Q3 2026', 'invalid-quarter', 'Q3 2026', '2026-Q3'],
    ['start: 2026/1/5', 'invalid-date', '2026/1/5', '2026-01-05'],
  ];
  for (const [line, code, from, to] of cases) {
    const text = head(`${base}\n${line}`);
    assert.equal(apply(text, preferred(fixes(text, code))), text.replace(from, to), code);
  }
  const id = head('id: F 001\ntitle: One\nstatus: planned');
  assert.equal(apply(id, preferred(fixes(id, 'invalid-id'))), id.replace('F 001', 'F-001'));
});

test('score-stale: update the stored score (preferred) or remove it', () => {
  const text = head(`${base}\nrice:\n  reach: 1200\n  impact: 2\n  confidence: 80%\n  effort: 3\nscore: 500`);
  const list = fixes(text, 'score-stale');
  assert.equal(apply(text, preferred(list)), text.replace('score: 500', 'score: 640'));
  assert.equal(
    apply(
      text,
      list.find((fix) => fix.title === 'Remove the stored score')!,
    ),
    text.replace('score: 500\n', ''),
  );
});

test('missing-field: derived values are preferred, examples are not', () => {
  const noTitle = head('id: F-001\nstatus: planned');
  assert.equal(
    apply(noTitle, preferred(fixes(noTitle, 'missing-field'))),
    head('id: F-001\ntitle: Heading here\nstatus: planned'),
  );
  const noStatus = head('id: F-001\ntitle: One');
  assert.equal(
    apply(noStatus, preferred(fixes(noStatus, 'missing-field'))),
    head('id: F-001\ntitle: One\nstatus: idea'),
  );
  const noEffort = head(`${base}\nrice:\n  reach: 10\n  impact: 1\n  confidence: 80%`);
  const effort = fixes(noEffort, 'missing-field');
  assert.equal(effort[0].preferred, false);
  assert.equal(effort[0].title, "Add 'rice.effort: 3'");
  assert.equal(
    apply(noEffort, effort[0]),
    head(`${base}\nrice:\n  reach: 10\n  impact: 1\n  confidence: 80%\n  effort: 3`),
  );
  // In flow style too.
  const flow = head(`${base}\nrice: { reach: 10, impact: 1, confidence: 80% }`);
  assert.equal(
    apply(flow, fixes(flow, 'missing-field')[0]),
    head(`${base}\nrice: { reach: 10, impact: 1, confidence: 80%, effort: 3 }`),
  );
});

test('missing-field: a required rice block is inserted whole', () => {
  const config = { ...defaultConfig(), required: ['id', 'title', 'status', 'rice'] };
  const text = head(base);
  const [fix] = fixes(text, 'missing-field', {}, config);
  assert.equal(fix.title, "Add a 'rice' block");
  assert.equal(
    apply(text, fix),
    head(`${base}\nrice:\n  reach: 1200\n  impact: 2\n  confidence: 80%\n  effort: 3`),
  );
});

test('unknown-dependency: the close id is preferred; a stub and a removal are offered', () => {
  const one = head('id: F-001\ntitle: One\nstatus: planned');
  const text = head('id: F-002\ntitle: Two\nstatus: planned\ndepends_on: [F-0001, F-777]');
  const list = fixes(text, 'unknown-dependency', { 'roadmap/one.md': one });
  assert.equal(preferred(list).title, "Change to 'F-001' (One)");
  assert.equal(apply(text, preferred(list)), text.replace('F-0001', 'F-001'));
  const stub = list.find((fix) => fix.createFile);
  assert.equal(stub?.title, "Create stub feature 'F-0001'");
  assert.equal(stub?.createFile?.file, 'roadmap/F-0001.md');
  assert.equal(
    stub?.createFile?.text,
    '---\nid: F-0001\ntitle: Stub for F-0001\nstatus: idea\n---\n\nCreated as a stub because this.md depends on it. Describe the feature here.\n',
  );
  const removal = list.find((fix) => fix.title === "Remove 'F-0001' from depends_on");
  assert.equal(apply(text, removal!), text.replace('F-0001, ', ''));
});

test('a stub feature is itself a valid feature', () => {
  const stub = stubFeature('X-9', { file: 'plans/roadmap/a.md', config: defaultConfig() });
  assert.equal(stub.file, 'plans/roadmap/X-9.md');
  const parsed = parseFeatureFile(stub.file, stub.text, defaultConfig());
  assert.deepEqual(parsed.issues, []);
  assert.equal(parsed.feature?.id, 'X-9');
});

test('removing list items keeps the rest of the list', () => {
  const flow = head('depends_on: [A, B, C]');
  assert.equal(applyEdits(flow, [removeListItem(flow, 'depends_on', 1)!]), head('depends_on: [A, C]'));
  assert.equal(applyEdits(flow, [removeListItem(flow, 'depends_on', 2)!]), head('depends_on: [A, B]'));
  const block = head('depends_on:\n  - A # first\n  - B\ntags: []');
  assert.equal(
    applyEdits(block, [removeListItem(block, 'depends_on', 0)!]),
    head('depends_on:\n  - B\ntags: []'),
  );
});

test('duplicate-id: the next free id is offered but not preferred (which copy moves is the author’s call)', () => {
  const other = head('id: F-001\ntitle: Other\nstatus: planned');
  const text = head(base);
  const list = fixes(text, 'duplicate-id', { 'roadmap/other.md': other });
  assert.equal(list.length, 1);
  assert.equal(list[0].preferred, false);
  assert.equal(apply(text, list[0]), text.replace('id: F-001', 'id: F-002'));
});

test('invalid-type: a bare dependency becomes a list', () => {
  const text = head(`${base}\ndepends_on: F-002`);
  assert.equal(
    apply(text, preferred(fixes(text, 'invalid-type'))),
    text.replace('depends_on: F-002', 'depends_on: [F-002]'),
  );
});

test('fix all: every preferred fix at once, without overlaps', () => {
  const text = head(
    'id: F-001\nstatus: plannd\nrice:\n  reach: 500\n  impact: 1.8\n  confidence: 0%\n  effort: 2\nquarter: 2026 Q3\nstart: 2026/7/1\nowner: ana',
  );
  const context = contextFor('roadmap/this.md', ['F-001']);
  const result = applyEdits(text, fixAllEdits(issuesOf(text), text, context));
  assert.equal(
    result,
    head(
      'id: F-001\ntitle: Heading here\nstatus: planned\nrice:\n  reach: 500\n  impact: 2\n  confidence: 50%\n  effort: 2\nquarter: 2026-Q3\nstart: 2026-07-01\nowner: ana',
    ),
  );
  // Nothing preferred is left to fix.
  assert.deepEqual(fixAllEdits(issuesOf(result), result, context), []);
});

test('fix all: insertions at the same point are all kept, in order', () => {
  const text = head('owner: ana');
  const context = contextFor('roadmap/F-042-new-thing.md', ['F-001']);
  const issues = issuesOf(text);
  assert.equal(
    applyEdits(text, fixAllEdits(issues, text, context)),
    head('owner: ana\nid: F-042\ntitle: Heading here\nstatus: idea'),
  );
});

test('suggested ids and titles', () => {
  assert.equal(suggestedId({ file: 'roadmap/F-007-thing.md', ids: ['F-001'] }), 'F-007');
  assert.equal(suggestedId({ file: 'roadmap/F-001-thing.md', ids: ['F-001', 'L-001', 'L-002'] }), 'L-003');
  assert.equal(suggestedId({ file: 'roadmap/thing.md', ids: [] }), 'F-001');
  assert.equal(suggestedTitle('---\nid: x\n---\nno heading\n', 'roadmap/F-007-dark_mode.md'), 'Dark mode');
});
