// `roadmap report [ROOT] [--since REF|DATE] [--format markdown|html]`: the stakeholder update, from a commit
// (or the last commit before a date; default two weeks ago) to the working tree.
import { addDays } from '../core/plan/calendar';
import {
  buildStatusReport,
  formatReportHtml,
  formatReportMarkdown,
  type StatusReport,
} from '../core/history/report';
import { readDiff, repositoryOf } from './diffCommand';
import { commitBefore, resolveCommit } from './git';

export const reportFormats = ['markdown', 'html', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function isReportFormat(format: string): format is ReportFormat {
  return (reportFormats as readonly string[]).includes(format);
}

/** How far back a report looks without --since: a fortnight, a usual review cadence. */
export const defaultReportDays = 14;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function roadmapReport(root: string, options: { since?: string; today: string }): StatusReport {
  const repo = repositoryOf(root);
  const since = options.since ?? addDays(options.today, -defaultReportDays);
  const base = isoDay.test(since) ? commitBefore(repo, since) : resolveCommit(repo, since);
  // No commit before the date: the roadmap did not exist yet, so everything in it is new.
  const { diff, head } = readDiff(root, { base });
  return buildStatusReport(diff, head, options.today);
}

export function formatReport(report: StatusReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  return format === 'html' ? formatReportHtml(report) : formatReportMarkdown(report);
}
