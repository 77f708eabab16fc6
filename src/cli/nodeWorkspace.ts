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
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { configPath, defaultConfig, type ConfigProblem, type RoadmapConfig } from '../core/config';
import { createDiscovery, isZeroConfigCandidate, neverScanned, unmatchedIncludes } from '../core/discovery';
import { isYamlFile } from '../core/fences';
import { isSidecarMarkdown, type FeatureFile } from '../core/featureFile';
import { LintCache, type CachedOutput, type FileStamp, type LintCacheSections } from '../core/lintCache';
import {
  buildConfig,
  looksLikeOwnFeature,
  matchesSignature,
  planConfig,
  type PresetChoice,
  type ResolvedConfig,
} from '../core/presets/presets';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { parallelThreshold, workerScriptBeside } from './parallelRead';
import { ReadWorker, type ReadWorkerOptions } from './readWorkerHost';
import { readHead, readText } from './readFiles';
import { version } from '../../package.json';

export { headBytes, readFrontmatterHead, readHead } from './readFiles';

const markdownFile = /\.(md|markdown)$/i;

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
  /** The preset the config was built from (recognised from the files, or named by `preset:`). */
  preset?: PresetChoice;
  /** Include globs that matched no file. */
  unmatchedIncludes: string[];
  /** Counts every Markdown file under the root (outside build folders), feature or not: a walk, on demand. */
  countMarkdownFiles(): number;
}

/**
 * The nearest `.roadmap/config.yaml` at or above `folder`, up to the repository root (the first folder with a
 * `.git`), as ESLint and Prettier find theirs; undefined when there is none.
 */
export function findConfigUpward(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const candidate = join(current, configPath);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(current, '.git')) || dirname(current) === current) return undefined;
  }
}

/** One walk for what the config depends on: the files that identify a format, and how much Markdown there is. */
export interface FolderSurvey {
  signatureFiles: string[];
  markdownFiles: number;
  /** Whether zero-config discovery finds at least one feature file (our own format in use). */
  ownFormatInUse: boolean;
}

export function surveyFolder(root: string): FolderSurvey {
  const signatureFiles: string[] = [];
  const ownCandidates: string[] = [];
  let markdownFiles = 0;
  const skip = createDiscovery(defaultConfig());
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(relative ? join(root, relative) : root, { withFileTypes: true });
    } catch {
      return; // listCandidates reports unreadable folders
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!neverScanned.has(entry.name) && !skip.isPrunedFolder(path)) walk(path);
      } else {
        if (markdownFile.test(entry.name)) markdownFiles++;
        if (matchesSignature(path)) signatureFiles.push(path);
        if (isZeroConfigCandidate(path)) ownCandidates.push(path);
      }
    }
  };
  walk('');
  const ownFormatInUse = ownCandidates.some((path) => {
    try {
      return looksLikeOwnFeature(readHead(join(root, path), 64 * 1024));
    } catch {
      return false;
    }
  });
  return { signatureFiles, markdownFiles, ownFormatInUse };
}

/**
 * Whether a top-level roadmap/ or features/ folder holds a feature in our own format: what surveyFolder would
 * find too, looked for first so that a workspace in our format is never walked for other formats' signatures.
 * Gives up (false, and the full survey decides) after a few files that are not features.
 */
function ownFormatAtTop(root: string): boolean {
  let looked = 0;
  const holdsOwnFeature = (relative: string): boolean => {
    let entries;
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (looked >= 20) return false;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!neverScanned.has(entry.name) && holdsOwnFeature(path)) return true;
      } else if (entry.isFile() && isZeroConfigCandidate(path)) {
        looked++;
        try {
          if (looksLikeOwnFeature(readHead(join(root, path), 64 * 1024))) return true;
        } catch {
          // unreadable: the full survey and listCandidates report it
        }
      }
    }
    return false;
  };
  let top;
  try {
    top = readdirSync(root, { withFileTypes: true });
  } catch {
    return false;
  }
  return top.some(
    (entry) => entry.isDirectory() && /^(roadmap|features)$/i.test(entry.name) && holdsOwnFeature(entry.name),
  );
}

const readOptional = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The config of a workspace: its config file layered on the preset it names, or with no file the preset the
 * files show, or the defaults. A config file that cannot be read is a fatal problem only when it was named.
 */
