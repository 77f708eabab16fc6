// `roadmap publish` without a browser: the Markdown body made safe, portfolios of several repositories (ids
// namespaced, cross-repository dependencies resolved and linted), and the command line's rules for --out.
// The site in Chromium is tested in test/site/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main';
import { parseConfig } from '../../src/core/config';
import { buildSite, type SiteFile } from '../../src/core/site/buildSite';
import { progressOf } from '../../src/core/site/health';
import { renderMarkdown } from '../../src/core/site/markdownHtml';
import { buildPortfolio, type SiteSource } from '../../src/core/site/portfolio';
import type { SiteData } from '../../src/core/site/siteData';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';
import type { FeatureView, StatusCategory } from '../../src/shared/protocol';

const scratch = mkdtempSync(join(tmpdir(), 'roadmap-site-unit-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function source(name: string, files: Record<string, string>, configText = ''): SiteSource {
  const index = new WorkspaceIndex(parseConfig(configText).config);
  for (const [file, text] of Object.entries(files)) index.update(file, text);
  index.flush();
  return { name, index, texts: new Map(Object.entries(files)) };
}

const feature = (id: string, extra = '', body = '') =>
  `---\nid: ${id}\ntitle: Feature ${id}\nstatus: planned\n${extra}---\n${body}`;

describe('Markdown body', () => {
  const render = (markdown: string) =>
    renderMarkdown(markdown, { resolveRelative: (url) => (url === 'F-2.md' ? 'F-2.html' : undefined) }).html;

  test('raw HTML is text, never markup', () => {
    const html = render('<script>alert(1)</script>\n\nHello <img src=x onerror=alert(2)> there');
    assert.ok(!html.includes('<script'));
    assert.ok(!html.includes('<img'));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
  });

  test('javascript:, data: and protocol-relative links are dead; http(s) and mailto live', () => {
    const html = render(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html,x) [e](//evil.example) [f](https://ok.example/?q="x") [g](mailto:a@b.c)',
    );
    assert.ok(!/href="[^"]*(script|data|evil)/i.test(html), html);
    assert.match(html, /href="https:\/\/ok.example\/\?q=%22x%22"/);
    assert.match(html, /href="mailto:a@b.c"/);
    // A tab inside the scheme is not a link at all in CommonMark; the other four are dead links.
    assert.equal((html.match(/class="dead-link"/g) ?? []).length, 4);
  });

  test('relative links go where the site says; images become links; tasks are counted', () => {
    const result = renderMarkdown(
      'See [two](F-2.md) and [gone](missing.md). ![chart](https://x.example/c.png)\n\n- [x] one\n- [ ] two',
      {
        resolveRelative: (url) => (url === 'F-2.md' ? 'F-2.html' : undefined),
      },
    );
    assert.match(result.html, /<a href="F-2.html">two<\/a>/);
    assert.match(result.html, /<span class="dead-link">gone<\/span>/);
    assert.match(
      result.html,
      /<a href="https:\/\/x.example\/c.png" rel="noopener noreferrer nofollow">\[image: chart\]<\/a>/,
    );
    assert.deepEqual(result.tasks, { done: 1, total: 2 });
  });

  test('a leading heading that repeats the page title is dropped; other headings sit below the page title', () => {
    const options = { resolveRelative: () => undefined, title: 'Single sign-on' };
    assert.equal(renderMarkdown('# Single sign-on\n\n## Problem\n', options).html, '<h3>Problem</h3>\n');
    assert.equal(renderMarkdown('# Something else\n', options).html, '<h2>Something else</h2>\n');
  });

  test('code keeps its text, and a language class of word characters only', () => {
    const html = render('```js" onclick="x\nconst a = "<b>";\n```');
    assert.match(html, /<code class="language-js">const a = &quot;&lt;b&gt;&quot;;/);
  });
});

