// `roadmap diff` for people: a terminal listing, and Markdown written to be read in a pull-request comment
// (a summary line, then a table per kind of change, long tables folded).
import { markdownTable } from '../language/markdownText';
import { formatScore } from '../scoring';
import type { DateSlip, FeatureChange, FieldChange, MilestoneChange, RoadmapDiff } from './diff';
import { commentText, formatDays, formatValue, plainText, shortCommit } from './text';
import { nounFor, plural } from '../plural';

/** Tables longer than this are folded into a <details> block. */
const foldAfter = 10;

export function diffSummary(diff: RoadmapDiff): string {
  const { added, removed, changed, milestones } = diff.summary;
  if (added + removed + changed + milestones === 0) return 'no roadmap changes';
  const parts = [`${changed} changed`, `${added} added`, `${removed} removed`];
  const features = `${parts.join(', ')} ${nounFor(changed + added + removed, 'feature')}`;
  return milestones > 0 ? `${features}; ${plural(milestones, 'milestone')} affected` : features;
}

function range(diff: RoadmapDiff): string {
  return `${diff.base ? shortCommit(diff.base) : 'empty'} → ${shortCommit(diff.head)}`;
}

function slipOf(change: FeatureChange, field: string): DateSlip | undefined {
  return change.slips?.find((slip) => slip.field === field);
}

/** "planned → in-progress (forward)", "2026-08-01 → 2026-08-15 (+14 days)". */
function describeField(change: FeatureChange, field: FieldChange): string {
  let text = `${formatValue(field.before, field.field)} → ${formatValue(field.after, field.field)}`;
  const slip = slipOf(change, field.field);
  if (slip) text += ` (${formatDays(slip.days)})`;
  if (field.field === 'status' && change.status?.move) text += ` (${change.status.move})`;
  return text;
}

function describeScore(change: FeatureChange): string[] {
  const lines: string[] = [];
  const number = (value: number | null) => (value === null ? '—' : formatScore(value));
  if (change.score) lines.push(`score ${number(change.score.before)} → ${number(change.score.after)}`);
  if (change.rank) lines.push(`rank ${number(change.rank.before)} → ${number(change.rank.after)}`);
  return lines;
}

function featureLabel(change: FeatureChange): string {
  return [change.id, change.title].filter((part) => part !== null).join(' ') || change.file;
}

function describeMilestone(milestone: MilestoneChange): string[] {
  const parts: string[] = [];
  if (milestone.change !== 'changed') parts.push(milestone.change);
  if (milestone.scopeAdded.length > 0) parts.push(`scope +${milestone.scopeAdded.join(', +')}`);
  if (milestone.scopeRemoved.length > 0) parts.push(`scope −${milestone.scopeRemoved.join(', −')}`);
  if (milestone.effort.delta !== 0)
    parts.push(
      `effort ${milestone.effort.before} → ${milestone.effort.after} (${milestone.effort.delta > 0 ? '+' : ''}${milestone.effort.delta})`,
    );
  if (milestone.date) {
    const slip = milestone.date.slipDays === null ? '' : ` (${formatDays(milestone.date.slipDays)})`;
    parts.push(`date ${milestone.date.before ?? '—'} → ${milestone.date.after ?? '—'}${slip}`);
  }
  return parts;
}

export function formatDiffText(diff: RoadmapDiff): string {
  const out = [`${range(diff)}: ${diffSummary(diff)}`];
  const sign = { added: '+', removed: '-', changed: '~' };
  for (const change of diff.features) {
    const moved = change.previousFile ? ` (moved from ${change.previousFile})` : '';
    out.push(`${sign[change.change]} ${plainText(featureLabel(change))}  ${plainText(change.file)}${moved}`);
    if (change.change === 'changed')
      for (const field of change.fields)
        out.push(`    ${field.field}: ${plainText(describeField(change, field))}`);
    for (const line of describeScore(change)) out.push(`    ${line}`);
  }
  if (diff.milestones.length > 0) {
    out.push('', 'Milestones');
    for (const milestone of diff.milestones)
      out.push(
        `  ${plainText(milestone.id)} ${plainText(milestone.title)}: ${plainText(describeMilestone(milestone).join('; '))}`,
      );
  }
  if (diff.rankShifts.length > 0)
    out.push('', `${diff.rankShifts.length} other feature(s) moved in rank because of these changes`);
  for (const entry of diff.unreadable)
    out.push(`! ${plainText(entry.file)} (${entry.revision}): ${plainText(entry.message)}`);
  return out.join('\n') + '\n';
}

