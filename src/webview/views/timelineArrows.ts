// The timeline's dependency arrows: an SVG layer of routed paths, drawn only for the hovered, focused or
// selected feature (all of them at once are a mesh nobody can read, and thousands of elements to lay out).
import { closestWith, s } from '../dom';
import { arrowPath, arrows, type TimelineLayout } from './timelineLayout';
import type { ViewContext } from './viewTypes';

function marker(id: string, late: boolean): SVGMarkerElement {
  return s(
    'marker',
    { id, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    s('path', { d: 'M0,0 L8,4 L0,8 z', class: late ? 'arrowhead late' : 'arrowhead' }),
  );
}

type Link = ReturnType<typeof arrows>[number];

/** Each arrow layer's links, drawn only when their feature is active (see wireArrowHighlight). */
const layerLinks = new WeakMap<Element, { layout: TimelineLayout; links: Link[] }>();

/**
 * The arrow layer for the chart, or undefined when no feature shown depends on another one shown. Empty at
 * first: only the active feature's arrows are ever visible, so only they are drawn (thousands of hidden
 * paths at 10,000 features cost every render, layout and scroll).
 */
export function arrowLayer(layout: TimelineLayout): SVGSVGElement | undefined {
  const links = arrows(layout);
  if (links.length === 0) return undefined;
  const svg = s('svg', { class: 'tl-arrows', width: layout.chartWidth, height: layout.bodyHeight });
  svg.append(s('defs', {}, marker('tl-arrowhead', false), marker('tl-arrowhead-late', true)));
  layerLinks.set(svg, { layout, links });
  return svg;
}

function arrowElement(layout: TimelineLayout, link: Link): SVGPathElement {
  return s('path', {
    class: `tl-arrow active${link.late ? ' late' : ''}`,
    d: arrowPath(layout, link.from, link.to),
    'marker-end': `url(#tl-arrowhead${link.late ? '-late' : ''})`,
    'data-from': link.from.scheduled.feature.id,
    'data-to': link.to.scheduled.feature.id,
  });
}

/**
 * Shows the arrows of the feature under the pointer or keyboard focus, else of the selected one. Returns
 * the function that follows a new selection.
 */
export function wireArrowHighlight(
  body: HTMLElement,
  context: ViewContext,
): (file: string | undefined) => void {
  const layer = body.querySelector('.tl-arrows');
  const idOf = (file: string | undefined) =>
    file ? context.model.features.find((feature) => feature.file === file)?.id : undefined;
  let selectedId = idOf(context.selected);
  const drawn = layer ? layerLinks.get(layer) : undefined;
  let shown: string | undefined;
  const highlight = (target: EventTarget | null): void => {
    if (!layer || !drawn) return;
    const id = closestWith(target, 'data-start')?.getAttribute('data-id') ?? selectedId ?? undefined;
    if (id === shown) return;
    shown = id;
    for (const path of layer.querySelectorAll('.tl-arrow')) path.remove();
    layer.classList.toggle('has-active', id !== undefined);
    if (id === undefined) return;
    for (const link of drawn.links) {
      if (link.from.scheduled.feature.id === id || link.to.scheduled.feature.id === id)
        layer.append(arrowElement(drawn.layout, link));
    }
  };
  body.addEventListener('mouseover', (event) => highlight(event.target));
  body.addEventListener('focusin', (event) => highlight(event.target));
  body.addEventListener('mouseleave', () => highlight(null));
  highlight(null);
  return (file) => {
    selectedId = idOf(file);
    highlight(null);
  };
}
