// The agent tools: one implementation over an injected host, served by the MCP server and by VS Code's
// language-model tools. Reads are compact by default (agents pay for every token); every write is a minimal
// edit through the core's edit functions, dry-run through the validator first and refused when it would add
// an error. Ids and titles are looked up in the index or slugged, never used as paths.
import { revisionOf } from '../revision';
import { applyFieldChanges, type FieldPath, type FieldValue } from '../edits';
import { splitFrontmatter } from '../fences';
import { createDiscovery } from '../discovery';
import { didYouMean } from '../didYouMean';
import {
  builtInTemplate,
  defaultStatus,
  featureDirectory,
  nextFeatureId,
  renderFeature,
  slugOf,
  templatePath,
} from '../featureTemplate';
import { idProblem } from '../language/featureIds';
import { LineIndex } from '../lineIndex';
import { localToday } from '../plan/calendar';
import { horizonContext, horizonOf } from '../plan/horizons';
import { rankByScore, sortFeatures } from '../roadmapModel';
import { formatScore } from '../scoring';
import type { Feature, Issue, Moscow } from '../types';
import { WorkspaceIndex } from '../workspaceIndex';
import {
  checkArguments,
  listFields,
  toolDefinitions,
  type ListField,
  type ToolDefinition,
} from './definitions';
import type { ToolName } from './toolNames';
import { workspacePathProblem, type ToolHost, type ToolWorkspace } from './host';
import { plural } from '../plural';

export interface ToolResult {
  text: string;
  isError: boolean;
}

export interface ToolResource {
  uri: string;
  name: string;
  mimeType: string;
}

type Args = Record<string, unknown>;
interface FieldChange {
  path: FieldPath;
  value: FieldValue | null;
}

const defaultPageSize = 50;
const resourceScheme = 'roadmap:///';
const configFile = '.roadmap/config.yaml';

class ToolError extends Error {}

const ok = (text: string): ToolResult => ({ text, isError: false });

