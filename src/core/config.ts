// `.roadmap/config.yaml`: the team's committed rules. The JSON Schema below is both what we publish for the
// editor and what `parseConfig` checks against (a small interpreter for the subset it uses), so the two
// cannot disagree.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { CORE_SCHEMA, load } from 'js-yaml';
import { didYouMean } from './didYouMean';
import { excessiveNesting, mayUseAliases } from './frontmatter';
import { readKeyPaths, type KeyPathTree } from './keyPathLocator';
import { featureFieldByName, rules } from './schema';
import type { RuleCode, ScoringModel, SeveritySetting, Span, StatusCategory } from './types';

export const statusCategories = ['todo', 'doing', 'done'] as const;
export const scoringModels = ['rice', 'ice', 'wsjf'] as const;

export interface StatusDefinition {
  id: string;
  title: string;
  category: StatusCategory;
}

export interface MilestoneDefinition {
  id: string;
  title: string;
  date?: string;
}

export interface GoalDefinition {
  id: string;
  title: string;
}

export const customFieldTypes = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'url',
  'list',
  'enum',
  'map',
  'version',
  'any',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/** The scalar types a `map` field's sub-fields may have. */
export type SubFieldDefinition = Omit<CustomFieldDefinition, 'fields'>;

/**
 * An entry of `fields:`. For a custom field it declares the type; for a built-in field (no `type`) it only
 * adjusts how the file's values are read: `map` translates the team's words, `empty` lists placeholder values
 * that mean "not set", `split` turns a delimited string into a list.
 */
export interface CustomFieldDefinition extends FieldReading {
  type: CustomFieldType;
  values?: string[];
  description?: string;
  /** `map` fields: the typed sub-fields (other keys are allowed, untyped). */
  fields?: Record<string, SubFieldDefinition>;
}

/** How a field's written values are read before validation (built-in and custom fields alike). */
export interface FieldReading {
  /** The team's word → our value, such as { high: must }; matched case-insensitively. */
  map?: Record<string, string>;
  /** Values that mean "not set", such as TBD or '0.0'; compared as text. */
  empty?: string[];
  /** A delimiter that turns a string into a list: `requires: 2718, 2930` with split: ','. */
  split?: string;
}

/** A field that must be present, optionally only when (or unless) other fields hold given values. */
export interface RequiredField {
  field: string;
  /** Required only when every named field holds one of the listed values. */
  when?: Record<string, string[]>;
  /** Not required when any named field holds one of the listed values. */
  unless?: Record<string, string[]>;
}

export interface IdSettings {
  /** `F-1` and `f-1` name the same feature. */
  caseInsensitive: boolean;
  /** Prefix → canonical prefix, such as { 'task-': 'BACK-' }: `task-100.4` names `BACK-100.4`. */
  prefixes: Record<string, string>;
  /** A regular expression over the workspace-relative path; its first group (or match) is the id of a file without one. */
  fromPath?: string;
}

/** Another repository whose features join this one's on the published site (`roadmap publish`). */
export interface SourceDefinition {
  /** The namespace of its ids on the site and in cross-repository dependencies (`name:F-001`). */
  name: string;
  /** Its checkout, relative to this workspace root. */
  path: string;
  /** Where its files are browsed, e.g. https://github.com/acme/web/blob/main/ (the file path is appended). */
  url?: string;
}

export interface RoadmapConfig {
  /** The preset (a known format such as Backlog.md) this config is layered on, if any. */
  preset?: string;
  /** Globs (relative to the workspace root) of feature files; empty means zero-config discovery. */
  include: string[];
  exclude: string[];
  statuses: StatusDefinition[];
  /** Fields every feature must have. */
  required: string[];
  /** Fields required only under conditions. */
  requiredWhen: RequiredField[];
  /** File key → canonical field name, for teams whose files say `priority:` for `moscow:`. */
  aliases: Record<string, string>;
  fields: Record<string, CustomFieldDefinition>;
  /** Per field (built-in or custom, by canonical name): how its written values are read. */
  reading: Record<string, FieldReading>;
  milestones: MilestoneDefinition[];
  goals: GoalDefinition[];
  /** A glob of Markdown files each declaring one milestone (its `id` and `title`, else its file name). */
  milestoneFiles?: string;
  /** A glob of Markdown files each declaring one goal. */
  goalFiles?: string;
  ids: IdSettings;
  /**
   * Field → values that take a file out of checks and views (a `status: Moved` stub); it stays known as a
   * dependency target.
   */
  skip: Record<string, string[]>;
  /** Markdown beside a YAML metadata file (`README.md` beside `kep.yaml`): its title, body and progress. */
  sidecarMarkdown?: string;
  scoring: { model: ScoringModel };
  /** The Must share of a milestone's effort above which `moscow-budget` fires. */
  mustBudget: number;
  /** Team → period (a quarter yyyy-Qn or a milestone id) → capacity in RICE effort units (person-months). */
  capacity?: Record<string, Record<string, number>>;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
  /** Repositories published together with this one as a portfolio site. */
  sources: SourceDefinition[];
}

