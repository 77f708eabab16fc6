// Dependencies: the depends_on graph drawn by Mermaid. Mermaid is big, so it is imported only when this view
// opens (esbuild splits it into its own chunk, which the CSP's 'strict-dynamic' lets the module load).
// securityLevel 'strict' turns off click callbacks and HTML in labels; labels are also entity-encoded and
// node ids generated (see mermaidText.ts), so a title can never become Mermaid syntax.
import type * as MermaidApi from 'mermaid';
import { closestWith, h } from '../dom';
import { themePalette } from '../exportSvg';
import {
  dependencyFlowchart,
  dependencyGraph,
  type DependencyGraph,
  type FlowchartColors,
} from '../mermaidText';
import type { RenderedView, ViewContext } from './viewTypes';

/** Above this many edges Mermaid's layout takes seconds; ask before drawing. */
export const largeGraphEdges = 400;

type MermaidTheme = 'default' | 'dark' | 'neutral';

export function mermaidTheme(body: HTMLElement): MermaidTheme {
  if (body.classList.contains('vscode-high-contrast-light')) return 'neutral';
  if (body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast'))
    return 'dark';
  return 'default';
}

function safeColour(value: string, fallback: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(value) ? value : fallback;
}

export function flowchartColours(): FlowchartColors {
  const palette = themePalette();
  return {
    cycle: safeColour(palette.error, '#e51400'),
    missing: safeColour(palette.warning, '#bf8803'),
    done: safeColour(palette.done, '#388a34'),
  };
}

/**
 * Mermaid's output is already sanitised by DOMPurify; it is still parsed as inert XML (never innerHTML) and
 * stripped of anything executable as a second line of defence.
 */
export function importSvg(markup: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = parsed.documentElement;
  if (svg.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
    throw new Error('Mermaid returned something that is not an SVG image.');
  }
  for (const script of [...svg.getElementsByTagName('script')]) script.remove();
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const isLink = name === 'href' || name === 'xlink:href';
      if (name.startsWith('on') || (isLink && !attribute.value.startsWith('#')))
        element.removeAttribute(attribute.name);
    }
  }
  decodeEntityText(svg);
  return document.importNode(svg, true) as unknown as SVGSVGElement;
}

/**
 * With SVG (non-HTML) labels Mermaid leaves the entity codes of quotedLabel as literal `&#60;` text. They
 * are decoded here in one pass over text nodes, so the result is plain text again and never markup.
 */
export function decodeEntityText(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (text.includes('&#')) {
      node.nodeValue = text.replace(/&#(\d{1,7});/g, (_, code: string) =>
        String.fromCodePoint(Math.min(Number(code), 0x10ffff)),
      );
    }
  }
}

let renderCounter = 0;

type MermaidModule = typeof MermaidApi;

/** Pauses before the second and third tries when a chunk of Mermaid fails to load. */
export const retryDelays = [300, 1000];

/**
 * Whether an error is the browser failing to fetch a lazily loaded module (Chromium, Firefox and WebKit
 * wordings). VS Code's webview resource loader can fail such a fetch once, typically right after the panel
 * opens; a second try works.
 */
export function isModuleFetchError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|importing a module script failed|error loading dynamically/i.test(
    message,
  );
}

/**
 * The URL the error names, cache-busted, when it is a script of this panel's own origin. Browsers that
 * follow the older module-map rule remember a failed fetch for the life of the page; a new URL is fetched
 * afresh.
 */
function refetchUrl(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const named = /(\S+\.js)(?:\?\S*)?\s*$/.exec(message)?.[1];
  if (!named) return undefined;
  try {
    const url = new URL(named);
    if (url.origin !== new URL(import.meta.url).origin) return undefined;
    url.searchParams.set('retry', String(++renderCounter));
    return url.href;
  } catch {
    return undefined;
  }
}

