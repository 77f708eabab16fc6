// The stakeholder update: what shipped, started, slipped, was re-prioritised, added or dropped since a point in
// history, and the health of each milestone (remaining effort against remaining time), as Markdown for a chat
// channel, an email or a release note, and as a self-contained HTML page.
import { escapeHtml, htmlDocument } from '../export/html';
import type { Feature } from '../types';
import { daysBetween } from '../plan/calendar';
import type { FeatureChange, RoadmapDiff } from './diff';
import type { RevisionModel } from './revision';
import { commentText, formatDays, shortCommit } from './text';

export interface ReportItem {
  id: string;
  title: string;
  /** One short phrase: "planned → in-progress", "+14 days (end 2026-11-22)", "should → must". */
  detail: string;
}

export type MilestoneHealth = 'done' | 'on track' | 'at risk' | 'overdue' | 'no date';

export interface MilestoneStatus {
  id: string;
  title: string;
  date: string | null;
  features: number;
  done: number;
  /** RICE effort of the features not done yet, in person-months. */
  remainingEffort: number;
  /** Days from today to the milestone date (negative when past). */
  daysLeft: number | null;
  /** Remaining effort ÷ months left: how many people it takes full-time to finish on time. */
  peopleNeeded: number | null;
  health: MilestoneHealth;
  /** Why it is at risk: open features planned to end after the milestone date. */
  lateFeatures: string[];
}

export interface StatusReport {
  since: string | null;
  until: string | null;
  today: string;
  shipped: ReportItem[];
  started: ReportItem[];
  slipped: (ReportItem & { days: number })[];
  reprioritised: ReportItem[];
  added: ReportItem[];
  dropped: ReportItem[];
  milestones: MilestoneStatus[];
}

