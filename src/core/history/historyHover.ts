// The history part of the hover on a feature's id or title: its last few front-matter changes, its slip since it
// was first planned, and a link to the full history. VS Code hover Markdown: everything from files and commits
// is escaped; the only link is the extension's own command.
import { escapeMarkdown } from '../language/markdownText';
import type { FeatureHistory } from './featureHistory';
import { formatDays, formatValue, plainText, shortCommit } from './text';

/** How many changes the hover lists; the command shows them all. */
export const hoverChanges = 3;

export function historyHoverMarkdown(history: FeatureHistory, showHistoryCommand: string): string {
  const lines: string[] = [];
  const slip = history.slip;
  if (slip)
    lines.push(
      slip.days === 0
        ? `**On plan:** ${slip.field} ${slip.current}, as first planned`
        : `**Slipped ${escapeMarkdown(formatDays(slip.days))}** since first planned: ${slip.field} ${slip.firstPlanned} → ${slip.current}`,
    );
  const recent = [...history.entries].reverse().slice(0, hoverChanges);
  if (recent.length > 0) lines.push('**Last changes**');
  for (const entry of recent) {
    const what =
      entry.change === 'added'
        ? 'created'
        : entry.fields
            .map(
              (field) =>
                `${field.field} ${formatValue(field.before, field.field)} → ${formatValue(field.after, field.field)}`,
            )
            .join('; ');
    lines.push(
      `- ${entry.date.slice(0, 10)} \`${shortCommit(entry.commit)}\` ${escapeMarkdown(plainText(entry.author))}: ${escapeMarkdown(plainText(what))}`,
    );
  }
  if (recent.length === 0) lines.push('_No committed change to its front-matter yet._');
  const args = encodeURIComponent(JSON.stringify([history.id]));
  lines.push(`[Show full history](command:${showHistoryCommand}?${args})`);
  return lines.join('\n\n');
}
