// PLACEHOLDER: replaced by the roadmap webview panel host.
import type * as vscode from 'vscode';
import type { Log } from './log';
import type { RoadmapService } from './roadmapService';
import type { PanelOpener } from './services';
import type { FeatureWriter } from './writer';

export class RoadmapPanelController implements PanelOpener, vscode.Disposable {
  constructor(
    readonly context: vscode.ExtensionContext,
    readonly service: RoadmapService,
    readonly writer: FeatureWriter,
    readonly log: Log,
  ) {}
  async open(): Promise<void> {}
  dispose(): void {}
}
