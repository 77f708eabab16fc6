// Completion candidates in the front-matter, as plain data: the adapter turns them into CompletionItems.
// Field names and their documentation come from the schema and the config's custom fields; values from the
// config (statuses, milestones, goals, custom enums), the schema's rubrics, and the index (ids, owners, teams).
import { canonicalField, type RoadmapConfig } from '../config';
import { formatScalar } from '../edits';
import { moscowRubric, featureFields, type FieldSpec } from '../schema';
import type { Feature, Span } from '../types';
import { frontmatterContext, type KeyContext, type ValueContext } from './cursorContext';
import { fieldDocumentation, resolveField } from './fieldDocs';
import { featureCard } from './featureSummary';

export type CandidateKind = 'field' | 'block' | 'enum' | 'value' | 'reference' | 'person';

export interface CompletionCandidate {
  label: string;
  kind: CandidateKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText is a snippet (tab stops, choices). */
  snippet: boolean;
  /** The text the candidate replaces; on the cursor's line and containing the cursor. */
  span: Span;
  sortText: string;
  /** Open completion again after inserting: a key whose value has suggestions of its own. */
  retrigger: boolean;
}

export interface CompletionInput {
  text: string;
  offset: number;
  config: RoadmapConfig;
  /** The features of the file's workspace folder (from the index). */
  features: readonly Feature[];
  /** The file's index key: its own id is never offered as its dependency. */
  file: string;
}

/** Whole blocks for the scoring objects: typing `rice` should not mean typing four more keys by hand. */
const blockSnippets: Record<string, string> = {
  rice: 'rice:\n  reach: ${1:1000}\n  impact: ${2|3,2,1,0.5,0.25|}\n  confidence: ${3|100%,80%,50%|}\n  effort: ${4:1}',
  ice: 'ice:\n  impact: ${1:5}\n  confidence: ${2:5}\n  ease: ${3:5}',
  wsjf: 'wsjf:\n  business_value: ${1:5}\n  time_criticality: ${2:5}\n  risk_reduction: ${3:0}\n  job_size: ${4:3}',
  depends_on: 'depends_on: [$1]',
  tags: 'tags: [$1]',
  evidence: 'evidence:\n  - ${1:https://}',
};

const sortKey = (index: number) => String(index).padStart(4, '0');

export function completionsAt(input: CompletionInput): CompletionCandidate[] {
  const context = frontmatterContext(input.text, input.offset);
  if (!context) return [];
  return context.kind === 'key' ? keyCandidates(context, input) : valueCandidates(context, input);
}

/** Whether a field has value suggestions, so that inserting its key should reopen completion. */
function hasValueSuggestions(spec: FieldSpec | undefined, name: string, input: CompletionInput): boolean {
  if (!spec) {
    const custom = input.config.fields[name];
    return custom?.type === 'enum' || custom?.type === 'boolean';
  }
  switch (spec.kind) {
    case 'status':
    case 'enum':
    case 'impactTier':
    case 'confidence':
    case 'idList':
      return true;
    case 'milestone':
      return input.config.milestones.length > 0;
    case 'goal':
      return input.config.goals.length > 0;
    case 'people':
      return true;
    case 'text':
      return spec.name === 'team';
    default:
      return false;
  }
}

function keyCandidates(context: KeyContext, input: CompletionInput): CompletionCandidate[] {
  const { config } = input;
  const canonical = (key: string) => canonicalField(config.aliases, key);
  const present = new Set(context.present.map(canonical));
  const candidates: CompletionCandidate[] = [];
  const keyText = (
    name: string,
    retrigger: boolean,
  ): Pick<CompletionCandidate, 'insertText' | 'retrigger'> =>
    context.followedByColon ? { insertText: name, retrigger: false } : { insertText: `${name}: `, retrigger };

  if (context.parent.length === 0) {
    featureFields.forEach((spec, index) => {
      if (present.has(spec.name)) return;
      const documentation = fieldDocumentation({ name: spec.name, spec }, config);
      const block = blockSnippets[spec.name];
      // A scoring model other than the configured one still validates; it just sorts after the rest.
      const order = (spec.kind === 'object' && spec.name !== config.scoring.model ? 100 : 0) + index;
      if (block && context.ownLine && !context.followedByColon) {
        candidates.push({
          label: spec.name,
          kind: spec.kind === 'object' ? 'block' : 'field',
          detail: spec.kind === 'object' ? `${spec.name} block` : 'list',
          documentation,
          insertText: block,
          snippet: true,
          span: context.span,
          sortText: sortKey(order),
          retrigger: spec.kind === 'idList' || spec.kind === 'textList',
        });
        return;
      }
      candidates.push({
        label: spec.name,
        kind: 'field',
        detail: spec.description,
        documentation,
        ...keyText(spec.name, hasValueSuggestions(spec, spec.name, input)),
        snippet: false,
        span: context.span,
        sortText: sortKey(order),
      });
    });
    Object.entries(config.fields).forEach(([name, definition], index) => {
      if (present.has(name)) return;
      candidates.push({
        label: name,
        kind: 'field',
        detail: `custom ${definition.type}`,
        documentation: fieldDocumentation({ name, custom: definition }, config),
        ...keyText(name, hasValueSuggestions(undefined, name, input)),
        snippet: false,
        span: context.span,
        sortText: sortKey(50 + index),
      });
    });
    return candidates;
  }

  if (context.parent.length !== 1) return [];
  const parent = resolveField(context.parent, config);
  parent?.spec?.children?.forEach((child, index) => {
    if (present.has(child.name)) return;
    const field = { name: parent.name, child: child.name, spec: child };
    candidates.push({
      label: child.name,
      kind: 'field',
      detail: child.description,
      documentation: fieldDocumentation(field, config),
      ...keyText(child.name, hasValueSuggestions(child, child.name, input)),
      snippet: false,
      span: context.span,
      sortText: sortKey(index),
    });
  });
  return candidates;
}

