// Board: a column per status, in the configured order. Cards move between columns by drag and drop or with
// Alt+Left/Right; either way the host gets one setField message and the card moves at once.
import type { FeatureView, StatusView } from '../../shared/protocol';
import { closestWith, h } from '../dom';
import { categoryColour, columnsSvg, themePalette } from '../exportSvg';
import { kanbanSource } from '../mermaidText';
import { cardDropZone, featureCard, statusNote, wireCardDrag } from './cards';
import { cardList, mountCardLists, revealIn, type CardList } from './virtualCards';
import type { RenderedView, ViewContext } from './viewTypes';
import { plural } from '../../core/plural';

interface Column {
  status: StatusView | undefined;
  title: string;
  features: FeatureView[];
}

/** Columns in status order; features whose status is not configured get a read-only column at the end. */
export function boardColumns(context: ViewContext): Column[] {
  const columns = new Map<string, Column>();
  for (const status of context.model.statuses) {
    columns.set(status.id, { status, title: status.title, features: [] });
  }
  const unknown: Column = { status: undefined, title: 'Unknown status', features: [] };
  for (const feature of context.features) (columns.get(feature.status) ?? unknown).features.push(feature);
  const result = [...columns.values()];
  // Highest score first (the order the header says), unscored last by id, so a column reads as a queue.
  for (const column of result) column.features.sort(byScore);
  if (unknown.features.length > 0) result.push(unknown);
  return result;
}

export function byScore(a: FeatureView, b: FeatureView): number {
  return (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.id.localeCompare(b.id);
}

export function renderBoard(context: ViewContext): RenderedView {
  const columns = boardColumns(context);
  const byFile = new Map(context.features.map((feature) => [feature.file, feature]));
  const root = h('div', { class: 'view board', 'data-view': 'board' });
  const lanes = h('div', { class: 'columns' });
  root.append(lanes);

  const moveTo = (feature: FeatureView, status: string): void => {
    if (feature.status === status) return;
    context.post({
      type: 'setField',
      file: feature.file,
      revision: feature.revision,
      field: 'status',
      value: status,
    });
    context.applyLocally(feature.file, { status });
  };

  const statusTitles = new Map(context.model.statuses.map((status) => [status.id, status.title]));
  let selected = context.selected;
  const lists: CardList[] = [];
  for (const column of columns) {
    // Cards of the "Unknown status" column say what their file has; they can be dragged out (to fix it).
    const draggable = !context.readOnly && context.model.statuses.length > 0;
    const cards = cardList(
      column.features,
      (feature) =>
        featureCard(
          feature,
          column.status ? { draggable } : { draggable, ...statusNote(feature, statusTitles) },
        ),
      { class: 'column-body', selected: () => selected },
    );
    lists.push(cards);
    const list = cards.element;
    if (column.features.length === 0) list.append(h('li', { class: 'empty-column' }, 'No features'));
    const unknownHint = `Their status is not one of the statuses in .roadmap/config.yaml.${context.readOnly ? '' : ' Drag a card to a column to set one.'}`;
    const section = h(
      'section',
      {
        class: `column${column.status ? '' : ' unknown-status'}`,
        'data-status': column.status?.id,
        'data-category': column.status?.category,
        'data-unknown-status': column.status ? undefined : true,
        'aria-label': `${column.title}, ${plural(column.features.length, 'feature')}`,
      },
      h(
        'header',
        { class: 'column-header', title: column.status ? undefined : unknownHint },
        h('span', { class: `status-dot category-${column.status?.category ?? 'unknown'}` }),
        h('span', { class: 'column-title' }, column.title),
        h('span', { class: 'count', 'data-count': column.features.length }, String(column.features.length)),
        h('span', { class: 'group-order', title: 'Cards are ordered by score, highest first' }, 'by score'),
        column.status
          ? undefined
          : h(
              'span',
              {
                class: 'problems has-warnings',
                'aria-label': `${column.features.length} with a status that is not configured`,
                'data-problems': `0/${column.features.length}`,
              },
              '⚠',
            ),
        column.status ? undefined : h('span', { class: 'column-hint' }, 'Not a configured status'),
      ),
      list,
    );
    const status = column.status;
    if (status && !context.readOnly) {
      cardDropZone(section, (file) => {
        const feature = byFile.get(file);
        if (feature) moveTo(feature, status.id);
      });
    }
    lanes.append(section);
  }

  wireCardDrag(root);
  root.addEventListener('keydown', (event) => {
    if (context.readOnly || !event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight'))
      return;
    const feature = byFile.get(closestWith(event.target, 'data-file')?.getAttribute('data-file') ?? '');
    if (!feature) return;
    event.preventDefault();
    const statuses = context.model.statuses;
    const index = statuses.findIndex((status) => status.id === feature.status);
    // A feature with an unknown status sits in the last column: left is the last configured status.
    const next =
      index === -1
        ? event.key === 'ArrowLeft'
          ? statuses[statuses.length - 1]
          : undefined
        : statuses[index + (event.key === 'ArrowLeft' ? -1 : 1)];
    if (next) moveTo(feature, next.id);
  });

  return {
    root,
    scroller: lanes,
    mounted: () => mountCardLists(lists),
    select: (file) => {
      selected = file;
    },
    reveal: (file) => revealIn(lists, file),
    toSvg: () => {
      const palette = themePalette();
      return columnsSvg('Board', columns, palette, (feature) =>
        categoryColour(palette, context.statusCategory(feature)),
      );
    },
    toMermaid: () => kanbanSource(columns),
  };
}
