// "New Feature": a short wizard (or its answers as arguments), then a feature file from the team's template
// (.roadmap/templates/feature.md) or a built-in one, with the next free id, next to the existing features.
import * as vscode from 'vscode';
import type { RoadmapConfig } from '../core/config';
import {
  builtInTemplate,
  defaultStatus,
  featureDirectory,
  nextFeatureId,
  renderFeature,
  slugOf,
  templatePath,
  type NewFeatureAnswers,
} from '../core/featureTemplate';
import { fieldValuesProblem, riceFieldValues } from '../core/fieldValue';
import type { Moscow } from '../core/types';
import { parseTypedNumber } from '../core/typedNumber';
import {
  confidenceItems,
  impactItems,
  milestoneItems,
  moscowItems,
  numberProblem,
  statusItems,
  type ValuedItem,
} from './pickers';
import type { FolderState } from './roadmapService';
import type { RoadmapServices } from './services';

/** The wizard's answers given up front, and optionally where the file goes. */
export type NewFeatureArgs = Partial<NewFeatureAnswers> & {
  /** A workspace folder (the file goes where its features live) or the directory to create the file in. */
  folder?: vscode.Uri;
};

/** What the wizard (or its arguments) settled on. */
type Answers = NewFeatureAnswers;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Runs the wizard (or takes `args`), writes the new feature file, opens it and returns its Uri. */
export async function createNewFeature(
  services: RoadmapServices,
  args?: NewFeatureArgs,
): Promise<vscode.Uri | undefined> {
  const { service } = services;
  await service.whenIndexed();
  const target = await chooseTarget(services, args?.folder);
  if (!target) return undefined;
  const config = target.state?.index.config;
  if (!config) {
    void vscode.window.showErrorMessage('Roadmap: this folder is not indexed yet; try again in a moment.');
    return undefined;
  }
  let answers: Answers | undefined;
  if (args) {
    const parsed = answersFromArgs(args, config);
    if (typeof parsed === 'string') {
      void vscode.window.showErrorMessage(`Roadmap: cannot create the feature: ${parsed}`);
      return undefined;
    }
    answers = parsed;
  } else {
    answers = await askAnswers(config);
  }
  if (!answers) return undefined;

  const id = nextFeatureId(target.state?.index.features() ?? []);
  const template = await readTemplate(target.workspaceFolder.uri, services);
  let text = renderFeature(template, id, answers);
  if (text === undefined) {
    services.log.warn(`${templatePath} has no usable front-matter; the built-in template was used instead.`);
    // The built-in template always has front-matter, so it always renders.
    text = renderFeature(builtInTemplate, id, answers)!;
  }
  const uri = await freeUri(target.directory, `${id}-${slugOf(answers.title)}`);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  // Indexed now rather than when the file watcher reports it: the next New Feature must see this id.
  service.updateFromDocument(document);
  await vscode.window.showTextDocument(document, { preview: false });
  services.log.info(`Created ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}

/** The answers given as arguments, or why they cannot make a valid feature. */
function answersFromArgs(args: NewFeatureArgs, config: RoadmapConfig): Answers | string {
  const { title, status = defaultStatus(config) } = args;
  if (!title?.trim()) return 'the title is empty.';
  const problem = fieldValuesProblem(
    [
      { path: ['status'], value: status },
      { path: ['moscow'], value: args.moscow },
      ...riceFieldValues(args),
      { path: ['milestone'], value: args.milestone },
    ],
    config,
  );
  if (problem) return problem;
  return {
    title,
    status,
    moscow: args.moscow,
    reach: args.reach,
    impact: args.impact,
    confidence: args.confidence,
    effort: args.effort,
    milestone: args.milestone,
  };
}

const back = Symbol('back');
type StepResult<T> = { value: T } | typeof back | undefined;

/** One quick pick step; with a Back button from the second step on. Matches titles and descriptions. */
function pickStep<T>(
  items: readonly ValuedItem<T>[],
  options: { title: string; placeHolder: string; canGoBack: boolean; current?: T },
): Promise<StepResult<T>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<ValuedItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items;
    const current = items.find((item) => item.value === options.current);
    if (current) pick.activeItems = [current];
    if (options.canGoBack) pick.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (result: StepResult<T>) => {
      if (settled) return;
      settled = true;
      resolve(result);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(back));
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) finish({ value: chosen.value });
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/** One text step; with a Back button from the second step on. */
function inputStep(options: {
  title: string;
  prompt: string;
  placeHolder?: string;
  value?: string;
  canGoBack: boolean;
  validate: (value: string) => string | undefined;
}): Promise<StepResult<string>> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = options.title;
    input.prompt = options.prompt;
    input.placeholder = options.placeHolder;
    input.value = options.value ?? '';
    if (options.canGoBack) input.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (result: StepResult<string>) => {
      if (settled) return;
      settled = true;
      resolve(result);
      input.dispose();
    };
    input.onDidChangeValue((value) => (input.validationMessage = options.validate(value)));
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(back));
    input.onDidAccept(() => {
      const problem = options.validate(input.value);
      input.validationMessage = problem;
      if (!problem) finish({ value: input.value });
    });
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

/** Numbers as people type them: "2,500" is 2500. */
function typedNumberProblem(
  text: string,
  field: readonly string[],
  config: RoadmapConfig,
): string | undefined {
  const value = parseTypedNumber(text);
  if (value === undefined) return 'Enter a number (2500, 2,500 and 2 500 all work).';
  return numberProblem(String(value), field, config);
}

/** MoSCoW is a decision for the team: Enter on the first item must not make a feature a Must by accident. */
const undecided: ValuedItem<Moscow | undefined> = {
  value: undefined,
  label: 'Decide later',
  description: 'no MoSCoW priority yet',
};

/**
 * The wizard's steps, in order; the Back button returns to the previous one with its answer kept. The RICE
 * steps are skipped when reach is left empty.
 */
async function askAnswers(config: RoadmapConfig): Promise<Answers | undefined> {
  const hasMilestones = config.milestones.length > 0;
  const steps = 7 + (hasMilestones ? 1 : 0);
  const title = (step: number) => `New Feature (${step}/${steps})`;
  const answers: Partial<Answers> = { status: defaultStatus(config) };
  let reachText: string | undefined;
  const run: ((step: number) => Promise<StepResult<unknown>>)[] = [
    async (step) => {
      const result = await inputStep({
        title: title(step),
        prompt: 'A short name for the feature',
        placeHolder: 'Single sign-on (SAML + OIDC)',
        value: answers.title,
        canGoBack: false,
        validate: (value) => (value.trim() === '' ? 'The feature needs a title.' : undefined),
      });
      if (result && result !== back) answers.title = result.value;
      return result;
    },
    async (step) => {
      const result = await pickStep(statusItems(config), {
        title: title(step),
        placeHolder: 'Status',
        canGoBack: true,
        current: answers.status,
      });
      if (result && result !== back) answers.status = result.value;
      return result;
    },
    async (step) => {
      const result = await pickStep<Moscow | undefined>([undecided, ...moscowItems()], {
        title: title(step),
        placeHolder: 'MoSCoW priority for its milestone (type to search)',
        canGoBack: true,
        current: answers.moscow,
      });
      if (result && result !== back) answers.moscow = result.value;
      return result;
    },
    async (step) => {
      const result = await inputStep({
        title: title(step),
        prompt: 'RICE reach: people or accounts affected per quarter (leave empty to score later)',
        value: reachText,
        canGoBack: true,
        validate: (value) =>
          value.trim() === '' ? undefined : typedNumberProblem(value, ['rice', 'reach'], config),
      });
      if (result && result !== back) {
        reachText = result.value;
        answers.reach = result.value.trim() === '' ? undefined : parseTypedNumber(result.value);
      }
      return result;
    },
    async (step) => {
      if (answers.reach === undefined) return { value: undefined };
      const result = await pickStep(impactItems(), {
        title: title(step),
        placeHolder: 'RICE impact per person reached',
        canGoBack: true,
        current: answers.impact,
      });
      if (result && result !== back) answers.impact = result.value;
      return result;
    },
    async (step) => {
      if (answers.reach === undefined) return { value: undefined };
      const result = await pickStep(confidenceItems(), {
        title: title(step),
        placeHolder: 'RICE confidence in these estimates',
        canGoBack: true,
        current: answers.confidence,
      });
      if (result && result !== back) answers.confidence = result.value;
      return result;
    },
    async (step) => {
      if (answers.reach === undefined) return { value: undefined };
      const result = await inputStep({
        title: title(step),
        prompt: 'RICE effort in person-months (above 0)',
        value: answers.effort === undefined ? undefined : String(answers.effort),
        canGoBack: true,
        validate: (value) => typedNumberProblem(value, ['rice', 'effort'], config),
      });
      if (result && result !== back) answers.effort = parseTypedNumber(result.value);
      return result;
    },
  ];
  if (hasMilestones) {
    run.push(async (step) => {
      // Search by title and date as well as id: people remember "Enterprise ready", not "M1".
      const result = await pickStep(milestoneItems(config), {
        title: title(step),
        placeHolder: 'Milestone (type an id, a title or a date)',
        canGoBack: true,
        current: answers.milestone,
      });
      if (result && result !== back) answers.milestone = result.value;
      return result;
    });
  }
  let step = 0;
  // Skipped RICE steps are skipped on the way back too.
  const skipped = (index: number) => answers.reach === undefined && index >= 4 && index <= 6;
  while (step < run.length) {
    const result = await run[step]!(step + 1);
    if (result === undefined) return undefined;
    if (result === back) {
      do step--;
      while (step > 0 && skipped(step));
      step = Math.max(0, step);
      continue;
    }
    step++;
  }
  if (answers.reach === undefined) {
    delete answers.impact;
    delete answers.confidence;
    delete answers.effort;
  }
  return answers as Answers;
}

interface Target {
  workspaceFolder: vscode.WorkspaceFolder;
  state: FolderState | undefined;
  directory: vscode.Uri;
}

async function chooseTarget(
  services: RoadmapServices,
  folder: vscode.Uri | undefined,
): Promise<Target | undefined> {
  const workspaceFolder = folder ? vscode.workspace.getWorkspaceFolder(folder) : await pickWorkspaceFolder();
  if (!workspaceFolder) {
    void vscode.window.showErrorMessage(
      folder
        ? `Roadmap: ${folder.toString(true)} is not in the workspace; feature files live in a workspace folder.`
        : 'Roadmap: open a folder first; feature files live in a workspace folder.',
    );
    return undefined;
  }
  const state = services.service.folderStateOf(workspaceFolder.uri);
  // A workspace folder means "where its features live"; any other folder is taken literally.
  const directory =
    folder && folder.toString() !== workspaceFolder.uri.toString()
      ? folder
      : vscode.Uri.joinPath(
          workspaceFolder.uri,
          ...featureDirectory(state?.index.features() ?? []).split('/'),
        );
  return { workspaceFolder, state, directory };
}

/** The only folder, the active editor's folder, or the one the user picks. */
async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  return (
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should the feature go in?' })
  );
}

async function readTemplate(root: vscode.Uri, services: RoadmapServices): Promise<string> {
  const uri = vscode.Uri.joinPath(root, ...templatePath.split('/'));
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    services.log.info(`No ${templatePath}; using the built-in feature template.`);
    return builtInTemplate;
  }
}

/** `<name>.md`, or `<name>-2.md` and so on: an existing file is never overwritten. */
async function freeUri(directory: vscode.Uri, name: string): Promise<vscode.Uri> {
  for (let attempt = 1; ; attempt++) {
    const uri = vscode.Uri.joinPath(directory, `${name}${attempt === 1 ? '' : `-${attempt}`}.md`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
