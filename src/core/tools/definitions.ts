// The agent tools as agents see them: names, descriptions and JSON-Schema inputs. Written once, served by the
// MCP server (`roadmap mcp`) and, copied into package.json's `languageModelTools` (a unit test keeps the two
// equal), by VS Code's language-model tools. The names are in ./toolNames.ts.
import type { ToolName } from './toolNames';

/** The subset of JSON Schema the tool inputs use, and that `checkArguments` understands. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | ('string' | 'array')[];
  description?: string;
  enum?: readonly string[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
}

export interface ToolDefinition {
  name: ToolName;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  /** Whether the tool writes files (refused in a read-only or untrusted workspace; confirmed in VS Code). */
  writes: boolean;
}

export const listSortKeys = ['score', 'rank', 'end', 'id'] as const;
export const listFormats = ['compact', 'full'] as const;
/** Fields `list_features` can project. */
export const listFields = [
  'id',
  'title',
  'status',
  'moscow',
  'score',
  'rank',
  'milestone',
  'quarter',
  'start',
  'end',
  'owner',
  'team',
  'goal',
  'tags',
  'depends_on',
  'progress',
  'problems',
  'file',
] as const;
export type ListField = (typeof listFields)[number];

const oneOrMore = (what: string): JsonSchema => ({
  type: ['string', 'array'],
  items: { type: 'string' },
  description: `Only features whose ${what} is this value (or one of these values).`,
});

const fieldValues =
  'Values are strings, numbers, booleans or lists of strings; null removes the field. Dates are yyyy-mm-dd, confidence a percentage such as "80%", RICE impact one of 3, 2, 1, 0.5, 0.25.';

export const toolDefinitions: readonly ToolDefinition[] = [
  {
    name: 'list_features',
    title: 'List roadmap features',
    description:
      'Lists the features of the roadmap, one compact line each (id · title · status · MoSCoW · score and rank · milestone), filtered, sorted and paged. Use `fields` to choose the columns and `format: "full"` for JSON objects with every field.',
    writes: false,
    inputSchema: {
      type: 'object',
      properties: {
        status: oneOrMore('status'),
        moscow: oneOrMore('MoSCoW priority (must, should, could, wont)'),
        milestone: oneOrMore('milestone'),
        owner: oneOrMore('owner'),
        team: oneOrMore('team'),
        tag: oneOrMore('tags include'),
        goal: oneOrMore('goal'),
        text: {
          type: 'string',
          description: 'Only features whose id, title or body contains this text (any case).',
        },
        sort: {
          type: 'string',
          enum: listSortKeys,
          description:
            'score (highest first, the default), rank (the same order), end (soonest first) or id.',
        },
        fields: {
          type: 'array',
          items: { type: 'string', enum: listFields },
          description: 'The fields to show besides id and title.',
        },
        format: {
          type: 'string',
          enum: listFormats,
          description: 'compact (one line per feature, the default) or full (JSON objects).',
        },
        offset: { type: 'integer', minimum: 0, description: 'Skip this many features (paging).' },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          description: 'At most this many features (default 50).',
        },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'get_feature',
    title: 'Get a roadmap feature',
    description:
      'One feature by id: its front-matter (as written and as read), body, computed score and rank, diagnostics, the features it depends on and those that depend on it, and a revision to pass to update_feature.',
    writes: false,
    inputSchema: {
      type: 'object',
      properties: { id: { type: 'string', description: 'The feature id, such as F-012.' } },
      required: ['id'],
      additionalProperties: false,
    },
  },
  {
    name: 'create_feature',
    title: 'Create a roadmap feature',
    description: `Creates a feature file from the team's template where the roadmap keeps its features, with the next free id unless one is given. Any other property is a front-matter field (dotted for nested ones: "rice.reach"). ${fieldValues} Refused, writing nothing, when the new file would have an error.`,
    writes: true,
    inputSchema: {
      type: 'object',
      properties: {
        title: { type: 'string', description: 'The feature title.' },
        id: { type: 'string', description: 'An id to use instead of the next free one.' },
        status: {
          type: 'string',
          description: 'A status id from the config (default: the first to-do status).',
        },
        moscow: {
          type: 'string',
          enum: ['must', 'should', 'could', 'wont'],
          description: 'MoSCoW priority.',
        },
        milestone: { type: 'string', description: 'A milestone id from the config.' },
        body: { type: 'string', description: "Markdown for the body, replacing the template's." },
      },
      required: ['title'],
      additionalProperties: true,
    },
  },
  {
    name: 'update_feature',
    title: 'Update a roadmap feature',
    description: `Sets front-matter fields of one feature (dotted names for nested ones: {"rice.impact": 2}) and optionally replaces its body, as a minimal edit that keeps comments and formatting. ${fieldValues} Refused, leaving the file untouched, when the edit would add an error diagnostic; problems the file already had do not block other edits.`,
    writes: true,
    inputSchema: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'The feature id.' },
        set: {
          type: 'object',
          description: 'Fields to set: {"status": "in-progress", "rice.impact": 2, "tags": ["mobile"]}.',
          additionalProperties: true,
        },
        body: { type: 'string', description: 'New Markdown body (everything after the front-matter).' },
        expectedRevision: {
          type: 'string',
          description: 'The revision get_feature returned: the write is refused if the file changed since.',
        },
      },
      required: ['id'],
      additionalProperties: false,
    },
  },
  {
    name: 'validate',
    title: 'Validate the roadmap',
    description:
      'The diagnostics (rule code, severity, message, line) of one feature, or of the whole roadmap when no id is given.',
    writes: false,
    inputSchema: {
      type: 'object',
      properties: { id: { type: 'string', description: 'A feature id; omit for the whole roadmap.' } },
      additionalProperties: false,
    },
  },
  {
    name: 'roadmap_summary',
    title: 'Summarise the roadmap',
    description:
      'Milestones with progress and health, what is now / next / later, the open features with the best scores and the problem counts.',
    writes: false,
    inputSchema: {
      type: 'object',
      properties: {
        top: { type: 'integer', minimum: 1, maximum: 50, description: 'How many top features (default 5).' },
      },
      additionalProperties: false,
    },
  },
];

