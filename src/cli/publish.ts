// `roadmap publish [ROOT...] --out DIR`: the roadmap as a static site for people who do not open VS Code.
// Reads each repository from disk, builds the pages with the core (src/core/site), writes them and copies the
// site's script, styles and Mermaid next to them. Also used by the VS Code command "Roadmap: Publish Site…".
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { sourceNamePattern } from '../core/config';
import { escapeHtml } from '../core/export/html';
import { reportBodyHtml } from '../core/history/report';
import { localToday } from '../core/plan/calendar';
import { buildSite, siteAssets, siteMarker, siteMarkerText, type SiteInput } from '../core/site/buildSite';
import type { PortfolioProblem, SiteSource } from '../core/site/portfolio';
import { loadConfig, loadWorkspace, readHead } from './nodeWorkspace';
import { roadmapReport } from './reportCommand';

export interface PublishOptions {
  roots: readonly string[];
  out: string;
  title?: string;
  /** `URL` (the first source) or `NAME=URL`: where each source's files are browsed. */
  baseUrls?: readonly string[];
  configFile?: string;
  /** yyyy-mm-dd; defaults to the current day. */
  today?: string;
  /** Where site.js and friends are; defaults to dist/site next to the running bundle. */
  assetsDir?: string;
}

export interface PublishResult {
  out: string;
  features: number;
  sources: string[];
  problems: PortfolioProblem[];
  /** Configuration problems and unreadable files, one line each. */
  warnings: string[];
}

export class PublishError extends Error {}

function defaultAssetsDir(): string {
  // dist/cli.js and dist/extension.js sit next to dist/site; from the sources (tests, tsx) it is ../../dist/site.
  const candidates = [join(__dirname, 'site'), join(__dirname, '..', '..', 'dist', 'site')];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'site.js')));
  if (!found)
    throw new PublishError(
      `the site's script is missing (looked in ${candidates.join(', ')}); run npm run build`,
    );
  return found;
}

function uniqueName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'repo';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
  used.add(name);
  return name;
}

interface PlannedSource {
  name: string;
  root: string;
  url?: string;
  configFile?: string;
}

/** Several ROOTs name their sources after their folders; one ROOT takes its config's `sources:` along. */
function planSources(options: PublishOptions, warnings: string[]): PlannedSource[] {
  const used = new Set<string>();
  const roots = options.roots.length > 0 ? options.roots : ['.'];
  if (roots.length > 1) {
    return roots.map((root, index) => ({
      name: uniqueName(basename(resolve(root)), used),
      root: resolve(root),
      configFile: index === 0 ? options.configFile : undefined,
    }));
  }
  const root = resolve(roots[0]);
  const listed = loadConfig(root, options.configFile && resolve(options.configFile)).config.sources;
  const self = listed.find((source) => resolve(root, source.path) === root);
  const planned: PlannedSource[] = [
    {
      name: uniqueName(self?.name ?? basename(root), used),
      root,
      url: self?.url,
      configFile: options.configFile,
    },
  ];
  for (const source of listed) {
    if (source === self) continue;
    const sourceRoot = resolve(root, source.path);
    if (!statSync(sourceRoot, { throwIfNoEntry: false })?.isDirectory()) {
      warnings.push(`sources: '${source.name}' is not published: ${source.path} is not a folder`);
      continue;
    }
    if (used.has(source.name)) throw new PublishError(`sources: the name '${source.name}' is used twice`);
    used.add(source.name);
    planned.push({ name: source.name, root: sourceRoot, url: source.url });
  }
  return planned;
}

function applyBaseUrls(planned: PlannedSource[], baseUrls: readonly string[]): void {
  for (const entry of baseUrls) {
    const match = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)$/.exec(entry);
    const [name, url] = match ? [match[1], match[2]] : [undefined, entry];
    if (!/^https?:\/\//i.test(url)) throw new PublishError(`--base-url '${entry}' is not an http(s) address`);
    const target = name === undefined ? planned[0] : planned.find((source) => source.name === name);
    if (!target)
      throw new PublishError(
        `--base-url names '${name}', which is not a source (${planned.map((s) => s.name).join(', ')})`,
      );
    target.url = url;
  }
}

