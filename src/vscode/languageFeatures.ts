// Language features of feature files: completion, hover, quick fixes, code lens, id links, definition,
// references and rename. Registered for all Markdown; every provider answers only for indexed feature files
// (the rest of a repository's Markdown gets nothing from us).
import * as vscode from 'vscode';
import { codeActionMetadata, RoadmapCodeActionProvider } from './language/codeActions';
import { FeatureCodeLensProvider } from './language/codeLens';
import { completionTriggerCharacters, FrontmatterCompletionProvider } from './language/completion';
import { FrontmatterHoverProvider } from './language/hover';
import { LanguageContext } from './language/languageContext';
import { FeatureIdLinkProvider } from './language/links';
import { FeatureIdRenameProvider } from './language/rename';
import type { RoadmapServices } from './services';

const selector: vscode.DocumentSelector = { language: 'markdown' };

export function registerLanguageFeatures(services: RoadmapServices): vscode.Disposable {
  const language = new LanguageContext(services.service);
  const codeLens = new FeatureCodeLensProvider(language);
  const links = new FeatureIdLinkProvider(language);
  const registrations = vscode.Disposable.from(
    language,
    codeLens,
    vscode.languages.registerCompletionItemProvider(
      selector,
      new FrontmatterCompletionProvider(language),
      ...completionTriggerCharacters,
    ),
    vscode.languages.registerHoverProvider(selector, new FrontmatterHoverProvider(language)),
    vscode.languages.registerCodeActionsProvider(
      selector,
      new RoadmapCodeActionProvider(language),
      codeActionMetadata,
    ),
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.languages.registerDocumentLinkProvider(selector, links),
    vscode.languages.registerDefinitionProvider(selector, links),
    vscode.languages.registerReferenceProvider(selector, links),
    vscode.languages.registerRenameProvider(selector, new FeatureIdRenameProvider(language)),
  );
  services.context.subscriptions.push(registrations);
  return registrations;
}
