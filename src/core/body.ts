// The Markdown body, parsed with remark only when something asks (the panel's progress, outline, links):
// never during indexing, where it would cost about forty times the front-matter.
import type { Heading, Link, ListItem, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { splitFrontmatter } from './fences';

export interface BodyInsights {
  tasks: { done: number; total: number };
  headings: { depth: number; text: string; line: number }[];
  /** Relative links to other Markdown files (candidates for feature references). */
  featureLinks: { target: string; line: number }[];
}

function textOf(node: { value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? [])
    .map((child) => textOf(child as { value?: string; children?: unknown[] }))
    .join('');
}

export function analyzeBody(text: string): BodyInsights {
  const split = splitFrontmatter(text);
  const bodyStart = split.kind === 'closed' ? split.bodyStart : 0;
  const lineOffset = split.kind === 'closed' ? text.slice(0, bodyStart).split('\n').length - 1 : 0;
  const tree: Root = fromMarkdown(text.slice(bodyStart), {
    extensions: [gfmTaskListItem()],
    mdastExtensions: [gfmTaskListItemFromMarkdown()],
  });
  const insights: BodyInsights = { tasks: { done: 0, total: 0 }, headings: [], featureLinks: [] };
  const visit = (node: { type: string; children?: unknown[]; position?: { start: { line: number } } }) => {
    const line = (node.position?.start.line ?? 1) - 1 + lineOffset;
    if (node.type === 'listItem') {
      const checked = (node as ListItem).checked;
      if (checked === true || checked === false) {
        insights.tasks.total++;
        if (checked) insights.tasks.done++;
      }
    } else if (node.type === 'heading') {
      insights.headings.push({ depth: (node as Heading).depth, text: textOf(node as Heading), line });
    } else if (node.type === 'link') {
      const url = (node as Link).url;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && markdownLink.test(url))
        insights.featureLinks.push({ target: url, line });
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree);
  return insights;
}

const markdownLink = /\.(md|markdown)(#.*)?$/i;
