// Writes schemas/feature.schema.json and schemas/config.schema.json from the core's schema source.
// `npm run schemas`; a unit test fails when the committed files fall behind the source.
import { writeFileSync } from 'node:fs';
import { configJsonSchema, featureJsonSchema } from '../src/core/jsonSchema';

export function renderSchemas(): Record<string, string> {
  return {
    'schemas/feature.schema.json': JSON.stringify(featureJsonSchema(), null, 2) + '\n',
    'schemas/config.schema.json': JSON.stringify(configJsonSchema, null, 2) + '\n',
  };
}

if (process.argv[1]?.endsWith('generateSchemas.ts')) {
  for (const [path, text] of Object.entries(renderSchemas())) writeFileSync(path, text);
  console.log('schemas written');
}
