// A feature's Markdown body as HTML for the published site, safe by construction: remark's parser gives the
// syntax tree (mdast), and this file writes HTML from it node by node. Nothing from the file is ever copied
// through as markup: raw HTML in the body is shown as text, every text and attribute is escaped, and link and
// image addresses go through micromark's own URL sanitiser, which drops `javascript:`, `data:` and every other
// scheme but http(s) and mailto. (remark-rehype and rehype-sanitize are not installed; a tree walk over a
// fixed set of node types is the same safety without two more dependencies.)
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { sanitizeUri } from 'micromark-util-sanitize-uri';
import { escapeHtml } from '../export/html';

/** Schemes a reader's browser may follow from a published page. */
const safeProtocols = /^(https?|mailto)$/i;

export interface MarkdownHtmlOptions {
  /**
   * Where a relative link of the body points on the site (another feature's page, or the file in its
   * repository), or undefined to show the link's text without a link. Absolute http(s)/mailto links are kept.
   */
  resolveRelative(url: string): string | undefined;
  /** The page's own title: a leading `# heading` with this text is not repeated under it. */
  title?: string;
}

export interface RenderedMarkdown {
  html: string;
  /** Task-list items, counted during the same walk (the body is parsed once per feature). */
  tasks: { done: number; total: number };
}

/** A link target safe to put in an href: sanitised absolute URLs, or what the resolver made of a relative one. */
export function safeHref(url: string, options: MarkdownHtmlOptions): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('#')) return `#${encodeURIComponent(trimmed.slice(1))}`;
  // A scheme (or something a browser would read as one after stripping tabs and line breaks).
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed.replace(/[\t\n\r]/g, ''))) {
    const sanitised = sanitizeUri(trimmed, safeProtocols);
    return sanitised === '' ? undefined : sanitised;
  }
  // Protocol-relative (`//host/...`) would leave the site; so would `\\host` in some browsers.
  if (/^[/\\]{2}/.test(trimmed)) return undefined;
  return options.resolveRelative(trimmed);
}

function attributeList(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
}

export function renderMarkdown(markdown: string, options: MarkdownHtmlOptions): RenderedMarkdown {
  const tree: Root = fromMarkdown(markdown, {
    extensions: [gfmTaskListItem()],
    mdastExtensions: [gfmTaskListItemFromMarkdown()],
  });
  const tasks = { done: 0, total: 0 };
  const definitions = new Map<string, string>();
  const collectDefinitions = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
    if ('children' in node) for (const child of node.children) collectDefinitions(child);
  };
  collectDefinitions(tree);
  const first = tree.children[0];
  if (first?.type === 'heading' && first.depth === 1 && toString(first).trim() === options.title?.trim())
    tree.children.shift();

  const children = (node: Nodes): string =>
    'children' in node ? node.children.map((child) => render(child)).join('') : '';

  const link = (url: string | undefined, title: string | null | undefined, content: string): string => {
    const href = url === undefined ? undefined : safeHref(url, options);
    if (href === undefined) return `<span class="dead-link">${content}</span>`;
    const external = /^(https?|mailto):/i.test(href);
    return `<a${attributeList({ href, title: title ?? undefined, rel: external ? 'noopener noreferrer nofollow' : undefined })}>${content}</a>`;
  };

  const render = (node: Nodes): string => {
    switch (node.type) {
      case 'root':
        return children(node);
      case 'paragraph':
        return `<p>${children(node)}</p>\n`;
      case 'heading': {
        // The page's own title is the h1; body headings start one level below it.
        const level = Math.min(6, node.depth + 1);
        return `<h${level}>${children(node)}</h${level}>\n`;
      }
      case 'text':
        return escapeHtml(node.value);
      case 'emphasis':
        return `<em>${children(node)}</em>`;
      case 'strong':
        return `<strong>${children(node)}</strong>`;
      case 'delete':
        return `<del>${children(node)}</del>`;
      case 'inlineCode':
        return `<code>${escapeHtml(node.value)}</code>`;
      case 'code':
        return `<pre><code${node.lang ? ` class="language-${escapeHtml(node.lang.replace(/[^\w-]/g, ''))}"` : ''}>${escapeHtml(node.value)}</code></pre>\n`;
      case 'blockquote':
        return `<blockquote>${children(node)}</blockquote>\n`;
      case 'list': {
        const tag = node.ordered ? 'ol' : 'ul';
        const start = node.ordered && node.start !== null && node.start !== undefined && node.start !== 1;
        return `<${tag}${start ? ` start="${Number(node.start)}"` : ''}>\n${children(node)}</${tag}>\n`;
      }
      case 'listItem': {
        const content = node.spread
          ? children(node)
          : node.children
              .map((child) => (child.type === 'paragraph' ? children(child) : render(child)))
              .join('');
        if (node.checked === true || node.checked === false) {
          tasks.total++;
          if (node.checked) tasks.done++;
          return `<li class="task"><input type="checkbox" disabled${node.checked ? ' checked' : ''} aria-label="${node.checked ? 'done' : 'to do'}"> ${content}</li>\n`;
        }
        return `<li>${content}</li>\n`;
      }
      case 'thematicBreak':
        return '<hr>\n';
      case 'break':
        return '<br>\n';
      case 'link':
        return link(node.url, node.title, children(node));
      case 'linkReference':
        return link(definitions.get(node.identifier), undefined, children(node));
      case 'image':
      case 'imageReference': {
        // Images would be requests the page makes on its own (trackers, or files outside the site): the
        // alternative text is shown as a link instead, which the reader may choose to follow.
        const url = node.type === 'image' ? node.url : definitions.get(node.identifier);
        return link(url, undefined, escapeHtml(node.alt ? `[image: ${node.alt}]` : '[image]'));
      }
      case 'html':
        // Raw HTML is shown as the text it is, never interpreted.
        return node.value.includes('\n')
          ? `<pre class="raw-html"><code>${escapeHtml(node.value)}</code></pre>\n`
          : `<code class="raw-html">${escapeHtml(node.value)}</code>`;
      case 'definition':
        return '';
      default:
        // Node types this renderer does not know (extensions) keep their text, escaped.
        return 'value' in node && typeof node.value === 'string' ? escapeHtml(node.value) : children(node);
    }
  };
  return { html: render(tree), tasks };
}
