// `roadmap diff` over real git repositories: the example roadmap with a known set of edits (the release
// check), then renames, merges, deletions, broken YAML, CRLF, aliases, a shallow clone and an empty repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv';
import type { FeatureChange, RoadmapDiff } from '../../src/core/history/diff';
import {
  cli,
  commitAll,
  editFile,
  exampleRoadmap,
  feature,
  git,
  newRepo,
  projectRoot,
  removeTempRepos,
  tempDir,
  writeFile,
} from './historyRepo';

after(removeTempRepos);

const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(projectRoot, 'schemas/diff.schema.json'), 'utf8')) as object,
);

function diffJson(root: string, ...args: string[]): RoadmapDiff {
  const run = cli(root, 'diff', '--format', 'json', ...args);
  assert.equal(run.code, 0, run.stderr);
  const diff = JSON.parse(run.stdout) as RoadmapDiff;
  assert.ok(validate(diff), JSON.stringify(validate.errors, null, 2));
  return diff;
}

function byId(diff: RoadmapDiff, id: string): FeatureChange {
  const found = diff.features.find((change) => change.id === id);
  assert.ok(found, `${id} is not in the diff: ${JSON.stringify(diff.features.map((change) => change.id))}`);
  return found;
}

const newFeature = `---
id: F-035
title: Usage-based billing
status: idea
moscow: should
rice:
  reach: 900
  impact: 1
  confidence: 50%
  effort: 3
milestone: M2
---

# Usage-based billing
`;

/** The example roadmap committed, then one commit with a known edit of each kind, then one uncommitted edit. */
function exampleWithEdits(): { root: string; first: string; second: string } {
  const root = newRepo(exampleRoadmap);
  const first = commitAll(root, 'The example roadmap');
  editFile(root, 'features/F-020-referral-program.md', 'status: planned', 'status: in-progress');
  editFile(root, 'features/F-014-dashboard-template-gallery.md', 'moscow: should', 'moscow: must');
  editFile(root, 'features/F-012-onboarding-checklist.md', 'end: 2026-11-08', 'end: 2026-11-22');
  editFile(root, 'features/F-021-csv-upload-v2.md', 'reach: 2200', 'reach: 2600');
  unlinkSync(join(root, 'features/F-034-dark-mode.md'));
  writeFile(root, 'features/F-035-usage-based-billing.md', newFeature);
  const second = commitAll(root, 'Plan review: referral started, gallery is a must, checklist slips');
  editFile(root, 'features/F-003-role-based-access-control.md', 'moscow: must', 'moscow: should');
  return { root, first, second };
}

