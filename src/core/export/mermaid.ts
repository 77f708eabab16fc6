// Mermaid Gantt and timeline source. Titles, ids and milestone names are untrusted text written into a
// language with directives (`%%{init: ...}%%` is found anywhere in the source, even mid-line), comments,
// click/href statements and keywords matched at the start of a line, and the source usually ends up inside
// a ```mermaid fence in a Markdown file. So nothing from a file is written raw: task ids are generated
// (t0, t1...) and every label goes through `sanitizeMermaidLabel`. test/unit/mermaidParse.test.ts proves
// the result with Mermaid's own parser.
import type { RoadmapConfig } from '../config';
import { formatDay, isCalendarDate, quarterOf } from '../plan/calendar';
import { milestoneDays, scheduleOf, type ScheduleInput } from '../plan/schedule';
import { bucketInOrder, groupFeatures, milestoneOrder } from '../roadmapModel';
import type { Feature, StatusCategory } from '../types';
import {
  displayTitle,
  documentTitle,
  printableSchedule,
  statusCategoryOf,
  type ExportInput,
} from './exportInput';

/**
 * Characters Mermaid or Markdown would interpret, mapped to look-alikes that read the same and mean
 * nothing. Entity codes (`#58;`) are not used: Mermaid decodes `#...;` itself after parsing, so they are
 * an injection channel of their own, and '#' has to go anyway (it starts comments and ends Gantt task data).
 */
const lookAlikes: Readonly<Record<string, string>> = {
  ':': '\u2236', // ∶ RATIO: ':' separates a Gantt task's name from its data and a timeline period from events
  ';': ',', // ends Gantt task data, and task names in older Mermaid grammars that some renderers still run
  '#': '\u266F', // ♯ MUSIC SHARP SIGN: comments, entity codes
  '%': '\uFF05', // ％ FULLWIDTH PERCENT: '%%' comments and '%%{...}%%' directives; 'x%' starts a Gantt comment
  '{': '\u2774', // ❴ braces open directives and accDescr blocks
  '}': '\u2775', // ❵
  '<': '\u2039', // ‹ no HTML, no <br> line breaks in labels
  '>': '\u203A', // ›
  '`': "'", // closes the Markdown code fence around the chart; Mermaid markdown strings
  '"': "'", // href "..." and quoted strings
};

/** Bidirectional controls reorder how a label is displayed (the "Trojan Source" trick); letters of RTL scripts are kept. */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const controlCharacters = /[\p{Cc}\u2028\u2029]/gu;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Words that, at the start of a line, make Mermaid's Gantt or timeline lexer read a statement instead of a
 * label (its rules are tried in order, so `click t0 call alert()` would be a click handler).
 */
const leadingKeyword =
  /^(?:(?:click|call|href|section|title|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|accdescription)\s|(?:gantt|timeline|inclusiveenddates|topaxis|acctitle|accdescr)\b|\d{4}-\d\d-\d\d\b)/i;

/** Labels longer than this are cut: a chart is for scanning, and Mermaid refuses sources above 50 000 characters. */
export const maxLabelLength = 120;

/**
 * Text that is inert in every Mermaid label position we write (Gantt title, section and task names,
 * timeline sections, periods and events): one line, no statement syntax, no directive, no HTML, no
 * entity code, no code-fence break, not starting with a keyword, and at most `maxLabelLength` characters.
 */
export function sanitizeMermaidLabel(text: string): string {
  const oneLine = text
    .replace(loneSurrogates, '\uFFFD')
    .replace(bidiControls, '')
    .replace(controlCharacters, ' ');
  let label = '';
  for (const char of oneLine) label += lookAlikes[char] ?? char;
  label = label.replace(/\s+/g, ' ').trim();
  // Cut on code points, so an emoji or other astral character is never split into a lone surrogate.
  const codePoints = Array.from(label);
  if (codePoints.length > maxLabelLength) {
    const kept = codePoints.slice(0, maxLabelLength - 1).join('');
    label = `${kept.trimEnd()}…`;
  }
  if (label === '') return 'untitled';
  return leadingKeyword.test(label) ? `_${label}` : label;
}

function featureLabel(feature: { id?: string; title: string }): string {
  return sanitizeMermaidLabel(
    feature.id && feature.id !== feature.title ? `${feature.id} ${feature.title}` : feature.title,
  );
}

/** What the Gantt writer reads of a feature: core features (exports) and feature views (the panel) both map to it. */
export interface GanttFeature extends ScheduleInput {
  id?: string;
  title: string;
  category?: StatusCategory;
  moscow?: string;
}

export interface GanttMilestone {
  id: string;
  title: string;
  date?: string;
}

const idOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The Mermaid Gantt chart of a plan: the one writer behind the `mermaid-gantt` export, the Markdown section
 * and the panel's timeline export. A section per milestone (by date; then unknown ones A–Z; then none), a task
 * per feature the scheduler places (plan/schedule.ts), ordered by start, and each dated milestone's due day.
 */
