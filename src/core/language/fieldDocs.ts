// Documentation of a front-matter field, written once from the schema (and the config's statuses,
// milestones, goals and custom fields) and shown by both completion and hover.
import { canonicalField, type CustomFieldDefinition, type RoadmapConfig } from '../config';
import { featureFieldByName, moscowRubric, type FieldSpec } from '../schema';
import { escapeMarkdown, markdownTable } from './markdownText';

export interface ResolvedField {
  /** The canonical top-level field name (an alias such as `priority` resolved to `moscow`). */
  name: string;
  /** The sub-field, for `rice.impact` and the like. */
  child?: string;
  spec?: FieldSpec;
  custom?: CustomFieldDefinition;
}

/** The field a written front-matter path refers to: ['priority'] → moscow, ['rice', 'impact'], ['depends_on', 2]. */
export function resolveField(
  path: readonly (string | number)[],
  config: RoadmapConfig,
): ResolvedField | undefined {
  if (path.length === 0) return undefined;
  const written = String(path[0]);
  const name = canonicalField(config.aliases, written);
  const top = featureFieldByName.get(name);
  const second = path[1];
  if (typeof second === 'string') {
    const child = top?.children?.find((candidate) => candidate.name === second);
    return child ? { name, child: second, spec: child } : undefined;
  }
  if (top) return { name, spec: top };
  const custom = config.fields[name];
  return custom ? { name, custom } : undefined;
}

/** The allowed values of a field as a table, when it has a closed or configured set of them. */
export function valueTable(field: ResolvedField, config: RoadmapConfig): string | undefined {
  const spec = field.spec;
  if (spec?.rubric) {
    const unit = spec.kind === 'confidence' ? '%' : '';
    return markdownTable(
      ['Value', 'Label', 'Meaning'],
      spec.rubric.map((entry) => [`${entry.value}${unit}`, entry.label, entry.meaning]),
    );
  }
  if (spec?.name === 'moscow') {
    return markdownTable(
      ['Value', 'Label', 'Meaning'],
      moscowRubric.map((entry) => [entry.value, entry.label, escapeMarkdown(entry.meaning)]),
    );
  }
  if (spec?.kind === 'status') {
    return markdownTable(
      ['Status', 'Title', 'Category'],
      config.statuses.map((status) => [
        escapeMarkdown(status.id),
        escapeMarkdown(status.title),
        status.category,
      ]),
    );
  }
  if (spec?.kind === 'milestone' && config.milestones.length > 0) {
    return markdownTable(
      ['Milestone', 'Title', 'Date'],
      config.milestones.map((milestone) => [
        escapeMarkdown(milestone.id),
        escapeMarkdown(milestone.title),
        milestone.date ?? '',
      ]),
    );
  }
  if (spec?.kind === 'goal' && config.goals.length > 0) {
    return markdownTable(
      ['Goal', 'Title'],
      config.goals.map((goal) => [escapeMarkdown(goal.id), escapeMarkdown(goal.title)]),
    );
  }
  if (field.custom?.type === 'enum' && field.custom.values) {
    return markdownTable(
      ['Value'],
      field.custom.values.map((value) => [escapeMarkdown(value)]),
    );
  }
  return undefined;
}

/** What a field means, its scale or allowed values, and an example. Markdown. */
export function fieldDocumentation(field: ResolvedField, config: RoadmapConfig): string {
  const title = field.child ? `${field.name}.${field.child}` : field.name;
  const parts: string[] = [];
  if (field.spec) {
    // Schema text is ours (it uses × and ÷ and `code` on purpose); only names a team chose are escaped.
    parts.push(`**${escapeMarkdown(title)}** — ${field.spec.description}`);
  } else if (field.custom) {
    const description = field.custom.description
      ? escapeMarkdown(field.custom.description)
      : 'A custom field declared in `.roadmap/config.yaml`.';
    parts.push(`**${escapeMarkdown(title)}** (custom, ${field.custom.type}) — ${description}`);
  }
  const table = valueTable(field, config);
  if (table) parts.push(table);
  if (field.spec) parts.push(`Example: \`${field.child ?? field.name}: ${field.spec.example}\``);
  return parts.join('\n\n');
}