/** What an agent reads once, when it connects. */
export const serverInstructions = `This server reads and edits a docs-as-code product roadmap: one Markdown file per feature, its planning data in YAML front-matter (id, title, status, moscow, rice {reach, impact, confidence, effort}, milestone, quarter, start, end, depends_on, goal, owner, team, tags), the rules in .roadmap/config.yaml.
Read cheaply: list_features (compact, filtered, paged), then get_feature for one. Change files only with create_feature and update_feature: every write is validated, and one that would add an error (an impact off the 3/2/1/0.5/0.25 scale, a dependency on a missing id, an unknown status...) is refused with the rule codes, the file untouched. Fix what validate reports before adding more.`;

/** Why `value` does not fit `schema`, or undefined when it does. */
export function checkArguments(
  schema: JsonSchema,
  value: unknown,
  where = 'the arguments',
): string | undefined {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const typeOf = (candidate: unknown): string =>
    Array.isArray(candidate)
      ? 'array'
      : candidate === null
        ? 'null'
        : typeof candidate === 'number' && Number.isInteger(candidate)
          ? 'integer'
          : typeof candidate;
  const actual = typeOf(value);
  if (
    types.length > 0 &&
    !types.some((type) => type === actual || (type === 'number' && actual === 'integer'))
  )
    return `${where} must be ${types.join(' or ')}, not ${actual}`;
  if (schema.enum && !schema.enum.includes(value as string))
    return `${where} must be one of ${schema.enum.join(', ')}, not ${JSON.stringify(value)}`;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      return `${where} must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum)
      return `${where} must be at most ${schema.maximum}`;
  }
  if (Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) {
      const problem = checkArguments(schema.items, item, `${where}[${index}]`);
      if (problem) return problem;
    }
  }
  if (actual === 'object' && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (record[name] === undefined) return `${where} need '${name}'`;
    for (const [name, item] of Object.entries(record)) {
      const property = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (!property) {
        if (schema.additionalProperties === false)
          return `unknown argument '${name}' (expected ${Object.keys(schema.properties).join(', ')})`;
        continue;
      }
      const problem = checkArguments(property, item, `'${name}'`);
      if (problem) return problem;
    }
  }
  return undefined;
}
