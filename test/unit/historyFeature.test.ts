// `roadmap history ID` over real git repositories: each front-matter change with its commit and author,
// renames followed, merged branches, body-only commits left out, the slip since first planned, hostile text.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { FeatureHistory } from '../../src/core/history/featureHistory';
import { cli, commitAll, editFile, feature, git, newRepo, removeTempRepos, writeFile } from './historyRepo';

after(removeTempRepos);

function historyJson(root: string, id: string): FeatureHistory {
  const run = cli(root, 'history', id, '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as FeatureHistory;
}

test('every front-matter change, oldest first, through a rename; body edits left out; slip since first planned', () => {
  const root = newRepo();
  writeFile(root, 'roadmap/sso.md', feature('F-1', { end: '2026-03-01' }, '# SSO\n'));
  writeFile(root, 'roadmap/other.md', feature('F-2'));
  const created = commitAll(root, 'Plan SSO');
  editFile(root, 'roadmap/sso.md', '# SSO\n', '# SSO\n\nMore words.\n');
  commitAll(root, 'Body only');
  editFile(root, 'roadmap/sso.md', 'end: 2026-03-01', 'end: 2026-03-15');
  const slipped = commitAll(root, 'SSO slips two weeks');
  mkdirSync(join(root, 'roadmap/enterprise'));
  git(root, 'mv', 'roadmap/sso.md', 'roadmap/enterprise/single-sign-on.md');
  commitAll(root, 'Move SSO');
  editFile(root, 'roadmap/enterprise/single-sign-on.md', 'status: planned', 'status: in-progress');
  editFile(root, 'roadmap/enterprise/single-sign-on.md', 'end: 2026-03-15', 'end: 2026-03-29');
  const started = commitAll(root, 'SSO started, slips again');

  const history = historyJson(root, 'F-1');
  assert.equal(history.file, 'roadmap/enterprise/single-sign-on.md');
  assert.equal(history.title, 'Feature F-1');
  assert.deepEqual(
    history.entries.map((entry) => [entry.commit, entry.change, entry.fields.map((field) => field.field)]),
    [
      [created, 'added', ['id', 'title', 'status', 'moscow', 'end']],
      [slipped, 'changed', ['end']],
      [started, 'changed', ['status', 'end']],
    ],
  );
  const last = history.entries[2];
  assert.equal(last.author, 'Ana Silva');
  assert.equal(last.subject, 'SSO started, slips again');
  assert.match(last.date, /^2026-06-\d\dT/);
  assert.deepEqual(last.fields[0], { field: 'status', before: 'planned', after: 'in-progress' });
  assert.deepEqual(history.slip, {
    field: 'end',
    firstPlanned: '2026-03-01',
    since: { commit: created, date: history.entries[0].date },
    current: '2026-03-29',
    days: 28,
  });

  const text = cli(root, 'history', 'F-1').stdout;
  assert.match(
    text,
    /^F-1 Feature F-1 {2}roadmap\/enterprise\/single-sign-on\.md\nslip: end 2026-03-29, first planned 2026-03-01 on 2026-06-\d\d: \+28 days\n3 changes/,
  );
  assert.match(
    text,
    /SSO started, slips again\n {4}status: planned → in-progress\n {4}end: 2026-03-15 → 2026-03-29/,
  );
  assert.match(text, /Plan SSO\n {4}created: status planned, moscow should, end 2026-03-01/);
  assert.ok(!text.includes('Body only'));
  const markdown = cli(root, 'history', 'F-1', '--format', 'markdown').stdout;
  assert.match(markdown, /^### History of F-1 Feature F-1\n\n\*\*Slip:\*\* end 2026-03-29/);
  assert.match(markdown, /\| status \| planned → in-progress \|/);
});

test('changes made on a merged branch are listed with their own commit and author', () => {
  const root = newRepo();
  writeFile(root, 'roadmap/a.md', feature('F-1'));
  commitAll(root, 'start');
  git(root, 'switch', '-q', '-c', 'topic');
  editFile(root, 'roadmap/a.md', 'moscow: should', 'moscow: must');
  const onTopic = commitAll(root, 'topic: F-1 becomes a must');
  git(root, 'switch', '-q', 'main');
  writeFile(root, 'roadmap/b.md', feature('F-2'));
  commitAll(root, 'main: another feature');
  git(root, 'merge', '-q', '--no-edit', '--no-ff', 'topic');
  const history = historyJson(root, 'F-1');
  assert.deepEqual(
    history.entries.map((entry) => entry.commit),
    [history.entries[0].commit, onTopic],
  );
  assert.deepEqual(history.entries[1].fields, [{ field: 'moscow', before: 'should', after: 'must' }]);
});

test('hostile commit messages and authors stay text; unknown ids and empty repositories are clear errors', () => {
  const root = newRepo();
  writeFile(root, 'roadmap/a.md', feature('F-1'));
  commitAll(root, 'start');
  editFile(root, 'roadmap/a.md', 'status: planned', 'status: idea');
  commitAll(root, '| <script>alert(1)</script> @everyone `x` \u001b[2J');
  const markdown = cli(root, 'history', 'F-1', '--format', 'markdown').stdout;
  assert.ok(!markdown.includes('<script>'));
  assert.ok(!markdown.includes('\u001b'));
  const text = cli(root, 'history', 'F-1').stdout;
  assert.ok(text.includes('| <script>alert(1)</script> @everyone `x` \\u001b[2J'), text);

  const missing = cli(root, 'history', 'F-404');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no feature with id 'F-404' at HEAD/);
  assert.match(cli(root, 'history').stderr, /history needs a feature id/);
  const empty = newRepo();
  assert.match(cli(empty, 'history', 'F-1').stderr, /no commits yet/);
});

test('a rename is followed to the deleted file, not to a look-alike sibling; a reused name is not history', () => {
  const root = newRepo();
  const body = '\n# Body\n\nShared template text.\n'.repeat(3);
  writeFile(root, 'roadmap/a.md', feature('F-1', { end: '2026-01-10' }, body));
  writeFile(root, 'roadmap/b.md', feature('F-2', { end: '2026-01-10' }, body));
  writeFile(root, 'roadmap/old.md', feature('F-9', {}, body));
  const created = commitAll(root, 'two look-alike features');
  git(root, 'mv', 'roadmap/a.md', 'roadmap/renamed.md');
  editFile(root, 'roadmap/renamed.md', 'status: planned', 'status: review');
  commitAll(root, 'rename and edit');
  // Another feature's file name is later given to F-1: F-9's history before that is not F-1's.
  rmSync(join(root, 'roadmap/old.md'));
  commitAll(root, 'drop F-9');
  git(root, 'mv', 'roadmap/renamed.md', 'roadmap/old.md');
  editFile(root, 'roadmap/old.md', 'moscow: should', 'moscow: must');
  commitAll(root, 'F-1 takes the old name');
  const history = historyJson(root, 'F-1');
  assert.equal(history.entries[0].commit, created);
  assert.deepEqual(
    history.entries.map((entry) => entry.subject),
    ['two look-alike features', 'rename and edit', 'F-1 takes the old name'],
  );
  assert.equal(history.entries[2].previousFile, 'roadmap/renamed.md');
});
