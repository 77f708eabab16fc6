// JSON for other tools: every feature with every field, in a fixed key order with null for "not set", so
// that consumers see one shape and diffs of the output stay small.
import { rankByScore, sortFeatures } from '../roadmapModel';
import { scoringFormulas } from '../scoring';
import type { Feature } from '../types';
import { documentTitle, printableSchedule, statusCategoryOf, type ExportInput } from './exportInput';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const maxDepth = 32;

/**
 * Custom field values come from YAML and may be anything its parser builds (dates, shared or even
 * recursive aliases): reduce them to plain JSON so the output is valid whatever the files hold.
 */
function toJsonValue(value: unknown, seen: Set<object> = new Set(), depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object' || depth >= maxDepth || seen.has(value)) return null;
  seen.add(value);
  let result: JsonValue;
  if (Array.isArray(value)) result = value.map((item) => toJsonValue(item, seen, depth + 1));
  else {
    const object: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value)) {
      // defineProperty, because assigning a YAML key named __proto__ would set the prototype instead.
      Object.defineProperty(object, key, {
        value: toJsonValue((value as Record<string, unknown>)[key], seen, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    result = object;
  }
  seen.delete(value);
  return result;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function featureJson(
  feature: Feature,
  input: ExportInput,
  rank: number | undefined,
): Record<string, JsonValue> {
  const { config } = input;
  const schedule = printableSchedule(feature, config);
  const json: Record<string, JsonValue> = {
    id: orNull(feature.id),
    title: orNull(feature.title),
    status: orNull(feature.status),
    statusCategory: orNull(statusCategoryOf(feature, config)),
    moscow: orNull(feature.moscow),
    score: feature.score !== undefined && Number.isFinite(feature.score) ? feature.score : null,
    rank: orNull(rank),
    storedScore: orNull(feature.storedScore),
    rice: feature.rice
      ? {
          reach: orNull(feature.rice.reach),
          impact: orNull(feature.rice.impact),
          confidence: orNull(feature.rice.confidence),
          effort: orNull(feature.rice.effort),
        }
      : null,
    ice: feature.ice
      ? {
          impact: orNull(feature.ice.impact),
          confidence: orNull(feature.ice.confidence),
          ease: orNull(feature.ice.ease),
        }
      : null,
    wsjf: feature.wsjf
      ? {
          business_value: orNull(feature.wsjf.business_value),
          time_criticality: orNull(feature.wsjf.time_criticality),
          risk_reduction: orNull(feature.wsjf.risk_reduction),
          job_size: orNull(feature.wsjf.job_size),
        }
      : null,
    owner: orNull(feature.owner),
    team: orNull(feature.team),
    milestone: orNull(feature.milestone),
    quarter: orNull(feature.quarter),
    start: orNull(feature.start),
    end: orNull(feature.end),
    schedule: schedule ? { start: schedule.start, end: schedule.end, source: schedule.source } : null,
    dependsOn: [...feature.dependsOn],
    goal: orNull(feature.goal),
    tags: [...feature.tags],
    evidence: feature.evidence.map((link) => ({ url: link.url, note: orNull(link.note) })),
    progress: orNull(feature.progress),
    custom: toJsonValue(feature.custom),
    file: feature.file,
  };
  if (input.issuesOf) {
    json.issues = input.issuesOf(feature.file).map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
    }));
  }
  // Numbers from a hand-built Feature could still be NaN or Infinity, which JSON cannot hold.
  return toJsonValue(json) as Record<string, JsonValue>;
}

export function jsonDocument(input: ExportInput): string {
  const { config } = input;
  const features = sortFeatures(input.features, 'score');
  const ranks = rankByScore(features);
  const document = {
    generatedAt: input.today,
    title: documentTitle(input),
    scoringModel: config.scoring.model,
    scoringFormula: scoringFormulas[config.scoring.model],
    statuses: config.statuses.map((status) => ({
      id: status.id,
      title: status.title,
      category: status.category,
    })),
    milestones: config.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      date: orNull(milestone.date),
    })),
    goals: config.goals.map((goal) => ({ id: goal.id, title: goal.title })),
    features: features.map((feature) => featureJson(feature, input, ranks.get(feature))),
    ...(input.dropped && input.dropped.length > 0
      ? { notIncluded: input.dropped.map((entry) => ({ file: entry.file, reason: entry.reason })) }
      : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
