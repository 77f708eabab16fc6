// Language features of feature files: completion, hover, quick fixes, code lens, id links, definition,
// references and rename. Registered for all Markdown; every provider answers only for indexed feature files
// (the rest of a repository's Markdown gets nothing from us).
//
// VS Code sees every provider from activation on, but what registers here are thin forwarders: the providers
// themselves (and the core's language modules, `yaml` among them) are a side bundle, dist/lazy/language.js,
// loaded the first time VS Code asks one of them (see ./lazy.ts).
import * as vscode from 'vscode';
import { onFirstUse } from './lazy';
import { codeActionMetadata, completionTriggerCharacters } from './language/metadata';
import type { LanguageProviders } from './language/providers';
import type { RoadmapServices } from './services';

const selector: vscode.DocumentSelector = { language: 'markdown' };

export function registerLanguageFeatures(services: RoadmapServices): vscode.Disposable {
  const codeLensChanged = new vscode.EventEmitter<void>();
  let loaded: LanguageProviders | undefined;
  let disposed = false;
  const providers = onFirstUse(async () => {
    const { languageProviders } = await import('./language/providers');
    if (disposed) throw new vscode.CancellationError();
    loaded ??= languageProviders(services.service);
    loaded.codeLens.onDidChangeCodeLenses(() => codeLensChanged.fire());
    return loaded;
  });
  const registrations = vscode.Disposable.from(
    codeLensChanged,
    { dispose: () => ((disposed = true), loaded?.dispose()) },
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems: async (document, position) =>
          (await providers()).completion.provideCompletionItems(document, position),
      },
      ...completionTriggerCharacters,
    ),
    vscode.languages.registerHoverProvider(selector, {
      provideHover: async (document, position) => (await providers()).hover.provideHover(document, position),
    }),
    vscode.languages.registerCodeActionsProvider(
      selector,
      { provideCodeActions: async (...args) => (await providers()).codeActions.provideCodeActions(...args) },
      codeActionMetadata,
    ),
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: codeLensChanged.event,
      provideCodeLenses: async (document) => (await providers()).codeLens.provideCodeLenses(document),
    }),
    vscode.languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks: async (document) => (await providers()).links.provideDocumentLinks(document),
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition: async (document, position) =>
        (await providers()).links.provideDefinition(document, position),
    }),
    vscode.languages.registerReferenceProvider(selector, {
      provideReferences: async (document, position, context) =>
        (await providers()).links.provideReferences(document, position, context),
    }),
    vscode.languages.registerRenameProvider(selector, {
      prepareRename: async (document, position) =>
        (await providers()).rename.prepareRename(document, position),
      provideRenameEdits: async (document, position, newName) =>
        (await providers()).rename.provideRenameEdits(document, position, newName),
    }),
  );
  services.context.subscriptions.push(registrations);
  return registrations;
}
