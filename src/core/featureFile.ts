// One feature file: front-matter → a normalised Feature plus the per-file issues, each at its source span.
import {
  canonicalField,
  type CustomFieldDefinition,
  type FieldReading,
  type RoadmapConfig,
  type SubFieldDefinition,
} from './config';
import picomatch from 'picomatch/posix';
import { didYouMean } from './didYouMean';
import { calendarDayOf, reformatDate } from './plan/calendar';
import { FrontmatterLocator, parseYamlFast, type Located } from './frontmatter';
import { isYamlFile, maxFrontmatterLength, splitMetadata, type FrontmatterSplit } from './fences';
import {
  confidenceRubric,
  featureFieldByName,
  featureFields,
  impactRubric,
  ruleByCode,
  type FieldSpec,
} from './schema';
import { computeScore, formatScore, storedScoreMatches } from './scoring';
import type { EvidenceLink, Feature, Issue, IssueData, Moscow, RuleCode, Severity, Span } from './types';

export interface FeatureFile {
  file: string;
  /** False for Markdown without front-matter: not a feature, ignored silently. */
  isFeature: boolean;
  /** Present when the front-matter parsed as a mapping. */
  feature?: Feature;
  /** Per-file issues, sorted by position. Cross-file issues live in the index. */
  issues: Issue[];
  split: FrontmatterSplit;
  /** The front-matter's YAML text, kept so that positions can be computed when first needed. */
  yamlText?: string;
  /** Source spans of front-matter paths, computed on first use (see `locate`). */
  locator?: FrontmatterLocator;
  /** The key each canonical field was written under (an alias such as `priority` for `moscow`). */
  keys: Record<string, string>;
  /** The Markdown beside YAML metadata files (the config's `sidecarMarkdown`): what it adds to them. */
  sidecar?: SidecarInsights;
  /** A milestone or goal file (the config's `milestoneFiles`/`goalFiles`) declares one, and is no feature. */
  declares?: { kind: 'milestone' | 'goal'; id: string; title: string };
}

type Path = (string | number)[];

interface Pending {
  code: RuleCode;
  message: string;
  path: Path;
  /** Which part of the path's entry the issue sits on. */
  on: 'key' | 'value' | 'fence';
  data?: IssueData;
}

/** Files that are not text: a NUL in the first kilobytes is what git uses too. */
function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

export function severityFor(code: RuleCode, config: RoadmapConfig): Severity | undefined {
  const setting = config.rules[code] ?? ruleByCode.get(code)?.severity;
  return setting === 'off' ? undefined : setting;
}

export function makeIssue(
  code: RuleCode,
  message: string,
  span: Span,
  config: RoadmapConfig,
  data?: IssueData,
): Issue | undefined {
  const severity = severityFor(code, config);
  if (!severity) return undefined;
  return data ? { code, severity, message, span, data } : { code, severity, message, span };
}

/** What the Markdown beside a YAML metadata file gives its feature: the title of its first heading, and progress. */
export interface SidecarInsights {
  title?: string;
  tasks: { done: number; total: number };
}

const firstHeading = /^#[ \t]+(.+?)[ \t#]*$/m;
const taskItem = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[([ xX])\]/gm;

/** Read with two regular expressions, not remark: every sidecar is read while indexing. */
function sidecarInsights(text: string): SidecarInsights {
  const tasks = { done: 0, total: 0 };
  for (const match of text.matchAll(taskItem)) {
    tasks.total++;
    if (match[1] !== ' ') tasks.done++;
  }
  const heading = firstHeading.exec(text)?.[1].trim();
  return heading ? { title: heading, tasks } : { tasks };
}

/** Whether a file is the Markdown beside YAML metadata files (`README.md` when `sidecarMarkdown` says so). */
export function isSidecarMarkdown(config: RoadmapConfig, file: string): boolean {
  return (
    config.sidecarMarkdown !== undefined &&
    file.slice(file.lastIndexOf('/') + 1).toLowerCase() === config.sidecarMarkdown.toLowerCase()
  );
}