describe('roadmap diff: the example roadmap with known edits', () => {
  const { root, first, second } = exampleWithEdits();

  test('JSON lists exactly the edited features, with their fields and values', () => {
    const diff = diffJson(root, '--base', 'HEAD~1', '--head', 'HEAD');
    assert.equal(diff.base, first);
    assert.equal(diff.head, second);
    assert.deepEqual(
      diff.features.map((change) => [change.id, change.change]),
      [
        ['F-012', 'changed'],
        ['F-014', 'changed'],
        ['F-020', 'changed'],
        ['F-021', 'changed'],
        ['F-034', 'removed'],
        ['F-035', 'added'],
      ],
    );
    assert.deepEqual(diff.summary, { added: 1, removed: 1, changed: 4, milestones: 1 });

    const referral = byId(diff, 'F-020');
    assert.deepEqual(referral.fields, [{ field: 'status', before: 'planned', after: 'in-progress' }]);
    assert.deepEqual(referral.status, { before: 'planned', after: 'in-progress', move: 'forward' });
    assert.equal(referral.file, 'features/F-020-referral-program.md');

    assert.deepEqual(byId(diff, 'F-014').fields, [{ field: 'moscow', before: 'should', after: 'must' }]);

    const checklist = byId(diff, 'F-012');
    assert.deepEqual(checklist.fields, [{ field: 'end', before: '2026-11-08', after: '2026-11-22' }]);
    assert.deepEqual(checklist.slips, [
      { field: 'end', before: '2026-11-08', after: '2026-11-22', days: 14 },
    ]);

    const csv = byId(diff, 'F-021');
    assert.deepEqual(csv.fields, [{ field: 'rice.reach', before: 2200, after: 2600 }]);
    assert.deepEqual(csv.score, { before: 2200, after: 2600 });
    assert.ok(csv.rank && csv.rank.before !== null && csv.rank.after !== null);

    const removed = byId(diff, 'F-034');
    assert.equal(removed.file, 'features/F-034-dark-mode.md');
    assert.ok(
      removed.fields.some(
        (field) => field.field === 'title' && field.before === 'Dark mode' && field.after === null,
      ),
    );

    const added = byId(diff, 'F-035');
    assert.equal(added.title, 'Usage-based billing');
    assert.deepEqual(
      added.fields.find((field) => field.field === 'rice.confidence'),
      { field: 'rice.confidence', before: null, after: 50 },
    );

    const m2 = diff.milestones.find((milestone) => milestone.id === 'M2');
    assert.ok(m2);
    assert.deepEqual(m2.scopeAdded, ['F-035']);
    assert.deepEqual(m2.scopeRemoved, []);
    assert.equal(m2.effort.delta, 3);
  });

  test('Markdown names every change, summary first, tables by kind', () => {
    const run = cli(root, 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown');
    assert.equal(run.code, 0, run.stderr);
    const markdown = run.stdout;
    assert.ok(markdown.startsWith('<!-- markdown-roadmap:diff -->'));
    assert.match(markdown, /\*\*4 changed, 1 added, 1 removed features; 1 milestone affected\*\*/);
    for (const id of ['F-012', 'F-014', 'F-020', 'F-021', 'F-034', 'F-035'])
      assert.ok(markdown.includes(id), id);
    assert.ok(!markdown.includes('F-003'), 'the uncommitted edit is not between the two commits');
    assert.match(
      markdown,
      /#### Changed \(4\)[\s\S]*#### Added \(1\)[\s\S]*#### Removed \(1\)[\s\S]*#### Milestones/,
    );
    assert.match(markdown, /\| end \| 2026-11-08 → 2026-11-22 \(\+14 days\) \|/);
    assert.match(markdown, /\| status \| planned → in-progress \(forward\) \|/);
    assert.match(markdown, /\| rice\.reach \| 2200 → 2600 \|/);
    assert.match(markdown, /\| _score_ \| 2200 → 2600 \|/);
  });

  test('the working-tree diff (no --head) shows the uncommitted edit, and only it, against HEAD', () => {
    const diff = diffJson(root, '--base', 'HEAD');
    assert.equal(diff.head, null);
    assert.deepEqual(
      diff.features.map((change) => change.id),
      ['F-003'],
    );
    assert.deepEqual(byId(diff, 'F-003').fields, [{ field: 'moscow', before: 'must', after: 'should' }]);
    // On the default branch itself the default base is HEAD: the same answer without flags.
    assert.deepEqual(
      diffJson(root).features.map((change) => change.id),
      ['F-003'],
    );
  });

  test('the working tree against an older base includes both the commit and the uncommitted edit', () => {
    const diff = diffJson(root, '--base', first);
    assert.deepEqual(
      diff.features.map((change) => change.id),
      ['F-003', 'F-012', 'F-014', 'F-020', 'F-021', 'F-034', 'F-035'],
    );
  });

  test('text lists the same changes for a terminal', () => {
    const run = cli(root, 'diff', '--base', 'HEAD~1', '--head', 'HEAD');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^[0-9a-f]{7} → [0-9a-f]{7}: 4 changed, 1 added, 1 removed features/);
    assert.match(
      run.stdout,
      /~ F-012 Onboarding checklist {2}features\/F-012-onboarding-checklist\.md\n {4}end: 2026-11-08 → 2026-11-22 \(\+14 days\)/,
    );
    assert.match(run.stdout, /\+ F-035 Usage-based billing/);
    assert.match(run.stdout, /- F-034 Dark mode/);
  });

  test(
    'the built CLI (node dist/cli.js diff) gives the same JSON',
    { skip: !existsSync(join(projectRoot, 'dist/cli.js')) },
    () => {
      const result = spawnSync(
        process.execPath,
        [join(projectRoot, 'dist/cli.js'), 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), diffJson(root, '--base', 'HEAD~1', '--head', 'HEAD'));
    },
  );
});

