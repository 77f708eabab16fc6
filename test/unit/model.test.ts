// The roadmap model: sorting, grouping and ranking, and the panel's view model (scheduling: plan.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { groupFeatures, rankByScore, sortFeatures } from '../../src/core/roadmapModel';
import type { Feature } from '../../src/core/types';
import { buildRoadmapModel } from '../../src/core/viewModel';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const make = (id: string, extra: Partial<Feature> = {}): Feature => ({
  file: `roadmap/${id}.md`,
  id,
  dependsOn: [],
  tags: [],
  evidence: [],
  custom: {},
  ...extra,
});
const ids = (features: readonly Feature[]) => features.map((feature) => feature.id);

const config: RoadmapConfig = {
  ...defaultConfig(),
  milestones: [
    { id: 'M2', title: 'Second', date: '2026-06-30' },
    { id: 'M1', title: 'M1', date: '2026-03-31' },
    { id: 'M0', title: 'Undated' },
  ],
  goals: [
    { id: 'G-b', title: 'Bee' },
    { id: 'G-a', title: 'Ay' },
  ],
};

describe('sortFeatures', () => {
  const features = [
    make('F-10', { score: 5, title: 'beta', start: '2026-03-01' }),
    make('F-2', { score: 5, title: 'Alpha', quarter: '2026-Q1' }),
    make('F-1', { title: 'gamma', end: '2026-02-01' }),
    make('F-3', { score: 50, title: 'alpha' }),
  ];

  test('by score, best first; ties by id in numeric order; unscored last', () => {
    assert.deepEqual(ids(sortFeatures(features, 'score')), ['F-3', 'F-2', 'F-10', 'F-1']);
  });

  test('by title, case-insensitive, ties by id', () => {
    assert.deepEqual(ids(sortFeatures(features, 'title')), ['F-2', 'F-3', 'F-10', 'F-1']);
  });

  test('by date: start, else end, else the quarter start; undated last', () => {
    assert.deepEqual(ids(sortFeatures(features, 'date')), ['F-2', 'F-1', 'F-10', 'F-3']);
  });

  test('by id, numeric', () => {
    assert.deepEqual(ids(sortFeatures(features, 'id')), ['F-1', 'F-2', 'F-3', 'F-10']);
  });

  test('does not sort in place', () => {
    const copy = [...features];
    sortFeatures(features, 'id');
    assert.deepEqual(features, copy);
  });
});

describe('groupFeatures', () => {
  test('status: configured order, empty configured columns kept, unknown values after, "none" last', () => {
    const groups = groupFeatures(
      [
        make('F-1', { status: 'shipped' }),
        make('F-2', { status: 'idea' }),
        make('F-3', { status: 'zombie' }),
        make('F-4'),
      ],
      'status',
      config,
    );
    assert.deepEqual(
      groups.map((group) => [group.key, group.label, ids(group.features)]),
      [
        ['idea', 'Idea', ['F-2']],
        ['planned', 'Planned', []],
        ['in-progress', 'In progress', []],
        ['shipped', 'Shipped', ['F-1']],
        ['dropped', 'Dropped', []],
        ['zombie', 'zombie', ['F-3']],
        ['', 'No status', ['F-4']],
      ],
    );
  });

  test('MoSCoW order, with labels', () => {
    const groups = groupFeatures(
      [make('F-1', { moscow: 'wont' }), make('F-2', { moscow: 'must' })],
      'moscow',
      config,
    );
    assert.deepEqual(
      groups.map((group) => [group.key, group.label, ids(group.features)]),
      [
        ['must', 'Must', ['F-2']],
        ['should', 'Should', []],
        ['could', 'Could', []],
        ['wont', "Won't", ['F-1']],
      ],
    );
  });

  test('milestones by date, undated last, labels with titles', () => {
    const groups = groupFeatures([make('F-1', { milestone: 'M2' })], 'milestone', config);
    assert.deepEqual(
      groups.map((group) => [group.key, group.label]),
      [
        ['M1', 'M1'],
        ['M2', 'M2 · Second'],
        ['M0', 'M0 · Undated'],
      ],
    );
  });

  test('goals in config order; owners A to Z, only when used', () => {
    assert.deepEqual(
      groupFeatures([], 'goal', config).map((group) => group.label),
      ['Bee', 'Ay'],
    );
    const owners = groupFeatures(
      [make('F-1', { owner: 'zoe' }), make('F-2', { owner: 'Ana' }), make('F-3')],
      'owner',
      config,
    );
    assert.deepEqual(
      owners.map((group) => [group.key, ids(group.features)]),
      [
        ['Ana', ['F-2']],
        ['zoe', ['F-1']],
        ['', ['F-3']],
      ],
    );
  });

  test('features inside a group follow the sort', () => {
    const [group] = groupFeatures(
      [make('F-1', { moscow: 'must', score: 1 }), make('F-2', { moscow: 'must', score: 9 })],
      'moscow',
      config,
      'score',
    );
    assert.deepEqual(ids(group.features), ['F-2', 'F-1']);
    const [byId] = groupFeatures(
      [make('F-2', { moscow: 'must', score: 1 }), make('F-1', { moscow: 'must', score: 9 })],
      'moscow',
      config,
      'id',
    );
    assert.deepEqual(ids(byId.features), ['F-1', 'F-2']);
  });
});