export function parseFeatureFile(file: string, text: string, config: RoadmapConfig): FeatureFile {
  const result: FeatureFile = { file, isFeature: false, issues: [], split: { kind: 'none' }, keys: {} };
  if (isSidecarMarkdown(config, file)) {
    if (!looksBinary(text)) result.sidecar = sidecarInsights(text);
    return result;
  }
  const fileIssue = (code: RuleCode, message: string, span: Span) => {
    const issue = makeIssue(code, message, span, config);
    if (issue) result.issues.push(issue);
  };
  if (looksBinary(text)) {
    result.isFeature = /^\uFEFF?---/.test(text);
    if (result.isFeature)
      fileIssue('file-unreadable', 'This file looks binary (it contains NUL bytes); it was not indexed.', {
        start: 0,
        end: 0,
      });
    return result;
  }
  const split = splitMetadata(text, file);
  result.split = split;
  if (split.kind === 'none') return result;
  result.isFeature = true;
  if (split.kind === 'unclosed' && split.tooLarge) {
    fileIssue(
      'file-unreadable',
      `The front-matter is longer than ${maxFrontmatterLength / 1024} KiB; it was not indexed.`,
      split.fence,
    );
    return result;
  }
  if (split.kind === 'unclosed') {
    fileIssue(
      'frontmatter-unclosed',
      'The front-matter opened here is never closed: add a line with `---` after the last field.',
      split.fence,
    );
    return result;
  }
  const yamlText = text.slice(split.yamlStart, split.yamlEnd);
  result.yamlText = yamlText;
  if (yamlText.includes('\uFFFD')) {
    fileIssue(
      'file-unreadable',
      'The front-matter is not valid UTF-8 (it contains undecodable bytes); save the file as UTF-8.',
      split.fence,
    );
  }
  const parsed = parseYamlFast(yamlText);
  const declared = declarationKind(config, file);
  if (declared) {
    result.isFeature = false;
    if (parsed.ok) result.declares = declaration(declared, file, parsed.value);
    return result;
  }
  if (!parsed.ok) {
    const start = split.yamlStart + Math.min(parsed.offset, yamlText.length);
    fileIssue('yaml-syntax', `Invalid YAML in the front-matter: ${parsed.message}.`, {
      start,
      end: Math.min(start + parsed.length, split.yamlEnd),
    });
    return result;
  }
  const raw = parsed.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    fileIssue(
      'frontmatter-not-mapping',
      `The front-matter is ${Array.isArray(raw) ? 'a list' : 'a single value'}; it must be fields such as \`id: F-001\` on separate lines.`,
      { start: split.yamlStart, end: split.yamlEnd },
    );
    return result;
  }
  const pending: Pending[] = [];
  result.feature = validateFrontmatter(file, raw as Record<string, unknown>, config, pending, result.keys);
  if (pending.length > 0) {
    for (const problem of pending) {
      const located = problem.on === 'fence' ? {} : locate(result, problem.path);
      const span = (problem.on === 'key' ? located.key : located.value) ?? located.key ?? split.fence;
      const issue = makeIssue(problem.code, problem.message, span, config, {
        path: problem.path,
        ...problem.data,
      });
      if (issue) result.issues.push(issue);
    }
  }
  result.issues.sort((a, b) => a.span.start - b.span.start);
  return result;
}

const declarationMatchers = new WeakMap<RoadmapConfig, (file: string) => 'milestone' | 'goal' | undefined>();

/** Whether a file declares a milestone or a goal (by the config's `milestoneFiles` and `goalFiles` globs). */
function declarationKind(config: RoadmapConfig, file: string): 'milestone' | 'goal' | undefined {
  if (!config.milestoneFiles && !config.goalFiles) return undefined;
  let matcher = declarationMatchers.get(config);
  if (!matcher) {
    const milestone = config.milestoneFiles ? picomatch(config.milestoneFiles, { dot: true }) : undefined;
    const goal = config.goalFiles ? picomatch(config.goalFiles, { dot: true }) : undefined;
    matcher = (path) => (milestone?.(path) ? 'milestone' : goal?.(path) ? 'goal' : undefined);
    declarationMatchers.set(config, matcher);
  }
  return matcher(file);
}

/** A milestone or goal file's id and title: from its front-matter, else its file name. */
function declaration(kind: 'milestone' | 'goal', file: string, value: unknown): FeatureFile['declares'] {
  const fields =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const text = (field: unknown) =>
    typeof field === 'string' || typeof field === 'number' ? String(field).trim() : undefined;
  const id = text(fields.id) || name;
  return { kind, id, title: text(fields.title) || text(fields.name) || id };
}

/** The key and value spans of a front-matter path; positions are parsed on first use and kept. */
export function locate(parsed: FeatureFile, path: readonly (string | number)[]): Located {
  if (parsed.split.kind !== 'closed' || parsed.yamlText === undefined) return {};
  parsed.locator ??= new FrontmatterLocator(parsed.yamlText, parsed.split.yamlStart);
  return parsed.locator.locate(path);
}