export const defaultStatuses: StatusDefinition[] = [
  { id: 'idea', title: 'Idea', category: 'todo' },
  { id: 'planned', title: 'Planned', category: 'todo' },
  { id: 'in-progress', title: 'In progress', category: 'doing' },
  { id: 'shipped', title: 'Shipped', category: 'done' },
  { id: 'dropped', title: 'Dropped', category: 'done' },
];

export const defaultExclude = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/out/**',
  '**/build/**',
  '**/.vscode-test/**',
];

export function defaultConfig(): RoadmapConfig {
  return {
    include: [],
    exclude: [...defaultExclude],
    statuses: defaultStatuses.map((status) => ({ ...status })),
    required: ['id', 'title', 'status'],
    requiredWhen: [],
    aliases: {},
    fields: {},
    reading: {},
    milestones: [],
    goals: [],
    ids: { caseInsensitive: false, prefixes: {} },
    skip: {},
    scoring: { model: 'rice' },
    mustBudget: 0.6,
    rules: {},
    sources: [],
  };
}

export const configPath = '.roadmap/config.yaml';

/** A source name: what comes before the colon of a cross-repository id such as `web:F-001`. */
export const sourceNamePattern = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

/**
 * The field a front-matter key stands for: its alias target (`priority` → `moscow`), or the key itself. Own
 * properties only, so that a key such as `constructor` never finds Object.prototype's. Every alias lookup goes
 * through here.
 */
export function canonicalField(aliases: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(aliases, key) ? aliases[key] : key;
}

const severitySetting = { enum: ['off', 'hint', 'info', 'warning', 'error'] };
const textOrNumber = { type: 'string', description: 'A value as written (text or a number).' };
/** field → one value or a list of values. */
const valueCondition = {
  type: 'object',
  additionalProperties: { anyOf: [textOrNumber, { type: 'array', items: textOrNumber }] },
};
const fieldModifiers = {
  values: { type: 'array', items: { type: 'string' }, description: 'The allowed values of an enum field.' },
  description: { type: 'string' },
  map: {
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "The team's words → our values, such as { high: must, medium: should, low: could }.",
  },
  empty: {
    type: 'array',
    items: textOrNumber,
    description: "Values that mean 'not set', such as [TBD, '0.0'].",
  },
  split: {
    type: 'string',
    minLength: 1,
    description: "A delimiter that reads a string as a list, such as ',' for `requires: 2718, 2930`.",
  },
};
const subField = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: { type: { enum: customFieldTypes.filter((type) => type !== 'map') }, ...fieldModifiers },
};
const idTitle = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1 }, title: { type: 'string' }, ...extra },
});

