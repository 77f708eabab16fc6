// "Roadmap: Publish Site…": the same static site as `roadmap publish`, from what the extension has indexed (so
// unsaved edits are included), written through workspace.fs (so it also works in the web extension host).
// Every workspace folder with features joins the site; with several, they form one portfolio, named after the
// folders, with the base URLs the first folder's `sources:` gives them.
import * as vscode from 'vscode';
import {
  buildSite,
  noChangesPage,
  siteAssets,
  siteMarker,
  siteMarkerText,
  type SiteFile,
} from '../core/site/buildSite';
import { localToday } from '../core/plan/calendar';
import type { SiteSource } from '../core/site/portfolio';
import type { FolderState, RoadmapService } from './roadmapService';
import type { RoadmapServices } from './services';

const encoder = new TextEncoder();

/** Every feature's text (its open document's, else the file's): the site shows the bodies. */
async function featureTexts(service: RoadmapService, state: FolderState): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const feature of state.index.features()) {
    const text = await service.textOf(service.uriOf(state, feature.file));
    if (text !== undefined) texts.set(feature.file, text);
  }
  return texts;
}

async function sourcesOf(service: RoadmapService, states: readonly FolderState[]): Promise<SiteSource[]> {
  const listed = states[0]?.index.config.sources ?? [];
  const used = new Set<string>();
  const texts = await Promise.all(states.map((state) => featureTexts(service, state)));
  return states.map((state, i) => {
    const entry = listed.find(
      (source) =>
        source.name === state.folder.name ||
        vscode.Uri.joinPath(states[0].folder.uri, source.path).path === state.folder.uri.path,
    );
    let name = (entry?.name ?? state.folder.name).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'folder';
    for (let n = 2; used.has(name); n++) name = `${entry?.name ?? state.folder.name}-${n}`;
    used.add(name);
    return { name, index: state.index, texts: texts[i], fileUrl: entry?.url };
  });
}

async function isDirectory(uri: vscode.Uri): Promise<boolean | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
  } catch {
    return undefined;
  }
}

/** Empties a previous site in `target`; refuses (returns a reason) for a folder holding anything else. */
async function prepareTarget(
  target: vscode.Uri,
  folders: readonly vscode.Uri[],
): Promise<string | undefined> {
  for (const folder of folders) {
    const inside =
      folder.path === target.path || folder.path.startsWith(`${target.path.replace(/\/$/, '')}/`);
    if (inside)
      return `${target.fsPath} contains the workspace folder ${folder.fsPath}; choose a folder of its own.`;
  }
  const kind = await isDirectory(target);
  if (kind === false) return `${target.fsPath} is a file.`;
  if (kind) {
    const entries = await vscode.workspace.fs.readDirectory(target);
    if (entries.length > 0 && !entries.some(([name]) => name === siteMarker))
      return `${target.fsPath} is not empty and holds no published site; choose an empty or new folder.`;
    for (const [name] of entries)
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(target, name), {
        recursive: true,
        useTrash: false,
      });
  }
  await vscode.workspace.fs.createDirectory(target);
  return undefined;
}

export async function publishSite(
  services: RoadmapServices,
  targetUri?: unknown,
): Promise<vscode.Uri | undefined> {
  const { service, log, context } = services;
  await service.whenIndexed();
  const states = service.folderStates().filter((state) => state.index.size > 0);
  if (states.length === 0) {
    void vscode.window.showErrorMessage('Roadmap: open a folder with feature files to publish.');
    return undefined;
  }
  let target = targetUri instanceof vscode.Uri ? targetUri : undefined;
  if (!target) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Publish the Roadmap Site to Folder',
      openLabel: 'Publish Here',
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(states[0].folder.uri, '..'),
    });
    target = picked?.[0];
    if (!target) return undefined;
  }
  const refused = await prepareTarget(
    target,
    states.map((state) => state.folder.uri),
  );
  if (refused) {
    void vscode.window.showErrorMessage(`Roadmap: cannot publish there: ${refused}`);
    return undefined;
  }
  const files: SiteFile[] = [];
  const site = buildSite({
    title: states.length === 1 ? `${states[0].folder.name} roadmap` : 'Roadmap',
    today: localToday(),
    sources: await sourcesOf(services.service, states),
    changes: noChangesPage,
    emit: (file) => files.push(file),
  });
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(target, siteMarker),
    encoder.encode(siteMarkerText),
  );
  for (const file of files)
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(target, ...file.path.split('/')),
      encoder.encode(file.content),
    );
  for (const asset of siteAssets)
    await vscode.workspace.fs.copy(
      vscode.Uri.joinPath(context.extensionUri, 'dist', 'site', asset),
      vscode.Uri.joinPath(target, 'assets', asset),
      { overwrite: true },
    );
  for (const { source, file, issue } of site.problems) log.warn(`${source}/${file}: ${issue.message}`);
  log.info(`Published ${site.features} features to ${target.toString(true)}.`);
  const index = vscode.Uri.joinPath(target, 'index.html');
  if (!(targetUri instanceof vscode.Uri)) {
    const problems =
      site.problems.length > 0
        ? ` ${site.problems.length} cross-repository dependencies do not resolve (see the log).`
        : '';
    void vscode.window
      .showInformationMessage(
        `Roadmap site published: ${site.features} features.${problems}`,
        'Open in Browser',
      )
      .then((choice) => {
        if (choice) void vscode.env.openExternal(index);
      });
  }
  return index;
}
