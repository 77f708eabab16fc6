// `roadmap history ID` for people: a terminal listing and a Markdown table, newest change first.
import { markdownTable } from '../language/markdownText';
import type { FeatureHistory, HistoryEntry } from './featureHistory';
import { commentText, formatDays, formatValue, plainText, shortCommit } from './text';
import { plural } from '../plural';

function describeSlip(history: FeatureHistory): string | undefined {
  const slip = history.slip;
  if (!slip) return undefined;
  const amount = slip.days === 0 ? 'on its first planned date' : formatDays(slip.days);
  return `${slip.field} ${slip.current}, first planned ${slip.firstPlanned} on ${slip.since.date.slice(0, 10)}: ${amount}`;
}

const newestFirst = (history: FeatureHistory): HistoryEntry[] => [...history.entries].reverse();

/** What people want to see of a creation: the planning fields, not every line of the new file. */
const creationSummaryFields = ['status', 'moscow', 'milestone', 'start', 'end'];

/** The changes shown for an entry: a creation is summed up in one line, other changes field by field. */
function shownChanges(entry: HistoryEntry): { field: string; text: string }[] {
  if (entry.change === 'added') {
    const planned = entry.fields
      .filter((field) => creationSummaryFields.includes(field.field))
      .map((field) => `${field.field} ${formatValue(field.after, field.field)}`);
    return [{ field: 'created', text: planned.join(', ') || 'with no planning fields' }];
  }
  return entry.fields.map((field) => ({
    field: field.field,
    text: `${formatValue(field.before, field.field)} → ${formatValue(field.after, field.field)}`,
  }));
}

export function formatHistoryText(history: FeatureHistory): string {
  const out = [
    `${plainText(history.id)} ${plainText(history.title ?? '')}  ${plainText(history.file)}`.trimEnd(),
  ];
  const slip = describeSlip(history);
  if (slip) out.push(`slip: ${slip}`);
  out.push(`${plural(history.entries.length, 'change')} to its front-matter`);
  for (const entry of newestFirst(history)) {
    const moved = entry.previousFile ? ` (moved from ${plainText(entry.previousFile)})` : '';
    out.push(
      '',
      `${entry.date.slice(0, 10)}  ${shortCommit(entry.commit)}  ${plainText(entry.author)}  ${plainText(entry.subject)}${moved}`,
    );
    for (const shown of shownChanges(entry)) out.push(`    ${shown.field}: ${plainText(shown.text)}`);
  }
  return out.join('\n') + '\n';
}

export function formatHistoryMarkdown(history: FeatureHistory): string {
  const sections = [
    `### History of ${commentText(history.id)}${history.title ? ` ${commentText(history.title)}` : ''}`,
  ];
  const slip = describeSlip(history);
  if (slip) sections.push(`**Slip:** ${commentText(slip)}`);
  const rows: string[][] = [];
  for (const entry of newestFirst(history))
    shownChanges(entry).forEach((shown, index) =>
      rows.push([
        index === 0 ? entry.date.slice(0, 10) : '',
        index === 0 ? `\`${shortCommit(entry.commit)}\`` : '',
        index === 0 ? commentText(entry.author) : '',
        commentText(shown.field),
        commentText(shown.text),
      ]),
    );
  sections.push(
    rows.length > 0
      ? markdownTable(['Date', 'Commit', 'Author', 'Field', 'Before → after'], rows)
      : '_No change to its front-matter in the history._',
  );
  return sections.join('\n\n') + '\n';
}