/** Where an issue about a path goes: its value, else its key, else the opening fence. */
export function spanOfPath(parsed: FeatureFile, path: readonly (string | number)[]): Span {
  const located = locate(parsed, path);
  const fence = parsed.split.kind === 'none' ? { start: 0, end: 0 } : parsed.split.fence;
  return located.value ?? located.key ?? fence;
}

const quote = (value: unknown) =>
  typeof value === 'string' ? `'${value.length > 60 ? value.slice(0, 60) + '…' : value}'` : String(value);
const describe = (value: unknown) =>
  value === null
    ? 'empty'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a mapping'
        : `${typeof value} ${quote(value)}`;
/** Written as a date (a time may follow) but not a day on the calendar, such as 2023-14-05. */
const dateShaped = /^\d{4}-\d{2}-\d{2}(?:$|[Tt ])/;

/** Confidence as a percentage: 0.8, 80 and '80%' are all 80. */
export function parseConfidence(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value))
    return value > 0 && value <= 1 ? value * 100 : value;
  if (typeof value === 'string') {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function nearest(value: number, tiers: readonly number[]): number {
  return tiers.reduce(
    (best, tier) => (Math.abs(tier - value) < Math.abs(best - value) ? tier : best),
    tiers[0],
  );
}

/** Spaces, YAML punctuation, and invisible control or format characters (such as U+202E, which reverses text). */
const unsafeIdCharacters = /[\s,[\]{}#&*!|>'"%@`\p{Cc}\p{Cf}]/u;
const unsafeIdCharactersAll = new RegExp(unsafeIdCharacters.source, 'gu');

/** Per-config lookups, computed once per config object rather than per file. */
interface ConfigTables {
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

function readingTable(reading: FieldReading): ReadingTable {
  return {
    empty: new Set((reading.empty ?? []).map((value) => String(value).trim().toLowerCase())),
    map: new Map(Object.entries(reading.map ?? {}).map(([word, ours]) => [word.trim().toLowerCase(), ours])),
  };
}

const configTables = new WeakMap<RoadmapConfig, ConfigTables>();
const builtInFieldNames = featureFields.map((field) => field.name);
const impactTiers = impactRubric.map((tier) => tier.value);
const confidenceTiers = confidenceRubric.map((tier) => tier.value);

function tablesFor(config: RoadmapConfig): ConfigTables {
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
interface Context {
  feature: Feature;
  pending: Pending[];
  keys: Record<string, string>;
  config: RoadmapConfig;
  tables: ConfigTables;
}

function report(
  ctx: Context,
  code: RuleCode,
  message: string,
  path: Path,
  on: Pending['on'] = 'value',
  data?: IssueData,
): void {
  ctx.pending.push(data ? { code, message, path, on, data } : { code, message, path, on });
}

function pathOf(ctx: Context, name: string): Path {
  return [(Object.hasOwn(ctx.keys, name) ? ctx.keys[name] : undefined) ?? name];
}

/** The key the file itself uses for a field (`assignee` for `owner`): messages name it. */
function writtenKey(ctx: Context, name: string): string {
  return (Object.hasOwn(ctx.keys, name) ? ctx.keys[name] : undefined) ?? name;
}

function reportDuplicateKey(ctx: Context, key: string, canonical: string): void {
  report(
    ctx,
    'unknown-field',
    `'${key}' repeats '${ctx.keys[canonical]}' (an alias of the same field); keep one.`,
    [key],
    'key',
  );
}

function reportUnknownField(ctx: Context, key: string): void {
  const suggestions = didYouMean(key, ctx.tables.knownNames);
  report(
    ctx,
    'unknown-field',
    `Unknown field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '. Declare custom fields under `fields:` in .roadmap/config.yaml.'}`,
    [key],
    'key',
    { suggestions },
  );
}

function reportMissingRequired(ctx: Context, name: string, value: unknown): void {
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

function reportInvalidType(ctx: Context, path: Path, expected: string, value: unknown): void {
  report(ctx, 'invalid-type', `'${path.join('.')}' must be ${expected}, not ${describe(value)}.`, path);
}

function expectText(ctx: Context, name: string, path: Path, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && name !== 'title') return String(value);
  if (value !== null) reportInvalidType(ctx, path, 'text', value);
  return undefined;
}

function expectNumber(ctx: Context, path: Path, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value !== null) reportInvalidType(ctx, path, 'a number', value);
  return undefined;
}

function reportNotList(ctx: Context, path: Path, value: unknown): void {
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

function expectList(ctx: Context, path: Path, value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value === null) return undefined;
  reportNotList(ctx, path, value);
  return undefined;
}

function validateImpactTier(ctx: Context, path: Path, value: unknown): number | undefined {
  if (typeof value === 'string') {
    const tier = impactRubric.find((entry) => entry.label.toLowerCase() === value.trim().toLowerCase());
    report(
      ctx,
      'rice-impact-scale',
      `RICE impact must be one of 3, 2, 1, 0.5, 0.25${tier ? `: '${value}' is ${tier.value}` : ''}.`,
      path,
      'value',
      tier ? { replacement: tier.value } : undefined,
    );
    return undefined;
  }
  const number = expectNumber(ctx, path, value);
  if (number === undefined) return undefined;
  if (!impactTiers.includes(number)) {
    const snapped = nearest(number, impactTiers);
    report(
      ctx,
      'rice-impact-scale',
      `RICE impact ${number} is off the scale 3 (massive), 2 (high), 1 (medium), 0.5 (low), 0.25 (minimal); nearest is ${snapped}.`,
      path,
      'value',
      {
        replacement: snapped,
      },
    );
    return undefined;
  }
  return number;
}

function validateConfidence(ctx: Context, path: Path, value: unknown): number | undefined {
  const percent = parseConfidence(value);
  if (percent === undefined) {
    if (value !== null)
      report(
        ctx,
        'invalid-type',
        `RICE confidence must be a percentage such as 80%, 0.8 or 80, not ${describe(value)}.`,
        path,
      );
    return undefined;
  }
  if (!(percent > 0 && percent <= 100)) {
    const snapped = nearest(Math.min(Math.max(percent, 0), 100), confidenceTiers);
    report(
      ctx,
      'rice-confidence-range',
      `RICE confidence ${quote(value)} is outside (0, 100%]; use 100%, 80% or 50%.`,
      path,
      'value',
      {
        replacement: `${snapped}%`,
      },
    );
    return undefined;
  }
  if (percent < 50) {
    report(
      ctx,
      'rice-confidence-low',
      `Confidence of ${percent}% is below 50%: a moonshot. Say why in the body, or gather evidence first.`,
      path,
    );
  }
  return percent;
}

function validateNonNegative(ctx: Context, path: Path, value: unknown, parent: string): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && number < 0) {
    report(
      ctx,
      parent === 'rice' ? 'rice-reach-range' : 'score-range',
      `'${path.join('.')}' is ${number}; it cannot be negative.`,
      path,
      'value',
      { replacement: 0 },
    );
    return undefined;
  }
  return number;
}

function validatePositive(ctx: Context, path: Path, value: unknown, parent: string): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && number <= 0) {
    report(
      ctx,
      parent === 'rice' ? 'rice-effort-range' : 'score-range',
      `'${path.join('.')}' is ${number}; it must be above 0${parent === 'rice' ? ' person-months' : ''}.`,
      path,
    );
    return undefined;
  }
  return number;
}

