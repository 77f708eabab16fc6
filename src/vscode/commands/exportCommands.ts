// The roadmap written out: an export file in any format, or a generated section inside a Markdown file.
import * as vscode from 'vscode';
// Exporters load on first use: they are not needed to activate (see esbuild.mjs, lazy modules).
import type { ExportFormat, ExportInput } from '../../core/exporters';
import { localToday } from '../../core/plan/calendar';
import { commandIds } from '../commandIds';
import { pickValue } from '../pickers';
import type { FolderState } from '../roadmapService';
import type { RoadmapServices } from '../services';
import type { CommandHandler } from './commandHandlers';
import { publishSite } from '../publishSite';
import { plural } from '../../core/plural';

export type MarkdownSectionKind = 'gantt' | 'table';

const encoder = new TextEncoder();

const exportFormatDetails: Record<ExportFormat, { label: string; extension: string; filter: string }> = {
  'mermaid-gantt': { label: 'Mermaid Gantt chart', extension: 'mmd', filter: 'Mermaid' },
  'mermaid-timeline': { label: 'Mermaid timeline', extension: 'mmd', filter: 'Mermaid' },
  markdown: { label: 'Markdown tables', extension: 'md', filter: 'Markdown' },
  csv: { label: 'CSV (spreadsheets)', extension: 'csv', filter: 'CSV' },
  json: { label: 'JSON', extension: 'json', filter: 'JSON' },
  html: { label: 'HTML page', extension: 'html', filter: 'HTML' },
};
const exportFormats = Object.keys(exportFormatDetails) as ExportFormat[];

export function exportCommands(services: RoadmapServices) {
  const commands = new ExportCommands(services);
  return {
    [commandIds.export]: (format, targetUri) => commands.export(format, targetUri),
    [commandIds.updateMarkdown]: (targetUri, kind) => commands.updateMarkdown(targetUri, kind),
    [commandIds.publishSite]: (targetUri) => publishSite(services, targetUri),
  } satisfies Record<string, CommandHandler>;
}

class ExportCommands {
  constructor(private readonly services: RoadmapServices) {}

  private get service() {
    return this.services.service;
  }

  /** The folder whose roadmap an export or a generated section shows. */
  private async roadmapFolder(near?: vscode.Uri): Promise<FolderState | undefined> {
    await this.service.whenIndexed();
    const states = this.service.folderStates();
    const nearState = near && this.service.folderStateOf(near);
    if (nearState) return nearState;
    const withFeatures = states.filter((state) => state.index.size > 0);
    if (withFeatures.length <= 1) return withFeatures[0] ?? states[0];
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeState = active && this.service.folderStateOf(active);
    if (activeState) return activeState;
    return pickValue(
      withFeatures.map((state) => ({
        value: state,
        label: state.folder.name,
        description: plural(state.index.size, 'feature'),
      })),
      { title: 'Which roadmap?' },
    );
  }

  private exportInput(state: FolderState): ExportInput {
    return {
      features: state.index.features(),
      config: state.index.config,
      issuesOf: (file: string) => state.index.issues(file),
      today: localToday(),
      dropped: state.index.unreadable(),
    };
  }

  async export(format: unknown, targetUri: unknown): Promise<vscode.Uri | undefined> {
    const chosen = isExportFormat(format)
      ? format
      : await pickValue(
          exportFormats.map((value) => ({
            value,
            label: exportFormatDetails[value].label,
            description: value,
          })),
          { title: 'Export Roadmap', placeHolder: 'Format' },
        );
    if (!chosen) return undefined;
    const state = await this.roadmapFolder(targetUri instanceof vscode.Uri ? targetUri : undefined);
    if (!state) {
      void vscode.window.showErrorMessage('Roadmap: open a folder with feature files to export.');
      return undefined;
    }
    const details = exportFormatDetails[chosen];
    const target =
      targetUri instanceof vscode.Uri
        ? targetUri
        : await vscode.window.showSaveDialog({
            title: `Export Roadmap as ${details.label}`,
            defaultUri: vscode.Uri.joinPath(state.folder.uri, `roadmap.${details.extension}`),
            filters: { [details.filter]: [details.extension] },
          });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(
      target,
      encoder.encode((await import('../../core/exporters')).exportRoadmap(chosen, this.exportInput(state))),
    );
    this.services.log.info(`Exported ${state.index.size} features as ${chosen} to ${target.toString(true)}.`);
    if (!(targetUri instanceof vscode.Uri)) {
      void vscode.window
        .showInformationMessage(`Roadmap exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('vscode.open', target);
        });
    }
    return target;
  }

  /**
   * Puts a generated Gantt chart or table between `<!-- roadmap:start -->` and `<!-- roadmap:end -->` of a
   * Markdown file (appended with its markers the first time), as one undoable edit of that region only.
   */
  async updateMarkdown(targetUri: unknown, kind: unknown): Promise<boolean> {
    const active = vscode.window.activeTextEditor?.document;
    const uri =
      targetUri instanceof vscode.Uri
        ? targetUri
        : active?.languageId === 'markdown'
          ? active.uri
          : undefined;
    if (!uri) {
      void vscode.window.showErrorMessage(
        'Roadmap: open the Markdown file that should show the roadmap first.',
      );
      return false;
    }
    const chosen =
      kind === 'gantt' || kind === 'table'
        ? kind
        : await pickValue<MarkdownSectionKind>(
            [
              {
                value: 'gantt',
                label: 'Gantt chart',
                description: 'a Mermaid block GitHub and GitLab render',
              },
              { value: 'table', label: 'Table', description: 'features by milestone, ranked by score' },
            ],
            { title: 'Insert or Update Roadmap in Markdown' },
          );
    if (!chosen) return false;
    const state = await this.roadmapFolder(uri);
    if (!state) return false;
    const input = this.exportInput(state);
    const { exportRoadmap, markdownCodeFence, replaceMarkedSection } = await import('../../core/exporters');
    const content =
      chosen === 'gantt'
        ? markdownCodeFence('mermaid', exportRoadmap('mermaid-gantt', input))
        : exportRoadmap('markdown', input);
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();
    let updated: string;
    try {
      updated = replaceMarkedSection(original, content);
    } catch (error) {
      void vscode.window.showErrorMessage(`Roadmap: ${(error as Error).message}`);
      return false;
    }
    const result = await this.services.writer.replaceText(document, updated);
    if (!result.ok) {
      void vscode.window.showWarningMessage(
        `Roadmap: could not update ${vscode.workspace.asRelativePath(uri)}: ${result.reason}.`,
      );
      return false;
    }
    return true;
  }
}

function isExportFormat(value: unknown): value is ExportFormat {
  return exportFormats.some((format) => format === value);
}
