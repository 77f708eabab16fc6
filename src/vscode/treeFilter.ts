// The Roadmap tree's filter (Roadmap: Filter…): free words match id, title, people, plan fields and tags;
// `field:value` terms must equal the field.
import type { Feature } from '../core/types';

const filterFields = [
  'tag',
  'owner',
  'team',
  'status',
  'moscow',
  'milestone',
  'goal',
  'quarter',
  'id',
] as const;
type FilterField = (typeof filterFields)[number];

interface FilterTerm {
  field?: FilterField;
  value: string;
}

export function parseFilter(text: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  // A value may be quoted to hold spaces: owner:"ana silva".
  for (const match of text.matchAll(/(?:([a-z]+):)?(?:"([^"]*)"|(\S+))/gi)) {
    const prefix = match[1]?.toLowerCase();
    const value = (match[2] ?? match[3] ?? '').toLowerCase();
    const field = filterFields.find((candidate) => candidate === prefix);
    if (field) terms.push({ field, value });
    else if (prefix) terms.push({ value: `${prefix}:${value}` });
    else if (value !== '') terms.push({ value });
  }
  return terms;
}

function fieldValues(feature: Feature, field: FilterField): string[] {
  if (field === 'tag') return feature.tags;
  const value = feature[field];
  return typeof value === 'string' ? [value] : [];
}

export function matchesFilter(feature: Feature, terms: readonly FilterTerm[]): boolean {
  return terms.every((term) => {
    if (term.field)
      return fieldValues(feature, term.field).some((value) => value.toLowerCase() === term.value);
    const haystack = [
      feature.id,
      feature.title,
      feature.owner,
      feature.team,
      feature.status,
      feature.milestone,
      feature.goal,
      feature.quarter,
      feature.file,
      ...feature.tags,
    ]
      .filter((part): part is string => typeof part === 'string')
      .join('\n')
      .toLowerCase();
    return haystack.includes(term.value);
  });
}
