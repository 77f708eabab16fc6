// The plan model (src/core/plan/): calendar days, the one scheduler, Now/Next/Later, cycles; and the proof
// that the panel and every export place each feature of a corpus the same way.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import './propertySeed';
import { loadWorkspace } from '../../src/cli/nodeWorkspace';
import { exportRoadmap, type ExportInput } from '../../src/core/exporters';
import {
  addDays,
  calendarDayOf,
  formatDay,
  isCalendarDate,
  localToday,
  parseDay,
  quarterOf,
  quarterRange,
  reformatDate,
} from '../../src/core/plan/calendar';
import { findCycles, stronglyConnected } from '../../src/core/plan/cycles';
import { horizonContext, horizonOf, type Horizon } from '../../src/core/plan/horizons';
import { milestoneDays, scheduleOf, type ScheduleInput } from '../../src/core/plan/schedule';
import { buildRoadmapModel } from '../../src/core/viewModel';
import type { RoadmapModel } from '../../src/shared/protocol';
import { layoutTimeline } from '../../src/webview/views/timelineLayout';

const examplesRoot = join(__dirname, '..', '..', 'examples', 'roadmap');

describe('calendar', () => {
  test('a calendar date is a real yyyy-mm-dd day', () => {
    for (const ok of ['2024-02-29', '2025-12-31', '1999-01-01', '2000-02-29'])
      assert.equal(isCalendarDate(ok), true, ok);
    for (const bad of [
      '2025-02-29',
      '1900-02-29',
      '2025-02-30',
      '2025-13-01',
      '2025-00-10',
      '2025-1-1',
      '0026-01-05',
      '',
    ])
      assert.equal(isCalendarDate(bad), false, bad);
    assert.equal(isCalendarDate('2025-01-01T00:00'), false, 'a date-time is not a date');
  });

  test('a plain yyyy-mm-dd is read as the same day as its date-time form (the fast path and the expression agree)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const digits = (length: number) =>
      fc.array(digit, { minLength: length, maxLength: length }).map((d) => d.join(''));
    const shaped = fc
      .tuple(digits(4), fc.oneof(digits(2), fc.constantFrom('02', '04', '12', '13', '00')), digits(2))
      .map(([year, month, day]) => `${year}-${month}-${day}`);
    fc.assert(
      fc.property(shaped, (date) => {
        assert.equal(calendarDayOf(date), calendarDayOf(`${date} 10:00`), date);
      }),
      { numRuns: 2000 },
    );
    for (const almost of ['2025-01-0a', '2025/01/01', '2025-01-01 ', ' 2025-01-1', '２０２５-01-01'])
      assert.equal(calendarDayOf(almost), undefined, almost);
  });

  test('a date-time counts as the day it names, as written (its zone is not applied)', () => {
    for (const text of [
      '2025-09-06 21:22',
      '2025-09-06T21:22',
      '2025-09-06t21:22:05.5',
      '2025-09-06T23:59:59Z',
      '2025-09-06T00:30:00+02:00',
      '2025-09-06 21:22:00 -5',
    ])
      assert.equal(calendarDayOf(text), '2025-09-06', text);
    assert.equal(parseDay('2025-09-06 21:22'), parseDay('2025-09-06'));
    for (const bad of ['2025-09-31 10:00', '2025-09-06 noon', '2025-09-06T', '2025-09-06 21'])
      assert.equal(calendarDayOf(bad), undefined, bad);
  });

  test('day numbers match the proleptic Gregorian calendar both ways', () => {
    for (let day = parseDay('1900-01-01')!; day <= parseDay('2400-12-31')!; day += 1) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      assert.equal(formatDay(day), iso);
      if (day % 97 === 0) assert.equal(parseDay(iso), day, iso);
    }
    assert.equal(parseDay('1970-01-01'), 0);
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  });

  test('quarters', () => {
    assert.equal(quarterOf('2026-03-31'), '2026-Q1');
    assert.equal(quarterOf('2026-04-01'), '2026-Q2');
    const q4 = quarterRange('2026-Q4')!;
    assert.deepEqual([formatDay(q4.start), formatDay(q4.end)], ['2026-10-01', '2026-12-31']);
    assert.deepEqual(quarterRange('Q1 2028'), quarterRange('2028-q1'));
    assert.equal(quarterRange('2026-Q5'), undefined);
  });

  test('a loose date is rewritten with its time kept', () => {
    assert.equal(reformatDate('2026/1/5'), '2026-01-05');
    assert.equal(reformatDate('2025-9-6 21:22'), '2025-09-06 21:22');
    assert.equal(reformatDate('2025.9.6T21:22:00Z'), '2025-09-06T21:22:00Z');
    assert.equal(reformatDate('2025-09-06 21:22'), undefined, 'nothing to rewrite');
    assert.equal(reformatDate('2025-2-30'), undefined);
  });

  test('today is the local calendar day', () => {
    assert.equal(localToday(new Date(2025, 0, 9, 23, 59)), '2025-01-09');
  });
});