describe('rankByScore', () => {
  test('1-based, ties share the better rank, unscored features have none', () => {
    const features = [
      make('A', { score: 10 }),
      make('B', { score: 30 }),
      make('C', { score: 10 }),
      make('D'),
      make('E', { score: 5 }),
    ];
    const ranks = rankByScore(features);
    assert.deepEqual(
      features.map((feature) => ranks.get(feature)),
      [2, 1, 2, undefined, 4],
    );
  });
});

describe('buildRoadmapModel (the panel view)', () => {
  test('features with ranks, problem counts, progress from the field (task counts follow separately)', () => {
    const index = new WorkspaceIndex(config);
    index.update(
      'roadmap/a.md',
      '---\nid: F-1\ntitle: A\nstatus: planned\nrice: { reach: 100, impact: 1, confidence: 80%, effort: 1 }\nprogress: 30\n---\n',
    );
    index.update('roadmap/b.md', '---\nid: F-2\ntitle: B\nstatus: idea\ndepends_on: [F-9]\nonwer: x\n---\n');
    // The caller owns flushing: the model reads the index as it stands.
    index.flush();
    const model = buildRoadmapModel(index, '2026-01-15', {
      revisionOf: (file) => `rev:${file}`,
    });
    assert.equal(model.today, '2026-01-15');
    assert.equal(model.scoringModel, 'rice');
    assert.equal(model.mustBudget, 0.6);
    assert.deepEqual(
      model.milestones.map((milestone) => milestone.id),
      ['M2', 'M1', 'M0'],
    );
    const [a, b] = [...model.features].sort((x, y) => x.id.localeCompare(y.id));
    assert.deepEqual(a, {
      file: 'roadmap/a.md',
      revision: 'rev:roadmap/a.md',
      id: 'F-1',
      title: 'A',
      status: 'planned',
      dependsOn: [],
      tags: [],
      problems: { errors: 0, warnings: 0 },
      score: 80,
      rank: 1,
      reach: 100,
      impact: 1,
      confidence: 80,
      effort: 1,
      progress: 30,
    });
    assert.deepEqual(b.problems, { errors: 1, warnings: 1 });
    assert.equal('progress' in b, false);
    assert.equal('tasks' in b, false, 'task counts are posted as insights after the model');
    assert.equal(b.rank, undefined);
    assert.equal('score' in b, false);
  });

  test('include: only the features at the positions it accepts, ranked and counted among all', () => {
    const index = new WorkspaceIndex(config);
    index.update(
      'roadmap/a.md',
      '---\nid: F-1\ntitle: A\nstatus: idea\nrice: { reach: 1, impact: 1, confidence: 50%, effort: 1 }\n---\n',
    );
    index.update(
      'roadmap/b.md',
      '---\nid: F-2\ntitle: B\nstatus: idea\nmoscow: must\nrice: { reach: 9, impact: 1, confidence: 50%, effort: 1 }\n---\n',
    );
    index.update('roadmap/c.md', '---\nid: F-3\ntitle: C\nstatus: idea\n---\n');
    index.flush();
    const whole = buildRoadmapModel(index, '2026-01-01');
    const asked: number[] = [];
    const part = buildRoadmapModel(index, '2026-01-01', {
      include: (position) => (asked.push(position), position !== 1),
    });
    assert.deepEqual(asked, [0, 1, 2]);
    assert.deepEqual(part.features, [whole.features[0], whole.features[2]]);
    assert.deepEqual(part.uses, whole.uses, 'uses counts the features left out too');
    assert.deepEqual({ ...part, features: [] }, { ...whole, features: [] });
  });

  test('a feature without an id or title shows its file', () => {
    const index = new WorkspaceIndex(config);
    index.update('roadmap/nameless.md', '---\nstatus: idea\n---\n');
    index.flush();
    const [view] = buildRoadmapModel(index, '2026-01-01').features;
    assert.equal(view.id, 'roadmap/nameless.md');
    assert.equal(view.title, 'roadmap/nameless.md');
    assert.equal(view.revision, '');
    assert.deepEqual(view.problems, { errors: 2, warnings: 0 });
  });
});