function validateScale10(ctx: Context, path: Path, value: unknown): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && (number < 1 || number > 10)) {
    report(
      ctx,
      'score-range',
      `'${path.join('.')}' is ${number}; ICE inputs run from 1 to 10.`,
      path,
      'value',
      {
        replacement: Math.min(10, Math.max(1, number)),
      },
    );
    return undefined;
  }
  return number;
}

function validateNumberKind(
  ctx: Context,
  spec: FieldSpec,
  path: Path,
  value: unknown,
  parent: string,
): number | undefined {
  switch (spec.kind) {
    case 'impactTier':
      return validateImpactTier(ctx, path, value);
    case 'confidence':
      return validateConfidence(ctx, path, value);
    case 'nonNegativeNumber':
      return validateNonNegative(ctx, path, value, parent);
    case 'positiveNumber':
      return validatePositive(ctx, path, value, parent);
    case 'scale10':
      return validateScale10(ctx, path, value);
    default:
      return expectNumber(ctx, path, value);
  }
}

function findChild(children: readonly FieldSpec[], key: string): FieldSpec | undefined {
  for (let i = 0; i < children.length; i++) if (children[i].name === key) return children[i];
  return undefined;
}

function reportUnknownChild(
  ctx: Context,
  spec: FieldSpec,
  children: readonly FieldSpec[],
  path: Path,
  key: string,
) {
  const suggestions = didYouMean(
    key,
    children.map((candidate) => candidate.name),
  );
  report(
    ctx,
    'unknown-field',
    `'${spec.name}' has no field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ` (it takes ${children.map((c) => c.name).join(', ')})`}`,
    [...path, key],
    'key',
    {
      suggestions,
    },
  );
}

