// What every exporter reads, and the few facts about a feature that several formats present the same way
// (its status category, its display title, its dates, its now/next/later horizon). Kept here so that the
// Markdown table, the HTML page and the Mermaid charts never disagree about a feature.
import type { RoadmapConfig } from '../config';
import { horizonOf, nextMilestoneId, scheduleOf, type Horizon, type ScheduledSpan } from '../roadmapModel';
import type { Feature, Issue, StatusCategory } from '../types';

export interface ExportInput {
  features: readonly Feature[];
  config: RoadmapConfig;
  /** The problems of a feature file, for formats that show them (JSON, HTML). */
  issuesOf?: (file: string) => Issue[];
  /** yyyy-mm-dd: the caller's today, so output is reproducible and tests need no clock. */
  today: string;
  title?: string;
  /** Feature files left out because their front-matter cannot be read: each export lists them, with why. */
  dropped?: readonly DroppedFile[];
}

export interface DroppedFile {
  file: string;
  reason: string;
}

export const defaultTitle = 'Roadmap';

export function documentTitle(input: ExportInput): string {
  const title = input.title?.trim();
  return title ? title : defaultTitle;
}

export function statusCategoryOf(feature: Feature, config: RoadmapConfig): StatusCategory | undefined {
  return config.statuses.find((status) => status.id === feature.status)?.category;
}

/** The configured title of the feature's status, or the raw value when the status is not configured. */
export function statusTitleOf(feature: Feature, config: RoadmapConfig): string {
  if (feature.status === undefined) return '';
  return config.statuses.find((status) => status.id === feature.status)?.title ?? feature.status;
}

/** What to call a feature when its title failed validation. */
export function displayTitle(feature: Feature): string {
  return feature.title ?? feature.id ?? feature.file;
}

/** Whether text is a yyyy-mm-dd day on the calendar (2026-02-31 is not, though config patterns let it through). */
export function isCalendarDay(text: string | undefined): text is string {
  const match = text === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return (
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() === Number(match[2]) - 1 &&
    date.getUTCDate() === Number(match[3])
  );
}

/**
 * `scheduleOf` made safe to print: config milestone dates are only pattern-checked, so `2026-13-01` makes
 * its date arithmetic throw and `2026-02-31` comes back as an end date no chart can draw; exporters skip
 * such a feature instead of failing the whole export or the chart, and
 * a span that ends before it starts is drawn as a single day rather than breaking a chart.
 */
export function printableSchedule(feature: Feature, config: RoadmapConfig): ScheduledSpan | undefined {
  let span: ScheduledSpan | undefined;
  try {
    span = scheduleOf(feature, config);
  } catch {
    return undefined;
  }
  if (!span || !isCalendarDay(span.start) || !isCalendarDay(span.end)) return undefined;
  return span.end < span.start ? { ...span, end: span.start } : span;
}

/** The dates a person wrote: "start → end", one of them, or the quarter. Guessed spans are not shown. */
export function writtenDates(feature: Feature): string {
  if (feature.start && feature.end) return `${feature.start} → ${feature.end}`;
  if (feature.start) return `from ${feature.start}`;
  if (feature.end) return `until ${feature.end}`;
  return feature.quarter ?? '';
}

/** Now / Next / Later by the same rule as the panel (core roadmapModel), over core features. */
export function horizonsOf(
  features: readonly Feature[],
  config: RoadmapConfig,
  today: string,
): Record<Horizon, Feature[]> {
  const next = nextMilestoneId(config.milestones, today);
  const horizons: Record<Horizon, Feature[]> = { now: [], next: [], later: [], done: [] };
  for (const feature of features)
    horizons[horizonOf(feature, statusCategoryOf(feature, config), today, next)].push(feature);
  return horizons;
}

export const horizonTitles: Record<Horizon, string> = {
  now: 'Now',
  next: 'Next',
  later: 'Later',
  done: 'Done',
};

/** Error and warning counts of a feature, when the caller supplied issues. */
export function problemCounts(
  feature: Feature,
  input: ExportInput,
): { errors: number; warnings: number } | undefined {
  if (!input.issuesOf) return undefined;
  const issues = input.issuesOf(feature.file);
  return {
    errors: issues.filter((issue) => issue.severity === 'error').length,
    warnings: issues.filter((issue) => issue.severity === 'warning').length,
  };
}
