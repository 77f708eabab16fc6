// `.roadmap/config.yaml`: the team's committed rules. The JSON Schema below is both what we publish for the
// editor and what `parseConfig` checks against (a small interpreter for the subset it uses), so the two
// cannot disagree.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { didYouMean } from './didYouMean';
import { excessiveNesting } from './frontmatter';
import { rules } from './schema';
import type { RuleCode, ScoringModel, SeveritySetting, Span, StatusCategory } from './types';

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

export type CustomFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'url' | 'list' | 'enum';

export interface CustomFieldDefinition {
  type: CustomFieldType;
  values?: string[];
  description?: string;
}

export interface RoadmapConfig {
  /** Globs (relative to the workspace root) of feature files; empty means zero-config discovery. */
  include: string[];
  exclude: string[];
  statuses: StatusDefinition[];
  required: string[];
  /** File key → canonical field name, for teams whose files say `priority:` for `moscow:`. */
  aliases: Record<string, string>;
  fields: Record<string, CustomFieldDefinition>;
  milestones: MilestoneDefinition[];
  goals: GoalDefinition[];
  scoring: { model: ScoringModel };
  /** The Must share of a milestone's effort above which `moscow-budget` fires. */
  mustBudget: number;
  /** Team → period (a quarter yyyy-Qn or a milestone id) → capacity in RICE effort units (person-months). */
  capacity?: Record<string, Record<string, number>>;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
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
    aliases: {},
    fields: {},
    milestones: [],
    goals: [],
    scoring: { model: 'rice' },
    mustBudget: 0.6,
    rules: {},
  };
}

export const configPath = '.roadmap/config.yaml';

const severitySetting = { enum: ['off', 'hint', 'info', 'warning', 'error'] };
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
      items: idTitle({ category: { enum: ['todo', 'doing', 'done'] } }),
    },
    required: {
      type: 'array',
      items: { type: 'string' },
      description: 'Fields every feature must have. Default: id, title, status.',
    },
    aliases: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Front-matter key → field name, e.g. { priority: moscow, dependencies: depends_on }.',
    },
    fields: {
      type: 'object',
      description: 'Custom fields and their types.',
      additionalProperties: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: {
          type: { enum: ['string', 'number', 'integer', 'boolean', 'date', 'url', 'list', 'enum'] },
          values: { type: 'array', items: { type: 'string' } },
          description: { type: 'string' },
        },
      },
    },
    milestones: {
      type: 'array',
      items: idTitle({ date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }),
    },
    goals: { type: 'array', items: idTitle() },
    scoring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        model: { enum: ['rice', 'ice', 'wsjf'], description: 'The scoring model. Default: rice.' },
        mustBudget: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Must share of effort per milestone; default 0.6.',
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
};

function checkAgainstSchema(
  node: YamlNode | null | undefined,
  schema: SchemaNode,
  path: string,
  problems: ConfigProblem[],
): void {
  if (!node) return;
  const span: Span = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
  const fail = (message: string): void => {
    problems.push({ message: `${path}: ${message}`, span, fatal: false });
  };
  if (schema.enum) {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'string' || !schema.enum.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, schema.enum)[0] : undefined;
      fail(`must be one of ${schema.enum.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (!isMap(node)) return fail('must be a mapping of key: value');
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        seen.add(key);
        const known =
          schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        const child =
          known ??
          (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (child) checkAgainstSchema(pair.value as YamlNode, child, `${path}.${key}`, problems);
        else if (schema.additionalProperties === false) {
          const keySpan = {
            start: (pair.key as YamlNode)?.range?.[0] ?? 0,
            end: (pair.key as YamlNode)?.range?.[1] ?? 0,
          };
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
      if (!isSeq(node)) return fail('must be a list');
      if (schema.minItems && node.items.length < schema.minItems)
        fail(`needs at least ${schema.minItems} entry`);
      node.items.forEach(
        (item, index) =>
          schema.items && checkAgainstSchema(item as YamlNode, schema.items, `${path}[${index}]`, problems),
      );
      return;
    case 'string': {
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number'))
        return fail('must be text');
      const text = String(node.value);
      if (schema.minLength && text.length < schema.minLength) fail('must not be empty');
      if (schema.pattern && !new RegExp(schema.pattern).test(text)) fail(`must match ${schema.pattern}`);
      return;
    }
    case 'number': {
      if (!isScalar(node) || typeof node.value !== 'number') return fail('must be a number');
      if (schema.exclusiveMinimum !== undefined && node.value <= schema.exclusiveMinimum)
        fail(`must be above ${schema.exclusiveMinimum}`);
      if (schema.maximum !== undefined && node.value > schema.maximum)
        fail(`must be at most ${schema.maximum}`);
      return;
    }
  }
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Parses and checks a config file. Parts that fail their check fall back to the defaults. */
export function parseConfig(text: string): LoadedConfig {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const deep = excessiveNesting(text);
  if (deep !== undefined)
    return {
      config,
      problems: [
        { message: 'the config is nested too deeply to read', span: { start: deep, end: deep }, fatal: true },
      ],
    };
  let document;
  try {
    document = parseDocument(text, { prettyErrors: false });
  } catch (error) {
    return {
      config,
      problems: [
        { message: `cannot parse: ${(error as Error).message}`, span: { start: 0, end: 0 }, fatal: true },
      ],
    };
  }
  for (const error of document.errors) {
    problems.push({
      message: `YAML: ${error.message.split('\n')[0]}`,
      span: { start: error.pos[0], end: error.pos[1] },
      fatal: true,
    });
  }
  if (problems.length > 0 || document.contents === null) return { config, problems };
  checkAgainstSchema(
    document.contents as YamlNode,
    configJsonSchema as unknown as SchemaNode,
    'config',
    problems,
  );
  const invalidPaths = new Set(problems.map((problem) => problem.message.split(':')[0].split(/[.[]/)[1]));
  let raw: Record<string, unknown>;
  try {
    raw = (document.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    return {
      config,
      problems: [...problems, { message: (error as Error).message, span: { start: 0, end: 0 }, fatal: true }],
    };
  }
  const usable = (key: string) => raw[key] !== undefined && !invalidPaths.has(key);

  if (usable('include')) config.include = raw.include as string[];
  if (usable('exclude')) config.exclude = [...defaultExclude, ...(raw.exclude as string[])];
  if (usable('statuses')) {
    config.statuses = (raw.statuses as Record<string, unknown>[]).map((status) => ({
      id: String(status.id),
      title: asString(status.title) ?? String(status.id),
      category: (status.category as StatusCategory | undefined) ?? 'todo',
    }));
  }
  if (usable('required')) config.required = raw.required as string[];
  if (usable('aliases')) config.aliases = raw.aliases as Record<string, string>;
  if (usable('fields')) config.fields = raw.fields as Record<string, CustomFieldDefinition>;
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
  if (usable('rules')) config.rules = raw.rules as Partial<Record<RuleCode, SeveritySetting>>;
  return { config, problems };
}
