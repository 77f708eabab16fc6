// What every language provider needs from the index: the feature behind a document as the editor shows it
// (so spans and positions agree even between a keystroke and its re-validation), the features of its folder,
// ranks (cached until the index changes: code lenses and hovers ask often), and span → range conversion.
import * as vscode from 'vscode';
import { parseFeatureFile } from '../../core/featureFile';
import { LineIndex } from '../../core/lineIndex';
import { rankByScore } from '../../core/roadmapModel';
import type { Feature, Span } from '../../core/types';
import type { Ranking } from '../../core/language/featureSummary';
import { toRange, type PositionSource } from '../convert';
import type { FeatureRef, FolderState, RoadmapService } from '../roadmapService';

/** A feature file as the editor shows it: from the index, or parsed from the editor's newer text. */
export interface LiveFeature extends FeatureRef {
  /** The index holds exactly this text (so its cross-file issues apply to it). */
  indexed: boolean;
}

interface FolderRanks {
  ranks: Map<string, number>;
  total: number;
}

export class LanguageContext implements vscode.Disposable {
  private readonly ranks = new Map<FolderState, FolderRanks>();
  private readonly subscription: vscode.Disposable;

  constructor(readonly service: RoadmapService) {
    this.subscription = service.onDidChange(() => this.ranks.clear());
  }

  /**
   * The feature file behind a document, or undefined for anything that is not one. Spans must index into the
   * text the editor shows: when the document changed since it was indexed (the validation debounce has not
   * fired yet), its text is parsed here, without touching the index, unless `sync` asks to re-index it now
   * (explicit actions, where cross-file results must be current).
   */
  featureOf(document: vscode.TextDocument, sync = false): LiveFeature | undefined {
    const service = this.service;
    const state = service.folderStateOf(document.uri);
    if (!state || !service.isCandidate(document.uri)) return undefined;
    const text = document.getText();
    if (service.indexedText(document.uri) !== text && sync) service.updateFromDocument(document);
    if (service.indexedText(document.uri) === text) {
      const ref = service.lookup(document.uri);
      return ref && { ...ref, indexed: true };
    }
    const file = service.relativePath(state.folder, document.uri);
    const parsed = parseFeatureFile(file, text, state.index.config);
    return parsed.isFeature ? { folder: state, file, uri: document.uri, parsed, indexed: false } : undefined;
  }

  /** Brings every open, edited feature document of a folder into the index (before a cross-file operation). */
  syncOpenDocuments(state: FolderState): void {
    for (const document of vscode.workspace.textDocuments) {
      if (
        document.isClosed ||
        this.service.folderStateOf(document.uri) !== state ||
        !this.service.isCandidate(document.uri)
      )
        continue;
      if (this.service.indexedText(document.uri) !== document.getText())
        this.service.updateFromDocument(document);
    }
  }

  features(state: FolderState): Feature[] {
    return state.index.features();
  }

  rankingOf(state: FolderState, feature: Feature): Ranking {
    let folder = this.ranks.get(state);
    if (!folder) {
      const ranked = rankByScore(state.index.features());
      folder = {
        ranks: new Map([...ranked].map(([ranked, rank]) => [ranked.file, rank])),
        total: ranked.size,
      };
      this.ranks.set(state, folder);
    }
    const rank = folder.ranks.get(feature.file);
    return rank === undefined ? { total: folder.total } : { rank, total: folder.total };
  }

  /** Positions for spans of an indexed file: its open document when that shows the indexed text, else the text itself. */
  positionsOf(uri: vscode.Uri): PositionSource | undefined {
    const text = this.service.indexedText(uri);
    // Indexed from disk: positions come from the parsed front-matter.
    if (text === undefined) return this.service.lineIndexOf(uri);
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === uri.toString(),
    );
    return open && !open.isClosed && open.getText() === text ? open : new LineIndex(text);
  }

  rangeIn(uri: vscode.Uri, span: Span): vscode.Range | undefined {
    const source = this.positionsOf(uri);
    return source ? toRange(span, source) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.ranks.clear();
  }
}

/** Markdown for hovers and completion docs: never trusted (no command links), no raw HTML. */
export function untrustedMarkdown(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
