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
} from '../../src/core/language/fixes';
import type { RuleCode } from '../../src/core/types';
import {
  apply,
  base,
  contextFor,
  crlf,
  feature,
  fixTitled,
  fixes,
  head,
  issuesOf,
  preferred,
} from './fixTestKit';

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
  const removal = list.find((fix) => fix.title === "Remove dependency 'F-0001'");
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

test('invalid-type: a bare dependency is a one-entry list, and flat dependencies become a list', () => {
  assert.deepEqual(
    issuesOf(head(`${base}\ndepends_on: F-002`), {
      'roadmap/other.md': head('id: F-002\ntitle: T\nstatus: planned'),
    }),
    [],
  );
  const text = head(`${base}\ndepends_on: F-002, F-003`);
  assert.equal(
    apply(text, preferred(fixes(text, 'invalid-type'))),
    text.replace('depends_on: F-002, F-003', 'depends_on: [F-002, F-003]'),
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

// ---------------------------------------------------------------------------------------------------------
// Every rule code gets a fix where one makes sense.

test('a fix for every rule code, in a typical case (file-unreadable has none by design)', () => {
  const customConfig = {
    ...defaultConfig(),
    fields: { homepage: { type: 'url' as const } },
  };
  const cases: Record<
    RuleCode,
    { text: string; others?: Record<string, string>; config?: RoadmapConfig } | null
  > = {
    'yaml-syntax': { text: head('id: F-001\ntitle: Foo: bar\nstatus: idea') },
    'frontmatter-unclosed': { text: '---\nid: F-001\ntitle: One\n\n# One\n' },
    'frontmatter-not-mapping': { text: head('- id: F-001\n- title: One') },
    'file-unreadable': null,
    'missing-field': { text: head('id: F-001\nstatus: planned') },
    'unknown-field': { text: head(`${base}\nowmer: ana`) },
    'invalid-type': {
      text: head(`${base}\nrice: { reach: "1,200", impact: 1, confidence: 80%, effort: 1 }`),
    },
    'invalid-enum': { text: head('id: F-001\ntitle: One\nstatus: planed') },
    'invalid-id': { text: head('id: F 001\ntitle: One\nstatus: planned') },
    'rice-reach-range': { text: head(`${base}\nrice: { reach: -5, impact: 1, confidence: 80%, effort: 1 }`) },
    'rice-impact-scale': { text: head(`${base}\nrice: { reach: 5, impact: 4, confidence: 80%, effort: 1 }`) },
    'rice-confidence-range': {
      text: head(`${base}\nrice: { reach: 5, impact: 1, confidence: 0%, effort: 1 }`),
    },
    'rice-confidence-low': {
      text: head(`${base}\nrice: { reach: 5, impact: 1, confidence: 30%, effort: 1 }`),
    },
    'rice-effort-range': { text: head(`${base}\nrice: { reach: 5, impact: 1, confidence: 80%, effort: 0 }`) },
    'score-range': { text: head(`${base}\nice: { impact: 12, confidence: 5, ease: 5 }`) },
    'score-stale': {
      text: head(`${base}\nrice: { reach: 10, impact: 1, confidence: 80%, effort: 1 }\nscore: 3`),
    },
    'invalid-date': { text: head(`${base}\nstart: next week`) },
    'invalid-quarter': { text: head(`${base}\nquarter: sometime`) },
    'date-order': { text: head(`${base}\nstart: 2026-05-01\nend: 2026-04-01`) },
    'progress-range': { text: head(`${base}\nprogress: 140`) },
    'invalid-url': { text: head(`${base}\nhomepage: ftp://example.com`), config: customConfig },
    'duplicate-id': { text: head(base), others: { 'roadmap/other.md': head(base) } },
    'unknown-dependency': { text: head(`${base}\ndepends_on: [F-404]`) },
    'dependency-cycle': {
      text: feature('F-001', 'depends_on: [F-002]'),
      others: { 'roadmap/two.md': feature('F-002', 'depends_on: [F-001]') },
    },
    'dependency-schedule': {
      text: feature('F-001', 'start: 2026-02-01\ndepends_on: [F-002]'),
      others: { 'roadmap/two.md': feature('F-002', 'end: 2026-03-01') },
    },
    'priority-inversion': {
      text: feature('F-001', 'moscow: must\ndepends_on: [F-002]'),
      others: { 'roadmap/two.md': feature('F-002', 'moscow: could') },
    },
    'moscow-budget': {
      text: feature(
        'F-001',
        'moscow: must\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 9 }',
      ),
      others: {
        'roadmap/two.md': feature(
          'F-002',
          'moscow: could\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 1 }',
        ),
      },
    },
    'unknown-milestone': {
      text: head(`${base}\nmilestone: M9`),
      config: { ...defaultConfig(), milestones: [{ id: 'M1', title: 'One' }] },
    },
    'unknown-goal': {
      text: head(`${base}\ngoal: G9`),
      config: { ...defaultConfig(), goals: [{ id: 'G1', title: 'One' }] },
    },
    'evidence-missing': { text: head(`${base}\nrice: { reach: 5, impact: 1, confidence: 100%, effort: 1 }`) },
    'milestone-date': {
      text: feature('F-001', 'milestone: M1\nend: 2026-05-02'),
      config: { ...defaultConfig(), milestones: [{ id: 'M1', title: 'Beta', date: '2026-03-31' }] },
    },
    'quarter-dates': { text: feature('F-001', 'quarter: 2026-Q1\nend: 2026-05-02') },
    overdue: {
      text: feature('F-001', 'end: 2020-01-31').replace('status: planned', 'status: in-progress'),
      config: { ...defaultConfig(), rules: { overdue: 'warning' } },
    },
    // Which feature moves or is cut is the team's call: no quick fix.
    capacity: null,
  };
  for (const [code, spec] of Object.entries(cases) as [RuleCode, (typeof cases)[RuleCode]][]) {
    if (!spec) continue;
    const list = fixes(spec.text, code, spec.others, spec.config);
    assert.ok(list.length > 0, `${code} has a fix`);
    for (const fix of list) {
      assert.ok(fix.edits.length > 0 || fix.createFile, `${code}: '${fix.title}' does something`);
      if (!fix.createFile)
        assert.notEqual(apply(spec.text, fix), spec.text, `${code}: '${fix.title}' changes the text`);
    }
  }
});

test('file-unreadable: no text edit can recover undecodable bytes, so none is offered', () => {
  const text = head('id: F-001\ntitle: Caf\uFFFD\nstatus: planned');
  assert.deepEqual(fixes(text, 'file-unreadable'), []);
});

test('depends_on diagnostics: remove just that dependency, in a flow or a block list (LF and CRLF)', () => {
  const two = { 'roadmap/two.md': feature('F-002', 'depends_on: [F-001]') };
  const flow = feature('F-001', 'depends_on: [F-003, F-002] # why');
  const three = { ...two, 'roadmap/three.md': feature('F-003', '') };
  const removal = fixTitled(fixes(flow, 'dependency-cycle', three), "Remove dependency 'F-002'");
  assert.equal(removal.preferred, false);
  assert.equal(apply(flow, removal), feature('F-001', 'depends_on: [F-003] # why'));
  const block = crlf(feature('F-001', 'depends_on:\n  - F-002 # the API\n  - F-003\nowner: ana'));
  assert.equal(
    apply(block, fixTitled(fixes(block, 'dependency-cycle', three), "Remove dependency 'F-002'")),
    crlf(feature('F-001', 'depends_on:\n  - F-003\nowner: ana')),
  );
});

test('dependency-schedule: start the day after the dependency ends, keeping the duration; or drop it', () => {
  const others = { 'roadmap/two.md': feature('F-002', 'start: 2026-01-01\nend: 2026-02-28') };
  const text = feature('F-001', "start: '2026-02-01'\nend: 2026-03-15\ndepends_on: [F-002]");
  const list = fixes(text, 'dependency-schedule', others);
  const move = fixTitled(list, 'Start after F-002 ends (2026-03-01)');
  assert.equal(move.preferred, false);
  // Moved by 28 days, both of them; the quotes stay.
  assert.equal(
    apply(text, move),
    feature('F-001', "start: '2026-03-01'\nend: 2026-04-12\ndepends_on: [F-002]"),
  );
  assert.equal(
    apply(text, fixTitled(list, "Remove dependency 'F-002'")),
    feature('F-001', "start: '2026-02-01'\nend: 2026-03-15\ndepends_on: []"),
  );
  // Without an end, only the start moves; across a year's end too.
  const late = { 'roadmap/two.md': feature('F-002', 'end: 2026-12-31') };
  const open = crlf(feature('F-001', 'start: 2026-12-01\ndepends_on:\n  - F-002'));
  assert.equal(
    apply(open, fixTitled(fixes(open, 'dependency-schedule', late), 'Start after F-002 ends (2027-01-01)')),
    crlf(feature('F-001', 'start: 2027-01-01\ndepends_on:\n  - F-002')),
  );
});

test('priority-inversion: drop the dependency, or lower this feature to its priority', () => {
  const others = { 'roadmap/two.md': feature('F-002', 'moscow: could') };
  const text = feature('F-001', 'moscow: must # a launch blocker\ndepends_on:\n  - F-002');
  const list = fixes(text, 'priority-inversion', others);
  assert.ok(list.every((fix) => !fix.preferred));
  assert.equal(
    apply(text, fixTitled(list, "Remove dependency 'F-002'")),
    feature('F-001', 'moscow: must # a launch blocker\ndepends_on:'),
  );
  assert.equal(
    apply(text, fixTitled(list, 'Lower this feature to could')),
    feature('F-001', 'moscow: could # a launch blocker\ndepends_on:\n  - F-002'),
  );
});

test('date-order: swap start and end (preferred), quotes and all', () => {
  const text = head(`${base}\nstart: "2026-05-01"\nend: 2026-04-01 # moved`);
  const fix = preferred(
    fixes(text, 'date-order', {}, { ...defaultConfig(), rules: { 'date-order': 'warning' } }),
  );
  assert.equal(fix.title, 'Swap start and end');
  assert.equal(apply(text, fix), head(`${base}\nstart: 2026-04-01\nend: "2026-05-01" # moved`));
  const windows = crlf(text);
  assert.equal(apply(windows, preferred(fixes(windows, 'date-order'))), crlf(apply(text, fix)));
});

test('moscow-budget: change to should, never preferred', () => {
  const text = feature(
    'F-001',
    "moscow: 'must'\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 9 }",
  );
  const others = {
    'roadmap/two.md': feature(
      'F-002',
      'moscow: could\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 1 }',
    ),
  };
  const [fix] = fixes(text, 'moscow-budget', others);
  assert.equal(fix.title, 'Change to should');
  assert.equal(fix.preferred, false);
  assert.equal(apply(text, fix), text.replace("'must'", "'should'"));
});

test('rice ranges: reach to 0 (preferred), effort to half a month, confidence to 50% in the author’s notation', () => {
  const rice = (values: string) => head(`${base}\nrice:\n${values}`);
  const reach = rice('  reach: -1200\n  impact: 1\n  confidence: 80%\n  effort: 2');
  const reachFixes = fixes(reach, 'rice-reach-range');
  assert.equal(preferred(reachFixes).title, 'Set reach to 0');
  assert.equal(apply(reach, preferred(reachFixes)), reach.replace('-1200', '0'));
  assert.equal(
    apply(reach, fixTitled(reachFixes, 'Change to 1200 (drop the minus sign)')),
    reach.replace('-1200', '1200'),
  );

  const effort = rice('  reach: 10\n  impact: 1\n  confidence: 80%\n  effort: 0');
  const effortFix = fixTitled(fixes(effort, 'rice-effort-range'), 'Set effort to 0.5 person-months');
  assert.equal(effortFix.preferred, false);
  assert.equal(apply(effort, effortFix), effort.replace('effort: 0', 'effort: 0.5'));
  const negative = rice('  reach: 10\n  impact: 1\n  confidence: 80%\n  effort: -2');
  assert.equal(
    apply(negative, fixTitled(fixes(negative, 'rice-effort-range'), 'Change to 2 (drop the minus sign)')),
    negative.replace('-2', '2'),
  );

  for (const [written, raised] of [
    ['30%', '50%'],
    ['0.3', '0.5'],
    ['30', '50'],
    ["'20%'", "'50%'"],
  ]) {
    const low = crlf(head(`${base}\nrice: { reach: 10, impact: 1, confidence: ${written}, effort: 1 }`));
    const [fix] = fixes(low, 'rice-confidence-low');
    assert.equal(fix.title, 'Set confidence to 50%');
    assert.equal(fix.preferred, false);
    assert.equal(apply(low, fix), low.replace(`confidence: ${written}`, `confidence: ${raised}`));
  }
});

test('score-range: ICE clamps (preferred); a WSJF size of 0 may become 1', () => {
  const ice = head(`${base}\nice: { impact: 12, confidence: 5, ease: 5 }`);
  assert.equal(apply(ice, preferred(fixes(ice, 'score-range'))), ice.replace('12', '10'));
  const config = { ...defaultConfig(), scoring: { model: 'wsjf' as const } };
  const wsjf = head(`${base}\nwsjf:\n  business_value: 5\n  time_criticality: 3\n  job_size: 0`);
  const [fix] = fixes(wsjf, 'score-range', {}, config);
  assert.equal(fix.title, 'Set job_size to 1');
  assert.equal(fix.preferred, false);
  assert.equal(apply(wsjf, fix), wsjf.replace('job_size: 0', 'job_size: 1'));
});

test('invalid-type: numbers written as text become numbers', () => {
  const rice = (reach: string) =>
    head(`${base}\nrice:\n  reach: ${reach}\n  impact: 1\n  confidence: 80%\n  effort: 2`);
  for (const [written, value] of [
    ['"1,200"', '1200'],
    ["'3'", '3'],
    ['"1 500.5"', '1500.5'],
    ['"2_000"', '2000'],
  ]) {
    const text = rice(written);
    const fix = preferred(fixes(text, 'invalid-type'));
    assert.equal(fix.title, `Change to ${value}`);
    assert.equal(apply(text, fix), rice(value));
  }
  // A reading, not the only one: offered, not preferred.
  const loose = rice('3 thousand');
  const [guess] = fixes(loose, 'invalid-type');
  assert.deepEqual([guess.title, guess.preferred], ['Change to 3', false]);
  const thousands = rice('1.2k');
  assert.equal(apply(thousands, fixes(thousands, 'invalid-type')[0]), rice('1200'));
  const progress = crlf(head(`${base}\nprogress: "40"`));
  assert.equal(
    apply(progress, preferred(fixes(progress, 'invalid-type'))),
    crlf(head(`${base}\nprogress: 40`)),
  );
});

test('invalid-type: a number where text belongs is quoted; a list where one value belongs gives its first item', () => {
  const title = head('id: F-001\ntitle: 42\nstatus: planned');
  const quote = preferred(fixes(title, 'invalid-type'));
  assert.equal(quote.title, 'Quote it: "42"');
  assert.equal(apply(title, quote), head('id: F-001\ntitle: "42"\nstatus: planned'));
  const flag = head(`${base}\nteam: true`);
  assert.equal(apply(flag, preferred(fixes(flag, 'invalid-type'))), head(`${base}\nteam: "true"`));

  const teams = head(`${base}\nteam: [core, web]\nowner: ana`);
  const [first] = fixes(teams, 'invalid-type');
  assert.deepEqual([first.title, first.preferred], ['Use the first item: core', false]);
  assert.equal(apply(teams, first), head(`${base}\nteam: core\nowner: ana`));
  const single = crlf(head('id: F-001\ntitle:\n  - One thing\nstatus: planned'));
  const only = preferred(fixes(single, 'invalid-type'));
  assert.equal(only.title, 'Use the first item: One thing');
  assert.equal(apply(single, only), crlf(head('id: F-001\ntitle: One thing\nstatus: planned')));
  const efforts = head(`${base}\nrice: { reach: 1, impact: 1, confidence: 80%, effort: [2] }`);
  assert.equal(apply(efforts, preferred(fixes(efforts, 'invalid-type'))), efforts.replace('[2]', '2'));
});

test('invalid-type: a bare value where a list belongs is wrapped; a lone evidence mapping becomes its entry', () => {
  const tags = head(`${base}\ntags: "a, b"`);
  assert.equal(apply(tags, preferred(fixes(tags, 'invalid-type'))), head(`${base}\ntags: ["a, b"]`));
  const two = head(`${base}\ndepends_on: F-002, F-003`);
  assert.equal(
    apply(two, preferred(fixes(two, 'invalid-type'))),
    head(`${base}\ndepends_on: [F-002, F-003]`),
  );
  const block = head(`${base}\nevidence:\n  url: https://example.com/a\n  note: from a call\nowner: ana`);
  const entry = preferred(fixes(block, 'invalid-type'));
  assert.equal(entry.title, 'Make it a list item');
  assert.equal(
    apply(block, entry),
    head(`${base}\nevidence:\n  - url: https://example.com/a\n    note: from a call\nowner: ana`),
  );
  const flow = head(`${base}\nevidence: { url: https://example.com/a }`);
  assert.equal(
    apply(flow, preferred(fixes(flow, 'invalid-type'))),
    head(`${base}\nevidence: [{ url: https://example.com/a }]`),
  );
});

test('invalid-type: confidence words, custom integers and booleans, bad list entries, and a last-resort removal', () => {
  const confidence = (value: string) =>
    head(`${base}\nrice: { reach: 1, impact: 1, confidence: ${value}, effort: 1 }`);
  for (const [written, fixed] of [
    ['High', '100%'],
    ["'80'", "'80%'"],
    ['80 percent', '80%'],
    ["'0.5'", "'50%'"],
  ]) {
    const text = confidence(written);
    assert.equal(apply(text, preferred(fixes(text, 'invalid-type'))), confidence(fixed), written);
  }
  const unknown = fixes(confidence('yes'), 'invalid-type');
  assert.deepEqual(
    unknown.map((fix) => [fix.title, fix.preferred]),
    [
      ['Change to 100% (High)', false],
      ['Change to 80% (Medium)', false],
      ['Change to 50% (Low)', false],
    ],
  );

  const config = {
    ...defaultConfig(),
    fields: { budget: { type: 'integer' as const }, public: { type: 'boolean' as const } },
  };
  const custom = head(`${base}\nbudget: '12'\npublic: "yes"`);
  const customIssues = issuesOf(custom, {}, config).filter((issue) => issue.code === 'invalid-type');
  const context = contextFor('roadmap/this.md', ['F-001'], config);
  assert.equal(
    applyEdits(
      custom,
      customIssues.flatMap((issue) => preferred(fixesFor(issue, custom, context)).edits),
    ),
    head(`${base}\nbudget: 12\npublic: true`),
  );

  const entries = head(`${base}\ndepends_on:\n  - F-002\n  -\n  - { id: F-003 }`);
  const [empty, mapping] = issuesOf(entries).filter((issue) => issue.code === 'invalid-type');
  const emptyFix = fixesFor(empty, entries, contextFor('roadmap/this.md', ['F-002']));
  assert.deepEqual(
    emptyFix.map((fix) => [fix.title, fix.preferred]),
    [['Remove this entry', true]],
  );
  assert.equal(apply(entries, emptyFix[0]), head(`${base}\ndepends_on:\n  - F-002\n  - { id: F-003 }`));
  const mappingFix = fixesFor(mapping, entries, contextFor('roadmap/this.md', ['F-002']));
  assert.deepEqual(
    mappingFix.map((fix) => [fix.title, fix.preferred]),
    [['Remove this entry', false]],
  );
  const evidence = head(`${base}\nevidence:\n  - 42\n  - https://example.com`);
  assert.equal(
    apply(evidence, fixTitled(fixes(evidence, 'invalid-type'), 'Remove this evidence entry')),
    head(`${base}\nevidence:\n  - https://example.com`),
  );

  const rice = head(`${base}\nrice: 640\nowner: ana`);
  const [removal] = fixes(rice, 'invalid-type');
  assert.deepEqual([removal.title, removal.preferred], ["Remove 'rice'", false]);
  assert.equal(apply(rice, removal), head(`${base}\nowner: ana`));
});

test('invalid-url: add the missing scheme (preferred), or remove the entry', () => {
  const text = head(
    `${base}\nevidence:\n  - feedback.example.com/x?id=1\n  - url: "//example.com/y"\n    note: a call`,
  );
  const [first, second] = issuesOf(text).filter((issue) => issue.code === 'invalid-url');
  const context = contextFor('roadmap/this.md', ['F-001']);
  const firstFixes = fixesFor(first, text, context);
  assert.equal(preferred(firstFixes).title, 'Add https://');
  assert.equal(
    apply(text, preferred(firstFixes)),
    text.replace('- feedback.example.com', '- https://feedback.example.com'),
  );
  assert.equal(
    apply(text, fixTitled(firstFixes, 'Remove this evidence entry')),
    head(`${base}\nevidence:\n  - url: "//example.com/y"\n    note: a call`),
  );
  const secondFixes = fixesFor(second, text, context);
  assert.equal(apply(text, preferred(secondFixes)), text.replace('"//example', '"https://example'));
  assert.equal(
    apply(text, fixTitled(secondFixes, 'Remove this evidence entry')),
    head(`${base}\nevidence:\n  - feedback.example.com/x?id=1`),
  );
  // Another scheme is not guessed at; a flow list loses just the entry.
  const ftp = crlf(head(`${base}\nevidence: [ftp://example.com/x, https://example.com]`));
  assert.deepEqual(
    fixes(ftp, 'invalid-url').map((fix) => [fix.title, fix.preferred]),
    [['Remove this evidence entry', false]],
  );
  assert.equal(
    apply(ftp, fixes(ftp, 'invalid-url')[0]),
    crlf(head(`${base}\nevidence: [https://example.com]`)),
  );
  const config = { ...defaultConfig(), fields: { homepage: { type: 'url' as const } } };
  const custom = head(`${base}\nhomepage: example.org`);
  const customFixes = fixes(custom, 'invalid-url', {}, config);
  assert.equal(apply(custom, preferred(customFixes)), head(`${base}\nhomepage: https://example.org`));
  assert.equal(apply(custom, fixTitled(customFixes, "Remove 'homepage'")), head(base));
});

test('invalid-date: readings of other notations, or remove the field', () => {
  const date = (value: string) => head(`${base}\nstart: ${value}\nowner: ana`);
  const cases: [string, [string, boolean][], string][] = [
    ['25/12/2026', [['Change to 2026-12-25', true]], '2026-12-25'],
    ['20260112', [['Change to 2026-01-12', true]], '2026-01-12'],
    ["'March 5, 2026'", [['Change to 2026-03-05', true]], "'2026-03-05'"],
    ['5 Sept 2026', [['Change to 2026-09-05', true]], '2026-09-05'],
  ];
  for (const [written, titles, fixed] of cases) {
    const text = date(written);
    const list = fixes(text, 'invalid-date');
    assert.deepEqual(
      list.map((fix) => [fix.title, fix.preferred]),
      [...titles, ["Remove 'start'", false]],
      written,
    );
    assert.equal(apply(text, list[0]), date(fixed));
  }
  const ambiguous = fixes(date('03/04/2026'), 'invalid-date');
  assert.deepEqual(
    ambiguous.map((fix) => [fix.title, fix.preferred]),
    [
      ['Change to 2026-04-03 (day first)', false],
      ['Change to 2026-03-04 (month first)', false],
      ["Remove 'start'", false],
    ],
  );
  const overflow = fixes(date('2026-02-30'), 'invalid-date');
  assert.equal(overflow[0].title, 'Change to 2026-02-28 (the last day of that month)');
  assert.equal(overflow[0].preferred, false);
  const nothing = crlf(date('next week'));
  const [removal] = fixes(nothing, 'invalid-date');
  assert.equal(apply(nothing, removal), crlf(head(`${base}\nowner: ana`)));
});

test('invalid-date: no fix drops the time of a date-time', () => {
  const date = (value: string) => head(`${base}\nstart: ${value}\nowner: ana`);
  // The validator's own rewrite (the preferred "Change to") keeps the time as written.
  const loose = date('2025-9-6 21:22');
  assert.equal(apply(loose, preferred(fixes(loose, 'invalid-date'))), date('2025-09-06 21:22'));
  const iso = date('2025.9.6T21:22:00Z');
  assert.equal(apply(iso, preferred(fixes(iso, 'invalid-date'))), date('2025-09-06T21:22:00Z'));
  // So do the readings of other notations, sure or not.
  const named = date('5 Sept 2026 09:30');
  assert.equal(apply(named, preferred(fixes(named, 'invalid-date'))), date('2026-09-05 09:30'));
  const ambiguous = fixes(date('03/04/2026 21:22'), 'invalid-date');
  assert.deepEqual(
    ambiguous.map((fix) => fix.title),
    ['Change to 2026-04-03 21:22 (day first)', 'Change to 2026-03-04 21:22 (month first)', "Remove 'start'"],
  );
  const overflow = fixes(date('2026-02-30 08:00'), 'invalid-date');
  assert.equal(overflow[0].title, 'Change to 2026-02-28 08:00 (the last day of that month)');
});

test('invalid-quarter: a month or a short year read as a quarter, the quarter of start, or remove it', () => {
  const month = head(`${base}\nquarter: 2026-08`);
  assert.equal(apply(month, preferred(fixes(month, 'invalid-quarter'))), head(`${base}\nquarter: 2026-Q3`));
  const short = head(`${base}\nquarter: Q3 '26\nstart: 2026-04-02`);
  assert.deepEqual(
    fixes(short, 'invalid-quarter').map((fix) => [fix.title, fix.preferred]),
    [
      ['Change to 2026-Q3', false],
      ["Change to 2026-Q2 (the quarter 'start' falls in)", false],
      ["Remove 'quarter'", false],
    ],
  );
  const vague = head(`${base}\nquarter: sometime\nowner: ana`);
  assert.deepEqual(
    fixes(vague, 'invalid-quarter').map((fix) => fix.title),
    ["Remove 'quarter'"],
  );
  assert.equal(apply(vague, fixes(vague, 'invalid-quarter')[0]), head(`${base}\nowner: ana`));
});

test('invalid-id: when nothing is left of it, the next free id; rice-impact-scale: a number in quotes snaps', () => {
  const id = head("id: '#!'\ntitle: One\nstatus: planned");
  const fix = preferred(fixes(id, 'invalid-id'));
  assert.equal(fix.title, "Change id to 'F-003'");
  assert.equal(apply(id, fix), head("id: 'F-003'\ntitle: One\nstatus: planned"));

  const quoted = head(`${base}\nrice: { reach: 1, impact: '1.8', confidence: 80%, effort: 1 }`);
  assert.equal(apply(quoted, preferred(fixes(quoted, 'rice-impact-scale'))), quoted.replace("'1.8'", '2'));
  const word = head(`${base}\nrice: { reach: 1, impact: huge, confidence: 80%, effort: 1 }`);
  const tiers = fixes(word, 'rice-impact-scale');
  assert.deepEqual(
    tiers.map((tier) => tier.title),
    [
      'Change to 3 (Massive)',
      'Change to 2 (High)',
      'Change to 1 (Medium)',
      'Change to 0.5 (Low)',
      'Change to 0.25 (Minimal)',
    ],
  );
  assert.ok(tiers.every((tier) => !tier.preferred));
});

test('fix all takes the new preferred fixes too', () => {
  const text = head(
    `${base}\nrice: { reach: "1,200", impact: 1, confidence: 80%, effort: 2 }\nstart: 2026-05-01\nend: 2026-04-01`,
  );
  const config = { ...defaultConfig(), rules: { 'date-order': 'warning' as const } };
  const context = contextFor('roadmap/this.md', ['F-001'], config);
  assert.equal(
    applyEdits(text, fixAllEdits(issuesOf(text, {}, config), text, context)),
    head(
      `${base}\nrice: { reach: 1200, impact: 1, confidence: 80%, effort: 2 }\nstart: 2026-04-01\nend: 2026-05-01`,
    ),
  );
});
