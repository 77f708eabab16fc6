// Reading the files of a workspace: the part of indexing that the reading worker (readWorker.ts) does too, in a
// module of its own so that the worker's bundle holds nothing else.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { maxFeatureFileBytes, tooLargeReason } from '../core/discovery';
import { splitFrontmatter } from '../core/fences';
import type { FileStamp } from '../core/lintCache';
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

interface HeadBytes {
  buffer: Buffer;
  length: number;
  /** The size and modification time of the file read, when asked for. */
  stamp?: FileStamp;
}

/**
 * The first `limit` bytes of a file, in the shared buffer when the limit is the usual one; `withStamp` takes
 * the file's stamp from the open file (one path lookup instead of two for a stat before the read).
 */
function readBytes(path: string, limit = headBytes, withStamp = false): HeadBytes {
  const fd = openSync(path, 'r');
  try {
    let stamp: FileStamp | undefined;
    if (withStamp) {
      const { size, mtimeMs } = fstatSync(fd);
      stamp = { size, mtimeMs };
    }
    const buffer =
      limit === headBytes ? (sharedHead ??= Buffer.allocUnsafe(headBytes)) : Buffer.allocUnsafe(limit);
    return { buffer, length: readSync(fd, buffer, 0, limit, 0), stamp };
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
  return frontmatterHeadOf(readBytes(path), decodeLimit);
}

function frontmatterHeadOf({ buffer, length }: HeadBytes, decodeLimit: number): string {
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
 * What indexing reads of a file: a YAML file (which has no fences) and a sidecar (read for its heading and
 * task lists) whole, a Markdown file up to its front-matter's end; with its stamp when asked for (the editor
 * keeps one per file for the persisted index). Throws when the file cannot be read, or is over
 * `maxFeatureFileBytes` (the same policy for the editor and the CLI).
 */
export function readIndexedText(
  path: string,
  whole: boolean,
  withStamp = false,
  decodeLimit = Infinity,
): { text: string; stamp?: FileStamp } {
  const bytes = readBytes(path, headBytes, withStamp);
  // Only a file that fills the head can be too large: the others cost no stat.
  if (bytes.length === headBytes) {
    const size = bytes.stamp?.size ?? statSync(path).size;
    if (size > maxFeatureFileBytes) throw new Error(tooLargeReason(size));
  }
  const text = whole
    ? decodeAtMost(bytes.buffer.subarray(0, bytes.length), decodeLimit)
    : frontmatterHeadOf(bytes, decodeLimit);
  return bytes.stamp ? { text, stamp: bytes.stamp } : { text };
}

/**
 * `readIndexedText` of a workspace file, or why it could not be read. The same on the main thread and in the
 * reading worker (parallelRead.ts).
 */
export function readText(root: string, file: string, whole: boolean, withStamp = false): TextRead {
  // Without a limit, never `large`.
  return readTextAtMost(root, file, whole, Infinity, withStamp) as TextRead;
}

/** `readText`, or `large` when the text is longer than `decodeLimit` bytes (and left undecoded). */
export function readTextAtMost(
  root: string,
  file: string,
  whole: boolean,
  decodeLimit: number,
  withStamp = false,
): WorkerRead {
  try {
    return readIndexedText(`${root}/${file}`, whole, withStamp, decodeLimit);
  } catch (error) {
    if (error instanceof TooLarge) return { large: true };
    // Deleted or unreadable between listing and reading: noted, and the rest goes on.
    return { failed: (error as Error).message };
  }
}