describe('portfolio of several repositories', () => {
  const web = () =>
    source(
      'web',
      {
        'roadmap/F-1.md': feature('F-1', 'depends_on: [F-2, mobile:F-1]\nmilestone: M1\n'),
        'roadmap/F-2.md': feature('F-2', 'depends_on: [mobile:F-9]\n'),
      },
      'milestones:\n  - { id: M1, title: Launch, date: 2026-09-30 }\n',
    );
  const mobile = () =>
    source('mobile', {
      'features/F-1.md': feature('F-1', 'rice: { reach: 10, impact: 1, confidence: 100%, effort: 1 }\n'),
    });

  test('ids, files, milestones and dependencies are namespaced by source', () => {
    const portfolio = buildPortfolio([web(), mobile()], '2026-06-01');
    assert.deepEqual(
      portfolio.model.features.map((view) => [view.id, view.file]),
      [
        ['web:F-1', 'web/roadmap/F-1.md'],
        ['web:F-2', 'web/roadmap/F-2.md'],
        ['mobile:F-1', 'mobile/features/F-1.md'],
      ],
    );
    const first = portfolio.byFile.get('web/roadmap/F-1.md')!;
    assert.deepEqual(first.view.dependsOn, ['web:F-2', 'mobile:F-1']);
    assert.deepEqual(
      first.dependsOn.map((entry) => entry.view.id),
      ['web:F-2', 'mobile:F-1'],
    );
    assert.equal(first.view.milestone, 'web:M1');
    assert.deepEqual(
      portfolio.model.milestones.map((m) => [m.id, m.title]),
      [['web:M1', 'Launch (web)']],
    );
    assert.deepEqual(
      portfolio.byFile.get('mobile/features/F-1.md')!.neededBy.map((e) => e.view.id),
      ['web:F-1'],
    );
    assert.equal(portfolio.byFile.get('mobile/features/F-1.md')!.view.rank, 1);
  });

  test('a cross-repository dependency that does not resolve is an error; one that does is not', () => {
    const portfolio = buildPortfolio([web(), mobile()], '2026-06-01');
    assert.deepEqual(
      portfolio.problems.map((problem) => [problem.source, problem.file, problem.issue.message]),
      [['web', 'roadmap/F-2.md', "depends_on 'mobile:F-9', but source 'mobile' has no feature 'F-9'."]],
    );
    const first = portfolio.byFile.get('web/roadmap/F-1.md')!;
    assert.deepEqual(
      first.issues.filter((issue) => issue.code === 'unknown-dependency'),
      [],
    );
    assert.deepEqual(first.view.problems, { errors: 0, warnings: 0 });
    assert.equal(portfolio.byFile.get('web/roadmap/F-2.md')!.view.problems.errors, 1);
  });

  test('a repository listing its sources does not flag their ids in its own lint', () => {
    const files = { 'roadmap/F-1.md': feature('F-1', 'depends_on: [mobile:F-1, other:F-1]\n') };
    const listed = source('web', files, 'sources:\n  - { name: mobile, path: ../mobile }\n');
    const messages = listed.index.issues('roadmap/F-1.md').map((issue) => issue.message);
    assert.deepEqual(messages, ["depends_on 'other:F-1', but no feature has that id."]);
  });

  test('one source is published without namespaces, with a page per feature, milestone and goal', () => {
    const files: SiteFile[] = [];
    buildSite({
      title: 'Solo',
      today: '2026-06-01',
      sources: [
        source(
          '',
          { 'a/F-1.md': feature('F-1', 'milestone: M1\ngoal: G1\n'), 'a/weird.md': feature('x/y:z', '') },
          'milestones: [{ id: M1 }]\ngoals: [{ id: G1, title: Grow }]\n',
        ),
      ],
      changes: { unavailable: 'No history.' },
      emit: (file) => files.push(file),
    });
    const paths = files.map((file) => file.path).sort();
    assert.deepEqual(paths, [
      'data.js',
      'features.html',
      'features/F-1.html',
      'features/x-y-z.html',
      'goals/G1.html',
      'index.html',
      'milestones/M1.html',
      'search.js',
    ]);
    const dataText = files.find((file) => file.path === 'data.js')!.content;
    const data = JSON.parse(
      dataText
        .slice(dataText.indexOf('=') + 1)
        .trim()
        .replace(/;$/, ''),
    ) as SiteData;
    assert.deepEqual(data.model.features.map((view) => view.id).sort(), ['F-1', 'x/y:z']);
    assert.equal(data.pages['a/F-1.md'], 'features/F-1.html');
    const index = files.find((file) => file.path === 'index.html')!.content;
    assert.match(index, /<meta property="og:title" content="Solo">/);
    assert.match(index, /script-src 'self'/);
    assert.ok(!/<script>/.test(index), 'no inline script');
    assert.match(index, /No history\./);
  });
});

