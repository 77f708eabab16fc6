import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadWorkspace } from '../../src/cli/nodeWorkspace';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { csvColumns } from '../../src/core/export/csv';
import { horizonsOf } from '../../src/core/export/exportInput';
import { escapeMarkdownText } from '../../src/core/export/markdown';
import { maxLabelLength } from '../../src/core/export/mermaid';
import {
  exportFormats,
  exportRoadmap,
  markdownCodeFence,
  replaceMarkedSection,
  sanitizeMermaidLabel,
  type ExportFormat,
  type ExportInput,
} from '../../src/core/exporters';
import { printableSchedule } from '../../src/core/export/exportInput';
import type { Feature, Issue } from '../../src/core/types';

const examplesRoot = join(__dirname, '..', '..', 'examples', 'roadmap');

function feature(overrides: Partial<Feature> & { file: string }): Feature {
  return { dependsOn: [], tags: [], evidence: [], custom: {}, ...overrides };
}

function fixtureConfig(): RoadmapConfig {
  const config = defaultConfig();
  config.milestones = [
    { id: 'M1', title: 'Launch', date: '2026-03-31' },
    { id: 'M2', title: 'Grow', date: '2026-06-30' },
  ];
  config.fields = { segment: { type: 'enum', values: ['smb', 'enterprise'] } };
  return config;
}

const hostileTitle =
  'a | b <script>alert(1)</script> [x](javascript:alert(1)) `code` *em* _u_ ~s~ $m$ &amp; "q" \'s\'\r\nnext';

function fixtureFeatures(): Feature[] {
  return [
    feature({
      file: 'features/sso.md',
      id: 'F-1',
      title: 'Single sign-on',
      status: 'shipped',
      moscow: 'must',
      rice: { reach: 1200, impact: 2, confidence: 80, effort: 3 },
      score: 640,
      owner: 'ana',
      team: 'platform',
      milestone: 'M1',
      quarter: '2026-Q1',
      start: '2026-01-05',
      end: '2026-02-13',
      goal: 'G-enterprise',
      tags: ['security', 'auth'],
      evidence: [{ url: 'https://example.com/a;b' }, { url: 'https://example.com/c', note: 'n' }],
      progress: 100,
      custom: { segment: 'enterprise' },
    }),
    feature({
      file: 'features/audit.md',
      id: 'F-2',
      title: 'Audit log, with "history"',
      status: 'in-progress',
      moscow: 'should',
      rice: { reach: 150, impact: 1, confidence: 50, effort: 3 },
      score: 25,
      owner: '=HYPERLINK("http://evil.example","click")',
      milestone: 'M1',
      dependsOn: ['F-1'],
    }),
    feature({
      file: 'features/hostile.md',
      id: 'F-3',
      title: hostileTitle,
      status: 'planned',
      moscow: 'could',
      rice: { reach: 10, impact: 0.5, confidence: 50, effort: 1 },
      score: 2.5,
      owner: '@SUM(1+1)',
      team: '+cmd',
      milestone: 'M2',
      start: '2026-04-01',
      end: '2026-05-15',
      tags: ['-x', '\tTab', '\rcr'],
    }),
    feature({ file: 'features/idea.md', id: 'F-4', title: 'Dark mode', status: 'idea', moscow: 'wont' }),
  ];
}

function fixtureInput(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    features: fixtureFeatures(),
    config: fixtureConfig(),
    today: '2026-03-10',
    title: 'Test roadmap',
    ...overrides,
  };
}

function exampleInput(): ExportInput {
  const workspace = loadWorkspace(examplesRoot);
  return {
    features: workspace.index.features(),
    config: workspace.config,
    issuesOf: (file) => workspace.index.issues(file),
    today: '2026-03-10',
    title: 'Lumen roadmap 2026',
  };
}