export function ganttSource(
  title: string,
  features: readonly GanttFeature[],
  milestones: readonly GanttMilestone[],
): string {
  const lines = [
    'gantt',
    `  title ${sanitizeMermaidLabel(title)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %b %Y',
  ];
  const days = milestoneDays(milestones);
  let taskCount = 0;
  let milestoneCount = 0;
  const sections = bucketInOrder(
    features,
    (feature) => feature.milestone ?? '',
    milestoneOrder(milestones),
    'No milestone',
  );
  for (const section of sections) {
    const scheduled = section.items
      .map((feature) => scheduleOf(feature, days))
      .filter((entry) => entry !== undefined)
      .sort((a, b) => a.start - b.start || idOrder.compare(a.feature.id ?? '', b.feature.id ?? ''));
    if (scheduled.length === 0) continue;
    lines.push(`  section ${sanitizeMermaidLabel(section.label)}`);
    for (const { feature, start, end } of scheduled) {
      const tags = [
        ...(feature.moscow === 'must' ? ['crit'] : []),
        ...(feature.category === 'done' ? ['done'] : feature.category === 'doing' ? ['active'] : []),
      ];
      // Mermaid ends a task at the start of its end date; feature end dates are inclusive.
      const data = [...tags, `t${taskCount++}`, formatDay(start), formatDay(end + 1)];
      lines.push(`    ${featureLabel(feature)} :${data.join(', ')}`);
    }
    const milestone = milestones.find((candidate) => candidate.id === section.key);
    // Only calendar-checked dates reach the chart, so a date can never carry text or an undrawable day.
    if (milestone && isCalendarDate(milestone.date))
      lines.push(
        `    ${sanitizeMermaidLabel(`${milestone.id} due`)} :milestone, m${milestoneCount++}, ${milestone.date}, 0d`,
      );
  }
  if (taskCount === 0)
    lines.push(
      features.length === 0
        ? '  %% Nothing to draw: no feature files were found.'
        : `  %% Nothing to draw: none of the ${features.length} features has a start or end date, a quarter, or a milestone with a date.`,
    );
  return `${lines.join('\n')}\n`;
}

export function ganttChart(input: ExportInput): string {
  const { config } = input;
  const features = input.features.map((feature): GanttFeature => ({
    id: feature.id,
    title: displayTitle(feature),
    start: feature.start,
    end: feature.end,
    milestone: feature.milestone,
    quarter: feature.quarter,
    category: statusCategoryOf(feature, config),
    moscow: feature.moscow,
  }));
  return ganttSource(documentTitle(input), features, config.milestones) + droppedComments(input);
}

/** Mermaid comments naming the files an export left out, so that a chart never hides them silently. */
function droppedComments(input: ExportInput): string {
  return (input.dropped ?? [])
    .map((entry) => `%% Not included: ${sanitizeComment(entry.file)}: ${sanitizeComment(entry.reason)}\n`)
    .join('');
}

/**
 * A comment ends at the line's end, so nothing may start a new line of the chart; and Mermaid reads
 * `%%{…}%%` directives anywhere, so no percent sign or brace survives either.
 */
function sanitizeComment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[%{}]/g, '');
}

/** The quarter a feature belongs to on the timeline: the one written, else the one its schedule starts in. */
function periodOf(feature: Feature, config: RoadmapConfig): string {
  if (feature.quarter) return feature.quarter;
  const span = printableSchedule(feature, config);
  return span ? quarterOf(span.start) : 'Unscheduled';
}

export function timelineChart(input: ExportInput): string {
  const { config } = input;
  const lines = ['timeline', `  title ${sanitizeMermaidLabel(documentTitle(input))}`];
  for (const group of groupFeatures(input.features, 'milestone', config, 'date')) {
    if (group.features.length === 0) continue;
    const periods = new Map<string, string[]>();
    for (const feature of group.features) {
      const period = periodOf(feature, config);
      const events = periods.get(period);
      const label = featureLabel({ id: feature.id, title: displayTitle(feature) });
      if (events) events.push(label);
      else periods.set(period, [label]);
    }
    lines.push(`  section ${sanitizeMermaidLabel(group.label)}`);
    // Quarters sort as text (2026-Q1 < 2026-Q2); "Unscheduled" sorts after every year.
    for (const period of [...periods.keys()].sort()) {
      const [first, ...rest] = periods.get(period)!;
      const periodLabel = sanitizeMermaidLabel(period);
      lines.push(`    ${periodLabel} : ${first}`);
      const indent = ' '.repeat(periodLabel.length + 5);
      for (const event of rest) lines.push(`${indent}: ${event}`);
    }
  }
  if (input.features.length === 0) lines.push('  %% Nothing to draw: no feature files were found.');
  return `${lines.join('\n')}\n${droppedComments(input)}`;
}

/**
 * A fenced code block that its content cannot close: the fence is longer than any backtick run inside,
 * as CommonMark requires. Callers wrap a chart in it before putting it between the roadmap markers.
 */
export function markdownCodeFence(language: string, code: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.endsWith('\n') ? code : `${code}\n`}${fence}\n`;
}