export function loadConfig(root: string, explicitPath?: string, survey?: () => FolderSurvey): ResolvedConfig {
  const path = explicitPath ?? join(root, configPath);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (explicitPath || (error as NodeJS.ErrnoException).code !== 'ENOENT')
      return {
        config: defaultConfig(),
        ownIncludes: [],
        problems: [
          {
            message: `cannot read ${path}: ${(error as Error).message}`,
            span: { start: 0, end: 0 },
            fatal: true,
          },
        ],
      };
  }
  const plan = planConfig(text, () => {
    // Our own format at the top (roadmap/ or features/) is the common case: found there, no walk is needed.
    if (ownFormatAtTop(root)) return { found: [], ownFormatInUse: true };
    const { signatureFiles, ownFormatInUse } = survey?.() ?? surveyFolder(root);
    return { found: signatureFiles, ownFormatInUse };
  });
  return buildConfig(plan, (file) => readOptional(join(root, file)));
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
  /**
   * Read large workspaces' files (from `parallelThreshold` files) on a worker thread while this one parses them.
   * The CLI's lint asks for it; the options name another worker script (tests of the TypeScript sources).
   */
  parallel?: boolean | ReadWorkerOptions;
  /** The lint cache file to read and, through `LoadedWorkspace.cache.save`, write (`--cache`). */
  cacheFile?: string;
}

/** The cache side of a load: whether every file was unchanged, and how to write the cache for this run. */
export interface WorkspaceCache {
  /**
   * The previous run's output for this format, as the bytes it printed (never decoded: an unchanged run copies
   * them out), when no file changed since it and nothing was skipped.
   */
  outputFor(format: string): { bytes: Uint8Array; exitCode: number } | undefined;
  /** Writes the cache for this run with its output; returns an error message when it cannot. */
  save(output: CachedOutput): string | undefined;
}

export function loadWorkspace(root: string, options: LoadOptions = {}): LoadedWorkspace {
  const workerOptions =
    options.parallel === true ? { script: workerScriptBeside(__dirname) } : options.parallel || undefined;
  // Started first, so that it is ready by the time the config is loaded and the folder listed; not when a
  // cache may spare reading altogether (it is started when the cache turns out stale).
  let worker =
    workerOptions && !(options.cacheFile && existsSync(options.cacheFile))
      ? ReadWorker.start(workerOptions)
      : undefined;
  // The walk for signatures and counts runs only when the config leaves the format open or nothing is found.
  let surveyed: FolderSurvey | undefined;
  const survey = () => (surveyed ??= surveyFolder(root));
  const {
    config,
    problems,
    text: configText,
    choice,
    ownIncludes,
  } = loadConfig(root, options.configFile, survey);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  const cacheFile = options.cacheFile;
  const key = cacheFile ? cacheKey(root, config) : '';
  const sections = cacheFile ? readCacheSections(cacheFile) : undefined;
  const previous = cacheFile ? LintCache.parse(sections, key) : undefined;
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
    // YAML metadata and its sidecar Markdown fill each other in (title, progress) as the index takes them:
    // both are parsed again every run, never taken from the cache. Both are read whole (a YAML file has no
    // fences; a sidecar is read for its heading and task lists).
    const whole = (file: string) => isYamlFile(file) || isSidecarMarkdown(config, file);
    const cachedParses = candidates.map((file) => {
      const stamp = stamps.get(file);
      return stamp && !whole(file) ? previous?.lookup(file, stamp) : undefined;
    });
    // A file skipped while stamping is not read.
    const toRead = candidates.filter(
      (file, position) => (!previous || stamps.has(file)) && cachedParses[position] === undefined,
    );
    if (toRead.length >= parallelThreshold && workerOptions) worker ??= ReadWorker.start(workerOptions);
    else {
      worker?.stop();
      worker = undefined;
    }
    const readOne = (file: string, wholeFile: boolean) => readText(root, file, wholeFile);
    worker?.begin(root, toRead, whole, readOne);
    let next = 0;
    candidates.forEach((file, position) => {
      const cached = cachedParses[position];
      if (cached !== undefined) {
        parses.set(file, cached);
        if (cached) index.put(file, cached);
        return;
      }
      if (toRead[next] !== file) return; // skipped while stamping
      const read = worker ? worker.read(next) : readOne(file, whole(file));
      next++;
      if ('failed' in read) {
        skipped.push({ file, reason: read.failed });
        return;
      }
      try {
        const parsed = read.text === '' ? undefined : index.update(file, read.text);
        // A milestone or goal file is no feature, but what it declares is kept with its record.
        parses.set(file, parsed?.isFeature || parsed?.declares ? parsed : null);
      } catch (error) {
        skipped.push({ file, reason: (error as Error).message });
      }
    });
    worker?.stop();
    worker = undefined;
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
          outputFor: (format) => {
            const output = unchanged ? previous?.outputOf(format) : undefined;
            const bytes = output && sections?.outputBytes();
            return bytes ? { bytes, exitCode: output.exitCode } : undefined;
          },
          save: (output) =>
            writeCache(
              cacheFile,
              LintCache.sectionsOf(key, stamps, parses, skipped.length ? undefined : output),
              cacheFile === defaultCacheFile(root),
            ),
        }
      : undefined,
    preset: choice,
    unmatchedIncludes: unmatchedIncludes(ownIncludes, candidates),
    countMarkdownFiles: () => survey().markdownFiles,
  };
}

