import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderSchemas } from '../../scripts/generateSchemas';
import { featureJsonSchema } from '../../src/core/jsonSchema';
import { featureFields } from '../../src/core/schema';

test('the committed JSON Schemas match the schema source (run `npm run schemas` after changing it)', () => {
  for (const [path, text] of Object.entries(renderSchemas()))
    assert.equal(readFileSync(path, 'utf8'), text, path);
});

test('the front-matter schema describes every field, with the configured statuses', () => {
  const schema = featureJsonSchema();
  const properties = schema.properties as Record<string, { description?: string; enum?: unknown[] }>;
  for (const field of featureFields) assert.ok(properties[field.name]?.description, field.name);
  assert.deepEqual(properties.status.enum, ['idea', 'planned', 'in-progress', 'shipped', 'dropped']);
  assert.deepEqual(schema.required, ['id', 'title', 'status']);
});
