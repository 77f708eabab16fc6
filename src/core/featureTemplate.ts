// A new feature file: the team's template (.roadmap/templates/feature.md) or a built-in one, its placeholders
// filled and its answers set as fields, with the next free id, next to the existing features. Shared by the
// New Feature command and the agents' create_feature tool.
import { nextFreeId } from './crossRules';
import { applyEdits, formatScalar, setField, type FieldValue } from './edits';
import { splitFrontmatter } from './fences';
import type { RoadmapConfig } from './config';
import type { Feature, Moscow } from './types';

/** What a new feature starts with: a title and a status always, the rest when known. */
export interface NewFeatureAnswers {
  title: string;
  status: string;
  moscow?: Moscow;
  reach?: number;
  impact?: number;
  /** In percent: 80 means 80%. */
  confidence?: number;
  effort?: number;
  milestone?: string;
}

/** New features start in the first to-do status. */
export function defaultStatus(config: RoadmapConfig): string {
  return (config.statuses.find((status) => status.category === 'todo') ?? config.statuses[0]).id;
}

export const templatePath = '.roadmap/templates/feature.md';
const defaultFeatureDirectory = 'roadmap';

/** Every planning field, so that a new file shows what can be filled in; empty fields read as absent. */
export const builtInTemplate = `---
id: {{id}}
title: {{title}}
status: {{status}}
moscow: {{moscow}}
rice:
  reach: {{reach}} # people or accounts per quarter
  impact: {{impact}} # 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal
  confidence: {{confidence}} # 100% high, 80% medium, 50% low
  effort: {{effort}} # person-months
owner:
team:
milestone: {{milestone}}
quarter:
start:
end:
depends_on: []
goal:
tags: []
evidence: []
---

# {{title}}

## Problem

Who is struggling, with what, and how often? What does it cost them today?

## Proposed solution

The smallest change that solves the problem.

## Tasks

- [ ] Spec
- [ ] Build
- [ ] Docs

## Evidence

- Link tickets, feedback posts and call notes here and in \`evidence:\`.
`;

/** The folder-relative directory holding the most features; `roadmap` when there are none. */
export function featureDirectory(features: readonly Feature[]): string {
  const counts = new Map<string, number>();
  for (const feature of features) {
    const directory = feature.file.includes('/') ? feature.file.slice(0, feature.file.lastIndexOf('/')) : '';
    counts.set(directory, (counts.get(directory) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [directory, count] of counts) {
    if (best === undefined || count > counts.get(best)! || (count === counts.get(best)! && directory < best))
      best = directory;
  }
  return best ?? defaultFeatureDirectory;
}

/** The next id in the series most features use (F-007 after F-006), F-001 in an empty roadmap. */
export function nextFeatureId(features: readonly Feature[]): string {
  const ids = features.map((feature) => feature.id).filter((id): id is string => id !== undefined);
  const seriesCount = new Map<string, { count: number; example: string }>();
  for (const id of ids) {
    const match = /^(.*?)(\d+)$/.exec(id);
    if (!match) continue;
    const series = seriesCount.get(match[1]);
    seriesCount.set(match[1], { count: (series?.count ?? 0) + 1, example: series?.example ?? id });
  }
  const common = [...seriesCount.values()].sort((a, b) => b.count - a.count)[0];
  return nextFreeId(ids, common?.example ?? 'F-000');
}

export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'feature' : slug;
}

/** Today's date in local time, yyyy-mm-dd: what a person writing the file would put. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The template with its placeholders filled, then every answer set as a front-matter field (so answers land
 * even when a team template has no placeholder for them). undefined when the template has no front-matter.
 */
export function renderFeature(
  template: string,
  id: string,
  answers: NewFeatureAnswers,
  today = localToday(),
): string | undefined {
  // One line each: a title with a line break would otherwise end the YAML scalar.
  const title = answers.title.replace(/\s+/g, ' ').trim();
  const values: Record<string, string> = {
    id,
    title,
    status: answers.status,
    moscow: answers.moscow ?? '',
    milestone: answers.milestone ?? '',
    today,
    reach: answers.reach === undefined ? '' : String(answers.reach),
    impact: answers.impact === undefined ? '' : String(answers.impact),
    confidence: answers.confidence === undefined ? '' : `${answers.confidence}%`,
    effort: answers.effort === undefined ? '' : String(answers.effort),
  };
  let text = fillPlaceholders(template, values);
  const changes: { path: readonly [string] | readonly [string, string]; value: FieldValue | undefined }[] = [
    { path: ['id'], value: id },
    { path: ['title'], value: title },
    { path: ['status'], value: answers.status },
  ];
  if (answers.moscow) changes.push({ path: ['moscow'], value: answers.moscow });
  if (answers.milestone) changes.push({ path: ['milestone'], value: answers.milestone });
  for (const [field, value] of [
    ['reach', answers.reach],
    ['impact', answers.impact],
    ['confidence', answers.confidence === undefined ? undefined : `${answers.confidence}%`],
    ['effort', answers.effort],
  ] as const) {
    if (value !== undefined) changes.push({ path: ['rice', field], value });
  }
  for (const change of changes) {
    const result = setField(text, change.path, change.value!);
    if (!result.ok) return undefined;
    text = applyEdits(text, result.edits);
  }
  return text;
}

/**
 * Fills `{{name}}` placeholders. In the front-matter a value is written as YAML: inside the template's own
 * quotes it is escaped for that quote style, bare it is quoted when YAML would misread it, and an empty value
 * leaves the field empty. In comments and the body it is plain text. Unknown placeholders become empty.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  // hasOwn: a template's {{constructor}} must not reach Object.prototype.
  const valueOf = (name: string) => (Object.hasOwn(values, name) ? values[name] : '');
  const plain = (text: string) =>
    text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => valueOf(name));
  const split = splitFrontmatter(template);
  if (split.kind !== 'closed') return plain(template);
  const yaml = template
    .slice(split.yamlStart, split.yamlEnd)
    .split('\n')
    .map((line) => {
      if (line.trimStart().startsWith('#')) return plain(line);
      const filled = line.replace(
        /( ?)(["']?)\{\{\s*(\w+)\s*\}\}\2/g,
        (_match, space: string, quote: string, name: string) => {
          const value = valueOf(name);
          // An empty value leaves the field empty (`moscow:`), which reads as absent.
          if (value === '') return '';
          if (quote === '"') return space + JSON.stringify(value);
          if (quote === "'") return `${space}'${value.replace(/'/g, "''")}'`;
          return space + formatScalar(value);
        },
      );
      // An emptied placeholder can leave spaces at the end of the line; they would only show up in diffs.
      return filled === line ? line : filled.replace(/[ \t]+(\r?)$/, '$1');
    })
    .join('\n');
  return template.slice(0, split.yamlStart) + yaml + plain(template.slice(split.yamlEnd));
}
