// Plain-text descriptions of a feature, shared by tooltips, aria labels and exports.
import type { FeatureView, Moscow } from '../shared/protocol';
import { parseDay } from '../core/plan/calendar';
import { humanDate } from '../core/plan/labels';
import { formatScore } from '../core/scoring';
import { plural } from '../core/plural';

/** The core's rounding, so that the tree, the hovers, the CLI and the panel show one score the same way. */
export { formatScore };

export const moscowTitles: Record<Moscow, string> = {
  must: 'Must',
  should: 'Should',
  could: 'Could',
  wont: "Won't",
};

export function progressOf(feature: FeatureView): number | undefined {
  if (feature.progress !== undefined) return Math.max(0, Math.min(100, feature.progress));
  if (feature.tasks && feature.tasks.total > 0)
    return Math.round((feature.tasks.done / feature.tasks.total) * 100);
  return undefined;
}

export function problemsText(feature: FeatureView): string {
  const parts: string[] = [];
  const { errors, warnings } = feature.problems;
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return parts.join(', ');
}

export function datesText(feature: FeatureView): string {
  const start = parseDay(feature.start);
  const end = parseDay(feature.end);
  if (start !== undefined && end !== undefined) return `${humanDate(start)} – ${humanDate(end)}`;
  if (start !== undefined) return `from ${humanDate(start)}`;
  if (end !== undefined) return `until ${humanDate(end)}`;
  return feature.quarter ?? '';
}

/** Label/value lines for the hover summary; empty values are left out. */
export function summaryLines(
  feature: FeatureView,
  statusTitle: string,
  milestoneTitle?: string,
): [string, string][] {
  const lines: [string, string][] = [
    ['Id', feature.id],
    ['Status', statusTitle],
    ['MoSCoW', feature.moscow ? moscowTitles[feature.moscow] : ''],
    [
      'Score',
      feature.score === undefined
        ? ''
        : `${formatScore(feature.score)}${feature.rank ? ` (#${feature.rank})` : ''}`,
    ],
    ['Owner', [feature.owner, feature.team].filter(Boolean).join(' · ')],
    ['Milestone', milestoneTitle ?? feature.milestone ?? ''],
    ['Dates', datesText(feature)],
    ['Progress', progressOf(feature) === undefined ? '' : `${progressOf(feature)}%`],
    ['Problems', problemsText(feature)],
  ];
  return lines.filter(([, value]) => value !== '');
}

export function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
