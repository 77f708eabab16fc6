// Every rule code: it fires with the right code, severity, line and span on bad input, stays quiet on good
// input, and follows the config (severity overrides, aliases, custom fields, scoring models).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { parseFeatureFile } from '../../src/core/featureFile';
import { LineIndex } from '../../src/core/lineIndex';
import { ruleByCode, rules } from '../../src/core/schema';
import type { RuleCode, Severity } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

interface Found {
  file: string;
  code: RuleCode;
  severity: Severity;
  /** 1-based line of the span's start. */
  line: number;
  /** The text the span covers. */
  text: string;
  message: string;
}

function configWith(overrides: Partial<RoadmapConfig> = {}): RoadmapConfig {
  return { ...defaultConfig(), ...overrides };
}

/** Indexes the files and returns every issue (own and cross-file), with lines and covered text. */
function lint(files: Record<string, string>, config: RoadmapConfig = defaultConfig()): Found[] {
  const index = new WorkspaceIndex(config);
  for (const [file, text] of Object.entries(files)) index.update(file, text);
  index.flush();
  const found: Found[] = [];
  for (const [file, text] of Object.entries(files)) {
    const lines = new LineIndex(text);
    for (const issue of index.issues(file)) {
      found.push({
        file,
        code: issue.code,
        severity: issue.severity,
        line: lines.positionAt(issue.span.start).line + 1,
        text: text.slice(issue.span.start, issue.span.end),
        message: issue.message,
      });
    }
  }
  return found;
}

const fm = (yaml: string, body = '\n# Body\n') => `---\n${yaml}---\n${body}`;
const base = 'id: F-1\ntitle: A feature\nstatus: idea\n';
const one = (yaml: string) => ({ 'roadmap/f1.md': fm(yaml) });

interface RuleCase {
  files: Record<string, string>;
  config?: Partial<RoadmapConfig>;
  /** Where the first issue with this code must be. */
  file?: string;
  line: number;
  text: string;
  /** A fragment of its message. */
  message: string;
  /** How many issues with this code the case produces in total. */
  count?: number;
}

const must = (id: string, extra = '') => `id: ${id}\ntitle: ${id}\nstatus: planned\n${extra}`;

