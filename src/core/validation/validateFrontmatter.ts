// One front-matter mapping → a Feature: keys resolved through aliases, values read in the team's words
// (map, empty), required fields (with conditions), each field to its validator, and the stubs `skip` names.
import { type RoadmapConfig, canonicalField } from '../config';
import { isYamlFile } from '../fences';
import { type FieldSpec, featureFieldByName } from '../schema';
import { computeScore, formatScore, storedScoreMatches } from '../scoring';
import type { Feature } from '../types';
import {
  type ConfigTables,
  type Context,
  type Path,
  type Pending,
  pathOf,
  readValue,
  report,
  reportDuplicateKey,
  reportMissingRequired,
  reportUnknownField,
  tablesFor,
  writtenKey,
} from './context';
import { validateCustom } from './customFields';
import {
  validateDate,
  validateEvidence,
  validatePeople,
  validatePercent,
  validateStringList,
} from './datesAndLists';
import { validateObject } from './numbers';
import {
  validateEnum,
  validateId,
  validateQuarter,
  validateReference,
  validateStatus,
  validateStoredScore,
  validateText,
} from './textFields';

function validateField(ctx: Context, spec: FieldSpec, name: string, path: Path, value: unknown): void {
  switch (spec.kind) {
    case 'id':
      return validateId(ctx, name, path, value);
    case 'text':
      return validateText(ctx, name, path, value);
    case 'status':
      return validateStatus(ctx, name, path, value);
    case 'enum':
      return validateEnum(ctx, spec, name, path, value);
    case 'object':
      return validateObject(ctx, spec, path, value);
    case 'number':
      return validateStoredScore(ctx, path, value);
    case 'milestone':
    case 'goal':
      return validateReference(ctx, spec, name, path, value);
    case 'quarter':
      return validateQuarter(ctx, name, path, value);
    case 'date':
      return validateDate(ctx, name, path, value);
    case 'idList':
    case 'textList':
      return validateStringList(ctx, spec, name, path, value);
    case 'people':
      return validatePeople(ctx, name, path, value);
    case 'evidence':
      return validateEvidence(ctx, path, value);
    case 'percent':
      return validatePercent(ctx, path, value);
    default:
      return;
  }
}

function reportStaleScore(ctx: Context, storedScore: number, score: number): void {
  report(
    ctx,
    'score-stale',
    `Stored score ${storedScore} is stale: the ${ctx.config.scoring.model.toUpperCase()} inputs give ${formatScore(score)}.`,
    pathOf(ctx, 'score'),
    'value',
    {
      replacement: Number(formatScore(score)),
    },
  );
}

function reportEvidenceMissing(ctx: Context): void {
  report(
    ctx,
    'evidence-missing',
    'Confidence is 100% but no evidence backs it: add customer feedback links under `evidence:`, or lower confidence to 80%.',
    [...pathOf(ctx, 'rice'), 'confidence'],
  );
}

/**
 * Known fields by canonical name, in the order they were written, with their values as read. Two arrays: a
 * front-matter has a few dozen fields at most, and a Map grown field by field cost more than its lookups save.
 */
class ReadValues {
  readonly names: string[] = [];
  readonly read: unknown[] = [];

  add(name: string, value: unknown): void {
    this.names.push(name);
    this.read.push(value);
  }

  get(name: string): unknown {
    const index = this.names.indexOf(name);
    return index < 0 ? undefined : this.read[index];
  }
}

/**
 * A front-matter's known fields by canonical name: `values` as read (the field's `map` and `empty` applied),
 * and as written (`raw` under the key the file used, from `keys`). Conditions may name the team's words or ours.
 */
interface ReadFields {
  values: ReadValues;
  raw: Record<string, unknown>;
  keys: Record<string, string>;
}

/** Whether a field's value (as read, or as written) is one of the listed values, ignoring case. */
function holdsOneOf(fields: ReadFields, field: string, listed: string[]): boolean {
  const written = Object.hasOwn(fields.keys, field) ? fields.raw[fields.keys[field]] : undefined;
  const candidates = [fields.values.get(field), written];
  return candidates.some(
    (candidate) =>
      (typeof candidate === 'string' || typeof candidate === 'number' || typeof candidate === 'boolean') &&
      listed.some((entry) => entry.toLowerCase() === String(candidate).trim().toLowerCase()),
  );
}

