// What the quick-fix tests share: a feature file around some front-matter, the issues the index reports for it
// (with other files beside it for cross-file rules), and the fixes offered for one of them.
import assert from 'node:assert/strict';
import { defaultConfig, type RoadmapConfig } from '../../src/core/config';
import { applyEdits } from '../../src/core/edits';
import { fixesFor, type Fix, type FixContext } from '../../src/core/language/fixes';
import type { Issue, RuleCode } from '../../src/core/types';
import { WorkspaceIndex } from '../../src/core/workspaceIndex';

export const head = (front: string) => `---\n${front}\n---\n# Heading here\n`;
export const base = 'id: F-001\ntitle: One\nstatus: planned';

export function contextFor(file: string, ids: string[], config: RoadmapConfig = defaultConfig()): FixContext {
  return { file, config, ids, titleOf: (id) => (id === 'F-001' ? 'One' : undefined) };
}

/** The issues of one file, with the other files indexed next to it (for cross-file rules). */
export function issuesOf(
  text: string,
  others: Record<string, string> = {},
  config = defaultConfig(),
): Issue[] {
  const index = new WorkspaceIndex(config);
  for (const [file, other] of Object.entries(others)) index.update(file, other);
  index.update('roadmap/this.md', text);
  index.flush();
  return index.issues('roadmap/this.md');
}

export function fixes(
  text: string,
  code: RuleCode,
  others: Record<string, string> = {},
  config = defaultConfig(),
): Fix[] {
  const issue = issuesOf(text, others, config).find((candidate) => candidate.code === code);
  assert.ok(issue, `${code} in ${JSON.stringify(issuesOf(text, others, config).map((i) => i.code))}`);
  return fixesFor(
    issue,
    text,
    contextFor(
      'roadmap/this.md',
      ['F-001', 'F-002', ...Object.keys(others).map((_, i) => `F-01${i}`)],
      config,
    ),
  );
}

export const preferred = (list: Fix[]) => {
  const fix = list.find((candidate) => candidate.preferred);
  assert.ok(fix, `a preferred fix among ${list.map((candidate) => candidate.title).join(', ')}`);
  return fix;
};
export const apply = (text: string, fix: Fix) => applyEdits(text, fix.edits);

/** The fix titled `title` among those for the first `code` issue (asserting it is there). */
export function fixTitled(list: Fix[], title: string): Fix {
  const fix = list.find((candidate) => candidate.title === title);
  assert.ok(fix, `'${title}' among ${JSON.stringify(list.map((candidate) => candidate.title))}`);
  return fix;
}

export const crlf = (text: string) => text.replace(/\n/g, '\r\n');
export const feature = (id: string, extra: string) =>
  head(`id: ${id}\ntitle: ${id}\nstatus: planned\n${extra}`);