describe('roadmap diff: how files move and break', () => {
  test('a moved file without field changes is no change; a moved and edited one names its old path', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    writeFile(root, 'roadmap/b.md', feature('F-2'));
    commitAll(root, 'two features');
    mkdirSync(join(root, 'roadmap/done'));
    git(root, 'mv', 'roadmap/a.md', 'roadmap/done/a-renamed.md');
    renameSync(join(root, 'roadmap/b.md'), join(root, 'roadmap/b2.md'));
    editFile(root, 'roadmap/b2.md', 'status: planned', 'status: idea');
    commitAll(root, 'moves');
    const diff = diffJson(root, '--base', 'HEAD~1', '--head', 'HEAD');
    assert.equal(diff.features.length, 1);
    const moved = byId(diff, 'F-2');
    assert.equal(moved.file, 'roadmap/b2.md');
    assert.equal(moved.previousFile, 'roadmap/b.md');
    assert.deepEqual(moved.status, { before: 'planned', after: 'idea', move: 'back' });
  });

  test('deleted files: a removed feature is listed, a deleted plain Markdown file is not', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    writeFile(root, 'roadmap/notes.md', '# Notes without front-matter\n');
    commitAll(root, 'start');
    rmSync(join(root, 'roadmap/a.md'));
    rmSync(join(root, 'roadmap/notes.md'));
    commitAll(root, 'delete');
    const diff = diffJson(root, '--base', 'HEAD~1', '--head', 'HEAD');
    assert.deepEqual(
      diff.features.map((change) => [change.id, change.change]),
      [['F-1', 'removed']],
    );
  });

  test('broken YAML at one end is reported, not fatal, and not counted as a removal', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    writeFile(root, 'roadmap/b.md', feature('F-2'));
    commitAll(root, 'start');
    writeFile(root, 'roadmap/a.md', '---\nid: F-1\ntitle: [unclosed\n---\n');
    editFile(root, 'roadmap/b.md', 'moscow: should', 'moscow: could');
    commitAll(root, 'break one');
    const diff = diffJson(root, '--base', 'HEAD~1', '--head', 'HEAD');
    assert.deepEqual(
      diff.features.map((change) => change.id),
      ['F-2'],
    );
    assert.equal(diff.unreadable.length, 1);
    assert.equal(diff.unreadable[0].file, 'roadmap/a.md');
    assert.equal(diff.unreadable[0].revision, 'head');
    assert.match(diff.unreadable[0].message, /YAML/);
    const markdown = cli(root, 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown').stdout;
    assert.match(markdown, /#### Could not be read \(1\)[\s\S]*roadmap\/a\.md \| head \|/);
    // Fixed again later: the base side is the broken one now.
    writeFile(root, 'roadmap/a.md', feature('F-1', { status: 'idea' }));
    const repaired = diffJson(root, '--base', 'HEAD');
    assert.deepEqual(repaired.features, []);
    assert.equal(repaired.unreadable[0].revision, 'base');
  });

  test('CRLF: line endings alone are no change; an edit in a CRLF file is read field by field', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1', { end: '2026-03-01' }).replace(/\n/g, '\r\n'));
    writeFile(root, 'roadmap/b.md', feature('F-2'));
    commitAll(root, 'crlf');
    writeFile(root, 'roadmap/b.md', feature('F-2').replace(/\n/g, '\r\n'));
    editFile(root, 'roadmap/a.md', 'end: 2026-03-01\r\n', 'end: 2026-02-25\r\n');
    const diff = diffJson(root);
    assert.deepEqual(
      diff.features.map((change) => change.id),
      ['F-1'],
    );
    assert.deepEqual(byId(diff, 'F-1').slips, [
      { field: 'end', before: '2026-03-01', after: '2026-02-25', days: -4 },
    ]);
  });

  test('aliases: fields are compared under their canonical names, a respelled key is no change', () => {
    const root = newRepo();
    writeFile(root, '.roadmap/config.yaml', 'aliases: { priority: moscow, dependencies: depends_on }\n');
    writeFile(root, 'roadmap/a.md', feature('F-1', { moscow: 'must' }));
    writeFile(root, 'roadmap/b.md', feature('F-2', { moscow: 'must', depends_on: '[F-1]' }));
    commitAll(root, 'canonical names');
    editFile(root, 'roadmap/a.md', 'moscow: must', 'priority: must');
    editFile(root, 'roadmap/b.md', 'moscow: must', 'priority: could');
    editFile(root, 'roadmap/b.md', 'depends_on: [F-1]', 'dependencies: [F-1, F-3]');
    const diff = diffJson(root);
    assert.deepEqual(
      diff.features.map((change) => change.id),
      ['F-2'],
    );
    assert.deepEqual(byId(diff, 'F-2').fields, [
      { field: 'moscow', before: 'must', after: 'could' },
      { field: 'depends_on', before: ['F-1'], after: ['F-1', 'F-3'] },
    ]);
  });

  test('a confidence written another way is the same value', () => {
    const root = newRepo();
    writeFile(
      root,
      'roadmap/a.md',
      feature('F-1', { rice: '{ reach: 10, impact: 1, confidence: 80%, effort: 1 }' }),
    );
    commitAll(root, 'start');
    editFile(root, 'roadmap/a.md', 'confidence: 80%', 'confidence: 0.8');
    assert.deepEqual(diffJson(root).features, []);
  });
});

