// Edits made in the roadmap panel (the details pane, the Priority table, drags, undo), turned into front-matter
// changes and checked with the very rules the editor runs: the edited text is validated, and an edit that
// would add an error is refused with that rule's own message, so the panel can never write what the editor
// would flag.
import type { FieldEdit } from '../shared/protocol';
import type { RoadmapConfig } from './config';
import { applyFieldChanges, type FieldValue } from './edits';
import { parseFeatureFile } from './featureFile';
import { parseTypedNumber } from './typedNumber';

export interface FrontmatterChange {
  path: readonly [string] | readonly [string, string];
  /** undefined removes the field. */
  value: FieldValue | undefined;
}

const riceFields = new Set(['reach', 'impact', 'confidence', 'effort']);

/** The front-matter change an edit stands for, or why it cannot be one. */
export function changeFor(
  edit: FieldEdit,
): { ok: true; change: FrontmatterChange } | { ok: false; reason: string } {
  const value = edit.value.trim();
  // Control characters have no place in a value, and a line break would be a second YAML line.
  if (/\p{Cc}/u.test(value)) return { ok: false, reason: `the ${edit.field} contains control characters` };
  if (riceFields.has(edit.field)) {
    const path = ['rice', edit.field] as const;
    if (value === '') return { ok: true, change: { path, value: undefined } };
    const number = parseTypedNumber(value);
    if (number === undefined) return { ok: false, reason: `${edit.field} '${value}' is not a number` };
    return { ok: true, change: { path, value: number } };
  }
  return { ok: true, change: { path: [edit.field], value: value === '' ? undefined : value } };
}

/**
 * Applies the changes to the text as the writer will (the file's own names for fields, YAML metadata files
 * without fences) and validates the result. Returns the first error the edit introduces (an error the text
 * already had is not the edit's fault), or the new text when it adds none.
 */
export function checkEdits(
  file: string,
  text: string,
  changes: readonly FrontmatterChange[],
  config: RoadmapConfig,
): { ok: true; text: string } | { ok: false; reason: string } {
  const applied = applyFieldChanges(text, changes, config.aliases, { file });
  if (!applied.ok) return { ok: false, reason: applied.reason };
  const updated = applied.text;
  const errorsOf = (source: string) =>
    parseFeatureFile(file, source, config)
      .issues.filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.code}\u0000${issue.message}`);
  const before = new Set(errorsOf(text));
  const added = errorsOf(updated).find((error) => !before.has(error));
  if (added !== undefined) return { ok: false, reason: added.split('\u0000')[1]!.replace(/\.$/, '') };
  return { ok: true, text: updated };
}
