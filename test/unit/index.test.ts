// The incremental workspace index: what `flush` reports as changed, how cross-file issues follow edits, and
// dependency cycles at a scale where recursion would overflow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig } from '../../src/core/config';
import { computeCrossIssues, findCycles, nextFreeId } from '../../src/core/crossRules';
import type { FeatureFile } from '../../src/core/featureFile';
import { LineIndex } from '../../src/core/lineIndex';
import type { Feature, Issue } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

const fm = (yaml: string) => `---\n${yaml}---\n\n# Body\n`;
const feature = (id: string, extra = '') => fm(`id: ${id}\ntitle: Feature ${id}\nstatus: planned\n${extra}`);

function lineOf(text: string, issue: Issue): number {
  return new LineIndex(text).positionAt(issue.span.start).line + 1;
}

function summary(index: WorkspaceIndex, file: string): string[] {
  return index.issues(file).map((issue) => issue.code);
}

describe('update, remove and flush', () => {
  test('the first flush reports every indexed file; a second flush reports nothing', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2'));
    index.update('roadmap/notes.md', '# Not a feature\n');
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(index.flush(), []);
    assert.equal(index.size, 2);
    assert.deepEqual(index.files().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.equal(index.has('roadmap/notes.md'), false);
    assert.equal(index.get('roadmap/notes.md'), undefined);
  });

  test('a change no cross-file rule reads reports only that file', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2', 'depends_on: [F-1]\n'));
    index.flush();
    index.update('roadmap/a.md', feature('F-1', 'owner: ana\n'));
    assert.deepEqual(index.flush(), ['roadmap/a.md']);
    assert.equal(index.get('roadmap/a.md')?.feature?.owner, 'ana');
  });

  test('renaming an id reports the dependent whose issue appears, and renaming back clears it', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2', 'depends_on: [F-1]\n'));
    index.update('roadmap/c.md', feature('F-3'));
    index.flush();
    index.update('roadmap/a.md', feature('F-1b'));
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(summary(index, 'roadmap/b.md'), ['unknown-dependency']);
    index.update('roadmap/a.md', feature('F-1'));
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(summary(index, 'roadmap/b.md'), []);
  });

  test('removing a file reports it (to clear its diagnostics) and its dependents', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2', 'depends_on: [F-1]\n'));
    index.update('roadmap/c.md', feature('F-3'));
    index.flush();
    index.remove('roadmap/a.md');
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.equal(index.has('roadmap/a.md'), false);
    assert.deepEqual(index.issues('roadmap/a.md'), []);
    assert.deepEqual(summary(index, 'roadmap/b.md'), ['unknown-dependency']);
    index.remove('roadmap/a.md');
    index.remove('roadmap/never.md');
    assert.deepEqual(index.flush(), []);
  });

  test('a feature file that loses its front-matter is removed', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2', 'depends_on: [F-1]\n'));
    index.flush();
    index.update('roadmap/a.md', '# Just notes now\n');
    assert.equal(index.has('roadmap/a.md'), false);
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
  });

  test('duplicate ids: reported on both copies; removing one clears the other', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-1'));
    index.flush();
    assert.deepEqual(summary(index, 'roadmap/a.md'), ['duplicate-id']);
    assert.deepEqual(summary(index, 'roadmap/b.md'), ['duplicate-id']);
    assert.equal(index.byId('F-1').length, 2);
    index.remove('roadmap/b.md');
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(summary(index, 'roadmap/a.md'), []);
  });

  test('many copies of one id: each message names ten others and counts the rest, each copy placed', () => {
    const index = new WorkspaceIndex(defaultConfig());
    const files = Array.from({ length: 13 }, (_, i) => `roadmap/f${String(i).padStart(2, '0')}.md`);
    files.forEach((file, i) => index.update(file, feature('F-1', i % 2 ? '' : 'owner: someone\n')));
    index.flush();
    const issues = index.issues(files[12]!).filter((issue) => issue.code === 'duplicate-id');
    assert.equal(issues.length, 1);
    const [issue] = issues;
    const next = files.slice(0, 10);
    assert.equal(
      issue!.message,
      `Id 'F-1' is also used by ${next.join(', ')} and 2 other files; ids must be unique.`,
    );
    assert.deepEqual(
      issue!.data?.related?.map((related) => related.file),
      next,
    );
    // Every copy's id is placed on its own line (by the scan of plain front-matter).
    for (const related of issue!.data!.related!) {
      const text = feature('F-1');
      assert.equal(text.slice(related.span.start, related.span.end), 'F-1');
    }
    assert.equal(
      nextFreeId(
        index.allFeatures().map((f) => f.id!),
        'F-1',
      ),
      'F-2',
    );
  });

  test('a file that breaks (invalid YAML) drops out of cross-file rules and comes back when fixed', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1'));
    index.update('roadmap/b.md', feature('F-2', 'depends_on: [F-1]\n'));
    index.flush();
    index.update('roadmap/a.md', fm('id: "F-1\n'));
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(summary(index, 'roadmap/a.md'), ['yaml-syntax']);
    assert.deepEqual(summary(index, 'roadmap/b.md'), ['unknown-dependency']);
    index.update('roadmap/a.md', feature('F-1'));
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    assert.deepEqual(summary(index, 'roadmap/b.md'), []);
  });

  test('reset(config) forgets every file and reports them all', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-1', 'depends_on: [F-9]\n'));
    index.update('roadmap/b.md', feature('F-2'));
    index.flush();
    const config = { ...defaultConfig(), rules: { 'unknown-dependency': 'off' as const } };
    index.reset(config);
    assert.equal(index.size, 0);
    assert.equal(index.config, config);
    assert.deepEqual(index.flush().sort(), ['roadmap/a.md', 'roadmap/b.md']);
    index.update('roadmap/a.md', feature('F-1', 'depends_on: [F-9]\n'));
    index.flush();
    assert.deepEqual(index.issues('roadmap/a.md'), []);
  });

  test('put stores a file parsed elsewhere', () => {
    const index = new WorkspaceIndex(defaultConfig());
    const parsed: FeatureFile = {
      file: 'roadmap/w.md',
      isFeature: true,
      feature: { file: 'roadmap/w.md', id: 'F-W', dependsOn: ['F-X'], tags: [], evidence: [], custom: {} },
      issues: [],
      split: { kind: 'none' },
      keys: {},
    };
    index.put('roadmap/w.md', parsed);
    assert.deepEqual(index.flush(), ['roadmap/w.md']);
    assert.deepEqual(
      index.issues('roadmap/w.md').map((issue) => [issue.code, issue.span]),
      [['unknown-dependency', { start: 0, end: 0 }]],
    );
  });
});

