// Shared by the tree and command suites: reach the live extension, wait on its events (never on the clock),
// and put files back the way a test found them.
import * as vscode from 'vscode';
import type { RoadmapApi } from '../../src/extension';
import { splitFrontmatter } from '../../src/core/fences';

export const extensionId = 'markdown-roadmap.markdown-roadmap';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Activates the extension (once) and waits for the first index of the fixture workspace. */
export async function activateRoadmap(): Promise<RoadmapApi> {
  const extension = vscode.extensions.getExtension<RoadmapApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  const api = await extension.activate();
  await api.services.service.whenIndexed();
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder.uri;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once `condition` holds, checking it now and after each event; rejects after `timeoutMs` with
 * `description`, so a failure says what never happened.
 */
export function waitFor(
  description: string,
  condition: () => boolean | Promise<boolean>,
  events: readonly vscode.Event<unknown>[],
  timeoutMs = 5000,
  /** Also checks this often: for a condition that may turn true without any of the events. */
  pollMs?: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const subscription of subscriptions) subscription.dispose();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`)),
      timeoutMs,
    );
    const check = async () => {
      try {
        if (await condition()) finish();
      } catch (error) {
        finish(error);
      }
    };
    // Subscribe before the first check: a change between the two would otherwise be missed.
    for (const event of events) subscriptions.push(event(() => void check()));
    const poll = pollMs === undefined ? undefined : setInterval(() => void check(), pollMs);
    void check();
  });
}

/**
 * Whether the index parsed `text` for `uri`: an open document's text it holds, or the file as it is on disk
 * now (the index keeps no file's text: the stamp it read the file at says which version it has).
 */
async function indexHolds(api: RoadmapApi, uri: vscode.Uri, text: string): Promise<boolean> {
  const { service } = api.services;
  const ref = service.lookup(uri);
  if (!ref) return false;
  if (service.indexedText(uri) === text) return true;
  if (ref.folder.heldTexts.has(ref.file)) return false;
  try {
    if ((await readText(uri)) !== text) return false;
    const stamp = service.indexedStamp(uri);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stamp && stat.size === stamp.size && Math.trunc(stat.mtime) === Math.trunc(stamp.mtimeMs))
      return true;
  } catch {
    return false;
  }
  // Read again but parsed the same (no change event): the index holds this front-matter already.
  const split = splitFrontmatter(text);
  return split.kind === 'closed' && ref.parsed.yamlText === text.slice(split.yamlStart, split.yamlEnd);
}

/** Waits until the index holds exactly `text` for `uri` (undefined: the file is no longer a feature). */
export function waitForIndexed(
  api: RoadmapApi,
  uri: vscode.Uri,
  text: string | undefined,
  timeoutMs = 5000,
): Promise<void> {
  const { service } = api.services;
  return waitFor(
    `the index to hold ${text === undefined ? 'no entry' : 'the new text'} for ${vscode.workspace.asRelativePath(uri)}`,
    () => (text === undefined ? !service.lookup(uri) : indexHolds(api, uri, text)),
    [service.onDidChange],
    timeoutMs,
    // A file read while it was being written is read again when the write ends; if it parses the same, only
    // its stamp changes and no change event fires: the stamp is checked again on a timer too.
    250,
  );
}

/**
 * Writes a file on disk and waits until VS Code has taken it in: the index for a feature file, the open
 * document for any other file (an open document reloads from disk a moment later; a command that edits it
 * before then would edit the old text).
 */
export async function writeAndSettle(api: RoadmapApi, uri: vscode.Uri, text: string): Promise<void> {
  await writeText(uri, text);
  const { service } = api.services;
  if (service.isCandidate(uri) && text.startsWith('---')) return waitForIndexed(api, uri, text);
  const openText = () =>
    vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
  return waitFor(
    `the open document of ${vscode.workspace.asRelativePath(uri)} to reload`,
    () => openText() === undefined || openText() === text,
    [vscode.workspace.onDidChangeTextDocument],
  );
}

/**
 * Remembers files as they are now; `restore()` writes back those that changed, deletes those that did not
 * exist, and waits until the index has caught up, so the next test starts from the fixture.
 */
export class FileSnapshot {
  private constructor(
    private readonly api: RoadmapApi,
    private readonly saved: { uri: vscode.Uri; text: string | undefined }[],
  ) {}

  static async take(api: RoadmapApi, uris: readonly vscode.Uri[]): Promise<FileSnapshot> {
    const saved = await Promise.all(
      uris.map(async (uri) => ({ uri, text: (await exists(uri)) ? await readText(uri) : undefined })),
    );
    return new FileSnapshot(api, saved);
  }

  async restore(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const { uri, text } of this.saved) {
      if (text === undefined) {
        if (await exists(uri)) await vscode.workspace.fs.delete(uri);
        if (this.api.services.service.isCandidate(uri)) await waitForIndexed(this.api, uri, undefined);
      } else {
        if ((await readText(uri)) !== text) await writeText(uri, text);
        if (this.api.services.service.isCandidate(uri) && text.startsWith('---'))
          await waitForIndexed(this.api, uri, text);
      }
    }
  }
}

/** Local yyyy-mm-dd, as the New Feature template's {{today}} writes it. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
