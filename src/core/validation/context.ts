// The state every validator shares: the config's lookups (computed once per config), the issue being built,
// and the small helpers that read a value as text, a number or a list and report when it is not.
import type { FieldReading, RoadmapConfig } from '../config';
import { didYouMean } from '../didYouMean';
import { severityFor } from '../featureFile';
import { confidenceRubric, featureFields, impactRubric } from '../schema';
import type { Feature, IssueData, RuleCode } from '../types';

export type Path = (string | number)[];

export interface Pending {
  code: RuleCode;
  message: string;
  path: Path;
  /** Which part of the path's entry the issue sits on. */
  on: 'key' | 'value' | 'fence';
  data?: IssueData;
}

export const quote = (value: unknown) =>
  typeof value === 'string' ? `'${value.length > 60 ? value.slice(0, 60) + '…' : value}'` : String(value);
export const describe = (value: unknown) =>
  value === null
    ? 'empty'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a mapping'
        : `${typeof value} ${quote(value)}`;

export function nearest(value: number, tiers: readonly number[]): number {
  return tiers.reduce(
    (best, tier) => (Math.abs(tier - value) < Math.abs(best - value) ? tier : best),
    tiers[0],
  );
}

/** Per-config lookups, computed once per config object rather than per file. */
export interface ConfigTables {
  statuses: RoadmapConfig['statuses'];
  aliases: RoadmapConfig['aliases'];
  fields: RoadmapConfig['fields'];
  milestones: RoadmapConfig['milestones'];
  goals: RoadmapConfig['goals'];
  /** Every name a top-level key may be corrected to: built-in fields, custom fields, aliases. */
  knownNames: string[];
  statusIds: string[];
  /** Lowercased status id → the first status id with that spelling. */
  statusByLower: Map<string, string>;
  milestoneIds: string[];
  milestoneSet: Set<string>;
  goalIds: string[];
  goalSet: Set<string>;
  reading: RoadmapConfig['reading'];
  required: RoadmapConfig['required'];
  requiredWhen: RoadmapConfig['requiredWhen'];
  ids: RoadmapConfig['ids'];
  /** Canonical field → how its values are read. */
  readings: Map<string, ReadingTable>;
  /** Every field some rule of `required` may ask for. */
  requirable: string[];
  idPattern?: RegExp;
}

/** A field's `empty` and `map` settings as lowercased lookups. */
interface ReadingTable {
  empty: Set<string>;
  map: Map<string, string>;
}

export function readingTable(reading: FieldReading): ReadingTable {
  return {
    empty: new Set((reading.empty ?? []).map((value) => String(value).trim().toLowerCase())),
    map: new Map(Object.entries(reading.map ?? {}).map(([word, ours]) => [word.trim().toLowerCase(), ours])),
  };
}

const configTables = new WeakMap<RoadmapConfig, ConfigTables>();
const builtInFieldNames = featureFields.map((field) => field.name);
export const impactTiers = impactRubric.map((tier) => tier.value);
export const confidenceTiers = confidenceRubric.map((tier) => tier.value);

export function tablesFor(config: RoadmapConfig): ConfigTables {
  const cached = configTables.get(config);
  if (
    cached !== undefined &&
    cached.statuses === config.statuses &&
    cached.aliases === config.aliases &&
    cached.fields === config.fields &&
    cached.milestones === config.milestones &&
    cached.goals === config.goals &&
    cached.reading === config.reading &&
    cached.required === config.required &&
    cached.requiredWhen === config.requiredWhen &&
    cached.ids === config.ids &&
    cached.statusIds.length === config.statuses.length &&
    cached.milestoneIds.length === config.milestones.length &&
    cached.goalIds.length === config.goals.length
  )
    return cached;
  const statusIds = config.statuses.map((status) => status.id);
  const statusByLower = new Map<string, string>();
  for (const id of statusIds) {
    const lower = id.toLowerCase();
    if (!statusByLower.has(lower)) statusByLower.set(lower, id);
  }
  const milestoneIds = config.milestones.map((entry) => entry.id);
  const goalIds = config.goals.map((entry) => entry.id);
  const tables: ConfigTables = {
    statuses: config.statuses,
    aliases: config.aliases,
    fields: config.fields,
    milestones: config.milestones,
    goals: config.goals,
    knownNames: [...builtInFieldNames, ...Object.keys(config.fields), ...Object.keys(config.aliases)],
    statusIds,
    statusByLower,
    milestoneIds,
    milestoneSet: new Set(milestoneIds),
    goalIds,
    goalSet: new Set(goalIds),
    reading: config.reading,
    required: config.required,
    requiredWhen: config.requiredWhen,
    ids: config.ids,
    readings: new Map(Object.keys(config.reading).map((name) => [name, readingTable(config.reading[name])])),
    requirable: [...new Set([...config.required, ...config.requiredWhen.map((entry) => entry.field)])],
    ...(config.ids.fromPath ? { idPattern: new RegExp(config.ids.fromPath) } : {}),
  };
  configTables.set(config, tables);
  return tables;
}

/** The state of one front-matter validation, passed explicitly to the small per-kind validators. */
export interface Context {
  feature: Feature;
  pending: Pending[];
  keys: Record<string, string>;
  config: RoadmapConfig;
  tables: ConfigTables;
}

/**
 * Per candidate list and input, what `make` gives, remembered: a corpus that a config does not describe yet
 * repeats the same few unknown keys and values in every file. Bounded, since an editor session sees every typo.
 */
