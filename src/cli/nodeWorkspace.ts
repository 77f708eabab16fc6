// Reading a workspace from disk for the CLI (and for tests and benchmarks): synchronous reads are the
// fastest way to take in thousands of small files in one Node process, and the CLI has nothing else to do.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  configPath,
  defaultConfig,
  parseConfig,
  type ConfigProblem,
  type RoadmapConfig,
} from '../core/config';
import { createDiscovery } from '../core/discovery';
import { splitFrontmatter } from '../core/fences';
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
  /** The text parsed for each feature file: up to the end of its front-matter (see `readFrontmatterHead`). */
  texts: Map<string, string>;
  skipped: SkippedFile[];
}

const decoder = new TextDecoder('utf-8');
/**
 * One read buffer for every file. A fresh 1 MiB buffer per file made V8 collect garbage for a third of a 10,000-file
 * lint; sharing is safe because reads are synchronous and decoding copies the bytes into a string.
 */
let sharedHead: Buffer | undefined;

export function readHead(path: string, limit = headBytes): string {
  const { buffer, length } = readBytes(path, limit);
  return decoder.decode(buffer.subarray(0, length));
}

/** The first `limit` bytes of a file, in the shared buffer when the limit is the usual one. */
function readBytes(path: string, limit: number): { buffer: Buffer; length: number } {
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
export function readFrontmatterHead(path: string): string {
  const { buffer, length } = readBytes(path, headBytes);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (length < bom + 3 || buffer.toString('latin1', bom, bom + 3) !== '---') return '';
  // The shared buffer holds older files' bytes past `length`: every search stays within this file's.
  const bytes = buffer.subarray(0, length);
  const whole = () => decoder.decode(bytes);
  if (bytes.subarray(0, binaryProbeBytes).includes(0)) return whole();
  const firstLineEnd = bytes.indexOf(newline);
  if (firstLineEnd < 0) return whole();
  const dashes = bytes.indexOf('\n---', firstLineEnd);
  const dots = bytes.indexOf('\n...', firstLineEnd);
  const closing = dashes < 0 ? dots : dots < 0 ? dashes : Math.min(dashes, dots);
  if (closing < 0) return whole();
  const lineEnd = bytes.indexOf(newline, closing + 1);
  const head = decoder.decode(bytes.subarray(0, lineEnd < 0 ? length : lineEnd + 1));
  // The closing fence must be the one the parser finds; anything unusual is parsed from the whole head.
  return splitFrontmatter(head).kind === 'closed' ? head : whole();
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

export function loadWorkspace(root: string, options: { configFile?: string } = {}): LoadedWorkspace {
  const { config, problems, text: configText } = loadConfig(root, options.configFile);
  const index = new WorkspaceIndex(config);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  const texts = new Map<string, string>();
  for (const file of candidates) {
    let text: string;
    try {
      text = readFrontmatterHead(`${root}/${file}`);
    } catch (error) {
      // Deleted or unreadable between listing and reading: note it and go on with the rest.
      skipped.push({ file, reason: (error as Error).message });
      continue;
    }
    if (text === '') continue;
    const parsed = index.update(file, text);
    if (parsed.isFeature) texts.set(file, text);
  }
  index.flush();
  return {
    root,
    config,
    configProblems: problems,
    configText,
    index,
    scanned: candidates.length,
    texts,
    skipped,
  };
}

/** The async shape the webview tests and benchmarks use. */
export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  return loadWorkspace(root).index;
}