// Typed as a Record over RuleCode: adding a rule code without a case here fails the type check.
const cases: Record<RuleCode, RuleCase> = {
  'yaml-syntax': {
    files: one('id: F-1\ntitle: [unclosed\nstatus: idea\n'),
    line: 4,
    text: 's',
    message: 'Invalid YAML in the front-matter',
  },
  'frontmatter-unclosed': {
    files: { 'roadmap/f1.md': '---\nid: F-1\ntitle: T\n' },
    line: 1,
    text: '---',
    message: 'never closed',
  },
  'frontmatter-not-mapping': {
    files: one('- id: F-1\n- title: T\n'),
    line: 2,
    text: '- id: F-1\n- title: T\n',
    message: 'is a list',
  },
  'file-unreadable': {
    files: { 'roadmap/f1.md': fm(base + 'owner: caf\uFFFD\n') },
    line: 1,
    text: '---',
    message: 'not valid UTF-8',
  },
  'missing-field': {
    files: one('id: F-1\ntitle: T\n'),
    line: 1,
    text: '---',
    message: "Required field 'status' is missing.",
  },
  'unknown-field': {
    files: one(base + 'onwer: ana\n'),
    line: 5,
    text: 'onwer',
    message: "did you mean 'owner'?",
  },
  'invalid-type': {
    files: one(base + 'owner: { name: ana }\n'),
    line: 5,
    text: '{ name: ana }',
    message: "'owner' must be a name or a list of names, not a mapping.",
  },
  'invalid-enum': {
    files: one('id: F-1\ntitle: T\nstatus: shiped\n'),
    line: 4,
    text: 'shiped',
    message: "did you mean 'shipped'?",
  },
  'invalid-id': {
    files: one('id: "F 1"\ntitle: T\nstatus: idea\n'),
    line: 2,
    text: '"F 1"',
    message: "Id 'F 1' contains spaces",
  },
  'rice-reach-range': {
    files: one(base + 'rice:\n  reach: -5\n  impact: 1\n  confidence: 80%\n  effort: 1\n'),
    line: 6,
    text: '-5',
    message: "'rice.reach' is -5; it cannot be negative.",
  },
  'rice-impact-scale': {
    files: one(base + 'rice:\n  reach: 5\n  impact: 4\n  confidence: 80%\n  effort: 1\n'),
    line: 7,
    text: '4',
    message: 'nearest is 3',
  },
  'rice-confidence-range': {
    files: one(base + 'rice: { reach: 5, impact: 1, confidence: 150%, effort: 1 }\n'),
    line: 5,
    text: '150%',
    message: 'outside (0, 100%]',
  },
  'rice-confidence-low': {
    files: one(base + 'rice: { reach: 5, impact: 1, confidence: 30%, effort: 1 }\n'),
    line: 5,
    text: '30%',
    message: 'Confidence of 30% is below 50%',
  },
  'rice-effort-range': {
    files: one(base + 'rice:\n  reach: 5\n  impact: 1\n  confidence: 80%\n  effort: 0\n'),
    line: 9,
    text: '0',
    message: 'must be above 0 person-months',
  },
  'score-range': {
    files: one(base + 'ice:\n  impact: 11\n  confidence: 5\n  ease: 5\n'),
    config: { scoring: { model: 'ice' } },
    line: 6,
    text: '11',
    message: 'ICE inputs run from 1 to 10',
  },
  'score-stale': {
    files: one(base + 'rice: { reach: 1000, impact: 2, confidence: 80%, effort: 4 }\nscore: 500\n'),
    line: 6,
    text: '500',
    message: 'Stored score 500 is stale: the RICE inputs give 400.',
  },
  'invalid-date': {
    files: one(base + 'start: 2026-02-30\n'),
    line: 5,
    text: '2026-02-30',
    message: 'is not a day on the calendar',
  },
  'invalid-quarter': {
    files: one(base + 'quarter: Q3 2026\n'),
    line: 5,
    text: 'Q3 2026',
    message: '(2026-Q3)',
  },
  'date-order': {
    files: one(base + 'start: 2026-03-01\nend: 2026-02-01\n'),
    line: 6,
    text: '2026-02-01',
    message: "'end' 2026-02-01 is before 'start' 2026-03-01.",
  },
  'progress-range': {
    files: one(base + 'progress: 140\n'),
    line: 5,
    text: '140',
    message: 'Progress 140 must be between 0 and 100.',
  },
  'invalid-url': {
    files: one(base + 'evidence:\n  - https://ok.example.com/1\n  - ftp://files.example.com/x\n'),
    line: 7,
    text: 'ftp://files.example.com/x',
    message: 'is not an http(s) link',
  },
  'duplicate-id': {
    files: { 'roadmap/a.md': fm(must('F-7')), 'roadmap/b.md': fm(must('F-7')) },
    file: 'roadmap/b.md',
    line: 2,
    text: 'F-7',
    message: "Id 'F-7' is also used by roadmap/a.md",
    count: 2,
  },
  'unknown-dependency': {
    files: one(base + 'depends_on:\n  - F-404\n'),
    line: 6,
    text: 'F-404',
    message: "depends_on 'F-404', but no feature has that id.",
  },
  'dependency-cycle': {
    files: {
      'roadmap/a.md': fm(must('F-A', 'depends_on: [F-B]\n')),
      'roadmap/b.md': fm(must('F-B', 'depends_on: [F-C]\n')),
      'roadmap/c.md': fm(must('F-C', 'depends_on: [F-A]\n')),
    },
    file: 'roadmap/c.md',
    line: 5,
    text: 'F-A',
    message: 'Dependency cycle: ',
    count: 3,
  },
  'dependency-schedule': {
    files: {
      'roadmap/a.md': fm(must('F-A', 'start: 2026-01-01\nend: 2026-03-01\n')),
      'roadmap/b.md': fm(must('F-B', 'start: 2026-02-01\nend: 2026-04-01\ndepends_on: [F-A]\n')),
    },
    file: 'roadmap/b.md',
    line: 7,
    text: 'F-A',
    message: "Depends on 'F-A', which ends 2026-03-01, after this feature starts 2026-02-01.",
  },
  'priority-inversion': {
    files: {
      'roadmap/a.md': fm(must('F-A', 'moscow: could\n')),
      'roadmap/b.md': fm(must('F-B', 'moscow: must\ndepends_on:\n  - F-A\n')),
    },
    file: 'roadmap/b.md',
    line: 7,
    text: 'F-A',
    message: "This MUST feature depends on 'F-A', a COULD",
  },
  'moscow-budget': {
    files: {
      'roadmap/a.md': fm(
        must(
          'F-A',
          'moscow: must\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 7 }\n',
        ),
      ),
      'roadmap/b.md': fm(
        must(
          'F-B',
          'moscow: should\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 3 }\n',
        ),
      ),
    },
    file: 'roadmap/a.md',
    line: 5,
    text: 'must',
    message: "Must features take 70% of milestone M1's effort (7 of 10 person-months); keep it under 60%",
  },
  'unknown-milestone': {
    files: one(base + 'milestone: M9\n'),
    config: {
      milestones: [
        { id: 'M1', title: 'One' },
        { id: 'M2', title: 'Two' },
      ],
    },
    line: 5,
    text: 'M9',
    message: 'Known: M1, M2.',
  },
  'unknown-goal': {
    files: one(base + 'goal: G-grwoth\n'),
    config: { goals: [{ id: 'G-growth', title: 'Growth' }] },
    line: 5,
    text: 'G-grwoth',
    message: "did you mean 'G-growth'?",
  },
  'evidence-missing': {
    files: one(base + 'rice:\n  reach: 10\n  impact: 1\n  confidence: 100%\n  effort: 1\n'),
    line: 8,
    text: '100%',
    message: 'Confidence is 100% but no evidence backs it',
  },
  'milestone-date': {
    files: one(base + 'milestone: M1\nend: 2026-05-02\n'),
    config: { milestones: [{ id: 'M1', title: 'Beta', date: '2026-03-31' }] },
    line: 6,
    text: '2026-05-02',
    message: "after its milestone 'Beta' (2026-03-31)",
  },
  'quarter-dates': {
    files: one(base + 'quarter: 2026-Q1\nstart: 2026-03-01\nend: 2026-05-02\n'),
    line: 5,
    text: '2026-Q1',
    message: 'quarter is 2026-Q1, but the feature ends 2026-05-02, in 2026-Q2',
  },
  overdue: {
    files: one('id: F-1\ntitle: A feature\nstatus: in-progress\nend: 2020-01-31\n'),
    config: { rules: { overdue: 'warning' } },
    line: 5,
    text: '2020-01-31',
    message: 'planned to end 2020-01-31',
  },
  capacity: {
    files: {
      'roadmap/a.md': fm(
        must(
          'F-A',
          'team: platform\nquarter: 2026-Q1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 4 }\n',
        ),
      ),
      'roadmap/b.md': fm(
        must(
          'F-B',
          'team: platform\nquarter: 2026-Q1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 3 }\n',
        ),
      ),
    },
    config: { capacity: { platform: { '2026-Q1': 6 } } },
    file: 'roadmap/a.md',
    line: 5,
    text: 'platform',
    message: 'Team platform has 7 person-months planned in 2026-Q1, over its capacity of 6',
    count: 2,
  },
};

