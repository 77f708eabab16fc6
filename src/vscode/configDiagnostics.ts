// `.roadmap/config.yaml` in the editor: its problems (checked against the published JSON Schema by the same
// interpreter the index uses) appear as you type, and its keys, statuses categories and rule codes complete.
import * as vscode from 'vscode';
import { configJsonSchema, configPath, parseConfig } from '../core/config';
import { rules } from '../core/schema';
import { toRange } from './convert';

function isConfigDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith(`/${configPath}`);
}

export function registerConfigSupport(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('roadmap-config');
  const validate = (document: vscode.TextDocument) => {
    if (!isConfigDocument(document)) return;
    const { problems } = parseConfig(document.getText());
    collection.set(
      document.uri,
      problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(
          toRange(problem.span, document),
          problem.message,
          problem.fatal ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'roadmap';
        diagnostic.code = 'config';
        return diagnostic;
      }),
    );
  };
  const topLevelKeys = Object.entries(configJsonSchema.properties).map(([key, schema]) => ({
    key,
    description: 'description' in schema ? String(schema.description) : '',
  }));
  const completion = vscode.languages.registerCompletionItemProvider(
    { language: 'yaml', pattern: `**/${configPath}` },
    {
      provideCompletionItems(document, position) {
        const line = document.lineAt(position.line).text.slice(0, position.character);
        if (/^\w*$/.test(line)) {
          return topLevelKeys.map(({ key, description }) => {
            const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
            item.insertText = `${key}: `;
            item.documentation = description;
            return item;
          });
        }
        if (
          /^\s+[\w-]*$/.test(line) &&
          /^rules:/m.test(document.getText(new vscode.Range(0, 0, position.line, 0)))
        ) {
          return rules.map((rule) => {
            const item = new vscode.CompletionItem(rule.code, vscode.CompletionItemKind.Property);
            item.insertText = new vscode.SnippetString(`${rule.code}: \${1|off,hint,info,warning,error|}`);
            item.detail = `default: ${rule.severity}`;
            item.documentation = rule.summary;
            return item;
          });
        }
        if (/category:\s*\w*$/.test(line))
          return ['todo', 'doing', 'done'].map(
            (value) => new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember),
          );
        if (/model:\s*\w*$/.test(line))
          return ['rice', 'ice', 'wsjf'].map(
            (value) => new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember),
          );
        return undefined;
      },
    },
    ' ',
  );
  for (const document of vscode.workspace.textDocuments) validate(document);
  return vscode.Disposable.from(
    collection,
    completion,
    vscode.workspace.onDidOpenTextDocument(validate),
    vscode.workspace.onDidChangeTextDocument((event) => validate(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  );
}
