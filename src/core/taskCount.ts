// Task-list progress (`- [x] done`, `- [ ] to do`) without parsing the Markdown: the roadmap panel shows it
// for every feature, and remark over 10,000 bodies cost seconds and hundreds of megabytes. A line-based
// count agrees with remark's GFM task items on the plain lists feature files use; a body where Markdown
// structure could change the answer (code fences, block quotes, HTML comments, deeply indented items) is
// reported as needing the real parser instead of being guessed.
import { splitFrontmatter } from './fences';

export interface TaskCount {
  done: number;
  total: number;
}

/** A list item whose content starts with a GFM task marker followed by whitespace and some content (as GFM counts them). */
const taskItemLine = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?=[ \t]+\S)/gm;

/** Constructs in which a line that looks like a task item may not be one (or one may hide). */
const structureThatMatters = /^[ \t]*(?:```|~~~|>|<!--)/m;
/** Four columns of indentation: nested items (fine) or an indented code block (not a task): ambiguous. */
const deepTaskItem = /^(?: {4,}|\t)[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/m;

/** Counts task items by line in `markdown` (no front-matter handling): the sidecar README's count. */
export function countTaskLines(markdown: string): TaskCount {
  const tasks = { done: 0, total: 0 };
  for (const match of markdown.matchAll(taskItemLine)) {
    tasks.total++;
    if (match[1] !== ' ') tasks.done++;
  }
  return tasks;
}

/**
 * The task counts of a feature file's body, or undefined when only a Markdown parser can say (see above):
 * the caller then runs remark (analyzeBody) on this one file.
 */
export function quickTaskCount(text: string): TaskCount | undefined {
  const split = splitFrontmatter(text);
  const body = split.kind === 'closed' ? text.slice(split.bodyStart) : text;
  if (!body.includes('[')) return { done: 0, total: 0 };
  if (structureThatMatters.test(body) || deepTaskItem.test(body)) return undefined;
  return countTaskLines(body);
}