describe('cross-file issues follow the lines', () => {
  test('lines inserted above a dependency move its issue, and the file is reported', () => {
    const index = new WorkspaceIndex(defaultConfig());
    const before = feature('F-2', 'depends_on:\n  - F-404\n');
    index.update('roadmap/b.md', before);
    index.flush();
    assert.equal(lineOf(before, index.issues('roadmap/b.md')[0]), 6);
    const after = before.replace('id: F-2\n', '# a comment\n# another\nid: F-2\n');
    index.update('roadmap/b.md', after);
    assert.deepEqual(index.flush(), ['roadmap/b.md']);
    const [issue] = index.issues('roadmap/b.md');
    assert.equal(issue.code, 'unknown-dependency');
    assert.equal(lineOf(after, issue), 8);
    assert.equal(after.slice(issue.span.start, issue.span.end), 'F-404');
  });

  test('a cycle member whose file moves keeps its issue on the dependency', () => {
    const index = new WorkspaceIndex(defaultConfig());
    index.update('roadmap/a.md', feature('F-A', 'depends_on: [F-B]\n'));
    const b = feature('F-B', 'depends_on: [F-A]\n');
    index.update('roadmap/b.md', b);
    index.flush();
    const moved = b.replace('title:', 'owner: someone\ntitle:');
    index.update('roadmap/b.md', moved);
    assert.deepEqual(index.flush(), ['roadmap/b.md']);
    const [issue] = index.issues('roadmap/b.md');
    assert.equal(issue.code, 'dependency-cycle');
    assert.equal(lineOf(moved, issue), 6);
    assert.equal(moved.slice(issue.span.start, issue.span.end), 'F-A');
    assert.equal(issue.message, 'Dependency cycle: F-A → F-B → F-A. Break it by removing one dependency.');
  });

  test('own and cross-file issues come out sorted by position', () => {
    const index = new WorkspaceIndex(defaultConfig());
    const text = feature('F-1', 'depends_on: [F-404]\nprogress: 400\nonwer: x\n');
    index.update('roadmap/a.md', text);
    index.flush();
    assert.deepEqual(summary(index, 'roadmap/a.md'), [
      'unknown-dependency',
      'progress-range',
      'unknown-field',
    ]);
  });
});

