// Quick fixes for roadmap diagnostics and a "fix all" source action. Fixes are computed by the core from the
// issue's code and data; this adapter finds the issue behind each diagnostic, turns text edits into a
// WorkspaceEdit, and picks a free file name for a stub feature.
import * as vscode from 'vscode';
import { fixAllEdits, fixesFor, type Fix, type FixContext } from '../../core/language/fixes';
import type { Issue } from '../../core/types';
import { diagnosticCode, toRange } from '../convert';
import type { FeatureRef } from '../roadmapService';
import type { LanguageContext } from './languageContext';
import { fixAllKind } from './metadata';

export class RoadmapCodeActionProvider implements vscode.CodeActionProvider {
  constructor(private readonly language: LanguageContext) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[] | undefined> {
    // The light bulb asks on every cursor move: it gets fixes for what is known now. An explicit request (the
    // quick-fix menu, fix-all on save) first brings the index up to the keystroke.
    const ref = this.language.featureOf(
      document,
      context.triggerKind === vscode.CodeActionTriggerKind.Invoke,
    );
    if (!ref) return undefined;
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
    const text = document.getText();
    const fixContext = this.fixContext(ref);
    // Not yet re-indexed: this file's own issues, from its current text; cross-file ones follow with the index.
    const issues = ref.indexed ? this.language.service.issues(document.uri) : ref.parsed.issues;
    const actions: vscode.CodeAction[] = [];

    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        const issue = issueOf(diagnostic, issues, document);
        if (!issue) continue;
        for (const fix of fixesFor(issue, text, fixContext)) {
          if (token.isCancellationRequested) return undefined;
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred;
          action.edit = await this.workspaceEditFor(document, ref, fix, action);
          actions.push(action);
        }
      }
    }

    if (wants(fixAllKind)) {
      const edits = fixAllEdits(issues, text, fixContext);
      if (edits.length > 0) {
        const action = new vscode.CodeAction('Fix all auto-fixable roadmap problems', fixAllKind);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of edits) action.edit.replace(document.uri, toRange(edit, document), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }

  private fixContext(ref: FeatureRef): FixContext {
    const features = this.language.features(ref.folder);
    const titles = new Map(
      features.filter((feature) => feature.id !== undefined).map((feature) => [feature.id!, feature.title]),
    );
    return {
      file: ref.file,
      config: ref.folder.index.config,
      ids: [...titles.keys()],
      titleOf: (id) => titles.get(id),
    };
  }

  private async workspaceEditFor(
    document: vscode.TextDocument,
    ref: FeatureRef,
    fix: Fix,
    action: vscode.CodeAction,
  ): Promise<vscode.WorkspaceEdit> {
    const edit = new vscode.WorkspaceEdit();
    for (const change of fix.edits) edit.replace(document.uri, toRange(change, document), change.newText);
    if (fix.createFile) {
      const uri = await freeUri(
        vscode.Uri.joinPath(ref.folder.folder.uri, ...fix.createFile.file.split('/')),
      );
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), fix.createFile.text);
      // After the edit: show the new file, so that the stub gets a real title and description.
      action.command = { command: 'vscode.open', title: 'Open the new feature', arguments: [uri] };
    }
    return edit;
  }
}

/**
 * The current issue behind a diagnostic. VS Code may hand back plain Diagnostic objects (without the issue
 * we attached), and an attached issue may be from older text, so the issue is looked up by code and range.
 */
function issueOf(
  diagnostic: vscode.Diagnostic,
  issues: readonly Issue[],
  document: vscode.TextDocument,
): Issue | undefined {
  if (diagnostic.source !== 'roadmap') return undefined;
  const code = diagnosticCode(diagnostic);
  return issues.find(
    (issue) => issue.code === code && toRange(issue.span, document).isEqual(diagnostic.range),
  );
}

/** `L-404.md`, or `L-404-2.md` and so on when that name is taken. */
async function freeUri(uri: vscode.Uri): Promise<vscode.Uri> {
  const base = uri.path.replace(/\.md$/, '');
  for (let attempt = 1; attempt < 100; attempt++) {
    const candidate = attempt === 1 ? uri : uri.with({ path: `${base}-${attempt}.md` });
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
  return uri;
}
