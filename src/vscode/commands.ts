// The commands of package.json, one small handler each. Every prompt can be answered by an argument, so the
// integration tests (and keybindings) run them without UI; without arguments they ask.
import * as vscode from 'vscode';
import { defaultConfig, type RoadmapConfig } from '../core/config';
// Exporters load on first use: they are not needed to activate (see esbuild.mjs, lazy modules).
import type { ExportFormat, ExportInput } from '../core/exporters';
import type { GroupBy, SortBy } from '../core/roadmapModel';
import { confidenceRubric, impactRubric, moscowValues } from '../core/schema';
import { computeScore, formatScore } from '../core/scoring';
import type { Feature } from '../core/types';
import { copyCiWorkflow, openSavedView } from './workspaceCommands';
import { commandIds, type CommandId } from './commandIds';
import { addMcpServerToWorkspace } from './mcpSetup';
import { createNewFeature, type NewFeatureArgs } from './newFeature';
import {
  confidenceItems,
  impactItems,
  inputNumber,
  moscowItems,
  numberProblem,
  pickValue,
  statusItems,
  type ValuedItem,
} from './pickers';
import type { FolderState } from './roadmapService';
import type { RoadmapServices } from './services';
import { groupByValues, isFeatureNode, sortByValues, type RoadmapTree } from './tree';
import type { FieldChange } from './writer';

export interface RiceValues {
  reach?: number;
  impact?: number;
  /** In percent: 80 means 80%. */
  confidence?: number;
  effort?: number;
}

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

const groupByLabels: Record<GroupBy, string> = {
  status: 'Status',
  moscow: 'MoSCoW priority',
  milestone: 'Milestone',
  quarter: 'Quarter',
  owner: 'Owner',
  goal: 'Goal',
  team: 'Team',
};

const sortByLabels: Record<SortBy, string> = {
  score: 'Score (highest first)',
  title: 'Title (A–Z)',
  date: 'Date (earliest first)',
  id: 'Id',
};

export function registerCommands(services: RoadmapServices, tree: RoadmapTree): void {
  const commands = new RoadmapCommands(services, tree);
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [commandIds.newFeature]: (args) => commands.newFeature(args),
    [commandIds.openRoadmap]: () => services.panel.open(),
    [commandIds.goToFeature]: (id) => commands.goToFeature(id),
    [commandIds.setStatus]: (target, value) => commands.setStatus(target, value),
    [commandIds.setMoscow]: (target, value) => commands.setMoscow(target, value),
    [commandIds.scoreRice]: (target, values) => commands.scoreRice(target, values),
    [commandIds.export]: (format, targetUri) => commands.export(format, targetUri),
    [commandIds.updateMarkdown]: (targetUri, kind) => commands.updateMarkdown(targetUri, kind),
    [commandIds.validateWorkspace]: () => commands.validateWorkspace(),
    [commandIds.refresh]: () => services.service.refresh(),
    [commandIds.showLog]: () => services.log.show(),
    [commandIds.openFeature]: (target) => commands.openFeature(target),
    [commandIds.revealInPanel]: (target) => commands.revealInPanel(target),
    [commandIds.copyId]: (target) => commands.copyId(target),
    [commandIds.treeGroupBy]: (value) => commands.groupBy(value),
    [commandIds.treeSortBy]: (value) => commands.sortBy(value),
    [commandIds.treeFilter]: (text) => commands.filter(text),
    [commandIds.treeClearFilter]: () => tree.setFilter(''),
    [commandIds.openSavedView]: (name) => openSavedView(services, name),
    [commandIds.copyCiWorkflow]: () => copyCiWorkflow(services),
    [commandIds.addMcpServer]: (folder) =>
      addMcpServerToWorkspace(services, folder as vscode.Uri | undefined),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}

class RoadmapCommands {
  constructor(
    private readonly services: RoadmapServices,
    private readonly tree: RoadmapTree,
  ) {}

  private get service() {
    return this.services.service;
  }

