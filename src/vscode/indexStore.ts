// Where the RoadmapService keeps its indexes between windows (the workspace's storage): one persisted index per
// workspace folder (core/persistedIndex.ts) and one first picture per set of folders, read back at the next
// window's start. Only the file layout and the I/O live here; what goes in them is the service's.
import * as vscode from 'vscode';
import type { FeatureFile } from '../core/featureFile';
import type { FileStamp } from '../core/lintCache';
import {
  loadIndex,
  loadPicture,
  serializedIndexPieces,
  serializePicture,
  type FirstPicture,
  type PersistedEntry,
  type PictureFolder,
} from '../core/persistedIndex';
import { revisionOf } from '../core/revision';
import { readTextFile, stampOf } from './fileAccess';
import type { LocalFiles } from './localFiles';
import type { Log } from './log';
import { isTreePicture, type TreePicture } from './treePicture';

const encoder = new TextEncoder();

/** Lets the extension host's event loop run between pieces of work. */
export const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The pieces' text as UTF-8, letting the extension host's other work run every few milliseconds: writing 10,000
 * records in one go held its thread for about 0.3 s, and a panel opened then waited for it.
 */
async function encodeYielding(pieces: Iterable<string>): Promise<Uint8Array> {
  const encoded: Uint8Array[] = [];
  let length = 0;
  let since = Date.now();
  for (const piece of pieces) {
    const bytes = encoder.encode(piece);
    encoded.push(bytes);
    length += bytes.length;
    if (Date.now() - since >= 8) {
      await yieldToHost();
      since = Date.now();
    }
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const bytes of encoded) {
    joined.set(bytes, offset);
    offset += bytes.length;
  }
  return joined;
}

/** One folder's index as the service persists it. */
export interface FolderIndexToWrite {
  folder: vscode.WorkspaceFolder;
  key: string;
  stamps: ReadonlyMap<string, FileStamp>;
  parses: ReadonlyMap<string, FeatureFile | null>;
}

export class IndexStore {
  constructor(
    private readonly storage: vscode.Uri,
    private readonly files: LocalFiles | undefined,
    private readonly log: Log,
  ) {}

  private indexUri(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, `index-${revisionOf(folder.uri.toString())}.txt`);
  }

  /** Named by the folders: a window with no workspace file shares the global storage with other windows. */
  private pictureUri(folders: readonly vscode.WorkspaceFolder[]): vscode.Uri {
    const names = folders.map((folder) => folder.uri.toString()).join('\n');
    return vscode.Uri.joinPath(this.storage, `picture-${revisionOf(names)}.txt`);
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      // Synchronously with Node on purpose: a read in the background (tried) completes only after several
      // turns of an event loop that other extensions keep busy at a window's start.
      return await readTextFile(this.files, uri);
    } catch {
      return undefined; // None yet.
    }
  }

  /** The index the last window persisted for this folder with this key, or undefined (the log says why). */
  async readIndex(folder: vscode.WorkspaceFolder, key: string): Promise<PersistedEntry[] | undefined> {
    const started = Date.now();
    const text = await this.read(this.indexUri(folder));
    const read = Date.now();
    const loaded = loadIndex(text, key);
    if ('ignored' in loaded) {
      if (text !== undefined) this.log.info(`${folder.name}: persisted index ignored: ${loaded.ignored}.`);
      return undefined;
    }
    this.log.info(
      `${folder.name}: ${loaded.entries.length} files in the persisted index, read in ${read - started} ms, parsed in ${Date.now() - read} ms.`,
    );
    return loaded.entries;
  }

  /** The folders' first picture, when it was written with their indexes as they are now on disk. */
  async readPicture(
    folders: readonly { folder: vscode.WorkspaceFolder; key: string }[],
  ): Promise<FirstPicture<TreePicture> | undefined> {
    const current: PictureFolder[] = [];
    for (const { folder, key } of folders)
      current.push({
        folder: folder.uri.toString(),
        key,
        index: await stampOf(this.files, this.indexUri(folder)).catch(() => undefined),
      });
    const text = await this.read(this.pictureUri(folders.map(({ folder }) => folder)));
    const loaded = loadPicture(text, current);
    if ('ignored' in loaded) {
      if (text !== undefined) this.log.info(`First picture ignored: ${loaded.ignored}.`);
      return undefined;
    }
    const { tree, ...rest } = loaded.picture;
    return { ...rest, tree: isTreePicture(tree) ? tree : undefined };
  }

  /**
   * Writes each folder's index, then the first picture that goes with them, unless `current()` says the
   * service changed meanwhile (the picture must show what the indexes hold).
   */
  async write(
    folders: readonly FolderIndexToWrite[],
    picture: Omit<FirstPicture<TreePicture>, 'folders'>,
    current: () => boolean,
  ): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.storage);
    const written: PictureFolder[] = [];
    for (const { folder, key, stamps, parses } of folders) {
      const uri = this.indexUri(folder);
      await this.replace(uri, await encodeYielding(serializedIndexPieces(key, stamps, parses)));
      written.push({ folder: folder.uri.toString(), key, index: await stampOf(this.files, uri) });
    }
    const uri = this.pictureUri(folders.map(({ folder }) => folder));
    if (current())
      await this.replace(uri, encoder.encode(serializePicture({ folders: written, ...picture })));
  }

  /** Written beside and renamed over: the next window never reads half a file. */
  private async replace(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
    const partial = uri.with({ path: `${uri.path}.partial` });
    await vscode.workspace.fs.writeFile(partial, bytes);
    await vscode.workspace.fs.rename(partial, uri, { overwrite: true });
  }
}
