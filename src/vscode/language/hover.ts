// Hovers in the front-matter: field documentation, value meanings, the score with its formula and rank, and
// the feature behind an id. The content is computed by the core.
import * as vscode from 'vscode';
import { hoverAt } from '../../core/language/hovers';
import { toRange } from '../convert';
import { untrustedMarkdown, type LanguageContext } from './languageContext';

export class FrontmatterHoverProvider implements vscode.HoverProvider {
  constructor(private readonly language: LanguageContext) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const ref = this.language.featureOf(document);
    if (!ref) return undefined;
    const state = ref.folder;
    const content = hoverAt({
      parsed: ref.parsed,
      offset: document.offsetAt(position),
      config: state.index.config,
      features: this.language.features(state),
      rankingOf: (feature) => this.language.rankingOf(state, feature),
    });
    return content
      ? new vscode.Hover(untrustedMarkdown(content.markdown), toRange(content.span, document))
      : undefined;
  }
}