/** The published JSON Schema of `.roadmap/config.yaml`, and the source `parseConfig` validates against. */
export const configJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://markdown-roadmap.dev/schemas/config.schema.json',
  title: 'Markdown Roadmap configuration (.roadmap/config.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    preset: {
      // The names of src/core/presets (a test keeps the two lists equal; the presets import this module).
      enum: ['backlog-md', 'kep', 'eip', 'madr'],
      description:
        'A known format to start from (backlog-md, kep, eip, madr); the rest of this file is layered on top.',
    },
    include: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Globs of feature files, relative to the workspace root. Default: Markdown under any roadmap/ or features/ folder.',
    },
    exclude: {
      type: 'array',
      items: { type: 'string' },
      description: 'Globs never scanned, added to node_modules, .git and build folders.',
    },
    statuses: {
      type: 'array',
      minItems: 1,
      description: 'The statuses in board order, each with a category: todo, doing or done.',
      items: idTitle({ category: { enum: statusCategories } }),
    },
    required: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            required: ['field'],
            additionalProperties: false,
            properties: {
              field: { type: 'string', minLength: 1 },
              when: valueCondition,
              unless: valueCondition,
            },
          },
        ],
      },
      description:
        'Fields every feature must have, each a name or { field, when, unless } with conditions such as { unless: { status: Moved } }. Default: id, title, status.',
    },
    aliases: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Front-matter key → field name, e.g. { priority: moscow, dependencies: depends_on }.',
    },
    fields: {
      type: 'object',
      description:
        'Custom fields and their types; for a built-in field (no type), how its values are read: map, empty, split.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          type: { enum: customFieldTypes },
          ...fieldModifiers,
          fields: {
            type: 'object',
            additionalProperties: subField,
            description: 'The typed sub-fields of a map field.',
          },
        },
      },
    },
    milestones: {
      type: 'array',
      description: 'The milestones features may name, each with an id, a title and a yyyy-mm-dd date.',
      items: idTitle({ date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }),
    },
    goals: {
      type: 'array',
      description: 'The goals features may name, each with an id and a title.',
      items: idTitle(),
    },
    milestoneFiles: {
      type: 'string',
      minLength: 1,
      description:
        'A glob of Markdown files that each declare a milestone (front-matter id and title), such as backlog/milestones/*.md.',
    },
    goalFiles: {
      type: 'string',
      minLength: 1,
      description: 'A glob of Markdown files that each declare a goal (front-matter id and title).',
    },
    ids: {
      type: 'object',
      additionalProperties: false,
      description:
        "How ids are compared and found: caseInsensitive, equivalent prefixes such as { 'task-': 'BACK-' }, and fromPath, a pattern whose first group is the id of a file without one.",
      properties: {
        caseInsensitive: { type: 'boolean', description: 'Whether F-1 and f-1 are the same id.' },
        prefixes: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: "Equivalent prefixes, such as { 'task-': 'BACK-' }.",
        },
        fromPath: {
          type: 'string',
          minLength: 1,
          description:
            'A regular expression over the file path; its first group is the id of a file that has none.',
        },
      },
    },
    skip: {
      ...valueCondition,
      description:
        'Field → values that take a file out of checks and views, such as { status: [Moved] }; it stays a dependency target.',
    },
    sidecarMarkdown: {
      type: 'string',
      minLength: 1,
      description:
        'For YAML feature files (kep.yaml): the Markdown file beside them, such as README.md; its first heading is the title when the YAML has none, its task lists the progress.',
    },
    scoring: {
      type: 'object',
      additionalProperties: false,
      description: 'The scoring model (rice, ice or wsjf) and the Must share of effort per milestone.',
      properties: {
        model: { enum: scoringModels, description: 'The scoring model. Default: rice.' },
        mustBudget: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Must share of effort per milestone; default 0.6.',
        },
      },
    },
    sources: {
      type: 'array',
      description:
        'Repositories published with this one as one portfolio site (roadmap publish); their ids are namespaced as name:F-001.',
      items: {
        type: 'object',
        required: ['name', 'path'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: sourceNamePattern, description: 'The namespace of its ids.' },
          path: { type: 'string', minLength: 1, description: 'Its checkout, relative to this root.' },
          url: {
            type: 'string',
            pattern: '^https?://',
            description: 'Base URL of its files, e.g. https://github.com/acme/web/blob/main/',
          },
        },
      },
    },
    capacity: {
      type: 'object',
      description:
        'Capacity per team and period, in the unit of RICE effort (person-months): { platform: { 2026-Q1: 6, M2: 4 } }. A period is a quarter (yyyy-Qn) or a milestone id.',
      additionalProperties: {
        type: 'object',
        additionalProperties: { type: 'number', minimum: 0 },
      },
    },
    rules: {
      type: 'object',
      additionalProperties: false,
      description: 'The severity of each rule: off, hint, info, warning or error.',
      properties: Object.fromEntries(
        rules.map((rule) => [rule.code, { ...severitySetting, description: rule.summary }]),
      ),
    },
  },
} as const;