  newFeature(args: unknown): Promise<vscode.Uri | undefined> {
    return createNewFeature(this.services, isNewFeatureArgs(args) ? args : undefined);
  }

  // --- Feature targets -------------------------------------------------------------------------------------

  /**
   * The feature files a command acts on: the tree's selection (VS Code passes the clicked node and the
   * selected nodes), a Uri, a feature id, or else the active editor's file. Reports when there is none.
   */
  private targetsOf(target: unknown, selection?: unknown): vscode.Uri[] | undefined {
    let uris: vscode.Uri[];
    if (Array.isArray(target) && target.length > 0) {
      // Several features at once (tests and keybindings): each entry is a node, a Uri or an id.
      const resolved = target.map((entry: unknown) => this.targetsOf(entry));
      return resolved.every((entry) => entry !== undefined) ? resolved.flat() : undefined;
    }
    if (isFeatureNode(target)) {
      const selected = Array.isArray(selection) ? selection.filter(isFeatureNode) : [];
      uris = selected.some((node) => node.uri.toString() === target.uri.toString())
        ? selected.map((node) => node.uri)
        : [target.uri];
    } else if (target instanceof vscode.Uri) {
      uris = [target];
    } else if (typeof target === 'string') {
      uris = this.service.findById(target).map((entry) => entry.uri);
      if (uris.length !== 1) {
        void vscode.window.showErrorMessage(
          uris.length === 0
            ? `Roadmap: no feature has the id '${target}'.`
            : `Roadmap: ${uris.length} features have the id '${target}'; pick one in the Roadmap view.`,
        );
        return undefined;
      }
    } else {
      const active = vscode.window.activeTextEditor?.document.uri;
      if (!active || !this.service.lookup(active)) {
        void vscode.window.showErrorMessage(
          'Roadmap: open a feature file, or pick a feature in the Roadmap view, first.',
        );
        return undefined;
      }
      uris = [active];
    }
    const notFeature = uris.find((uri) => !this.service.lookup(uri)?.parsed.isFeature);
    if (notFeature) {
      void vscode.window.showErrorMessage(
        `Roadmap: ${vscode.workspace.asRelativePath(notFeature)} is not a feature file (Markdown with front-matter under a roadmap folder).`,
      );
      return undefined;
    }
    return uris;
  }

  private featureOf(uri: vscode.Uri): Feature | undefined {
    return this.service.lookup(uri)?.parsed.feature;
  }

  private configOf(uri: vscode.Uri): RoadmapConfig {
    return this.service.folderStateOf(uri)?.index.config ?? defaultConfig();
  }

  /** Writes the same changes to each file; refusals are reported, not thrown. True when all succeeded. */
  private async writeEach(
    uris: readonly vscode.Uri[],
    changes: readonly FieldChange[],
    what: string,
  ): Promise<boolean> {
    let allWritten = true;
    for (const uri of uris) {
      const result = await this.services.writer.setFields(uri, changes);
      if (!result.ok) {
        allWritten = false;
        void vscode.window.showWarningMessage(
          `Roadmap: could not set ${what} of ${vscode.workspace.asRelativePath(uri)}: ${result.reason}`,
        );
      }
    }
    return allWritten;
  }

  // --- Feature commands ------------------------------------------------------------------------------------

  async setStatus(target: unknown, value: unknown): Promise<boolean> {
    const uris = this.targetsOf(target, value);
    if (!uris) return false;
    const config = this.configOf(uris[0]);
    const current = this.featureOf(uris[0])?.status;
    const status =
      typeof value === 'string'
        ? value
        : await pickValue(statusItems(config, current), { title: 'Set Status', current });
    if (status === undefined) return false;
    if (!config.statuses.some((candidate) => candidate.id === status)) {
      void vscode.window.showWarningMessage(
        `Roadmap: '${status}' is not a status; use one of ${config.statuses.map((candidate) => candidate.id).join(', ')}.`,
      );
      return false;
    }
    return this.writeEach(uris, [{ path: ['status'], value: status }], 'the status');
  }