export class RoadmapTools {
  /** Writes run one at a time, so that two agents editing one file never interleave a read and a write. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ToolHost) {}

  get definitions(): readonly ToolDefinition[] {
    return toolDefinitions;
  }

  async call(name: string, args: unknown): Promise<ToolResult> {
    const definition = toolDefinitions.find((candidate) => candidate.name === name);
    if (!definition) return { text: `Unknown tool '${name}'.`, isError: true };
    const input = args ?? {};
    const problem = checkArguments(definition.inputSchema, input);
    if (problem) return { text: `Invalid input for ${name}: ${problem}.`, isError: true };
    if (definition.writes && this.host.readOnly)
      return {
        text: `${name} is not available: this workspace is read-only (untrusted, or the server runs with --read-only).`,
        isError: true,
      };
    try {
      const run = () => this.dispatch(definition.name, input as Args);
      if (!definition.writes) return ok(await run());
      const result = this.writing.then(run, run);
      this.writing = result.catch(() => undefined);
      return ok(await result);
    } catch (error) {
      // An unexpected failure (a disk error, say) is still an answer the agent can read, never a dead call.
      const message =
        error instanceof ToolError ? error.message : `${name} failed: ${(error as Error).message}`;
      return { text: message, isError: true };
    }
  }

  private dispatch(name: ToolName, args: Args): Promise<string> {
    switch (name) {
      case 'list_features':
        return this.listFeatures(args);
      case 'get_feature':
        return this.getFeature(args.id as string);
      case 'create_feature':
        return this.createFeature(args);
      case 'update_feature':
        return this.updateFeature(args);
      case 'validate':
        return this.validate(args.id as string | undefined);
      case 'roadmap_summary':
        return this.summary((args.top as number | undefined) ?? 5);
    }
  }

  // ---- reads

  private async listFeatures(args: Args): Promise<string> {
    const workspace = await this.host.load();
    const { index } = workspace;
    const features = index.features();
    const ranks = rankByScore(features);
    const wanted = (value: unknown): Set<string> | undefined =>
      value === undefined ? undefined : new Set((Array.isArray(value) ? value : [value]) as string[]);
    const filters: [Set<string> | undefined, (feature: Feature) => readonly (string | undefined)[]][] = [
      [wanted(args.status), (feature) => [feature.status]],
      [wanted(args.moscow), (feature) => [feature.moscow]],
      [wanted(args.milestone), (feature) => [feature.milestone]],
      [wanted(args.owner), (feature) => [feature.owner]],
      [wanted(args.team), (feature) => [feature.team]],
      [wanted(args.tag), (feature) => feature.tags],
      [wanted(args.goal), (feature) => [feature.goal]],
    ];
    const text = typeof args.text === 'string' ? args.text.toLowerCase() : undefined;
    const matches: Feature[] = [];
    for (const feature of features) {
      const allowed = filters.every(
        ([values, valuesOf]) =>
          !values || valuesOf(feature).some((value) => value !== undefined && values.has(value)),
      );
      if (!allowed) continue;
      if (text !== undefined && !`${feature.id ?? ''}\n${feature.title ?? ''}`.toLowerCase().includes(text)) {
        // The body is read only when the id and title do not already match.
        const body = (await this.host.read(feature.file)) ?? '';
        if (!body.toLowerCase().includes(text)) continue;
      }
      matches.push(feature);
    }
    const sort = (args.sort as string | undefined) ?? 'score';
    const sorted =
      sort === 'end'
        ? [...matches].sort(
            (a, b) =>
              (a.end ?? '9999').localeCompare(b.end ?? '9999') || (a.id ?? '').localeCompare(b.id ?? ''),
          )
        : sortFeatures(matches, sort === 'id' ? 'id' : 'score');
    const offset = (args.offset as number | undefined) ?? 0;
    const limit = (args.limit as number | undefined) ?? defaultPageSize;
    const page = sorted.slice(offset, offset + limit);
    const full = args.format === 'full';
    // Compact lines show what a plan is read by; full objects show every field unless `fields` narrows them.
    const columns =
      (args.fields as ListField[] | undefined) ??
      (full ? listFields : (['status', 'moscow', 'score', 'rank', 'milestone'] as const));
    const valuesOf = (feature: Feature) =>
      projection(feature, columns, ranks.get(feature), index.issues(feature.file));
    const more = offset + page.length < sorted.length ? `; next page: offset ${offset + page.length}` : '';
    const header = `${sorted.length} of ${features.length} features match${page.length < sorted.length ? ` (showing ${page.length === 0 ? 'none' : `${offset + 1}-${offset + page.length}`}${more})` : ''}, sorted by ${sort}.`;
    if (full)
      return `${header}\n${JSON.stringify(page.map((feature) => ({ id: feature.id ?? feature.file, title: feature.title, ...valuesOf(feature) })))}`;
    return [
      header,
      ...page.map((feature) =>
        [
          feature.id ?? feature.file,
          feature.title ?? '(untitled)',
          ...Object.entries(valuesOf(feature)).map(([field, value]) => compactValue(field, value)),
        ]
          .filter((part) => part !== '')
          .join(' · '),
      ),
    ].join('\n');
  }

  private async getFeature(id: string): Promise<string> {
    const workspace = await this.host.load();
    const feature = findFeature(workspace, id);
    const text = await this.readFeatureText(feature.file);
    const split = splitFrontmatter(text);
    const ranks = rankByScore(workspace.index.features());
    const titleOf = (target: string) => workspace.index.byId(target)[0];
    return JSON.stringify(
      {
        id: feature.id,
        file: feature.file,
        revision: revisionOf(text),
        frontMatter: split.kind === 'closed' ? text.slice(split.yamlStart, split.yamlEnd) : '',
        fields: readFields(feature),
        score: feature.score === undefined ? undefined : Number(formatScore(feature.score)),
        rank: ranks.get(feature),
        diagnostics: diagnosticsOf(workspace.index.issues(feature.file), text),
        dependsOn: feature.dependsOn.map((target) => {
          const found = titleOf(target);
          return found
            ? { id: target, title: found.title, status: found.status }
            : { id: target, missing: true };
        }),
        dependents: workspace.index
          .features()
          .filter((other) => feature.id !== undefined && other.dependsOn.includes(feature.id))
          .map((other) => ({ id: other.id, title: other.title, status: other.status })),
        body: split.kind === 'closed' ? text.slice(split.bodyStart) : text,
      },
      null,
      1,
    );
  }

  private async validate(id: string | undefined): Promise<string> {
    const workspace = await this.host.load();
    const files = id === undefined ? workspace.index.files().sort() : [findFeature(workspace, id).file];
    const lines: string[] = [];
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const problem of id === undefined ? workspace.configProblems : []) {
      lines.push(`${configFile} ${problem.fatal ? 'error' : 'warning'} config ${problem.message}`);
      counts[problem.fatal ? 'error' : 'warning']++;
    }
    for (const file of files) {
      const issues = workspace.index.issues(file);
      if (issues.length === 0) continue;
      const text = (await this.host.read(file)) ?? '';
      for (const diagnostic of diagnosticsOf(issues, text)) {
        counts[diagnostic.severity]++;
        lines.push(
          `${file}:${diagnostic.line} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`,
        );
      }
    }
    const scope = id === undefined ? `${workspace.index.size} features` : id;
    const total = lines.length;
    lines.push(
      `${total === 0 ? 'No problems' : `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info)`} in ${scope}.`,
    );
    return lines.join('\n');
  }

  private async summary(top: number): Promise<string> {
    const { index, config } = await this.host.load();
    const today = localToday();
    const features = index.features();
    const categoryOf = (feature: Feature) =>
      config.statuses.find((status) => status.id === feature.status)?.category;
    const hasErrors = (feature: Feature) =>
      index.issues(feature.file).some((issue) => issue.severity === 'error');
    const lines: string[] = [`Roadmap on ${today}: ${features.length} features.`, '', 'Milestones:'];
    for (const milestone of config.milestones) {
      const members = features.filter((feature) => feature.milestone === milestone.id);
      const done = members.filter((feature) => categoryOf(feature) === 'done').length;
      const late = members.filter(
        (feature) =>
          categoryOf(feature) !== 'done' && milestone.date && feature.end && feature.end > milestone.date,
      );
      const health =
        members.length === 0
          ? 'no features'
          : done === members.length
            ? 'done'
            : milestone.date && milestone.date < today
              ? 'late: its date has passed'
              : late.length > 0 || members.some(hasErrors)
                ? `at risk${late.length > 0 ? `: ${late.map((feature) => feature.id).join(', ')} end after it` : ': features with errors'}`
                : 'on track';
      const progress = members.length === 0 ? 0 : Math.round((done / members.length) * 100);
      lines.push(
        `- ${milestone.id} ${milestone.title}${milestone.date ? ` (${milestone.date})` : ''}: ${done}/${members.length} done (${progress}%), ${health}`,
      );
    }
    if (config.milestones.length === 0) lines.push('- none configured');
    const horizonsToday = horizonContext(config.milestones, today);
    const horizons = {
      now: [] as Feature[],
      next: [] as Feature[],
      later: [] as Feature[],
      done: [] as Feature[],
    };
    for (const feature of sortFeatures(features, 'score'))
      horizons[horizonOf(feature, categoryOf(feature), horizonsToday)].push(feature);
    lines.push('');
    for (const horizon of ['now', 'next', 'later'] as const) {
      const members = horizons[horizon];
      const shown = members.slice(0, 10).map((feature) => feature.id ?? feature.file);
      lines.push(
        `${horizon[0].toUpperCase()}${horizon.slice(1)} (${members.length}): ${shown.join(', ') || '-'}${members.length > shown.length ? ', …' : ''}`,
      );
    }
    // What to build next: finished work is left out; the rank is the feature's place among all scored ones.
    lines.push(`Done: ${horizons.done.length}`, '', `Top ${top} open features by score (#overall rank):`);
    const ranks = rankByScore(features);
    for (const feature of sortFeatures(features, 'score')
      .filter((candidate) => candidate.score !== undefined && categoryOf(candidate) !== 'done')
      .slice(0, top))
      lines.push(
        `#${ranks.get(feature)} ${feature.id} · ${feature.title ?? ''} · ${formatScore(feature.score!)} · ${feature.status ?? ''}`,
      );
    const all = index.files().flatMap((file) => index.issues(file));
    const count = (severity: Issue['severity'], noun: string) =>
      plural(all.filter((issue) => issue.severity === severity).length, noun);
    lines.push('', `Problems: ${count('error', 'error')}, ${count('warning', 'warning')} (see validate).`);
    return lines.join('\n');
  }

  // ---- writes

  private async updateFeature(args: Args): Promise<string> {
    const workspace = await this.host.load();
    const feature = findFeature(workspace, args.id as string);
    const before = await this.readFeatureText(feature.file);
    if (args.expectedRevision !== undefined && revisionOf(before) !== args.expectedRevision)
      throw new ToolError(
        `Refused: ${feature.file} changed since you read it (revision ${revisionOf(before)}, not ${args.expectedRevision as string}). Read it again with get_feature.`,
      );
    const changes = fieldChanges((args.set as Args | undefined) ?? {});
    if (changes.length === 0 && args.body === undefined)
      throw new ToolError('Nothing to change: give `set` (fields) or `body`.');
    let after = applyChanges(before, changes, workspace.config.aliases, feature.file);
    if (typeof args.body === 'string') after = replaceBody(after, args.body);
    if (after === before) return `${feature.id} already has these values; nothing was written.`;
    const remaining = this.refuseNewErrors(workspace, feature.file, after, `${feature.id} is unchanged`);
    const outcome = await this.host.replace(feature.file, before, after);
    if (!outcome.ok) throw new ToolError(`Refused: ${outcome.reason}. ${feature.file} is unchanged.`);
    return [
      `Updated ${feature.id} (${feature.file}): ${describeChanges(changes, args.body !== undefined)}.`,
      `Revision: ${revisionOf(after)}.`,
      remaining.length === 0
        ? 'No problems.'
        : `Problems it still has: ${remaining.map((issue) => `${issue.code} (${issue.severity})`).join(', ')}.`,
    ].join('\n');
  }

  private async createFeature(args: Args): Promise<string> {
    const workspace = await this.host.load();
    const { config, index } = workspace;
    const title = (args.title as string).replace(/\s+/g, ' ').trim();
    if (title === '') throw new ToolError('The feature needs a title.');
    const taken = new Set(index.features().map((feature) => feature.id));
    let id = args.id as string | undefined;
    if (id !== undefined) {
      const problem = idProblem(id);
      if (problem) throw new ToolError(`Refused: ${problem}`);
      if (taken.has(id))
        throw new ToolError(`Refused: ${id} is already taken; omit id to get the next free one.`);
    } else {
      id = nextFeatureId(index.features());
    }
    const { title: _title, id: _id, body, ...fields } = args;
    const status = typeof fields.status === 'string' ? fields.status : defaultStatus(config);
    const template = (await this.host.read(templatePath)) ?? builtInTemplate;
    // A required priority nobody gave starts at the bottom of the must/should/could scale, and says so: a new
    // idea is filed, not refused, and nobody's plan is overstated.
    const defaultedMoscow = config.required.includes('moscow') && fields.moscow === undefined;
    const answers = { title, status, moscow: defaultedMoscow ? ('could' as const) : undefined };
    let text =
      renderFeature(template, id, answers, localToday()) ??
      renderFeature(builtInTemplate, id, answers, localToday())!;
    text = applyChanges(text, fieldChanges(fields), config.aliases, 'the new file');
    if (typeof body === 'string') text = replaceBody(text, body);

    const directory = featureDirectory(index.features());
    // The id becomes part of a file name only through this filter: letters, digits, _ and - survive.
    const idPart = id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    const name = idPart === '' ? slugOf(title) : `${idPart}-${slugOf(title)}`;
    const discovery = createDiscovery(config);
    for (let attempt = 1; attempt < 100; attempt++) {
      const file = `${directory === '' ? '' : `${directory}/`}${name}${attempt === 1 ? '' : `-${attempt}`}.md`;
      const problem = workspacePathProblem(file);
      if (problem) throw new ToolError(`Refused: cannot place the file (${problem}).`);
      if (!discovery.isCandidate(file))
        throw new ToolError(
          `Refused: ${file} would not be read as a feature file (check include/exclude in ${configFile}).`,
        );
      const remaining = this.refuseNewErrors(workspace, file, text, 'nothing was written');
      const outcome = await this.host.create(file, text);
      if (outcome.ok) {
        return [
          `Created ${id} at ${file}.${defaultedMoscow ? ' Its moscow is "could" until you set it (update_feature).' : ''}`,
          `Revision: ${revisionOf(text)}.`,
          remaining.length === 0
            ? 'No problems.'
            : `Problems to fix: ${remaining.map((issue) => `${issue.code} (${issue.severity}): ${issue.message}`).join('; ')}.`,
        ].join('\n');
      }
      if (!outcome.exists) throw new ToolError(`Refused: ${outcome.reason}. Nothing was written.`);
    }
    throw new ToolError('Refused: no free file name for this title.');
  }

  // ---- resources

  async resources(): Promise<ToolResource[]> {
    const { index, configText } = await this.host.load();
    const features = index
      .files()
      .sort()
      .map((file) => {
        const feature = index.get(file)?.feature;
        return {
          uri: `${resourceScheme}${encodeURI(file)}`,
          name: feature?.id ? `${feature.id} ${feature.title ?? ''}`.trim() : file,
          mimeType: 'text/markdown',
        };
      });
    return configText === undefined
      ? features
      : [
          { uri: `${resourceScheme}${configFile}`, name: 'Roadmap config', mimeType: 'text/yaml' },
          ...features,
        ];
  }

  /** The text of a listed resource; anything else (another path, a traversal) is refused. */
  async readResource(uri: string): Promise<{ text: string; mimeType: string } | undefined> {
    if (!uri.startsWith(resourceScheme)) return undefined;
    let file: string;
    try {
      file = decodeURI(uri.slice(resourceScheme.length));
    } catch {
      return undefined;
    }
    const workspace = await this.host.load();
    if (file === configFile)
      return workspace.configText === undefined
        ? undefined
        : { text: workspace.configText, mimeType: 'text/yaml' };
    if (!workspace.index.has(file) || workspacePathProblem(file)) return undefined;
    const text = await this.host.read(file);
    return text === undefined ? undefined : { text, mimeType: 'text/markdown' };
  }

