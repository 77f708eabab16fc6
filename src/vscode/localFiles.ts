// Files on the local disk, for the Node extension host: synchronous reads of only what indexing needs (the
// front-matter), as the CLI does, called in batches by the RoadmapService. A `workspace.fs` round trip per file
// costs far more than the read itself. The web host has no local disk: its build takes localFiles.web.ts.
import { readFileSync, statSync } from 'node:fs';
import { listCandidates, readFrontmatterHead, readHead } from '../cli/nodeWorkspace';
import type { RoadmapConfig } from '../core/config';

export interface LocalFiles {
  /** The feature-file candidates under a folder (relative paths), as the CLI walks them. */
  listCandidates(root: string, config: RoadmapConfig): string[];
  /** Size and modification time (ms) of a file; throws when it cannot be stat'ed. */
  stat(path: string): { size: number; mtimeMs: number };
  /** What the index parses: the front-matter up to its closing fence, or the whole head when `whole`. */
  readIndexed(path: string, whole: boolean): string;
  /** The whole text of a file. */
  readText(path: string): string;
}

const decoder = new TextDecoder('utf-8');

export const localFiles: LocalFiles | undefined = {
  listCandidates: (root, config) => listCandidates(root, config),
  stat: (path) => {
    const { size, mtimeMs } = statSync(path);
    return { size, mtimeMs };
  },
  readIndexed: (path, whole) => (whole ? readHead(path) : readFrontmatterHead(path)),
  // Decoded as workspace.fs reads are (a byte order mark dropped), so that both give the same text.
  readText: (path) => decoder.decode(readFileSync(path)),
};