function reportIncompleteObject(
  ctx: Context,
  spec: FieldSpec,
  children: readonly FieldSpec[],
  entries: Record<string, unknown>,
  path: Path,
): void {
  const missing = children.filter(
    (child) =>
      entries[child.name] === undefined && !(spec.name === 'wsjf' && child.name === 'risk_reduction'),
  );
  if (missing.length > 0 && missing.length < children.length) {
    for (const child of missing) {
      report(
        ctx,
        'missing-field',
        `'${spec.name}' is incomplete: add '${child.name}' (${child.description})`,
        path,
        'key',
        { field: `${spec.name}.${child.name}` },
      );
    }
  }
}

function validateObject(ctx: Context, spec: FieldSpec, path: Path, value: unknown): void {
  if (value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(
      ctx,
      'invalid-type',
      `'${spec.name}' must be a mapping such as ${spec.example}, not ${describe(value)}.`,
      path,
    );
    return;
  }
  const children = spec.children ?? [];
  const result: Record<string, number> = {};
  const entries = value as Record<string, unknown>;
  const entryKeys = Object.keys(entries);
  for (let i = 0; i < entryKeys.length; i++) {
    const key = entryKeys[i];
    const child = findChild(children, key);
    if (!child) {
      reportUnknownChild(ctx, spec, children, path, key);
      continue;
    }
    const number = validateNumberKind(ctx, child, [...path, key], entries[key], spec.name);
    if (number !== undefined) result[key] = number;
  }
  let missing = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (entries[child.name] === undefined && !(spec.name === 'wsjf' && child.name === 'risk_reduction'))
      missing++;
  }
  if (missing > 0 && missing < children.length) reportIncompleteObject(ctx, spec, children, entries, path);
  (ctx.feature as unknown as Record<string, unknown>)[spec.name] = result;
}

function reportInvalidId(ctx: Context, path: Path, id: string): void {
  report(
    ctx,
    'invalid-id',
    `Id ${quote(id)} contains spaces, YAML punctuation or invisible characters; use letters, digits, '-', '_', '.' or '/'.`,
    path,
    'value',
    {
      replacement: id.trim().replace(/\s+/g, '-').replace(unsafeIdCharactersAll, ''),
    },
  );
}

function validateId(ctx: Context, name: string, path: Path, value: unknown): void {
  const id = expectText(ctx, name, path, value);
  if (id === undefined || id === '') return;
  if (unsafeIdCharacters.test(id)) reportInvalidId(ctx, path, id);
  ctx.feature.id = id;
}

function validateText(ctx: Context, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text !== undefined && text !== '') (ctx.feature as unknown as Record<string, string>)[name] = text;
}

function reportUnknownStatus(ctx: Context, path: Path, text: string): void {
  const ids = ctx.tables.statusIds;
  const suggestions = didYouMean(text, ids);
  report(
    ctx,
    'invalid-enum',
    `Unknown status ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ''} Statuses: ${ids.join(', ')}.`,
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : ids.slice(),
    },
  );
}

function validateStatus(ctx: Context, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text === undefined || text === '') return;
  const exact = ctx.tables.statusByLower.get(text.toLowerCase());
  if (exact) ctx.feature.status = exact;
  else reportUnknownStatus(ctx, path, text);
}

function reportInvalidEnum(
  ctx: Context,
  name: string,
  path: Path,
  text: string,
  allowed: readonly string[],
): void {
  const suggestions = didYouMean(text, allowed);
  report(
    ctx,
    'invalid-enum',
    `'${name}' must be one of ${allowed.join(', ')}, not ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'}`,
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : [...allowed],
    },
  );
}

function validateEnum(ctx: Context, spec: FieldSpec, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text === undefined || text === '') return;
  const normalised = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/\s+have$/, '');
  const allowed = spec.values ?? [];
  if (allowed.includes(normalised)) ctx.feature.moscow = normalised as Moscow;
  else reportInvalidEnum(ctx, writtenKey(ctx, name), path, text, allowed);
}

function validateStoredScore(ctx: Context, path: Path, value: unknown): void {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined) ctx.feature.storedScore = number;
}

function reportUnknownReference(
  ctx: Context,
  isMilestone: boolean,
  name: string,
  path: Path,
  text: string,
): void {
  const known = isMilestone ? ctx.tables.milestoneIds : ctx.tables.goalIds;
  const suggestions = didYouMean(text, known);
  report(
    ctx,
    isMilestone ? 'unknown-milestone' : 'unknown-goal',
    `Unknown ${name} ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ''} Known: ${known.join(', ')}.`,
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : known.slice(),
    },
  );
}

