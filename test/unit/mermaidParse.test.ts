// Proof that the Mermaid exporters' output means to Mermaid exactly what we meant: parsed by Mermaid's own
// parser (the one GitHub and the VS Code preview run), hostile titles stay labels. Every check is on the
// parsed diagram, not on our text, so removing or weakening `sanitizeMermaidLabel` fails here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import './propertySeed';
import type { Window as HappyWindow } from 'happy-dom';
import type mermaidApi from 'mermaid';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { maxLabelLength } from '../../src/core/export/mermaid';
import { exportRoadmap, sanitizeMermaidLabel, type ExportInput } from '../../src/core/exporters';
import type { Feature } from '../../src/core/types';

type Mermaid = typeof mermaidApi;

interface GanttTask {
  id: string;
  task: string;
  section: string;
  classes: string[];
  startTime: Date;
  endTime: Date;
  milestone?: boolean;
}

/** The parts of Mermaid's Gantt database that a hostile label could change. */
interface GanttDb {
  getTasks(): GanttTask[];
  getSections(): string[];
  getLinks(): Map<string, string>;
  getDiagramTitle(): string;
  getAccTitle(): string;
  getAccDescription(): string;
  getDateFormat(): string;
  getAxisFormat(): string;
  getTickInterval(): string | undefined;
  getTodayMarker(): string;
  getExcludes(): string[];
  getIncludes(): string[];
  topAxisEnabled(): boolean;
  endDatesAreInclusive(): boolean;
}

interface TimelineDb {
  getSections(): string[];
  getTasks(): { section: string; task: string; events: string[] }[];
  getCommonDb(): { getDiagramTitle(): string; getAccTitle(): string; getAccDescription(): string };
}

let mermaid: Mermaid;
let domWindow: HappyWindow;

before(async () => {
  // Mermaid sanitises titles with DOMPurify, which needs a `window` when Mermaid's modules load; parsing
  // needs nothing else from a browser, so a small DOM stands in for one in this test only.
  const { Window } = await import('happy-dom');
  domWindow = new Window();
  Object.assign(globalThis, { window: domWindow, document: domWindow.document });
  mermaid = (await import('mermaid')).default;
});

after(async () => {
  await domWindow.happyDOM.close();
});

interface Parsed<Db> {
  type: string;
  /** Configuration the source set through front-matter or `%%{init}%%` directives. */
  config: unknown;
  db: Db;
}

async function parse<Db>(source: string): Promise<Parsed<Db>> {
  const { diagramType, config } = await mermaid.parse(source);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  return { type: diagramType, config, db: diagram.db as unknown as Db };
}

const hostileTitles = [
  'a: b # c; d %% e',
  '%%{init: {"securityLevel":"loose"}}%%',
  '%%{init: {"theme":"dark", "themeCSS": "* { display: none }"}}%%',
  'x %%{wrap}%% y',
  'click t0 call alert(1)',
  'click t1 href "javascript:alert(1)"',
  'call alert(1)',
  'href "javascript:alert(1)"',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script><br/>next',
  'javascript:alert(document.cookie)',
  'first line\nclick t0 call alert(2)\nsection Injected\nInjected task :t99, 2020-01-01, 2030-01-01',
  'carriage\rreturn\r\nand\u2028line\u2029separators\u0085next\ttab\u0000nul',
  'back`tick ``` ```mermaid fence',
  'say "hello" and \'bye\'',
  '} closing { opening }%%',
  'accDescr { injected description }',
  'accTitle: injected title',
  'title Injected title',
  'section Injected section',
  'dateFormat YYYY',
  'excludes weekends',
  'todayMarker stroke:red',
  '2026-01-01 looks like a date',
  '5% faster loads',
  '%% a comment',
  ':crit, done, t9, 2020-01-01, 2030-01-01',
  '#lt;script#gt;alert(1)#lt;/script#gt; #35; #58;',
  'ﬂ°°60¶ß placeholder',
  'R&D &amp; &lt;b&gt; entities',
  'مرحبا بالعالم and עברית, \u202Eevil\u202C reversed',
  '😀 emoji 👩‍👩‍👧 family',
  'x'.repeat(10_000),
];

