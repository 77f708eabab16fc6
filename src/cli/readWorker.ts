// The worker thread of parallelRead.ts: reads the files the main thread lists, chunk by chunk in order and
// exactly as the main thread would (readText, leaving texts over `workerDecodeLimit` to it), and posts each
// chunk's texts back.
import { getPriority, setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { readTextAtMost } from './readFiles';
import {
  maxPendingKiB,
  workerDecodeLimit,
  Slot,
  type ChunkRead,
  type ReadJob,
  type WorkerRead,
  type WorkerData,
} from './parallelRead';

// The lint waits for the main thread's parsing, never for this thread, which stays far ahead of it. On two
// cores, though, this thread took turns on the second one with V8's helpers (the collector, the optimising
// compiler) that the main thread waits for, and the main thread was off its core for about a fifth of a lint.
// A lower priority lets them go first: a vocabulary lint of 10,000 files went from 0.56 to 0.52 s. Linux keeps
// a priority per thread, so this lowers this thread's alone; elsewhere it would lower the whole process.
if (process.platform === 'linux') {
  try {
    setPriority(Math.min(19, getPriority() + 10));
  } catch {
    // Not permitted here: the read is as fast, only less polite.
  }
}

const { port, state: shared } = workerData as WorkerData;
const state = new Int32Array(shared);

port.once('message', (job: ReadJob) => {
  const whole = new Set(job.whole);
  const chunks = Math.ceil(job.files.length / job.chunkSize);
  try {
    for (;;) {
      // Never too far ahead of the parsing: the main thread lowers the count as it parses.
      for (let pending; (pending = Atomics.load(state, Slot.pendingKiB)) > maxPendingKiB;)
        Atomics.wait(state, Slot.pendingKiB, pending, 100);
      // Claimed in order; the main thread claims the ones it needs before this worker gets to them.
      const chunk = Atomics.add(state, Slot.next, 1);
      if (chunk >= chunks) break;
      const reads: WorkerRead[] = [];
      let characters = 0;
      const end = Math.min(job.files.length, (chunk + 1) * job.chunkSize);
      for (let index = chunk * job.chunkSize; index < end; index++) {
        const read = readTextAtMost(
          job.root,
          job.files[index],
          whole.has(index),
          workerDecodeLimit,
          job.stamps,
        );
        if ('text' in read) characters += read.text.length;
        reads.push(read);
      }
      const kib = Math.ceil(characters / 1024);
      Atomics.add(state, Slot.pendingKiB, kib);
      const message: ChunkRead = { chunk, reads, kib };
      port.postMessage(message);
      Atomics.add(state, Slot.delivered, 1);
      Atomics.notify(state, Slot.delivered);
    }
  } catch {
    // The main thread reads whatever this worker claimed and did not deliver.
    Atomics.store(state, Slot.failed, 1);
    Atomics.notify(state, Slot.delivered);
  }
  port.close();
});