function validateReference(ctx: Context, spec: FieldSpec, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text === undefined || text === '') return;
  (ctx.feature as unknown as Record<string, string>)[name] = text;
  const isMilestone = spec.kind === 'milestone';
  const known = isMilestone ? ctx.tables.milestoneSet : ctx.tables.goalSet;
  // Milestones declared by files are checked on the index, which knows them all.
  const declaredByFiles = isMilestone ? ctx.config.milestoneFiles : ctx.config.goalFiles;
  if (known.size > 0 && !declaredByFiles && !known.has(text))
    reportUnknownReference(ctx, isMilestone, name, path, text);
}

const quarterPattern = /^\d{4}-Q[1-4]$/;

function reportInvalidQuarter(ctx: Context, path: Path, text: string): void {
  const loose = /^(?:(\d{4})[-\s]?[Qq]([1-4])|[Qq]([1-4])[-\s/]?(\d{4}))$/.exec(text.trim());
  const replacement = loose ? `${loose[1] ?? loose[4]}-Q${loose[2] ?? loose[3]}` : undefined;
  report(
    ctx,
    'invalid-quarter',
    `Quarter ${quote(text)} must be written yyyy-Qn, such as 2026-Q1${replacement ? ` (${replacement})` : ''}.`,
    path,
    'value',
    replacement ? { replacement } : undefined,
  );
}

function validateQuarter(ctx: Context, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text === undefined || text === '') return;
  if (quarterPattern.test(text)) ctx.feature.quarter = text;
  else reportInvalidQuarter(ctx, path, text);
}

function reportInvalidDate(ctx: Context, name: string, path: Path, value: unknown): void {
  const key = writtenKey(ctx, name);
  if (typeof value !== 'string') {
    report(ctx, 'invalid-date', `'${key}' must be a date written yyyy-mm-dd, not ${describe(value)}.`, path);
    return;
  }
  const replacement = reformatDate(value);
  const why = dateShaped.test(value.trim())
    ? 'is not a day on the calendar'
    : 'must be written yyyy-mm-dd (a time of day may follow)';
  report(
    ctx,
    'invalid-date',
    `'${key}' ${quote(value)} ${why}${replacement ? `; did you mean ${replacement}?` : '.'}`,
    path,
    'value',
    replacement ? { replacement } : undefined,
  );
}

function validateDate(ctx: Context, name: string, path: Path, value: unknown): void {
  if (typeof value !== 'string') {
    if (value !== null) reportInvalidDate(ctx, name, path, value);
    return;
  }
  // Views plan by the day; the time of day stays in the file as written.
  const day = calendarDayOf(value);
  if (day) (ctx.feature as unknown as Record<string, string>)[name] = day;
  else reportInvalidDate(ctx, name, path, value);
}

/**
 * A list as written, a single scalar, or (with `split`) a delimited string, as a list. `flatListsRefused`: a
 * comma in a single value reads as a list written flat (ids and tags), not as one value (a person's name).
 */
function asList(ctx: Context, name: string, value: unknown, flatListsRefused = false): unknown[] | undefined {
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

function validatePeople(ctx: Context, name: string, path: Path, value: unknown): void {
  if (value === null) return;
  const list = asList(ctx, name, value);
  if (!list) return reportInvalidType(ctx, path, 'a name or a list of names', value);
  const people: string[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (typeof item === 'string' || typeof item === 'number') {
      if (String(item) !== '') people.push(String(item));
    } else
      report(
        ctx,
        'invalid-type',
        `Entry ${index + 1} of '${writtenKey(ctx, name)}' must be a name, not ${describe(item)}.`,
        Array.isArray(value) ? [...path, index] : path,
      );
  }
  if (people.length === 0) return;
  // The first person listed is the one accountable; views show them all.
  ctx.feature.owner = people[0];
  if (people.length > 1) ctx.feature.owners = people;
}

function validateStringList(ctx: Context, spec: FieldSpec, name: string, path: Path, value: unknown): void {
  if (value === null) return;
  const list = asList(ctx, name, value, true);
  if (!list) return reportNotList(ctx, path, value);
  const isIdList = spec.kind === 'idList';
  const target = isIdList ? ctx.feature.dependsOn : ctx.feature.tags;
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (typeof item === 'string') target.push(item);
    else if (typeof item === 'number') target.push(String(item));
    else
      report(
        ctx,
        'invalid-type',
        `Entry ${index + 1} of '${writtenKey(ctx, name)}' must be ${isIdList ? 'a feature id' : 'text'}, not ${describe(item)}.`,
        Array.isArray(value) ? [...path, index] : path,
      );
  }
}