  async setMoscow(target: unknown, value: unknown): Promise<boolean> {
    const uris = this.targetsOf(target, value);
    if (!uris) return false;
    const current = this.featureOf(uris[0])?.moscow;
    const moscow =
      typeof value === 'string'
        ? value
        : await pickValue(moscowItems(current), { title: 'Set MoSCoW Priority', current });
    if (moscow === undefined) return false;
    if (!moscowValues.some((candidate) => candidate === moscow)) {
      void vscode.window.showWarningMessage(
        `Roadmap: '${moscow}' is not a MoSCoW priority; use must, should, could or wont.`,
      );
      return false;
    }
    return this.writeEach(uris, [{ path: ['moscow'], value: moscow }], 'the MoSCoW priority');
  }

  /** Writes rice.* and, when the file already stores a `score:`, the score those inputs give. */
  async scoreRice(target: unknown, values: unknown): Promise<boolean> {
    // One feature: RICE inputs are estimated per feature, so a multi-selection is not spread over. With no
    // feature at hand (the walkthrough's button, no file open), the user picks one instead of an error.
    const active = vscode.window.activeTextEditor?.document.uri;
    const atHand =
      target !== undefined || (active !== undefined && this.service.lookup(active) !== undefined);
    const uri = atHand ? this.targetsOf(target)?.[0] : await this.pickFeatureToScore();
    if (!uri) return false;
    const ref = this.service.lookup(uri);
    const current = ref?.parsed.feature?.rice ?? {};
    const given = isRiceValues(values) ? values : await askRice(current);
    if (!given) return false;
    const problem = riceProblem(given);
    if (problem) {
      void vscode.window.showWarningMessage(`Roadmap: cannot score with RICE: ${problem}`);
      return false;
    }
    const changes: FieldChange[] = [];
    if (given.reach !== undefined) changes.push({ path: ['rice', 'reach'], value: given.reach });
    if (given.impact !== undefined) changes.push({ path: ['rice', 'impact'], value: given.impact });
    if (given.confidence !== undefined)
      changes.push({ path: ['rice', 'confidence'], value: `${given.confidence}%` });
    if (given.effort !== undefined) changes.push({ path: ['rice', 'effort'], value: given.effort });
    const config = this.configOf(uri);
    const score = computeScore({ rice: { ...current, ...given } }, 'rice');
    // A stored score that is not refreshed goes stale (and gets flagged); a file without one stays without.
    if (ref && 'score' in ref.parsed.keys && config.scoring.model === 'rice' && score !== undefined) {
      changes.push({ path: ['score'], value: Number(formatScore(score)) });
    }
    const written = await this.writeEach([uri], changes, 'the RICE scores');
    // The walkthrough's step is done when a feature was actually scored, not when the command was run.
    if (written) void vscode.commands.executeCommand('setContext', 'roadmap.scoredWithRice', true);
    return written;
  }

