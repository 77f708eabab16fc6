// Reading a workspace from disk for the CLI (and for tests and benchmarks): synchronous reads are the
// fastest way to take in thousands of small files in one Node process, and the CLI has nothing else to do.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configPath, defaultConfig, type ConfigProblem, type RoadmapConfig } from '../core/config';
import { createDiscovery, isZeroConfigCandidate, neverScanned, unmatchedIncludes } from '../core/discovery';
import {
  buildConfig,
  looksLikeOwnFeature,
  matchesSignature,
  planConfig,
  type PresetChoice,
  type ResolvedConfig,
} from '../core/presets/presets';
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
  /** The preset the config was built from (recognised from the files, or named by `preset:`). */
  preset?: PresetChoice;
  /** Include globs that matched no file. */
  unmatchedIncludes: string[];
  /** Counts every Markdown file under the root (outside build folders), feature or not: a walk, on demand. */
  countMarkdownFiles(): number;
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

const markdownFile = /\.(md|markdown)$/i;

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

export function loadWorkspace(root: string, options: { configFile?: string } = {}): LoadedWorkspace {
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
  const index = new WorkspaceIndex(config);
  const skipped: SkippedFile[] = [];
  const candidates = listCandidates(root, config, skipped);
  const texts = new Map<string, string>();
  for (const file of candidates) {
    let text: string;
    try {
      text = readHead(join(root, file));
    } catch (error) {
      // Deleted or unreadable between listing and reading: note it and go on with the rest.
      skipped.push({ file, reason: (error as Error).message });
      continue;
    }
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
    preset: choice,
    unmatchedIncludes: unmatchedIncludes(ownIncludes, candidates),
    countMarkdownFiles: () => survey().markdownFiles,
  };
}

/** The async shape the webview tests and benchmarks use. */
export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  return loadWorkspace(root).index;
}