describe('dependency cycles at scale', () => {
  const chain = (count: number, closed: boolean): Feature[] =>
    Array.from({ length: count }, (_, i) => ({
      file: `roadmap/f${i}.md`,
      id: `F-${i}`,
      dependsOn: i + 1 < count ? [`F-${i + 1}`] : closed ? ['F-0'] : [],
      tags: [],
      evidence: [],
      custom: {},
    }));
  const byIdOf = (features: Feature[]) => {
    const byId = new Map(features.map((item) => [item.id!, item]));
    return (id: string) => byId.get(id);
  };

  test('findCycles: a 50,000-long chain, open and closed, without a stack overflow', () => {
    const open = chain(50_000, false);
    assert.deepEqual(findCycles(open, byIdOf(open)), []);
    const closed = chain(50_000, true);
    const cycles = findCycles(closed, byIdOf(closed));
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].length, 50_000);
    assert.deepEqual(new Set(cycles[0]), new Set(closed));
  });

  test('findCycles: separate cycles, a self-loop, and a tail into a cycle', () => {
    const make = (id: string, dependsOn: string[]): Feature => ({
      file: `${id}.md`,
      id,
      dependsOn,
      tags: [],
      evidence: [],
      custom: {},
    });
    const features = [
      make('A', ['B']),
      make('B', ['A']),
      make('C', ['C']),
      make('D', ['A']),
      make('E', ['F']),
      make('F', ['G']),
      make('G', ['E', 'X']),
    ];
    const cycles = findCycles(features, byIdOf(features)).map((cycle) =>
      cycle.map((member) => member.id).sort(),
    );
    assert.deepEqual(cycles.sort(), [['A', 'B'], ['C'], ['E', 'F', 'G']]);
  });

  test('reporting a 50,000-member cycle stays linear: one bounded issue per member', () => {
    const features = chain(50_000, true);
    const started = performance.now();
    const issues = computeCrossIssues(
      features,
      defaultConfig(),
      () => ({}),
      () => ({ start: 0, end: 0 }),
      new Set(),
    );
    assert.ok(performance.now() - started < 10_000);
    assert.equal(issues.size, 50_000);
    const [first] = issues.get('roadmap/f0.md')!;
    assert.equal(first.code, 'dependency-cycle');
    assert.equal(
      first.message,
      'Dependency cycle (50000 features): F-0 → F-1 → F-2 → F-3 → F-4 → F-5 → F-6 → F-7 → F-8 → … → F-49999 → F-0. Break it by removing one dependency.',
    );
    assert.deepEqual(
      first.data?.related?.map((related) => related.file),
      Array.from({ length: 10 }, (_, i) => `roadmap/f${i + 1}.md`),
    );
    const [last] = issues.get('roadmap/f49999.md')!;
    assert.deepEqual(
      last.data?.related?.slice(0, 2).map((related) => related.file),
      ['roadmap/f0.md', 'roadmap/f1.md'],
    );
  });

  test('the index flushes a 50,000-member cycle', () => {
    const index = new WorkspaceIndex(defaultConfig());
    for (const item of chain(50_000, true)) {
      index.put(item.file, {
        file: item.file,
        isFeature: true,
        feature: item,
        issues: [],
        split: { kind: 'none' },
        keys: {},
      });
    }
    const started = performance.now();
    assert.equal(index.flush().length, 50_000);
    assert.ok(performance.now() - started < 15_000);
    assert.deepEqual(summary(index, 'roadmap/f123.md'), ['dependency-cycle']);
  });

  test('a small cycle names every member and links all the others', () => {
    const features = chain(4, true);
    const issues = computeCrossIssues(
      features,
      defaultConfig(),
      () => ({}),
      () => ({ start: 0, end: 0 }),
      new Set(),
    );
    const [issue] = issues.get('roadmap/f2.md')!;
    assert.equal(
      issue.message,
      'Dependency cycle: F-0 → F-1 → F-2 → F-3 → F-0. Break it by removing one dependency.',
    );
    assert.deepEqual(
      issue.data?.related?.map((related) => related.message),
      ["cycle member 'F-0'", "cycle member 'F-1'", "cycle member 'F-3'"],
    );
  });
});