function remembered<T>(
  memo: WeakMap<readonly string[], Map<string, T>>,
  candidates: readonly string[],
  input: string,
  make: () => T,
): T {
  let byInput = memo.get(candidates);
  if (!byInput) memo.set(candidates, (byInput = new Map()));
  let value = byInput.get(input);
  if (value === undefined) {
    if (byInput.size >= 1000) byInput.clear();
    value = make();
    byInput.set(input, value);
  }
  return value;
}

const suggestionMemo = new WeakMap<readonly string[], Map<string, string[]>>();

export function suggest(input: string, candidates: readonly string[]): string[] {
  return remembered(suggestionMemo, candidates, input, () => didYouMean(input, candidates));
}

export function report(
  ctx: Context,
  code: RuleCode,
  message: string,
  path: Path,
  on: Pending['on'] = 'value',
  data?: IssueData,
): void {
  // A rule that is off is never placed (placing is the costly part of an issue).
  if (!severityFor(code, ctx.config)) return;
  ctx.pending.push(data ? { code, message, path, on, data } : { code, message, path, on });
}

export function pathOf(ctx: Context, name: string): Path {
  return [(Object.hasOwn(ctx.keys, name) ? ctx.keys[name] : undefined) ?? name];
}

/** The key the file itself uses for a field (`assignee` for `owner`): messages name it. */
export function writtenKey(ctx: Context, name: string): string {
  return (Object.hasOwn(ctx.keys, name) ? ctx.keys[name] : undefined) ?? name;
}

export function reportDuplicateKey(ctx: Context, key: string, canonical: string): void {
  report(
    ctx,
    'unknown-field',
    `'${key}' repeats '${ctx.keys[canonical]}' (an alias of the same field); keep one.`,
    [key],
    'key',
  );
}

/** One memo per kind of message: the input is looked up as it is, never joined with the kind into a new string to hash. */
const messageMemos = new Map<string, WeakMap<readonly string[], Map<string, string>>>();

/**
 * A message about `input` (a value or key checked against `candidates`), remembered per `kind`: at 50,000
 * unknown keys, a message built per occurrence was 150,000 string pieces kept until the report.
 */
export function rememberedMessage(
  kind: string,
  candidates: readonly string[],
  input: string,
  make: () => string,
): string {
  let memo = messageMemos.get(kind);
  if (!memo) messageMemos.set(kind, (memo = new WeakMap()));
  return remembered(memo, candidates, input, make);
}

export function reportUnknownField(ctx: Context, key: string): void {
  if (!severityFor('unknown-field', ctx.config)) return;
  const suggestions = suggest(key, ctx.tables.knownNames);
  const message = rememberedMessage(
    'unknown-field',
    ctx.tables.knownNames,
    key,
    () =>
      `Unknown field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '. Declare custom fields under `fields:` in .roadmap/config.yaml.'}`,
  );
  report(ctx, 'unknown-field', message, [key], 'key', { suggestions });
}

export function reportMissingRequired(ctx: Context, name: string, value: unknown): void {
  report(
    ctx,
    'missing-field',
    `Required field '${name}' is ${value === undefined ? 'missing' : 'empty'}.`,
    value === undefined ? [] : pathOf(ctx, name),
    value === undefined ? 'fence' : 'value',
    {
      field: name,
    },
  );
}

export function reportInvalidType(ctx: Context, path: Path, expected: string, value: unknown): void {
  report(ctx, 'invalid-type', `'${path.join('.')}' must be ${expected}, not ${describe(value)}.`, path);
}

export function expectText(ctx: Context, name: string, path: Path, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && name !== 'title') return String(value);
  if (value !== null) reportInvalidType(ctx, path, 'text', value);
  return undefined;
}

export function expectNumber(ctx: Context, path: Path, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value !== null) reportInvalidType(ctx, path, 'a number', value);
  return undefined;
}

export function reportNotList(ctx: Context, path: Path, value: unknown): void {
  const single = typeof value === 'string' || typeof value === 'number' ? `[${value}]` : undefined;
  report(
    ctx,
    'invalid-type',
    `'${path.join('.')}' must be a list, such as [a, b], not ${describe(value)}.`,
    path,
    'value',
    single ? { replacement: single } : undefined,
  );
}

export function expectList(ctx: Context, path: Path, value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value === null) return undefined;
  reportNotList(ctx, path, value);
  return undefined;
}

/**
 * A list as written, a single scalar, or (with `split`) a delimited string, as a list. `flatListsRefused`: a
 * comma in a single value reads as a list written flat (ids and tags), not as one value (a person's name).
 */
export function asList(
  ctx: Context,
  name: string,
  value: unknown,
  flatListsRefused = false,
): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number') {
    const delimiter = ctx.config.reading[name]?.split;
    if (delimiter !== undefined && typeof value === 'string')
      return value
        .split(delimiter)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    return flatListsRefused && typeof value === 'string' && value.includes(',') ? undefined : [value];
  }
  return undefined;
}

/**
 * A written value as the config says to read it: a placeholder listed under `empty` is no value (null), and a
 * word of the team's vocabulary (`map`) becomes ours. Lists are read item by item.
 */
export function readValue(reading: ReadingTable | undefined, value: unknown): unknown {
  if (!reading || value === null || value === undefined) return value;
  if (Array.isArray(value))
    return reading.map.size > 0 ? value.map((item) => readValue(reading, item)) : value;
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const text = String(value).trim().toLowerCase();
  if (reading.empty.has(text)) return null;
  return reading.map.get(text) ?? value;
}
