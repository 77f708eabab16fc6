// The objects every adapter shares, built once in activate().
import type * as vscode from 'vscode';
import type { ViewName } from '../shared/protocol';
import type { DiagnosticsController } from './diagnostics';
import type { Log } from './log';
import type { RoadmapService } from './roadmapService';
import type { FeatureWriter } from './writer';

export interface PanelOpener {
  /** Opens (or reveals) the roadmap panel, optionally on one feature or view. */
  open(options?: { focusId?: string; view?: ViewName }): Promise<void>;
}

export interface RoadmapServices {
  context: vscode.ExtensionContext;
  service: RoadmapService;
  writer: FeatureWriter;
  log: Log;
  diagnostics: DiagnosticsController;
  panel: PanelOpener;
}
