// One file read or stat'ed either way: with Node on the Node extension host (a `workspace.fs` round trip costs
// tens of milliseconds at a window's start, more under load), through `workspace.fs` elsewhere.
import * as vscode from 'vscode';
import type { FileStamp } from '../core/lintCache';
import type { LocalFiles } from './localFiles';

const decoder = new TextDecoder('utf-8');

/** The path on the local disk of a `file:` URI, when this host reads local files with Node. */
export function localPathOf(files: LocalFiles | undefined, uri: vscode.Uri): string | undefined {
  return files && uri.scheme === 'file' ? uri.fsPath : undefined;
}

/** A file's whole text (a byte order mark dropped either way); throws when it cannot be read. */
export async function readTextFile(files: LocalFiles | undefined, uri: vscode.Uri): Promise<string> {
  const path = localPathOf(files, uri);
  return path !== undefined ? files!.readText(path) : decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** A file's size and modification time; throws when it cannot be stat'ed. */
export async function stampOf(files: LocalFiles | undefined, uri: vscode.Uri): Promise<FileStamp> {
  const path = localPathOf(files, uri);
  if (path !== undefined) return files!.stat(path);
  const stat = await vscode.workspace.fs.stat(uri);
  return { size: stat.size, mtimeMs: stat.mtime };
}
