// The config mechanisms of "Real files I" proved on small hand-written files shaped like three published
// formats: Backlog.md tasks (backlog/tasks, backlog/milestones), Kubernetes KEPs (kep.yaml beside README.md)
// and EIP-1 headers. Each workspace has valid files and broken ones; only the broken ones may be reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig, type RoadmapConfig } from '../../src/core/config';
import { parseFeatureFile } from '../../src/core/featureFile';
import { reformatDate } from '../../src/core/plan/calendar';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';
import { applyEdits, setField } from '../../src/core/edits';
import { buildRoadmapModel } from '../../src/core/viewModel';
import { exportRoadmap } from '../../src/core/exporters';
import { featureJsonSchema } from '../../src/core/jsonSchema';
import { createDiscovery } from '../../src/core/discovery';

function configOf(text: string): RoadmapConfig {
  const { config, problems } = parseConfig(text);
  assert.deepEqual(
    problems.map((problem) => problem.message),
    [],
  );
  return config;
}

function lint(config: RoadmapConfig, files: Record<string, string>) {
  const discovery = createDiscovery(config);
  const index = new WorkspaceIndex(config);
  for (const [file, text] of Object.entries(files)) if (discovery.isCandidate(file)) index.update(file, text);
  index.flush();
  const issues = index.files().flatMap((file) =>
    index.issues(file).map((issue) => ({
      file,
      code: issue.code,
      message: issue.message,
      text: files[file].slice(issue.span.start, issue.span.end),
    })),
  );
  return { index, issues };
}

const backlogConfig = `
include: ['backlog/tasks/**/*.md', 'backlog/completed/**/*.md']
milestoneFiles: 'backlog/milestones/*.md'
statuses:
  - { id: To Do, category: todo }
  - { id: In Progress, category: doing }
  - { id: Done, category: done }
aliases:
  assignee: owner
  labels: tags
  dependencies: depends_on
  created_date: start
  priority: moscow
fields:
  moscow: { map: { high: must, medium: should, low: could } }
  reporter: { type: string }
  updated_date: { type: date }
  parent_task_id: { type: string }
  ordinal: { type: number }
ids: { caseInsensitive: true, prefixes: { 'task-': 'BACK-' } }
`;

const task = (fields: string, body = '## Description\\n\\nText.\\n') => `---\n${fields}\n---\n\n${body}`;

