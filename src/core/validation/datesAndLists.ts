// Dates (a time of day may follow), lists (a single value or a delimited string), people, evidence, progress.
import { calendarDayOf, reformatDate } from '../plan/calendar';
import type { FieldSpec } from '../schema';
import type { EvidenceLink } from '../types';
import {
  type Context,
  type Path,
  asList,
  describe,
  expectList,
  expectNumber,
  quote,
  report,
  reportInvalidType,
  reportNotList,
  writtenKey,
} from './context';

/** Written as a date (a time may follow) but not a day on the calendar, such as 2023-14-05. */
const dateShaped = /^\d{4}-\d{2}-\d{2}(?:$|[Tt ])/;

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

export function validateDate(ctx: Context, name: string, path: Path, value: unknown): void {
  if (typeof value !== 'string') {
    if (value !== null) reportInvalidDate(ctx, name, path, value);
    return;
  }
  // Views plan by the day; the time of day stays in the file as written.
  const day = calendarDayOf(value);
  if (day) (ctx.feature as unknown as Record<string, string>)[name] = day;
  else reportInvalidDate(ctx, name, path, value);
}

export function validatePeople(ctx: Context, name: string, path: Path, value: unknown): void {
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

export function validateStringList(
  ctx: Context,
  spec: FieldSpec,
  name: string,
  path: Path,
  value: unknown,
): void {
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

export function validateEvidence(ctx: Context, path: Path, value: unknown): void {
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

export function validatePercent(ctx: Context, path: Path, value: unknown): void {
  const number =
    typeof value === 'string' && percentText.test(value) ? parseFloat(value) : expectNumber(ctx, path, value);
  if (number === undefined) return;
  if (number < 0 || number > 100)
    report(ctx, 'progress-range', `Progress ${number} must be between 0 and 100.`, path, 'value', {
      replacement: Math.min(100, Math.max(0, number)),
    });
  else ctx.feature.progress = number;
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
