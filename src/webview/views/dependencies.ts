// Dependencies: the depends_on graph. The whole of it when it is small enough to read (dependencyScope.ts);
// otherwise a feature's neighbourhood, or clusters by milestone or team. The panel lays out and draws the
// graph and the neighbourhood itself (dependencyDrawing.ts), so the view opens at once; Mermaid draws the
// clusters (their arrows carry counts). Mermaid is big, so it is imported only when first needed (esbuild
// splits it into its own chunk, which the CSP's 'strict-dynamic' lets the module load). securityLevel
// 'strict' turns off click callbacks and HTML in labels; labels are also entity-encoded and node ids generated
// (see mermaidText.ts), so a title can never become Mermaid syntax.
import type * as MermaidApi from 'mermaid';
import type { FeatureView } from '../../shared/protocol';
import { closestWith, h } from '../dom';
import { themePalette } from '../exportSvg';
import { dependencyFlowchart, dependencyGraph, type FlowchartColors } from '../mermaidText';
import {
  adjacency,
  clusterFlowchart,
  clusterGraph,
  drawBound,
  mostConnected,
  neighbourhood,
  searchNodes,
  withinBound,
  type ClusterGraph,
  type ClusterKind,
} from './dependencyScope';
import { drawDependencyGraph } from './dependencyDrawing';
import type { RenderedView, ViewContext } from './viewTypes';
import { plural } from '../../core/plural';

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

/** The canvas's padding below the graph (as in the style sheet), to which the pane's cover is added. */
const canvasPadding = 16;

/**
 * Scrolls the graph so that the feature it is centred on sits in the middle of what can be seen of it: a hub's
 * dependants stack in a tall column, and it was often drawn below the fold. In a narrow panel the details pane
 * slides over the lower part of the view, which is then not counted, and the canvas gets room below the graph
 * as tall as the pane, so that even a graph shorter than the canvas can be scrolled clear of it. Only the
 * canvas scrolls, never the page.
 */
function centreInCanvas(node: SVGElement): void {
  const canvas = node.closest<HTMLElement>('.graph-canvas');
  if (!canvas) return;
  let view = canvas.getBoundingClientRect();
  let bottom = view.bottom;
  const pane = canvas.closest('.workspace')?.querySelector(':scope > .details')?.getBoundingClientRect();
  const covers =
    pane && pane.height > 0 && pane.left < view.right && pane.right > view.left && pane.top > view.top;
  // Set through the CSS object model, which the panel's content security policy allows.
  canvas.style.paddingBottom = covers ? `${canvasPadding + view.bottom - pane.top}px` : '';
  if (covers) {
    view = canvas.getBoundingClientRect();
    bottom = Math.min(view.bottom, pane.top);
  }
  const box = node.getBoundingClientRect();
  canvas.scrollTop += box.top + box.height / 2 - (view.top + bottom) / 2;
  canvas.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
}

function wireClusters(svg: SVGSVGElement, clusters: ClusterGraph): void {
  for (const node of svg.querySelectorAll('g.node')) {
    const match = /flowchart-c(\d+)-\d+$/.exec(node.id);
    const cluster = match ? clusters.clusters[Number(match[1])] : undefined;
    if (!cluster) continue;
    node.setAttribute('data-cluster', cluster.key);
    node.setAttribute('data-members', String(cluster.members.length));
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', `${cluster.title}: ${cluster.members.length} features`);
  }
}

/** Arrow keys as directions on the screen: [x, y]. */
const arrowDirections: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowDown: [0, 1],
  ArrowUp: [0, -1],
};

/**
 * The feature box nearest to `from` in the direction of an arrow key (→ from a dependency to what waits for
 * it, ↓ to the next box of a rank), by the boxes' centres on the screen: what is ahead counts once, what is
 * off to the side twice. Undefined at the edge of the graph.
 */