  // ---- helpers

  private async readFeatureText(file: string): Promise<string> {
    const text = await this.host.read(file);
    if (text === undefined) throw new ToolError(`Cannot read ${file}.`);
    return text;
  }

  /** The workspace with one file's text replaced, validated like the real thing; the real index is untouched. */
  private simulate(workspace: ToolWorkspace, file: string, text: string): WorkspaceIndex {
    const simulated = new WorkspaceIndex(workspace.config);
    for (const parsed of workspace.index.parsedFiles())
      if (parsed.file !== file) simulated.put(parsed.file, parsed);
    simulated.update(file, text);
    simulated.flush();
    return simulated;
  }

  /** Refuses (throws) when the new text adds an error anywhere; else returns the issues the file will have. */
  private refuseNewErrors(workspace: ToolWorkspace, file: string, text: string, untouched: string): Issue[] {
    const simulated = this.simulate(workspace, file, text);
    const added = addedErrors(workspace.index, simulated);
    if (added.length === 0) return simulated.issues(file);
    throw new ToolError(
      [
        `Refused: the edit would add ${plural(added.length, 'error')}; ${untouched}.`,
        ...added.map(
          (error) => `- ${error.code}: ${error.message}${error.file === file ? '' : ` (in ${error.file})`}`,
        ),
      ].join('\n'),
    );
  }
}

