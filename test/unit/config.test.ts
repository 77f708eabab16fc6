// `.roadmap/config.yaml`: defaults, every option, problems with spans (with did-you-mean), fatal YAML errors,
// and the fallback of a broken part to its default.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  configJsonSchema,
  defaultConfig,
  defaultExclude,
  defaultStatuses,
  parseConfig,
} from '../../src/core/config';
import { didYouMean, editDistance } from '../../src/core/didYouMean';
import { readKeyPaths } from '../../src/core/keyPathLocator';
import { rules } from '../../src/core/schema';

/** Problems as [fatal, message, the text their span covers]. */
function problemsOf(text: string): [boolean, string, string][] {
  return parseConfig(text).problems.map((problem) => [
    problem.fatal,
    problem.message,
    text.slice(problem.span.start, problem.span.end),
  ]);
}

describe('defaults', () => {
  test('an empty or comment-only config is the default config, without problems', () => {
    for (const text of ['', '\n', '# nothing yet\n']) {
      assert.deepEqual(parseConfig(text), { config: defaultConfig(), problems: [] });
    }
  });

  test('the defaults', () => {
    assert.deepEqual(defaultConfig(), {
      include: [],
      exclude: [
        '**/node_modules/**',
        '**/.git/**',
        '**/dist/**',
        '**/out/**',
        '**/build/**',
        '**/.vscode-test/**',
      ],
      statuses: [
        { id: 'idea', title: 'Idea', category: 'todo' },
        { id: 'planned', title: 'Planned', category: 'todo' },
        { id: 'in-progress', title: 'In progress', category: 'doing' },
        { id: 'shipped', title: 'Shipped', category: 'done' },
        { id: 'dropped', title: 'Dropped', category: 'done' },
      ],
      required: ['id', 'title', 'status'],
      requiredWhen: [],
      aliases: {},
      fields: {},
      reading: {},
      milestones: [],
      goals: [],
      ids: { caseInsensitive: false, prefixes: {} },
      skip: {},
      scoring: { model: 'rice' },
      mustBudget: 0.6,
      rules: {},
      sources: [],
    });
  });

  test('defaultConfig returns a fresh copy each time', () => {
    const first = defaultConfig();
    first.statuses[0].id = 'changed';
    first.exclude.push('x');
    assert.equal(defaultConfig().statuses[0].id, 'idea');
    assert.equal(defaultStatuses[0].id, 'idea');
    assert.deepEqual(defaultConfig().exclude, defaultExclude);
  });
});