describe('nextFreeId', () => {
  test('the next number in the series, with its padding', () => {
    assert.equal(nextFreeId(['F-001', 'F-034', 'F-012'], 'F-012'), 'F-035');
    assert.equal(nextFreeId([], 'F-000'), 'F-001');
    assert.equal(nextFreeId(['API-9'], 'API-9'), 'API-10');
    assert.equal(nextFreeId(['F-001', 'X-500'], 'F-001'), 'F-002');
    assert.equal(nextFreeId(['idea'], 'idea'), 'idea-001');
  });
});

describe('a depends_on edit recomputes only that file (and gives what a full recompute gives)', () => {
  /** Random dependency edits, cycles made and broken included, each compared with an index built from scratch. */
  const randomEdits = (
    config: ReturnType<typeof defaultConfig>,
    spell: (id: string, draw: number) => string,
    extraOf: (i: number) => string,
  ) => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const count = 40;
    const moscows = ['must', 'should', 'could', 'wont'];
    const text = (i: number, dependencies: string[]) =>
      feature(
        `F-${i % 37}`, // a few duplicate ids
        `moscow: ${moscows[i % 4]}\nmilestone: M${i % 3}\nstart: 2026-0${1 + (i % 5)}-10\nend: 2026-0${2 + (i % 5)}-01\n` +
          `rice: { reach: 10, impact: 1, confidence: 80%, effort: ${1 + (i % 4)} }\n` +
          `depends_on: [${dependencies.join(', ')}]\n${extraOf(i)}`,
      );
    const dependencies = Array.from({ length: count }, () => [] as string[]);
    const index = new WorkspaceIndex(config);
    for (let i = 0; i < count; i++) index.update(`roadmap/f${i}.md`, text(i, dependencies[i]));
    index.flush();
    for (let edit = 0; edit < 300; edit++) {
      const i = next(count);
      const list = dependencies[i];
      if (list.length > 0 && next(3) === 0) list.splice(next(list.length), 1);
      else list.push(next(10) === 0 ? `F-MISSING-${next(5)}` : spell(`F-${next(37)}`, next(2)));
      index.update(`roadmap/f${i}.md`, text(i, list));
      const changed = index.flush();
      assert.ok(changed.includes(`roadmap/f${i}.md`));
      const fresh = new WorkspaceIndex(config);
      for (let j = 0; j < count; j++) fresh.update(`roadmap/f${j}.md`, text(j, dependencies[j]));
      fresh.flush();
      for (let j = 0; j < count; j++)
        assert.deepEqual(
          index.issues(`roadmap/f${j}.md`),
          fresh.issues(`roadmap/f${j}.md`),
          `edit ${edit}, f${j}`,
        );
    }
  };

  test('random dependency edits, cycles made and broken included, match an index built from scratch', () => {
    randomEdits(
      defaultConfig(),
      (id) => id,
      () => '',
    );
  });

  test('the same with ids compared case-insensitively and skipped stubs as dependency targets', () => {
    const config = {
      ...defaultConfig(),
      ids: { ...defaultConfig().ids, caseInsensitive: true },
      skip: { team: ['moved'] },
    };
    randomEdits(
      config,
      (id, draw) => (draw === 0 ? id.toLowerCase() : id),
      (i) => (i % 7 === 0 ? 'team: moved\n' : ''),
    );
  });
});