/** The error-severity issues `after` has that `before` did not (compared by file, rule and message, not position). */
function addedErrors(
  before: WorkspaceIndex,
  after: WorkspaceIndex,
): { file: string; code: string; message: string }[] {
  const key = (file: string, issue: Issue) => `${file}\u0000${issue.code}\u0000${issue.message}`;
  const existing = new Map<string, number>();
  for (const file of before.files())
    for (const issue of before.issues(file))
      if (issue.severity === 'error')
        existing.set(key(file, issue), (existing.get(key(file, issue)) ?? 0) + 1);
  const added: { file: string; code: string; message: string }[] = [];
  for (const file of after.files())
    for (const issue of after.issues(file)) {
      if (issue.severity !== 'error') continue;
      const count = existing.get(key(file, issue)) ?? 0;
      if (count > 0) existing.set(key(file, issue), count - 1);
      else added.push({ file, code: issue.code, message: issue.message });
    }
  return added;
}

function findFeature(workspace: ToolWorkspace, id: string): Feature {
  const found = workspace.index.byId(id);
  if (found.length === 1) return found[0];
  if (found.length > 1)
    throw new ToolError(
      `${found.length} features have the id ${id} (${found.map((feature) => feature.file).join(', ')}); fix the duplicate first.`,
    );
  const ids = workspace.index.features().flatMap((feature) => (feature.id ? [feature.id] : []));
  const close = didYouMean(id, ids).slice(0, 3);
  throw new ToolError(
    `No feature has the id '${id}'.${close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ' list_features shows the ids.'}`,
  );
}