function nodeToward(canvas: HTMLElement, from: Element, key: string): SVGElement | undefined {
  const [dx, dy] = arrowDirections[key]!;
  const centre = (element: Element): [number, number] => {
    const box = element.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
  };
  const [x, y] = centre(from);
  let best: SVGElement | undefined;
  let bestScore = Infinity;
  for (const node of canvas.querySelectorAll<SVGElement>('g.node[data-file]')) {
    if (node === from) continue;
    const [nx, ny] = centre(node);
    const ahead = (nx - x) * dx + (ny - y) * dy;
    if (ahead <= 1) continue;
    const score = ahead + 2 * Math.abs((nx - x) * dy + (ny - y) * dx);
    if (score < bestScore) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

type GraphMode = 'neighbourhood' | 'clusters' | 'all';

/** The reader's choices, kept while the panel is open so that a re-render (a filter change) keeps them. */
const settings: { mode?: GraphMode; hops: number; cluster: ClusterKind; focus?: string } = {
  hops: 2,
  cluster: 'milestone',
};

const modeTitles: Record<GraphMode, string> = {
  neighbourhood: 'Neighbourhood',
  clusters: 'Clusters',
  all: 'Whole graph',
};

/** Search results listed under the focus box. */
const searchResults = 12;

/** What to draw: its Mermaid source (what Export Mermaid writes) and who draws it. */
type Drawing = { source: string; note: string } & (
  | { by: 'mermaid'; edges: number; wire(svg: SVGSVGElement): void }
  /** The graph or a neighbourhood: drawn by the panel (dependencyDrawing.ts), at once, without Mermaid. */
  | { by: 'panel'; draw(): SVGSVGElement }
);

export function renderDependencies(context: ViewContext): RenderedView {
  const graph = dependencyGraph(context.features, context.model.features);
  const around = adjacency(graph);
  const colours = flowchartColours();
  const isDone = (feature: FeatureView): boolean => context.statusCategory(feature) === 'done';
  const wholeFits = withinBound(graph.nodes.length, graph.edges.length);
  const nodeOfFile = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (node.feature) nodeOfFile.set(node.feature.file, i);
  });
  const cycleCount = graph.inCycle.filter(Boolean).length;
  const root = h('div', { class: 'view dependencies', 'data-view': 'dependencies' });
  const canvas = h('div', { class: 'graph-canvas', 'data-state': 'idle' });
  const note = h('p', { class: 'graph-note', 'aria-live': 'polite' });
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

  let mode: GraphMode = settings.mode ?? (wholeFits ? 'all' : 'neighbourhood');
  // The selected feature when it is in the graph; else the last one looked at; else the most connected.
  const focusOf = (): number | undefined => {
    if (graph.nodes.length === 0) return undefined;
    for (const file of [context.selected, settings.focus]) {
      const node = file === undefined ? undefined : nodeOfFile.get(file);
      if (node !== undefined) return node;
    }
    return mostConnected(graph, around);
  };
  let focus = focusOf();

  const modeButtons = (['neighbourhood', 'clusters', 'all'] as const).map((name) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-graph-mode': name,
        'aria-pressed': String(name === mode),
        title:
          name === 'all' && !wholeFits
            ? `More than ${drawBound.nodes} features or ${drawBound.edges} dependencies: too many to draw at once`
            : undefined,
      },
      modeTitles[name],
    );
    button.addEventListener('click', () => {
      mode = settings.mode = name;
      for (const other of modeButtons)
        other.setAttribute('aria-pressed', String(other.dataset.graphMode === name));
      showControls();
      draw();
    });
    return button;
  });

  const search = h('input', {
    type: 'search',
    class: 'graph-search',
    placeholder: 'Find a feature to centre on…',
    'aria-label': 'Centre the graph on a feature',
    autocomplete: 'off',
  });
  const results = h('ul', { class: 'graph-results', role: 'list', hidden: true });
  const hops = h(
    'select',
    { 'data-graph-hops': '', 'aria-label': 'How many steps away to show' },
    ...[1, 2, 3, 4].map((n) => h('option', { value: n, selected: n === settings.hops }, plural(n, 'step'))),
  );
  const clusterBy = h(
    'select',
    { 'data-graph-cluster': '', 'aria-label': 'Group features by' },
    h('option', { value: 'milestone', selected: settings.cluster === 'milestone' }, 'By milestone'),
    h('option', { value: 'team', selected: settings.cluster === 'team' }, 'By team'),
  );
  const neighbourhoodControls = h('span', { class: 'graph-controls-group' }, search, hops);
  const searchBox = h('div', { class: 'graph-search-box' }, neighbourhoodControls, results);

  const centreOn = (node: number): void => {
    const feature = graph.nodes[node]?.feature;
    if (!feature) return;
    focus = node;
    settings.focus = feature.file;
    if (mode !== 'neighbourhood') {
      mode = settings.mode = 'neighbourhood';
      for (const other of modeButtons)
        other.setAttribute('aria-pressed', String(other.dataset.graphMode === mode));
      showControls();
    }
    draw();
  };

  const showResults = (): void => {
    const found = searchNodes(graph, search.value, searchResults);
    results.replaceChildren(
      ...found.map((node) => {
        const feature = graph.nodes[node]!.feature!;
        const item = h(
          'button',
          { type: 'button', class: 'graph-result', 'data-focus-file': feature.file },
          h('span', { class: 'card-id' }, feature.id),
          ` ${feature.title}`,
        );
        item.addEventListener('click', () => {
          search.value = '';
          results.hidden = true;
          centreOn(node);
          context.select(feature.file);
        });
        return h('li', {}, item);
      }),
    );
    if (found.length === 0 && search.value.trim() !== '')
      results.append(h('li', { class: 'muted' }, 'No feature with a dependency matches.'));
    results.hidden = search.value.trim() === '';
  };
  search.addEventListener('input', showResults);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      results.querySelector<HTMLButtonElement>('.graph-result')?.click();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector<HTMLButtonElement>('.graph-result')?.focus();
    } else if (event.key === 'Escape') {
      search.value = '';
      results.hidden = true;
    }
  });
  results.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...results.querySelectorAll<HTMLButtonElement>('.graph-result')];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = index + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) search.focus();
    else items[Math.min(next, items.length - 1)]?.focus();
  });
  hops.addEventListener('change', () => {
    settings.hops = Number(hops.value);
    draw();
  });
  clusterBy.addEventListener('change', () => {
    settings.cluster = clusterBy.value === 'team' ? 'team' : 'milestone';
    draw();
  });
  const showControls = (): void => {
    searchBox.hidden = mode !== 'neighbourhood';
    clusterBy.hidden = mode !== 'clusters';
  };
  showControls();

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
    h(
      'div',
      { class: 'view-toolbar graph-controls' },
      h('span', { class: 'segmented', role: 'group', 'aria-label': 'What to draw' }, ...modeButtons),
      searchBox,
      clusterBy,
    ),
    note,
    canvas,
  );

  /** What the current mode draws, or a message when it would be too big to draw. */
  const drawing = (): Drawing | string => {
    if (mode === 'all') {
      if (!wholeFits)
        return (
          `The whole graph has ${plural(graph.nodes.length, 'feature')} and ` +
          `${plural(graph.edges.length, 'dependency', 'dependencies')}: ` +
          `too many to follow in one picture (more than ${drawBound.nodes} features or ` +
          `${drawBound.edges} dependencies). ` +
          'Look at a feature’s neighbourhood or at clusters, or narrow the filters.'
        );
      return {
        source: dependencyFlowchart(graph, colours, isDone),
        by: 'panel',
        note: `The whole graph: ${plural(graph.nodes.length, 'feature')}.`,
        draw: () => drawDependencyGraph({ graph, colours, isDone }),
      };
    }
    if (mode === 'clusters') {
      const clusters = clusterGraph(graph, context.model, settings.cluster);
      const between = clusters.edges.reduce((sum, [, , count]) => sum + count, 0);
      return {
        source: clusterFlowchart(clusters, colours),
        by: 'mermaid',
        edges: clusters.edges.length,
        note:
          `${plural(clusters.clusters.length, 'group')} by ${settings.cluster}; ` +
          `arrows carry the number of dependencies between groups (${between} in all).` +
          (clusters.merged > 0 ? ` The ${clusters.merged} smallest groups are drawn as one.` : ''),
        wire: (svg) => wireClusters(svg, clusters),
      };
    }
    if (focus === undefined) return 'No feature to centre on.';
    const near = neighbourhood(graph, around, focus, settings.hops);
    const centre = near.graph.nodes[near.focus]!.feature!;
    const steps = plural(settings.hops, 'step');
    return {
      source: `${dependencyFlowchart(near.graph, colours, isDone)}\n  classDef focus stroke-width:4px\n  class n${near.focus} focus`,
      note:
        `${centre.id} and what is within ${steps} of it, both ways: ` +
        `${plural(near.graph.nodes.length, 'feature')}.` +
        (near.leftOut > 0
          ? ` ${near.leftOut} more further out are not drawn, to keep the graph readable; centre on one of them to see it.`
          : '') +
        ' Click a feature to centre on it.',
      by: 'panel',
      draw: () => drawDependencyGraph({ graph: near.graph, focus: near.focus, colours, isDone }),
    };
  };

  let source = '';
  let rendered: Promise<SVGSVGElement> | undefined;
  let generation = 0;
  let disposed = false;
  const draw = (refocus = false): void => {
    if (graph.edges.length === 0) return;
    const plan = drawing();
    const current = ++generation;
    if (typeof plan === 'string') {
      rendered = undefined;
      source = '';
      note.textContent = '';
      canvas.dataset.state = 'too-large';
      canvas.replaceChildren(h('p', { class: 'empty-view', role: 'status' }, plan));
      return;
    }
    source = plan.source;
    note.textContent = plan.note;
    const hadFocus = canvas.contains(document.activeElement);
    canvas.dataset.mode = mode;
    const show = (svg: SVGSVGElement): void => {
      canvas.replaceChildren(svg);
      canvas.dataset.state = 'done';
      performance.mark('roadmap:graph-drawn');
      const focus = svg.querySelector<SVGElement>('.graph-focus');
      if (hadFocus) focus?.focus({ preventScroll: true });
      // Centred in the next frame: a click that centres on a feature also opens the details pane, which
      // takes part of the view, and it opens after this (the panel's own click handler runs next).
      if (focus)
        requestAnimationFrame(() => {
          if (!disposed && current === generation) centreInCanvas(focus);
        });
    };
    const showError = (error: unknown): void => {
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
    };
    if (plan.by === 'panel') {
      // Drawn at once; a failure (a bug: nothing is fetched) is shown like Mermaid's, not left to break the view.
      try {
        const svg = plan.draw();
        rendered = Promise.resolve(svg);
        show(svg);
      } catch (error) {
        rendered = undefined;
        showError(error);
      }
      return;
    }
    canvas.dataset.state = 'loading';
    canvas.replaceChildren(h('p', { class: 'loading' }, 'Drawing the dependency graph…'));
    const drawn = drawGraph(plan.source, plan.edges);
    rendered = drawn;
    drawn.then(
      (svg) => {
        if (disposed || current !== generation) return;
        plan.wire(svg);
        show(svg);
      },
      (error: unknown) => {
        if (disposed || current !== generation) return;
        showError(error);
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
    draw();
  };

  // In the neighbourhood, a click (or Space) on a feature centres the graph on it; Tab only selects it.
  canvas.addEventListener('click', (event) => {
    if (mode !== 'neighbourhood') return;
    const node = nodeOfFile.get(closestWith(event.target, 'data-file')?.getAttribute('data-file') ?? '');
    if (node !== undefined && node !== focus) centreOn(node);
  });
  root.addEventListener('keydown', (event) => {
    const node = closestWith(event.target, 'data-file');
    if (!node) return;
    const next = event.key in arrowDirections ? nodeToward(canvas, node, event.key) : undefined;
    if (next) {
      event.preventDefault();
      next.focus();
      return;
    }
    // SVG nodes are not buttons: make Enter/Space open them like everywhere else.
    if (event.key !== ' ') return;
    event.preventDefault();
    node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });

  return {
    root,
    scroller: canvas,
    mounted,
    // A feature selected in the whole graph or the clusters' view (or elsewhere) is where the neighbourhood
    // opens next. In the neighbourhood itself a selection (Tab) does not move it; a click does (above).
    select: (file) => {
      const node = file === undefined ? undefined : nodeOfFile.get(file);
      if (node === undefined || mode === 'neighbourhood') return;
      focus = node;
      settings.focus = file;
    },
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
