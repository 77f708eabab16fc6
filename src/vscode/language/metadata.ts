// What VS Code must know about the language providers when they are registered, at activation: kept apart from
// the providers themselves, which load on first use (see ../languageFeatures.ts).
import * as vscode from 'vscode';

export const completionTriggerCharacters = [':', ' ', '-', '['];

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('roadmap');

export const codeActionMetadata: vscode.CodeActionProviderMetadata = {
  providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind],
};