describe('every rule code fires at the right place with its default severity', () => {
  test('the case table covers every rule in the schema, and nothing else', () => {
    assert.deepEqual(Object.keys(cases).sort(), rules.map((rule) => rule.code).sort());
  });

  for (const rule of rules) {
    test(rule.code, () => {
      const spec = cases[rule.code];
      const found = lint(spec.files, configWith(spec.config));
      const mine = found.filter((issue) => issue.code === rule.code);
      assert.ok(mine.length > 0, `${rule.code} did not fire; got ${JSON.stringify(found)}`);
      assert.equal(mine.length, spec.count ?? 1, JSON.stringify(mine));
      const first = mine.find((issue) => issue.file === (spec.file ?? 'roadmap/f1.md'));
      assert.ok(first, JSON.stringify(mine));
      assert.equal(first.severity, rule.severity);
      assert.equal(first.line, spec.line, JSON.stringify(first));
      assert.equal(first.text, spec.text);
      assert.ok(first.message.includes(spec.message), first.message);
    });
  }

  test("'off' silences each rule, and any other setting replaces its severity", () => {
    for (const rule of rules) {
      const spec = cases[rule.code];
      const off = lint(spec.files, configWith({ ...spec.config, rules: { [rule.code]: 'off' } }));
      assert.deepEqual(
        off.filter((issue) => issue.code === rule.code),
        [],
        `${rule.code} still fires when off`,
      );
      const other: Severity = (rule.severity as Severity) === 'hint' ? 'error' : 'hint';
      const moved = lint(spec.files, configWith({ ...spec.config, rules: { [rule.code]: other } }));
      const mine = moved.filter((issue) => issue.code === rule.code);
      assert.equal(mine.length, spec.count ?? 1, rule.code);
      for (const issue of mine) assert.equal(issue.severity, other, rule.code);
    }
  });

  test('the documented default severities', () => {
    const expected: Partial<Record<RuleCode, Severity>> = {
      'yaml-syntax': 'error',
      'unknown-field': 'warning',
      'rice-confidence-low': 'info',
      'score-stale': 'warning',
      'invalid-url': 'warning',
      'dependency-schedule': 'warning',
      'priority-inversion': 'warning',
      'moscow-budget': 'warning',
      'unknown-dependency': 'error',
      'dependency-cycle': 'error',
      'evidence-missing': 'warning',
    };
    for (const [code, severity] of Object.entries(expected))
      assert.equal(ruleByCode.get(code as RuleCode)?.severity, severity, code);
  });
});