const hostileMilestones = [
  { id: 'M1', title: 'Q1: launch %%{init: {"theme":"forest"}}%% click m0 call alert(1)', date: '2026-03-31' },
  { id: 'M2', title: 'Second # milestone; with <b>HTML</b>', date: '2026-06-30' },
  // Config ids are any text; with no title of its own, the id is the section label and starts a line.
  { id: 'click m0 call alert(1)', title: 'click m0 call alert(1)', date: '2026-09-30' },
];
const sectionLabels = [
  'M1 · ' + hostileMilestones[0]!.title,
  'M2 · ' + hostileMilestones[1]!.title,
  hostileMilestones[2]!.id,
  'No milestone',
];

function config(): RoadmapConfig {
  const base = defaultConfig();
  base.milestones = hostileMilestones.map((milestone) => ({ ...milestone }));
  return base;
}

function hostileFeatures(titles: readonly string[]): Feature[] {
  return titles.map((title, index) => ({
    file: `features/f${index}.md`,
    // Ids are only reported when invalid, never dropped, so they are as untrusted as titles; without an id
    // the title alone is the label and so starts the line.
    id: index % 5 === 3 ? undefined : index % 5 === 4 ? `click t0 call alert(${index})` : `F-${index}`,
    title,
    status: ['idea', 'in-progress', 'shipped'][index % 3]!,
    moscow: index % 2 === 0 ? 'must' : 'could',
    milestone: [undefined, 'M1', 'M2', hostileMilestones[2]!.id][index % 4],
    quarter: '2026-Q2',
    start: index % 3 === 0 ? undefined : '2026-04-06',
    end: index % 3 === 0 ? undefined : '2026-05-01',
    dependsOn: [],
    tags: [],
    evidence: [],
    custom: {},
  }));
}

function input(features: Feature[], title = 'Roadmap'): ExportInput {
  return { features, config: config(), today: '2026-03-10', title };
}

const expectedLabel = (feature: Feature): string =>
  sanitizeMermaidLabel(feature.id ? `${feature.id} ${feature.title}` : feature.title!);

function assertInertGantt(parsed: Parsed<GanttDb>, features: readonly Feature[], title: string): void {
  assert.equal(parsed.type, 'gantt');
  assert.deepEqual(parsed.config, {}, 'a directive or front-matter changed the configuration');
  const db = parsed.db;
  const tasks = db.getTasks();
  const featureTasks = tasks.filter((task) => !task.milestone);
  assert.deepEqual(
    featureTasks.map((task) => task.id),
    features.map((_, index) => `t${index}`),
    'one task per feature, with generated ids',
  );
  const expectedByLabel = features.map(expectedLabel).sort();
  assert.deepEqual(
    featureTasks.map((task) => task.task.trim()).sort(),
    expectedByLabel,
    'each title is one whole label',
  );
  for (const task of tasks) {
    assert.ok(!task.classes.includes('clickable'), `task ${task.id} got a click handler or link`);
    assert.ok(/^(?:t|m)\d+$/.test(task.id), `unexpected task id ${task.id}`);
    // A 10k-character title is cut: the chart stays readable and far below Mermaid's 50 000-character limit.
    assert.ok(Array.from(task.task.trim()).length <= maxLabelLength + 1, `task ${task.id} label is too long`);
  }
  assert.equal(db.getLinks().size, 0, 'no links');
  // Mermaid passes diagram titles through DOMPurify, which writes '&' as an entity.
  assert.equal(db.getDiagramTitle().replaceAll('&amp;', '&'), sanitizeMermaidLabel(title));
  assert.equal(db.getAccTitle(), '');
  assert.equal(db.getAccDescription(), '');
  assert.equal(db.getDateFormat(), 'YYYY-MM-DD');
  assert.equal(db.getAxisFormat(), '%b %Y');
  assert.equal(db.getTickInterval(), undefined);
  assert.equal(db.getTodayMarker(), '');
  assert.deepEqual(db.getExcludes(), []);
  assert.deepEqual(db.getIncludes(), []);
  assert.equal(db.topAxisEnabled(), false);
  assert.equal(db.endDatesAreInclusive(), false);
  const allowedSections = new Set(sectionLabels.map(sanitizeMermaidLabel));
  for (const section of db.getSections())
    assert.ok(allowedSections.has(section.trim()), `unexpected section ${section}`);
}