describe('Backlog.md tasks', () => {
  const files: Record<string, string> = {
    'backlog/milestones/m-1 - first-release.md': task("id: m-1\ntitle: 'First release'"),
    'backlog/tasks/back-1 - Set up.md': task(
      "id: BACK-1\ntitle: Set up the project\nstatus: Done\nassignee: []\ncreated_date: '2025-09-06 21:22'\nupdated_date: '2025-09-07 08:00'\nlabels: []\ndependencies: []\npriority: high\nmilestone: m-1",
    ),
    'backlog/tasks/back-2 - Board.md': task(
      "id: BACK-2\ntitle: Render the board\nstatus: In Progress\nassignee:\n  - '@ana'\n  - '@ben'\ncreated_date: '2025-09-08 10:00'\nlabels: [ui]\ndependencies: [task-1]\npriority: medium\nmilestone: First release",
    ),
    'backlog/tasks/back-3 - Solo.md': task(
      'id: back-3\ntitle: One assignee written as text\nstatus: To Do\nassignee: Claude\ncreated_date: 2025-09-09T10:00:00Z\ndependencies: BACK-2\npriority: low',
    ),
    // Broken on purpose: an impossible date, an unknown status, a reused id, an unknown milestone.
    'backlog/tasks/back-4 - Bad date.md': task(
      "id: BACK-4\ntitle: Bad date\nstatus: To Do\ncreated_date: '2023-14-05 10:00'",
    ),
    'backlog/tasks/back-5 - Typo.md': task('id: BACK-5\ntitle: Typo\nstatus: Doen'),
    'backlog/completed/back-2 - copy.md': task('id: BACK-2\ntitle: A copy\nstatus: Done'),
    'backlog/tasks/back-6 - Milestone.md': task('id: BACK-6\ntitle: M\nstatus: To Do\nmilestone: m-9'),
  };

  test('valid tasks index without a word; each broken one is reported on its own file', () => {
    const { index, issues } = lint(configOf(backlogConfig), files);
    assert.equal(index.size, 7);
    assert.deepEqual(
      issues.map((issue) => [issue.file, issue.code, issue.text]).sort(),
      [
        ['backlog/completed/back-2 - copy.md', 'duplicate-id', 'BACK-2'],
        ['backlog/tasks/back-2 - Board.md', 'duplicate-id', 'BACK-2'],
        ['backlog/tasks/back-4 - Bad date.md', 'invalid-date', "'2023-14-05 10:00'"],
        ['backlog/tasks/back-5 - Typo.md', 'invalid-enum', 'Doen'],
        ['backlog/tasks/back-6 - Milestone.md', 'unknown-milestone', 'm-9'],
      ].sort(),
    );
  });

  test('values are read in the team’s words: day of a date-time, people, priorities, prefixes', () => {
    const { index } = lint(configOf(backlogConfig), files);
    const two = index.get('backlog/tasks/back-2 - Board.md')!.feature!;
    assert.equal(two.start, '2025-09-08');
    assert.equal(two.owner, '@ana');
    assert.deepEqual(two.owners, ['@ana', '@ben']);
    assert.equal(two.moscow, 'should');
    const three = index.get('backlog/tasks/back-3 - Solo.md')!.feature!;
    assert.deepEqual([three.owner, three.start, three.dependsOn], ['Claude', '2025-09-09', ['BACK-2']]);
    assert.equal(
      index.get('backlog/tasks/back-1 - Set up.md')!.feature!.custom.updated_date,
      '2025-09-07 08:00',
    );
  });

  test('the message names the key written in the file', () => {
    const { issues } = lint(configOf(backlogConfig), files);
    assert.match(
      issues.find((issue) => issue.code === 'invalid-date')!.message,
      /^'created_date' '2023-14-05 10:00' is not a day/,
    );
  });

  test('a dependency loop across equivalent prefixes and case is found', () => {
    const loop = {
      'backlog/tasks/a.md': task('id: BACK-10\ntitle: A\nstatus: To Do\ndependencies: [task-11]'),
      'backlog/tasks/b.md': task('id: BACK-11\ntitle: B\nstatus: To Do\ndependencies: [back-10]'),
    };
    const { issues } = lint(configOf(backlogConfig), loop);
    assert.deepEqual(
      issues.map((issue) => [issue.file, issue.code]),
      [
        ['backlog/tasks/a.md', 'dependency-cycle'],
        ['backlog/tasks/b.md', 'dependency-cycle'],
      ],
    );
  });

  test('a date-time fix keeps the time of day', () => {
    assert.equal(reformatDate('2025/9/6 21:22'), '2025-09-06 21:22');
    assert.equal(reformatDate('2025-09-06 21:22'), undefined);
  });
});

const kepConfig = `
include: ['keps/**/kep.yaml']
sidecarMarkdown: README.md
statuses:
  - { id: provisional, category: todo }
  - { id: implementable, category: todo }
  - { id: implemented, category: done }
  - { id: deferred, category: done }
  - { id: rejected, category: done }
  - { id: withdrawn, category: done }
  - { id: replaced, category: done }
aliases:
  kep-number: id
  authors: owner
  see-also: depends_on
  creation-date: start
  owning-sig: team
  # The file's own 'milestone' is a map of stage → release: a custom field, not our milestone.
  milestone: stage_milestones
fields:
  stage: { type: enum, values: [alpha, beta, stable] }
  latest-milestone: { type: version, empty: ['0.0', TBD] }
  stage_milestones:
    type: map
    fields:
      alpha: { type: version }
      beta: { type: version }
      stable: { type: version }
  participating-sigs: { type: list }
  reviewers: { type: list }
  approvers: { type: list }
  prr-approvers: { type: list }
  replaces: { type: list }
  feature-gates: { type: any }
  disable-supported: { type: boolean }
  metrics: { type: any }
  last-updated: { type: date }
`;

