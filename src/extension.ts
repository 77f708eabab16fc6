// activate/deactivate only: build the objects, start indexing without awaiting it, register everything.
import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { registerConfigSupport } from './vscode/configDiagnostics';
import { registerHistoryFeatures, type HistoryApi } from './vscode/history/historyRegistration';
import { DiagnosticsController } from './vscode/diagnostics';
import { registerLanguageFeatures } from './vscode/languageFeatures';
import { registerLanguageModelTools } from './vscode/lmToolsRegistration';
import { localFiles } from './vscode/localFiles';
import { Log } from './vscode/log';
import type { RoadmapPanelController } from './vscode/panel';
import { RoadmapPanelHost } from './vscode/panelHost';
import { RoadmapService } from './vscode/roadmapService';
import type { RoadmapServices } from './vscode/services';
import { registerStatusBar } from './vscode/statusBar';
import { RoadmapTree } from './vscode/tree';
import { FeatureWriter } from './vscode/writer';

/** What activate() returns: the integration tests use it to reach the live objects. */
export interface RoadmapApi {
  services: RoadmapServices;
  tree: RoadmapTree;
  /** The panel's controller, which loads on first use: `await loadPanel()` before reading `panel`. */
  loadPanel(): Promise<RoadmapPanelController>;
  readonly panel: RoadmapPanelController;
  history: HistoryApi;
}

export function activate(context: vscode.ExtensionContext): RoadmapApi {
  const log = new Log();
  const service = new RoadmapService(log, {
    // Per workspace; a window with no workspace file keeps its folders' indexes in the global storage.
    storage: context.storageUri ?? context.globalStorageUri,
    version: String((context.extension.packageJSON as { version?: unknown }).version),
    localFiles,
  });
  const writer = new FeatureWriter(log, (uri) => service.folderStateOf(uri)?.index.config.aliases ?? {});
  const diagnostics = new DiagnosticsController(service);
  const panel = new RoadmapPanelHost(context, service, writer, log);
  const services: RoadmapServices = { context, service, writer, log, diagnostics, panel };
  const tree = new RoadmapTree(services);
  context.subscriptions.push(
    log,
    service,
    diagnostics,
    panel,
    tree,
    registerStatusBar(service),
    registerConfigSupport(),
  );
  registerCommands(services, tree);
  registerLanguageFeatures(services);
  const history = registerHistoryFeatures(services, panel);
  context.subscriptions.push(...registerLanguageModelTools(services));

  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'roadmap.indexed', service.isIndexed);
    void vscode.commands.executeCommand('setContext', 'roadmap.featureCount', service.featureCount());
  };
  const setEditorContext = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand(
      'setContext',
      'roadmap.activeEditorIsFeature',
      !!uri && !!service.lookup(uri),
    );
  };
  context.subscriptions.push(
    service.onDidChange(() => {
      setContext();
      setEditorContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(setEditorContext),
  );
  // Indexing runs in the background; activate() returns at once.
  service.start({ shown: () => tree.whenPopulated(), picture: () => tree.picture() });
  void diagnostics.validateWhenIndexed();
  log.info(
    `Markdown Roadmap activated (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} host).`,
  );
  return {
    services,
    tree,
    loadPanel: panel.load,
    get panel() {
      if (!panel.loaded) throw new Error('The roadmap panel has not loaded: await loadPanel() first.');
      return panel.loaded;
    },
    history,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
