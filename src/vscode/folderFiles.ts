// How the RoadmapService finds a workspace folder's config and feature-file candidates, and stats them: with
// Node on the Node extension host, as the CLI does (a search or a `workspace.fs` round trip per file through the
// workbench costs seconds at 10,000 files), through the workbench elsewhere.
import * as vscode from 'vscode';
import { configPath } from '../core/config';
import { zeroConfigGlob, type Discovery } from '../core/discovery';
import type { FileStamp } from '../core/lintCache';
import {
  buildConfig,
  looksLikeOwnFeature,
  needsSignature,
  planConfig,
  signatureGlobs,
  type ResolvedConfig,
  type WorkspaceSignature,
} from '../core/presets/presets';
import type { RoadmapConfig } from '../core/config';
import { localPathOf, readTextFile, stampOf } from './fileAccess';
import { yieldToHost } from './indexStore';
import type { LocalFiles } from './localFiles';

/** Files stat'ed between two yields to the extension host's event loop. */
const statBatch = 1000;

/** Folder-relative path with forward slashes: the index key. */
export function relativePathIn(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}

/**
 * The folder's feature-file candidates, and how many Markdown and YAML files were looked at. A local folder
 * is walked with Node, as the CLI does (a search through the workbench costs seconds at 10,000 files).
 */
export async function listFolderCandidates(
  files: LocalFiles | undefined,
  folder: vscode.WorkspaceFolder,
  config: RoadmapConfig,
  discovery: Discovery,
  exclude: string,
): Promise<{ candidates: vscode.Uri[]; scanned: number }> {
  const root = localPathOf(files, folder.uri);
  if (root !== undefined) {
    const found = files!.listCandidates(root, config);
    // Only an empty result needs the count of everything looked at (for the message that says so).
    if (found.length > 0)
      return {
        candidates: found.map((file) => vscode.Uri.joinPath(folder.uri, ...file.split('/'))),
        scanned: found.length,
      };
  }
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/*.{md,markdown,yaml,yml}'),
    exclude,
  );
  return {
    candidates: found.filter((uri) => discovery.isCandidate(relativePathIn(folder, uri))),
    scanned: found.length,
  };
}

/** The folder's config file layered on its preset, or the preset its files show, or the defaults. */
export async function readFolderConfig(
  files: LocalFiles | undefined,
  folder: vscode.WorkspaceFolder,
  exclude: string,
): Promise<ResolvedConfig> {
  const read = async (relative: string): Promise<string | undefined> => {
    const uri = vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === uri.toString(),
    );
    try {
      // Unsaved edits win; a clean document may outlive its file (deleted on disk), so the disk decides.
      if (open?.isDirty) return open.getText();
      // A local file with Node: a `workspace.fs` round trip costs 70 ms at a window's start, more under load.
      return await readTextFile(files, uri);
    } catch {
      return undefined;
    }
  };
  const text = await read(configPath);
  // Listing files for a signature costs a search: only when the config leaves the format open.
  let signature: WorkspaceSignature = { found: [], ownFormatInUse: false };
  if (needsSignature(text)) {
    const [found, ownCandidates] = await Promise.all([
      vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, `{${signatureGlobs.join(',')}}`),
        exclude,
        5000,
      ),
      vscode.workspace.findFiles(new vscode.RelativePattern(folder, zeroConfigGlob), exclude, 50),
    ]);
    let ownFormatInUse = false;
    for (const uri of ownCandidates) {
      const head = await read(relativePathIn(folder, uri));
      if (head !== undefined && looksLikeOwnFeature(head)) {
        ownFormatInUse = true;
        break;
      }
    }
    signature = { found: found.map((uri) => relativePathIn(folder, uri)), ownFormatInUse };
  }
  const plan = planConfig(text, () => signature);
  const texts = new Map<string, string | undefined>();
  for (const file of plan.reads) texts.set(file, await read(file));
  return buildConfig(plan, (file) => texts.get(file));
}

/** Every candidate's stamp (size and modification time); a file that cannot be stat'ed is left out. */
export async function stampAll(
  files: LocalFiles | undefined,
  byFile: ReadonlyMap<string, vscode.Uri>,
): Promise<Map<string, FileStamp>> {
  const stamps = new Map<string, FileStamp>();
  const remote: [string, vscode.Uri][] = [];
  let sinceYield = 0;
  for (const [file, uri] of byFile) {
    const path = localPathOf(files, uri);
    if (path === undefined) {
      remote.push([file, uri]);
      continue;
    }
    try {
      stamps.set(file, files!.stat(path));
    } catch {
      // Gone since the listing: revalidation drops it.
    }
    if (++sinceYield === statBatch) {
      sinceYield = 0;
      await yieldToHost();
    }
  }
  const worker = async () => {
    for (let entry = remote.shift(); entry; entry = remote.shift()) {
      try {
        stamps.set(entry[0], await stampOf(files, entry[1]));
      } catch {
        // Gone since the listing: revalidation drops it.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return stamps;
}
