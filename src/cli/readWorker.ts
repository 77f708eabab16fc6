// The worker thread of parallelRead.ts: reads the files the main thread lists, chunk by chunk in order and
// exactly as the main thread would (readText), and posts each chunk's texts back.
import { workerData } from 'node:worker_threads';
import { readText } from './readFiles';
import { Slot, type ChunkRead, type ReadJob, type WorkerData } from './parallelRead';

const { port, state: shared } = workerData as WorkerData;
const state = new Int32Array(shared);

port.once('message', (job: ReadJob) => {
  const whole = new Set(job.whole);
  const chunks = Math.ceil(job.files.length / job.chunkSize);
  try {
    // Claimed in order; the main thread claims the ones it needs before this worker gets to them.
    for (let chunk; (chunk = Atomics.add(state, Slot.next, 1)) < chunks;) {
      const reads = [];
      const end = Math.min(job.files.length, (chunk + 1) * job.chunkSize);
      for (let index = chunk * job.chunkSize; index < end; index++)
        reads.push(readText(job.root, job.files[index], whole.has(index)));
      const message: ChunkRead = { chunk, reads };
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