  private async pickFeatureToScore(): Promise<vscode.Uri | undefined> {
    await this.service.whenIndexed();
    const features = this.service.allFeatures();
    if (features.length === 0) {
      void vscode.window.showInformationMessage('Roadmap: create a feature first (Roadmap: New Feature).');
      return undefined;
    }
    // Unscored features first: they are the ones waiting for an estimate.
    features.sort((a, b) => Number(a.feature.score !== undefined) - Number(b.feature.score !== undefined));
    return pickValue(
      features.map(({ feature, uri }) => ({
        value: uri,
        label: feature.title ?? feature.id ?? feature.file,
        description: [
          feature.id,
          feature.score === undefined ? 'not scored' : `score ${formatScore(feature.score)}`,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
      { title: 'Score which feature with RICE?' },
    );
  }

  async openFeature(target: unknown): Promise<vscode.Uri | undefined> {
    const uri = this.targetsOf(target)?.[0];
    if (!uri) return undefined;
    // The cursor goes to the first front-matter field: where planning edits happen.
    const split = this.service.lookup(uri)?.parsed.split;
    const offset = split?.kind === 'closed' ? split.yamlStart : 0;
    const position = this.service.lineIndexOf(uri)?.positionAt(offset) ?? { line: 0, character: 0 };
    const at = new vscode.Position(position.line, position.character);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), preview: true });
    return uri;
  }

  async revealInPanel(target: unknown): Promise<void> {
    const uri = this.targetsOf(target)?.[0];
    if (!uri) return;
    await this.services.panel.open({ focusId: this.featureOf(uri)?.id });
  }

  async copyId(target: unknown): Promise<string | undefined> {
    const uri = this.targetsOf(target)?.[0];
    if (!uri) return undefined;
    const id = this.featureOf(uri)?.id;
    if (!id) {
      void vscode.window.showWarningMessage(
        `Roadmap: ${vscode.workspace.asRelativePath(uri)} has no valid id to copy.`,
      );
      return undefined;
    }
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
    return id;
  }

  async goToFeature(id: unknown): Promise<vscode.Uri | undefined> {
    await this.service.whenIndexed();
    if (typeof id === 'string') {
      const found = this.service.findById(id)[0];
      if (!found) {
        void vscode.window.showWarningMessage(`Roadmap: no feature has the id '${id}'.`);
        return undefined;
      }
      return this.openFeature(found.uri);
    }
    const items: ValuedItem<vscode.Uri>[] = this.service.allFeatures().map(({ feature, uri }) => ({
      value: uri,
      label: feature.title ?? feature.id ?? feature.file,
      description: [
        feature.id,
        feature.score === undefined ? undefined : `score ${formatScore(feature.score)}`,
      ]
        .filter(Boolean)
        .join(' · '),
      detail: [feature.owner, feature.team, feature.status].filter(Boolean).join(' · ') || undefined,
    }));
    const uri = await pickValue(items, {
      title: 'Go to Feature',
      placeHolder: 'Type an id, a title or an owner',
    });
    return uri && this.openFeature(uri);
  }

  // --- Workspace commands ----------------------------------------------------------------------------------

  async validateWorkspace(): Promise<number> {
    const count = await this.services.diagnostics.validateWorkspace();
    // Focus, not toggle: 'workbench.actions.view.problems' closes the panel when it is already open.
    await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
    return count;
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
        description: `${state.index.size} feature${state.index.size === 1 ? '' : 's'}`,
      })),
      { title: 'Which roadmap?' },
    );
  }

  private exportInput(state: FolderState): ExportInput {
    return {
      features: state.index.features(),
      config: state.index.config,
      issuesOf: (file: string) => state.index.issues(file),
      today: new Date().toISOString().slice(0, 10),
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
      encoder.encode((await import('../core/exporters')).exportRoadmap(chosen, this.exportInput(state))),
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
    const { exportRoadmap, markdownCodeFence, replaceMarkedSection } = await import('../core/exporters');
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

  // --- Tree view options -----------------------------------------------------------------------------------

  async groupBy(value: unknown): Promise<GroupBy | undefined> {
    const current = this.tree.groupBy;
    const chosen =
      groupByValues.find((candidate) => candidate === value) ??
      (await pickValue(
        groupByValues.map((candidate) => ({
          value: candidate,
          label: groupByLabels[candidate],
          description: candidate === current ? 'current' : undefined,
        })),
        { title: 'Group Features By', current },
      ));
    if (chosen) await this.tree.setGroupBy(chosen);
    return chosen;
  }

  async sortBy(value: unknown): Promise<SortBy | undefined> {
    const current = this.tree.sortBy;
    const chosen =
      sortByValues.find((candidate) => candidate === value) ??
      (await pickValue(
        sortByValues.map((candidate) => ({
          value: candidate,
          label: sortByLabels[candidate],
          description: candidate === current ? 'current' : undefined,
        })),
        { title: 'Sort Features By', current },
      ));
    if (chosen) await this.tree.setSortBy(chosen);
    return chosen;
  }

  async filter(text: unknown): Promise<string | undefined> {
    const chosen =
      typeof text === 'string'
        ? text
        : await vscode.window.showInputBox({
            title: 'Filter Features',
            prompt:
              'Words match id, title, owner, team and tags; narrow with tag:x, owner:x, team:x, status:x, moscow:x, milestone:x, goal:x, quarter:x',
            placeHolder: 'sso owner:ana tag:enterprise',
            value: this.tree.filter,
          });
    if (chosen === undefined) return undefined;
    this.tree.setFilter(chosen);
    return this.tree.filter;
  }
}

async function askRice(current: RiceValues): Promise<RiceValues | undefined> {
  const reach = await inputNumber({
    title: 'RICE (1/4): Reach',
    prompt: 'People or accounts affected per quarter (0 or more)',
    current: current.reach,
    min: 0,
  });
  if (reach === undefined) return undefined;
  const impact = await pickValue(impactItems(current.impact), {
    title: 'RICE (2/4): Impact',
    placeHolder: 'Impact on each person reached',
    current: current.impact,
  });
  if (impact === undefined) return undefined;
  const confidence = await pickValue(confidenceItems(current.confidence), {
    title: 'RICE (3/4): Confidence',
    placeHolder: 'How sure are you of reach, impact and effort?',
    current: current.confidence,
  });
  if (confidence === undefined) return undefined;
  const effort = await inputNumber({
    title: 'RICE (4/4): Effort',
    prompt: 'Person-months across every discipline (above 0)',
    current: current.effort,
    min: 0,
    exclusive: true,
  });
  if (effort === undefined) return undefined;
  return { reach, impact, confidence, effort };
}

/** Why given RICE inputs would be rejected by validation; undefined when they are fine. */
function riceProblem(values: RiceValues): string | undefined {
  if (values.reach !== undefined && numberProblem(String(values.reach), { min: 0 }))
    return 'reach must be a number of at least 0.';
  if (values.impact !== undefined && !impactRubric.some((entry) => entry.value === values.impact)) {
    return `impact must be one of ${impactRubric.map((entry) => entry.value).join(', ')}.`;
  }
  if (values.confidence !== undefined && (!(values.confidence > 0) || values.confidence > 100)) {
    return `confidence is a percentage above 0 and at most 100 (${confidenceRubric.map((entry) => `${entry.value}`).join(', ')} are the tiers).`;
  }
  if (values.effort !== undefined && numberProblem(String(values.effort), { min: 0, exclusive: true }))
    return 'effort must be a number above 0.';
  return undefined;
}

/** The one span where two texts differ, so that an edit leaves the rest (and the cursor) alone. */

function isExportFormat(value: unknown): value is ExportFormat {
  return exportFormats.some((format) => format === value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri)
  );
}

const optionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

function isRiceValues(value: unknown): value is RiceValues {
  return (
    isPlainObject(value) &&
    ['reach', 'impact', 'confidence', 'effort'].some((key) => key in value) &&
    optionalNumber(value.reach) &&
    optionalNumber(value.impact) &&
    optionalNumber(value.confidence) &&
    optionalNumber(value.effort)
  );
}

function isNewFeatureArgs(value: unknown): value is NewFeatureArgs {
  return (
    isPlainObject(value) &&
    (value.title === undefined || typeof value.title === 'string') &&
    (value.status === undefined || typeof value.status === 'string') &&
    // A wrong MoSCoW value passes here so that createNewFeature reports it instead of opening the wizard.
    (value.moscow === undefined || typeof value.moscow === 'string') &&
    optionalNumber(value.reach) &&
    optionalNumber(value.impact) &&
    optionalNumber(value.confidence) &&
    optionalNumber(value.effort) &&
    (value.milestone === undefined || typeof value.milestone === 'string') &&
    (value.folder === undefined || value.folder instanceof vscode.Uri)
  );
}