const httpUrl = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function validateEvidence(ctx: Context, path: Path, value: unknown): void {
  const list = expectList(ctx, path, value);
  if (!list) return;
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    const link = evidenceLink(item);
    if (!link) {
      report(
        ctx,
        'invalid-type',
        `Evidence entry ${index + 1} must be a URL or {url, note}, not ${describe(item)}.`,
        [...path, index],
      );
      continue;
    }
    if (!httpUrl.test(link.url)) {
      report(
        ctx,
        'invalid-url',
        `Evidence ${quote(link.url)} is not an http(s) link.`,
        typeof item === 'string' ? [...path, index] : [...path, index, 'url'],
      );
    }
    ctx.feature.evidence.push(link);
  }
}

const percentText = /^\s*\d+(\.\d+)?\s*%\s*$/;

function validatePercent(ctx: Context, path: Path, value: unknown): void {
  const number =
    typeof value === 'string' && percentText.test(value) ? parseFloat(value) : expectNumber(ctx, path, value);
  if (number === undefined) return;
  if (number < 0 || number > 100)
    report(ctx, 'progress-range', `Progress ${number} must be between 0 and 100.`, path, 'value', {
      replacement: Math.min(100, Math.max(0, number)),
    });
  else ctx.feature.progress = number;
}

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
 * A written value as the config says to read it: a placeholder listed under `empty` is no value (null), and a
 * word of the team's vocabulary (`map`) becomes ours. Lists are read item by item.
 */
function readValue(reading: ReadingTable | undefined, value: unknown): unknown {
  if (!reading || value === null || value === undefined) return value;
  if (Array.isArray(value))
    return reading.map.size > 0 ? value.map((item) => readValue(reading, item)) : value;
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const text = String(value).trim();
  if (reading.empty.has(text.toLowerCase())) return null;
  return reading.map.get(text.toLowerCase()) ?? value;
}

/** Whether a field's value (as read, or as written) is one of the listed values, ignoring case. */
function holdsOneOf(
  values: Record<string, unknown>,
  written: Record<string, unknown>,
  field: string,
  listed: string[],
): boolean {
  const candidates = [values[field], written[field]];
  return candidates.some(
    (candidate) =>
      (typeof candidate === 'string' || typeof candidate === 'number' || typeof candidate === 'boolean') &&
      listed.some((entry) => entry.toLowerCase() === String(candidate).trim().toLowerCase()),
  );
}

function conditionHolds(
  condition: Record<string, string[]>,
  values: Record<string, unknown>,
  written: Record<string, unknown>,
  every: boolean,
): boolean {
  const fields = Object.keys(condition);
  const test = (field: string) => holdsOneOf(values, written, field, condition[field]);
  return every ? fields.every(test) : fields.some(test);
}

function isRequired(
  ctx: Context,
  name: string,
  values: Record<string, unknown>,
  written: Record<string, unknown>,
): boolean {
  if (ctx.config.required.includes(name)) return true;
  return ctx.config.requiredWhen.some(
    (entry) =>
      entry.field === name &&
      (!entry.when || conditionHolds(entry.when, values, written, true)) &&
      !(entry.unless && conditionHolds(entry.unless, values, written, false)),
  );
}

/** The id a file without one takes from its path, by the config's `ids.fromPath` pattern. */
function idFromPath(tables: ConfigTables, file: string): string | undefined {
  const match = tables.idPattern?.exec(file);
  if (!match) return undefined;
  const id = match[1] ?? match[0];
  return id === '' ? undefined : id;
}

function validateFrontmatter(
  file: string,
  raw: Record<string, unknown>,
  config: RoadmapConfig,
  pending: Pending[],
  keys: Record<string, string>,
): Feature {
  const feature: Feature = { file, dependsOn: [], tags: [], evidence: [], custom: {} };
  const tables = tablesFor(config);
  const ctx: Context = { feature, pending, keys, config, tables };

  const values: Record<string, unknown> = {};
  /** Values as written, by canonical name: conditions may name the team's words or ours. */
  const written: Record<string, unknown> = {};
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
      written[canonical] = raw[key];
      values[canonical] = readValue(tables.readings.get(canonical), raw[key]);
    } else reportUnknownField(ctx, key);
  }

  const derivedId = values.id === undefined || values.id === null ? idFromPath(tables, file) : undefined;
  for (const name of tables.requirable) {
    const value = values[name];
    if (name === 'id' && derivedId !== undefined) continue;
    // A YAML metadata file may leave its title to the Markdown beside it.
    if (name === 'title' && config.sidecarMarkdown !== undefined && isYamlFile(file)) continue;
    if ((value === undefined || value === null || value === '') && isRequired(ctx, name, values, written))
      reportMissingRequired(ctx, name, value);
  }

  const names = Object.keys(values);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = values[name];
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
    skipFields.some((field) =>
      holdsOneOf(values, written, canonicalField(config.aliases, field), config.skip[field]),
    )
  ) {
    // A stub (`status: Moved`) is out of checks and views, but other features may still depend on it.
    feature.skipped = true;
    pending.length = 0;
  }
  return feature;
}