function folded(title: string, rows: string[][], header: string[]): string {
  const table = markdownTable(header, rows);
  const heading = `#### ${title}`;
  if (rows.length <= foldAfter) return `${heading}\n\n${table}`;
  return `${heading}\n\n<details><summary>${rows.length} rows</summary>\n\n${table}\n\n</details>`;
}

/** The comment's opening marker: the GitHub Action finds its previous comment by it and updates that one. */
export const commentMarker = '<!-- markdown-roadmap:diff -->';

export function formatDiffMarkdown(diff: RoadmapDiff): string {
  const sections: string[] = [
    commentMarker,
    `### Roadmap changes`,
    `**${diffSummary(diff)}** (\`${diff.base ? shortCommit(diff.base) : 'empty'}\` → ${diff.head ? `\`${shortCommit(diff.head)}\`` : 'working tree'})`,
  ];
  const cell = (text: string) => commentText(text);
  const featureCell = (change: FeatureChange) =>
    `**${cell(change.id ?? change.file)}**${change.title ? ` ${cell(change.title)}` : ''}`;
  const changed = diff.features.filter((change) => change.change === 'changed');
  if (changed.length > 0) {
    const rows: string[][] = [];
    for (const change of changed) {
      const lines = change.fields.map((field) => [cell(field.field), cell(describeField(change, field))]);
      for (const line of describeScore(change)) {
        const [name, ...rest] = line.split(' ');
        lines.push([`_${name}_`, cell(rest.join(' '))]);
      }
      if (change.previousFile) lines.push(['_file_', cell(`${change.previousFile} → ${change.file}`)]);
      lines.forEach((line, index) => rows.push([index === 0 ? featureCell(change) : '', ...line]));
    }
    sections.push(folded(`Changed (${changed.length})`, rows, ['Feature', 'Field', 'Before → after']));
  }
  for (const kind of ['added', 'removed'] as const) {
    const entries = diff.features.filter((change) => change.change === kind);
    if (entries.length === 0) continue;
    const valueOf = (change: FeatureChange, field: string) =>
      cell(
        formatValue(
          change.fields.find((entry) => entry.field === field)?.[kind === 'added' ? 'after' : 'before'] ??
            null,
        ),
      );
    const rows = entries.map((change) => [
      featureCell(change),
      valueOf(change, 'status'),
      valueOf(change, 'moscow'),
      valueOf(change, 'milestone'),
      cell(change.file),
    ]);
    const title = kind === 'added' ? 'Added' : 'Removed';
    sections.push(
      folded(`${title} (${entries.length})`, rows, ['Feature', 'Status', 'MoSCoW', 'Milestone', 'File']),
    );
  }
  if (diff.milestones.length > 0) {
    const rows = diff.milestones.map((milestone) => [
      `**${cell(milestone.id)}** ${milestone.title !== milestone.id ? cell(milestone.title) : ''}`.trim(),
      cell(describeMilestone(milestone).join('; ')),
    ]);
    sections.push(folded(`Milestones (${rows.length})`, rows, ['Milestone', 'Change']));
  }
  if (diff.rankShifts.length > 0) {
    const rows = diff.rankShifts.map((shift) => [cell(shift.id), `${shift.before} → ${shift.after}`]);
    sections.push(folded(`Rank shifts of other features (${rows.length})`, rows, ['Feature', 'Rank']));
  }
  if (diff.unreadable.length > 0) {
    const rows = diff.unreadable.map((entry) => [cell(entry.file), entry.revision, cell(entry.message)]);
    sections.push(folded(`Could not be read (${rows.length})`, rows, ['File', 'Revision', 'Problem']));
  }
  return sections.join('\n\n') + '\n';
}
