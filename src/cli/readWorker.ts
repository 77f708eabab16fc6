// The worker thread of parallelRead.ts: reads the files the main thread lists, chunk by chunk in order and
// exactly as the main thread would (readText, leaving texts over `workerDecodeLimit` to it), reads the YAML of
// their front-matter, and posts each chunk's texts back with the values.
import { workerData } from 'node:worker_threads';
import { splitMetadata } from '../core/fences';
import { parseYamlFast } from '../core/frontmatter';
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

const { port, state: shared } = workerData as WorkerData;
const state = new Int32Array(shared);

/** Set by `unfaithful` when JSON would change a value: an infinite or NaN number, -0, or a `__proto__` key. */
let changed = false;
function unfaithful(key: string, value: unknown): unknown {
  if (typeof value === 'number' ? !Number.isFinite(value) || Object.is(value, -0) : key === '__proto__')
    changed = true;
  return value;
}

/**
 * The value of a Markdown file's front-matter as JSON, as parseFeatureFile would read it (parseYamlFast), or
 * undefined when the main thread must read it itself: no closed front-matter, a binary file, invalid YAML
 * (its message and place are the main thread's to give), or a value JSON cannot carry exactly.
 */
function frontmatterJson(file: string, text: string): string | undefined {
  if (text.includes('\u0000')) return undefined;
  const split = splitMetadata(text, file);
  if (split.kind !== 'closed') return undefined;
  const parsed = parseYamlFast(text.slice(split.yamlStart, split.yamlEnd));
  if (!parsed.ok || parsed.value === undefined) return undefined;
  changed = false;
  const json = JSON.stringify(parsed.value, unfaithful);
  return changed ? undefined : json;
}

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
        const read = readTextAtMost(job.root, job.files[index], whole.has(index), workerDecodeLimit);
        if ('text' in read) {
          characters += read.text.length;
          // Whole files are YAML metadata and sidecars, rare: left to the main thread.
          if (read.text !== '' && !whole.has(index) && Atomics.load(state, Slot.noFrontmatter) === 0) {
            const frontmatter = frontmatterJson(job.files[index], read.text);
            if (frontmatter !== undefined) read.frontmatter = frontmatter;
          }
        }
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
