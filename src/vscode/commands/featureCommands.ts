// Commands on one feature or a selection of them: create, open, set a field, score, copy its id, find it.
import * as vscode from 'vscode';
import type { RoadmapConfig } from '../../core/config';
import {
  fieldValueProblem,
  fieldValuesProblem,
  riceFieldValues,
  type RiceValues,
} from '../../core/fieldValue';
import { computeScore, formatScore } from '../../core/scoring';
import { commandIds } from '../commandIds';
import { createNewFeature, type NewFeatureArgs } from '../newFeature';
import {
  confidenceItems,
  impactItems,
  inputNumber,
  moscowItems,
  pickValue,
  statusItems,
  type ValuedItem,
} from '../pickers';
import type { RoadmapServices } from '../services';
import type { FieldChange } from '../writer';
import { FeatureTargets, isPlainObject } from './featureTargets';
import type { CommandHandler } from './commandHandlers';

export function featureCommands(services: RoadmapServices) {
  const commands = new FeatureCommands(services);
  return {
    [commandIds.newFeature]: (args) => commands.newFeature(args),
    [commandIds.goToFeature]: (id) => commands.goToFeature(id),
    [commandIds.setStatus]: (target, value) => commands.setStatus(target, value),
    [commandIds.setMoscow]: (target, value) => commands.setMoscow(target, value),
    [commandIds.scoreRice]: (target, values) => commands.scoreRice(target, values),
    [commandIds.openFeature]: (target) => commands.openFeature(target),
    [commandIds.revealInPanel]: (target) => commands.revealInPanel(target),
    [commandIds.copyId]: (target) => commands.copyId(target),
  } satisfies Record<string, CommandHandler>;
}

class FeatureCommands {
  private readonly targets: FeatureTargets;

  constructor(private readonly services: RoadmapServices) {
    this.targets = new FeatureTargets(services);
  }

  private get service() {
    return this.services.service;
  }

  newFeature(args: unknown): Promise<vscode.Uri | undefined> {
    return createNewFeature(this.services, isNewFeatureArgs(args) ? args : undefined);
  }

  async setStatus(target: unknown, value: unknown): Promise<boolean> {
    const uris = this.targets.resolve(target, value);
    if (!uris) return false;
    const config = this.targets.configOf(uris[0]);
    const current = this.targets.featureOf(uris[0])?.status;
    const status =
      typeof value === 'string'
        ? value
        : await pickValue(statusItems(config, current), { title: 'Set Status', current });
    if (status === undefined) return false;
    const problem = fieldValueProblem(['status'], status, config);
    if (problem) {
      void vscode.window.showWarningMessage(`Roadmap: cannot set the status: ${problem}`);
      return false;
    }
    return this.targets.writeEach(uris, [{ path: ['status'], value: status }], 'the status');
  }

  async setMoscow(target: unknown, value: unknown): Promise<boolean> {
    const uris = this.targets.resolve(target, value);
    if (!uris) return false;
    const current = this.targets.featureOf(uris[0])?.moscow;
    const moscow =
      typeof value === 'string'
        ? value
        : await pickValue(moscowItems(current), { title: 'Set MoSCoW Priority', current });
    if (moscow === undefined) return false;
    const problem = fieldValueProblem(['moscow'], moscow, this.targets.configOf(uris[0]));
    if (problem) {
      void vscode.window.showWarningMessage(`Roadmap: cannot set the MoSCoW priority: ${problem}`);
      return false;
    }
    return this.targets.writeEach(uris, [{ path: ['moscow'], value: moscow }], 'the MoSCoW priority');
  }

  /** Writes rice.* and, when the file already stores a `score:`, the score those inputs give. */
  async scoreRice(target: unknown, values: unknown): Promise<boolean> {
    // One feature: RICE inputs are estimated per feature, so a multi-selection is not spread over. With no
    // feature at hand (the walkthrough's button, no file open), the user picks one instead of an error.
    const active = vscode.window.activeTextEditor?.document.uri;
    const atHand =
      target !== undefined || (active !== undefined && this.service.lookup(active) !== undefined);
    const uri = atHand ? this.targets.resolve(target)?.[0] : await this.pickFeatureToScore();
    if (!uri) return false;
    const ref = this.service.lookup(uri);
    const current = ref?.parsed.feature?.rice ?? {};
    const given = isRiceValues(values) ? values : await askRice(current, this.targets.configOf(uri));
    if (!given) return false;
    const problem = fieldValuesProblem(riceFieldValues(given), this.targets.configOf(uri));
    if (problem) {
      void vscode.window.showWarningMessage(`Roadmap: cannot score with RICE: ${problem}`);
      return false;
    }
    // Only the inputs given: a partial update keeps the others as written.
    const changes: FieldChange[] = riceFieldValues(given);
    const config = this.targets.configOf(uri);
    const score = computeScore({ rice: { ...current, ...given } }, 'rice');
    // A stored score that is not refreshed goes stale (and gets flagged); a file without one stays without.
    if (ref && 'score' in ref.parsed.keys && config.scoring.model === 'rice' && score !== undefined) {
      changes.push({ path: ['score'], value: Number(formatScore(score)) });
    }
    const written = await this.targets.writeEach([uri], changes, 'the RICE scores');
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
    const uri = this.targets.resolve(target)?.[0];
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
    const uri = this.targets.resolve(target)?.[0];
    if (!uri) return;
    await this.services.panel.open({ focusId: this.targets.featureOf(uri)?.id });
  }

  async copyId(target: unknown): Promise<string | undefined> {
    const uri = this.targets.resolve(target)?.[0];
    if (!uri) return undefined;
    const id = this.targets.featureOf(uri)?.id;
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
}

async function askRice(current: RiceValues, config: RoadmapConfig): Promise<RiceValues | undefined> {
  const reach = await inputNumber({
    title: 'RICE (1/4): Reach',
    prompt: 'People or accounts affected per quarter (0 or more)',
    current: current.reach,
    field: ['rice', 'reach'],
    config,
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
    field: ['rice', 'effort'],
    config,
  });
  if (effort === undefined) return undefined;
  return { reach, impact, confidence, effort };
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