describe('scheduleOf', () => {
  const days = milestoneDays([
    { id: 'M1', date: '2026-03-31' },
    { id: 'M2', date: '2026-06-30' },
    { id: 'M0' },
    { id: 'Mx', date: '2026-02-31' },
  ]);
  const span = (feature: ScheduleInput) => {
    const scheduled = scheduleOf(feature, days);
    return scheduled && [formatDay(scheduled.start), formatDay(scheduled.end), scheduled.source];
  };

  test('both dates; an end before the start is the start day alone', () => {
    assert.deepEqual(span({ start: '2026-01-05', end: '2026-02-01' }), ['2026-01-05', '2026-02-01', 'dates']);
    assert.deepEqual(span({ start: '2026-05-10', end: '2026-05-01' }), ['2026-05-10', '2026-05-10', 'dates']);
  });

  test('a start only: until its milestone when that is later, else 28 days', () => {
    assert.deepEqual(span({ start: '2026-03-01', milestone: 'M1' }), ['2026-03-01', '2026-03-31', 'start']);
    assert.deepEqual(span({ start: '2026-03-01' }), ['2026-03-01', '2026-03-28', 'start']);
    assert.deepEqual(span({ start: '2026-04-15', milestone: 'M1' }), ['2026-04-15', '2026-05-12', 'start']);
  });

  test('an end only: the 28 days up to it', () => {
    assert.deepEqual(span({ end: '2026-03-01' }), ['2026-02-02', '2026-03-01', 'end']);
  });

  test('a dated milestone: the 28 days up to it; else the quarter', () => {
    assert.deepEqual(span({ milestone: 'M2', quarter: '2026-Q1' }), [
      '2026-06-03',
      '2026-06-30',
      'milestone',
    ]);
    assert.deepEqual(span({ quarter: '2026-Q4', milestone: 'M0' }), ['2026-10-01', '2026-12-31', 'quarter']);
    assert.deepEqual(span({ milestone: 'Mx', quarter: '2027-Q1' }), ['2027-01-01', '2027-03-31', 'quarter']);
    assert.equal(span({ milestone: 'M0' }), undefined);
    assert.equal(span({}), undefined);
  });
});

describe('horizonOf', () => {
  const context = horizonContext(
    [
      { id: 'M1', date: '2026-03-31' },
      { id: 'M2', date: '2026-06-30' },
    ],
    '2026-03-10',
  );
  const horizon = (feature: ScheduleInput, category: 'todo' | 'doing' | 'done' = 'todo') =>
    horizonOf(feature, category, context);

  test('status first: done is done, doing is now', () => {
    assert.equal(horizon({}, 'done'), 'done');
    assert.equal(horizon({ start: '2027-01-01' }, 'doing'), 'now');
  });

  test("a start with no end is now for its bar's 28 days, not forever", () => {
    assert.equal(horizon({ start: '2026-03-01' }), 'now');
    assert.equal(horizon({ start: '2026-01-01' }), 'later');
    assert.equal(horizon({ start: '2026-01-01', end: '2026-12-31' }), 'now');
  });

  test('next: its dated bar starts within 90 days, or it belongs to the next milestone', () => {
    assert.equal(horizon({ start: '2026-05-01' }), 'next');
    assert.equal(horizon({ start: '2026-09-01' }), 'later');
    assert.equal(horizon({ end: '2026-04-30' }), 'next', 'an end-only bar starts 27 days before its end');
    assert.equal(horizon({ milestone: 'M1' }), 'next');
    assert.equal(horizon({ milestone: 'M2' }), 'later');
    assert.equal(horizon({ quarter: '2026-Q1' }), 'later', 'a guessed span never makes a feature now');
  });
});

