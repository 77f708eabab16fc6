// A feature's front-matter as a flat list of canonical fields (`rice.impact`, aliases resolved), for comparing
// two versions of it. A value that validated is taken normalised (so `80%` and `0.8` are the same confidence);
// one that did not is taken as written, so a change to an invalid value still shows.
import type { RoadmapConfig } from '../config';
import type { FeatureFile } from '../featureFile';
import { parseYamlFast } from '../frontmatter';
import { featureFieldByName } from '../schema';
import type { Feature } from '../types';

/** JSON-ready values; `null` stands for "absent". */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

/** Objects whose children are compared one by one (`rice.reach`), not as a whole. */
const scoringObjects = new Set(['rice', 'ice', 'wsjf']);

function normalisedValue(feature: Feature, field: string, child?: string): unknown {
  if (child !== undefined) {
    const group = feature[field as 'rice' | 'ice' | 'wsjf'] as Record<string, unknown> | undefined;
    return group?.[child];
  }
  if (field === 'score') return feature.storedScore;
  if (field === 'depends_on') return feature.dependsOn;
  if (!featureFieldByName.has(field)) return feature.custom[field];
  return (feature as unknown as Record<string, unknown>)[field];
}

function toFieldValue(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toFieldValue);
  if (typeof value === 'object') {
    const result: { [key: string]: FieldValue } = {};
    for (const key of Object.keys(value)) result[key] = toFieldValue((value as Record<string, unknown>)[key]);
    return result;
  }
  return String(value);
}

/** Canonical field path → value, in the order the file writes them. Empty when the front-matter is unreadable. */
export function frontmatterFields(parsed: FeatureFile, config: RoadmapConfig): Map<string, FieldValue> {
  const fields = new Map<string, FieldValue>();
  const feature = parsed.feature;
  if (!feature || parsed.yamlText === undefined) return fields;
  const raw = parseYamlFast(parsed.yamlText);
  if (!raw.ok || !raw.value || typeof raw.value !== 'object' || Array.isArray(raw.value)) return fields;
  const written = raw.value as Record<string, unknown>;
  const put = (path: string, value: unknown, normalised: unknown) => {
    const chosen = toFieldValue(normalised ?? value);
    if (chosen !== null && !fields.has(path)) fields.set(path, chosen);
  };
  for (const key of Object.keys(written)) {
    const field = Object.hasOwn(config.aliases, key) ? config.aliases[key] : key;
    const value = written[key];
    if (scoringObjects.has(field) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const child of Object.keys(value))
        put(
          `${field}.${child}`,
          (value as Record<string, unknown>)[child],
          normalisedValue(feature, field, child),
        );
    } else {
      put(field, value, normalisedValue(feature, field));
    }
  }
  return fields;
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
