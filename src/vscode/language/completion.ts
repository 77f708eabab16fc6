// Completion in the front-matter: field names with their documentation, and values from the config, the
// schema's rubrics and the index. The candidates are computed by the core; this only converts them.
import * as vscode from 'vscode';
import { completionsAt, type CandidateKind, type CompletionCandidate } from '../../core/language/completions';
import { untrustedMarkdown, type LanguageContext } from './languageContext';

const kinds: Record<CandidateKind, vscode.CompletionItemKind> = {
  field: vscode.CompletionItemKind.Property,
  block: vscode.CompletionItemKind.Snippet,
  enum: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
  reference: vscode.CompletionItemKind.Reference,
  person: vscode.CompletionItemKind.User,
};

export class FrontmatterCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly language: LanguageContext) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.CompletionList | undefined {
    const service = this.language.service;
    const state = service.folderStateOf(document.uri);
    if (!state || !service.isCandidate(document.uri)) return undefined;
    // No re-index here: completion runs on every keystroke, and only other files' facts come from the index.
    const candidates = completionsAt({
      text: document.getText(),
      offset: document.offsetAt(position),
      config: state.index.config,
      features: this.language.features(state),
      file: service.relativePath(state.folder, document.uri),
    });
    if (candidates.length === 0) return undefined;
    return new vscode.CompletionList(
      candidates.map((candidate) => toItem(candidate, document)),
      false,
    );
  }
}

function toItem(candidate: CompletionCandidate, document: vscode.TextDocument): vscode.CompletionItem {
  const item = new vscode.CompletionItem(candidate.label, kinds[candidate.kind]);
  if (candidate.detail) item.detail = candidate.detail;
  if (candidate.documentation) item.documentation = untrustedMarkdown(candidate.documentation);
  item.insertText = candidate.snippet ? new vscode.SnippetString(candidate.insertText) : candidate.insertText;
  item.range = new vscode.Range(
    document.positionAt(candidate.span.start),
    document.positionAt(candidate.span.end),
  );
  item.sortText = candidate.sortText;
  // Choosing `status` should go straight on to choosing the status.
  if (candidate.retrigger)
    item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
  return item;
}