function assertInertTimeline(parsed: Parsed<TimelineDb>, features: readonly Feature[], title: string): void {
  assert.equal(parsed.type, 'timeline');
  assert.deepEqual(parsed.config, {}, 'a directive or front-matter changed the configuration');
  const periods = parsed.db.getTasks();
  assert.deepEqual(
    periods.flatMap((period) => period.events.map((event) => event.trim())).sort(),
    features.map(expectedLabel).sort(),
    'one event per feature, each title one whole event',
  );
  for (const period of periods) assert.match(period.task.trim(), /^(?:\d{4}-Q[1-4]|Unscheduled)$/);
  assert.equal(
    parsed.db.getCommonDb().getDiagramTitle().replaceAll('&amp;', '&'),
    sanitizeMermaidLabel(title),
  );
  assert.equal(parsed.db.getCommonDb().getAccTitle(), '');
  assert.equal(parsed.db.getCommonDb().getAccDescription(), '');
}

describe('Mermaid parses the exported charts as intended', () => {
  test('a plain roadmap parses as a Gantt chart and a timeline', async () => {
    const features = hostileFeatures(['Single sign-on', 'Audit log', 'Dark mode', 'Mobile app']);
    const gantt = await parse<GanttDb>(exportRoadmap('mermaid-gantt', input(features)));
    assertInertGantt(gantt, features, 'Roadmap');
    const auditLog = gantt.db.getTasks().find((task) => task.task.trim() === 'F-1 Audit log')!;
    assert.equal(auditLog.startTime.toISOString().slice(0, 10), '2026-04-06');
    // Mermaid ends a task at the start of its end date, so the exporter writes the day after the inclusive end.
    assert.equal(auditLog.endTime.toISOString().slice(0, 10), '2026-05-02');
    assert.deepEqual(auditLog.classes, []);
    assertInertTimeline(
      await parse<TimelineDb>(exportRoadmap('mermaid-timeline', input(features))),
      features,
      'Roadmap',
    );
  });

  for (const [index, title] of hostileTitles.entries()) {
    test(`hostile title ${index}: ${JSON.stringify(title.slice(0, 60))}`, async () => {
      // The hostile title sits between two ordinary features, so a title that ends or starts a statement shows.
      const features = hostileFeatures(['Before', title, 'After', title]);
      const documentTitle = title;
      const gantt = exportRoadmap('mermaid-gantt', input(features, documentTitle));
      const timeline = exportRoadmap('mermaid-timeline', input(features, documentTitle));
      assertInertGantt(await parse<GanttDb>(gantt), features, documentTitle);
      assertInertTimeline(await parse<TimelineDb>(timeline), features, documentTitle);
      for (const source of [gantt, timeline]) {
        assert.doesNotMatch(
          source,
          /%%|#\w+;|[`<>{}]/,
          'no comment, directive, entity code, HTML or fence breaker in the source',
        );
        assert.ok(source.length < 50_000, "under Mermaid's maxTextSize");
      }
    });
  }

  test('an empty chart and the files it left out are comments that change nothing', async () => {
    const hostile = '%%{init: {"securityLevel":"loose"}}%%\nclick t0 call alert(1)';
    const dropped = [{ file: `roadmap/${hostile}.md`, reason: hostile }];
    for (const format of ['mermaid-gantt', 'mermaid-timeline'] as const) {
      const source = exportRoadmap(format, { ...input([]), dropped });
      assert.match(source, /%% Nothing to draw/);
      assert.match(
        source,
        /%% Not included: roadmap\/init: "securityLevel":"loose" click t0 call alert\(1\)\.md/,
      );
      const parsed = await parse<unknown>(source);
      assert.equal(parsed.type, format === 'mermaid-gantt' ? 'gantt' : 'timeline');
      assert.doesNotMatch(JSON.stringify(parsed.config ?? {}), /loose/);
    }
  });

  test('hostile milestone titles and ids are labels too', async () => {
    const features = hostileFeatures(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const parsed = await parse<GanttDb>(exportRoadmap('mermaid-gantt', input(features)));
    assertInertGantt(parsed, features, 'Roadmap');
    assert.deepEqual(
      parsed.db.getSections().map((section) => section.trim()),
      [
        "M1 · Q1∶ launch ％％❴init∶ ❴'theme'∶'forest'❵❵％％ click m0 call alert(1)",
        'M2 · Second ♯ milestone, with ‹b›HTML‹/b›',
        '_click m0 call alert(1)',
        'No milestone',
      ],
    );
  });

  test('any title at all stays one inert label (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { minLength: 1, maxLength: 4 }),
        async (titles) => {
          const features = hostileFeatures(titles);
          assertInertGantt(
            await parse<GanttDb>(exportRoadmap('mermaid-gantt', input(features))),
            features,
            'Roadmap',
          );
          assertInertTimeline(
            await parse<TimelineDb>(exportRoadmap('mermaid-timeline', input(features))),
            features,
            'Roadmap',
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
