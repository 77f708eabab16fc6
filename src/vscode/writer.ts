// The one write path for the tree, the panel, the commands and the quick fixes: it edits the document the
// user saw (or refuses), never touches a file whose front-matter does not parse, applies a minimal undoable
// WorkspaceEdit, and saves only files that had no unsaved changes of their own. The edits themselves (the core's
// lossless YAML edits) load with the first write: see ./lazy.ts.
import * as vscode from 'vscode';
import type { FieldChange } from '../core/edits';
import { metadataRevisionOfText } from '../core/revision';
import type { Log } from './log';

export type { FieldChange } from '../core/edits';

export type WriteResult = { ok: true; changed: boolean } | { ok: false; reason: string };

export class FeatureWriter {
  constructor(
    private readonly log: Log,
    private readonly aliasesOf: (uri: vscode.Uri) => Record<string, string>,
  ) {}

  /**
   * Applies field changes to one feature file. With `expectedRevision` (a `metadataRevision`), refuses when the
   * front-matter is no longer the one the caller drew from (another edit got in first).
   */
  async setFields(
    uri: vscode.Uri,
    changes: readonly FieldChange[],
    expectedRevision?: string,
  ): Promise<WriteResult> {
    const { applyFieldChanges } = await import('../core/edits');
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      return this.refuse(uri, `cannot open the file: ${(error as Error).message}`);
    }
    const text = document.getText();
    if (expectedRevision !== undefined && metadataRevisionOfText(text, uri.path) !== expectedRevision) {
      return this.refuse(
        uri,
        'the file changed since the roadmap was drawn; the view has been refreshed, try again',
      );
    }
    // A YAML metadata file (kep.yaml) is edited whole; its name says so.
    const result = applyFieldChanges(text, changes, this.aliasesOf(uri), { file: uri.path });
    if (!result.ok) return this.refuse(uri, result.reason);
    return this.replaceText(document, result.text);
  }

  /**
   * Replaces a document's text with `updated` as one minimal, undoable edit (only the changed region), and
   * saves it when it had no unsaved changes of its own. Also used for generated blocks in plain Markdown.
   */
  async replaceText(document: vscode.TextDocument, updated: string): Promise<WriteResult> {
    const { minimalEdit } = await import('../core/edits');
    const original = document.getText();
    if (updated === original) return { ok: true, changed: false };
    const edit = minimalEdit(original, updated);
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(
      document.uri,
      new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
      edit.newText,
    );
    const wasDirty = document.isDirty;
    if (!(await vscode.workspace.applyEdit(workspaceEdit)))
      return this.refuse(document.uri, 'VS Code refused the edit');
    if (!wasDirty && !(await document.save()))
      return this.refuse(document.uri, 'the edit was applied but the file could not be saved');
    return { ok: true, changed: true };
  }

  private refuse(uri: vscode.Uri, reason: string): WriteResult {
    this.log.warn(`Refused to edit ${uri.fsPath || uri.toString()}: ${reason}`);
    return { ok: false, reason };
  }
}
