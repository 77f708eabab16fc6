// Reading a large workspace on a second thread while the main thread parses; this module is what the two threads
// share (the worker's side is readWorker.ts, the main thread's readWorkerHost.ts, which the editor loads only for
// a cold start of a large folder). Measured on a 10,000-file corpus, opening, reading and decoding the files is
// about a fifth of a lint; parsing them on a worker instead did not pay, since the parsed files (about a hundred
// small objects each) cost as much to copy back as to parse. Sent as one JSON text per chunk instead, they still
// did not: the main thread's CPU stayed the same (taking them in, its collector and the cross-file rules over the
// revived objects cost what parsing saved). Sending only each front-matter's YAML value as JSON saved the main
// thread a tenth but added a fifth to the total CPU, which on two cores made the wall time longer. Texts are cheap
// to send: the worker reads the files in order, chunk by chunk, and the main thread parses each chunk as it
// arrives. Parsing is the main thread's alone, so the result is the single-threaded one; a worker that is slow to
// start, falls behind, fails or stalls only means that the main thread reads more chunks itself.
//
// The CLI is synchronous from start to end, so the main thread waits with Atomics.wait and takes the worker's
// messages with receiveMessageOnPort instead of an event loop. The editor's extension host reads a large folder
// the same way (chunks of its batches, each read with its file's stamp), but must never block: it awaits
// `whenRead` (Atomics.waitAsync) before each batch.
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { FileStamp } from '../core/lintCache';

/** Below this many files to read, a worker's start costs more than it saves. */
export const parallelThreshold = 1000;

/**
 * Slots of the shared state: the next chunk nobody has claimed (the worker claims them in order, the main thread
 * claims the one it needs when the worker has not got to it yet), how many chunks the worker delivered, whether
 * it failed, and how much text (KiB) it delivered that the main thread has not parsed yet.
 */
export const Slot = { next: 0, delivered: 1, failed: 2, pendingKiB: 3 } as const;

/**
 * How far the worker may read ahead of the parsing, in KiB of text: files without a closing fence are read up
 * to 1 MiB each, and ten thousand of them must not all wait in memory.
 */
export const maxPendingKiB = 64 * 1024;

/**
 * What a file read gives: its text (the part indexing needs) and, when the job asks for them, the file's size
 * and modification time; or why it could not be read.
 */
export type TextRead = { text: string; stamp?: FileStamp } | { failed: string };

/**
 * What the worker gives for a file: `large` for a text it leaves to the main thread. Files without a closing
 * fence are read up to 1 MiB each, and strings that size made the worker's heap (and the messages) grow by
 * hundreds of megabytes before its collector ran; a front-matter is normally a few kilobytes.
 */
export type WorkerRead = TextRead | { large: true };

/** The largest text (in bytes) the worker decodes and sends. */
export const workerDecodeLimit = 64 * 1024;

/** The job the main thread posts: the files in order, and which of them are read whole (not only their head). */
export interface ReadJob {
  root: string;
  files: string[];
  whole: number[];
  chunkSize: number;
  /** Each read carries its file's stamp (taken from the open file). */
  stamps: boolean;
}

/** How a job is cut and what each read carries. */
export interface ReadJobOptions {
  /** Files per chunk: the CLI's default is small, so that the worker leads early; the editor reads by batch. */
  chunkSize?: number;
  stamps?: boolean;
}

/** What the worker posts per chunk. */
export interface ChunkRead {
  chunk: number;
  reads: WorkerRead[];
  /** The size of its texts, counted in `Slot.pendingKiB` until the main thread has parsed them. */
  kib: number;
}

export interface WorkerData {
  port: MessagePort;
  state: SharedArrayBuffer;
}

/** The worker's script, a side bundle in `lazy/` beside the bundle in `folder` (dist/lazy/readWorker.js). */
export function workerScriptBeside(folder: string): string {
  return join(folder, 'lazy', 'readWorker.js');
}