describe('every option', () => {
  const full = `
include: ["docs/features/**/*.md"]
exclude: ["docs/features/archive/**"]
statuses:
  - { id: todo, title: To do, category: todo }
  - { id: doing, category: doing }
  - id: done
    title: Done
    category: done
  - { id: 42 }
required: [id, title]
aliases: { priority: moscow, dependencies: depends_on }
fields:
  segment: { type: enum, values: [smb, enterprise], description: Who benefits }
  seats: { type: integer }
milestones:
  - { id: M1, title: "Q1 — launch", date: 2026-03-31 }
  - { id: M2 }
goals:
  - { id: G-1, title: Grow }
  - { id: G-2 }
scoring: { model: wsjf, mustBudget: 0.5 }
rules:
  unknown-field: error
  score-stale: off
  rice-confidence-low: hint
sources:
  - { name: mobile, path: ../mobile, url: "https://github.com/acme/mobile/blob/main/" }
  - { name: api, path: ../api }
`;

  test('each option lands in the config', () => {
    const { config, problems } = parseConfig(full);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      include: ['docs/features/**/*.md'],
      exclude: [...defaultExclude, 'docs/features/archive/**'],
      statuses: [
        { id: 'todo', title: 'To do', category: 'todo' },
        { id: 'doing', title: 'doing', category: 'doing' },
        { id: 'done', title: 'Done', category: 'done' },
        { id: '42', title: '42', category: 'todo' },
      ],
      required: ['id', 'title'],
      requiredWhen: [],
      aliases: { priority: 'moscow', dependencies: 'depends_on' },
      fields: {
        segment: { type: 'enum', values: ['smb', 'enterprise'], description: 'Who benefits' },
        seats: { type: 'integer' },
      },
      reading: {},
      ids: { caseInsensitive: false, prefixes: {} },
      skip: {},
      milestones: [
        { id: 'M1', title: 'Q1 — launch', date: '2026-03-31' },
        { id: 'M2', title: 'M2' },
      ],
      goals: [
        { id: 'G-1', title: 'Grow' },
        { id: 'G-2', title: 'G-2' },
      ],
      scoring: { model: 'wsjf' },
      mustBudget: 0.5,
      rules: { 'unknown-field': 'error', 'score-stale': 'off', 'rice-confidence-low': 'hint' },
      sources: [
        { name: 'mobile', path: '../mobile', url: 'https://github.com/acme/mobile/blob/main/' },
        { name: 'api', path: '../api' },
      ],
    });
  });

  test('a source needs a name usable before a colon and an http(s) url', () => {
    assert.deepEqual(
      problemsOf('sources:\n  - { name: "my repo", path: x, url: "ftp://x" }\n').map(
        ([, message]) => message,
      ),
      [
        'config.sources[0].name: must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$',
        'config.sources[0].url: must match ^https?://',
      ],
    );
  });

  test('the sample roadmap config parses without problems', () => {
    const { config, problems } = parseConfig(
      readFileSync(join(__dirname, '../../examples/roadmap/.roadmap/config.yaml'), 'utf8'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      config.statuses.map((status) => status.id),
      ['idea', 'planned', 'in-progress', 'review', 'shipped', 'dropped'],
    );
    assert.deepEqual(config.required, ['id', 'title', 'status', 'moscow']);
    assert.equal(config.milestones.length, 3);
    assert.deepEqual(Object.keys(config.fields), ['segment', 'created']);
  });

  test('the JSON schema lists every rule code under rules', () => {
    assert.deepEqual(
      Object.keys(configJsonSchema.properties.rules.properties).sort(),
      rules.map((rule) => rule.code).sort(),
    );
  });
});