/** The default cache file: in a folder that ignores itself, so that it is never committed. */
export function defaultCacheFile(root: string): string {
  return join(root, '.roadmap', '.cache', 'lint-cache.json');
}

/**
 * What a cache depends on besides the files: this build of the linter, the root, and the config as resolved
 * (its file, or the preset the files show, layered with what the preset reads).
 */
function cacheKey(root: string, config: RoadmapConfig): string {
  const hash = createHash('sha1');
  hash.update(`${version}\0${root}\0${JSON.stringify(config)}\0`);
  // The running bundle itself: a rule changed without a version bump still invalidates every cache.
  hash.update(readOptional(__filename) ?? '');
  return hash.digest('hex');
}

/**
 * A cache file: a first line `roadmap-lint-cache <header bytes> <output bytes> <records bytes>`, then the
 * three sections, so that an unchanged run reads the header and the output and leaves the records on disk.
 */
const cacheMagic = 'roadmap-lint-cache';

/** The sections of a cache file, with its output section's bytes as they are (for an unchanged run to print). */
type CacheFileSections = LintCacheSections & { outputBytes(): Buffer | undefined };

function readCacheSections(file: string): CacheFileSections | undefined {
  const readBytes = (offset: number, length: number) => {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.allocUnsafe(length);
      if (readSync(fd, buffer, 0, length, offset) !== length) throw new Error('a truncated cache');
      return buffer;
    } finally {
      closeSync(fd);
    }
  };
  const read = (offset: number, length: number) => readBytes(offset, length).toString('utf8');
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
      outputBytes: () => {
        try {
          return readBytes(headerAt + headerBytes, outputBytes);
        } catch {
          return undefined;
        }
      },
      records: () => read(headerAt + headerBytes + outputBytes, recordsBytes),
    };
  } catch {
    return undefined;
  }
}

/** Section lengths are written as fixed-width numbers: the first line is written first and filled in last. */
const lengthDigits = 15;

function writeCache(
  file: string,
  sections: { header: string; output: string; writeRecords(write: (piece: string) => void): void },
  selfIgnoring: boolean,
): string | undefined {
  // Written beside and renamed: a reader never sees half a cache.
  const partial = `${file}.${process.pid}.partial`;
  try {
    const folder = dirname(file);
    mkdirSync(folder, { recursive: true });
    // The default folder holds only the cache: it ignores itself, so that nobody commits it.
    const ignore = join(folder, '.gitignore');
    if (selfIgnoring && !existsSync(ignore)) writeFileSync(ignore, '*\n');
    const firstLine = (lengths: number[]) =>
      `${cacheMagic} ${lengths.map((length) => String(length).padStart(lengthDigits, '0')).join(' ')}\n`;
    // Section by section, the records piece by piece: they are tens of megabytes at 10,000 files.
    const fd = openSync(partial, 'w');
    try {
      writeSync(fd, firstLine([0, 0, 0]));
      writeSync(fd, sections.header);
      writeSync(fd, sections.output);
      let recordsBytes = 0;
      sections.writeRecords((piece) => (recordsBytes += writeSync(fd, piece)));
      const lengths = [Buffer.byteLength(sections.header), Buffer.byteLength(sections.output), recordsBytes];
      writeSync(fd, firstLine(lengths), 0);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
    return undefined;
  } catch (error) {
    rmSync(partial, { force: true });
    return `cannot write the cache ${file}: ${(error as Error).message}`;
  }
}

/** The async shape the webview tests and benchmarks use. */
export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  return loadWorkspace(root).index;
}