/** Runs `task` again after a short pause when it fails to fetch a module; other errors are final. */
async function withRetries<T>(task: (attempt: number, previous: unknown) => Promise<T>): Promise<T> {
  let previous: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt, previous);
    } catch (error) {
      const delay = retryDelays[attempt];
      if (delay === undefined || !isModuleFetchError(error)) throw error;
      previous = error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Mermaid, imported on first use. A failed fetch is tried again: as is, then under a fresh URL. */
function loadMermaid(): Promise<MermaidModule> {
  return withRetries(async (attempt, previous) => {
    const fresh = attempt >= 2 ? refetchUrl(previous) : undefined;
    if (fresh === undefined) return import('mermaid');
    return (await import(/* the same chunk under a new URL */ fresh)) as MermaidModule;
  });
}

async function drawGraph(source: string, edges: number): Promise<SVGSVGElement> {
  const { default: mermaid } = await loadMermaid();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // Throw instead of drawing Mermaid's own error picture into a stray element at the end of <body>.
    suppressErrorRendering: true,
    theme: mermaidTheme(document.body),
    // Plain SVG text labels (no foreignObject): they export and rasterise to PNG without tainting a canvas.
    htmlLabels: false,
    // Labels arrive wrapped (see quotedLabel); Mermaid must not wrap again or split words.
    flowchart: { htmlLabels: false, useMaxWidth: false, wrappingWidth: 10_000 },
    maxEdges: Math.max(500, edges + 10),
    maxTextSize: Math.max(50_000, source.length + 1000),
    fontFamily: getComputedStyle(document.body).fontFamily,
  });
  // Mermaid loads each diagram type from a chunk of its own, which can fail to fetch the same way.
  const { svg } = await withRetries(() => mermaid.render(`roadmap-dependencies-${++renderCounter}`, source));
  return importSvg(svg);
}

function wireNodes(svg: SVGSVGElement, graph: DependencyGraph): void {
  for (const node of svg.querySelectorAll('g.node')) {
    const match = /flowchart-n(\d+)-\d+$/.exec(node.id);
    const entry = match ? graph.nodes[Number(match[1])] : undefined;
    if (!entry?.feature) continue;
    node.setAttribute('data-file', entry.feature.file);
    node.setAttribute('data-id', entry.feature.id);
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', `${entry.feature.id}: ${entry.feature.title}`);
  }
}

