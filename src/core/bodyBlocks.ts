// A feature's Markdown body reduced to plain blocks for the panel's details pane. Only text survives: no HTML,
// no images, links only when they are http(s) or mailto. The webview builds DOM nodes from these with
// createTextNode, so a body can never inject markup or script (sanitised by construction, not by filtering).
import type { Content, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { BodyBlock, BodyInline } from '../shared/protocol';
import { splitFrontmatter } from './fences';

/** The pane shows the start of a long body; the file is one click away for the rest. */
const maxBlocks = 200;
const maxBodyChars = 100_000;
const safeLink = /^(https?:|mailto:)/i;

type Node = Content | Root;

function inlines(
  node: Node,
  style?: BodyInline['style'],
  href?: string,
  out: BodyInline[] = [],
): BodyInline[] {
  const push = (text: string, own?: BodyInline['style']) => {
    if (text === '') return;
    const inline: BodyInline = { text };
    const effective = own ?? style;
    if (effective) inline.style = effective;
    if (href) inline.href = href;
    out.push(inline);
  };
  switch (node.type) {
    case 'text':
      push(node.value);
      break;
    case 'inlineCode':
      push(node.value, 'code');
      break;
    case 'html':
      push(node.value);
      break;
    case 'break':
      push('\n');
      break;
    case 'strong':
    case 'emphasis':
      for (const child of node.children) inlines(child, node.type, href, out);
      break;
    case 'link':
      for (const child of node.children)
        inlines(child, style, safeLink.test(node.url) ? node.url : undefined, out);
      break;
    case 'image':
      push(node.alt ? `[image: ${node.alt}]` : '[image]');
      break;
    default:
      if ('children' in node)
        for (const child of node.children as Content[]) inlines(child, style, href, out);
      else if ('value' in node && typeof node.value === 'string') push(node.value);
  }
  return out;
}

function blocks(nodes: readonly Content[], out: BodyBlock[]): void {
  for (const node of nodes) {
    if (out.length >= maxBlocks) return;
    switch (node.type) {
      case 'heading':
        out.push({ kind: 'heading', depth: node.depth, text: inlines(node) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', text: inlines(node) });
        break;
      case 'list':
        out.push({
          kind: 'list',
          ordered: node.ordered === true,
          items: node.children.map((item) => {
            const entry: { checked?: boolean; text: BodyInline[] } = { text: inlines(item) };
            if (typeof item.checked === 'boolean') entry.checked = item.checked;
            return entry;
          }),
        });
        break;
      case 'code':
        out.push({ kind: 'code', text: node.value });
        break;
      case 'html':
        out.push({ kind: 'code', text: node.value });
        break;
      case 'blockquote':
        out.push({ kind: 'quote', text: inlines(node) });
        break;
      case 'thematicBreak':
        out.push({ kind: 'rule' });
        break;
      default:
        if ('children' in node) blocks(node.children as Content[], out);
    }
  }
}

export function bodyBlocks(text: string): BodyBlock[] {
  const split = splitFrontmatter(text);
  const body = (split.kind === 'closed' ? text.slice(split.bodyStart) : text).slice(0, maxBodyChars);
  const tree = fromMarkdown(body, {
    extensions: [gfmTaskListItem()],
    mdastExtensions: [gfmTaskListItemFromMarkdown()],
  });
  const out: BodyBlock[] = [];
  blocks(tree.children, out);
  return out;
}