/** `{ "rice.impact": 2, rice: { reach: 10 }, status: "x" }` as field paths; anything deeper or odd is refused. */
function fieldChanges(set: Args): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (path: string[], value: unknown) => {
    const name = path.join('.');
    if (path.length > 2 || path.some((segment) => segment === ''))
      throw new ToolError(`'${name}' is not a field name: use a field or field.subfield.`);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (path.length > 1) throw new ToolError(`'${name}' must be a value, not an object.`);
      for (const [child, childValue] of Object.entries(value)) add([...path, child], childValue);
      return;
    }
    const fits =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'));
    if (!fits)
      throw new ToolError(
        `'${name}' must be a string, number, boolean, list of strings or null (to remove it).`,
      );
    changes.push({ path: path as unknown as FieldPath, value: value as FieldValue | null });
  };
  for (const [name, value] of Object.entries(set)) add(name.split('.'), value);
  return changes;
}

/**
 * Applies the changes to the text of `file`: a workspace path (a YAML metadata file has no fences), or how to
 * name a Markdown file not written yet.
 */
function applyChanges(
  text: string,
  changes: readonly FieldChange[],
  aliases: Record<string, string>,
  file: string,
): string {
  // null (JSON's way to say "remove") is the edits' undefined.
  const applied = applyFieldChanges(
    text,
    changes.map(({ path, value }) => ({ path, value: value ?? undefined })),
    aliases,
    { file },
  );
  if (!applied.ok)
    throw new ToolError(
      `Refused: cannot set ${applied.change.path.join('.')} in ${file}: ${applied.reason}.`,
    );
  return applied.text;
}

