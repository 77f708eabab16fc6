// The config's custom fields: string, number, integer, boolean, date, url, list, enum, map, version, any.
import type { CustomFieldDefinition, SubFieldDefinition } from '../config';
import { calendarDayOf, reformatDate } from '../plan/calendar';
import {
  type Context,
  type Path,
  asList,
  describe,
  readingTable,
  readValue,
  report,
  suggest,
} from './context';

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

export function validateCustom(
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
        const suggestions = typeof value === 'string' ? suggest(value, allowed) : [];
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
