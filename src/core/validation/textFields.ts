// Text-like fields: the id, titles, the status, MoSCoW, milestone and goal references, quarters.
import type { FieldSpec } from '../schema';
import type { Moscow } from '../types';
import { severityFor } from '../featureFile';
import {
  type Context,
  type Path,
  expectNumber,
  expectText,
  quote,
  rememberedMessage,
  report,
  suggest,
  writtenKey,
} from './context';

/**
 * Spaces, YAML punctuation, invisible control or format characters (such as U+202E, which reverses text), and
 * U+FFFD, which is what a failed UTF-8 decode leaves in place of the bytes it could not read.
 */
const unsafeIdCharacters = /[\s,[\]{}#&*!|>'"%@`\p{Cc}\p{Cf}\uFFFD]/u;
const unsafeIdCharactersAll = new RegExp(unsafeIdCharacters.source, 'gu');

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

export function validateId(ctx: Context, name: string, path: Path, value: unknown): void {
  const id = expectText(ctx, name, path, value);
  if (id === undefined || id === '') return;
  if (unsafeIdCharacters.test(id)) reportInvalidId(ctx, path, id);
  ctx.feature.id = id;
}

export function validateText(ctx: Context, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text !== undefined && text !== '') (ctx.feature as unknown as Record<string, string>)[name] = text;
}

function reportUnknownStatus(ctx: Context, path: Path, text: string): void {
  if (!severityFor('invalid-enum', ctx.config)) return;
  const ids = ctx.tables.statusIds;
  const suggestions = suggest(text, ids);
  report(
    ctx,
    'invalid-enum',
    rememberedMessage(
      'status',
      ids,
      text,
      () =>
        `Unknown status ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'} Statuses: ${ids.join(', ')}.`,
    ),
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : ids.slice(),
    },
  );
}

export function validateStatus(ctx: Context, name: string, path: Path, value: unknown): void {
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
  if (!severityFor('invalid-enum', ctx.config)) return;
  const suggestions = suggest(text, allowed);
  report(
    ctx,
    'invalid-enum',
    rememberedMessage(
      name,
      allowed,
      text,
      () =>
        `'${name}' must be one of ${allowed.join(', ')}, not ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'}`,
    ),
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : [...allowed],
    },
  );
}

export function validateEnum(ctx: Context, spec: FieldSpec, name: string, path: Path, value: unknown): void {
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

export function validateStoredScore(ctx: Context, path: Path, value: unknown): void {
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
  if (!severityFor(isMilestone ? 'unknown-milestone' : 'unknown-goal', ctx.config)) return;
  const known = isMilestone ? ctx.tables.milestoneIds : ctx.tables.goalIds;
  const suggestions = suggest(text, known);
  report(
    ctx,
    isMilestone ? 'unknown-milestone' : 'unknown-goal',
    rememberedMessage(
      name,
      known,
      text,
      () =>
        `Unknown ${name} ${quote(text)}${suggestions.length ? `: did you mean '${suggestions[0]}'?` : '.'} Known: ${known.join(', ')}.`,
    ),
    path,
    'value',
    {
      suggestions: suggestions.length ? suggestions : known.slice(),
    },
  );
}

export function validateReference(
  ctx: Context,
  spec: FieldSpec,
  name: string,
  path: Path,
  value: unknown,
): void {
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

export function validateQuarter(ctx: Context, name: string, path: Path, value: unknown): void {
  const text = expectText(ctx, name, path, value);
  if (text === undefined || text === '') return;
  if (quarterPattern.test(text)) ctx.feature.quarter = text;
  else reportInvalidQuarter(ctx, path, text);
}