describe('invalid values: a problem at the value, and that part falls back to its default', () => {
  const cases: [
    string,
    string,
    [boolean, string, string][],
    (config: ReturnType<typeof defaultConfig>) => void,
  ][] = [
    [
      'an unknown top-level key',
      'statusses:\n  - { id: a }\n',
      [[false, "config: unknown key 'statusses' (did you mean 'statuses'?)", 'statusses']],
      () => undefined,
    ],
    [
      'an empty status list',
      'statuses: []\n',
      [[false, 'config.statuses: needs at least 1 entry', '[]']],
      (config) => assert.deepEqual(config.statuses, defaultStatuses),
    ],
    [
      'a misspelt category',
      'statuses:\n  - id: a\n    category: doin\n',
      [
        [
          false,
          "config.statuses[0].category: must be one of todo, doing, done (did you mean 'doing'?)",
          'doin',
        ],
        [
          false,
          'config.statuses: no usable status; the default statuses are in force: idea, planned, in-progress, shipped, dropped.',
          '- id: a\n    category: doin\n',
        ],
      ],
      (config) => assert.deepEqual(config.statuses, defaultStatuses),
    ],
    [
      'a status without an id',
      'statuses:\n  - { title: Nameless }\n',
      [
        [false, "config.statuses[0]: 'id' is required", '{ title: Nameless }'],
        [
          false,
          'config.statuses: no usable status; the default statuses are in force: idea, planned, in-progress, shipped, dropped.',
          '- { title: Nameless }\n',
        ],
      ],
      (config) => assert.deepEqual(config.statuses, defaultStatuses),
    ],
    [
      'a Must budget above 1',
      'scoring:\n  mustBudget: 1.5\n',
      [[false, 'config.scoring.mustBudget: must be at most 1', '1.5']],
      (config) => assert.equal(config.mustBudget, 0.6),
    ],
    [
      'a Must budget of 0',
      'scoring: { model: ice, mustBudget: 0 }\n',
      [[false, 'config.scoring.mustBudget: must be above 0', '0']],
      (config) => assert.deepEqual([config.mustBudget, config.scoring.model], [0.6, 'rice']),
    ],
    [
      'an unknown scoring model',
      'scoring: { model: rise }\n',
      [[false, "config.scoring.model: must be one of rice, ice, wsjf (did you mean 'rice'?)", 'rise']],
      (config) => assert.equal(config.scoring.model, 'rice'),
    ],
    [
      'a milestone date that is not yyyy-mm-dd',
      'milestones:\n  - { id: M1, date: 2026-1-1 }\n  - { id: M2 }\n',
      [[false, 'config.milestones[0].date: must match ^\\d{4}-\\d{2}-\\d{2}$', '2026-1-1']],
      (config) => assert.deepEqual(config.milestones, []),
    ],
    [
      'include as text, not a list',
      'include: src/**\n',
      [[false, 'config.include: must be a list', 'src/**']],
      (config) => assert.deepEqual(config.include, []),
    ],
    [
      'required as text',
      'required: id\n',
      [[false, 'config.required: must be a list', 'id']],
      (config) => assert.deepEqual(config.required, ['id', 'title', 'status']),
    ],
    [
      'a misspelt rule code',
      'rules:\n  unknown-dependancy: warning\n',
      [
        [
          false,
          "config.rules: unknown key 'unknown-dependancy' (did you mean 'unknown-dependency'?)",
          'unknown-dependancy',
        ],
      ],
      (config) => assert.deepEqual(config.rules, {}),
    ],
    [
      'a misspelt severity',
      'rules:\n  unknown-dependency: warn\n',
      [
        [
          false,
          "config.rules.unknown-dependency: must be one of off, hint, info, warning, error (did you mean 'warning'?)",
          'warn',
        ],
      ],
      (config) => assert.deepEqual(config.rules, {}),
    ],
    [
      'a rule named like an Object.prototype member',
      'rules:\n  toString: off\n  constructor: error\n',
      [
        [false, "config.rules: unknown key 'toString'", 'toString'],
        [false, "config.rules: unknown key 'constructor'", 'constructor'],
      ],
      (config) => assert.deepEqual(config.rules, {}),
    ],
    [
      'a custom field type misspelt',
      'fields:\n  seg: { type: enumm }\n',
      [
        [
          false,
          "config.fields.seg.type: must be one of string, number, integer, boolean, date, url, list, enum, map, version, any (did you mean 'enum'?)",
          'enumm',
        ],
      ],
      (config) => assert.deepEqual(config.fields, {}),
    ],
    [
      'a custom field without a type',
      'fields:\n  seg: { values: [a] }\n',
      [
        [
          false,
          "config.fields.seg: 'seg' is not a built-in field, so it needs a type (one of string, number, integer, boolean, date, url, list, enum, map, version, any); the field is ignored.",
          'seg: { values: [a] }\n',
        ],
      ],
      (config) => assert.deepEqual(config.fields, {}),
    ],
    [
      'an unknown key in a custom field',
      'fields:\n  seg: { type: string, typo: 1 }\n',
      [[false, "config.fields.seg: unknown key 'typo' (did you mean 'type'?)", 'typo']],
      () => undefined,
    ],
    [
      'a list instead of a mapping',
      '- a\n- b\n',
      [[false, 'config: must be a mapping of key: value', '- a\n- b\n']],
      (config) => assert.deepEqual(config, defaultConfig()),
    ],
    [
      'a sentence',
      'just text\n',
      [[false, 'config: must be a mapping of key: value', 'just text']],
      (config) => assert.deepEqual(config, defaultConfig()),
    ],
  ];

  for (const [name, text, expected, check] of cases) {
    test(name, () => {
      assert.deepEqual(problemsOf(text), expected);
      check(parseConfig(text).config);
    });
  }

  test('one broken part leaves the others in effect', () => {
    const { config, problems } = parseConfig('statuses: []\nrequired: [id]\nscoring: { model: ice }\n');
    assert.equal(problems.length, 1);
    assert.deepEqual(config.required, ['id']);
    assert.equal(config.scoring.model, 'ice');
    assert.deepEqual(config.statuses, defaultStatuses);
  });
});

