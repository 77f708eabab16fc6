// The main thread's side of reading on a worker thread (parallelRead.ts says why and how): starts the worker,
// hands it the files, and takes its chunks in order, reading any it has not delivered itself.
import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import {
  Slot,
  type ChunkRead,
  type ReadJob,
  type ReadJobOptions,
  type TextRead,
  type WorkerData,
  type WorkerRead,
} from './parallelRead';

/** How long the worker may keep a chunk it claimed before the main thread reads it itself (a crashed worker). */
const stallMs = 2000;

/** Small chunks: while the worker starts, the main thread reads the first ones itself; then the worker leads. */
const defaultChunkSize = 128;

export interface ReadWorkerOptions {
  /**
   * The worker script (`workerScriptBeside` the bundle that starts it). Always named by the caller: this module
   * runs from the CLI's bundle and from a side bundle of the extension's, whose folders differ; tests of the
   * TypeScript sources name readWorker.ts, loaded through tsx.
   */
  script: string;
}

/** One worker thread, started early (while the config loads and the folder is listed), used for one job. */
export class ReadWorker {
  private readonly chunks = new Map<number, { reads: WorkerRead[]; kib: number }>();
  /** Set when the worker failed or kept a chunk too long: every chunk left is read here, without waiting. */
  private gaveUp = false;
  /** How many of the chunks used came from the worker (the rest were read here). */
  workerChunks = 0;
  private job: ReadJob | undefined;
  private wholeFiles = new Set<number>();
  /** Chunks read through (in order) and let go. */
  private consumed = 0;
  private readOne: ((file: string, whole: boolean) => TextRead) | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
  ) {}

  /** Starts the worker; undefined when its script is missing (the sources run unbundled) or it cannot start. */
  static start({ script }: ReadWorkerOptions): ReadWorker | undefined {
    if (!existsSync(script)) return undefined;
    try {
      const { port1, port2 } = new MessageChannel();
      const shared = new SharedArrayBuffer(Object.keys(Slot).length * Int32Array.BYTES_PER_ELEMENT);
      const data: WorkerData = { port: port2, state: shared };
      const worker = new Worker(script, { workerData: data, transferList: [port2] });
      // A worker that fails says so through the shared state: a main thread that never returns to the event
      // loop would not see its events, which must not keep the process alive either.
      worker.on('error', () => undefined);
      worker.unref();
      port1.unref();
      return new ReadWorker(worker, port1, new Int32Array(shared));
    } catch {
      return undefined;
    }
  }

  /** Asks the worker to read these files; `readOne` reads one here, for the chunks the worker does not deliver. */
  begin(
    root: string,
    files: string[],
    whole: (file: string) => boolean,
    readOne: (file: string, whole: boolean) => TextRead,
    options: ReadJobOptions = {},
  ): void {
    const wholeFiles: number[] = [];
    files.forEach((file, index) => {
      if (whole(file)) wholeFiles.push(index);
    });
    const chunkSize = options.chunkSize ?? defaultChunkSize;
    this.job = { root, files, whole: wholeFiles, chunkSize, stamps: options.stamps ?? false };
    this.wholeFiles = new Set(wholeFiles);
    this.readOne = readOne;
    this.port.postMessage(this.job);
  }

  /** The read of `files[index]` (as given to `begin`), asked for in order. */
  read(index: number): TextRead {
    const { chunkSize } = this.job!;
    const chunk = Math.floor(index / chunkSize);
    const { reads, kib } = this.chunk(chunk);
    // A chunk is let go once read through: the texts of a whole workspace are never all alive at once.
    if (index === (chunk + 1) * chunkSize - 1 || index === this.job!.files.length - 1) {
      this.chunks.delete(chunk);
      this.consumed = chunk + 1;
      if (kib > 0) {
        Atomics.sub(this.state, Slot.pendingKiB, kib);
        Atomics.notify(this.state, Slot.pendingKiB);
      }
    }
    const read = reads[index - chunk * chunkSize];
    return 'large' in read ? this.readOne!(this.job!.files[index], this.wholeFiles.has(index)) : read;
  }

  /**
   * Resolves once `read(index)` can answer without blocking: for a thread that must not wait (the editor's
   * extension host), which awaits this before each chunk.
   */
  async whenRead(index: number): Promise<void> {
    const chunk = Math.floor(index / this.job!.chunkSize);
    for (;;) {
      const count = Atomics.load(this.state, Slot.delivered);
      if (this.available(chunk)) return;
      const waiting = Atomics.waitAsync(this.state, Slot.delivered, count, stallMs);
      let outcome: string = 'not-equal';
      if (waiting.async) {
        // The wait alone keeps no event loop alive (nor does the unreferenced worker): a timer does.
        const keepAlive = setTimeout(() => undefined, stallMs);
        outcome = await waiting.value.finally(() => clearTimeout(keepAlive));
      }
      this.gaveUp = this.failed() || outcome === 'timed-out';
    }
  }

  private chunk(chunk: number): { reads: WorkerRead[]; kib: number } {
    for (;;) {
      // Counted before looking: a chunk delivered in between ends the wait at once instead of after `stallMs`.
      const count = Atomics.load(this.state, Slot.delivered);
      const available = this.available(chunk);
      if (available) return available;
      this.gaveUp = this.failed() || Atomics.wait(this.state, Slot.delivered, count, stallMs) === 'timed-out';
    }
  }

  /** The chunk when it is here, or read here now because the worker has not claimed it; else undefined. */
  private available(chunk: number): { reads: WorkerRead[]; kib: number } | undefined {
    this.take();
    const delivered = this.chunks.get(chunk);
    if (delivered) return delivered;
    // Not claimed by the worker yet (it is starting, behind, or waiting for this thread): this thread reads it.
    const claimedHere = Atomics.compareExchange(this.state, Slot.next, chunk, chunk + 1) === chunk;
    if (!claimedHere && !this.gaveUp) return undefined;
    const here = { reads: this.readHere(chunk), kib: 0 };
    this.chunks.set(chunk, here);
    return here;
  }

  private failed(): boolean {
    return Atomics.load(this.state, Slot.failed) !== 0;
  }

  private readHere(chunk: number): TextRead[] {
    const { files, chunkSize } = this.job!;
    const reads: TextRead[] = [];
    for (let index = chunk * chunkSize; index < Math.min(files.length, (chunk + 1) * chunkSize); index++)
      reads.push(this.readOne!(files[index], this.wholeFiles.has(index)));
    return reads;
  }

  private take(): void {
    for (let message; (message = receiveMessageOnPort(this.port));) {
      const { chunk, reads, kib } = message.message as ChunkRead;
      // A chunk read here after the worker stalled may still arrive from it, late: the first one is kept.
      if (this.chunks.has(chunk) || chunk < this.consumed) {
        Atomics.sub(this.state, Slot.pendingKiB, kib);
        continue;
      }
      this.chunks.set(chunk, { reads, kib });
      this.workerChunks++;
    }
  }

  /** How many chunks the worker has delivered so far (read or not). */
  deliveredChunks(): number {
    return Atomics.load(this.state, Slot.delivered);
  }

  /** Stops the worker (a job not needed, or done). */
  stop(): void {
    // Nothing left to claim, and nothing to wait for.
    Atomics.store(this.state, Slot.next, 0x7fffffff);
    Atomics.store(this.state, Slot.pendingKiB, 0);
    Atomics.notify(this.state, Slot.pendingKiB);
    this.port.close();
    void this.worker.terminate();
  }
}
