// Reading the files of a workspace: the part of indexing that the reading worker (readWorker.ts) does too, in a
// module of its own so that the worker's bundle holds nothing else.
import { closeSync, openSync, readSync } from 'node:fs';
import { splitFrontmatter } from '../core/fences';
import type { TextRead, WorkerRead } from './parallelRead';

/** Only the head of a file can hold front-matter (at most 256 KiB); a 50 MB body is never read whole. */
export const headBytes = 1024 * 1024;

const decoder = new TextDecoder('utf-8');
/**
 * One read buffer for every file. A fresh 1 MiB buffer per file made V8 collect garbage for a third of a 10,000-file
 * lint; sharing is safe because reads are synchronous and decoding copies the bytes into a string.
 */
let sharedHead: Buffer | undefined;

/** Thrown by a read that may decode at most `decodeLimit` bytes when the text needs more. */
class TooLarge extends Error {}
const tooLarge = new TooLarge();

function decodeAtMost(bytes: Uint8Array, decodeLimit: number): string {
  if (bytes.length > decodeLimit) throw tooLarge;
  return decoder.decode(bytes);
}

/** A file's head (its first `limit` bytes, `headBytes` by default) as text: all that indexing may need of it. */
export function readHead(path: string, limit = headBytes, decodeLimit = Infinity): string {
  const { buffer, length } = readBytes(path, limit);
  return decodeAtMost(buffer.subarray(0, length), decodeLimit);
}

/** The first `limit` bytes of a file, in the shared buffer when the limit is the usual one. */
function readBytes(path: string, limit = headBytes): { buffer: Buffer; length: number } {
  const fd = openSync(path, 'r');
  try {
    const buffer =
      limit === headBytes ? (sharedHead ??= Buffer.allocUnsafe(headBytes)) : Buffer.allocUnsafe(limit);
    return { buffer, length: readSync(fd, buffer, 0, limit, 0) };
  } finally {
    closeSync(fd);
  }
}

const newline = 0x0a;
/** UTF-16 code units take at most three UTF-8 bytes: a NUL among the first 8,000 characters is in these. */
const binaryProbeBytes = 8000 * 3;

/**
 * What the index needs of a file: its text up to the end of the front-matter's closing fence (parsing reads
 * nothing after it), the empty string for a file that cannot be a feature (no `---` on its first line), or
 * the whole head when in doubt (a NUL byte, no closing fence). The body of a 10,000-file corpus is most of its
 * bytes, and decoding it only to drop it made strings the collector had to move.
 */
export function readFrontmatterHead(path: string, decodeLimit = Infinity): string {
  const { buffer, length } = readBytes(path);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (length < bom + 3 || buffer.toString('latin1', bom, bom + 3) !== '---') return '';
  // The shared buffer holds older files' bytes past `length`: every search stays within this file's.
  const bytes = buffer.subarray(0, length);
  const whole = () => decodeAtMost(bytes, decodeLimit);
  if (bytes.subarray(0, binaryProbeBytes).includes(0)) return whole();
  const firstLineEnd = bytes.indexOf(newline);
  if (firstLineEnd < 0) return whole();
  const dashes = bytes.indexOf('\n---', firstLineEnd);
  const dots = bytes.indexOf('\n...', firstLineEnd);
  const closing = dashes < 0 ? dots : dots < 0 ? dashes : Math.min(dashes, dots);
  if (closing < 0) return whole();
  const lineEnd = bytes.indexOf(newline, closing + 1);
  const head = decodeAtMost(bytes.subarray(0, lineEnd < 0 ? length : lineEnd + 1), decodeLimit);
  // The closing fence must be the one the parser finds; anything unusual is parsed from the whole head.
  return splitFrontmatter(head).kind === 'closed' ? head : whole();
}

/**
 * What indexing reads of a workspace file: a YAML file (which has no fences) and a sidecar (read for its
 * heading and task lists) whole, a Markdown file up to its front-matter's end. The same on the main thread
 * and in the reading worker (parallelRead.ts).
 */
export function readText(root: string, file: string, whole: boolean): TextRead {
  // Without a limit, never `large`.
  return readTextAtMost(root, file, whole, Infinity) as TextRead;
}

/** `readText`, or `large` when the text is longer than `decodeLimit` bytes (and left undecoded). */
export function readTextAtMost(root: string, file: string, whole: boolean, decodeLimit: number): WorkerRead {
  try {
    const path = `${root}/${file}`;
    return { text: whole ? readHead(path, headBytes, decodeLimit) : readFrontmatterHead(path, decodeLimit) };
  } catch (error) {
    if (error instanceof TooLarge) return { large: true };
    // Deleted or unreadable between listing and reading: noted, and the rest goes on.
    return { failed: (error as Error).message };
  }
}