describe('valid input is quiet', () => {
  const complete = fm(
    [
      'id: F-001',
      'title: "Single sign-on: SAML + OIDC"',
      'status: in-progress',
      'moscow: should',
      'rice:',
      '  reach: 1200',
      '  impact: 2',
      '  confidence: 80%',
      '  effort: 3',
      'score: 640',
      'owner: ana.silva',
      'team: platform',
      'milestone: M1',
      'quarter: 2026-Q1',
      'start: 2026-01-12',
      'end: 2026-03-20',
      'depends_on: [F-002]',
      'goal: G-enterprise',
      'tags: [security, enterprise]',
      'evidence:',
      '  - https://feedback.example.com/posts/219',
      '  - { url: "http://support.example.com/t/1", note: Two tickets }',
      'progress: 40%',
      '',
    ].join('\n'),
  );
  const dependency = fm(must('F-002', 'moscow: must\nend: 2026-01-12\nmilestone: M1\n'));

  test('a complete feature file and its dependency produce no issue at all', () => {
    const found = lint({ 'roadmap/F-001.md': complete, 'roadmap/F-002.md': dependency });
    assert.deepEqual(found, []);
  });

  test('the same file with every field under an unknown-milestone config still only warns about the milestone', () => {
    const found = lint(
      { 'roadmap/F-001.md': complete, 'roadmap/F-002.md': dependency },
      configWith({ milestones: [{ id: 'M2', title: 'Two' }] }),
    );
    assert.deepEqual(
      found.map((issue) => [issue.file, issue.code, issue.line]),
      [
        ['roadmap/F-001.md', 'unknown-milestone', 14],
        ['roadmap/F-002.md', 'unknown-milestone', 7],
      ],
    );
  });

  const edgeCases: [string, string][] = [
    [
      'reach 0 and a fractional effort',
      `${base}rice: { reach: 0, impact: 1, confidence: 80%, effort: 0.5 }\n`,
    ],
    [
      'confidence of exactly 50% (not a moonshot)',
      `${base}rice: { reach: 1, impact: 1, confidence: 50%, effort: 1 }\n`,
    ],
    [
      'confidence written 0.8, and ICE inputs when RICE is the model',
      `${base}rice: { reach: 1, impact: 1, confidence: 0.8, effort: 1 }\nice: { impact: 1, confidence: 1, ease: 1 }\n`,
    ],
    [
      'confidence 100% with evidence',
      `${base}rice: { reach: 1, impact: 1, confidence: 100%, effort: 1 }\nevidence: [https://x.example.com/a]\n`,
    ],
    [
      'a stored score rounded the way people write it',
      `${base}rice: { reach: 2800, impact: 2, confidence: 80%, effort: 3 }\nscore: 1493\n`,
    ],
    [
      'a stored score with decimals',
      `${base}rice: { reach: 10, impact: 0.25, confidence: 80%, effort: 3 }\nscore: 0.67\n`,
    ],
    ['start equal to end', `${base}start: 2026-02-28\nend: 2026-02-28\n`],
    ['a leap day', `${base}start: 2028-02-29\n`],
    ['progress 0', `${base}progress: 0\n`],
    ['progress 100', `${base}progress: 100\n`],
    ['Q4', `${base}quarter: 2026-Q4\n`],
    ['MoSCoW written as people say it', `${base}moscow: Won't have\n`],
    ['a status in another case', 'id: F-1\ntitle: T\nstatus: In-Progress\n'],
    ['empty optional fields', `${base}owner:\ntags: []\ndepends_on:\n`],
    ['an id with dots, slashes and underscores', 'id: team/api_v2.F-1\ntitle: T\nstatus: idea\n'],
    ['comments everywhere', `# lead\nid: F-1 # the id\n# between\ntitle: T\nstatus: idea # state\n`],
  ];
  for (const [name, yaml] of edgeCases) {
    test(name, () => {
      assert.deepEqual(lint(one(yaml)), [], yaml);
    });
  }

  test('every impact tier', () => {
    const files: Record<string, string> = {};
    [3, 2, 1, 0.5, 0.25].forEach((impact, i) => {
      files[`roadmap/f${i}.md`] = fm(
        `id: F-${i}\ntitle: T\nstatus: idea\nrice: { reach: 1, impact: ${impact}, confidence: 80%, effort: 1 }\n`,
      );
    });
    assert.deepEqual(lint(files), []);
  });

  test('normalised values land in the feature', () => {
    const parsed = parseFeatureFile(
      'roadmap/f.md',
      fm(
        "id: F-1\ntitle: T\nstatus: In-Progress\nmoscow: Won't have\nrice: { reach: 10, impact: 1, confidence: 0.8, effort: 2 }\nprogress: 45%\n",
      ),
      defaultConfig(),
    );
    assert.equal(parsed.feature?.status, 'in-progress');
    assert.equal(parsed.feature?.moscow, 'wont');
    assert.deepEqual(parsed.feature?.rice, { reach: 10, impact: 1, confidence: 80, effort: 2 });
    assert.equal(parsed.feature?.score, 4);
    assert.equal(parsed.feature?.progress, 45);
  });

  test('a dependency that ends after the start is fine once it is done', () => {
    const files = {
      'roadmap/a.md': fm('id: F-A\ntitle: A\nstatus: shipped\nend: 2026-03-01\n'),
      'roadmap/b.md': fm(must('F-B', 'start: 2026-02-01\ndepends_on: [F-A]\n')),
    };
    assert.deepEqual(lint(files), []);
  });

  test('the Must budget at exactly 60% does not fire; dropped and wont features take no effort', () => {
    const files = {
      'roadmap/a.md': fm(
        must(
          'F-A',
          'moscow: must\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 6 }\n',
        ),
      ),
      'roadmap/b.md': fm(
        must(
          'F-B',
          'moscow: should\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 4 }\n',
        ),
      ),
      'roadmap/c.md': fm(
        'id: F-C\ntitle: C\nstatus: dropped\nmoscow: must\nmilestone: M1\nrice: { reach: 1, impact: 1, confidence: 80%, effort: 50 }\n',
      ),
    };
    assert.deepEqual(lint(files), []);
    const withBudget = lint(files, configWith({ mustBudget: 0.5 }));
    assert.deepEqual(
      withBudget.map((issue) => [issue.file, issue.code, issue.text]),
      [['roadmap/a.md', 'moscow-budget', 'must']],
    );
  });

  test('a priority inversion needs a lower priority, not an equal or higher one', () => {
    const files = {
      'roadmap/a.md': fm(must('F-A', 'moscow: must\n')),
      'roadmap/b.md': fm(must('F-B', 'moscow: should\ndepends_on: [F-A]\n')),
      'roadmap/c.md': fm(must('F-C', 'moscow: should\ndepends_on: [F-B]\n')),
    };
    assert.deepEqual(lint(files), []);
  });

  test('a self-dependency is a cycle of one', () => {
    const found = lint({ 'roadmap/a.md': fm(must('F-A', 'depends_on: [F-A]\n')) });
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.line, issue.text, issue.message]),
      [['dependency-cycle', 5, 'F-A', 'Dependency cycle: F-A → F-A. Break it by removing one dependency.']],
    );
  });
});