export interface ConfigProblem {
  message: string;
  /** Offsets into the config text. */
  span: Span;
  /** Fatal problems make the file unusable (the CLI exits 2); others fall back to a default for that part. */
  fatal: boolean;
}

export interface LoadedConfig {
  config: RoadmapConfig;
  problems: ConfigProblem[];
}

type SchemaNode = {
  type?: string;
  enum?: readonly string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: readonly string[];
  minItems?: number;
  minLength?: number;
  pattern?: string;
  exclusiveMinimum?: number;
  maximum?: number;
  anyOf?: readonly SchemaNode[];
};

/**
 * A node of the config as its check reads it. Made from the key-path reader's tree for the plain YAML configs
 * are written in (values and spans in one pass, no `yaml`), and from a `yaml` document for everything else.
 */
interface ConfigNode {
  shape: 'object' | 'array' | 'scalar' | 'alias';
  /** A scalar's value. */
  value?: unknown;
  span: Span;
  pairs?: { key: string; keySpan: Span; node: ConfigNode | undefined }[];
  items?: (ConfigNode | undefined)[];
}

type KeyPathNode = KeyPathTree['root'];

function fromKeyPaths(node: KeyPathNode): ConfigNode {
  const span = { start: node.start, end: node.end };
  if (node.pairs)
    return {
      shape: 'object',
      span,
      pairs: node.pairs.map((pair) => ({
        key: pair.key,
        keySpan: { start: pair.keyStart, end: pair.keyStart + pair.key.length },
        node: fromKeyPaths(pair.node),
      })),
    };
  if (node.items) return { shape: 'array', span, items: node.items.map(fromKeyPaths) };
  return { shape: 'scalar', value: node.value, span };
}

function fromYaml(node: YamlNode | null | undefined): ConfigNode | undefined {
  if (!node) return undefined;
  const spanOf = (of: YamlNode | null | undefined): Span => ({
    start: of?.range?.[0] ?? 0,
    end: of?.range?.[1] ?? 0,
  });
  const span = spanOf(node);
  if (isMap(node))
    return {
      shape: 'object',
      span,
      pairs: node.items.map((pair) => ({
        key: isScalar(pair.key) ? String(pair.key.value) : '',
        keySpan: spanOf(pair.key as YamlNode | null),
        node: fromYaml(pair.value as YamlNode | null),
      })),
    };
  if (isSeq(node))
    return { shape: 'array', span, items: node.items.map((item) => fromYaml(item as YamlNode)) };
  if (isScalar(node)) return { shape: 'scalar', value: node.value, span };
  return { shape: 'alias', span };
}

/** The alternative of an `anyOf` that fits the node's shape: its problems are the ones worth reporting. */
function alternativeFor(node: ConfigNode, alternatives: readonly SchemaNode[]): SchemaNode {
  const shape = node.shape === 'object' ? 'object' : node.shape === 'array' ? 'array' : 'string';
  return alternatives.find((alternative) => alternative.type === shape) ?? alternatives[0];
}

