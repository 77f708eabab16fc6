// One feature file: front-matter → a normalised Feature plus the per-file issues, each at its source span.
// The validators live in validation/, one module per kind of field; this module finds the front-matter
// (or the whole of a YAML metadata file), parses it, and places each issue at its source span.
import type { RoadmapConfig } from './config';
import { type FrontmatterSplit, maxFrontmatterLength, splitMetadata } from './fences';
import { FrontmatterLocator, type Located, parseYamlFast } from './frontmatter';
import { locateTopLevelItem, locateTopLevelScalar } from './keyPathLocator';
import { globMatcher } from './globs';
import { ruleByCode } from './schema';
import { countTaskLines } from './taskCount';
import type { Feature, Issue, IssueData, RuleCode, Severity, Span } from './types';
import type { Pending } from './validation/context';
import { validateFrontmatter } from './validation/validateFrontmatter';

export interface FeatureFile {
  file: string;
  /** False for Markdown without front-matter: not a feature, ignored silently. */
  isFeature: boolean;
  /** Present when the front-matter parsed as a mapping. */
  feature?: Feature;
  /** Per-file issues, sorted by position. Cross-file issues live in the index. */
  issues: Issue[];
  split: FrontmatterSplit;
  /** The front-matter's YAML text, kept so that positions can be computed when first needed. */
  yamlText?: string;
  /** Source spans of front-matter paths, computed on first use (see `locate`). */
  locator?: FrontmatterLocator;
  /** The key each canonical field was written under (an alias such as `priority` for `moscow`). */
  keys: Record<string, string>;
  /** The key-path reader read the front-matter: its top-level keys can be found by a scan (see `spanOfPath`). */
  plain?: true;
  /** The Markdown beside YAML metadata files (the config's `sidecarMarkdown`): what it adds to them. */
  sidecar?: SidecarInsights;
  /** A milestone or goal file (the config's `milestoneFiles`/`goalFiles`) declares one, and is no feature. */
  declares?: { kind: 'milestone' | 'goal'; id: string; title: string };
}

/** Files that are not text: a NUL in the first kilobytes is what git uses too. */
function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

export function severityFor(code: RuleCode, config: RoadmapConfig): Severity | undefined {
  const setting = config.rules[code] ?? ruleByCode.get(code)?.severity;
  return setting === 'off' ? undefined : setting;
}

export function makeIssue(
  code: RuleCode,
  message: string,
  span: Span,
  config: RoadmapConfig,
  data?: IssueData,
): Issue | undefined {
  const severity = severityFor(code, config);
  if (!severity) return undefined;
  return data ? { code, severity, message, span, data } : { code, severity, message, span };
}

/** What the Markdown beside a YAML metadata file gives its feature: the title of its first heading, and progress. */
export interface SidecarInsights {
  title?: string;
  tasks: { done: number; total: number };
}

const firstHeading = /^#[ \t]+(.+?)[ \t#]*$/m;

/** Read with two regular expressions, not remark: every sidecar is read while indexing. */
function sidecarInsights(text: string): SidecarInsights {
  const tasks = countTaskLines(text);
  const heading = firstHeading.exec(text)?.[1].trim();
  return heading ? { title: heading, tasks } : { tasks };
}

/** Whether a file is the Markdown beside YAML metadata files (`README.md` when `sidecarMarkdown` says so). */
export function isSidecarMarkdown(config: RoadmapConfig, file: string): boolean {
  return (
    config.sidecarMarkdown !== undefined &&
    file.slice(file.lastIndexOf('/') + 1).toLowerCase() === config.sidecarMarkdown.toLowerCase()
  );
}

