// `roadmap report`: the stakeholder update from a real repository (the example roadmap plus a fortnight of
// edits): shipped, started, slipped, re-prioritised, added, dropped, milestone health; Markdown and HTML.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { publishSite } from '../../src/cli/publish';
import { roadmapReport } from '../../src/cli/reportCommand';
import { siteAssets } from '../../src/core/site/buildSite';
import type { StatusReport } from '../../src/core/history/report';
import {
  cli,
  commitAll,
  editFile,
  exampleRoadmap,
  git,
  newRepo,
  removeTempRepos,
  tempDir,
  writeFile,
} from './historyRepo';

after(removeTempRepos);

function reviewedRoadmap(): { root: string; base: string } {
  const root = newRepo(exampleRoadmap);
  const base = commitAll(root, 'The example roadmap');
  editFile(root, 'features/F-017-slack-alerts.md', 'status: review', 'status: shipped');
  editFile(root, 'features/F-018-public-share-links.md', 'status: planned', 'status: in-progress');
  editFile(root, 'features/F-019-mobile-read-only-dashboards.md', 'status: in-progress', 'status: dropped');
  editFile(root, 'features/F-016-google-sheets-connector.md', 'end: 2026-12-12', 'end: 2027-01-09');
  editFile(root, 'features/F-014-dashboard-template-gallery.md', 'moscow: should', 'moscow: must');
  unlinkSync(join(root, 'features/F-034-dark-mode.md'));
  writeFile(
    root,
    'features/F-035-usage-based-billing.md',
    '---\nid: F-035\ntitle: "Usage <b>billing</b> @finance"\nstatus: idea\nmoscow: should\nmilestone: M3\n---\n',
  );
  commitAll(root, 'Fortnightly review');
  return { root, base };
}

const ids = (
  report: StatusReport,
  key: 'shipped' | 'started' | 'slipped' | 'reprioritised' | 'added' | 'dropped',
) => report[key].map((entry) => entry.id);

test('each kind of change lands in its section; milestone health against today', () => {
  const { root, base } = reviewedRoadmap();
  const report = roadmapReport(root, { since: base, today: '2026-12-01' });
  assert.equal(report.since, base);
  assert.deepEqual(ids(report, 'shipped'), ['F-017']);
  assert.deepEqual(ids(report, 'started'), ['F-018']);
  assert.deepEqual(ids(report, 'dropped'), ['F-019', 'F-034']);
  assert.deepEqual(ids(report, 'added'), ['F-035']);
  assert.deepEqual(report.slipped, [
    {
      id: 'F-016',
      title: 'Google Sheets connector',
      detail: '+28 days (end 2026-12-12 → 2027-01-09)',
      days: 28,
    },
  ]);
  assert.ok(ids(report, 'reprioritised').includes('F-014'));
  assert.match(report.reprioritised.find((entry) => entry.id === 'F-014')!.detail, /^should → must/);

  const m1 = report.milestones.find((milestone) => milestone.id === 'M1')!;
  assert.equal(m1.health, 'overdue', 'M1 (2026-09-30) still has open work on 2026-12-01');
  const m2 = report.milestones.find((milestone) => milestone.id === 'M2')!;
  assert.equal(m2.daysLeft, 30);
  assert.equal(m2.health, 'at risk');
  assert.ok(m2.lateFeatures.includes('F-016'), 'F-016 now ends after M2');
  assert.ok(m2.remainingEffort > 0 && m2.peopleNeeded !== null && m2.peopleNeeded > 0);
});

test('--since a date takes the last commit before it; before the first commit everything is new', () => {
  const { root } = reviewedRoadmap();
  const before = roadmapReport(root, { since: '2020-01-01', today: '2026-12-01' });
  assert.equal(before.since, null);
  assert.equal(before.added.length, 34, 'every feature of the working tree is new');
  const later = roadmapReport(root, { since: '2099-01-01', today: '2026-12-01' });
  assert.equal(later.since, git(root, 'rev-parse', 'HEAD').trim());
  assert.deepEqual(later.added, [], 'nothing changed after the last commit');
});

test('Markdown for chat and HTML for email keep hostile titles as text', () => {
  const { root, base } = reviewedRoadmap();
  const markdown = cli(root, 'report', '--since', base);
  assert.equal(markdown.code, 0, markdown.stderr);
  assert.match(markdown.stdout, /^## Roadmap update\n/);
  assert.match(
    markdown.stdout,
    /\*\*1 shipped · 1 started · 1 slipped · \d+ re-prioritised · 1 added · 2 dropped\*\*/,
  );
  assert.match(markdown.stdout, /### Shipped\n\n- \*\*F-017\*\* Slack alerts/);
  assert.ok(markdown.stdout.includes('Usage \\<b\\>billing\\</b\\> @\u200bfinance'));
  const html = cli(root, 'report', '--since', base, '--format', 'html');
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!doctype html>/);
  assert.match(html.stdout, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(html.stdout.includes('Usage &lt;b&gt;billing&lt;/b&gt; @finance'));
  assert.ok(!html.stdout.includes('<b>billing'));
  assert.match(cli(root, 'report', '--format', 'pdf').stderr, /unknown report format 'pdf'/);
});

test('the published site\'s "What changed" page is the report, escaped; outside a repository the index says why', () => {
  const assetsDir = tempDir();
  for (const asset of siteAssets) writeFileSync(join(assetsDir, asset), '');
  // Committed today, then a feature added in the working tree: whichever commit the review period starts
  // from, the new feature is in the update.
  const root = newRepo(exampleRoadmap);
  commitAll(root, 'The example roadmap');
  writeFile(
    root,
    'features/F-035-usage-based-billing.md',
    '---\nid: F-035\ntitle: "Usage <b>billing</b>"\nstatus: idea\nmoscow: should\nmilestone: M3\n---\n',
  );
  const site = join(tempDir(), 'site');
  publishSite({ roots: [root], out: site, assetsDir });
  const changes = readFileSync(join(site, 'changes.html'), 'utf8');
  assert.match(changes, /<h1>What changed<\/h1>/);
  assert.match(changes, /F-035/);
  assert.match(changes, /Usage &lt;b&gt;billing&lt;\/b&gt;/);
  assert.doesNotMatch(changes, /<b>billing/);
  assert.match(readFileSync(join(site, 'index.html'), 'utf8'), /href="changes.html"/);

  const plain = tempDir();
  cpSync(exampleRoadmap, plain, { recursive: true });
  const plainSite = join(tempDir(), 'site');
  publishSite({ roots: [plain], out: plainSite, assetsDir });
  assert.equal(existsSync(join(plainSite, 'changes.html')), false);
  assert.match(
    readFileSync(join(plainSite, 'index.html'), 'utf8'),
    /No &quot;What changed&quot; page: it is read from git history/,
  );
});
