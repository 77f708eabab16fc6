// One self-contained HTML page to mail, attach or print: inline CSS, no script, no network. The CSP forbids
// everything but inline styles (the bars of the timeline are positioned with style attributes), so even a
// page someone edited by hand cannot load or run anything. Every piece of file content goes through
// `escapeHtml`; class names come only from fixed sets (status categories, MoSCoW), never from files.
import { addMonths, dayOfMonth, parseDay, startOfMonth, yearMonth } from '../plan/calendar';
import { horizonHints, horizonOrder, horizonTitles } from '../plan/horizons';
import { monthLabel } from '../plan/labels';
import { describeSource } from '../plan/schedule';
import { groupFeatures, moscowLabels, rankByScore, sortFeatures } from '../roadmapModel';
import { formatScore, scoringFormulas } from '../scoring';
import type { Feature, StatusCategory } from '../types';
import {
  displayTitle,
  documentTitle,
  horizonsOf,
  printableSchedule,
  problemCounts,
  statusCategoryOf,
  statusTitleOf,
  writtenDates,
  type ExportInput,
} from './exportInput';

export const htmlContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe both between tags and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char]!);
}

const styles = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0; --accent: #0969da;
  --todo: #8c959f; --doing: #bf8700; --done: #1a7f37; --must: #cf222e; --should: #9a6700; --could: #0969da; --wont: #6e7781;
  color-scheme: light;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --accent: #4493f8;
    --todo: #6e7681; --doing: #d29922; --done: #3fb950; --must: #f85149; --should: #d29922; --could: #4493f8; --wont: #9198a1;
    color-scheme: dark;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 3rem; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta, .hint, small { color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin-bottom: 1rem; }
