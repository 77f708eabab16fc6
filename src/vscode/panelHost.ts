// The roadmap panel as activation sees it. The panel's controller (./panel.ts, with the view model, the body
// insights and the edits behind it) is a side bundle, dist/lazy/panel.js, loaded the first time the panel
// opens or is restored (see ./lazy.ts). What must exist before that lives here: the saved views, which the
// tree lists, and the serializer, which VS Code needs at activation to bring an open panel back after a reload.
import * as vscode from 'vscode';
import type { BaselineMessage, ViewName } from '../shared/protocol';
import { panelViewType } from './commandIds';
import type { BaselineSink } from './history/historyFeatures';
import { onFirstUse } from './lazy';
import type { Log } from './log';
import type { RoadmapPanelController } from './panel';
import type { RoadmapService } from './roadmapService';
import { SavedViewsStore } from './savedViews';
import type { PanelOpener } from './services';
import type { FeatureWriter } from './writer';

export class RoadmapPanelHost implements PanelOpener, BaselineSink, vscode.Disposable {
  readonly savedViews: SavedViewsStore;
  private controller: RoadmapPanelController | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[];

  /** The panel's controller, loaded on the first call. */
  readonly load = onFirstUse(async (): Promise<RoadmapPanelController> => {
    const { RoadmapPanelController } = await import('./panel');
    if (this.disposed) throw new vscode.CancellationError();
    this.controller ??= new RoadmapPanelController(
      this.context,
      this.service,
      this.writer,
      this.log,
      this.savedViews,
    );
    return this.controller;
  });

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: RoadmapService,
    private readonly writer: FeatureWriter,
    private readonly log: Log,
  ) {
    this.savedViews = new SavedViewsStore(service, log);
    this.disposables = [
      this.savedViews,
      // Brings the panel back after a window reload; the webview restores its own UI state (getState).
      vscode.window.registerWebviewPanelSerializer(panelViewType, {
        deserializeWebviewPanel: async (panel) => (await this.load()).adopt(panel),
      }),
    ];
  }

  /** The controller if the panel has loaded (the integration tests reach it through the extension's API). */
  get loaded(): RoadmapPanelController | undefined {
    return this.controller;
  }

  async open(options: { focusId?: string; view?: ViewName; savedView?: string } = {}): Promise<void> {
    await (await this.load()).open(options);
  }

  async postBaseline(message: BaselineMessage): Promise<void> {
    // The controller keeps the baseline for the panel's next page, so it loads even with no panel open.
    await (await this.load()).postBaseline(message);
  }

  dispose(): void {
    this.disposed = true;
    this.controller?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
