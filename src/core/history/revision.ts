// One revision of a roadmap (a commit, or the working tree) as the history features read it: the config and
// every feature file parsed with it, with ranks. The git adapter supplies the texts; nothing here reads disk.
import { defaultConfig, parseConfig, type RoadmapConfig } from '../config';
import { createDiscovery } from '../discovery';
import { parseFeatureFile, type FeatureFile } from '../featureFile';
import { rankByScore } from '../roadmapModel';
import { rules } from '../schema';
import type { Feature, RuleCode } from '../types';

/** A file of a revision: its root-relative path, a content id (a git blob id) and its text. */
export interface RevisionFile {
  path: string;
  blob: string;
  text: string;
}

/** A feature file whose front-matter could not be read at this revision (broken YAML, unclosed fence...). */
export interface UnreadableFile {
  file: string;
  message: string;
}

export interface RevisionModel {
  /** The commit id, or null for the working tree (or for "before the first commit"). */
  commit: string | null;
  config: RoadmapConfig;
  /** The config's text, so that two revisions with the same config can share parsed files. */
  configText: string | undefined;
  features: Feature[];
  /** Each feature's parsed file and the blob it came from, by path. */
  files: Map<string, { parsed: FeatureFile; blob: string }>;
  ranks: Map<Feature, number>;
  unreadable: UnreadableFile[];
}

/** Parsed files of one config, keyed by path and blob: an unchanged file is parsed once for both revisions. */
export type ParseCache = Map<string, FeatureFile>;

export function configOf(configText: string | undefined): RoadmapConfig {
  return configText === undefined ? defaultConfig() : parseConfig(configText).config;
}

/** The rules that make a file unreadable: the only issues history reports. */
const readabilityRules = new Set<RuleCode>([
  'yaml-syntax',
  'frontmatter-unclosed',
  'frontmatter-not-mapping',
  'file-unreadable',
]);

/**
 * The config with every other rule off: history compares values, and an issue's position costs a second YAML
 * parse of its file (a third of the time of a 10,000-feature diff).
 */
export function readingConfig(config: RoadmapConfig): RoadmapConfig {
  const quiet: RoadmapConfig['rules'] = {};
  for (const rule of rules)
    quiet[rule.code] = readabilityRules.has(rule.code) ? (config.rules[rule.code] ?? 'error') : 'off';
  return { ...config, rules: quiet };
}

/** The paths of a revision that may be feature files under its config (the same rule as a folder walk). */
export function featureCandidates(
  config: RoadmapConfig,
  paths: Iterable<string>,
  /** Answers shared between two revisions with the same config. */
  known = new Map<string, boolean>(),
): string[] {
  const discovery = createDiscovery(config);
  // A folder is pruned when it or any folder above it is: decided once per folder, not once per file.
  const pruned = new Map<string, boolean>([['', false]]);
  const isPruned = (folder: string): boolean => {
    let answer = pruned.get(folder);
    if (answer === undefined) {
      const slash = folder.lastIndexOf('/');
      answer = isPruned(slash === -1 ? '' : folder.slice(0, slash)) || discovery.isPrunedFolder(folder);
      pruned.set(folder, answer);
    }
    return answer;
  };
  const candidates: string[] = [];
  for (const path of paths) {
    let candidate = known.get(path);
    if (candidate === undefined) {
      const slash = path.lastIndexOf('/');
      candidate = discovery.isCandidate(path) && !isPruned(slash === -1 ? '' : path.slice(0, slash));
      known.set(path, candidate);
    }
    if (candidate) candidates.push(path);
  }
  return candidates.sort();
}

export function buildRevision(
  commit: string | null,
  configText: string | undefined,
  files: readonly RevisionFile[],
  cache?: ParseCache,
): RevisionModel {
  const config = configOf(configText);
  const reading = readingConfig(config);
  const features: Feature[] = [];
  const parsedFiles: RevisionModel['files'] = new Map();
  const unreadable: UnreadableFile[] = [];
  for (const file of files) {
    const key = `${file.path}\u0000${file.blob}`;
    let parsed = cache?.get(key);
    if (!parsed) {
      parsed = parseFeatureFile(file.path, file.text, reading);
      cache?.set(key, parsed);
    }
    if (!parsed.isFeature) continue;
    if (parsed.feature) {
      features.push(parsed.feature);
      parsedFiles.set(file.path, { parsed, blob: file.blob });
    } else {
      const problem = parsed.issues[0];
      unreadable.push({
        file: file.path,
        message: problem?.message ?? 'The front-matter could not be read.',
      });
    }
  }
  return {
    commit,
    config,
    configText,
    features,
    files: parsedFiles,
    ranks: rankByScore(features),
    unreadable,
  };
}
