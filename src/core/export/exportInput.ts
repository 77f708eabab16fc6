// What every exporter reads, and the few facts about a feature that several formats present the same way
// (its status category, its display title, its dates, its now/next/later horizon). Kept here so that the
// Markdown table, the HTML page and the Mermaid charts never disagree about a feature.
import type { RoadmapConfig } from '../config';
import { formatDay } from '../plan/calendar';
import { horizonContext, horizonOf, type Horizon } from '../plan/horizons';
import { milestoneDays, scheduleOf, type ScheduleSource } from '../plan/schedule';
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

/** A feature's place on the timeline (plan/schedule.ts), as yyyy-mm-dd days; the end day is inclusive. */
export interface PrintableSchedule {
  start: string;
  end: string;
  source: ScheduleSource;
}

const milestoneDaysByConfig = new WeakMap<RoadmapConfig, ReturnType<typeof milestoneDays>>();

/** The one scheduler's span, written as days; undefined for a feature with nothing to place it by. */
export function printableSchedule(feature: Feature, config: RoadmapConfig): PrintableSchedule | undefined {
  let days = milestoneDaysByConfig.get(config);
  if (!days) milestoneDaysByConfig.set(config, (days = milestoneDays(config.milestones)));
  const scheduled = scheduleOf(feature, days);
  return (
    scheduled && {
      start: formatDay(scheduled.start),
      end: formatDay(scheduled.end),
      source: scheduled.source,
    }
  );
}

/** The dates a person wrote: "start → end", one of them, or the quarter. Guessed spans are not shown. */
export function writtenDates(feature: Feature): string {
  if (feature.start && feature.end) return `${feature.start} → ${feature.end}`;
  if (feature.start) return `from ${feature.start}`;
  if (feature.end) return `until ${feature.end}`;
  return feature.quarter ?? '';
}

/** Now / Next / Later by the same rule as the panel (plan/horizons.ts), over core features. */
export function horizonsOf(
  features: readonly Feature[],
  config: RoadmapConfig,
  today: string,
): Record<Horizon, Feature[]> {
  const context = horizonContext(config.milestones, today);
  const horizons: Record<Horizon, Feature[]> = { now: [], next: [], later: [], done: [] };
  for (const feature of features)
    horizons[horizonOf(feature, statusCategoryOf(feature, config), context)].push(feature);
  return horizons;
}

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
