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
import {
  confidenceItems,
  impactItems,
  inputNumber,
  milestoneItems,
  moscowItems,
  numberProblem,
  pickValue,
  statusItems,
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

async function askAnswers(config: RoadmapConfig): Promise<Answers | undefined> {
  const hasMilestones = config.milestones.length > 0;
  const steps = 7 + (hasMilestones ? 1 : 0);
  const title = (step: number) => `New Feature (${step}/${steps})`;
  const name = await vscode.window.showInputBox({
    title: title(1),
    prompt: 'A short name for the feature',
    placeHolder: 'Single sign-on (SAML + OIDC)',
    validateInput: (value) => (value.trim() === '' ? 'The feature needs a title.' : undefined),
  });
  if (name === undefined) return undefined;
  const status = await pickValue(statusItems(config), {
    title: title(2),
    placeHolder: 'Status',
    current: defaultStatus(config),
  });
  if (status === undefined) return undefined;
  const moscow = await pickValue(moscowItems(), {
    title: title(3),
    placeHolder: 'MoSCoW priority for its milestone',
  });
  if (moscow === undefined) return undefined;
  const answers: Answers = { title: name, status, moscow };
  // RICE may be skipped: an empty reach leaves the scores for later.
  const reachText = await vscode.window.showInputBox({
    title: title(4),
    prompt: 'RICE reach: people or accounts affected per quarter (leave empty to score later)',
    validateInput: (value) =>
      value.trim() === '' ? undefined : numberProblem(value, ['rice', 'reach'], config),
  });
  if (reachText === undefined) return undefined;
  if (reachText.trim() !== '') {
    answers.reach = Number(reachText.trim());
    answers.impact = await pickValue(impactItems(), {
      title: title(5),
      placeHolder: 'RICE impact per person reached',
    });
    if (answers.impact === undefined) return undefined;
    answers.confidence = await pickValue(confidenceItems(), {
      title: title(6),
      placeHolder: 'RICE confidence in these estimates',
    });
    if (answers.confidence === undefined) return undefined;
    answers.effort = await inputNumber({
      title: title(7),
      prompt: 'RICE effort in person-months (above 0)',
      field: ['rice', 'effort'],
      config,
    });
    if (answers.effort === undefined) return undefined;
  }
  if (hasMilestones) {
    const picked = await vscode.window.showQuickPick(milestoneItems(config), {
      title: title(steps),
      placeHolder: 'Milestone',
    });
    if (!picked) return undefined;
    answers.milestone = picked.value;
  }
  return answers;
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
