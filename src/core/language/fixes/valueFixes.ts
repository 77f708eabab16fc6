// Quick fixes for a value out of its range or written another way: RICE numbers, dates, quarters, links,
// a stale stored score.
import { removeField } from '../../edits';
import { calendarDayOf, quarterOf } from '../../plan/calendar';
import { impactRubric } from '../../schema';
import type { Issue } from '../../types';
import {
  asFieldPath,
  type Fix,
  alternativeValue,
  type FixContext,
  type FixProvider,
  removalFallback,
  removeListItem,
  replacementFixes,
  replaceScalar,
  topField,
  unquoted,
  validSpan,
} from './fixKit';
import { dateCandidates, looseNumber, quarterCandidate } from './looseValues';

/** Out-of-range numbers: the validator's clamp (preferred) or a sensible smallest value, and a dropped sign. */
export function rangeFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const span = issue.span;
  if (!validSpan(text, span)) return removalFallback(issue, text, context);
  const number = Number(unquoted(text.slice(span.start, span.end)));
  const path = issue.data?.path ?? [];
  const name = String(path[path.length - 1] ?? 'it');
  const replacement = issue.data?.replacement;
  const fixes: Fix[] = [];
  if (replacement !== undefined) {
    fixes.push({
      title: issue.code === 'rice-reach-range' ? `Set reach to ${replacement}` : `Change to ${replacement}`,
      edits: [replaceScalar(text, span, replacement)],
      preferred: true,
    });
  } else if (issue.code === 'rice-effort-range') {
    // Effort must be above 0: half a person-month is the smallest effort teams usually estimate.
    fixes.push({
      title: 'Set effort to 0.5 person-months',
      edits: [replaceScalar(text, span, 0.5)],
      preferred: false,
    });
  } else {
    // WSJF values and sizes are relative, on a scale (1, 2, 3, 5, 8, …) that starts at 1.
    fixes.push({ title: `Set ${name} to 1`, edits: [replaceScalar(text, span, 1)], preferred: false });
  }
  // A negative number is often a stray minus sign.
  if (Number.isFinite(number) && number < 0)
    fixes.push({
      title: `Change to ${-number} (drop the minus sign)`,
      edits: [replaceScalar(text, span, -number)],
      preferred: false,
    });
  return fixes;
}

/** RICE impact written as text: a number snaps to its tier (preferred); anything else gets every tier. */
export const impactFixes: FixProvider = (issue, text, context, current) => {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  if (current === undefined) return [];
  const number = looseNumber(current);
  if (number) {
    const snapped = impactRubric.reduce((best, tier) =>
      Math.abs(tier.value - number.value) < Math.abs(best.value - number.value) ? tier : best,
    );
    return [
      {
        title: `Change to ${snapped.value}`,
        edits: [replaceScalar(text, issue.span, snapped.value)],
        preferred: number.exact,
      },
    ];
  }
  return impactRubric.map((tier) => ({
    title: `Change to ${tier.value} (${tier.label})`,
    edits: [replaceScalar(text, issue.span, tier.value)],
    preferred: false,
  }));
};

export const confidenceLowFixes: FixProvider = (issue, text, _context, current) => {
  if (current === undefined) return [];
  // In the notation the author uses: 30% → 50%, 0.3 → 0.5, 30 → 50.
  const value = /%\s*$/.test(current) ? '50%' : Number(current) <= 1 ? 0.5 : 50;
  return [
    {
      title: 'Set confidence to 50%',
      edits: [replaceScalar(text, issue.span, value)],
      // Below 50% is allowed (a moonshot, said out loud): raising it is one answer, not the obvious one.
      preferred: false,
    },
  ];
};

export const evidenceMissingFixes: FixProvider = (issue, text, _context, current) =>
  alternativeValue(issue, text, current, 'Lower confidence to 80%', '80%');

export const scoreStaleFixes: FixProvider = (issue, text, context, current) => {
  const replacement = issue.data?.replacement;
  if (replacement === undefined || current === undefined) return [];
  const fixes: Fix[] = [
    {
      title: `Update score to ${replacement}`,
      edits: [replaceScalar(text, issue.span, replacement)],
      preferred: true,
    },
  ];
  const path = asFieldPath(issue.data?.path);
  const removal = path ? removeField(text, path, context.config.aliases) : undefined;
  if (removal?.ok && removal.edits.length > 0)
    fixes.push({ title: 'Remove the stored score', edits: removal.edits, preferred: false });
  return fixes;
};

export const dateFixes: FixProvider = (issue, text, context, current) => {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  const candidates = current === undefined ? [] : dateCandidates(current);
  const sure = candidates.length === 1 && candidates[0].exact;
  return [
    ...candidates.map((candidate) => ({
      title: `Change to ${candidate.date}${candidate.note ? ` (${candidate.note})` : ''}`,
      edits: [replaceScalar(text, issue.span, candidate.date)],
      preferred: sure,
    })),
    ...removalFallback(issue, text, context),
  ];
};

export const quarterFixes: FixProvider = (issue, text, context, current) => {
  if (issue.data?.replacement !== undefined) return replacementFixes(issue, text, context);
  const fixes: Fix[] = [];
  const candidate = current === undefined ? undefined : quarterCandidate(current);
  if (candidate)
    fixes.push({
      title: `Change to ${candidate.quarter}`,
      edits: [replaceScalar(text, issue.span, candidate.quarter)],
      preferred: candidate.exact,
    });
  const start = topField(text, 'start', context.config.aliases)?.value;
  const startDay = typeof start === 'string' ? calendarDayOf(start) : undefined;
  if (current !== undefined && startDay !== undefined) {
    const quarter = quarterOf(startDay);
    if (quarter !== candidate?.quarter)
      fixes.push({
        title: `Change to ${quarter} (the quarter 'start' falls in)`,
        edits: [replaceScalar(text, issue.span, quarter)],
        preferred: false,
      });
  }
  return [...fixes, ...removalFallback(issue, text, context)];
};

/** A web address without its scheme: a host name with a dot and a top-level domain, then a path if any. */
const schemeless = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

export const urlFixes: FixProvider = (issue, text, context, current) => {
  const fixes: Fix[] = [];
  const span = issue.span;
  if (current !== undefined && validSpan(text, span)) {
    const bare = current.trim();
    const prefix =
      bare.startsWith('//') && schemeless.test(bare.slice(2))
        ? 'https:'
        : schemeless.test(bare)
          ? 'https://'
          : undefined;
    if (prefix) {
      // An insertion before the address (inside its quotes, if any): nothing else of the value changes.
      const raw = text.slice(span.start, span.end);
      const at =
        span.start +
        (raw.startsWith("'") || raw.startsWith('"') ? 1 : 0) +
        (raw.length - raw.trimStart().length);
      fixes.push({
        title: `Add ${prefix}`,
        edits: [{ start: at, end: at, newText: prefix }],
        preferred: true,
      });
    }
  }
  const path = issue.data?.path ?? [];
  if (path.length >= 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
    const removal = removeListItem(text, path[0], path[1]);
    if (removal) fixes.push({ title: 'Remove this evidence entry', edits: [removal], preferred: false });
  } else {
    fixes.push(...removalFallback(issue, text, context));
  }
  return fixes;
};