describe('cycles', () => {
  test('separate cycles, a self-loop, a tail into a cycle, members in the order reached', () => {
    // 0 → 1 → 2 → 0, 3 → 3, 4 → 0, 5 alone
    const successors = [[1], [2], [0], [3], [0], []];
    assert.deepEqual(findCycles(6, successors), [[0, 1, 2], [3]]);
    const { component, components } = stronglyConnected(6, successors);
    assert.equal(components.length, 4);
    assert.equal(component[0], component[2]);
    assert.notEqual(component[4], component[0]);
  });

  test('a 50,000-long chain, open and closed, without a stack overflow', () => {
    const size = 50_000;
    const open = Array.from({ length: size }, (_, i) => (i + 1 < size ? [i + 1] : []));
    assert.deepEqual(findCycles(size, open), []);
    const closed = Array.from({ length: size }, (_, i) => [(i + 1) % size]);
    assert.equal(findCycles(size, closed)[0]?.length, size);
  });
});

describe('one plan on every surface', () => {
  const today = '2026-09-10';
  /** The tricky cases, added to the example roadmap's own 34 features. */
  const tricky: Record<string, string> = {
    'T-1': 'start: 2026-09-01', // start, no end: now for 28 days
    'T-2': 'start: 2026-01-05', // start, no end, long ago: not now forever
    'T-3': 'start: 2026-10-20\nend: 2026-10-01', // end before start (a date-order error)
    'T-4': 'milestone: M2', // milestone only
    'T-5': 'quarter: 2027-Q2', // quarter only
    'T-6': 'end: 2026-11-15', // end only
    'T-7': 'start: 2026-10-15\nmilestone: M1', // start after its milestone
    'T-8': 'milestone: M9\nquarter: 2026-Q4', // an unknown milestone and a quarter
  };

  function corpus(): { input: ExportInput; model: RoadmapModel } {
    const workspace = loadWorkspace(examplesRoot);
    for (const [id, fields] of Object.entries(tricky)) {
      workspace.index.update(
        `roadmap/tricky-${id}.md`,
        `---\nid: ${id}\ntitle: Tricky ${id}\nstatus: planned\nmoscow: could\n${fields}\n---\n`,
      );
    }
    workspace.index.flush();
    const input: ExportInput = {
      features: workspace.index.features(),
      config: workspace.config,
      issuesOf: (file) => workspace.index.issues(file),
      today,
    };
    // The panel's model, built from the same index the exports read.
    return { input, model: buildRoadmapModel(workspace.index, today) };
  }

  /** id → [first day, last day] */
  type Placement = Map<string, [string, string]>;

  function panelPlacement(input: ExportInput, model: RoadmapModel): Placement {
    const layout = layoutTimeline(model, model.features, 'milestone', 'month', parseDay(model.today)!);
    const placement: Placement = new Map();
    for (const lane of layout.lanes)
      for (const row of lane.rows)
        placement.set(row.scheduled.feature.id, [
          formatDay(row.scheduled.start),
          formatDay(row.scheduled.end),
        ]);
    assert.ok(input.features.length > placement.size, 'some features have nothing to place them by');
    return placement;
  }

  test('the panel, HTML, Mermaid Gantt, Mermaid timeline and JSON draw each feature over the same days', () => {
    const { input, model } = corpus();
    const panel = panelPlacement(input, model);
    for (const id of Object.keys(tricky)) assert.ok(panel.has(id) || id === 'T-8', `${id} on the timeline`);
    assert.deepEqual(panel.get('T-1'), ['2026-09-01', '2026-09-28']);
    assert.deepEqual(panel.get('T-3'), ['2026-10-20', '2026-10-20']);
    assert.deepEqual(panel.get('T-7'), ['2026-10-15', '2026-11-11']);
    assert.deepEqual(panel.get('T-8'), ['2026-10-01', '2026-12-31']);

    const json = JSON.parse(exportRoadmap('json', input)) as {
      features: { id: string; schedule: { start: string; end: string } | null }[];
    };
    const fromJson: Placement = new Map(
      json.features.filter((f) => f.schedule).map((f) => [f.id, [f.schedule!.start, f.schedule!.end]]),
    );

    const fromGantt: Placement = new Map();
    for (const [, id, start, endExclusive] of exportRoadmap('mermaid-gantt', input).matchAll(
      /^ {4}(\S+) .*:(?:[a-z]+, )*t\d+, (\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d)$/gm,
    ))
      fromGantt.set(id!, [start!, addDays(endExclusive!, -1)]);

    const fromHtml: Placement = new Map();
    for (const [, label, start, end] of exportRoadmap('html', input).matchAll(
      /<div class="gantt-row"><span title="([^"]*)">.*?<span class="bar [^"]*" style="[^"]*" title="(\d{4}-\d\d-\d\d) → (\d{4}-\d\d-\d\d)/g,
    ))
      fromHtml.set(label!.split(' ')[0]!, [start!, end!]);

    const sorted = (placement: Placement) => [...placement].sort(([a], [b]) => a.localeCompare(b));
    assert.deepEqual(sorted(fromJson), sorted(panel), 'JSON');
    assert.deepEqual(sorted(fromGantt), sorted(panel), 'Mermaid Gantt');
    assert.deepEqual(sorted(fromHtml), sorted(panel), 'HTML timeline');

    // The Mermaid timeline puts a feature in its written quarter, else in the quarter its bar starts in.
    const timeline = exportRoadmap('mermaid-timeline', input);
    for (const feature of input.features) {
      const placed = panel.get(feature.id!);
      const period = feature.quarter ?? (placed ? quarterOf(placed[0]) : 'Unscheduled');
      assert.match(timeline, new RegExp(`(?:${period} )?: ${feature.id} `), `${feature.id} in ${period}`);
    }
  });

  test('the panel and the HTML page put each feature in the same Now / Next / Later column', () => {
    const { input, model } = corpus();
    const categories = new Map(model.statuses.map((status) => [status.id, status.category]));
    const context = horizonContext(model.milestones, model.today);
    const panel = new Map<string, Horizon>(
      model.features.map((feature) => [
        feature.id,
        horizonOf(feature, categories.get(feature.status), context),
      ]),
    );
    assert.equal(panel.get('T-1'), 'now');
    assert.equal(panel.get('T-2'), 'later', 'a start with no end is not now forever');
    assert.equal(panel.get('T-4'), 'later');

    const html = exportRoadmap('html', input);
    const section = html.slice(
      html.indexOf('<h2 id="horizons">'),
      html.indexOf('</section>', html.indexOf('<h2 id="horizons">')),
    );
    const fromHtml = new Map<string, Horizon>();
    for (const column of section.split('<div class="column">').slice(1)) {
      const horizon = /<h3>(\w+)/.exec(column)![1]!.toLowerCase() as Horizon;
      for (const [, id] of column.matchAll(/<span class="id">([^<]*)<\/span>/g)) fromHtml.set(id!, horizon);
    }
    const notDone = [...panel].filter(([, horizon]) => horizon !== 'done');
    assert.deepEqual(
      [...fromHtml].sort(([a], [b]) => a.localeCompare(b)),
      notDone.sort(([a], [b]) => a.localeCompare(b)),
    );
  });

  test('Markdown and CSV show each feature under the milestone and with the dates the panel has', () => {
    const { input, model } = corpus();
    const markdown = exportRoadmap('markdown', input);
    const csv = exportRoadmap('csv', input)
      .split('\r\n')
      .map((line) => line.split(','));
    const header = csv[0]!;
    const column = (name: string) => header.indexOf(name);
    for (const feature of model.features) {
      const heading = markdownHeadingOf(markdown, feature.id);
      const milestone = model.milestones.find((candidate) => candidate.id === feature.milestone);
      assert.ok(
        milestone
          ? heading.startsWith(`## ${milestone.id}`)
          : heading.startsWith(`## ${feature.milestone ?? 'No milestone'}`),
        `${feature.id} under ${heading}`,
      );
      const row = csv.find((cells) => cells[0] === feature.id)!;
      assert.equal(row[column('milestone')], feature.milestone ?? '', `${feature.id} milestone in CSV`);
      assert.equal(row[column('start')], feature.start ?? '', `${feature.id} start in CSV`);
      assert.equal(row[column('end')], feature.end ?? '', `${feature.id} end in CSV`);
    }
  });

  function markdownHeadingOf(markdown: string, id: string): string {
    let heading = '';
    for (const line of markdown.split('\n')) {
      if (line.startsWith('## ')) heading = line;
      else if (line.startsWith(`| `) && line.split(' | ')[1] === id) return heading;
    }
    throw new Error(`${id} is not in the Markdown tables`);
  }
});
