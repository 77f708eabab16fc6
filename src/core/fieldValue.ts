// The one answer to "may this value be written to this field?", for every surface that writes a field the
// user chose (the panel's inline edits, the feature commands, the New Feature wizard, the agent tools). It asks
// the validator itself, so the answer and its message are exactly what the file would show once written: no
// adapter keeps its own list of statuses, tiers or patterns.
import type { RoadmapConfig } from './config';
import type { FieldValue } from './edits';
import { parseFeatureFile } from './featureFile';
import type { Issue } from './types';

export interface FieldAssignment {
  /** Canonical field path, such as ['status'] or ['rice', 'impact']. */
  path: readonly string[];
  /** What would be written: a string, a finite number, a list; undefined removes the field. */
  value: FieldValue | undefined;
}

/** Control characters have no place in a planning value, and a line break would be a second YAML line. */
const controlCharacter = /\p{Cc}/u;

/**
 * The message of the first error validation would report for these values (with the severities the config
 * gives each rule), or undefined when there is none. Warnings and notes do not block a write: they often
 * depend on the rest of the file (`evidence-missing` for a 100% confidence, a stale score), and the file
 * shows them once written. Only the given fields are judged: other required fields are not asked for.
 */
export function fieldValuesProblem(
  values: readonly FieldAssignment[],
  config: RoadmapConfig,
): string | undefined {
  const frontmatter: Record<string, unknown> = {};
  for (const { path, value } of values) {
    if (typeof value === 'string' && controlCharacter.test(value))
      return `'${path.join('.')}' contains control characters (such as a line break).`;
    if (typeof value === 'number' && !Number.isFinite(value)) return `'${path.join('.')}' must be a number.`;
    if (value !== undefined) setPath(frontmatter, path, value);
  }
  // JSON is YAML (one flow mapping), so the validator reads exactly these values with their types.
  const parsed = parseFeatureFile('field-check.md', `---\n${JSON.stringify(frontmatter)}\n---\n`, config);
  const concerned = (issue: Issue) =>
    values.some(
      ({ path }) =>
        isUnder(issue.data?.path, path) ||
        (issue.code === 'missing-field' && issue.data?.field === path.join('.')),
    );
  return parsed.issues.find((issue) => issue.severity === 'error' && concerned(issue))?.message;
}

/** fieldValuesProblem for one field. */
export function fieldValueProblem(
  path: readonly string[],
  value: FieldValue | undefined,
  config: RoadmapConfig,
): string | undefined {
  return fieldValuesProblem([{ path, value }], config);
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: FieldValue): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = (typeof child === 'object' && child !== null ? child : (node[key] = {})) as Record<
      string,
      unknown
    >;
  }
  node[path[path.length - 1]] = value;
}

function isUnder(issuePath: readonly (string | number)[] | undefined, path: readonly string[]): boolean {
  return issuePath !== undefined && path.every((key, index) => issuePath[index] === key);
}

/** RICE inputs as the commands and the wizard take them: confidence in percent (80 means 80%). */
export interface RiceValues {
  reach?: number;
  impact?: number;
  confidence?: number;
  effort?: number;
}

/** The rice.* fields these inputs write (only those given); confidence is written as a percentage. */
export function riceFieldValues(
  values: RiceValues,
): (FieldAssignment & { path: readonly ['rice', string] })[] {
  const written = {
    reach: values.reach,
    impact: values.impact,
    confidence: values.confidence === undefined ? undefined : `${values.confidence}%`,
    effort: values.effort,
  };
  return Object.entries(written)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ path: ['rice', name] as const, value }));
}