const kep = (fields: string) => `title: A KEP\n${fields}\n`;

describe('Kubernetes KEPs: kep.yaml sidecars', () => {
  const files: Record<string, string> = {
    'keps/sig-node/1287-in-place-update/kep.yaml': kep(
      "kep-number: 1287\nauthors:\n  - '@vinaykul'\nowning-sig: sig-node\nstatus: implementable\ncreation-date: 2019-01-18\nstage: beta\nlatest-milestone: 'v1.33'\nmilestone:\n  alpha: 'v1.27'\n  beta: 'v1.33'\nfeature-gates:\n  - name: InPlacePodVerticalScaling\n    components: [kube-apiserver, kubelet]\ndisable-supported: true\nmetrics: []",
    ),
    'keps/sig-node/1287-in-place-update/README.md':
      '# KEP-1287: In-place update\n\n- [ ] (R) Design details\n',
    'keps/sig-apps/2000-jobs/kep.yaml': kep(
      "kep-number: 2000\nauthors: ['@a']\nowning-sig: sig-apps\nstatus: provisional\ncreation-date: 2021-02-01\nlatest-milestone: '0.0'\nsee-also:\n  - /keps/sig-node/1287-in-place-update\nreplaces:\n  - '/keps/sig-apps/19-old'",
    ),
    // Broken on purpose: an unknown status, a version read as a number, a reused number, broken YAML.
    'keps/sig-cli/3000-typo/kep.yaml': kep('kep-number: 3000\nstatus: imlpemented\nlatest-milestone: 1.20'),
    'keps/sig-cli/3001-copy/kep.yaml': kep('kep-number: 3000\nstatus: provisional'),
    'keps/sig-cli/3002-broken/kep.yaml': 'title: [unclosed\nstatus: provisional\n',
    'keps/sig-cli/3002-broken/README.md': '# Not a feature on its own\n',
  };

  test('every kep.yaml is one feature, and problems land at their line in the YAML file', () => {
    const { index, issues } = lint(configOf(kepConfig), files);
    assert.deepEqual(
      index.files().sort(),
      Object.keys(files)
        .filter((file) => file.endsWith('kep.yaml'))
        .sort(),
    );
    assert.deepEqual(
      issues.map((issue) => [issue.file, issue.code, issue.text]).sort(),
      [
        ['keps/sig-cli/3000-typo/kep.yaml', 'duplicate-id', '3000'],
        ['keps/sig-cli/3000-typo/kep.yaml', 'invalid-enum', 'imlpemented'],
        ['keps/sig-cli/3000-typo/kep.yaml', 'invalid-type', '1.20'],
        ['keps/sig-cli/3001-copy/kep.yaml', 'duplicate-id', '3000'],
        ['keps/sig-cli/3002-broken/kep.yaml', 'yaml-syntax', 's'],
      ].sort(),
    );
  });

  test('a version YAML read as a number is explained', () => {
    const { issues } = lint(configOf(kepConfig), files);
    assert.match(
      issues.find((issue) => issue.code === 'invalid-type')!.message,
      /YAML reads an unquoted version such as 1\.20 as the number 1\.2/,
    );
  });

  test('a reference by path resolves to the feature in that folder; a missing one is reported', () => {
    const { issues } = lint(configOf(kepConfig), files);
    assert.equal(issues.filter((issue) => issue.code === 'unknown-dependency').length, 0);
    const missing = lint(configOf(kepConfig), {
      'keps/sig-x/1-a/kep.yaml': kep('kep-number: 1\nstatus: provisional\nsee-also: [/keps/sig-x/2-gone]'),
    });
    assert.deepEqual(
      missing.issues.map((issue) => issue.code),
      ['unknown-dependency'],
    );
  });

  test('the placeholder latest-milestone "0.0" counts as empty', () => {
    const { index } = lint(configOf(kepConfig), files);
    assert.equal(index.get('keps/sig-apps/2000-jobs/kep.yaml')!.feature!.custom['latest-milestone'], null);
    assert.deepEqual(
      index.get('keps/sig-node/1287-in-place-update/kep.yaml')!.feature!.custom.stage_milestones,
      {
        alpha: 'v1.27',
        beta: 'v1.33',
      },
    );
  });
});