function checkAgainstSchema(
  node: ConfigNode | undefined,
  schema: SchemaNode,
  path: string,
  problems: ConfigProblem[],
): void {
  if (!node) return;
  const span = node.span;
  const fail = (message: string): void => {
    problems.push({ message: `${path}: ${message}`, span, fatal: false });
  };
  if (schema.anyOf) {
    return checkAgainstSchema(node, alternativeFor(node, schema.anyOf), path, problems);
  }
  const value = node.shape === 'scalar' ? node.value : undefined;
  if (schema.enum) {
    if (typeof value !== 'string' || !schema.enum.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, schema.enum)[0] : undefined;
      fail(`must be one of ${schema.enum.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (!node.pairs) return fail('must be a mapping of key: value');
      const seen = new Set<string>();
      for (const { key, keySpan, node: child } of node.pairs) {
        seen.add(key);
        const known =
          schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        const childSchema =
          known ??
          (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (childSchema) checkAgainstSchema(child, childSchema, `${path}.${key}`, problems);
        else if (schema.additionalProperties === false) {
          const hint = didYouMean(key, Object.keys(schema.properties ?? {}))[0];
          problems.push({
            message: `${path}: unknown key '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
            span: keySpan,
            fatal: false,
          });
        }
      }
      for (const key of schema.required ?? []) if (!seen.has(key)) fail(`'${key}' is required`);
      return;
    }
    case 'array':
      if (!node.items) return fail('must be a list');
      if (schema.minItems && node.items.length < schema.minItems)
        fail(`needs at least ${schema.minItems} entry`);
      node.items.forEach(
        (item, index) =>
          schema.items && checkAgainstSchema(item, schema.items, `${path}[${index}]`, problems),
      );
      return;
    case 'string': {
      if (node.shape !== 'scalar' || (typeof value !== 'string' && typeof value !== 'number'))
        return fail('must be text');
      const text = String(value);
      if (schema.minLength && text.length < schema.minLength) fail('must not be empty');
      if (schema.pattern && !new RegExp(schema.pattern).test(text)) fail(`must match ${schema.pattern}`);
      return;
    }
    case 'boolean':
      if (node.shape !== 'scalar' || typeof value !== 'boolean') fail('must be true or false');
      return;
    case 'number': {
      if (node.shape !== 'scalar' || typeof value !== 'number') return fail('must be a number');
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
        fail(`must be above ${schema.exclusiveMinimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
      return;
    }
  }
}

/** A plain value as a config node, for text read by js-yaml: no positions (see `readConfigYaml`). */
function fromValue(value: unknown): ConfigNode | undefined {
  const span = { start: 0, end: 0 };
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return { shape: 'array', span, items: value.map(fromValue) };
  if (value !== null && typeof value === 'object')
    return {
      shape: 'object',
      span,
      pairs: Object.entries(value).map(([key, child]) => ({ key, keySpan: span, node: fromValue(child) })),
    };
  return { shape: 'scalar', value, span };
}

type ConfigYaml =
  { root: ConfigNode | undefined; raw: () => unknown; positioned: boolean } | { problems: ConfigProblem[] };

/**
 * The config's tree and plain value, read without `yaml` when that is enough (so activation does not load
 * it: see src/vscode/lazy.ts). The key-path reader reads plain YAML with exact positions; js-yaml reads the rest
 * of what is usual but without positions, so a config it reads that has a problem is read again with `yaml`
 * (`parseConfig`). `yaml` reads anything that may use aliases (it bounds their expansion) and syntax errors.
 */
function readConfigYaml(text: string, needPositions: boolean): ConfigYaml {
  if (!needPositions) {
    const read = readKeyPaths(text);
    if (read && 'tree' in read)
      return { root: fromKeyPaths(read.tree.root), raw: () => read.value, positioned: true };
    if (!mayUseAliases.test(text)) {
      try {
        const value: unknown = load(text, { schema: CORE_SCHEMA, json: false });
        return { root: fromValue(value ?? undefined), raw: () => value, positioned: false };
      } catch {
        // A syntax error, a repeated key or deep nesting: `yaml` says what and where.
      }
    }
  }
  let document;
  try {
    document = parseDocument(text, { prettyErrors: false });
  } catch (error) {
    return {
      problems: [
        { message: `cannot parse: ${(error as Error).message}`, span: { start: 0, end: 0 }, fatal: true },
      ],
    };
  }
  if (document.errors.length > 0)
    return {
      problems: document.errors.map((error) => ({
        message: `YAML: ${error.message.split('\n')[0]}`,
        span: { start: error.pos[0], end: error.pos[1] },
        fatal: true,
      })),
    };
  const contents = fromYaml(document.contents as YamlNode | null);
  return { root: contents, raw: () => document.toJS({ maxAliasCount: 100 }), positioned: true };
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * Parses and checks a config file. Parts that fail their check fall back to `base`: the defaults, or the
 * preset the file names (the caller resolves `preset:` and parses again with the preset's config as base).
 */
export function parseConfig(text: string, base: RoadmapConfig = defaultConfig()): LoadedConfig {
  const deep = excessiveNesting(text);
  if (deep !== undefined)
    return {
      config: copyOf(base),
      problems: [
        { message: 'the config is nested too deeply to read', span: { start: deep, end: deep }, fatal: true },
      ],
    };
  const read = readConfigYaml(text, false);
  const loaded = configFrom(read, base);
  return 'positioned' in read && !read.positioned && loaded.problems.length > 0
    ? configFrom(readConfigYaml(text, true), base)
    : loaded;
}

/** Plain data (the base is never shared): a JSON copy, which every build target (web worker too) has. */
const copyOf = (base: RoadmapConfig) => JSON.parse(JSON.stringify(base)) as RoadmapConfig;

function configFrom(read: ConfigYaml, base: RoadmapConfig): LoadedConfig {
  const config = copyOf(base);
  const problems: ConfigProblem[] = [];
  if ('problems' in read) return { config, problems: read.problems };
  const root = read.root;
  if (!root) return { config, problems };
  checkAgainstSchema(root, configJsonSchema as unknown as SchemaNode, 'config', problems);
  const invalidPaths = new Set(problems.map((problem) => problem.message.split(':')[0]));
  const invalidTop = new Set([...invalidPaths].map((path) => path.split(/[.[]/)[1]));
  /** Whether a problem lies at or below a path (`config.fields.seg` covers `config.fields.seg.type`). */
  const invalidAt = (path: string) =>
    [...invalidPaths].some((bad) => bad === path || bad.startsWith(`${path}.`) || bad.startsWith(`${path}[`));
  let raw: Record<string, unknown>;
  try {
    raw = (read.raw() ?? {}) as Record<string, unknown>;
  } catch (error) {
    return {
      config,
      problems: [...problems, { message: (error as Error).message, span: { start: 0, end: 0 }, fatal: true }],
    };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config, problems };
  const usable = (key: string) => raw[key] !== undefined && !invalidTop.has(key);
  const present = (key: string) => raw[key] !== undefined && raw[key] !== null;

  if (usable('preset')) config.preset = String(raw.preset);
  if (usable('include')) config.include = raw.include as string[];
  if (usable('exclude')) config.exclude = [...config.exclude, ...(raw.exclude as string[])];
  if (present('statuses') && Array.isArray(raw.statuses)) {
    // One bad entry falls back for that entry only; the others stay in force.
    const statuses = (raw.statuses as Record<string, unknown>[])
      .filter((_status, index) => !invalidAt(`config.statuses[${index}]`))
      .map((status) => ({
        id: String(status.id),
        title: asString(status.title) ?? String(status.id),
        category: (status.category as StatusCategory | undefined) ?? 'todo',
      }));
    if (statuses.length > 0) config.statuses = statuses;
    else if (raw.statuses.length > 0) {
      problems.push({
        message: `config.statuses: no usable status; the default statuses are in force: ${defaultStatuses.map((status) => status.id).join(', ')}.`,
        span: spanOfKey(root, 'statuses'),
        fatal: false,
      });
    }
  }
  if (usable('required')) {
    const entries = (raw.required as unknown[]).map(requiredField);
    config.required = entries.filter((entry) => !entry.when && !entry.unless).map((entry) => entry.field);
    config.requiredWhen = entries.filter((entry) => entry.when || entry.unless);
  }
  if (present('fields') && typeof raw.fields === 'object' && !Array.isArray(raw.fields)) {
    const fields: Record<string, CustomFieldDefinition> = {};
    for (const [name, definition] of Object.entries(raw.fields as Record<string, CustomFieldDefinition>)) {
      if (invalidAt(`config.fields.${name}`)) continue;
      const reading = {
        ...(definition.map ? { map: definition.map } : {}),
        ...(definition.empty ? { empty: definition.empty.map(String) } : {}),
        ...(definition.split ? { split: definition.split } : {}),
      };
      if (Object.keys(reading).length > 0) config.reading[name] = reading;
      if (featureFieldByName.has(name)) {
        if (definition.type)
          problems.push({
            message: `config.fields.${name}: '${name}' is a built-in field, so its type is fixed; only map, empty and split apply. The type is ignored.`,
            span: spanOfKey(root, 'fields'),
            fatal: false,
          });
        continue;
      }
      if (!definition.type) {
        problems.push({
          message: `config.fields.${name}: '${name}' is not a built-in field, so it needs a type (one of ${customFieldTypes.join(', ')}); the field is ignored.`,
          span: spanOfKey(root, 'fields'),
          fatal: false,
        });
        continue;
      }
      fields[name] = definition;
    }
    // Layered on the base (a preset): its fields stay unless redefined here, name by name.
    config.fields = { ...config.fields, ...fields };
  }
  if (usable('aliases')) {
    const aliases: Record<string, string> = {};
    for (const [key, target] of Object.entries(raw.aliases as Record<string, string>)) {
      if (featureFieldByName.has(target) || Object.hasOwn(config.fields, target)) aliases[key] = target;
      else {
        const hint = didYouMean(target, [...featureFieldByName.keys(), ...Object.keys(config.fields)])[0];
        problems.push({
          message: `config.aliases.${key}: '${target}' is not a field${hint ? ` (did you mean '${hint}'?)` : ''}; declare it under fields: or alias a built-in field. The alias is ignored.`,
          span: spanOfKey(root, 'aliases'),
          fatal: false,
        });
      }
    }
    config.aliases = { ...config.aliases, ...aliases };
  }
  if (usable('milestones')) {
    config.milestones = (raw.milestones as Record<string, unknown>[]).map((milestone) => ({
      id: String(milestone.id),
      title: asString(milestone.title) ?? String(milestone.id),
      ...(asString(milestone.date) ? { date: asString(milestone.date) } : {}),
    }));
  }
  if (usable('goals')) {
    config.goals = (raw.goals as Record<string, unknown>[]).map((goal) => ({
      id: String(goal.id),
      title: asString(goal.title) ?? String(goal.id),
    }));
  }
  if (usable('scoring')) {
    const scoring = raw.scoring as { model?: ScoringModel; mustBudget?: number };
    if (scoring.model) config.scoring.model = scoring.model;
    if (scoring.mustBudget) config.mustBudget = scoring.mustBudget;
  }
  if (usable('capacity')) config.capacity = raw.capacity as Record<string, Record<string, number>>;
  if (usable('rules'))
    config.rules = { ...config.rules, ...(raw.rules as Partial<Record<RuleCode, SeveritySetting>>) };
  if (usable('milestoneFiles')) config.milestoneFiles = raw.milestoneFiles as string;
  if (usable('goalFiles')) config.goalFiles = raw.goalFiles as string;
  if (usable('sidecarMarkdown')) config.sidecarMarkdown = raw.sidecarMarkdown as string;
  if (usable('ids')) {
    const ids = raw.ids as Partial<IdSettings>;
    config.ids = {
      caseInsensitive: ids.caseInsensitive ?? config.ids.caseInsensitive,
      prefixes: { ...config.ids.prefixes, ...ids.prefixes },
      ...(ids.fromPath && validPattern(ids.fromPath)
        ? { fromPath: ids.fromPath }
        : config.ids.fromPath
          ? { fromPath: config.ids.fromPath }
          : {}),
    };
    if (ids.fromPath && !validPattern(ids.fromPath))
      problems.push({
        message: `config.ids.fromPath: '${ids.fromPath}' is not a valid regular expression; ids are not taken from paths.`,
        span: spanOfKey(root, 'ids'),
        fatal: false,
      });
  }
  if (usable('skip')) config.skip = { ...config.skip, ...valueLists(raw.skip as Record<string, unknown>) };
  if (usable('sources')) {
    config.sources = (raw.sources as Record<string, unknown>[]).map((source) => ({
      name: String(source.name),
      path: String(source.path),
      ...(asString(source.url) ? { url: asString(source.url) } : {}),
    }));
  }
  return { config, problems };
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The span of a top-level key's value, for problems about one part of the config. */
function spanOfKey(root: ConfigNode, key: string): Span {
  const pair = root.pairs?.find((candidate) => candidate.key === key);
  return pair ? (pair.node?.span ?? pair.keySpan) : { start: 0, end: 0 };
}

/** field → one value or a list, as lists of text. */
function valueLists(condition: Record<string, unknown> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [field, values] of Object.entries(condition ?? {}))
    result[field] = (Array.isArray(values) ? values : [values]).map(String);
  return result;
}

function requiredField(entry: unknown): RequiredField {
  if (typeof entry === 'string') return { field: entry };
  const object = entry as { field: string; when?: Record<string, unknown>; unless?: Record<string, unknown> };
  return {
    field: object.field,
    ...(object.when ? { when: valueLists(object.when) } : {}),
    ...(object.unless ? { unless: valueLists(object.unless) } : {}),
  };
}