/** A status that ends work without shipping it. The config has no such flag: these are the usual names. */
const droppedStatus = /^(dropped|cancell?ed|rejected|abandoned|wont|won't)$/i;

function categoryOf(status: string | null | undefined, revision: RevisionModel) {
  return revision.config.statuses.find((entry) => entry.id === status)?.category;
}

function item(change: FeatureChange, detail: string): ReportItem {
  return { id: change.id ?? change.file, title: change.title ?? '', detail };
}

export function buildStatusReport(diff: RoadmapDiff, head: RevisionModel, today: string): StatusReport {
  const report: StatusReport = {
    since: diff.base,
    until: diff.head,
    today,
    shipped: [],
    started: [],
    slipped: [],
    reprioritised: [],
    added: [],
    dropped: [],
    milestones: [],
  };
  for (const change of diff.features) {
    if (change.change === 'added') {
      const status = change.fields.find((field) => field.field === 'status')?.after;
      report.added.push(item(change, typeof status === 'string' ? status : ''));
      continue;
    }
    if (change.change === 'removed') {
      report.dropped.push(item(change, 'removed from the roadmap'));
      continue;
    }
    const status = change.status;
    if (status && status.before !== status.after) {
      const move = `${status.before ?? '—'} → ${status.after ?? '—'}`;
      const before = categoryOf(status.before, head);
      const after = categoryOf(status.after, head);
      if (after === 'done' && before !== 'done')
        (droppedStatus.test(status.after ?? '') ? report.dropped : report.shipped).push(item(change, move));
      else if (after === 'doing' && before === 'todo') report.started.push(item(change, move));
    }
    // The delivery date is what stakeholders track: the end, else the start (not other dated fields).
    const endSlip =
      change.slips?.find((slip) => slip.field === 'end') ??
      change.slips?.find((slip) => slip.field === 'start');
    if (endSlip && endSlip.days !== 0)
      report.slipped.push({
        ...item(
          change,
          `${formatDays(endSlip.days)} (${endSlip.field} ${endSlip.before} → ${endSlip.after})`,
        ),
        days: endSlip.days,
      });
    const moscow = change.fields.find((field) => field.field === 'moscow');
    const rank = change.rank;
    if (moscow || (rank && rank.before !== null && rank.after !== null)) {
      const parts: string[] = [];
      if (moscow) parts.push(`${moscow.before ?? '—'} → ${moscow.after ?? '—'}`);
      if (rank && rank.before !== null && rank.after !== null)
        parts.push(`rank ${rank.before} → ${rank.after}`);
      report.reprioritised.push(item(change, parts.join(', ')));
    }
  }
  report.slipped.sort((a, b) => b.days - a.days);
  report.milestones = milestoneStatuses(head, today);
  return report;
}

function milestoneStatuses(head: RevisionModel, today: string): MilestoneStatus[] {
  const isDone = (feature: Feature) => categoryOf(feature.status, head) === 'done';
  return head.config.milestones.map((milestone) => {
    const features = head.features.filter((feature) => feature.milestone === milestone.id);
    const open = features.filter((feature) => !isDone(feature));
    const remainingEffort =
      Math.round(open.reduce((sum, feature) => sum + (feature.rice?.effort ?? 0), 0) * 10) / 10;
    const date = milestone.date && /^\d{4}-\d{2}-\d{2}$/.test(milestone.date) ? milestone.date : null;
    const daysLeft = date ? (daysBetween(today, date) ?? null) : null;
    const lateFeatures = date
      ? open
          .filter((feature) => feature.end !== undefined && feature.end > date)
          .map((feature) => feature.id ?? feature.file)
      : [];
    const peopleNeeded =
      daysLeft !== null && daysLeft > 0 && remainingEffort > 0
        ? Math.round((remainingEffort / (daysLeft / 30.44)) * 10) / 10
        : null;
    const health: MilestoneHealth =
      open.length === 0
        ? 'done'
        : daysLeft === null
          ? 'no date'
          : daysLeft < 0
            ? 'overdue'
            : lateFeatures.length > 0
              ? 'at risk'
              : 'on track';
    return {
      id: milestone.id,
      title: milestone.title,
      date,
      features: features.length,
      done: features.length - open.length,
      remainingEffort,
      daysLeft,
      peopleNeeded,
      health,
      lateFeatures,
    };
  });
}

const sections: {
  key: 'shipped' | 'started' | 'slipped' | 'reprioritised' | 'added' | 'dropped';
  title: string;
}[] = [
  { key: 'shipped', title: 'Shipped' },
  { key: 'started', title: 'Started' },
  { key: 'slipped', title: 'Slipped' },
  { key: 'reprioritised', title: 'Re-prioritised' },
  { key: 'added', title: 'Added' },
  { key: 'dropped', title: 'Dropped' },
];

function period(report: StatusReport): string {
  return `since ${report.since ? shortCommit(report.since) : 'the first commit'} (to ${report.until ? shortCommit(report.until) : 'the working tree'}, ${report.today})`;
}

function milestoneLine(milestone: MilestoneStatus): string {
  const parts = [
    `${milestone.done}/${milestone.features} done`,
    `${milestone.remainingEffort} person-months left`,
  ];
  if (milestone.date && milestone.daysLeft !== null)
    parts.push(
      milestone.daysLeft >= 0
        ? `${milestone.daysLeft} days to ${milestone.date}`
        : `${-milestone.daysLeft} days past ${milestone.date}`,
    );
  if (milestone.peopleNeeded !== null) parts.push(`needs ~${milestone.peopleNeeded} people full-time`);
  if (milestone.lateFeatures.length > 0)
    parts.push(`planned past the date: ${milestone.lateFeatures.join(', ')}`);
  return parts.join(', ');
}

export function formatReportMarkdown(report: StatusReport): string {
  const out = [`## Roadmap update`, '', `_${commentText(period(report))}_`, ''];
  const counts = sections
    .map((section) => `${report[section.key].length} ${section.title.toLowerCase()}`)
    .join(' · ');
  out.push(`**${counts}**`, '');
  for (const section of sections) {
    const items = report[section.key];
    if (items.length === 0) continue;
    out.push(`### ${section.title}`, '');
    for (const entry of items)
      out.push(
        `- **${commentText(entry.id)}** ${commentText(entry.title)}${entry.detail ? ` — ${commentText(entry.detail)}` : ''}`,
      );
    out.push('');
  }
  if (report.milestones.length > 0) {
    out.push('### Milestones', '');
    for (const milestone of report.milestones)
      out.push(
        `- **${commentText(milestone.id)}** ${commentText(milestone.title)}: **${milestone.health}** — ${commentText(milestoneLine(milestone))}`,
      );
    out.push('');
  }
  return out.join('\n');
}

/** The report's sections as HTML, below a page's own heading (the update page, the site's "What changed"). */
export function reportBodyHtml(report: StatusReport): string {
  const body: string[] = [`<p class="period">${escapeHtml(period(report))}</p>`];
  for (const section of sections) {
    const items = report[section.key];
    body.push(`<h2>${section.title} <span class="count">${items.length}</span></h2>`);
    if (items.length === 0) {
      body.push('<p class="none">None.</p>');
      continue;
    }
    body.push(
      '<ul>',
      ...items.map(
        (entry) =>
          `<li><span class="id">${escapeHtml(entry.id)}</span> ${escapeHtml(entry.title)}${entry.detail ? ` <span class="detail">${escapeHtml(entry.detail)}</span>` : ''}</li>`,
      ),
      '</ul>',
    );
  }
  if (report.milestones.length > 0) {
    body.push(
      '<h2>Milestones</h2>',
      '<table><thead><tr><th>Milestone</th><th>Health</th><th>Status</th></tr></thead><tbody>',
    );
    for (const milestone of report.milestones)
      body.push(
        `<tr><td><span class="id">${escapeHtml(milestone.id)}</span> ${escapeHtml(milestone.title)}</td><td class="health ${milestone.health.replace(' ', '-')}">${milestone.health}</td><td>${escapeHtml(milestoneLine(milestone))}</td></tr>`,
      );
    body.push('</tbody></table>');
  }
  return body.join('\n');
}

export function formatReportHtml(report: StatusReport): string {
  return htmlDocument('Roadmap update', reportStyles, [`<h1>Roadmap update</h1>`, reportBodyHtml(report)]);
}

const reportStyles = `
body { margin: 0 auto; max-width: 48rem; padding: 2rem 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
h1 { margin-bottom: 0; } .period, .none, .count { color: #59636e; } .count { font-weight: normal; }
.id { font-weight: 600; } .detail { color: #59636e; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
.health { font-weight: 600; } .on-track, .done { color: #1a7f37; } .at-risk { color: #9a6700; } .overdue { color: #cf222e; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } th, td { border-color: #3d444d; } }
`;