describe('fatal problems', () => {
  test('invalid YAML is fatal, with its position', () => {
    const text = 'statuses:\n  - id: a\n   title: bad\n';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, defaultConfig());
    assert.deepEqual(problems, [
      { message: 'YAML: Sequence item without - indicator', span: { start: 20, end: 21 }, fatal: true },
    ]);
    assert.equal(text.slice(0, 20).split('\n').length, 3, 'the problem is on the badly indented line');
  });

  test('duplicate keys are fatal', () => {
    const { problems } = parseConfig('include: []\ninclude: []\n');
    assert.deepEqual(
      problems.map((problem) => [problem.fatal, problem.message, problem.span.start]),
      [[true, 'YAML: Map keys must be unique', 12]],
    );
  });

  test('an alias bomb is fatal, not a hang', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const started = performance.now();
    const { problems } = parseConfig(levels.join('\n'));
    assert.ok(performance.now() - started < 2000);
    assert.ok(
      problems.some((problem) => problem.fatal && /alias/i.test(problem.message)),
      JSON.stringify(problems),
    );
  });

  test('deep nesting is fatal, not a crash', () => {
    const text = `include: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const started = performance.now();
    const { problems } = parseConfig(text);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(
      problems.map((problem) => [problem.fatal, problem.message]),
      [[true, 'the config is nested too deeply to read']],
    );
  });
});

describe('did-you-mean', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('title', 'titel'), 1);
    assert.equal(editDistance('owner', 'onwer'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('ca', 'abc'), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
  });

  test('suggestions ignore case and separators, allow a third of the word to differ, best first', () => {
    assert.deepEqual(didYouMean('In Progress', ['idea', 'in-progress', 'shipped']), ['in-progress']);
    assert.deepEqual(didYouMean('titel', ['title', 'team', 'tags']), ['title']);
    assert.deepEqual(didYouMean('shiped', ['shipped', 'dropped']), ['shipped']);
    assert.deepEqual(didYouMean('xyz', ['title', 'status']), []);
    assert.deepEqual(didYouMean('dep', ['depends_on', 'dependencies']), ['depends_on', 'dependencies']);
    assert.deepEqual(didYouMean('stat', ['status', 'start', 'state']), ['status', 'state', 'start']);
  });
});

describe('config readers agree', () => {
  // Activation reads the config without `yaml` when it can: the key-path reader for plain YAML (exact spans),
  // js-yaml for the rest (a config it reads with a problem is read again with `yaml`, for the spans). A tab and
  // an anchor-like `&` in a trailing comment change nothing in YAML but send the text straight to `yaml`.
  const throughYaml = (text: string) => `${text}\n#\t&yaml`;
  const configs: [string, string][] = [
    ['the example', readFileSync(join('examples', 'roadmap', '.roadmap', 'config.yaml'), 'utf8')],
    ['the fixture', readFileSync(join('test', 'fixtures', 'workspace', '.roadmap', 'config.yaml'), 'utf8')],
    [
      'plain, with problems',
      'statuse: []\nscoring:\n  model: rise\n  mustBudget: -1\nids:\n  caseInsensitive: 3\n',
    ],
    [
      'flow and quoted, with problems',
      'statuses:\n  - { id: "a", category: doin }\n  - title: no id\nfields:\n  team: { type: text }\n  seg: {}\naliases:\n  x: nothing\n',
    ],
    [
      'a null, a bad pattern, a glob',
      'rules:\nids:\n  fromPath: "("\nexclude: ["drafts/**"]\nmilestones:\n  - id: m1\n    date: 2026-01-01\n',
    ],
    ['a repeated key', 'preset: a\npreset: b\nexclude: ["x/**"]\n'],
    ['a block scalar', 'statuses:\n  - id: idea\n    title: >-\n      An idea\n'],
  ];
  test('block and one-line flow configs are read by the key-path reader, the others not', () => {
    const read = (text: string) => {
      const result = readKeyPaths(text);
      return result !== undefined && 'tree' in result;
    };
    for (const [name, text] of configs.slice(0, 5)) assert.ok(read(text), name);
    // The repeated key is a syntax error the reader names (the config reader asks `yaml` for it all the same).
    for (const [name, text] of configs.slice(5)) assert.equal(read(text), false, name);
  });
  for (const [name, text] of configs)
    test(`${name}: the same config and problems as \`yaml\` gives`, () => {
      assert.equal(readKeyPaths(throughYaml(text)), undefined);
      assert.deepEqual(parseConfig(text), parseConfig(throughYaml(text)));
    });
});
