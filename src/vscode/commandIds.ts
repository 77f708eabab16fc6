// Every command id the extension registers, in one place. package.json's `contributes.commands` must list
// exactly these (test/unit/manifest.test.ts checks both directions). No `vscode` import: the unit test reads
// this file in plain Node.

export const commandIds = {
  newFeature: 'roadmap.newFeature',
  openRoadmap: 'roadmap.openRoadmap',
  goToFeature: 'roadmap.goToFeature',
  setStatus: 'roadmap.setStatus',
  setMoscow: 'roadmap.setMoscow',
  scoreRice: 'roadmap.scoreRice',
  export: 'roadmap.export',
  publishSite: 'roadmap.publishSite',
  updateMarkdown: 'roadmap.updateMarkdown',
  validateWorkspace: 'roadmap.validateWorkspace',
  refresh: 'roadmap.refresh',
  showLog: 'roadmap.showLog',
  openFeature: 'roadmap.openFeature',
  revealInPanel: 'roadmap.revealInPanel',
  copyId: 'roadmap.copyId',
  treeGroupBy: 'roadmap.tree.groupBy',
  treeSortBy: 'roadmap.tree.sortBy',
  treeFilter: 'roadmap.tree.filter',
  treeClearFilter: 'roadmap.tree.clearFilter',
  treeShowMore: 'roadmap.tree.showMore',
  openSavedView: 'roadmap.openSavedView',
  copyCiWorkflow: 'roadmap.copyCiWorkflow',
  addMcpServer: 'roadmap.addMcpServer',
  initConfig: 'roadmap.initConfig',
} as const;

export type CommandId = (typeof commandIds)[keyof typeof commandIds];

/** The git history commands (src/vscode/history/historyRegistration.ts registers them). */
export const historyCommandIds = {
  showHistory: 'roadmap.showHistory',
  writeStatusUpdate: 'roadmap.writeStatusUpdate',
  compareWith: 'roadmap.compareWith',
  leaveCompare: 'roadmap.leaveCompare',
} as const;

/** The tree view's id in package.json's `contributes.views`. */
export const featuresViewId = 'roadmap.features';

/** The roadmap panel's webview type (package.json's `onWebviewPanel:` activation event). */
export const panelViewType = 'roadmap.panel';

/** Context keys the manifest's `when` clauses read. */
export const contextKeys = {
  treeFiltered: 'roadmap.treeFiltered',
} as const;