/** A strict RFC 4180 reader, to check the writer by reading its output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  while (position < text.length) {
    let field = '';
    if (text[position] === '"') {
      position++;
      for (;;) {
        const quote = text.indexOf('"', position);
        assert.ok(quote >= 0, 'unterminated quoted field');
        field += text.slice(position, quote);
        position = quote + 1;
        if (text[position] === '"') {
          field += '"';
          position++;
        } else break;
      }
    } else {
      const end = text.slice(position).search(/,|\r\n/);
      const stop = end < 0 ? text.length : position + end;
      field = text.slice(position, stop);
      assert.ok(
        !/["\r\n]/.test(field),
        `unquoted field holds a quote or line break: ${JSON.stringify(field)}`,
      );
      position = stop;
    }
    row.push(field);
    if (text.startsWith(',', position)) position++;
    else {
      assert.ok(text.startsWith('\r\n', position), `rows end with CRLF (at ${position})`);
      position += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('exportRoadmap', () => {
  test('knows the six formats and refuses others', () => {
    assert.deepEqual(
      [...exportFormats],
      ['mermaid-gantt', 'mermaid-timeline', 'markdown', 'csv', 'json', 'html'],
    );
    assert.throws(() => exportRoadmap('pdf' as ExportFormat, fixtureInput()), /Unknown export format 'pdf'/);
    assert.throws(
      () => exportRoadmap('constructor' as ExportFormat, fixtureInput()),
      /Unknown export format/,
    );
  });

  test('every format is a pure function of its input and copes with an empty roadmap', () => {
    for (const format of exportFormats) {
      assert.equal(exportRoadmap(format, fixtureInput()), exportRoadmap(format, fixtureInput()), format);
      const empty = exportRoadmap(format, { features: [], config: defaultConfig(), today: '2026-01-01' });
      assert.ok(empty.length > 0, format);
      assert.ok(empty.endsWith('\n'), `${format} ends with a line break`);
    }
  });

  test('every format renders the sample roadmap', () => {
    const input = exampleInput();
    assert.equal(input.features.length, 34);
    const scheduled = input.features.filter((candidate) => printableSchedule(candidate, input.config)).length;

    const gantt = exportRoadmap('mermaid-gantt', input);
    assert.match(gantt, /^gantt\n {2}title Lumen roadmap 2026\n {2}dateFormat YYYY-MM-DD\n/);
    assert.equal(gantt.match(/ :(?:[a-z]+, )*t\d+, /g)?.length, scheduled);
    assert.equal(gantt.match(/^ {2}section /gm)?.length, 3);
    assert.match(gantt, /F-023 Ask Lumen∶ natural-language questions :t\d+, 2027-02-17, 2027-03-26/);

    const timeline = exportRoadmap('mermaid-timeline', input);
    assert.match(timeline, /^timeline\n/);
    assert.equal(timeline.match(/: /g)?.length, 34);
    assert.match(timeline, /section No milestone\n {4}Unscheduled : /);

    const markdown = exportRoadmap('markdown', input);
    assert.equal(markdown.match(/^\| \d* \| F-\d{3} \|/gm)?.length, 34);
    assert.equal(markdown.match(/^## /gm)?.length, 4);

    const rows = parseCsv(exportRoadmap('csv', input));
    assert.equal(rows.length, 35);
    assert.deepEqual(rows[0], [...csvColumns, 'created', 'segment']);
    assert.ok(rows.every((row) => row.length === rows[0]!.length));

    const json = JSON.parse(exportRoadmap('json', input)) as {
      features: { id: string; score: number | null; issues: unknown[] }[];
    };
    assert.equal(json.features.length, 34);
    assert.ok(json.features.every((entry) => Array.isArray(entry.issues)));

    const html = exportRoadmap('html', input);
    for (const candidate of input.features)
      assert.ok(html.includes(`>${candidate.id}<`), `${candidate.id} in the HTML`);
    assert.doesNotMatch(html, /<script/i);
  });
});

describe('mermaid-gantt', () => {
  test('a task per scheduled feature, with generated ids, status tags and inclusive end dates', () => {
    const gantt = exportRoadmap('mermaid-gantt', fixtureInput());
    assert.equal(
      gantt,
      [
        'gantt',
        '  title Test roadmap',
        '  dateFormat YYYY-MM-DD',
        '  axisFormat %b %Y',
        '  section M1 · Launch',
        '    F-1 Single sign-on :crit, done, t0, 2026-01-05, 2026-02-14',
        "    F-2 Audit log, with 'history' :active, t1, 2026-03-04, 2026-04-01",
        '    M1 due :milestone, m0, 2026-03-31, 0d',
        '  section M2 · Grow',
        `    F-3 ${sanitizeMermaidLabel(hostileTitle)} :t2, 2026-04-01, 2026-05-16`,
        '    M2 due :milestone, m1, 2026-06-30, 0d',
        '',
      ].join('\n'),
    );
  });

  test('a milestone date that is not on the calendar is left out instead of failing the export or the chart', () => {
    const config = fixtureConfig();
    config.milestones[0]!.date = '2026-13-01';
    config.milestones[1]!.date = '2026-02-31';
    const gantt = exportRoadmap('mermaid-gantt', fixtureInput({ config }));
    assert.doesNotMatch(gantt, /F-2/);
    assert.doesNotMatch(gantt, / due /);
    assert.match(gantt, /F-3 .* :t\d+, 2026-04-01, 2026-05-16/);
    assert.match(gantt, /F-1 Single sign-on/);
  });
});

describe('mermaid-timeline', () => {
  test('a section per milestone and a period per quarter', () => {
    assert.equal(
      exportRoadmap('mermaid-timeline', fixtureInput()),
      [
        'timeline',
        '  title Test roadmap',
        '  section M1 · Launch',
        '    2026-Q1 : F-1 Single sign-on',
        "            : F-2 Audit log, with 'history'",
        '  section M2 · Grow',
        `    2026-Q2 : F-3 ${sanitizeMermaidLabel(hostileTitle)}`,
        '  section No milestone',
        '    Unscheduled : F-4 Dark mode',
        '',
      ].join('\n'),
    );
  });
});

describe('sanitizeMermaidLabel', () => {
  test('keeps text readable while removing statement syntax', () => {
    assert.equal(sanitizeMermaidLabel('a: b # c; d %% e'), 'a∶ b ♯ c, d ％％ e');
    assert.equal(
      sanitizeMermaidLabel('%%{init: {"securityLevel":"loose"}}%%'),
      "％％❴init∶ ❴'securityLevel'∶'loose'❵❵％％",
    );
    assert.equal(sanitizeMermaidLabel('<img src=x onerror=alert(1)>'), '‹img src=x onerror=alert(1)›');
    assert.equal(
      sanitizeMermaidLabel('line one\r\nline two\u2028three\tfour'),
      'line one line two three four',
    );
    assert.equal(sanitizeMermaidLabel('```mermaid'), "'''mermaid");
    assert.equal(sanitizeMermaidLabel('  '), 'untitled');
    assert.equal(sanitizeMermaidLabel('Café 日本 مرحبا 😀'), 'Café 日本 مرحبا 😀');
  });

  test('defuses a leading keyword, but not a word that merely starts like one', () => {
    assert.equal(sanitizeMermaidLabel('click t0 call alert(1)'), '_click t0 call alert(1)');
    assert.equal(sanitizeMermaidLabel('Section 508 compliance'), '_Section 508 compliance');
    assert.equal(sanitizeMermaidLabel('2026-01-01 launch'), '_2026-01-01 launch');
    assert.equal(sanitizeMermaidLabel('Click-through tracking'), 'Click-through tracking');
    assert.equal(sanitizeMermaidLabel('Titles and captions'), 'Titles and captions');
  });

  test('removes bidirectional overrides, repairs lone surrogates and cuts long titles on a code point', () => {
    assert.equal(sanitizeMermaidLabel('abc\u202Edef\u2066'), 'abcdef');
    assert.equal(sanitizeMermaidLabel('a\uD800b'), 'a\uFFFDb');
    const long = sanitizeMermaidLabel('😀'.repeat(10_000));
    assert.equal(Array.from(long).length, maxLabelLength);
    assert.ok(long.endsWith('😀…'));
  });
});

describe('markdown', () => {
  test('a table per milestone, ranked by score', () => {
    const markdown = exportRoadmap('markdown', fixtureInput());
    assert.match(
      markdown,
      /^# Test roadmap\n\n_Generated 2026-03-10 from 4 feature files\. 1 done, 1 in progress, 2 to do\./,
    );
    assert.match(
      markdown,
      /## M1 · Launch \(due 2026-03-31\)\n\n\| Rank \| ID \| Title \| Status \| MoSCoW \| Score \| Owner \| Dates \|\n/,
    );
    assert.match(
      markdown,
      /\| 1 \| F-1 \| Single sign-on \| Shipped \| Must \| 640 \| ana \| 2026-01-05 → 2026-02-13 \|/,
    );
    assert.match(
      markdown,
      /## No milestone\n\n[^#]*\| {2}\| F-4 \| Dark mode \| Idea \| Won't \| {2}\| {2}\| {2}\|/,
    );
  });

  test('hostile text cannot break a table row or inject HTML, links or code', () => {
    const markdown = exportRoadmap('markdown', fixtureInput());
    const row = markdown.split('\n').find((line) => line.includes('F-3'))!;
    assert.equal(row.match(/(?<!\\)\|/g)?.length, 9, 'eight cells, no extra column');
    assert.doesNotMatch(markdown, /<(?!!--)/, 'no raw <');
    assert.doesNotMatch(row, /(?<!\\)[[\]`*_~$]/, 'markdown syntax is escaped');
    assert.ok(
      row.includes(
        'a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\`code\\` \\*em\\* \\_u\\_',
      ),
    );
    assert.ok(row.includes('&amp;amp;'), 'an entity in a title is shown, not decoded');
    assert.equal(escapeMarkdownText('two\nlines|x'), 'two lines\\|x');
  });
});

describe('csv', () => {
  test('RFC 4180: header of every field, CRLF rows, quoted fields read back exactly', () => {
    const csv = exportRoadmap('csv', fixtureInput());
    assert.ok(csv.endsWith('\r\n'));
    assert.doesNotMatch(
      csv.replace(/\r\n/g, ''),
      /\n(?=[^"]*(?:"[^"]*"[^"]*)*$)/,
      'no bare LF outside quotes',
    );
    const rows = parseCsv(csv);
    // prettier-ignore
    assert.deepEqual(rows[0], [
      'id', 'title', 'status', 'moscow', 'reach', 'impact', 'confidence', 'effort', 'score', 'rank', 'owner', 'team',
      'milestone', 'quarter', 'start', 'end', 'depends_on', 'goal', 'tags', 'evidence', 'progress', 'file', 'segment',
    ]);
    const byId = new Map(
      rows
        .slice(1)
        .map((row) => [row[0], Object.fromEntries(rows[0]!.map((name, index) => [name, row[index]]))]),
    );
    assert.deepEqual([...byId.keys()], ['F-1', 'F-2', 'F-3', 'F-4'], 'sorted by score');
    const sso = byId.get('F-1')!;
    assert.equal(sso.confidence, '80');
    assert.equal(sso.rank, '1');
    assert.equal(sso.tags, 'security;auth');
    assert.equal(sso.evidence, 'https://example.com/a;b https://example.com/c');
    assert.equal(sso.segment, 'enterprise');
    assert.equal(byId.get('F-2')!.title, 'Audit log, with "history"');
    assert.equal(byId.get('F-2')!.depends_on, 'F-1');
    assert.equal(byId.get('F-3')!.title, hostileTitle, 'quotes, commas and CRLF survive quoting');
    assert.equal(byId.get('F-4')!.score, '');
  });

  test('cells that a spreadsheet would run as a formula start with an apostrophe', () => {
    const rows = parseCsv(exportRoadmap('csv', fixtureInput()));
    const column = (name: string) => rows[0]!.indexOf(name);
    const audit = rows.find((row) => row[0] === 'F-2')!;
    const hostile = rows.find((row) => row[0] === 'F-3')!;
    assert.equal(audit[column('owner')], '\'=HYPERLINK("http://evil.example","click")');
    assert.equal(hostile[column('owner')], "'@SUM(1+1)");
    assert.equal(hostile[column('team')], "'+cmd");
    assert.equal(hostile[column('tags')], "'-x;\tTab;\rcr");
    assert.equal(hostile[column('score')], '2.5', 'numbers are not text and are left alone');
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });

  test('ICE and WSJF roadmaps get their scoring inputs as extra columns', () => {
    const config = fixtureConfig();
    config.scoring.model = 'wsjf';
    const features = [
      feature({
        file: 'a.md',
        id: 'A',
        wsjf: { business_value: 8, time_criticality: 5, job_size: 3 },
        score: 13 / 3,
      }),
    ];
    const rows = parseCsv(exportRoadmap('csv', { features, config, today: '2026-01-01' }));
    assert.deepEqual(rows[0]!.slice(csvColumns.length), [
      'wsjf_business_value',
      'wsjf_time_criticality',
      'wsjf_risk_reduction',
      'wsjf_job_size',
      'segment',
    ]);
    assert.deepEqual(rows[1]!.slice(csvColumns.length), ['8', '5', '', '3', '']);
    assert.equal(rows[1]![rows[0]!.indexOf('score')], '4.33');
  });
});

describe('json', () => {
  test('valid JSON, sorted by score, with a stable key order', () => {
    const issues: Issue[] = [
      { code: 'score-stale', severity: 'warning', message: 'stale', span: { start: 0, end: 1 } },
    ];
    const text = exportRoadmap(
      'json',
      fixtureInput({ issuesOf: (file) => (file === 'features/audit.md' ? issues : []) }),
    );
    const json = JSON.parse(text) as {
      generatedAt: string;
      scoringModel: string;
      features: Record<string, unknown>[];
    };
    assert.deepEqual(Object.keys(json), [
      'generatedAt',
      'title',
      'scoringModel',
      'scoringFormula',
      'statuses',
      'milestones',
      'goals',
      'features',
    ]);
    assert.equal(json.generatedAt, '2026-03-10');
    assert.equal(json.scoringModel, 'rice');
    assert.deepEqual(
      json.features.map((entry) => entry.id),
      ['F-1', 'F-2', 'F-3', 'F-4'],
    );
    for (const entry of json.features) {
      // prettier-ignore
      assert.deepEqual(Object.keys(entry), [
        'id', 'title', 'status', 'statusCategory', 'moscow', 'score', 'rank', 'storedScore', 'rice', 'ice', 'wsjf', 'owner', 'team',
        'milestone', 'quarter', 'start', 'end', 'schedule', 'dependsOn', 'goal', 'tags', 'evidence', 'progress', 'custom', 'file', 'issues',
      ]);
    }
    assert.deepEqual(json.features[1]!.issues, [
      { code: 'score-stale', severity: 'warning', message: 'stale' },
    ]);
    assert.equal(json.features[2]!.title, hostileTitle);
    assert.deepEqual(json.features[0]!.schedule, { start: '2026-01-05', end: '2026-02-13', source: 'dates' });
    assert.equal(json.features[3]!.score, null);
  });

  test('stays valid whatever the custom fields and numbers hold', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const odd = feature({
      file: 'odd.md',
      id: 'odd',
      score: Number.NaN,
      progress: Infinity,
      custom: {
        when: new Date('2026-01-02T00:00:00Z'),
        never: new Date('nope'),
        big: BigInt(2) ** BigInt(70),
        cyclic,
        ['__proto__']: { polluted: true },
      },
    });
    const json = JSON.parse(
      exportRoadmap('json', { features: [odd], config: defaultConfig(), today: '2026-01-01' }),
    ) as {
      features: { score: unknown; progress: unknown; custom: Record<string, unknown> }[];
    };
    const [entry] = json.features;
    assert.equal(entry!.score, null);
    assert.equal(entry!.progress, null);
    assert.equal(entry!.custom.when, '2026-01-02T00:00:00.000Z');
    assert.equal(entry!.custom.never, null);
    assert.equal(entry!.custom.big, '1180591620717411303424');
    assert.deepEqual(entry!.custom.cyclic, { name: 'loop', self: null });
  });
});

describe('html', () => {
  // prettier-ignore
  const allowedTags = new Set([
    '!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'h1', 'h2', 'h3',
    'p', 'div', 'span', 'b', 'small', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ]);

  test('one self-contained page: strict CSP, no script, nothing loaded from anywhere', () => {
    const html = exportRoadmap('html', exampleInput());
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`,
      ),
    );
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|<object|<embed|<base|<form|<svg/i);
    assert.doesNotMatch(html, /\s(?:src|href|action|srcset)=|url\(|@import|https?:\/\//i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    for (const [, tag] of html.matchAll(/<\/?([a-z!][a-z0-9]*)/gi))
      assert.ok(allowedTags.has(tag!.toLowerCase()), `unexpected tag <${tag}>`);
    for (const heading of ['Summary', 'Now, next, later', 'Timeline', 'Features by milestone'])
      assert.ok(html.includes(`>${heading}</h2>`), heading);
    assert.match(html, /@media print/);
  });

  test('file content is escaped everywhere it appears', () => {
    const config = fixtureConfig();
    config.milestones[1]!.title = '<img src=x onerror=alert(1)>';
    config.statuses[1]!.title = '"><script>alert(1)</script>';
    const features = fixtureFeatures();
    features[3]!.id = '<b onclick="x">';
    const html = exportRoadmap(
      'html',
      fixtureInput({ config, features, title: '</title><script>alert(1)</script>' }),
    );
    assert.doesNotMatch(html, /<script|<img|<b /i);
    for (const [, tag] of html.matchAll(/<\/?([a-z!][a-z0-9]*)/gi))
      assert.ok(allowedTags.has(tag!.toLowerCase()), `unexpected tag <${tag}>`);
    assert.ok(html.includes('a | b &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&amp;amp;'));
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
    assert.ok(html.includes('&lt;b onclick=&quot;x&quot;&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;'));
  });

  test('shows problems and a today line when it has them', () => {
    const issues: Issue[] = [
      { code: 'score-stale', severity: 'error', message: 'x', span: { start: 0, end: 0 } },
    ];
    const html = exportRoadmap('html', fixtureInput({ issuesOf: () => issues }));
    assert.match(html, /<b>4<\/b>errors, 0 warnings/);
    assert.match(html, /<th class="number">Problems<\/th>/);
    assert.match(html, /class="today" style="left:\d+(?:\.\d+)?%"/);
    assert.doesNotMatch(exportRoadmap('html', fixtureInput()), /Problems/);
  });
});

describe('now / next / later', () => {
  test('follows the panel rule: doing or dated over today is now; soon or next milestone is next', () => {
    const config = fixtureConfig();
    config.statuses = defaultConfig().statuses;
    const features = [
      feature({ file: 'doing.md', status: 'in-progress' }),
      feature({ file: 'over-today.md', status: 'planned', start: '2026-03-01', end: '2026-03-20' }),
      feature({ file: 'soon.md', status: 'planned', start: '2026-05-01' }),
      feature({ file: 'next-milestone.md', status: 'idea', milestone: 'M1' }),
      feature({ file: 'far.md', status: 'idea', milestone: 'M2', start: '2026-09-01' }),
      feature({ file: 'done.md', status: 'shipped', start: '2026-03-01' }),
    ];
    const horizons = horizonsOf(features, config, '2026-03-10');
    const files = (list: Feature[]) => list.map((entry) => entry.file);
    assert.deepEqual(files(horizons.now), ['doing.md', 'over-today.md']);
    assert.deepEqual(files(horizons.next), ['soon.md', 'next-milestone.md']);
    assert.deepEqual(files(horizons.later), ['far.md']);
    assert.deepEqual(files(horizons.done), ['done.md']);
  });
});

describe('replaceMarkedSection', () => {
  const chart = markdownCodeFence('mermaid', 'gantt\n  title X\n');

  test('replaces only what is between the markers, byte for byte elsewhere', () => {
    const original = readFileSync(join(examplesRoot, 'ROADMAP.md'), 'utf8');
    const updated = replaceMarkedSection(original, chart);
    const [before] = original.split('<!-- roadmap:start -->');
    const after = original.slice(original.indexOf('<!-- roadmap:end -->'));
    assert.ok(
      updated.startsWith(
        `${before}<!-- roadmap:start -->\n\n\`\`\`mermaid\ngantt\n  title X\n\`\`\`\n\n<!-- roadmap:end -->`,
      ),
    );
    assert.ok(updated.endsWith(after));
    assert.doesNotMatch(updated, /generated Mermaid Gantt chart goes here/);
  });

  test('is idempotent', () => {
    const original = readFileSync(join(examplesRoot, 'ROADMAP.md'), 'utf8');
    const once = replaceMarkedSection(original, chart);
    assert.equal(replaceMarkedSection(once, chart), once);
    const appended = replaceMarkedSection('# Title\n\nText.', chart);
    assert.equal(replaceMarkedSection(appended, chart), appended);
  });

  test('appends a marked block when there are no markers', () => {
    assert.equal(
      replaceMarkedSection('# Title\n\nText.', 'X'),
      '# Title\n\nText.\n\n<!-- roadmap:start -->\n\nX\n\n<!-- roadmap:end -->\n',
    );
    assert.equal(
      replaceMarkedSection('# Title\n\n', 'X'),
      '# Title\n\n<!-- roadmap:start -->\n\nX\n\n<!-- roadmap:end -->\n',
    );
    assert.equal(replaceMarkedSection('', 'X'), '<!-- roadmap:start -->\n\nX\n\n<!-- roadmap:end -->\n');
  });

  test('keeps CRLF files CRLF, whatever the content uses', () => {
    const text = '# Title\r\n\r\n<!-- roadmap:start -->\r\nold\r\n<!-- roadmap:end -->\r\nafter\r\n';
    const updated = replaceMarkedSection(text, 'line 1\nline 2\r\nline 3\n');
    assert.equal(
      updated,
      '# Title\r\n\r\n<!-- roadmap:start -->\r\n\r\nline 1\r\nline 2\r\nline 3\r\n\r\n<!-- roadmap:end -->\r\nafter\r\n',
    );
    assert.doesNotMatch(updated, /[^\r]\n/);
    assert.equal(
      replaceMarkedSection('a\r\nb', 'X'),
      'a\r\nb\r\n\r\n<!-- roadmap:start -->\r\n\r\nX\r\n\r\n<!-- roadmap:end -->\r\n',
    );
  });

  test('ignores markers inside fenced code and inline, and refuses an unclosed section', () => {
    const documented = [
      'Use:',
      '```markdown',
      '<!-- roadmap:start -->',
      '<!-- roadmap:end -->',
      '```',
      'Inline `<!-- roadmap:start -->`.',
      '',
    ].join('\n');
    assert.equal(
      replaceMarkedSection(documented, 'X'),
      `${documented}\n<!-- roadmap:start -->\n\nX\n\n<!-- roadmap:end -->\n`,
    );
    assert.throws(
      () => replaceMarkedSection('<!-- roadmap:start -->\nhand-written text\n', 'X'),
      /has no <!-- roadmap:end -->/,
    );
    assert.throws(
      () => replaceMarkedSection('<!-- roadmap:end -->\n<!-- roadmap:start -->\n', 'X'),
      /comes before/,
    );
  });
});

describe('markdownCodeFence', () => {
  test('uses a fence longer than any backtick run inside', () => {
    assert.equal(markdownCodeFence('mermaid', 'gantt'), '```mermaid\ngantt\n```\n');
    assert.equal(markdownCodeFence('text', 'a ```` b\n'), '`````text\na ```` b\n`````\n');
  });
});
