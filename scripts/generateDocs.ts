// Fills the generated parts of README.md (field reference, rule reference, commands, settings) from the
// schema and the manifest, so the docs cannot drift from the code. `npm run docs`; a unit test checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/core/config';
import { featureFields, rules, type FieldSpec } from '../src/core/schema';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: {
      properties: Record<string, { type: string; default: unknown; description: string; enum?: string[] }>;
    };
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function fieldRows(fields: readonly FieldSpec[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    const values = field.rubric
      ? field.rubric
          .map(
            (tier) => `${tier.value}${field.kind === 'confidence' ? '%' : ''} (${tier.label.toLowerCase()})`,
          )
          .join(', ')
      : (field.values?.join(', ') ?? '');
    const row = `| \`${prefix}${field.name}\` | ${cell(field.description)}${values ? ` Values: ${cell(values)}.` : ''} | \`${cell(field.example)}\` |`;
    return [row, ...fieldRows(field.children ?? [], `${field.name}.`)];
  });
}

function ruleSections(): string {
  return rules
    .map(
      (rule) =>
        `<a id="rule-${rule.code}"></a>\n#### \`${rule.code}\`\n\n${rule.summary} Default severity: **${rule.severity}**${rule.crossFile ? ' (cross-file: checked on the whole workspace)' : ''}.\n`,
    )
    .join('\n');
}

/** One row per top-level key of `.roadmap/config.yaml`, from the config's JSON Schema. */
function configRows(): string[] {
  return Object.entries(configJsonSchema.properties).map(([key, schema]) => {
    const description = 'description' in schema ? schema.description : '';
    return `| \`${key}\` | ${cell(description)} |`;
  });
}

export function renderGeneratedSections(manifest: Manifest): Record<string, string> {
  const commands = manifest.contributes.commands.map(
    (command) => `| ${command.category ?? ''}: ${cell(command.title)} | \`${command.command}\` |`,
  );
  const settings = Object.entries(manifest.contributes.configuration.properties).map(
    ([key, setting]) =>
      `| \`${key}\` | ${setting.enum ? setting.enum.map((value) => `\`${value}\``).join(', ') : setting.type} | \`${JSON.stringify(setting.default)}\` | ${cell(setting.description)} |`,
  );
  return {
    fields: ['| Field | Meaning | Example |', '| --- | --- | --- |', ...fieldRows(featureFields)].join('\n'),
    config: ['| Key | Meaning |', '| --- | --- |', ...configRows()].join('\n'),
    rules: [
      '| Code | Default | Checks |',
      '| --- | --- | --- |',
      ...rules.map(
        (rule) => `| [\`${rule.code}\`](#rule-${rule.code}) | ${rule.severity} | ${cell(rule.summary)} |`,
      ),
      '',
      ruleSections(),
    ].join('\n'),
    commands: ['| Command | Id |', '| --- | --- |', ...commands].join('\n'),
    settings: ['| Setting | Values | Default | Meaning |', '| --- | --- | --- | --- |', ...settings].join(
      '\n',
    ),
  };
}

export function fillReadme(readme: string, sections: Record<string, string>): string {
  let result = readme;
  for (const [name, content] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(result)) throw new Error(`README.md has no <!-- generated:${name} --> markers`);
    result = result.replace(
      pattern,
      (_match, open: string, close: string) => `${open}\n${content}\n${close}`,
    );
  }
  return result;
}

if (process.argv[1]?.endsWith('generateDocs.ts')) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  writeFileSync(
    'README.md',
    fillReadme(readFileSync('README.md', 'utf8'), renderGeneratedSections(manifest)),
  );
  console.log('README.md generated sections updated');
}
