// One feature file: front-matter → a normalised Feature plus the per-file issues, each at its source span.
import type { CustomFieldDefinition, RoadmapConfig } from './config';
import { didYouMean } from './didYouMean';
import { FrontmatterLocator, parseYamlFast, type Located } from './frontmatter';
import { maxFrontmatterLength, splitFrontmatter, type FrontmatterSplit } from './fences';
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

export function parseFeatureFile(file: string, text: string, config: RoadmapConfig): FeatureFile {
  const result: FeatureFile = { file, isFeature: false, issues: [], split: { kind: 'none' }, keys: {} };
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
  const split = splitFrontmatter(text);
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
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A yyyy-mm-dd rewrite of a date written another unambiguous way (2026/1/5, 2026-01-05T10:00), if any. */
export function reformatDate(value: string): string | undefined {
  const trimmed = value.trim();
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (!ymd) return undefined;
  const candidate = `${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}`;
  return isCalendarDate(candidate) ? candidate : undefined;
}

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

function validateFrontmatter(
  file: string,
  raw: Record<string, unknown>,
  config: RoadmapConfig,
  pending: Pending[],
  keys: Record<string, string>,
): Feature {
  const feature: Feature = { file, dependsOn: [], tags: [], evidence: [], custom: {} };
  const report = (
    code: RuleCode,
    message: string,
    path: Path,
    on: Pending['on'] = 'value',
    data?: IssueData,
  ) => pending.push({ code, message, path, on, ...(data ? { data } : {}) });

  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // Own properties only: a key such as `constructor` or `toString` must not find Object.prototype's.
    const canonical = (Object.hasOwn(config.aliases, key) ? config.aliases[key] : undefined) ?? key;
    if (featureFieldByName.has(canonical) || Object.hasOwn(config.fields, canonical)) {
      if (Object.hasOwn(keys, canonical)) {
        report(
          'unknown-field',
          `'${key}' repeats '${keys[canonical]}' (an alias of the same field); keep one.`,
          [key],
          'key',
        );
        continue;
      }
      keys[canonical] = key;
      values[canonical] = value;
    } else {
      const suggestions = didYouMean(key, [
        ...featureFields.map((field) => field.name),
        ...Object.keys(config.fields),
        ...Object.keys(config.aliases),
      ]);
      report(
        'unknown-field',
        `Unknown field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '. Declare custom fields under `fields:` in .roadmap/config.yaml.'}`,
        [key],
        'key',
        { suggestions },
      );
    }
  }
  const pathOf = (name: string, ...rest: Path): Path => [
    (Object.hasOwn(keys, name) ? keys[name] : undefined) ?? name,
    ...rest,
  ];

  for (const name of config.required) {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      report(
        'missing-field',
        `Required field '${name}' is ${value === undefined ? 'missing' : 'empty'}.`,
        value === undefined ? [] : pathOf(name),
        value === undefined ? 'fence' : 'value',
        {
          field: name,
        },
      );
    }
  }

  const expectText = (name: string, path: Path, value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && name !== 'title') return String(value);
    if (value !== null)
      report('invalid-type', `'${path.join('.')}' must be text, not ${describe(value)}.`, path);
    return undefined;
  };
  const expectNumber = (path: Path, value: unknown): number | undefined => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (value !== null)
      report('invalid-type', `'${path.join('.')}' must be a number, not ${describe(value)}.`, path);
    return undefined;
  };
  const expectList = (path: Path, value: unknown): unknown[] | undefined => {
    if (Array.isArray(value)) return value;
    if (value === null) return undefined;
    const single = typeof value === 'string' || typeof value === 'number' ? `[${value}]` : undefined;
    report(
      'invalid-type',
      `'${path.join('.')}' must be a list, such as [a, b], not ${describe(value)}.`,
      path,
      'value',
      single ? { replacement: single } : undefined,
    );
    return undefined;
  };

  const validateNumberKind = (
    spec: FieldSpec,
    path: Path,
    value: unknown,
    parent?: string,
  ): number | undefined => {
    const rangeCode = (riceCode: RuleCode): RuleCode => (parent === 'rice' ? riceCode : 'score-range');
    const label = path.join('.');
    switch (spec.kind) {
      case 'impactTier': {
        const tiers = impactRubric.map((tier) => tier.value);
        if (typeof value === 'string') {
          const tier = impactRubric.find((entry) => entry.label.toLowerCase() === value.trim().toLowerCase());
          report(
            'rice-impact-scale',
            `RICE impact must be one of 3, 2, 1, 0.5, 0.25${tier ? `: '${value}' is ${tier.value}` : ''}.`,
            path,
            'value',
            tier ? { replacement: tier.value } : undefined,
          );
          return undefined;
        }
        const number = expectNumber(path, value);
        if (number === undefined) return undefined;
        if (!tiers.includes(number)) {
          const snapped = nearest(number, tiers);
          report(
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
      case 'confidence': {
        const percent = parseConfidence(value);
        if (percent === undefined) {
          if (value !== null)
            report(
              'invalid-type',
              `RICE confidence must be a percentage such as 80%, 0.8 or 80, not ${describe(value)}.`,
              path,
            );
          return undefined;
        }
        if (!(percent > 0 && percent <= 100)) {
          const snapped = nearest(
            Math.min(Math.max(percent, 0), 100),
            confidenceRubric.map((tier) => tier.value),
          );
          report(
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
            'rice-confidence-low',
            `Confidence of ${percent}% is below 50%: a moonshot. Say why in the body, or gather evidence first.`,
            path,
          );
        }
        return percent;
      }
      case 'nonNegativeNumber': {
        const number = expectNumber(path, value);
        if (number !== undefined && number < 0) {
          report(
            rangeCode('rice-reach-range'),
            `'${label}' is ${number}; it cannot be negative.`,
            path,
            'value',
            { replacement: 0 },
          );
          return undefined;
        }
        return number;
      }
      case 'positiveNumber': {
        const number = expectNumber(path, value);
        if (number !== undefined && number <= 0) {
          report(
            rangeCode('rice-effort-range'),
            `'${label}' is ${number}; it must be above 0${parent === 'rice' ? ' person-months' : ''}.`,
            path,
          );
          return undefined;
        }
        return number;
      }
      case 'scale10': {
        const number = expectNumber(path, value);
        if (number !== undefined && (number < 1 || number > 10)) {
          report('score-range', `'${label}' is ${number}; ICE inputs run from 1 to 10.`, path, 'value', {
            replacement: Math.min(10, Math.max(1, number)),
          });
          return undefined;
        }
        return number;
      }
      default:
        return expectNumber(path, value);
    }
  };

  const validateObject = (spec: FieldSpec, value: unknown): Record<string, number> | undefined => {
    const path = pathOf(spec.name);
    if (value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      report(
        'invalid-type',
        `'${spec.name}' must be a mapping such as ${spec.example}, not ${describe(value)}.`,
        path,
      );
      return undefined;
    }
    const children = spec.children ?? [];
    const result: Record<string, number> = {};
    const entries = value as Record<string, unknown>;
    for (const [key, childValue] of Object.entries(entries)) {
      const child = children.find((candidate) => candidate.name === key);
      if (!child) {
        const suggestions = didYouMean(
          key,
          children.map((candidate) => candidate.name),
        );
        report(
          'unknown-field',
          `'${spec.name}' has no field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ` (it takes ${children.map((c) => c.name).join(', ')})`}`,
          [...path, key],
          'key',
          {
            suggestions,
          },
        );
        continue;
      }
      const number = validateNumberKind(child, [...path, key], childValue, spec.name);
      if (number !== undefined) result[key] = number;
    }
    const missing = children.filter(
      (child) =>
        entries[child.name] === undefined && !(spec.name === 'wsjf' && child.name === 'risk_reduction'),
    );
    if (missing.length > 0 && missing.length < children.length) {
      for (const child of missing) {
        report(
          'missing-field',
          `'${spec.name}' is incomplete: add '${child.name}' (${child.description})`,
          path,
          'key',
          { field: `${spec.name}.${child.name}` },
        );
      }
    }
    return result;
  };

  for (const [name, value] of Object.entries(values)) {
    const spec = featureFieldByName.get(name);
    const path = pathOf(name);
    if (!spec) {
      feature.custom[name] = validateCustom(name, config.fields[name], value, path, report);
      continue;
    }
    switch (spec.kind) {
      case 'id': {
        const id = expectText(name, path, value);
        if (id !== undefined && id !== '') {
          if (unsafeIdCharacters.test(id)) {
            report(
              'invalid-id',
              `Id ${quote(id)} contains spaces, YAML punctuation or invisible characters; use letters, digits, '-', '_', '.' or '/'.`,
              path,
              'value',
              {
                replacement: id.trim().replace(/\s+/g, '-').replace(unsafeIdCharactersAll, ''),
              },
            );
          }
          feature.id = id;
        }
        break;
      }
      case 'text': {
        const text = expectText(name, path, value);
        if (text !== undefined && text !== '') (feature as unknown as Record<string, string>)[name] = text;
        break;
      }
      case 'status': {
        const text = expectText(name, path, value);
        if (text === undefined || text === '') break;
        const ids = config.statuses.map((status) => status.id);
        const exact = ids.find((id) => id.toLowerCase() === text.toLowerCase());
        if (exact) feature.status = exact;
        else {
          const suggestions = didYouMean(text, ids);
          report(
            'invalid-enum',
            `Unknown status ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ''} Statuses: ${ids.join(', ')}.`,
            path,
            'value',
            {
              suggestions: suggestions.length ? suggestions : ids,
            },
          );
        }
        break;
      }
      case 'enum': {
        const text = expectText(name, path, value);
        if (text === undefined || text === '') break;
        const normalised = text
          .toLowerCase()
          .replace(/[’']/g, '')
          .replace(/\s+have$/, '');
        const allowed = spec.values ?? [];
        if (allowed.includes(normalised)) feature.moscow = normalised as Moscow;
        else {
          const suggestions = didYouMean(text, allowed);
          report(
            'invalid-enum',
            `'${name}' must be one of ${allowed.join(', ')}, not ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'}`,
            path,
            'value',
            {
              suggestions: suggestions.length ? suggestions : [...allowed],
            },
          );
        }
        break;
      }
      case 'object': {
        const numbers = validateObject(spec, value);
        if (numbers) (feature as unknown as Record<string, unknown>)[name] = numbers;
        break;
      }
      case 'number': {
        const number = expectNumber(path, value);
        if (number !== undefined) feature.storedScore = number;
        break;
      }
      case 'milestone':
      case 'goal': {
        const text = expectText(name, path, value);
        if (text === undefined || text === '') break;
        (feature as unknown as Record<string, string>)[name] = text;
        const known = (spec.kind === 'milestone' ? config.milestones : config.goals).map((entry) => entry.id);
        if (known.length > 0 && !known.includes(text)) {
          const suggestions = didYouMean(text, known);
          report(
            spec.kind === 'milestone' ? 'unknown-milestone' : 'unknown-goal',
            `Unknown ${name} ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ''} Known: ${known.join(', ')}.`,
            path,
            'value',
            {
              suggestions: suggestions.length ? suggestions : known,
            },
          );
        }
        break;
      }
      case 'quarter': {
        const text = expectText(name, path, value);
        if (text === undefined || text === '') break;
        if (/^\d{4}-Q[1-4]$/.test(text)) feature.quarter = text;
        else {
          const loose = /^(?:(\d{4})[-\s]?[Qq]([1-4])|[Qq]([1-4])[-\s/]?(\d{4}))$/.exec(text.trim());
          const replacement = loose ? `${loose[1] ?? loose[4]}-Q${loose[2] ?? loose[3]}` : undefined;
          report(
            'invalid-quarter',
            `Quarter ${quote(text)} must be written yyyy-Qn, such as 2026-Q1${replacement ? ` (${replacement})` : ''}.`,
            path,
            'value',
            replacement ? { replacement } : undefined,
          );
        }
        break;
      }
      case 'date': {
        if (typeof value !== 'string') {
          if (value !== null)
            report(
              'invalid-date',
              `'${name}' must be a date written yyyy-mm-dd, not ${describe(value)}.`,
              path,
            );
          break;
        }
        if (isCalendarDate(value)) (feature as unknown as Record<string, string>)[name] = value;
        else {
          const replacement = reformatDate(value);
          const why = isoDate.test(value) ? 'is not a day on the calendar' : 'must be written yyyy-mm-dd';
          report(
            'invalid-date',
            `'${name}' ${quote(value)} ${why}${replacement ? `; did you mean ${replacement}?` : '.'}`,
            path,
            'value',
            replacement ? { replacement } : undefined,
          );
        }
        break;
      }
      case 'idList':
      case 'textList': {
        const list = expectList(path, value);
        if (!list) break;
        const target = spec.kind === 'idList' ? feature.dependsOn : feature.tags;
        list.forEach((item, index) => {
          if (typeof item === 'string' || typeof item === 'number') target.push(String(item));
          else
            report(
              'invalid-type',
              `'${name}' entry ${index + 1} must be ${spec.kind === 'idList' ? 'a feature id' : 'text'}, not ${describe(item)}.`,
              [...path, index],
            );
        });
        break;
      }
      case 'evidence': {
        const list = expectList(path, value);
        if (!list) break;
        list.forEach((item, index) => {
          const link = evidenceLink(item);
          if (!link) {
            report(
              'invalid-type',
              `Evidence entry ${index + 1} must be a URL or {url, note}, not ${describe(item)}.`,
              [...path, index],
            );
            return;
          }
          if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(link.url)) {
            report(
              'invalid-url',
              `Evidence ${quote(link.url)} is not an http(s) link.`,
              typeof item === 'string' ? [...path, index] : [...path, index, 'url'],
            );
          }
          feature.evidence.push(link);
        });
        break;
      }
      case 'percent': {
        const number =
          typeof value === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)
            ? parseFloat(value)
            : expectNumber(path, value);
        if (number === undefined) break;
        if (number < 0 || number > 100)
          report('progress-range', `Progress ${number} must be between 0 and 100.`, path, 'value', {
            replacement: Math.min(100, Math.max(0, number)),
          });
        else feature.progress = number;
        break;
      }
      default:
        break;
    }
  }

  if (feature.start && feature.end && feature.end < feature.start) {
    report('date-order', `'end' ${feature.end} is before 'start' ${feature.start}.`, pathOf('end'));
  }

  feature.score = computeScore(feature, config.scoring.model);
  if (
    feature.storedScore !== undefined &&
    feature.score !== undefined &&
    !storedScoreMatches(feature.storedScore, feature.score)
  ) {
    report(
      'score-stale',
      `Stored score ${feature.storedScore} is stale: the ${config.scoring.model.toUpperCase()} inputs give ${formatScore(feature.score)}.`,
      pathOf('score'),
      'value',
      {
        replacement: Number(formatScore(feature.score)),
      },
    );
  }
  if (config.scoring.model === 'rice' && feature.rice?.confidence === 100 && feature.evidence.length === 0) {
    report(
      'evidence-missing',
      'Confidence is 100% but no evidence backs it: add customer feedback links under `evidence:`, or lower confidence to 80%.',
      pathOf('rice', 'confidence'),
    );
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

function validateCustom(
  name: string,
  definition: CustomFieldDefinition,
  value: unknown,
  path: Path,
  report: (code: RuleCode, message: string, path: Path, on?: Pending['on'], data?: IssueData) => void,
): unknown {
  if (value === null) return value;
  const wrong = (expected: string) =>
    report('invalid-type', `'${name}' must be ${expected}, not ${describe(value)}.`, path);
  switch (definition.type) {
    case 'string':
      if (typeof value !== 'string') wrong('text');
      break;
    case 'number':
      if (typeof value !== 'number') wrong('a number');
      break;
    case 'integer':
      if (!Number.isInteger(value)) wrong('a whole number');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('true or false');
      break;
    case 'list':
      if (!Array.isArray(value)) wrong('a list');
      break;
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\//i.test(value))
        report('invalid-url', `'${name}' must be an http(s) link.`, path);
      break;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) {
        const replacement = typeof value === 'string' ? reformatDate(value) : undefined;
        report(
          'invalid-date',
          `'${name}' must be a date written yyyy-mm-dd.`,
          path,
          'value',
          replacement ? { replacement } : undefined,
        );
      }
      break;
    case 'enum': {
      const allowed = definition.values ?? [];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        const suggestions = typeof value === 'string' ? didYouMean(value, allowed) : [];
        report(
          'invalid-enum',
          `'${name}' must be one of ${allowed.join(', ')}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'}`,
          path,
          'value',
          {
            suggestions: suggestions.length ? suggestions : allowed,
          },
        );
      }
      break;
    }
  }
  return value;
}