export function parseFeatureFile(file: string, text: string, config: RoadmapConfig): FeatureFile {
  const result: FeatureFile = { file, isFeature: false, issues: [], split: { kind: 'none' }, keys: {} };
  if (isSidecarMarkdown(config, file)) {
    if (!looksBinary(text)) result.sidecar = sidecarInsights(text);
    return result;
  }
  const fileIssue = (code: RuleCode, message: string, span: Span) => {
    const issue = makeIssue(code, message, span, config);
    if (issue) result.issues.push(issue);
  };
  if (looksBinary(text)) {
    result.isFeature = /^\uFEFF?---/.test(text);
    if (result.isFeature)
      fileIssue('file-unreadable', 'This file looks binary (it contains NUL bytes); it was not indexed.', {
        start: 0,
        end: 0,
      });
    return result;
  }
  const split = splitMetadata(text, file);
  result.split = split;
  if (split.kind === 'none') return result;
  result.isFeature = true;
  if (split.kind === 'unclosed' && split.tooLarge) {
    fileIssue(
      'file-unreadable',
      `The front-matter is longer than ${maxFrontmatterLength / 1024} KiB; it was not indexed.`,
      split.fence,
    );
    return result;
  }
  if (split.kind === 'unclosed') {
    fileIssue(
      'frontmatter-unclosed',
      'The front-matter opened here is never closed: add a line with `---` after the last field.',
      split.fence,
    );
    return result;
  }
  const yamlText = text.slice(split.yamlStart, split.yamlEnd);
  result.yamlText = yamlText;
  if (yamlText.includes('\uFFFD')) {
    fileIssue(
      'file-unreadable',
      'The front-matter is not valid UTF-8 (it contains undecodable bytes); save the file as UTF-8.',
      split.fence,
    );
  }
  const parsed = parseYamlFast(yamlText);
  const declared = declarationKind(config, file);
  if (declared) {
    result.isFeature = false;
    if (parsed.ok) result.declares = declaration(declared, file, parsed.value);
    return result;
  }
  if (!parsed.ok) {
    const start = split.yamlStart + Math.min(parsed.offset, yamlText.length);
    fileIssue('yaml-syntax', `Invalid YAML in the front-matter: ${parsed.message}.`, {
      start,
      end: Math.min(start + parsed.length, split.yamlEnd),
    });
    return result;
  }
  const raw = parsed.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    fileIssue(
      'frontmatter-not-mapping',
      `The front-matter is ${Array.isArray(raw) ? 'a list' : 'a single value'}; it must be fields such as \`id: F-001\` on separate lines.`,
      { start: split.yamlStart, end: split.yamlEnd },
    );
    return result;
  }
  if (parsed.keyPaths) result.plain = true;
  const pending: Pending[] = [];
  result.feature = validateFrontmatter(file, raw as Record<string, unknown>, config, pending, result.keys);
  if (pending.length > 0) {
    // The reader's tree places this file's issues now and is dropped: an index of 10,000 files keeps none.
    const locator = parsed.keyPaths
      ? new FrontmatterLocator(yamlText, split.yamlStart, parsed.keyPaths)
      : undefined;
    for (const problem of pending) {
      // Positions cost a parse: none for a rule that is turned off.
      if (!severityFor(problem.code, config)) continue;
      const located =
        problem.on === 'fence' ? {} : locator ? locator.locate(problem.path) : locate(result, problem.path);
      const span = (problem.on === 'key' ? located.key : located.value) ?? located.key ?? split.fence;
      const issue = makeIssue(problem.code, problem.message, span, config, {
        path: problem.path,
        ...problem.data,
      });
      if (issue) result.issues.push(issue);
    }
  }
  if (result.issues.length > 1) result.issues.sort((a, b) => a.span.start - b.span.start);
  return result;
}

const declarationMatchers = new WeakMap<RoadmapConfig, (file: string) => 'milestone' | 'goal' | undefined>();

/** Whether a file declares a milestone or a goal (by the config's `milestoneFiles` and `goalFiles` globs). */
function declarationKind(config: RoadmapConfig, file: string): 'milestone' | 'goal' | undefined {
  if (!config.milestoneFiles && !config.goalFiles) return undefined;
  let matcher = declarationMatchers.get(config);
  if (!matcher) {
    const milestone = config.milestoneFiles ? globMatcher(config.milestoneFiles) : undefined;
    const goal = config.goalFiles ? globMatcher(config.goalFiles) : undefined;
    matcher = (path) => (milestone?.(path) ? 'milestone' : goal?.(path) ? 'goal' : undefined);
    declarationMatchers.set(config, matcher);
  }
  return matcher(file);
}

/** A milestone or goal file's id and title: from its front-matter, else its file name. */
function declaration(kind: 'milestone' | 'goal', file: string, value: unknown): FeatureFile['declares'] {
  const fields =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const text = (field: unknown) =>
    typeof field === 'string' || typeof field === 'number' ? String(field).trim() : undefined;
  const id = text(fields.id) || name;
  return { kind, id, title: text(fields.title) || text(fields.name) || id };
}

/** The key and value spans of a front-matter path; positions are parsed on first use and kept. */
export function locate(parsed: FeatureFile, path: readonly (string | number)[]): Located {
  if (parsed.split.kind !== 'closed' || parsed.yamlText === undefined) return {};
  parsed.locator ??= new FrontmatterLocator(parsed.yamlText, parsed.split.yamlStart);
  return parsed.locator.locate(path);
}

/** Where an issue about a path goes: its value, else its key, else the opening fence. */
export function spanOfPath(parsed: FeatureFile, path: readonly (string | number)[]): Span {
  // A top-level scalar (an id) or list item (a dependency) of plain front-matter: found by a scan, without
  // reading it all again.
  if (parsed.plain && parsed.yamlText !== undefined && parsed.split.kind === 'closed') {
    const [key, index] = path;
    const span =
      path.length === 1
        ? locateTopLevelScalar(parsed.yamlText, String(key))?.value
        : path.length === 2 && typeof index === 'number'
          ? locateTopLevelItem(parsed.yamlText, String(key), index)
          : undefined;
    const start = parsed.split.yamlStart;
    if (span) return { start: start + span.start, end: start + span.end };
  }
  const located = locate(parsed, path);
  const fence = parsed.split.kind === 'none' ? { start: 0, end: 0 } : parsed.split.fence;
  return located.value ?? located.key ?? fence;
}