function valueCandidates(context: ValueContext, input: CompletionInput): CompletionCandidate[] {
  const { config } = input;
  const field = resolveField(context.path, config);
  if (!field) return [];
  const space = context.needsSpace ? ' ' : '';
  const candidates: CompletionCandidate[] = [];
  const add = (
    candidate: Omit<CompletionCandidate, 'span' | 'sortText' | 'snippet' | 'retrigger' | 'insertText'> & {
      insertText?: string;
    },
  ) =>
    candidates.push({
      snippet: false,
      retrigger: false,
      ...candidate,
      insertText: space + (candidate.insertText ?? formatScalar(candidate.label)),
      span: context.span,
      sortText: sortKey(candidates.length),
    });
  const isList = context.list !== undefined;
  const spec = field.spec;

  if (field.custom) {
    if (isList) return [];
    if (field.custom.type === 'enum')
      for (const value of field.custom.values ?? []) add({ label: value, kind: 'enum' });
    if (field.custom.type === 'boolean')
      for (const value of ['true', 'false']) add({ label: value, kind: 'value', insertText: value });
    return candidates;
  }
  if (!spec) return [];
  const listField = spec.kind === 'idList' || spec.kind === 'textList';
  // Scalar fields take no list items. List fields take items one by one; written bare (`depends_on: F-0`), an
  // id is offered as a whole `[id]` list, which is what the validator would ask for anyway.
  if (isList && !listField) return [];
  if (!isList && spec.kind === 'textList') return [];

  switch (spec.kind) {
    case 'status':
      for (const status of config.statuses)
        add({ label: status.id, kind: 'enum', detail: `${status.title} (${status.category})` });
      break;
    case 'enum':
      for (const entry of moscowRubric)
        add({ label: entry.value, kind: 'enum', detail: entry.label, documentation: entry.meaning });
      break;
    case 'impactTier':
      for (const tier of spec.rubric ?? []) {
        add({
          label: `${tier.value} · ${tier.label}`,
          kind: 'enum',
          detail: tier.label,
          documentation: tier.meaning,
          insertText: String(tier.value),
        });
      }
      break;
    case 'confidence':
      for (const tier of spec.rubric ?? []) {
        add({
          label: `${tier.value}% · ${tier.label}`,
          kind: 'enum',
          detail: tier.label,
          documentation: tier.meaning,
          insertText: `${tier.value}%`,
        });
      }
      break;
    case 'milestone':
      for (const milestone of config.milestones) {
        add({
          label: milestone.id,
          kind: 'reference',
          detail: milestone.date ? `${milestone.title} · ${milestone.date}` : milestone.title,
        });
      }
      break;
    case 'goal':
      for (const goal of config.goals) add({ label: goal.id, kind: 'reference', detail: goal.title });
      break;
    case 'people':
      for (const person of distinct(
        input.features.flatMap((feature) => feature.owners ?? (feature.owner ? [feature.owner] : [])),
      ))
        add({ label: person, kind: 'person' });
      break;
    case 'text':
      if (spec.name === 'team') {
        for (const team of distinct(input.features.map((feature) => feature.team)))
          add({ label: team, kind: 'person' });
      }
      break;
    case 'textList': {
      const taken = new Set(context.others);
      for (const tag of distinct(input.features.flatMap((feature) => feature.tags)))
        if (!taken.has(tag)) add({ label: tag, kind: 'value' });
      break;
    }
    case 'idList': {
      const self = input.features.find((feature) => feature.file === input.file)?.id;
      const taken = new Set([...context.others, ...(self === undefined ? [] : [self])]);
      const seen = new Set<string>();
      const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
      const byId = input.features
        .filter((feature) => feature.id !== undefined)
        .sort((a, b) => collator.compare(a.id!, b.id!));
      for (const feature of byId) {
        if (feature.id === undefined || taken.has(feature.id) || seen.has(feature.id)) continue;
        seen.add(feature.id);
        add({
          label: feature.id,
          kind: 'reference',
          detail: feature.title,
          documentation: featureCard(feature, config),
          insertText: isList ? formatScalar(feature.id) : `[${formatScalar(feature.id)}]`,
        });
      }
      break;
    }
    default:
      break;
  }
  return candidates;
}

function distinct(values: readonly (string | undefined)[]): string[] {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...new Set(values.filter((value): value is string => !!value))].sort(collator.compare);
}
