// Quick fixes as plain data: for one issue, the text edits of each way to fix it, which one is the obvious
// (preferred) one, and, for an unknown dependency, a stub feature file to create. Edits are either the core's
// lossless field edits (setField / removeField) or a replacement of exactly the span the issue points at, so
// the rest of the front-matter (comments, quoting, key order) stays byte for byte.
//
// One provider per rule family, in src/core/language/fixes/: field names and values (fieldFixes), ranges and
// loose values (valueFixes, looseValues), types (typeFixes), the plan across files (planFixes), and front-matter
// that does not parse (yamlRepair). The table below names the provider of every rule: a new rule code fails
// the type check until it has one.
import type { Issue, RuleCode, TextEdit } from '../types';
import {
  duplicateIdFixes,
  invalidIdFixes,
  missingFieldFixes,
  suggestionFixes,
  unknownFieldFixes,
} from './fixes/fieldFixes';
import {
  replacementFixes,
  unquoted,
  validSpan,
  type Fix,
  type FixContext,
  type FixProvider,
} from './fixes/fixKit';
import {
  dateOrderFixes,
  dependencyRemoval,
  lowerPriorityFixes,
  moscowBudgetFixes,
  scheduleFixes,
  unknownDependencyFixes,
} from './fixes/planFixes';
import { invalidTypeFixes } from './fixes/typeFixes';
import {
  confidenceLowFixes,
  dateFixes,
  evidenceMissingFixes,
  impactFixes,
  quarterFixes,
  rangeFixes,
  scoreStaleFixes,
  urlFixes,
} from './fixes/valueFixes';
import { closingFenceFixes, notMappingFixes, yamlSyntaxFixes } from './fixes/yamlRepair';

export type { Fix, FixContext } from './fixes/fixKit';
export { removeListItem } from './fixes/fixKit';
export { suggestedId, suggestedTitle } from './fixes/fieldFixes';
export { stubFeature } from './fixes/planFixes';

const noFixes: FixProvider = () => [];

const fixProviders: Record<RuleCode, FixProvider> = {
  // Front-matter that does not parse.
  'yaml-syntax': (issue, text, context) => yamlSyntaxFixes(issue, text, context),
  'frontmatter-unclosed': (issue, text, context) => closingFenceFixes(issue, text, context),
  'frontmatter-not-mapping': (_issue, text, context) => notMappingFixes(text, context),
  // Binary, too large, or not UTF-8: the bytes behind the text are the problem, and no text edit can recover
  // them (deleting the undecodable characters would only hide what was lost).
  'file-unreadable': noFixes,
  // Fields: names, presence, values from a list.
  'missing-field': (issue, text, context) => missingFieldFixes(issue, text, context),
  'unknown-field': (issue, text, context) => unknownFieldFixes(issue, text, context),
  'invalid-type': (issue, text, context) => invalidTypeFixes(issue, text, context),
  'invalid-enum': suggestionFixes,
  'unknown-milestone': suggestionFixes,
  'unknown-goal': suggestionFixes,
  'invalid-id': invalidIdFixes,
  'duplicate-id': duplicateIdFixes,
  // Values: ranges, scales, loose writing.
  'rice-reach-range': (issue, text, context) => rangeFixes(issue, text, context),
  'rice-effort-range': (issue, text, context) => rangeFixes(issue, text, context),
  'score-range': (issue, text, context) => rangeFixes(issue, text, context),
  'rice-impact-scale': impactFixes,
  'rice-confidence-range': (issue, text, context) => replacementFixes(issue, text, context),
  'rice-confidence-low': confidenceLowFixes,
  'score-stale': scoreStaleFixes,
  'evidence-missing': evidenceMissingFixes,
  'invalid-date': dateFixes,
  'invalid-quarter': quarterFixes,
  'progress-range': (issue, text, context) => replacementFixes(issue, text, context),
  'invalid-url': urlFixes,
  // The plan across files.
  'date-order': (_issue, text, context) => dateOrderFixes(text, context),
  'unknown-dependency': unknownDependencyFixes,
  'dependency-cycle': (issue, text, _context, current) => dependencyRemoval(issue, text, current),
  'dependency-schedule': (issue, text, context, current) => [
    ...scheduleFixes(issue, text, context, current),
    ...dependencyRemoval(issue, text, current),
  ],
  'priority-inversion': (issue, text, context, current) => [
    ...dependencyRemoval(issue, text, current),
    ...lowerPriorityFixes(issue, text, context),
  ],
  'moscow-budget': moscowBudgetFixes,
  // The plan against its milestones, quarters and today: the milestone's date, the quarter the end falls in,
  // today for overdue work.
  'milestone-date': (issue, text, context) => replacementFixes(issue, text, context),
  'quarter-dates': (issue, text, context) => replacementFixes(issue, text, context),
  overdue: (issue, text, context) => replacementFixes(issue, text, context),
  // Which feature moves to another period, or is cut, is the team's call: no edit can make it.
  capacity: noFixes,
};

export function fixesFor(issue: Issue, text: string, context: FixContext): Fix[] {
  const current = validSpan(text, issue.span)
    ? unquoted(text.slice(issue.span.start, issue.span.end))
    : undefined;
  // hasOwn: an issue's code comes from data that may have been stored (a stale diagnostic); never a prototype key.
  return Object.hasOwn(fixProviders, issue.code)
    ? fixProviders[issue.code](issue, text, context, current)
    : [];
}

/**
 * The preferred fix of every issue, as one set of non-overlapping edits. A fix whose edits would collide with
 * one already taken is left for the next run; insertions at the same point are kept, in issue order.
 */
export function fixAllEdits(issues: readonly Issue[], text: string, context: FixContext): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => {
    if (a.start === a.end && b.start === b.end) return false;
    return a.start < b.end && b.start < a.end ? true : a.start === b.start || a.end === b.end;
  };
  for (const issue of issues) {
    const fix = fixesFor(issue, text, context).find(
      (candidate) => candidate.preferred && !candidate.createFile && candidate.edits.length > 0,
    );
    if (!fix || fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
  }
  // Same-point insertions become one edit, so the order they were taken in is the order they appear in.
  const merged: TextEdit[] = [];
  for (const edit of taken
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order)) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.start === last.end &&
      edit.edit.start === edit.edit.end &&
      last.start === edit.edit.start
    )
      last.newText += edit.edit.newText;
    else merged.push({ ...edit.edit });
  }
  return merged;
}
