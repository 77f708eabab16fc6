// Renaming a feature id: the `id:` value and every depends_on entry naming it, in every feature file of the
// workspace folder, as one WorkspaceEdit (one undo). Files that are not open are edited from the index's text.
import * as vscode from 'vscode';
import { idAt, idProblem, renameEditsIn } from '../../core/language/featureIds';
import { toRange } from '../convert';
import type { LanguageContext } from './languageContext';

export class FeatureIdRenameProvider implements vscode.RenameProvider {
  constructor(private readonly language: LanguageContext) {}

  prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): { range: vscode.Range; placeholder: string } | undefined {
    const ref = this.language.featureOf(document);
    if (!ref) return undefined;
    const offset = document.offsetAt(position);
    const found = idAt(ref.parsed, offset);
    if (found) return { range: toRange(found.inner, document), placeholder: found.id };
    const split = ref.parsed.split;
    // In the body, other rename providers (Markdown headers and links) may apply; in the front-matter only ids do.
    if (split.kind === 'closed' && offset >= split.yamlStart && offset < split.yamlEnd) {
      throw new Error(
        'Only a feature id can be renamed here: put the cursor on the id: value or on a depends_on entry.',
      );
    }
    return undefined;
  }

  provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
  ): vscode.WorkspaceEdit | undefined {
    const ref = this.language.featureOf(document);
    const found = ref && idAt(ref.parsed, document.offsetAt(position));
    if (!ref || !found) return undefined;
    const to = newName.trim();
    const problem = idProblem(to);
    if (problem) throw new Error(problem);
    const edit = new vscode.WorkspaceEdit();
    if (to === found.id) return edit;
    const state = ref.folder;
    this.language.syncOpenDocuments(state);
    const owner = state.index.features().find((feature) => feature.id === to);
    if (owner) throw new Error(`'${to}' is already the id of ${owner.file}; ids must be unique.`);
    for (const parsed of state.index.parsedFiles()) {
      const edits = renameEditsIn(parsed, found.id, to);
      if (edits.length === 0) continue;
      const uri = this.language.service.uriOf(state, parsed.file);
      for (const change of edits) {
        const range = this.language.rangeIn(uri, change);
        if (range) edit.replace(uri, range, change.newText);
      }
    }
    return edit;
  }
}