function conditionHolds(condition: Record<string, string[]>, fields: ReadFields, every: boolean): boolean {
  const names = Object.keys(condition);
  const test = (field: string) => holdsOneOf(fields, field, condition[field]);
  return every ? names.every(test) : names.some(test);
}

function isRequired(ctx: Context, name: string, fields: ReadFields): boolean {
  if (ctx.config.required.includes(name)) return true;
  return ctx.config.requiredWhen.some(
    (entry) =>
      entry.field === name &&
      (!entry.when || conditionHolds(entry.when, fields, true)) &&
      !(entry.unless && conditionHolds(entry.unless, fields, false)),
  );
}

/** The id a file without one takes from its path, by the config's `ids.fromPath` pattern. */
function idFromPath(tables: ConfigTables, file: string): string | undefined {
  const match = tables.idPattern?.exec(file);
  if (!match) return undefined;
  const id = match[1] ?? match[0];
  return id === '' ? undefined : id;
}

export function validateFrontmatter(
  file: string,
  raw: Record<string, unknown>,
  config: RoadmapConfig,
  pending: Pending[],
  keys: Record<string, string>,
): Feature {
  const feature: Feature = { file, dependsOn: [], tags: [], evidence: [], custom: {} };
  const tables = tablesFor(config);
  const ctx: Context = { feature, pending, keys, config, tables };

  const values = new ReadValues();
  const fields: ReadFields = { values, raw, keys };
  const rawKeys = Object.keys(raw);
  for (let i = 0; i < rawKeys.length; i++) {
    const key = rawKeys[i];
    // Own properties only: a key such as `constructor` or `toString` must not find Object.prototype's.
    const canonical = canonicalField(config.aliases, key);
    if (featureFieldByName.has(canonical) || Object.hasOwn(config.fields, canonical)) {
      if (Object.hasOwn(keys, canonical)) {
        reportDuplicateKey(ctx, key, canonical);
        continue;
      }
      keys[canonical] = key;
      values.add(canonical, readValue(tables.readings.get(canonical), raw[key]));
    } else reportUnknownField(ctx, key);
  }

  const readId = values.get('id');
  const derivedId = readId === undefined || readId === null ? idFromPath(tables, file) : undefined;
  for (const name of tables.requirable) {
    const value = values.get(name);
    if (name === 'id' && derivedId !== undefined) continue;
    // A YAML metadata file may leave its title to the Markdown beside it.
    if (name === 'title' && config.sidecarMarkdown !== undefined && isYamlFile(file)) continue;
    if ((value === undefined || value === null || value === '') && isRequired(ctx, name, fields))
      reportMissingRequired(ctx, name, value);
  }

  for (let i = 0; i < values.names.length; i++) {
    const name = values.names[i];
    const value = values.read[i];
    const spec = featureFieldByName.get(name);
    const path = pathOf(ctx, name);
    if (!spec) feature.custom[name] = validateCustom(ctx, name, config.fields[name], value, path);
    else validateField(ctx, spec, name, path, value);
  }
  if (feature.id === undefined && derivedId !== undefined) feature.id = derivedId;

  if (feature.start && feature.end && feature.end < feature.start) {
    report(
      ctx,
      'date-order',
      `'${writtenKey(ctx, 'end')}' ${feature.end} is before '${writtenKey(ctx, 'start')}' ${feature.start}.`,
      pathOf(ctx, 'end'),
    );
  }

  feature.score = computeScore(feature, config.scoring.model);
  if (
    feature.storedScore !== undefined &&
    feature.score !== undefined &&
    !storedScoreMatches(feature.storedScore, feature.score)
  ) {
    reportStaleScore(ctx, feature.storedScore, feature.score);
  }
  if (config.scoring.model === 'rice' && feature.rice?.confidence === 100 && feature.evidence.length === 0) {
    reportEvidenceMissing(ctx);
  }
  const skipFields = Object.keys(config.skip);
  if (
    skipFields.some((field) => holdsOneOf(fields, canonicalField(config.aliases, field), config.skip[field]))
  ) {
    // A stub (`status: Moved`) is out of checks and views, but other features may still depend on it.
    feature.skipped = true;
    pending.length = 0;
  }
  return feature;
}