describe('specific messages, spans and quick-fix data', () => {
  const issuesOf = (yaml: string, config = defaultConfig()) =>
    parseFeatureFile('roadmap/f.md', fm(yaml), config).issues;

  test('impact written as a word points at the tier it names', () => {
    const [issue] = issuesOf(base + 'rice: { reach: 1, impact: High, confidence: 80%, effort: 1 }\n');
    assert.equal(issue.code, 'rice-impact-scale');
    assert.equal(issue.message, "RICE impact must be one of 3, 2, 1, 0.5, 0.25: 'High' is 2.");
    assert.equal(issue.data?.replacement, 2);
  });

  test('confidence out of range suggests the nearest tier', () => {
    const [issue] = issuesOf(base + 'rice: { reach: 1, impact: 1, confidence: -10%, effort: 1 }\n');
    assert.equal(issue.code, 'rice-confidence-range');
    assert.equal(issue.data?.replacement, '50%');
  });

  test('score-stale suggests the recomputed score', () => {
    const [issue] = issuesOf(
      base + 'rice: { reach: 2800, impact: 2, confidence: 80%, effort: 3 }\nscore: 2240\n',
    );
    assert.equal(issue.code, 'score-stale');
    assert.equal(issue.message, 'Stored score 2240 is stale: the RICE inputs give 1493.');
    assert.equal(issue.data?.replacement, 1493);
  });

  test('a loose date and a loose quarter get a rewrite', () => {
    const found = issuesOf(base + 'start: 2026/1/5\nquarter: q2-2026\n');
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.data?.replacement]),
      [
        ['invalid-date', '2026-01-05'],
        ['invalid-quarter', '2026-Q2'],
      ],
    );
  });

  test('a date written as a number or a list is invalid-date, not a crash', () => {
    const found = issuesOf(base + 'start: 20260105\nend: [2026-01-05]\n');
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.message]),
      [
        ['invalid-date', "'start' must be a date written yyyy-mm-dd, not number 20260105."],
        ['invalid-date', "'end' must be a date written yyyy-mm-dd, not a list."],
      ],
    );
  });

  test('an incomplete rice block names each missing input on the rice key', () => {
    const found = issuesOf(base + 'rice:\n  reach: 10\n  impact: 1\n');
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.data?.field]),
      [
        ['missing-field', 'rice.confidence'],
        ['missing-field', 'rice.effort'],
      ],
    );
  });

  test('an unknown sub-field of rice suggests the right one', () => {
    const [issue] = issuesOf(base + 'rice:\n  reech: 10\n');
    assert.equal(issue.code, 'unknown-field');
    assert.deepEqual(issue.data?.suggestions, ['reach']);
    assert.deepEqual(issue.data?.path, ['rice', 'reech']);
  });

  test('a single value where a list belongs is a one-entry list', () => {
    const parsed = parseFeatureFile(
      'roadmap/f.md',
      fm(base + 'depends_on: F-2\ntags: solo\n'),
      defaultConfig(),
    );
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.feature?.dependsOn, ['F-2']);
    assert.deepEqual(parsed.feature?.tags, ['solo']);
  });

  test('a mapping where a list belongs offers no fix', () => {
    const [issue] = issuesOf(base + 'depends_on: { a: 1 }\n');
    assert.equal(issue.code, 'invalid-type');
    assert.equal(issue.data?.replacement, undefined);
  });

  test('a list entry of the wrong type points at the entry', () => {
    const text = fm(base + 'tags:\n  - ok\n  - { a: 1 }\n');
    const [issue] = parseFeatureFile('roadmap/f.md', text, defaultConfig()).issues;
    assert.equal(issue.code, 'invalid-type');
    assert.equal(text.slice(issue.span.start, issue.span.end), '{ a: 1 }');
    assert.deepEqual(issue.data?.path, ['tags', 1]);
  });

  test('an evidence {url, note} entry with a bad url points at the url', () => {
    const text = fm(base + 'evidence:\n  - url: mailto:x@example.com\n    note: n\n');
    const [issue] = parseFeatureFile('roadmap/f.md', text, defaultConfig()).issues;
    assert.equal(issue.code, 'invalid-url');
    assert.equal(text.slice(issue.span.start, issue.span.end), 'mailto:x@example.com');
  });

  test('a number as title is invalid, a number as owner is text', () => {
    const found = issuesOf('id: 7\ntitle: 12\nstatus: idea\nowner: 42\n');
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.message]),
      [['invalid-type', "'title' must be text, not number 12."]],
    );
    const parsed = parseFeatureFile(
      'roadmap/f.md',
      fm('id: 7\ntitle: T\nstatus: idea\nowner: 42\n'),
      defaultConfig(),
    );
    assert.equal(parsed.feature?.id, '7');
    assert.equal(parsed.feature?.owner, '42');
  });

  test('an empty required field is reported on its value, a missing one on the fence', () => {
    const text = fm('id: F-1\ntitle: ""\n');
    const found = parseFeatureFile('roadmap/f.md', text, defaultConfig()).issues;
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.message, text.slice(issue.span.start, issue.span.end)]),
      [
        ['missing-field', "Required field 'status' is missing.", '---'],
        ['missing-field', "Required field 'title' is empty.", '""'],
      ],
    );
  });

  test('issues come sorted by position', () => {
    const found = issuesOf(base + 'progress: 200\nquarter: 26Q1\nonwer: x\n');
    const starts = found.map((issue) => issue.span.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.deepEqual(
      found.map((issue) => issue.code),
      ['progress-range', 'invalid-quarter', 'unknown-field'],
    );
  });

  test('an unknown dependency suggests the closest ids', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', fm(must('F-010')));
    index.update('roadmap/b.md', fm(must('F-011')));
    index.update('roadmap/c.md', fm(must('F-C', 'depends_on: [F-01]\n')));
    index.flush();
    const [issue] = index.issues('roadmap/c.md');
    assert.equal(issue.code, 'unknown-dependency');
    assert.deepEqual(issue.data?.suggestions?.slice(0, 2), ['F-010', 'F-011']);
    // Ranked when first read (a lint that prints no suggestion never ranks), then kept: plain data to a copy.
    assert.equal(issue.data?.suggestions, issue.data?.suggestions);
    assert.deepEqual(JSON.parse(JSON.stringify(issue.data)), {
      path: ['depends_on', 0],
      suggestions: ['F-010', 'F-011', 'F-C'],
    });
    assert.deepEqual(structuredClone(issue.data), JSON.parse(JSON.stringify(issue.data)));
  });

  test('duplicate ids are reported on every copy with the next free id', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', fm(must('F-007')));
    index.update('roadmap/b.md', fm(must('F-007')));
    index.update('roadmap/c.md', fm(must('F-012')));
    index.flush();
    for (const [file, other] of [
      ['roadmap/a.md', 'roadmap/b.md'],
      ['roadmap/b.md', 'roadmap/a.md'],
    ]) {
      const [issue] = index.issues(file);
      assert.equal(issue.code, 'duplicate-id');
      assert.equal(issue.data?.replacement, 'F-013');
      assert.deepEqual(
        issue.data?.related?.map((related) => related.file),
        [other],
      );
    }
  });
});