const eipConfig = `
include: ['EIPS/*.md']
statuses:
  - { id: Draft, category: todo }
  - { id: Review, category: doing }
  - { id: Last Call, category: doing }
  - { id: Final, category: done }
  - { id: Stagnant, category: done }
  - { id: Withdrawn, category: done }
  - { id: Living, category: done }
  - { id: Moved, category: done }
aliases:
  eip: id
  requires: depends_on
  author: owner
  created: start
required: [id, { field: title, unless: { status: Moved } }, status]
skip: { status: Moved }
fields:
  depends_on: { split: ',' }
  owner: { split: ',' }
  description: { type: string }
  discussions-to: { type: url }
  type: { type: enum, values: [Standards Track, Meta, Informational] }
  category: { type: enum, values: [Core, Networking, Interface, ERC] }
  last-call-deadline: { type: date }
  withdrawal-reason: { type: string }
`;

const eip = (fields: string) => `---\n${fields}\n---\n\n## Abstract\n\nText.\n`;

describe('EIP-1 headers', () => {
  const files: Record<string, string> = {
    'EIPS/eip-1559.md': eip(
      'eip: 1559\ntitle: Fee market change\ndescription: A transaction pricing mechanism\nauthor: Vitalik Buterin (@vbuterin), Eric Conner (@econoar)\ndiscussions-to: https://ethereum-magicians.org/t/eip-1559/2783\nstatus: Final\ntype: Standards Track\ncategory: Core\ncreated: 2019-04-13\nrequires: 2718, 2930',
    ),
    'EIPS/eip-2718.md': eip(
      'eip: 2718\ntitle: Typed envelope\nstatus: Final\ntype: Standards Track\ncategory: Core\ncreated: 2020-06-13',
    ),
    'EIPS/eip-2930.md': eip(
      'eip: 2930\ntitle: Access lists\nstatus: Final\ntype: Standards Track\ncategory: Core\ncreated: 2020-08-29\nrequires: 2718',
    ),
    'EIPS/eip-20.md': eip('eip: 20\nstatus: Moved\ndiscussions-to: https://example.org/moved'),
    'EIPS/eip-4444.md': eip(
      'eip: 4444\ntitle: Uses a moved one\nstatus: Draft\ncreated: 2021-11-29\nrequires: 20',
    ),
    // Broken on purpose: a loop, and a title missing where it is required.
    'EIPS/eip-7000.md': eip('eip: 7000\ntitle: Loop A\nstatus: Draft\ncreated: 2023-01-01\nrequires: 7001'),
    'EIPS/eip-7001.md': eip('eip: 7001\ntitle: Loop B\nstatus: Draft\ncreated: 2023-01-01\nrequires: "7000"'),
    'EIPS/eip-7002.md': eip('eip: 7002\nstatus: Draft\ncreated: 2023-01-01'),
  };

  test('requires as a comma-separated string is a dependency list; loops and missing titles are reported', () => {
    const { index, issues } = lint(configOf(eipConfig), files);
    assert.deepEqual(index.get('EIPS/eip-1559.md')!.feature!.dependsOn, ['2718', '2930']);
    assert.deepEqual(index.get('EIPS/eip-1559.md')!.feature!.owners, [
      'Vitalik Buterin (@vbuterin)',
      'Eric Conner (@econoar)',
    ]);
    assert.deepEqual(
      issues.map((issue) => [issue.file, issue.code]).sort(),
      [
        ['EIPS/eip-7000.md', 'dependency-cycle'],
        ['EIPS/eip-7001.md', 'dependency-cycle'],
        ['EIPS/eip-7002.md', 'missing-field'],
      ].sort(),
    );
  });

  test('a Moved stub is out of views and checks, but still a dependency target', () => {
    const { index } = lint(configOf(eipConfig), files);
    assert.equal(
      index.features().some((feature) => feature.id === '20'),
      false,
    );
    assert.equal(
      index.allFeatures().some((feature) => feature.id === '20'),
      true,
    );
  });

  test('the id may come from the file name', () => {
    const config = configOf("include: ['EIPS/*.md']\nids: { fromPath: 'eip-(\\d+)\\.md$' }\n");
    const parsed = parseFeatureFile('EIPS/eip-42.md', eip('title: T\nstatus: idea'), config);
    assert.deepEqual([parsed.feature?.id, parsed.issues], ['42', []]);
  });
});

