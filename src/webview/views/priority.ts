// Priority: every feature in a sortable table, plus a value-versus-effort chart. The table is virtualised
// (fixed row height, only the rows in view are in the DOM) so thousands of features scroll smoothly.
import type { FeatureView, RoadmapModel } from '../../shared/protocol';
import { closestWith, compactNumber, h, s } from '../dom';
import { svgRoot, themeFont, themePalette, type Palette } from '../exportSvg';
import { confidenceRubric, impactRubric } from '../../core/schema';
import { parseTypedNumber } from '../../core/typedNumber';
import { formatScore, moscowTitles, round } from '../featureText';
import { quadrantSource, truncate, type QuadrantPoint } from '../mermaidText';
import { placeLabels, type TextMetrics } from './chartLabels';
import {
  densityAbove,
  densityCells,
  densityGrid,
  labelledTop,
  stacksOf,
  topByScore,
} from './priorityDensity';
import type { SortDir, SortKey } from '../state';
import { problemsBadge } from './cards';
import type { RenderedView, ViewContext } from './viewTypes';
import { plural } from '../../core/plural';

export const rowHeight = 28;
const overscan = 12;

const columns: { key: SortKey; title: string; numeric: boolean; hint?: string }[] = [
  { key: 'rank', title: '#', numeric: true, hint: 'Rank by score' },
  // Next to the rank, so that the column the table is ranked by is never scrolled out of sight.
  { key: 'score', title: 'Score', numeric: true },
  { key: 'id', title: 'Id', numeric: false },
  { key: 'title', title: 'Title', numeric: false },
  { key: 'status', title: 'Status', numeric: false },
  { key: 'moscow', title: 'MoSCoW', numeric: false },
  { key: 'reach', title: 'Reach', numeric: true },
  { key: 'impact', title: 'Impact', numeric: true },
  { key: 'confidence', title: 'Confidence', numeric: true },
  { key: 'effort', title: 'Effort', numeric: true },
];

type RiceField = 'reach' | 'impact' | 'confidence' | 'effort';

const moscowOrder: Record<string, number> = { must: 0, should: 1, could: 2, wont: 3 };

function sortValue(
  feature: FeatureView,
  key: SortKey,
  statusOrder: Map<string, number>,
): number | string | undefined {
  switch (key) {
    case 'id':
    case 'title':
      return feature[key].toLowerCase();
    case 'status':
      return statusOrder.get(feature.status) ?? Number.MAX_SAFE_INTEGER;
    case 'moscow':
      return feature.moscow === undefined ? undefined : moscowOrder[feature.moscow];
    default:
      return feature[key];
  }
}

/** Sorted copy; features without a value sort last in either direction, ties keep rank then id order. */
export function sortFeatures(
  features: readonly FeatureView[],
  model: RoadmapModel,
  key: SortKey,
  dir: SortDir,
): FeatureView[] {
  const statusOrder = new Map(model.statuses.map((status, i) => [status.id, i]));
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = features.map((feature) => ({ feature, value: sortValue(feature, key, statusOrder) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value !== b.value) return a.value === undefined ? 1 : -1;
    } else if (a.value !== b.value) {
      const order =
        typeof a.value === 'string' ? a.value.localeCompare(String(b.value)) : a.value - Number(b.value);
      if (order !== 0) return order * sign;
    }
    return (
      (a.feature.rank ?? Infinity) - (b.feature.rank ?? Infinity) || a.feature.id.localeCompare(b.feature.id)
    );
  });
  return keyed.map((entry) => entry.feature);
}

function defaultDir(key: SortKey): SortDir {
  return columns.find((column) => column.key === key)?.numeric && key !== 'rank' ? 'desc' : 'asc';
}

// ---- value vs effort -------------------------------------------------------------------------------

export interface Plotted extends QuadrantPoint {
  value: number;
  effort: number;
}