/** Empties a previous site in `out`, or refuses a folder that holds something else. */
function prepareOut(out: string, roots: readonly string[]): void {
  for (const root of roots) {
    const inside = relative(out, root);
    if (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep) && !/^[a-z]:/i.test(inside)))
      throw new PublishError(`--out ${out} contains the repository ${root}; choose a folder of its own`);
  }
  const stat = statSync(out, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new PublishError(`--out ${out} is a file`);
  if (stat) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(siteMarker))
      throw new PublishError(
        `--out ${out} is not empty and holds no published site; choose an empty or new folder`,
      );
    for (const entry of entries) rmSync(join(out, entry), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/**
 * "What changed": the stakeholder update of each source since the default review period (`roadmap report`),
 * read from its git history. A source outside a repository (or without git) has none, and the index says why.
 */
function changesPage(planned: readonly PlannedSource[], today: string): SiteInput['changes'] {
  const sections: string[] = [];
  const reasons: string[] = [];
  for (const source of planned) {
    try {
      const body = reportBodyHtml(roadmapReport(source.root, { today }));
      sections.push(planned.length > 1 ? `<h2>${escapeHtml(source.name)}</h2>\n${body}` : body);
    } catch (error) {
      reasons.push(`${source.name}: ${(error as Error).message}`);
    }
  }
  if (sections.length === 0)
    return { unavailable: `No "What changed" page: it is read from git history, and ${reasons.join('; ')}.` };
  return { main: `<h1>What changed</h1>\n${sections.join('\n')}` };
}

export function publishSite(options: PublishOptions): PublishResult {
  const warnings: string[] = [];
  const today = options.today ?? localToday();
  const planned = planSources(options, warnings);
  applyBaseUrls(planned, options.baseUrls ?? []);
  for (const source of planned)
    if (planned.length > 1 && !new RegExp(sourceNamePattern).test(source.name))
      throw new PublishError(`'${source.name}' cannot name a source: use letters, digits, '.', '_' or '-'`);
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const sources: SiteSource[] = planned.map((source) => {
    const workspace = loadWorkspace(source.root, { configFile: source.configFile });
    for (const problem of workspace.configProblems) {
      const line = `${source.name}: .roadmap/config.yaml: ${problem.message}`;
      if (problem.fatal) throw new PublishError(line);
      warnings.push(line);
    }
    for (const skip of workspace.skipped)
      warnings.push(`${source.name}: skipped ${skip.file}: ${skip.reason}`);
    // The loader keeps no file text (a lint needs none); the site renders bodies, so it reads each feature's head.
    const texts = new Map(
      workspace.index.files().map((file) => [file, readHead(join(source.root, file))] as const),
    );
    return { name: source.name, index: workspace.index, texts, fileUrl: source.url };
  });
  const out = resolve(options.out);
  prepareOut(
    out,
    planned.map((source) => source.root),
  );
  writeFileSync(join(out, siteMarker), siteMarkerText);
  const folders = new Set<string>();
  const site = buildSite({
    title: options.title?.trim() || 'Roadmap',
    today,
    sources,
    changes: changesPage(planned, today),
    emit(file) {
      const target = join(out, ...file.path.split('/'));
      const folder = dirname(target);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      writeFileSync(target, file.content);
    },
  });
  mkdirSync(join(out, 'assets'), { recursive: true });
  for (const asset of siteAssets) copyFileSync(join(assetsDir, asset), join(out, 'assets', asset));
  return {
    out,
    features: site.features,
    sources: planned.map((source) => source.name),
    problems: site.problems,
    warnings,
  };
}
