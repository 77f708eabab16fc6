// Reading a workspace from disk for the CLI (and for tests and benchmarks): synchronous reads are the
// fastest way to take in thousands of small files in one Node process, and the CLI has nothing else to do.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import {
  configPath,
  defaultConfig,
  parseConfig,
  type ConfigProblem,
  type RoadmapConfig,
} from '../core/config';
import { createDiscovery } from '../core/discovery';
import { parseFeatureFile, type FeatureFile } from '../core/featureFile';
import { WorkspaceIndex } from '../core/workspaceIndex';

/** Only the head of a file can hold front-matter (at most 256 KiB); a 50 MB body is never read whole. */
export const headBytes = 1024 * 1024;

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadedWorkspace {
  root: string;
  config: RoadmapConfig;
  configProblems: ConfigProblem[];
  configText?: string;
  index: WorkspaceIndex;
  /** Markdown files that matched discovery (features and others). */
  scanned: number;
  /** The text read for each feature file (its head, for very large files). */
  texts: Map<string, string>;
  skipped: SkippedFile[];
  /** How many threads parsed the files (2 when a parse worker took half). */
  threads: number;
}

const decoder = new TextDecoder('utf-8');
/**
 * One read buffer for every file. A fresh 1 MiB buffer per file made V8 collect garbage for a third of a 10,000-file
 * lint; sharing is safe because reads are synchronous and decoding copies the bytes into a string.
 */
let sharedHead: Buffer | undefined;

export function readHead(path: string, limit = headBytes): string {
  const fd = openSync(path, 'r');
  try {
    const buffer =
      limit === headBytes ? (sharedHead ??= Buffer.allocUnsafe(headBytes)) : Buffer.allocUnsafe(limit);
    const length = readSync(fd, buffer, 0, limit, 0);
    return decoder.decode(buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

export function loadConfig(
  root: string,
  explicitPath?: string,
): { config: RoadmapConfig; problems: ConfigProblem[]; text?: string } {
  const path = explicitPath ?? join(root, configPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: defaultConfig(), problems: [] };
    return {
      config: defaultConfig(),
      problems: [
        {
          message: `cannot read ${path}: ${(error as Error).message}`,
          span: { start: 0, end: 0 },
          fatal: true,
        },
      ],
    };
  }
  const loaded = parseConfig(text);
  return { config: loaded.config, problems: loaded.problems, text };
}

/** Lists the candidate files under a root (workspace-relative, forward slashes), never following links to folders. */
export function listCandidates(root: string, config: RoadmapConfig, skipped: SkippedFile[] = []): string[] {
  const discovery = createDiscovery(config);
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(relative ? join(root, relative) : root, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: relative || '.', reason: (error as Error).message });
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!discovery.isPrunedFolder(path)) walk(path);
      } else if (entry.isFile()) {
        if (discovery.isCandidate(path)) found.push(path);
      } else if (entry.isSymbolicLink() && discovery.isCandidate(path)) {
        // A link to a file is read like a file; a link to a folder is never followed (no loops).
        try {
          if (statSync(join(root, path)).isFile()) found.push(path);
        } catch {
          skipped.push({ file: path, reason: 'a broken symbolic link' });
        }
      }
    }
  };
  walk('');
  return found.sort();
}

/** One candidate file, read and parsed: its feature data, or why it was skipped. */
export type ParsedCandidate =
  { file: string; parsed: FeatureFile; text: string } | { file: string; skipped: string };

/** Reads and parses candidate files, one after another. Also the body of the parse worker. */
export function parseCandidates(
  root: string,
  files: readonly string[],
  config: RoadmapConfig,
): ParsedCandidate[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readHead(join(root, file));
    } catch (error) {
      // Deleted or unreadable between listing and reading: note it and go on with the rest.
      return { file, skipped: (error as Error).message };
    }
    return { file, parsed: parseFeatureFile(file, text, config), text };
  });
}

export interface LoadOptions {
  configFile?: string;
  /**
   * Where the parse worker's bundle is (dist/parseWorker.js). With it, a large workspace is parsed on two
   * threads: listing and reading are cheap, parsing YAML is not, and CI machines have more than one core.
   */
  workerScript?: string;
  /** The fewest candidate files worth starting a worker for (default 2,000; a worker costs ~40 ms to start). */
  minFilesForWorker?: number;
}

/** Reads a whole workspace synchronously on this thread. */
export function loadWorkspace(root: string, options: LoadOptions = {}): LoadedWorkspace {
  const { config, problems, text } = loadConfig(root, options.configFile);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  return assemble(
    root,
    config,
    problems,
    text,
    candidates.length,
    parseCandidates(root, candidates, config),
    skipped,
  );
}

/** Reads a whole workspace, parsing half of a large one on a worker thread. */
export async function loadWorkspaceParallel(
  root: string,
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  const { config, problems, text } = loadConfig(root, options.configFile);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  const useWorker =
    options.workerScript !== undefined &&
    candidates.length >= (options.minFilesForWorker ?? 2000) &&
    availableParallelism() > 1 &&
    existsSync(options.workerScript);
  if (!useWorker) {
    return assemble(
      root,
      config,
      problems,
      text,
      candidates.length,
      parseCandidates(root, candidates, config),
      skipped,
    );
  }
  const half = Math.ceil(candidates.length / 2);
  const request: ParseRequest = { root, files: candidates.slice(half), configText: text ?? null };
  const worker = new Worker(options.workerScript!, { workerData: request });
  const fromWorker = new Promise<ParsedCandidate[]>((resolve, reject) => {
    worker.once('message', (result: ParsedCandidate[]) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the parse worker stopped (exit code ${code})`)));
  });
  const mine = parseCandidates(root, candidates.slice(0, half), config);
  const theirs = await fromWorker;
  void worker.terminate();
  return {
    ...assemble(root, config, problems, text, candidates.length, [...mine, ...theirs], skipped),
    threads: 2,
  };
}

/** What the worker is asked to parse: the config travels as text and is parsed again there. */
export interface ParseRequest {
  root: string;
  files: string[];
  configText: string | null;
}

/** The worker's side: parse the files and strip what cannot cross threads (positions are recomputed lazily). */
export function answerParseRequest(request: ParseRequest): ParsedCandidate[] {
  const config = request.configText === null ? defaultConfig() : parseConfig(request.configText).config;
  return parseCandidates(request.root, request.files, config).map((entry) =>
    'parsed' in entry ? { ...entry, parsed: { ...entry.parsed, locator: undefined } } : entry,
  );
}

function assemble(
  root: string,
  config: RoadmapConfig,
  configProblems: ConfigProblem[],
  configText: string | undefined,
  scanned: number,
  entries: readonly ParsedCandidate[],
  skipped: SkippedFile[],
): LoadedWorkspace {
  const index = new WorkspaceIndex(config);
  const texts = new Map<string, string>();
  for (const entry of entries) {
    if ('skipped' in entry) {
      skipped.push({ file: entry.file, reason: entry.skipped });
      continue;
    }
    index.put(entry.file, entry.parsed);
    if (entry.parsed.isFeature) texts.set(entry.file, entry.text);
  }
  index.flush();
  return { root, config, configProblems, configText, index, scanned, texts, skipped, threads: 1 };
}

/** The async shape the webview tests and benchmarks use. */
export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  return loadWorkspace(root).index;
}