.stat { flex: 1 1 8rem; padding: .6rem .8rem; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); }
.stat b { display: block; font-size: 1.5rem; font-variant-numeric: tabular-nums; }
.stack { display: flex; height: .7rem; border-radius: 4px; overflow: hidden; background: var(--panel); border: 1px solid var(--border); }
.stack span { display: block; height: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; margin: .4rem 0 0; padding: 0; list-style: none; color: var(--muted); }
.legend li::before { content: ""; display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; background: var(--swatch); }
.todo { --swatch: var(--todo); background: var(--todo); }
.doing { --swatch: var(--doing); background: var(--doing); }
.done { --swatch: var(--done); background: var(--done); }
.none { --swatch: var(--border); background: var(--border); }
.columns { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.column { border: 1px solid var(--border); border-radius: 6px; background: var(--panel); padding: .5rem .75rem .75rem; }
.column h3 { margin: .25rem 0 .5rem; }
.column ol { margin: 0; padding: 0; list-style: none; }
.card { padding: .45rem .55rem; margin: .4rem 0; border: 1px solid var(--border); border-radius: 5px; background: var(--bg); break-inside: avoid; }
.card .title { display: block; font-weight: 600; overflow-wrap: anywhere; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; color: var(--muted); }
.chip { display: inline-block; padding: 0 .4rem; border-radius: 999px; font-size: .8em; border: 1px solid var(--border); margin-right: .2rem; }
.chip.must { color: var(--must); border-color: var(--must); }
.chip.should { color: var(--should); border-color: var(--should); }
.chip.could { color: var(--could); border-color: var(--could); }
.chip.wont { color: var(--wont); border-color: var(--wont); }
.empty { color: var(--muted); font-style: italic; }
.gantt { position: relative; border: 1px solid var(--border); border-radius: 6px; padding: .5rem .75rem; }
.gantt-row { display: grid; grid-template-columns: 15rem 1fr; gap: .75rem; align-items: center; min-height: 1.5rem; break-inside: avoid; }
.gantt-row > span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.lane-title { font-weight: 600; margin: .6rem 0 .2rem; }
.track { position: relative; height: 1.1rem; }
.axis .track { height: 1.3rem; border-bottom: 1px solid var(--border); }
.tick { position: absolute; top: 0; padding-left: .2rem; border-left: 1px solid var(--border); font-size: .75rem; color: var(--muted); white-space: nowrap; }
.bar { position: absolute; top: .15rem; height: .8rem; min-width: 3px; border-radius: 3px; }
.bar.guess { opacity: .55; border: 1px dashed var(--fg); }
.today { position: absolute; top: 0; bottom: 0; width: 0; border-left: 2px solid var(--must); }
.today-label { font-size: .75rem; color: var(--must); }
table { width: 100%; border-collapse: collapse; margin: .25rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--border); overflow-wrap: break-word; }
th, td.id, td.number, .nowrap { white-space: nowrap; }
/* Only free text may break anywhere: a title without spaces must not push the table off the page. */
td.text { overflow-wrap: anywhere; min-width: 10rem; }
th { background: var(--panel); font-weight: 600; }
td.number, th.number { text-align: right; }
tr { break-inside: avoid; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 50rem) { .columns { grid-template-columns: 1fr; } .gantt-row { grid-template-columns: 9rem 1fr; } }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  .columns { grid-template-columns: repeat(3, 1fr); }
}
`;

const categoryTitles: Record<StatusCategory, string> = { done: 'Done', doing: 'In progress', todo: 'To do' };
const categoryOrder: readonly StatusCategory[] = ['done', 'doing', 'todo'];

const percent = (part: number, whole: number): string =>
  whole === 0 ? '0' : ((part / whole) * 100).toFixed(2);

function summarySection(input: ExportInput): string {
  const { features, config } = input;
  const counts: Record<StatusCategory | 'none', number> = { done: 0, doing: 0, todo: 0, none: 0 };
  for (const feature of features) counts[statusCategoryOf(feature, config) ?? 'none']++;
  const stats = [
    `<div class="stat"><b>${features.length}</b>features</div>`,
    ...categoryOrder.map(
      (category) =>
        `<div class="stat"><b>${counts[category]}</b>${categoryTitles[category].toLowerCase()}</div>`,
    ),
    `<div class="stat"><b>${features.filter((feature) => feature.moscow === 'must').length}</b>must-haves</div>`,
  ];
  if (input.issuesOf) {
    let errors = 0;
    let warnings = 0;
    for (const feature of features) {
      const problems = problemCounts(feature, input)!;
      errors += problems.errors;
      warnings += problems.warnings;
    }
    stats.push(`<div class="stat"><b>${errors}</b>errors, ${warnings} warnings</div>`);
  }
  const segments = [...categoryOrder, 'none' as const]
    .filter((category) => counts[category] > 0)
    .map(
      (category) =>
        `<span class="${category}" style="width:${percent(counts[category], features.length)}%"></span>`,
    );
  const description = categoryOrder
    .map((category) => `${counts[category]} ${categoryTitles[category].toLowerCase()}`)
    .join(', ');
  return [
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    `<div class="stats">${stats.join('')}</div>`,
    `<div class="stack" role="img" aria-label="${escapeHtml(description)}">${segments.join('')}</div>`,
    `<ul class="legend">${categoryOrder.map((category) => `<li class="legend-${category}" style="--swatch:var(--${category})">${categoryTitles[category]}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function chips(feature: Feature, input: ExportInput): string {
  const parts = [
    `<span class="chip">${escapeHtml(statusTitleOf(feature, input.config) || 'no status')}</span>`,
  ];
  if (feature.moscow)
    parts.push(`<span class="chip ${feature.moscow}">${moscowLabels[feature.moscow]}</span>`);
  if (feature.score !== undefined)
    parts.push(`<span class="chip">score ${escapeHtml(formatScore(feature.score))}</span>`);
  return parts.join('');
}

function horizonsSection(input: ExportInput): string {
  const horizons = horizonsOf(input.features, input.config, input.today);
  const columns = horizonOrder
    .filter((horizon) => horizon !== 'done')
    .map((horizon) => {
      const features = sortFeatures(horizons[horizon], 'score');
      const cards = features.map(
        (feature) =>
          `<li class="card"><span class="id">${escapeHtml(feature.id ?? '')}</span> <span class="title">${escapeHtml(displayTitle(feature))}</span>${chips(feature, input)}</li>`,
      );
      return [
        '<div class="column">',
        `<h3>${horizonTitles[horizon]} <small>${features.length}</small></h3>`,
        `<p class="hint">${horizonHints[horizon]}</p>`,
        cards.length > 0 ? `<ol>${cards.join('\n')}</ol>` : '<p class="empty">Nothing here.</p>',
        '</div>',
      ].join('\n');
    });
  return [
    '<section aria-labelledby="horizons">',
    '<h2 id="horizons">Now, next, later</h2>',
    `<div class="columns">${columns.join('\n')}</div>`,
    '</section>',
  ].join('\n');
}

/** More ticks than this and their labels overlap; longer ranges label every 2nd, 3rd... month. */
const maxTicks = 18;

function timelineSection(input: ExportInput): string {
  const { config } = input;
  const rows: {
    lane: string;
    feature: Feature;
    start: number;
    end: number;
    guessed: boolean;
    dates: string;
  }[] = [];
  for (const group of groupFeatures(input.features, 'milestone', config, 'date')) {
    for (const feature of group.features) {
      const span = printableSchedule(feature, config);
      if (!span) continue;
      const dates = `${span.start} → ${span.end}${span.source === 'dates' ? '' : ` (${describeSource(span.source)})`}`;
      // The end day is inclusive: the bar runs to the start of the next day.
      rows.push({
        lane: group.label,
        feature,
        start: parseDay(span.start)!,
        end: parseDay(span.end)! + 1,
        guessed: span.source !== 'dates',
        dates,
      });
    }
  }
  const heading = ['<section aria-labelledby="timeline">', '<h2 id="timeline">Timeline</h2>'];
  if (rows.length === 0) {
    return [
      ...heading,
      '<p class="empty">No feature has dates, a quarter or a dated milestone yet.</p>',
      '</section>',
    ].join('\n');
  }
  const rangeStart = startOfMonth(Math.min(...rows.map((row) => row.start)));
  const last = Math.max(...rows.map((row) => row.end));
  const rangeEnd = dayOfMonth(last) === 1 ? last : addMonths(last, 1);
  const span = Math.max(1, rangeEnd - rangeStart);
  const position = (day: number): string => percent(day - rangeStart, span);
  // Month starts before the range end only: the end is the border, and a label there would overflow it.
  const first = yearMonth(rangeStart);
  const end = yearMonth(rangeEnd);
  const months = (end.year - first.year) * 12 + end.month - first.month;
  const step = Math.ceil(months / maxTicks);
  const ticks: string[] = [];
  for (let month = 0; month < months; month += step) {
    const tick = addMonths(rangeStart, month);
    ticks.push(`<span class="tick" style="left:${position(tick)}%">${monthLabel(tick, true)}</span>`);
  }
  const today = parseDay(input.today) ?? Number.NaN;
  const todayInRange = today >= rangeStart && today <= rangeEnd;
  const todayMarker = todayInRange
    ? `<span class="today" style="left:${position(today)}%" title="Today, ${escapeHtml(input.today)}"></span>`
    : '';
  const lines = [
    ...heading,
    `<p class="hint">Bars are drawn from each feature's dates; faded, dashed bars are guessed from its milestone or quarter.${todayInRange ? ' The red line is today.' : ''}</p>`,
    '<div class="gantt">',
    `<div class="gantt-row axis"><span>${todayInRange ? `<span class="today-label">Today ${escapeHtml(input.today)}</span>` : ''}</span><span class="track">${ticks.join('')}</span></div>`,
  ];
  let lane: string | undefined;
  for (const row of rows) {
    if (row.lane !== lane) {
      lane = row.lane;
      lines.push(`<div class="lane-title">${escapeHtml(lane)}</div>`);
    }
    const category = statusCategoryOf(row.feature, config) ?? 'none';
    const label = `${row.feature.id ?? ''} ${displayTitle(row.feature)}`.trim();
    lines.push(
      `<div class="gantt-row"><span title="${escapeHtml(label)}">${escapeHtml(label)}</span><span class="track">${todayMarker}` +
        `<span class="bar ${category}${row.guessed ? ' guess' : ''}" style="left:${position(row.start)}%;width:${percent(row.end - row.start, span)}%" title="${escapeHtml(row.dates)}"></span></span></div>`,
    );
  }
  lines.push('</div>', '</section>');
  return lines.join('\n');
}

