// One code lens above the front-matter: "RICE 640 · #3 of 42 · Must · 2026-Q1", opening the roadmap panel on
// the feature. It reads the index as it is (no re-index per request) and refreshes when the index changes.
import * as vscode from 'vscode';
import { lensTitle } from '../../core/language/featureSummary';
import type { LanguageContext } from './languageContext';

export const codeLensSetting = 'roadmap.codeLens.enabled';

export class FeatureCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly language: LanguageContext) {
    this.disposables.push(
      // Scores and ranks of every file can move when any file changes.
      language.service.onDidChange(() => this.changeEmitter.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(codeLensSetting)) this.changeEmitter.fire();
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('roadmap', document.uri).get<boolean>('codeLens.enabled', true))
      return [];
    const ref = this.language.service.lookup(document.uri);
    const feature = ref?.parsed.feature;
    if (!ref || !feature) return [];
    const title = lensTitle(feature, ref.folder.index.config, this.language.rankingOf(ref.folder, feature));
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title,
        tooltip: 'Reveal this feature in the roadmap panel',
        command: 'roadmap.revealInPanel',
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
