// The commands other than lint, bundled apart (dist/lazy/cliCommands.js) and loaded on first use: `roadmap lint`,
// which CI runs on every push, never compiles the exporters, the site, git history or Markdown parsing.
export { exportFormats, exportRoadmap, type ExportFormat } from '../core/exporters';
export { initConfig } from './init';
export { publishSite, PublishError } from './publish';
export { diffFormats, formatDiff, isDiffFormat, roadmapDiff } from './diffCommand';
export { formatHistory, historyFormats, isHistoryFormat, roadmapHistory } from './historyCommand';
export { formatReport, isReportFormat, reportFormats, roadmapReport } from './reportCommand';