describe('roadmap publish (command line)', () => {
  function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = runCli(args, { cwd: scratch, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }
  const repoA = join(scratch, 'repo-a');
  const repoB = join(scratch, 'repo-b');
  mkdirSync(join(repoA, 'roadmap'), { recursive: true });
  mkdirSync(join(repoB, 'roadmap'), { recursive: true });
  writeFileSync(join(repoA, 'roadmap/F-1.md'), feature('F-1', 'depends_on: [repo-b:F-1]\n'));
  writeFileSync(join(repoB, 'roadmap/F-1.md'), feature('F-1'));

  test('needs --out, and refuses a folder that holds something else or the repository itself', () => {
    assert.equal(cli(['publish', 'repo-a']).code, 2);
    mkdirSync(join(scratch, 'busy'));
    writeFileSync(join(scratch, 'busy/notes.txt'), 'mine');
    const busy = cli(['publish', 'repo-a', '--out', 'busy']);
    assert.equal(busy.code, 2);
    assert.match(busy.stderr, /not empty and holds no published site/);
    assert.equal(readFileSync(join(scratch, 'busy/notes.txt'), 'utf8'), 'mine');
    assert.match(cli(['publish', 'repo-a', '--out', '.']).stderr, /contains the repository/);
  });

  test('several roots make one portfolio; publishing again replaces the site', () => {
    const first = cli([
      'publish',
      'repo-a',
      'repo-b',
      '--out',
      'site',
      '--base-url',
      'repo-b=https://git.example/b/blob/main',
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /published 2 features from repo-a, repo-b/);
    assert.ok(existsSync(join(scratch, 'site/features/repo-a-F-1.html')));
    const page = readFileSync(join(scratch, 'site/features/repo-b-F-1.html'), 'utf8');
    assert.match(page, /href="https:\/\/git.example\/b\/blob\/main\/roadmap\/F-1.md"/);
    assert.match(
      readFileSync(join(scratch, 'site/features/repo-a-F-1.html'), 'utf8'),
      /href="repo-b-F-1.html"|features\/repo-b-F-1.html/,
    );
    writeFileSync(join(repoA, 'roadmap/F-1.md'), feature('F-1', 'depends_on: [repo-b:F-7]\n'));
    const second = cli(['publish', 'repo-a', 'repo-b', '--out', 'site']);
    assert.equal(second.code, 1);
    assert.match(
      second.stderr,
      /repo-a\/roadmap\/F-1.md: error: depends_on 'repo-b:F-7', but source 'repo-b' has no feature 'F-7'/,
    );
  });
});

describe('milestone and goal health', () => {
  const view = (id: string, status: string, extra: Partial<FeatureView> = {}): FeatureView => ({
    file: `${id}.md`,
    revision: '',
    id,
    title: id,
    status,
    dependsOn: [],
    tags: [],
    problems: { errors: 0, warnings: 0 },
    ...extra,
  });
  const categoryOf = (feature: FeatureView): StatusCategory =>
    feature.status === 'shipped' ? 'done' : 'todo';
  const milestone = { id: 'M1', title: 'M1', date: '2026-06-30' };

  test('done, on track, at risk and late, each with its reasons', () => {
    const shipped = [view('A', 'shipped'), view('B', 'shipped')];
    assert.equal(progressOf(shipped, categoryOf, '2026-07-15', milestone).health, 'done');
    assert.equal(progressOf([], categoryOf, '2026-06-01', milestone).health, 'empty');
    const onTrack = progressOf(
      [view('A', 'shipped'), view('B', 'planned')],
      categoryOf,
      '2026-06-01',
      milestone,
    );
    assert.deepEqual([onTrack.health, onTrack.percent, onTrack.reasons], ['on-track', 50, []]);
    const risky = progressOf(
      [view('A', 'planned', { end: '2026-05-01' }), view('B', 'planned', { end: '2026-07-10' })],
      categoryOf,
      '2026-06-01',
      milestone,
    );
    assert.equal(risky.health, 'at-risk');
    assert.deepEqual(risky.reasons, [
      '1 unfinished feature is past its end date.',
      '1 feature ends after the milestone (2026-06-30).',
    ]);
    const late = progressOf([view('A', 'planned')], categoryOf, '2026-07-01', milestone);
    assert.equal(late.health, 'late');
    assert.match(late.reasons[0], /has passed with 1 feature open/);
    const overBudget = progressOf(
      [view('A', 'planned', { moscow: 'must', effort: 8 }), view('B', 'planned', { effort: 2 })],
      categoryOf,
      '2026-06-01',
      milestone,
      0.6,
    );
    assert.deepEqual(overBudget.reasons, ['Must-haves are 80% of the effort, above the 60% budget.']);
  });
});