describe('config: aliases, custom fields, scoring models', () => {
  const aliasConfig = configWith({ aliases: { priority: 'moscow', dependencies: 'depends_on' } });

  test('`priority:` reads as moscow and `dependencies:` as depends_on', () => {
    const text = fm('id: F-1\ntitle: T\nstatus: idea\npriority: Must\ndependencies:\n  - F-2\n');
    const parsed = parseFeatureFile('roadmap/f.md', text, aliasConfig);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.feature?.moscow, 'must');
    assert.deepEqual(parsed.feature?.dependsOn, ['F-2']);
    assert.deepEqual(parsed.keys, {
      id: 'id',
      title: 'title',
      status: 'status',
      moscow: 'priority',
      depends_on: 'dependencies',
    });
  });

  test('issues on aliased fields point at the aliased key', () => {
    const found = lint(
      { 'roadmap/f.md': fm('id: F-1\ntitle: T\nstatus: idea\npriority: mustt\ndependencies:\n  - F-2\n') },
      aliasConfig,
    );
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.line, issue.text]),
      [
        ['invalid-enum', 5, 'mustt'],
        ['unknown-dependency', 7, 'F-2'],
      ],
    );
  });

  test('a field written under both its name and its alias is reported once, on the second key', () => {
    const found = lint(
      { 'roadmap/f.md': fm('id: F-1\ntitle: T\nstatus: idea\nmoscow: must\npriority: could\n') },
      aliasConfig,
    );
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.line, issue.text, issue.message]),
      [
        [
          'unknown-field',
          6,
          'priority',
          "'priority' repeats 'moscow' (an alias of the same field); keep one.",
        ],
      ],
    );
  });

  test('without the alias, `priority:` is an unknown field', () => {
    const found = lint({ 'roadmap/f.md': fm('id: F-1\ntitle: T\nstatus: idea\npriority: must\n') });
    assert.deepEqual(
      found.map((issue) => [issue.code, issue.line, issue.text]),
      [['unknown-field', 5, 'priority']],
    );
  });

  const fields: RoadmapConfig['fields'] = {
    segment: { type: 'enum', values: ['smb', 'enterprise'] },
    note: { type: 'string' },
    seats: { type: 'number' },
    count: { type: 'integer' },
    flagged: { type: 'boolean' },
    created: { type: 'date' },
    spec: { type: 'url' },
    links: { type: 'list' },
  };
  const customConfig = configWith({ fields });

  test('custom fields of every type accept good values', () => {
    const yaml = `${base}segment: smb\nnote: hello\nseats: 2.5\ncount: 3\nflagged: true\ncreated: 2026-01-05\nspec: https://x.example.com\nlinks: [a, b]\n`;
    const parsed = parseFeatureFile('roadmap/f.md', fm(yaml), customConfig);
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(parsed.feature?.custom, {
      segment: 'smb',
      note: 'hello',
      seats: 2.5,
      count: 3,
      flagged: true,
      created: '2026-01-05',
      spec: 'https://x.example.com',
      links: ['a', 'b'],
    });
  });

  test('custom fields of every type reject bad values with the right code at the value', () => {
    const yaml = `${base}segment: smbb\nnote: [x]\nseats: many\ncount: 2.5\nflagged: yes\ncreated: 2026/1/5\nspec: www.example.com\nlinks: { a: 1 }\n`;
    const text = fm(yaml);
    const parsed = parseFeatureFile('roadmap/f.md', text, customConfig);
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, text.slice(issue.span.start, issue.span.end), issue.message]),
      [
        [
          'invalid-enum',
          'smbb',
          "'segment' must be one of smb, enterprise, not string 'smbb': did you mean 'smb'?",
        ],
        ['invalid-type', '[x]', "'note' must be text, not a list."],
        ['invalid-type', 'many', "'seats' must be a number, not string 'many'."],
        ['invalid-type', '2.5', "'count' must be a whole number, not number 2.5."],
        ['invalid-type', 'yes', "'flagged' must be true or false, not string 'yes'."],
        [
          'invalid-date',
          '2026/1/5',
          "'created' must be a date written yyyy-mm-dd (a time of day may follow), not string '2026/1/5'.",
        ],
        ['invalid-url', 'www.example.com', "'spec' must be an http(s) link, not string 'www.example.com'."],
        ['invalid-type', '{ a: 1 }', "'links' must be a list, not a mapping."],
      ],
    );
    assert.equal(
      parsed.issues.find((issue) => issue.code === 'invalid-date')?.data?.replacement,
      '2026-01-05',
    );
  });

  test('an unknown field suggests a close custom field', () => {
    const [issue] = parseFeatureFile('roadmap/f.md', fm(`${base}segmnt: smb\n`), customConfig).issues;
    assert.equal(issue.code, 'unknown-field');
    assert.deepEqual(issue.data?.suggestions, ['segment']);
  });

  test('ICE: score = impact × confidence × ease, ranges 1 to 10, no RICE evidence rule', () => {
    const config = configWith({ scoring: { model: 'ice' } });
    const good = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}ice: { impact: 8, confidence: 6, ease: 5 }\nscore: 240\n`),
      config,
    );
    assert.deepEqual(good.issues, []);
    assert.equal(good.feature?.score, 240);
    const stale = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}ice: { impact: 8, confidence: 6, ease: 5 }\nscore: 250\n`),
      config,
    );
    assert.deepEqual(
      stale.issues.map((issue) => [issue.code, issue.message]),
      [['score-stale', 'Stored score 250 is stale: the ICE inputs give 240.']],
    );
    const low = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}ice: { impact: 0, confidence: 6, ease: 5 }\n`),
      config,
    );
    assert.deepEqual(
      low.issues.map((issue) => [issue.code, issue.data?.replacement]),
      [['score-range', 1]],
    );
    const rice100 = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}rice: { reach: 1, impact: 1, confidence: 100%, effort: 1 }\n`),
      config,
    );
    assert.deepEqual(rice100.issues, []);
    assert.equal(rice100.feature?.score, undefined);
  });

  test('WSJF: (value + criticality + risk) ÷ size; risk_reduction is optional; job_size must be above 0', () => {
    const config = configWith({ scoring: { model: 'wsjf' } });
    const good = parseFeatureFile(
      'roadmap/f.md',
      fm(
        `${base}wsjf: { business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 4 }\nscore: 4\n`,
      ),
      config,
    );
    assert.deepEqual(good.issues, []);
    assert.equal(good.feature?.score, 4);
    const noRisk = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}wsjf: { business_value: 8, time_criticality: 4, job_size: 4 }\n`),
      config,
    );
    assert.deepEqual(noRisk.issues, []);
    assert.equal(noRisk.feature?.score, 3);
    const zero = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}wsjf: { business_value: 8, time_criticality: 4, job_size: 0 }\n`),
      config,
    );
    assert.deepEqual(
      zero.issues.map((issue) => [issue.code, issue.message]),
      [['score-range', "'wsjf.job_size' is 0; it must be above 0."]],
    );
    const negativeRisk = parseFeatureFile(
      'roadmap/f.md',
      fm(`${base}wsjf: { business_value: 8, time_criticality: 4, risk_reduction: -1, job_size: 2 }\n`),
      config,
    );
    assert.deepEqual(
      negativeRisk.issues.map((issue) => issue.code),
      ['score-range'],
    );
  });

  test('custom statuses replace the defaults', () => {
    const config = configWith({ statuses: [{ id: 'todo', title: 'To do', category: 'todo' }] });
    const [issue] = parseFeatureFile('roadmap/f.md', fm('id: F-1\ntitle: T\nstatus: idea\n'), config).issues;
    assert.equal(issue.code, 'invalid-enum');
    assert.equal(issue.message, "Unknown status 'idea'. Statuses: todo.");
    assert.deepEqual(issue.data?.suggestions, ['todo']);
  });

  test('required fields come from the config', () => {
    const config = configWith({ required: ['id', 'owner'] });
    const found = parseFeatureFile('roadmap/f.md', fm('id: F-1\n'), config).issues;
    assert.deepEqual(
      found.map((issue) => issue.message),
      ["Required field 'owner' is missing."],
    );
  });
});

