// Feature ids as links: a document link on every known id in depends_on, go to definition (an id → its
// feature's `id:` value), and find references (every depends_on entry naming the id, across the folder).
import * as vscode from 'vscode';
import {
  definitionOf,
  idAt,
  mentionsId,
  referencesOf,
  type IdOccurrence,
} from '../../core/language/featureIds';
import { toRange } from '../convert';
import type { FolderState } from '../roadmapService';
import type { LanguageContext } from './languageContext';

export class FeatureIdLinkProvider
  implements vscode.DocumentLinkProvider, vscode.DefinitionProvider, vscode.ReferenceProvider
{
  constructor(private readonly language: LanguageContext) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const ref = this.language.featureOf(document);
    if (!ref) return [];
    const links: vscode.DocumentLink[] = [];
    for (const reference of referencesOf(ref.parsed)) {
      const target = this.language.service.findById(reference.id, document.uri)[0];
      // An unknown id has a diagnostic and a quick fix; a link to nowhere would only mislead.
      if (!target) continue;
      const link = new vscode.DocumentLink(toRange(reference.inner, document), target.uri);
      link.tooltip = target.feature.title ? `${reference.id} · ${target.feature.title}` : reference.id;
      links.push(link);
    }
    return links;
  }

  provideDefinition(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.LocationLink[] | undefined {
    const ref = this.language.featureOf(document);
    const found = ref && idAt(ref.parsed, document.offsetAt(position));
    if (!ref || !found) return undefined;
    const origin = toRange(found.inner, document);
    if (found.role === 'definition')
      return [
        {
          originSelectionRange: origin,
          targetUri: document.uri,
          targetRange: origin,
          targetSelectionRange: origin,
        },
      ];
    const links: vscode.LocationLink[] = [];
    for (const target of this.language.service.findById(found.id, document.uri)) {
      const targetRef = this.language.service.lookup(target.uri);
      const definition = targetRef && definitionOf(targetRef.parsed);
      const range = definition && this.language.rangeIn(target.uri, definition.inner);
      if (range)
        links.push({
          originSelectionRange: origin,
          targetUri: target.uri,
          targetRange: range,
          targetSelectionRange: range,
        });
    }
    return links;
  }

  provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): vscode.Location[] | undefined {
    const ref = this.language.featureOf(document);
    const found = ref && idAt(ref.parsed, document.offsetAt(position));
    if (!ref || !found) return undefined;
    this.language.syncOpenDocuments(ref.folder);
    return occurrencesInFolder(this.language, ref.folder, found.id)
      .filter(({ occurrence }) => occurrence.role === 'reference' || context.includeDeclaration)
      .map(({ uri, range }) => new vscode.Location(uri, range));
  }
}

/** Every occurrence of an id in a folder's feature files, with its range. */
export function occurrencesInFolder(
  language: LanguageContext,
  state: FolderState,
  id: string,
): { uri: vscode.Uri; occurrence: IdOccurrence; range: vscode.Range }[] {
  const service = language.service;
  const found: { uri: vscode.Uri; occurrence: IdOccurrence; range: vscode.Range }[] = [];
  for (const parsed of state.index.parsedFiles()) {
    // The fast parse says which files can mention the id; only those pay for a positioned parse.
    if (!mentionsId(parsed, id)) continue;
    const uri = service.uriOf(state, parsed.file);
    const definition = definitionOf(parsed);
    const occurrences = [...(definition ? [definition] : []), ...referencesOf(parsed)].filter(
      (occurrence) => occurrence.id === id,
    );
    for (const occurrence of occurrences) {
      const range = language.rangeIn(uri, occurrence.inner);
      if (range) found.push({ uri, occurrence, range });
    }
  }
  return found;
}
