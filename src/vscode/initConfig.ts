// "Roadmap: Initialize Configuration": the editor's `roadmap init`. It infers a commented
// `.roadmap/config.yaml` from the folder's Markdown (or names the preset of a known format) and opens it
// unsaved at its final path, so the user reads it before saving; saving applies it.
import * as vscode from 'vscode';
import { configPath } from '../core/config';
import { neverScanned } from '../core/discovery';
import { initialConfigText } from '../core/init/initialConfig';
import { signatureGlobs } from '../core/presets/presets';
import type { RoadmapServices } from './services';

/** Front-matter sits at the top: a file's first 256 KiB is all the inference reads. */
const headBytes = 256 * 1024;
const decoder = new TextDecoder('utf-8');

export interface InitConfigArgs {
  /** The workspace folder to configure (default: the only one, else the user picks). */
  folder?: vscode.Uri;
  /** Replace an existing config without asking (tests, scripted use). */
  force?: boolean;
}

async function chooseFolder(args: InitConfigArgs): Promise<vscode.WorkspaceFolder | undefined> {
  if (args.folder) return vscode.workspace.getWorkspaceFolder(args.folder);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: 'Write .roadmap/config.yaml for which folder?',
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Infers the config and shows it, unsaved, at `.roadmap/config.yaml`. Returns the document shown. */
export async function initializeConfiguration(
  services: RoadmapServices,
  args: InitConfigArgs = {},
): Promise<vscode.TextDocument | undefined> {
  const folder = await chooseFolder(args);
  if (!folder) {
    void vscode.window.showErrorMessage('Roadmap: open a folder first; the config is written into it.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, ...configPath.split('/'));
  const replacing = await exists(target);
  if (!args.force && replacing) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `${configPath} already exists in ${folder.name}. Replace it with one inferred from the files?`,
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  const exclude = `{${[...neverScanned].map((name) => `**/${name}/**`).join(',')}}`;
  const relative = (uri: vscode.Uri) => services.service.relativePath(folder, uri);
  const [markdownUris, signatureUris] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{md,markdown}'), exclude),
    vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, `{${signatureGlobs.join(',')}}`),
      exclude,
      5000,
    ),
  ]);
  const markdown: { path: string; text: string }[] = [];
  for (const uri of markdownUris) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      markdown.push({ path: relative(uri), text: decoder.decode(bytes.subarray(0, headBytes)) });
    } catch (error) {
      services.log.warn(`Initialize Configuration skipped ${relative(uri)}: ${(error as Error).message}`);
    }
  }
  const initial = initialConfigText(markdown, signatureUris.map(relative));
  services.log.info(`Initialize Configuration (${folder.name}): ${initial.summary}`);
  // Shown unsaved: a new config as an untitled document with its final path (Save writes it there), an
  // existing one edited in its editor (Save applies, Revert keeps the old one).
  const document = await vscode.workspace.openTextDocument(
    replacing ? target : target.with({ scheme: 'untitled' }),
  );
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), initial.text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  const save = 'Save';
  void vscode.window
    .showInformationMessage(`Roadmap: ${configPath} inferred: ${initial.summary} Save it to apply.`, save)
    .then(async (answer) => {
      if (answer === save) await document.save();
    });
  return document;
}