function replaceBody(text: string, body: string): string {
  const split = splitFrontmatter(text);
  if (split.kind !== 'closed') throw new ToolError('Refused: the file has no closed front-matter to keep.');
  const eol = split.eol;
  const normalized = body.replace(/\r?\n/g, eol);
  return (
    text.slice(0, split.bodyStart) + normalized + (normalized.endsWith(eol) || normalized === '' ? '' : eol)
  );
}

function describeChanges(changes: readonly FieldChange[], body: boolean): string {
  const parts = changes.map((change) =>
    change.value === null
      ? `removed ${change.path.join('.')}`
      : `${change.path.join('.')} = ${JSON.stringify(change.value)}`,
  );
  if (body) parts.push('body replaced');
  return parts.join(', ');
}

interface Diagnostic {
  line: number;
  severity: Issue['severity'];
  code: string;
  message: string;
}

function diagnosticsOf(issues: readonly Issue[], text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  return issues.map((issue) => ({
    line: lines.positionAt(issue.span.start).line + 1,
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
  }));
}

/** The feature's planning data as read (normalised), without empty values. */
function readFields(feature: Feature): Record<string, unknown> {
  const { file: _file, storedScore: _stored, score: _score, custom, ...rest } = feature;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...rest, ...custom }))
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) fields[key] = value;
  return fields;
}

function projection(
  feature: Feature,
  columns: readonly ListField[],
  rank: number | undefined,
  issues: readonly Issue[],
): Partial<Record<ListField, unknown>> {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.filter((issue) => issue.severity === 'warning').length;
  const all: Record<ListField, unknown> = {
    id: feature.id,
    title: feature.title,
    status: feature.status,
    moscow: feature.moscow as Moscow | undefined,
    score: feature.score === undefined ? undefined : Number(formatScore(feature.score)),
    rank,
    milestone: feature.milestone,
    quarter: feature.quarter,
    start: feature.start,
    end: feature.end,
    owner: feature.owner,
    team: feature.team,
    goal: feature.goal,
    tags: feature.tags.length > 0 ? feature.tags : undefined,
    depends_on: feature.dependsOn.length > 0 ? feature.dependsOn : undefined,
    progress: feature.progress,
    problems: errors + warnings > 0 ? { errors, warnings } : undefined,
    file: feature.file,
  };
  const shown: Partial<Record<ListField, unknown>> = {};
  for (const column of columns)
    if (listFields.includes(column) && column !== 'id' && column !== 'title' && all[column] !== undefined)
      shown[column] = all[column];
  return shown;
}

function compactValue(field: string, value: unknown): string {
  switch (field) {
    case 'score':
      return `score ${value as number}`;
    case 'rank':
      return `#${value as number}`;
    case 'progress':
      return `${value as number}%`;
    case 'problems': {
      const { errors, warnings } = value as { errors: number; warnings: number };
      return [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
        .filter(Boolean)
        .join(', ');
    }
    case 'tags':
    case 'depends_on':
      return `${field === 'tags' ? 'tags' : 'needs'} ${(value as string[]).join(',')}`;
    default:
      return String(value);
  }
}
