// The front-matter JSON Schema, generated from the same field list the validator dispatches on, for editors,
// for other linters (remark-lint-frontmatter-schema) and for the published `schemas/` folder.
import {
  configJsonSchema,
  defaultConfig,
  type CustomFieldDefinition,
  type FieldReading,
  type RoadmapConfig,
  type SubFieldDefinition,
} from './config';
import { featureFields, type FieldSpec } from './schema';

type JsonSchema = Record<string, unknown>;

/** A day, optionally followed by a time of day (`2025-09-06 21:22`, ISO 8601 with `T`, seconds and a zone). */
const isoDatePattern =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?\\s?(Z|[+-]\\d{2}:?\\d{2})?)?$';

function schemaOf(field: FieldSpec, config: RoadmapConfig): JsonSchema {
  const base = { description: field.description };
  switch (field.kind) {
    case 'id':
      return { ...base, type: ['string', 'integer'], pattern: '^[^\\s,\\[\\]{}#&*!|>\'"%@`]+$' };
    case 'text':
    case 'milestone':
    case 'goal': {
      const known =
        field.kind === 'milestone' ? config.milestones : field.kind === 'goal' ? config.goals : [];
      return known.length > 0
        ? { ...base, enum: known.map((entry) => entry.id) }
        : { ...base, type: 'string' };
    }
    case 'status':
      return { ...base, enum: config.statuses.map((status) => status.id) };
    case 'enum':
      return { ...base, enum: [...(field.values ?? [])] };
    case 'number':
      return { ...base, type: 'number' };
    case 'nonNegativeNumber':
      return { ...base, type: 'number', minimum: 0 };
    case 'positiveNumber':
      return { ...base, type: 'number', exclusiveMinimum: 0 };
    case 'scale10':
      return { ...base, type: 'number', minimum: 1, maximum: 10 };
    case 'impactTier':
      return { ...base, enum: (field.rubric ?? []).map((tier) => tier.value) };
    case 'confidence':
      return {
        ...base,
        anyOf: [
          { type: 'number', exclusiveMinimum: 0, maximum: 100 },
          { type: 'string', pattern: '^\\s*(100|[1-9]?\\d(\\.\\d+)?)\\s*%\\s*$' },
        ],
      };
    case 'percent':
      return { ...base, type: 'number', minimum: 0, maximum: 100 };
    case 'date':
      return { ...base, type: 'string', pattern: isoDatePattern };
    case 'quarter':
      return { ...base, type: 'string', pattern: '^\\d{4}-Q[1-4]$' };
    case 'idList':
    case 'textList':
      return {
        ...base,
        anyOf: [{ type: 'array', items: { type: ['string', 'integer'] } }, { type: ['string', 'integer'] }],
      };
    case 'people':
      return { ...base, anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    case 'evidence':
      return {
        ...base,
        type: 'array',
        items: {
          anyOf: [
            { type: 'string', pattern: '^https?://' },
            {
              type: 'object',
              required: ['url'],
              additionalProperties: false,
              properties: { url: { type: 'string', pattern: '^https?://' }, note: { type: 'string' } },
            },
          ],
        },
      };
    case 'object':
      return {
        ...base,
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          (field.children ?? []).map((child) => [child.name, schemaOf(child, config)]),
        ),
      };
    default:
      return base;
  }
}

const customTypes: Record<string, JsonSchema> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  date: { type: 'string', pattern: isoDatePattern },
  url: { type: 'string', pattern: '^https?://' },
  list: { anyOf: [{ type: 'array' }, { type: ['string', 'number'] }] },
  version: { type: 'string', pattern: '^v?\\d+(\\.\\d+)*([-+][0-9A-Za-z.-]+)?$' },
  map: { type: 'object' },
  any: {},
};

function customSchema(definition: CustomFieldDefinition | SubFieldDefinition): JsonSchema {
  if (definition.type === 'enum')
    return { enum: definition.values ?? [], description: definition.description };
  const typed = 'fields' in definition && definition.fields ? definition.fields : undefined;
  return {
    ...customTypes[definition.type],
    ...(typed
      ? {
          properties: Object.fromEntries(Object.entries(typed).map(([key, sub]) => [key, customSchema(sub)])),
        }
      : {}),
    description: definition.description,
  };
}

/**
 * A field's schema widened to what the config lets files write: the team's words (`map`), placeholders
 * (`empty`), and a delimited string (`split`) all validate, as they do in the linter.
 */
function asWritten(schema: JsonSchema, reading: FieldReading): JsonSchema {
  const words = [...Object.keys(reading.map ?? {}), ...(reading.empty ?? [])];
  const alternatives: JsonSchema[] = [schema];
  if (words.length > 0) alternatives.push({ enum: words });
  if (reading.split !== undefined) alternatives.push({ type: 'string' });
  return alternatives.length === 1
    ? schema
    : { description: schema.description, anyOf: alternatives.map(({ description: _, ...rest }) => rest) };
}

/** The front-matter schema for a config (statuses, milestones, goals, custom fields and required fields). */
export function featureJsonSchema(config: RoadmapConfig = defaultConfig()): JsonSchema {
  const properties: Record<string, JsonSchema> = Object.fromEntries(
    featureFields.map((field) => [field.name, schemaOf(field, config)]),
  );
  for (const [name, definition] of Object.entries(config.fields)) properties[name] = customSchema(definition);
  for (const [name, reading] of Object.entries(config.reading))
    if (properties[name]) properties[name] = asWritten(properties[name], reading);
  for (const [alias, field] of Object.entries(config.aliases))
    if (properties[field]) properties[alias] = properties[field];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://markdown-roadmap.dev/schemas/feature.schema.json',
    title: 'Markdown Roadmap feature front-matter',
    type: 'object',
    required: config.required,
    additionalProperties: false,
    properties,
  };
}

export { configJsonSchema };
