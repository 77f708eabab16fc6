// The objects every adapter shares, built once in activate().
import type * as vscode from 'vscode';
import type { SavedView, ViewName } from '../shared/protocol';
import type { DiagnosticsController } from './diagnostics';
import type { Log } from './log';
import type { RoadmapService } from './roadmapService';
import type { FeatureWriter } from './writer';

export interface PanelOpener {
  /** Opens (or reveals) the roadmap panel, optionally on one feature, view or saved view (by name). */
  open(options?: { focusId?: string; view?: ViewName; savedView?: string }): Promise<void>;
  /** The saved views of `.roadmap/views.yaml`, for the tree and the palette. */
  readonly savedViews: { views(): SavedView[]; readonly onDidChange: vscode.Event<SavedView[]> };
}

export interface RoadmapServices {
  context: vscode.ExtensionContext;
  service: RoadmapService;
  writer: FeatureWriter;
  log: Log;
  diagnostics: DiagnosticsController;
  panel: PanelOpener;
}