function evidenceLink(item: unknown): EvidenceLink | undefined {
  if (typeof item === 'string') return { url: item };
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const entry = item as Record<string, unknown>;
    if (typeof entry.url !== 'string') return undefined;
    return typeof entry.note === 'string' ? { url: entry.url, note: entry.note } : { url: entry.url };
  }
  return undefined;
}

function wrongCustomType(ctx: Context, name: string, expected: string, value: unknown, path: Path): void {
  report(ctx, 'invalid-type', `'${name}' must be ${expected}, not ${describe(value)}.`, path);
}

/** Version-like text: 1.20, v1.29, 2.0.0-rc.1. */
const versionText = /^v?\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/;

function validateVersion(ctx: Context, name: string, value: unknown, path: Path): void {
  if (typeof value === 'number') {
    report(
      ctx,
      'invalid-type',
      `'${name}' is the number ${value}, not a version: YAML reads an unquoted version such as 1.20 as the number 1.2. Quote it, such as '${Number.isInteger(value) ? value.toFixed(1) : value}' (with every digit you meant).`,
      path,
    );
  } else if (typeof value !== 'string' || !versionText.test(value.trim()))
    wrongCustomType(ctx, name, 'a version such as v1.29 or 1.20', value, path);
}

function validateMap(
  ctx: Context,
  name: string,
  definition: CustomFieldDefinition,
  value: unknown,
  path: Path,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return wrongCustomType(ctx, name, 'a mapping of key: value', value, path);
  const entries = value as Record<string, unknown>;
  const typed = definition.fields ?? {};
  for (const key of Object.keys(entries)) {
    if (!Object.hasOwn(typed, key)) continue;
    const reading = readingTable(typed[key]);
    validateCustom(ctx, `${name}.${key}`, typed[key], readValue(reading, entries[key]), [...path, key]);
  }
}

function validateCustom(
  ctx: Context,
  name: string,
  definition: CustomFieldDefinition | SubFieldDefinition,
  value: unknown,
  path: Path,
): unknown {
  if (value === null) return value;
  const label = path.length === 1 ? String(path[0]) : name;
  switch (definition.type) {
    case 'string':
      if (typeof value !== 'string') wrongCustomType(ctx, label, 'text', value, path);
      break;
    case 'number':
      if (typeof value !== 'number') wrongCustomType(ctx, label, 'a number', value, path);
      break;
    case 'integer':
      if (!Number.isInteger(value)) wrongCustomType(ctx, label, 'a whole number', value, path);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') wrongCustomType(ctx, label, 'true or false', value, path);
      break;
    case 'list': {
      const list = asList(ctx, name, value);
      if (!list) wrongCustomType(ctx, label, 'a list', value, path);
      return list ?? value;
    }
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\//i.test(value))
        report(ctx, 'invalid-url', `'${label}' must be an http(s) link, not ${describe(value)}.`, path);
      break;
    case 'date':
      if (typeof value !== 'string' || !calendarDayOf(value)) {
        const replacement = typeof value === 'string' ? reformatDate(value) : undefined;
        report(
          ctx,
          'invalid-date',
          `'${label}' must be a date written yyyy-mm-dd (a time of day may follow), not ${describe(value)}.`,
          path,
          'value',
          replacement ? { replacement } : undefined,
        );
      }
      break;
    case 'version':
      validateVersion(ctx, label, value, path);
      break;
    case 'map':
      validateMap(ctx, label, definition as CustomFieldDefinition, value, path);
      break;
    case 'enum': {
      const allowed = definition.values ?? [];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        const suggestions = typeof value === 'string' ? didYouMean(value, allowed) : [];
        report(
          ctx,
          'invalid-enum',
          `'${label}' must be one of ${allowed.join(', ')}, not ${describe(value)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'}`,
          path,
          'value',
          {
            suggestions: suggestions.length ? suggestions : allowed,
          },
        );
      }
      break;
    }
    case 'any':
      break;
  }
  return value;
}