/** Value is reach × impact × confidence under RICE, else the score; both need an effort estimate. */
export function valueOf(feature: FeatureView, model: RoadmapModel): number | undefined {
  if (
    model.scoringModel === 'rice' &&
    feature.reach !== undefined &&
    feature.impact !== undefined &&
    feature.confidence !== undefined
  ) {
    return feature.reach * feature.impact * (feature.confidence / 100);
  }
  return feature.score;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function plotPoints(
  features: readonly FeatureView[],
  model: RoadmapModel,
): { points: Plotted[]; splitX: number; splitY: number; logY: boolean } {
  const raw = features.flatMap((feature) => {
    const value = valueOf(feature, model);
    const effort = feature.effort;
    return value !== undefined && value > 0 && effort !== undefined && effort > 0
      ? [{ feature, value, effort }]
      : [];
  });
  const maxEffort = Math.max(1e-9, ...raw.map((point) => point.effort)) * 1.05;
  const values = raw.map((point) => point.value);
  const minValue = Math.min(...values);
  const maxValue = Math.max(...values);
  // Value spans orders of magnitude (reach in the thousands next to reach in the tens): a log axis keeps
  // small features from collapsing onto the x axis.
  const logY = raw.length > 1 && maxValue / minValue > 20;
  const lo = logY ? Math.log10(minValue) - 0.1 : 0;
  const hi = logY ? Math.log10(maxValue) + 0.1 : maxValue * 1.05 || 1;
  const y = (value: number): number => ((logY ? Math.log10(value) : value) - lo) / (hi - lo || 1);
  const points = raw.map((point) => ({ ...point, x: point.effort / maxEffort, y: y(point.value) }));
  return {
    points,
    splitX: raw.length ? median(raw.map((point) => point.effort)) / maxEffort : 0.5,
    splitY: raw.length ? y(median(values)) : 0.5,
    logY,
  };
}

const pointRadius = 4.5;
/** A dot standing for several features (see stacksOf) is larger, with their count beside it. */
const stackedRadius = 6;
const stackCountSize = 9;
/** The quadrants' names and the points', in the chart's units (it is scaled to the width of its pane). */
const quadrantLabelSize = 11;
const pointLabelSize = 11;
/** A longer id is cut short (with an ellipsis) in the chart; the table and the tooltip show it whole. */
const pointLabelChars = 24;

/** Measures text as the chart draws it, in `family` at `size` units (a canvas measures as the SVG draws). */
function textMeasurer(family: string): (text: string, size: number) => TextMetrics {
  const context = document.createElement('canvas').getContext('2d');
  return (text, size) => {
    if (!context) return { width: 0.62 * size * text.length, ascent: 0.93 * size, descent: 0.24 * size };
    context.font = `${size}px ${family}`;
    const metrics = context.measureText(text);
    return {
      width: metrics.width,
      ascent: metrics.fontBoundingBoxAscent,
      descent: metrics.fontBoundingBoxDescent,
    };
  };
}

function quadrantChart(
  plot: ReturnType<typeof plotPoints>,
  unplotted: number,
  palette: Palette | undefined,
  categoryOf: (feature: FeatureView) => string,
): SVGSVGElement {
  const width = 380;
  const height = 340;
  const margin = { left: 40, right: 12, top: 16, bottom: 40 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const svg = palette
    ? svgRoot(width, height, palette)
    : s('svg', {
        class: 'quadrant-chart',
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'aria-label': 'Value versus effort',
      });
  const px = (x: number): number => margin.left + x * plotWidth;
  const py = (y: number): number => margin.top + (1 - y) * plotHeight;
  const stroke = palette?.border;
  const text = palette?.muted;
  svg.append(
    s('rect', {
      class: 'plot-area',
      x: margin.left,
      y: margin.top,
      width: plotWidth,
      height: plotHeight,
      fill: 'none',
      stroke,
    }),
    s('line', {
      class: 'split',
      x1: px(plot.splitX),
      x2: px(plot.splitX),
      y1: margin.top,
      y2: margin.top + plotHeight,
      stroke,
      'stroke-dasharray': '4 3',
    }),
    s('line', {
      class: 'split',
      x1: margin.left,
      x2: margin.left + plotWidth,
      y1: py(plot.splitY),
      y2: py(plot.splitY),
      stroke,
      'stroke-dasharray': '4 3',
    }),
  );
  const quadrantLabels: [string, number, number, 'start' | 'end'][] = [
    ['Quick wins', margin.left + 6, margin.top + 14, 'start'],
    ['Big bets', margin.left + plotWidth - 6, margin.top + 14, 'end'],
    ['Fill-ins', margin.left + 6, margin.top + plotHeight - 6, 'start'],
    ['Money pits', margin.left + plotWidth - 6, margin.top + plotHeight - 6, 'end'],
  ];
  svg.append(
    s(
      'text',
      {
        class: 'axis-title',
        x: margin.left + plotWidth / 2,
        y: height - 12,
        'text-anchor': 'middle',
        fill: text,
        'font-size': 11,
      },
      'Effort →',
    ),
    s(
      'text',
      {
        class: 'axis-title',
        x: 14,
        y: margin.top + plotHeight / 2,
        'text-anchor': 'middle',
        fill: text,
        'font-size': 11,
        transform: `rotate(-90 14 ${margin.top + plotHeight / 2})`,
      },
      plot.logY ? 'Value (log) →' : 'Value →',
    ),
  );
  const dots = s('g', { class: 'points' });
  const dense = plot.points.length > densityAbove;
  if (dense) {
    // Cells shaded by how many features they hold (log scale: one feature stays visible next to hundreds).
    const cells = densityGrid(plot.points);
    const most = Math.max(...cells.map((cell) => cell.count));
    const cellWidth = plotWidth / densityCells;
    const cellHeight = plotHeight / densityCells;
    const shading = s('g', { class: 'density', 'data-points': plot.points.length });
    for (const cell of cells) {
      shading.append(
        s(
          'rect',
          {
            class: 'density-cell',
            x: round(margin.left + cell.column * cellWidth),
            y: round(margin.top + plotHeight - (cell.row + 1) * cellHeight),
            width: round(cellWidth),
            height: round(cellHeight),
            fill: palette?.todo,
            'fill-opacity': round(0.12 + (0.78 * Math.log1p(cell.count)) / Math.log1p(most)),
            'data-count': cell.count,
          },
          s('title', {}, plural(cell.count, 'feature')),
        ),
      );
    }
    svg.append(shading);
  }
  const drawnPoints = dense ? topByScore(plot.points, labelledTop) : plot.points;
  const at = (point: Plotted) => ({ x: px(point.x), y: py(point.y) });
  // Over the density grid, each of the top features keeps its own dot, its name joined to it.
  const stacks = dense ? drawnPoints.map((point) => [point]) : stacksOf(drawnPoints, at, pointRadius);
  for (const stack of stacks) {
    const top = stack[0]!;
    const category = categoryOf(top.feature);
    const fill = palette
      ? category === 'done'
        ? palette.done
        : category === 'doing'
          ? palette.doing
          : palette.todo
      : undefined;
    const { x, y } = at(top);
    const stacked = stack.length > 1;
    const radius = stacked ? stackedRadius : pointRadius;
    dots.append(
      s('circle', {
        class: `point category-${category}${stacked ? ' stacked' : ''}`,
        cx: round(x),
        cy: round(y),
        r: radius,
        fill,
        'data-file': top.feature.file,
        'data-id': top.feature.id,
        // Every feature of the stack, best first: a click on the selected one moves to the next.
        'data-stack': stacked ? JSON.stringify(stack.map((point) => point.feature.file)) : undefined,
      }),
    );
    if (stacked)
      dots.append(
        s(
          'text',
          {
            class: 'stack-count',
            x: round(x + radius + 1),
            y: round(y - radius),
            fill: text,
            'font-size': stackCountSize,
          },
          String(stack.length),
        ),
      );
  }
  svg.append(dots);
  if (dense) {
    // The top features by score are named, with the same halo as the quadrant names, each where it fits
    // nearest its dot (they crowd one corner), with a leader line when it is not right beside it. A name
    // that fits nowhere is left out: the best are placed first.
    const measure = textMeasurer(palette?.font ?? themeFont());
    const titles = quadrantLabels.map(([label, x, y, anchor]) => {
      const metrics = measure(label, quadrantLabelSize);
      const left = anchor === 'end' ? x - metrics.width : x;
      return {
        x: left,
        y: y - metrics.ascent,
        width: metrics.width,
        height: metrics.ascent + metrics.descent,
      };
    });
    const names = drawnPoints.map((point) => truncate(point.feature.id, pointLabelChars));
    const placed = placeLabels(
      drawnPoints.map((point, i) => ({
        x: px(point.x),
        y: py(point.y),
        text: measure(names[i]!, pointLabelSize),
      })),
      {
        bounds: { x: margin.left, y: margin.top, width: plotWidth, height: plotHeight },
        titles,
        pointRadius,
        // Further off, a name reads as another dot's: crowded dots get the column layout instead.
        reach: 60,
      },
    );
    placed.forEach((place, i) => {
      const point = drawnPoints[i]!;
      if (!place) return;
      if (place.leader)
        svg.append(
          s('line', {
            class: 'point-leader',
            x1: round(place.leader.x1),
            y1: round(place.leader.y1),
            x2: round(place.leader.x2),
            y2: round(place.leader.y2),
            stroke: palette?.muted,
            'data-id': point.feature.id,
          }),
        );
      svg.append(
        s(
          'text',
          {
            class: 'point-label',
            x: round(place.x),
            y: round(place.y),
            fill: palette?.foreground ?? text,
            'font-size': pointLabelSize,
            stroke: palette?.background,
            'stroke-width': palette ? 3 : undefined,
            'paint-order': palette ? 'stroke' : undefined,
            'data-id': point.feature.id,
          },
          names[i],
        ),
      );
    });
  }
  // Over the points, with a halo in the background colour, so a point in a corner never garbles the name.
  for (const [label, x, y, anchor] of quadrantLabels) {
    svg.append(
      s(
        'text',
        {
          class: 'quadrant-label',
          x,
          y,
          'text-anchor': anchor,
          fill: text,
          'font-size': quadrantLabelSize,
          stroke: palette?.background,
          'stroke-width': palette ? 3 : undefined,
          'paint-order': palette ? 'stroke' : undefined,
        },
        label,
      ),
    );
  }
  if (unplotted > 0) {
    svg.append(
      s(
        'text',
        {
          class: 'footnote',
          x: width - margin.right,
          y: height - 12,
          'text-anchor': 'end',
          fill: text,
          'font-size': 10,
        },
        `${unplotted} without estimates`,
      ),
    );
  }
  return svg;
}

// ---- the view ----------------------------------------------------------------------------------------

/** The files a stack's dot stands for, best first (see quadrantChart). */
function stackOf(dot: Element): string[] {
  return JSON.parse(dot.getAttribute('data-stack') ?? '[]') as string[];
}

/** Makes a stack's dot stand for `file`: its hover, its click and its selection follow. */
function showInStack(dot: Element, file: string): void {
  dot.setAttribute('data-file', file);
}

export function renderPriority(context: ViewContext): RenderedView {
  const { key, dir } = context.state.sort;
  const rows = sortFeatures(context.features, context.model, key, dir);
  const statusTitles = new Map(context.model.statuses.map((status) => [status.id, status.title]));
  const root = h('div', { class: 'view priority', 'data-view': 'priority' });

  const headRow = h('tr', { 'aria-rowindex': 1 });
  for (const column of columns) {
    const sorted = column.key === key;
    const button = h(
      'button',
      { type: 'button', class: 'sort-button', 'data-sort': column.key, title: column.hint },
      column.title,
    );
    button.addEventListener('click', () => {
      const next: SortDir = sorted ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(column.key);
      context.update({ sort: { key: column.key, dir: next } });
    });
    headRow.append(
      h(
        'th',
        {
          scope: 'col',
          class: `col-${column.key}${column.numeric ? ' numeric' : ''}`,
          'aria-sort': sorted ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
        },
        button,
        sorted
          ? h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }, dir === 'asc' ? '▲' : '▼')
          : undefined,
      ),
    );
  }
  const topSpacer = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
  const bottomSpacer = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
  const body = h('tbody', {});
  const table = h(
    'table',
    { class: 'grid', 'aria-rowcount': rows.length + 1, 'aria-label': 'Features by priority' },
    h('thead', {}, headRow),
    body,
  );
  const scroller = h('div', { class: 'table-wrap' }, table);
  let focusIndex = 0;
  let rendered = { from: -1, to: -1 };

  const rowFor = (feature: FeatureView, index: number): HTMLTableRowElement => {
    const cell = (column: string, ...children: (Node | string | undefined)[]): HTMLTableCellElement =>
      h('td', { class: `col-${column}` }, ...children);
    return h(
      'tr',
      {
        class: 'row',
        tabindex: index === focusIndex ? 0 : -1,
        'aria-rowindex': index + 2,
        'data-file': feature.file,
        'data-id': feature.id,
        'data-index': index,
      },
      cell('rank numeric', feature.rank === undefined ? '' : String(feature.rank)),
      cell('score numeric', feature.score === undefined ? '' : h('strong', {}, formatScore(feature.score))),
      cell('id', feature.id),
      cell('title', h('span', { class: 'title-text' }, feature.title), problemsBadge(feature)),
      cell(
        'status',
        statusTitles.get(feature.status) ??
          h(
            'span',
            { class: 'status-unknown', title: 'Not one of the statuses in .roadmap/config.yaml' },
            `⚠ ${feature.status === '' ? 'none' : feature.status}`,
          ),
      ),
      cell(
        'moscow',
        feature.moscow
          ? h('span', { class: `chip moscow-${feature.moscow}` }, moscowTitles[feature.moscow])
          : '',
      ),
      ...riceCells(feature),
    );
  };

  /** RICE inputs edited in place, with the editor's rubric labels; the host validates with its rules. */
  const editable = context.model.scoringModel === 'rice';
  const commit = (feature: FeatureView, field: RiceField, value: string): void => {
    const trimmed = value.trim();
    if (trimmed === (feature[field] === undefined ? '' : String(feature[field]))) return;
    context.post({ type: 'setField', file: feature.file, revision: feature.revision, field, value: trimmed });
    const number = trimmed === '' ? undefined : parseTypedNumber(trimmed);
    if (trimmed === '' || number !== undefined) context.applyLocally(feature.file, { [field]: number });
  };
  const riceCells = (feature: FeatureView): HTMLTableCellElement[] => {
    const shown = {
      reach: compactNumber(feature.reach),
      impact: compactNumber(feature.impact),
      confidence: feature.confidence === undefined ? '' : `${round(feature.confidence)}%`,
      effort: compactNumber(feature.effort),
    };
    return (['reach', 'impact', 'confidence', 'effort'] as const).map((field) => {
      const td = h('td', { class: `col-${field} numeric` }, shown[field]);
      if (!editable) return td;
      // The value reads as text; a click turns it into an input, so the table stays a table to read and
      // sort, and every cell is one click from an edit (the details pane edits the same fields by keyboard).
      td.classList.add('editable');
      td.title = `Click to edit the ${field}`;
      td.addEventListener('click', (event) => {
        if (td.querySelector('.cell-input')) return;
        event.preventDefault();
        td.replaceChildren(editor(feature, field, shown[field], () => td.replaceChildren(shown[field])));
        td.querySelector<HTMLElement>('.cell-input')?.focus();
      });
      return td;
    });
  };
  const editor = (feature: FeatureView, field: RiceField, text: string, done: () => void): HTMLElement => {
    const label = `${columns.find((column) => column.key === field)?.title} of ${feature.id}`;
    const current = feature[field] === undefined ? '' : String(feature[field]);
    const rubric = field === 'impact' ? impactRubric : field === 'confidence' ? confidenceRubric : undefined;
    let control: HTMLInputElement | HTMLSelectElement;
    if (rubric) {
      control = h('select', { class: 'cell-input', 'data-rice': field, 'aria-label': label });
      control.append(h('option', { value: '' }, '–'));
      for (const entry of rubric)
        control.append(
          h(
            'option',
            { value: String(entry.value), title: entry.meaning },
            `${entry.value}${field === 'confidence' ? '%' : ''} ${entry.label}`,
          ),
        );
      if (current !== '' && !rubric.some((entry) => String(entry.value) === current))
        control.append(h('option', { value: current }, text));
    } else {
      control = h('input', {
        type: 'text',
        class: 'cell-input',
        'data-rice': field,
        'aria-label': label,
        inputmode: 'decimal',
        spellcheck: 'false',
      });
    }
    control.value = current;
    let finished = false;
    const finish = (save: boolean): void => {
      if (finished) return;
      finished = true;
      if (save) commit(feature, field, control.value);
      done();
    };
    control.addEventListener('change', () => finish(true));
    control.addEventListener('blur', () => finish(true));
    (control as HTMLElement).addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
      }
    });
    return control;
  };

  const renderRows = (force = false): void => {
    const viewport = scroller.clientHeight || 800;
    const top = Math.max(0, scroller.scrollTop - rowHeight);
    const from = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const to = Math.min(rows.length, Math.ceil((top + viewport) / rowHeight) + overscan);
    if (!force && from === rendered.from && to === rendered.to) return;
    rendered = { from, to };
    topSpacer.style.height = `${from * rowHeight}px`;
    bottomSpacer.style.height = `${(rows.length - to) * rowHeight}px`;
    const fragment = document.createDocumentFragment();
    fragment.append(topSpacer);
    for (let i = from; i < to; i++) fragment.append(rowFor(rows[i]!, i));
    fragment.append(bottomSpacer);
    const hadFocus = body.contains(document.activeElement);
    body.replaceChildren(fragment);
    if (hadFocus)
      body.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`)?.focus({ preventScroll: true });
  };

  const scrollToIndex = (index: number): void => {
    const header = table.tHead?.offsetHeight ?? rowHeight;
    const rowTop = index * rowHeight;
    const visible = scroller.clientHeight - header;
    if (rowTop < scroller.scrollTop) scroller.scrollTop = rowTop;
    else if (rowTop + rowHeight > scroller.scrollTop + visible)
      scroller.scrollTop = rowTop + rowHeight - visible;
  };

  const focusRow = (index: number): HTMLElement | undefined => {
    if (rows.length === 0) return undefined;
    focusIndex = Math.max(0, Math.min(rows.length - 1, index));
    scrollToIndex(focusIndex);
    renderRows(true);
    const row = body.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`) ?? undefined;
    row?.focus({ preventScroll: true });
    return row;
  };

  let frame = 0;
  scroller.addEventListener(
    'scroll',
    () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        renderRows();
      });
    },
    { passive: true },
  );
  scroller.addEventListener('keydown', (event) => {
    const row = closestWith(event.target, 'data-index');
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    // Arrow keys in a RICE input or select move its caret or value, not the row.
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    const index = Number(row.getAttribute('data-index'));
    const page = Math.max(1, Math.floor(scroller.clientHeight / rowHeight) - 2);
    const target =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'PageDown'
            ? index + page
            : event.key === 'PageUp'
              ? index - page
              : event.key === 'Home'
                ? 0
                : event.key === 'End'
                  ? rows.length - 1
                  : undefined;
    if (target === undefined) return;
    event.preventDefault();
    focusRow(target);
  });
  scroller.addEventListener('focusin', (event) => {
    const row = closestWith(event.target, 'data-index');
    if (row) focusIndex = Number(row.getAttribute('data-index'));
  });

  renderRows(true);
  if (rows.length === 0) scroller.append(h('p', { class: 'empty-view' }, 'No features match the filters.'));

  const plot = plotPoints(context.features, context.model);
  const unplotted = context.features.length - plot.points.length;
  const chart = quadrantChart(plot, unplotted, undefined, (feature) => context.statusCategory(feature));
  // A click on a stack's dot selects its best feature, the next click the next one, and so on: before the
  // panel's own click handler reads which feature the dot stands for.
  chart.addEventListener(
    'click',
    (event) => {
      const dot = event.target instanceof Element ? event.target.closest('.point.stacked') : null;
      if (!dot?.classList.contains('selected') || event.detail > 1) return;
      const files = stackOf(dot);
      showInStack(dot, files[(files.indexOf(dot.getAttribute('data-file') ?? '') + 1) % files.length]!);
    },
    true,
  );
  const legend = h(
    'div',
    { class: 'legend' },
    ...(['todo', 'doing', 'done'] as const).map((category) =>
      h(
        'span',
        { class: 'legend-item' },
        h('span', { class: `legend-swatch category-${category}` }),
        category === 'todo' ? 'To do' : category === 'doing' ? 'In progress' : 'Done',
      ),
    ),
  );
  root.append(
    scroller,
    h(
      'aside',
      { class: 'quadrant', 'aria-label': 'Value versus effort' },
      h('h3', {}, 'Value vs effort'),
      chart,
      legend,
      h('p', { class: 'hint' }, 'Split at the median effort and value of the features shown.'),
    ),
  );

  return {
    root,
    scroller,
    mounted: () => renderRows(true),
    reveal: (file) => {
      const index = rows.findIndex((feature) => feature.file === file);
      return index === -1 ? undefined : focusRow(index);
    },
    // A stack's dot stands for the selected feature when it is one of them (selected in the table, the tree
    // or by clicks on the dot), else for its best.
    select: (file) => {
      for (const dot of chart.querySelectorAll('.point.stacked')) {
        const files = stackOf(dot);
        const shown = file !== undefined && files.includes(file);
        showInStack(dot, shown ? file : files[0]!);
        dot.classList.toggle('selected', shown);
      }
    },
    toSvg: () => quadrantChart(plot, unplotted, themePalette(), (feature) => context.statusCategory(feature)),
    toMermaid: () => quadrantSource(plot.points),
  };
}
