// The roadmap as a Markdown document (a table per milestone), and the generated-section splice used to keep
// a chart up to date inside a hand-written ROADMAP.md.
import { groupFeatures, moscowLabels, rankByScore } from '../roadmapModel';
import { formatScore, scoringFormulas } from '../scoring';
import {
  documentTitle,
  statusCategoryOf,
  statusTitleOf,
  writtenDates,
  type ExportInput,
} from './exportInput';

/**
 * Inline Markdown text that renders exactly as written: one line, no HTML, no entity, no link, no
 * emphasis, no code span, and no `|` that would end a table cell. `<`, `>` and `&` become entities (the
 * one escape every renderer agrees on); other significant ASCII punctuation is backslash-escaped, which
 * CommonMark allows for any ASCII punctuation and GFM tables honour for `|`.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]|~$!]/g, (char) => `\\${char}`);
}

const statusCategoryTitles = { todo: 'to do', doing: 'in progress', done: 'done' } as const;

export function markdownDocument(input: ExportInput): string {
  const { config, features } = input;
  const ranks = rankByScore(features);
  const counts = { todo: 0, doing: 0, done: 0 };
  for (const feature of features) {
    const category = statusCategoryOf(feature, config);
    if (category) counts[category]++;
  }
  const model = config.scoring.model;
  const lines = [
    `# ${escapeMarkdownText(documentTitle(input))}`,
    '',
    `_Generated ${escapeMarkdownText(input.today)} from ${features.length} feature files. ` +
      `${(['done', 'doing', 'todo'] as const).map((category) => `${counts[category]} ${statusCategoryTitles[category]}`).join(', ')}. ` +
      `Scored with ${model.toUpperCase()}: ${scoringFormulas[model]}._`,
  ];
  for (const group of groupFeatures(features, 'milestone', config, 'score')) {
    if (group.features.length === 0) continue;
    const milestone = config.milestones.find((candidate) => candidate.id === group.key);
    lines.push(
      '',
      `## ${escapeMarkdownText(group.label)}${milestone?.date ? ` (due ${escapeMarkdownText(milestone.date)})` : ''}`,
      '',
    );
    lines.push('| Rank | ID | Title | Status | MoSCoW | Score | Owner | Dates |');
    lines.push('| ---: | --- | --- | --- | --- | ---: | --- | --- |');
    for (const feature of group.features) {
      const cells = [
        String(ranks.get(feature) ?? ''),
        escapeMarkdownText(feature.id ?? ''),
        escapeMarkdownText(feature.title ?? ''),
        escapeMarkdownText(statusTitleOf(feature, config)),
        feature.moscow ? moscowLabels[feature.moscow] : '',
        feature.score === undefined ? '' : formatScore(feature.score),
        escapeMarkdownText(feature.owner ?? ''),
        escapeMarkdownText(writtenDates(feature)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (input.dropped && input.dropped.length > 0) {
    lines.push(
      '',
      '## Not included',
      '',
      'These feature files could not be read, so the roadmap above leaves them out:',
      '',
    );
    for (const entry of input.dropped)
      lines.push(`- \`${entry.file.replace(/`/g, "'")}\`: ${escapeMarkdownText(entry.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const sectionStartMarker = '<!-- roadmap:start -->';
export const sectionEndMarker = '<!-- roadmap:end -->';

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the line's text, before its line break. */
  end: number;
  text: string;
  /** The line break that ends the line ('' for the last line). */
  lineBreak: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  for (const match of text.matchAll(lineBreak)) {
    lines.push({ start, end: match.index, text: text.slice(start, match.index), lineBreak: match[0] });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start), lineBreak: '' });
  return lines;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const markerLine = (marker: string) => new RegExp(`^ {0,3}${escapeRegExp(marker)}[ \\t]*$`);
const startLine = markerLine(sectionStartMarker);
const endLine = markerLine(sectionEndMarker);

/**
 * The marker lines that count: a marker alone on its line, outside fenced code blocks, so that a README
 * documenting the markers in a code sample is never rewritten.
 */
function findMarkers(lines: readonly Line[]): { start?: Line; end?: Line } {
  let closingFence: RegExp | undefined;
  let start: Line | undefined;
  for (const line of lines) {
    if (closingFence) {
      if (closingFence.test(line.text)) closingFence = undefined;
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line.text);
    // A backtick fence's info string cannot contain a backtick (CommonMark 4.5); such a line is not a fence.
    if (opening && !(opening[1]!.startsWith('`') && opening[2]!.includes('`'))) {
      closingFence = new RegExp(
        `^ {0,3}${opening[1]![0] === '`' ? '`' : '~'}{${opening[1]!.length},}[ \\t]*$`,
      );
      continue;
    }
    if (!start && startLine.test(line.text)) start = line;
    else if (endLine.test(line.text)) return start ? { start, end: line } : { end: line };
  }
  return { start };
}

/**
 * Replaces the text between `<!-- roadmap:start -->` and `<!-- roadmap:end -->` (keeping the markers and
 * everything else byte for byte; same line endings as the file); appends a marked block at the end when
 * there are no markers. Markers count only alone on their line and outside fenced code; only the first
 * marked section is replaced. Running it twice with the same content changes nothing the second time.
 * @throws Error when a start marker has no end marker after it, or an end marker comes first: guessing
 * where the generated part stops could delete hand-written text.
 */
export function replaceMarkedSection(text: string, content: string): string {
  const lines = splitLines(text);
  const { start, end } = findMarkers(lines);
  const eol = start?.lineBreak || lines.find((line) => line.lineBreak !== '')?.lineBreak || '\n';
  const body = content
    .replace(/\r\n|\r|\n/g, eol)
    .replace(/(?:\r\n|\r|\n)+$/, '')
    .replace(/^(?:\r\n|\r|\n)+/, '');
  // Blank lines around the content keep it a separate Markdown block from the marker comments.
  const block = body === '' ? eol : `${eol}${eol}${body}${eol}${eol}`;
  if (start && end) return text.slice(0, start.end) + block + text.slice(end.start);
  if (start) throw new Error(`${sectionStartMarker} has no ${sectionEndMarker} after it.`);
  if (end) throw new Error(`${sectionEndMarker} comes before any ${sectionStartMarker}.`);
  let prefix = text;
  if (prefix !== '') {
    if (!/[\r\n]$/.test(prefix)) prefix += eol;
    if (!prefix.endsWith(eol + eol)) prefix += eol;
  }
  return `${prefix}${sectionStartMarker}${block}${sectionEndMarker}${eol}`;
}