/** "2026-01-05 → 2026-02-13" may wrap at the arrow, never inside a date. */
function unbrokenDates(dates: string): string {
  return dates
    .split(' → ')
    .map((part) => `<span class="nowrap">${escapeHtml(part)}</span>`)
    .join(' → ');
}

function milestoneTables(input: ExportInput): string {
  const { config, features } = input;
  const ranks = rankByScore(features);
  const showProblems = input.issuesOf !== undefined;
  // Columns nobody fills only take width from the title.
  const showProgress = features.some((feature) => feature.progress !== undefined);
  const showDependencies = features.some((feature) => feature.dependsOn.length > 0);
  const header = [
    '<th class="number">Rank</th>',
    '<th>ID</th>',
    '<th>Title</th>',
    '<th>Status</th>',
    '<th>MoSCoW</th>',
    '<th class="number">Score</th>',
    '<th>Owner</th>',
    '<th>Team</th>',
    '<th>Dates</th>',
    ...(showProgress ? ['<th class="number">Progress</th>'] : []),
    ...(showDependencies ? ['<th>Depends on</th>'] : []),
    ...(showProblems ? ['<th class="number">Problems</th>'] : []),
  ].join('');
  const lines = ['<section aria-labelledby="milestones">', '<h2 id="milestones">Features by milestone</h2>'];
  for (const group of groupFeatures(features, 'milestone', config, 'score')) {
    if (group.features.length === 0) continue;
    const milestone = config.milestones.find((candidate) => candidate.id === group.key);
    const done = group.features.filter((feature) => statusCategoryOf(feature, config) === 'done').length;
    lines.push(
      `<h3>${escapeHtml(group.label)} <small>${milestone?.date ? `due ${escapeHtml(milestone.date)} · ` : ''}${done} of ${group.features.length} done</small></h3>`,
      `<table><thead><tr>${header}</tr></thead><tbody>`,
    );
    for (const feature of group.features) {
      const problems = problemCounts(feature, input);
      const cells = [
        `<td class="number">${ranks.get(feature) ?? ''}</td>`,
        `<td class="id">${escapeHtml(feature.id ?? '')}</td>`,
        `<td class="text">${escapeHtml(displayTitle(feature))}</td>`,
        `<td class="nowrap">${escapeHtml(statusTitleOf(feature, config))}</td>`,
        `<td>${feature.moscow ? `<span class="chip ${feature.moscow}">${moscowLabels[feature.moscow]}</span>` : ''}</td>`,
        `<td class="number">${feature.score === undefined ? '' : escapeHtml(formatScore(feature.score))}</td>`,
        `<td>${escapeHtml(feature.owner ?? '')}</td>`,
        `<td>${escapeHtml(feature.team ?? '')}</td>`,
        `<td>${unbrokenDates(writtenDates(feature))}</td>`,
        ...(showProgress
          ? [
              `<td class="number">${feature.progress === undefined ? '' : `${escapeHtml(String(feature.progress))}%`}</td>`,
            ]
          : []),
        ...(showDependencies ? [`<td>${escapeHtml(feature.dependsOn.join(', '))}</td>`] : []),
        ...(problems ? [`<td class="number">${problems.errors + problems.warnings || ''}</td>`] : []),
      ];
      lines.push(`<tr>${cells.join('')}</tr>`);
    }
    lines.push('</tbody></table>');
  }
  lines.push('</section>');
  return lines.join('\n');
}