export function renderDependencies(context: ViewContext): RenderedView {
  const graph = dependencyGraph(context.features, context.model.features);
  const source = dependencyFlowchart(
    graph,
    flowchartColours(),
    (feature) => context.statusCategory(feature) === 'done',
  );
  const cycleCount = graph.inCycle.filter(Boolean).length;
  const root = h('div', { class: 'view dependencies', 'data-view': 'dependencies' });
  const canvas = h('div', { class: 'graph-canvas', 'data-state': 'idle' });
  const fit = h(
    'button',
    { type: 'button', class: 'secondary', 'aria-pressed': 'true', 'data-action': 'fit' },
    'Fit to width',
  );
  fit.addEventListener('click', () => {
    const fitted = canvas.classList.toggle('fit');
    fit.setAttribute('aria-pressed', String(fitted));
  });
  canvas.classList.add('fit');
  root.append(
    h(
      'div',
      { class: 'view-toolbar' },
      h('span', { class: 'stat' }, `${graph.nodes.length} features · ${graph.edges.length} dependencies`),
      cycleCount > 0
        ? h('span', { class: 'stat cycle', 'data-cycles': cycleCount }, `${cycleCount} in a cycle`)
        : undefined,
      graph.isolated > 0
        ? h('span', { class: 'stat muted' }, `${graph.isolated} without dependencies not shown`)
        : undefined,
      h('span', { class: 'spacer' }),
      h(
        'span',
        { class: 'legend' },
        h('span', { class: 'legend-item' }, h('span', { class: 'legend-line late' }), 'Cycle'),
        h('span', { class: 'legend-item' }, h('span', { class: 'legend-box missing' }), 'Missing id'),
        h('span', { class: 'legend-item' }, h('span', { class: 'legend-box done' }), 'Done (faded)'),
      ),
      fit,
    ),
    canvas,
  );

  let rendered: Promise<SVGSVGElement> | undefined;
  let disposed = false;
  const draw = (refocus = false): void => {
    canvas.dataset.state = 'loading';
    canvas.replaceChildren(h('p', { class: 'loading' }, 'Drawing the dependency graph…'));
    rendered = drawGraph(source, graph.edges.length);
    rendered.then(
      (svg) => {
        if (disposed) return;
        wireNodes(svg, graph);
        canvas.replaceChildren(svg);
        canvas.dataset.state = 'done';
      },
      (error: unknown) => {
        if (disposed) return;
        canvas.dataset.state = 'error';
        const retry = h('button', { type: 'button', 'data-action': 'retry' }, 'Retry');
        retry.addEventListener('click', () => draw(true));
        canvas.replaceChildren(
          h(
            'div',
            { class: 'error-box', role: 'alert' },
            h('strong', {}, 'The dependency graph could not be drawn.'),
            h('pre', {}, error instanceof Error ? error.message : String(error)),
            h(
              'div',
              { class: 'error-actions' },
              retry,
              isModuleFetchError(error)
                ? h(
                    'span',
                    { class: 'hint' },
                    'Part of the panel could not be loaded; trying again usually works.',
                  )
                : undefined,
            ),
          ),
        );
        // After a failed retry, the keyboard goes back to the Retry button it was on.
        if (refocus) retry.focus({ preventScroll: true });
      },
    );
  };

  const mounted = (): void => {
    if (graph.edges.length === 0) {
      canvas.dataset.state = 'empty';
      canvas.append(
        h(
          'p',
          { class: 'empty-view' },
          context.features.length === 0
            ? 'No features match the filters.'
            : 'No dependencies between the features shown. Add depends_on to a feature to link it.',
        ),
      );
      return;
    }
    if (graph.edges.length <= largeGraphEdges) {
      draw();
      return;
    }
    const go = h('button', { type: 'button', 'data-action': 'draw-anyway' }, 'Draw anyway');
    go.addEventListener('click', () => draw());
    canvas.dataset.state = 'large';
    canvas.append(
      h(
        'p',
        { class: 'empty-view' },
        `${graph.edges.length} dependencies are a lot to lay out (it can take a while). Narrow the filters, or `,
        go,
      ),
    );
  };

  root.addEventListener('keydown', (event) => {
    // SVG nodes are not buttons: make Enter/Space open them like everywhere else.
    if (event.key !== ' ') return;
    const node = closestWith(event.target, 'data-file');
    if (!node) return;
    event.preventDefault();
    node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });

  return {
    root,
    scroller: canvas,
    mounted,
    dispose: () => {
      disposed = true;
    },
    toSvg: async () => {
      if (!rendered) throw new Error('The dependency graph has not been drawn yet.');
      const svg = (await rendered).cloneNode(true) as SVGSVGElement;
      // Mermaid sizes with CSS (max-width); an exported file needs its own pixel size.
      const box = svg.viewBox.baseVal;
      if (box && box.width > 0) {
        svg.setAttribute('width', String(Math.ceil(box.width)));
        svg.setAttribute('height', String(Math.ceil(box.height)));
      }
      svg.removeAttribute('style');
      // Mermaid leaves the background transparent; a PNG of dark-theme text on nothing is unreadable.
      const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      background.setAttribute('x', String(box?.x ?? 0));
      background.setAttribute('y', String(box?.y ?? 0));
      background.setAttribute('width', '100%');
      background.setAttribute('height', '100%');
      background.setAttribute('fill', themePalette().background);
      svg.insertBefore(background, svg.firstChild);
      return svg;
    },
    toMermaid: () => source,
  };
}