test('dependency-schedule reads date-times as their day: the fix starts the day after, and the same day is fine', () => {
  const late = lint({
    'roadmap/a.md': fm(must('F-A', "start: 2026-01-01\nend: '2026-03-01 17:30'\n")),
    'roadmap/b.md': fm(must('F-B', 'start: 2026-02-01T09:00\nend: 2026-04-01\ndepends_on: [F-A]\n')),
  }).filter((issue) => issue.code === 'dependency-schedule');
  assert.equal(late.length, 1);
  const index = new WorkspaceIndex(defaultConfig());
  index.update('roadmap/a.md', fm(must('F-A', "start: 2026-01-01\nend: '2026-03-01 17:30'\n")));
  index.update('roadmap/b.md', fm(must('F-B', 'start: 2026-02-01T09:00\ndepends_on: [F-A]\n')));
  index.flush();
  const issue = index.issues('roadmap/b.md').find((found) => found.code === 'dependency-schedule');
  assert.equal(issue?.data?.replacement, '2026-03-02');
  const sameDay = lint({
    'roadmap/a.md': fm(must('F-A', "start: 2026-01-01\nend: '2026-03-01 17:30'\n")),
    'roadmap/b.md': fm(must('F-B', "start: '2026-03-01 18:00'\ndepends_on: [F-A]\n")),
  }).filter((issue) => issue.code === 'dependency-schedule');
  assert.deepEqual(sameDay, []);
});