/** The feature files left out because they could not be read: listed, never dropped silently. */
function droppedSection(input: ExportInput): string {
  if (!input.dropped || input.dropped.length === 0) return '';
  const items = input.dropped.map(
    (entry) => `<li><code>${escapeHtml(entry.file)}</code>: ${escapeHtml(entry.reason)}</li>`,
  );
  return `<section><h2>Not included</h2><p>These feature files could not be read, so this page leaves them out:</p><ul>${items.join('')}</ul></section>`;
}

/**
 * A self-contained HTML document under the strict policy (no script, nothing fetched): the export page and the
 * stakeholder update share it. `title` is already escaped; `body` is trusted markup built from escaped text.
 */
export function htmlDocument(title: string, css: string, body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${htmlContentSecurityPolicy}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Markdown Roadmap">',
    `<title>${title}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function htmlPage(input: ExportInput): string {
  const title = escapeHtml(documentTitle(input));
  const model = input.config.scoring.model;
  return htmlDocument(title, styles, [
    '<header>',
    `<h1>${title}</h1>`,
    `<p class="meta">Generated ${escapeHtml(input.today)} from ${input.features.length} feature files · scored with ${model.toUpperCase()}: ${escapeHtml(scoringFormulas[model])}</p>`,
    '</header>',
    '<main>',
    summarySection(input),
    horizonsSection(input),
    timelineSection(input),
    milestoneTables(input),
    droppedSection(input),
    '</main>',
    '<footer>Made with Markdown Roadmap from the feature files’ front-matter. Edit the files, not this page.</footer>',
  ]);
}
