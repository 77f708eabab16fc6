// Quick fixes for the plan across files: dependencies (unknown, cyclic, scheduled too early, inverting
// priority), dates in the wrong order, an over-budget milestone.
import { didYouMean } from '../../didYouMean';
import { type FieldValue, formatScalar, setField } from '../../edits';
import { splitFrontmatter } from '../../fences';
import { addDays, calendarDayOf, isCalendarDate, parseDay, withDay } from '../../plan/calendar';
import { featureFieldByName } from '../../schema';
import type { Issue, TextEdit } from '../../types';
import {
  exampleValue,
  type Fix,
  alternativeValue,
  type FixContext,
  type FixProvider,
  removeListItem,
  replaceScalar,
  topField,
} from './fixKit';

export const unknownDependencyFixes: FixProvider = (issue, text, context, current) => {
  if (current === undefined) return [];
  const suggestions = issue.data?.suggestions ?? [];
  const close = didYouMean(current, suggestions)[0];
  const fixes: Fix[] = suggestions.map((suggestion) => {
    const title = context.titleOf?.(suggestion);
    return {
      title: `Change to '${suggestion}'${title ? ` (${title})` : ''}`,
      edits: [replaceScalar(text, issue.span, suggestion)],
      preferred: suggestion === close,
    };
  });
  const split = splitFrontmatter(text);
  fixes.push({
    title: `Create stub feature '${current}'`,
    edits: [],
    preferred: false,
    createFile: stubFeature(current, context, split.kind === 'closed' ? split.eol : '\n'),
  });
  fixes.push(...dependencyRemoval(issue, text, current));
  return fixes;
};

/** A minimal valid feature file for an id that something depends on, next to the file that depends on it. */
export function stubFeature(
  id: string,
  context: Pick<FixContext, 'file' | 'config'>,
  eol = '\n',
): { file: string; text: string } {
  const folder = context.file.includes('/') ? context.file.slice(0, context.file.lastIndexOf('/') + 1) : '';
  const name = id.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'feature';
  const values: [string, FieldValue][] = [
    ['id', id],
    ['title', `Stub for ${id}`],
    ['status', context.config.statuses[0]?.id ?? 'idea'],
  ];
  for (const required of context.config.required) {
    if (values.some(([field]) => field === required)) continue;
    const spec = featureFieldByName.get(required);
    if (spec && spec.kind !== 'object') values.push([required, exampleValue(spec)]);
  }
  const lines = values.map(
    ([field, value]) =>
      `${field}: ${Array.isArray(value) ? '[]' : formatScalar(value as string | number | boolean)}`,
  );
  const dependent = context.file.slice(context.file.lastIndexOf('/') + 1);
  const text = [
    '---',
    ...lines,
    '---',
    '',
    `Created as a stub because ${dependent} depends on it. Describe the feature here.`,
    '',
  ].join(eol);
  return { file: `${folder}${name}.md`, text };
}

/** Removes the depends_on entry an issue points at (path [key, index]), in a block or a flow list. */
export function dependencyRemoval(issue: Issue, text: string, current: string | undefined): Fix[] {
  const path = issue.data?.path;
  if (!path || path.length !== 2 || typeof path[0] !== 'string' || typeof path[1] !== 'number') return [];
  if (current === undefined) return [];
  const removal = removeListItem(text, path[0], path[1]);
  return removal ? [{ title: `Remove dependency '${current}'`, edits: [removal], preferred: false }] : [];
}

/**
 * Moves `start` to the day after the dependency ends (the issue's replacement), and `end` by as many days,
 * so the planned duration stays; a time written after either date is kept. Not preferred: a schedule is a
 * plan, and dropping the dependency may be the right answer instead.
 */
export const scheduleFixes: FixProvider = (issue, text, context, current) => {
  const newStart = issue.data?.replacement;
  if (typeof newStart !== 'string' || !isCalendarDate(newStart) || current === undefined) return [];
  const aliases = context.config.aliases;
  const start = topField(text, 'start', aliases);
  const startDay = typeof start?.value === 'string' ? calendarDayOf(start.value) : undefined;
  if (!start || startDay === undefined) return [];
  const edits: TextEdit[] = [replaceScalar(text, start.span, withDay(String(start.value), newStart))];
  const end = topField(text, 'end', aliases);
  const endDay = typeof end?.value === 'string' ? calendarDayOf(end.value) : undefined;
  if (end && endDay !== undefined && endDay >= startDay) {
    const shift = parseDay(newStart)! - parseDay(startDay)!;
    edits.push(replaceScalar(text, end.span, withDay(String(end.value), addDays(endDay, shift))));
  }
  return [{ title: `Start after ${current} ends (${newStart})`, edits, preferred: false }];
};

/** A Must that depends on a Could: lowering this feature to the dependency's priority also ends the inversion. */
export function lowerPriorityFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const target = issue.data?.replacement;
  if (typeof target !== 'string') return [];
  const result = setField(text, ['moscow'], target, context.config.aliases);
  if (!result.ok || result.edits.length === 0) return [];
  return [{ title: `Lower this feature to ${target}`, edits: result.edits, preferred: false }];
}

/** Swaps the two dates' texts as written (quotes and all), so nothing else changes. */
export function dateOrderFixes(text: string, context: FixContext): Fix[] {
  const start = topField(text, 'start', context.config.aliases);
  const end = topField(text, 'end', context.config.aliases);
  if (!start || !end) return [];
  return [
    {
      title: 'Swap start and end',
      edits: [
        { ...start.span, newText: text.slice(end.span.start, end.span.end) },
        { ...end.span, newText: text.slice(start.span.start, start.span.end) },
      ],
      preferred: true,
    },
  ];
}

// Not preferred: every Must of the milestone carries this, and which one gives way is a planning call.
export const moscowBudgetFixes: FixProvider = (issue, text, _context, current) =>
  alternativeValue(issue, text, current, 'Change to should', 'should');
