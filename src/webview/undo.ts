// Undo and redo for the panel's own edits. Each edit the panel makes is remembered with the values it
// replaced; undo writes those values back as a new edit, through the host's one writer and its revision
// check (so an undo of a file that changed meanwhile is refused, never forced). Only edits the host
// confirmed enter the history.
import type { EditableField, FeatureView, FieldEdit } from '../shared/protocol';

export interface EditRecord {
  file: string;
  /** What the user sees in the toast: "status → Shipped". */
  label: string;
  before: FieldEdit[];
  after: FieldEdit[];
}

/** The value of an editable field as the panel would type it ('' when the feature has none). */
export function fieldValue(feature: FeatureView, field: EditableField): string {
  const value = feature[field];
  return value === undefined ? '' : String(value);
}

/** The edits that put back what `after` replaced. */
export function beforeOf(feature: FeatureView, after: readonly FieldEdit[]): FieldEdit[] {
  return after.map((edit) => ({ field: edit.field, value: fieldValue(feature, edit.field) }));
}

const limit = 100;

export class UndoHistory {
  private readonly done: EditRecord[] = [];
  private readonly undone: EditRecord[] = [];

  /** A new edit was confirmed: it can be undone, and what was undone before can no longer be redone. */
  record(edit: EditRecord): void {
    this.done.push(edit);
    if (this.done.length > limit) this.done.shift();
    this.undone.length = 0;
  }

  /** An undo was confirmed: it can be redone. */
  recordUndo(edit: EditRecord): void {
    this.undone.push(edit);
  }

  /** A redo was confirmed: it can be undone again (without clearing what else can be redone). */
  recordRedo(edit: EditRecord): void {
    this.done.push(edit);
  }

  takeUndo(): EditRecord | undefined {
    return this.done.pop();
  }

  takeRedo(): EditRecord | undefined {
    return this.undone.pop();
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }
}
