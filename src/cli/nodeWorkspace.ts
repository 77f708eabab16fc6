// Reading a workspace from disk for the CLI (and for tests and benchmarks): synchronous reads are the
// fastest way to take in thousands of small files in one Node process, and the CLI has nothing else to do.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
  configPath,
  defaultConfig,
  parseConfig,
  type ConfigProblem,
  type RoadmapConfig,
} from '../core/config';
import { createDiscovery } from '../core/discovery';
import { splitFrontmatter } from '../core/fences';
import type { FeatureFile } from '../core/featureFile';
import { LintCache, type CachedOutput, type FileStamp, type LintCacheSections } from '../core/lintCache';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { version } from '../../package.json';

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
  skipped: SkippedFile[];
  /** Set when loaded with a cache file. */
  cache?: WorkspaceCache;
}

const decoder = new TextDecoder('utf-8');
/**
 * One read buffer for every file. A fresh 1 MiB buffer per file made V8 collect garbage for a third of a 10,000-file
 * lint; sharing is safe because reads are synchronous and decoding copies the bytes into a string.
 */
let sharedHead: Buffer | undefined;

/** A file's head (its first `headBytes`) as text: all that indexing may need of it. */
export function readHead(path: string): string {
  const { buffer, length } = readBytes(path);
  return decoder.decode(buffer.subarray(0, length));
}

/** The first `headBytes` of a file, in the shared buffer. */
function readBytes(path: string): { buffer: Buffer; length: number } {
  const fd = openSync(path, 'r');
  try {
    const buffer = (sharedHead ??= Buffer.allocUnsafe(headBytes));
    return { buffer, length: readSync(fd, buffer, 0, headBytes, 0) };
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
  const { buffer, length } = readBytes(path);
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

export interface LoadOptions {
  configFile?: string;
  /** The lint cache file to read and, through `LoadedWorkspace.cache.save`, write (`--cache`). */
  cacheFile?: string;
}

/** The cache side of a load: whether every file was unchanged, and how to write the cache for this run. */
export interface WorkspaceCache {
  /** The previous run's output for this format, when no file changed since it (and nothing was skipped). */
  outputFor(format: string): CachedOutput | undefined;
  /** Writes the cache for this run with its output; returns an error message when it cannot. */
  save(output: CachedOutput): string | undefined;
}

export function loadWorkspace(root: string, options: LoadOptions = {}): LoadedWorkspace {
  const { config, problems, text: configText } = loadConfig(root, options.configFile);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  const cacheFile = options.cacheFile;
  const key = cacheFile ? cacheKey(root, options.configFile, configText) : '';
  const previous = cacheFile ? LintCache.parse(readCacheSections(cacheFile), key) : undefined;
  // With a cache, every file is stamped first (before it is read: a file changed after its stamp is read again
  // next time), so that an unchanged workspace is known before anything is parsed.
  const stamps = new Map<string, FileStamp>();
  if (previous) {
    for (const file of candidates) {
      try {
        const stat = statSync(`${root}/${file}`);
        stamps.set(file, { size: stat.size, mtimeMs: stat.mtimeMs });
      } catch (error) {
        skipped.push({ file, reason: (error as Error).message });
      }
    }
  }
  const unchanged = previous !== undefined && skipped.length === 0 && previous.matches(stamps);
  const parses = new Map<string, FeatureFile | null>();
  const build = (): WorkspaceIndex => {
    const index = new WorkspaceIndex(config);
    for (const file of candidates) {
      const stamp = stamps.get(file);
      const cached = stamp && previous?.lookup(file, stamp);
      if (cached !== undefined) {
        parses.set(file, cached);
        if (cached) index.put(file, cached);
        continue;
      }
      if (previous && !stamp) continue; // skipped while stamping
      try {
        const text = readFrontmatterHead(`${root}/${file}`);
        const parsed = text === '' ? undefined : index.update(file, text);
        parses.set(file, parsed?.isFeature ? parsed : null);
      } catch (error) {
        // Deleted or unreadable between listing and reading: note it and go on with the rest.
        skipped.push({ file, reason: (error as Error).message });
      }
    }
    index.flush();
    return index;
  };
  // Unchanged: the index is built only if asked for (a cached output needs none).
  let index = unchanged ? undefined : build();
  return {
    root,
    config,
    configProblems: problems,
    configText,
    get index() {
      return (index ??= build());
    },
    scanned: candidates.length,
    skipped,
    cache: cacheFile
      ? {
          outputFor: (format) => (unchanged ? previous?.outputFor(format) : undefined),
          save: (output) =>
            writeCache(
              cacheFile,
              LintCache.serialize(key, stamps, parses, skipped.length ? undefined : output),
              cacheFile === defaultCacheFile(root),
            ),
        }
      : undefined,
  };
}

/** The default cache file: in a folder that ignores itself, so that it is never committed. */
export function defaultCacheFile(root: string): string {
  return join(root, '.roadmap', '.cache', 'lint-cache.json');
}

/** What a cache depends on besides the files: this build of the linter, the root, and the config. */
function cacheKey(root: string, configFile: string | undefined, configText: string | undefined): string {
  const hash = createHash('sha1');
  hash.update(`${version}\0${root}\0${configFile ?? ''}\0${configText ?? ''}\0`);
  // The running bundle itself: a rule changed without a version bump still invalidates every cache.
  hash.update(readOptional(__filename) ?? '');
  return hash.digest('hex');
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A cache file: a first line `roadmap-lint-cache <header bytes> <output bytes> <records bytes>`, then the
 * three sections, so that an unchanged run reads the header and the output and leaves the records on disk.
 */
const cacheMagic = 'roadmap-lint-cache';

function readCacheSections(file: string): LintCacheSections | undefined {
  const read = (offset: number, length: number) => {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.allocUnsafe(length);
      if (readSync(fd, buffer, 0, length, offset) !== length) throw new Error('a truncated cache');
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  };
  try {
    const first = read(0, Math.min(128, statSync(file).size));
    const newlineAt = first.indexOf('\n');
    const fields = first.slice(0, Math.max(0, newlineAt)).split(' ');
    if (newlineAt < 0 || fields[0] !== cacheMagic || fields.length !== 4) return undefined;
    const [headerBytes, outputBytes, recordsBytes] = fields.slice(1).map(Number);
    const headerAt = Buffer.byteLength(first.slice(0, newlineAt + 1));
    return {
      header: read(headerAt, headerBytes),
      // Read only when asked for: an unchanged run never reads the records.
      output: () => read(headerAt + headerBytes, outputBytes),
      records: () => read(headerAt + headerBytes + outputBytes, recordsBytes),
    };
  } catch {
    return undefined;
  }
}

function writeCache(
  file: string,
  sections: { header: string; output: string; records: string },
  selfIgnoring: boolean,
): string | undefined {
  try {
    const folder = dirname(file);
    mkdirSync(folder, { recursive: true });
    // The default folder holds only the cache: it ignores itself, so that nobody commits it.
    const ignore = join(folder, '.gitignore');
    if (selfIgnoring && !existsSync(ignore)) writeFileSync(ignore, '*\n');
    const parts = [sections.header, sections.output, sections.records].map((text) => Buffer.from(text));
    const first = Buffer.from(`${cacheMagic} ${parts.map((part) => part.length).join(' ')}\n`);
    // Written beside and renamed: a reader never sees half a cache.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.concat([first, ...parts]));
    renameSync(partial, file);
    return undefined;
  } catch (error) {
    return `cannot write the cache ${file}: ${(error as Error).message}`;
  }
}

/** The async shape the webview tests and benchmarks use. */
export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  return loadWorkspace(root).index;
}
