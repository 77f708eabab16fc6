// Tiny DOM builders. Every piece of text goes through createTextNode or setAttribute, so nothing read from a
// feature file is ever parsed as markup: this module is the reason the panel has no innerHTML.

export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | undefined | false;

const svgNs = 'http://www.w3.org/2000/svg';

function apply(node: Element, attrs: Attrs | undefined, children: Child[]): void {
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, attrs, children);
  return node;
}

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  apply(node, attrs, children);
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The nearest ancestor (or self) that carries `attribute`, within `root`. */
export function closestWith(
  target: EventTarget | null,
  attribute: string,
): HTMLElement | SVGElement | undefined {
  let node = target instanceof Element ? target : null;
  while (node) {
    if (node.hasAttribute(attribute) && (node instanceof HTMLElement || node instanceof SVGElement))
      return node;
    node = node.parentElement;
  }
  return undefined;
}

/** Formats a number compactly for chips and table cells (1200 -> 1.2k). */
export function compactNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${trim(value / 1_000_000)}M`;
  if (abs >= 10_000) return `${trim(value / 1000)}k`;
  return trim(value);
}

/** One decimal for large numbers, two below 10, so that an impact of 0.25 reads 0.25, not 0.3. */
function trim(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const factor = Math.abs(value) < 10 ? 100 : 10;
  return String(Math.round(value * factor) / factor);
}
