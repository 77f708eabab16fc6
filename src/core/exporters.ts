// The roadmap in shareable formats, for the CLI (`roadmap export`) and the editor's export commands. Each
// format lives in src/core/export/; this module is the one entry point callers use. Pure functions of
// their input (no clock, no I/O), so the same files always give the same bytes.
import { csvTable } from './export/csv';
import type { ExportInput } from './export/exportInput';
import { htmlPage } from './export/html';
import { jsonDocument } from './export/json';
import { markdownDocument } from './export/markdown';
import { ganttChart, timelineChart } from './export/mermaid';

export type { ExportInput } from './export/exportInput';
export { replaceMarkedSection } from './export/markdown';
export { markdownCodeFence, sanitizeMermaidLabel } from './export/mermaid';

export type ExportFormat = 'mermaid-gantt' | 'mermaid-timeline' | 'markdown' | 'csv' | 'json' | 'html';

const exporters: Record<ExportFormat, (input: ExportInput) => string> = {
  'mermaid-gantt': ganttChart,
  'mermaid-timeline': timelineChart,
  markdown: markdownDocument,
  csv: csvTable,
  json: jsonDocument,
  html: htmlPage,
};

export const exportFormats: readonly ExportFormat[] = Object.freeze(Object.keys(exporters) as ExportFormat[]);

export function exportRoadmap(format: ExportFormat, input: ExportInput): string {
  // hasOwn, because the CLI passes user text and `exporters['constructor']` exists on every object.
  if (!Object.hasOwn(exporters, format))
    throw new Error(`Unknown export format '${String(format)}'. Use one of: ${exportFormats.join(', ')}.`);
  return exporters[format](input);
}