describe('config checks for the new mechanisms', () => {
  test('an alias whose target is not a field is reported, and the alias ignored', () => {
    const { config, problems } = parseConfig('aliases: { assignee: ownr, priority: moscow }\n');
    assert.deepEqual(config.aliases, { priority: 'moscow' });
    assert.match(
      problems[0].message,
      /config\.aliases\.assignee: 'ownr' is not a field \(did you mean 'owner'\?\)/,
    );
  });

  test('one bad field entry falls back for that entry only', () => {
    const { config, problems } = parseConfig('fields:\n  good: { type: string }\n  bad: { type: strng }\n');
    assert.deepEqual(Object.keys(config.fields), ['good']);
    assert.equal(problems.length, 1);
  });

  test('one bad status falls back for that status only', () => {
    const { config, problems } = parseConfig(
      'statuses:\n  - { id: a, category: todo }\n  - { id: b, category: doen }\n',
    );
    assert.deepEqual(
      config.statuses.map((status) => status.id),
      ['a'],
    );
    assert.equal(problems.length, 1);
  });

  test('a map field checks its typed sub-fields; any accepts anything', () => {
    const config = configOf(
      'fields:\n  milestone_plan: { type: map, fields: { alpha: { type: version } } }\n  extra: { type: any }\n',
    );
    const text =
      '---\nid: F-1\ntitle: T\nstatus: idea\nmilestone_plan: { alpha: 1.20, other: x }\nextra: { a: [1] }\n---\n';
    const parsed = parseFeatureFile('roadmap/f.md', text, config);
    assert.deepEqual(
      parsed.issues.map((issue) => [issue.code, text.slice(issue.span.start, issue.span.end)]),
      [['invalid-type', '1.20']],
    );
  });
});

