// Files on the local disk, for the Node extension host: synchronous reads of only what indexing needs (the
// front-matter), as the CLI does, called in batches by the RoadmapService, and for a large folder read ahead on
// a worker thread while the extension host parses. A `workspace.fs` round trip per file costs far more than the
// read itself. The web host has no local disk: its build takes localFiles.web.ts.
import { readFileSync, statSync } from 'node:fs';
import { listCandidates } from '../cli/nodeWorkspace';
import { parallelThreshold, workerScriptBeside } from '../cli/parallelRead';
import { readIndexedText, readText } from '../cli/readFiles';
import type { RoadmapConfig } from '../core/config';
import type { FileStamp } from '../core/lintCache';
import type { ReadWorker } from '../cli/readWorkerHost';

/** Files read ahead on a worker thread, in order (cli/parallelRead.ts). */
export type ReadAhead = Pick<ReadWorker, 'whenRead' | 'read' | 'stop' | 'workerChunks' | 'deliveredChunks'>;

export interface LocalFiles {
  /** The feature-file candidates under a folder (relative paths), as the CLI walks them. */
  listCandidates(root: string, config: RoadmapConfig): string[];
  /** Size and modification time (ms) of a file; throws when it cannot be stat'ed. */
  stat(path: string): FileStamp;
  /**
   * What the index parses: the front-matter up to its closing fence, or the whole head when `whole`; with the
   * file's stamp, taken from the file it read. Throws when the file cannot be read.
   */
  readIndexed(path: string, whole: boolean): { text: string; stamp: FileStamp };
  /** The whole text of a file. */
  readText(path: string): string;
  /**
   * Starts reading `files` (relative to `root`, with their stamps) on a worker thread, `chunkSize` at a time,
   * ahead of the thread that parses them; undefined for too few files, or when no worker starts. The worker's
   * host code loads on first use (only a cold start of a large folder needs it).
   */
  readAhead(
    root: string,
    files: string[],
    whole: (file: string) => boolean,
    chunkSize: number,
    options?: ReadAheadOptions,
  ): Promise<ReadAhead | undefined>;
}

export interface ReadAheadOptions {
  /** From how many files (1,000 by default: below that, starting a worker costs more than it saves). */
  from?: number;
  /** Another worker script (tests, whose bundle has none beside it). */
  script?: string;
}

const decoder = new TextDecoder('utf-8');

const readIndexed = (path: string, whole: boolean) =>
  readIndexedText(path, whole, true) as { text: string; stamp: FileStamp };

export const localFiles: LocalFiles | undefined = {
  listCandidates: (root, config) => listCandidates(root, config),
  stat: (path) => {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  },
  readIndexed,
  // Decoded as workspace.fs reads are (a byte order mark dropped), so that both give the same text.
  readText: (path) => decoder.decode(readFileSync(path)),
  readAhead: async (root, files, whole, chunkSize, { from = parallelThreshold, script } = {}) => {
    if (files.length < from) return undefined;
    const { ReadWorker } = await import('../cli/readWorkerHost');
    // The host code runs from a side bundle (dist/lazy/): the worker script is named from this bundle's folder.
    const worker = ReadWorker.start({ script: script ?? workerScriptBeside(__dirname) });
    if (!worker) return undefined;
    const readHere = (file: string, wholeFile: boolean) => readText(root, file, wholeFile, true);
    worker.begin(root, files, whole, readHere, { chunkSize, stamps: true });
    return worker;
  },
};