describe('roadmap diff: branches and odd repositories', () => {
  test('on a branch the default base is the fork point with main, through merges', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    writeFile(root, 'roadmap/b.md', feature('F-2'));
    commitAll(root, 'start');
    git(root, 'switch', '-q', '-c', 'topic');
    editFile(root, 'roadmap/a.md', 'status: planned', 'status: in-progress');
    commitAll(root, 'topic: start F-1');
    git(root, 'switch', '-q', 'main');
    editFile(root, 'roadmap/b.md', 'moscow: should', 'moscow: wont');
    commitAll(root, 'main: drop F-2 priority');
    git(root, 'switch', '-q', 'topic');
    assert.deepEqual(
      diffJson(root).features.map((change) => change.id),
      ['F-1'],
    );
    git(root, 'merge', '-q', '--no-edit', 'main');
    const merged = diffJson(root);
    assert.deepEqual(
      merged.features.map((change) => change.id),
      ['F-1'],
    );
    assert.equal(merged.base, git(root, 'rev-parse', 'main').trim());
  });

  test('a shallow clone diffs what it has and explains what it lacks', () => {
    const origin = newRepo();
    writeFile(origin, 'roadmap/a.md', feature('F-1'));
    commitAll(origin, 'one');
    editFile(origin, 'roadmap/a.md', 'status: planned', 'status: shipped');
    commitAll(origin, 'two');
    const clone = join(tempDir(), 'clone');
    git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    editFile(clone, 'roadmap/a.md', 'moscow: should', 'moscow: must');
    assert.deepEqual(
      diffJson(clone).features.map((change) => change.id),
      ['F-1'],
    );
    const missing = cli(clone, 'diff', '--base', 'HEAD~1');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /unknown revision 'HEAD~1' \(this is a shallow clone/);
  });

  test('a repository with no commits: every feature of the working tree is new', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    const diff = diffJson(root);
    assert.equal(diff.base, null);
    assert.deepEqual(
      diff.features.map((change) => [change.id, change.change]),
      [['F-1', 'added']],
    );
    const withBase = cli(root, 'diff', '--base', 'HEAD');
    assert.equal(withBase.code, 2);
    assert.match(withBase.stderr, /no commits yet/);
  });

  test('a roadmap in a subfolder of the repository; a folder outside any repository is refused', () => {
    const root = newRepo();
    writeFile(root, 'docs/plan/roadmap/a.md', feature('F-1'));
    writeFile(root, 'roadmap/elsewhere.md', feature('X-1'));
    commitAll(root, 'start');
    editFile(root, 'docs/plan/roadmap/a.md', 'status: planned', 'status: idea');
    editFile(root, 'roadmap/elsewhere.md', 'status: planned', 'status: idea');
    const diff = diffJson(join(root, 'docs/plan'));
    assert.deepEqual(
      diff.features.map((change) => [change.id, change.file]),
      [['F-1', 'roadmap/a.md']],
    );
    const outside = tempDir();
    writeFile(outside, 'roadmap/a.md', feature('F-1'));
    const run = cli(outside, 'diff');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not inside a git repository/);
    assert.match(cli(root, 'diff', '--format', 'yaml').stderr, /unknown diff format 'yaml'/);
  });

  test('hostile titles stay text in Markdown and in the terminal', () => {
    const root = newRepo();
    writeFile(root, 'roadmap/a.md', feature('F-1'));
    commitAll(root, 'start');
    writeFile(
      root,
      'roadmap/a.md',
      feature('F-1', {
        title: "'| <img src=x onerror=alert(1)> `code` @octocat [x](javascript:alert(1)) &lt; \u001b[31mred'",
      }),
    );
    const markdown = cli(root, 'diff', '--format', 'markdown').stdout;
    const row = markdown.split('\n').find((line) => line.includes('**F-1**'));
    assert.ok(row);
    assert.equal(row.match(/(?<!\\)\|/g)?.length, 4, `three cells: ${row}`);
    assert.ok(!/(?<!\\)</.test(row), row);
    assert.ok(row.includes('\\<img'), row);
    assert.ok(row.includes('\\`code\\`'), row);
    assert.ok(row.includes('@\u200boctocat'), row);
    assert.ok(row.includes('\\[x\\]'), row);
    assert.ok(row.includes('&amp;lt;'), row);
    assert.ok(!row.includes('\u001b'), row);
    const text = cli(root, 'diff').stdout;
    assert.ok(!text.includes('\u001b'));
    assert.ok(text.includes('\\u001b[31mred'));
  });
});