describe('YAML sidecars: the Markdown beside them, and lossless edits', () => {
  const config = () =>
    configOf(
      "include: ['keps/**/kep.yaml']\nsidecarMarkdown: README.md\naliases: { kep-number: id }\nstatuses: [{ id: provisional }]\n",
    );

  test('title and progress come from the README beside kep.yaml, and follow it when it changes', () => {
    const index = new WorkspaceIndex(config());
    const discovery = createDiscovery(index.config);
    assert.equal(discovery.isCandidate('keps/sig-a/1-x/README.md'), true);
    index.update('keps/sig-a/1-x/kep.yaml', 'kep-number: 1\nstatus: provisional\n');
    index.update('keps/sig-a/1-x/README.md', '# KEP-1: Faster pods\n\n- [x] (R) Design\n- [ ] (R) Docs\n');
    index.update('keps/sig-a/1-x/notes.md', 'Not a feature.\n');
    index.flush();
    const feature = () => index.get('keps/sig-a/1-x/kep.yaml')!.feature!;
    assert.deepEqual([feature().title, feature().progress], ['KEP-1: Faster pods', 50]);
    assert.deepEqual(index.issues('keps/sig-a/1-x/kep.yaml'), []);
    index.update('keps/sig-a/1-x/README.md', '# KEP-1: Renamed\n\n- [x] a\n- [x] b\n');
    assert.deepEqual(index.flush(), ['keps/sig-a/1-x/kep.yaml']);
    assert.deepEqual([feature().title, feature().progress], ['KEP-1: Renamed', 100]);
    index.remove('keps/sig-a/1-x/README.md');
    assert.deepEqual([feature().title, feature().progress], [undefined, undefined]);
    // Re-parsing the YAML file keeps the sidecar's contribution.
    index.update('keps/sig-a/1-x/README.md', '# Back\n');
    index.update('keps/sig-a/1-x/kep.yaml', 'kep-number: 1\nstatus: provisional # edited\n');
    assert.equal(feature().title, 'Back');
  });

  test('edits to a kep.yaml change only their value, comments and order kept', () => {
    const text = '# KEP metadata\ntitle: A KEP\nkep-number: 1\nstatus: provisional # for now\nstage: alpha\n';
    const result = setField(text, ['status'], 'implementable', {}, { file: 'keps/sig-a/1-x/kep.yaml' });
    assert.ok(result.ok);
    assert.equal(applyEdits(text, result.edits), text.replace('provisional', 'implementable'));
    const added = setField(text, ['owner'], 'ana', {}, { file: 'keps/sig-a/1-x/kep.yaml' });
    assert.ok(added.ok);
    assert.match(applyEdits(text, added.edits), /^# KEP metadata\ntitle: A KEP\n[^]*owner: ana\n/);
    // The same text taken as Markdown has no front-matter: nothing is written.
    assert.equal(setField(text, ['status'], 'implementable').ok, false);
  });
});

describe('views follow the data', () => {
  test('the view model says whether any feature uses MoSCoW or scores', () => {
    const plain = lint(configOf(eipConfig), {
      'EIPS/eip-1.md': eip('eip: 1\ntitle: T\nstatus: Draft'),
    }).index;
    assert.deepEqual(buildRoadmapModel(plain, '2026-01-01').uses, { moscow: false, scoring: false });
    const scored = lint(configOf(backlogConfig), {
      'backlog/tasks/a.md': task('id: BACK-1\ntitle: T\nstatus: To Do\npriority: high'),
    }).index;
    assert.deepEqual(buildRoadmapModel(scored, '2026-01-01').uses, { moscow: true, scoring: false });
  });
});

describe('exports list what they leave out', () => {
  const files = {
    'roadmap/good.md': '---\nid: F-1\ntitle: Good\nstatus: idea\n---\n',
    'roadmap/broken.md': '---\nid: F-2\ntitle: [unclosed\n---\n',
  };
  const input = () => {
    const { index } = lint(configOf(''), files);
    return {
      features: index.features(),
      config: index.config,
      today: '2026-01-01',
      dropped: index.unreadable(),
    };
  };

  test('every format but CSV names the unreadable file and why', () => {
    const dropped = input().dropped;
    assert.deepEqual(
      dropped.map((entry) => entry.file),
      ['roadmap/broken.md'],
    );
    for (const format of ['markdown', 'html', 'json', 'mermaid-gantt', 'mermaid-timeline'] as const) {
      const output = exportRoadmap(format, input());
      assert.ok(output.includes('roadmap/broken.md'), `${format} lists the dropped file`);
      assert.ok(output.includes('Invalid YAML'), `${format} says why`);
    }
  });

  test('an empty chart says why', () => {
    const output = exportRoadmap('mermaid-gantt', input());
    assert.match(output, /%% Nothing to draw: none of the 1 features has a start or end date/);
  });
});

describe('the published front-matter schema follows the config', () => {
  test("the team's words, placeholders and delimited lists validate there as in the linter", () => {
    const schema = featureJsonSchema(
      configOf(backlogConfig.replace('fields:\n', "fields:\n  depends_on: { split: ',' }\n")),
    );
    const properties = schema.properties as Record<string, { anyOf?: unknown[] }>;
    assert.deepEqual(properties.moscow.anyOf?.[1], { enum: ['high', 'medium', 'low'] });
    assert.deepEqual(properties.priority, properties.moscow, 'the alias has the same schema');
    assert.deepEqual(properties.depends_on.anyOf?.at(-1), { type: 'string' });
  });
});
