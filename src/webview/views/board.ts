// Board: a column per status, in the configured order. Cards move between columns by drag and drop or with
// Alt+Left/Right; either way the host gets one setField message and the card moves at once.
import type { FeatureView, StatusView } from '../../shared/protocol';
import { closestWith, h } from '../dom';
import { categoryColour, columnsSvg, themePalette } from '../exportSvg';
import { kanbanSource } from '../mermaidText';
import { featureCard, statusNote } from './cards';
import type { RenderedView, ViewContext } from './viewTypes';

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
  if (unknown.features.length > 0) result.push(unknown);
  return result;
}

const dragType = 'application/x-roadmap-feature';

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
  for (const column of columns) {
    const list = h('ul', { class: 'column-body', role: 'list' });
    const fragment = document.createDocumentFragment();
    // Cards of the "Unknown status" column say what their file has; they can be dragged out (to fix it).
    const draggable = !context.readOnly && context.model.statuses.length > 0;
    for (const feature of column.features) {
      fragment.append(
        featureCard(
          feature,
          column.status ? { draggable } : { draggable, ...statusNote(feature, statusTitles) },
        ),
      );
    }
    list.append(fragment);
    if (column.features.length === 0) list.append(h('li', { class: 'empty-column' }, 'No features'));
    const unknownHint = `Their status is not one of the statuses in .roadmap/config.yaml.${context.readOnly ? '' : ' Drag a card to a column to set one.'}`;
    const section = h(
      'section',
      {
        class: `column${column.status ? '' : ' unknown-status'}`,
        'data-status': column.status?.id,
        'data-category': column.status?.category,
        'data-unknown-status': column.status ? undefined : true,
        'aria-label': `${column.title}, ${column.features.length} features`,
      },
      h(
        'header',
        { class: 'column-header', title: column.status ? undefined : unknownHint },
        h('span', { class: `status-dot category-${column.status?.category ?? 'unknown'}` }),
        h('span', { class: 'column-title' }, column.title),
        h('span', { class: 'count', 'data-count': column.features.length }, String(column.features.length)),
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
      section.addEventListener('dragover', (event) => {
        if (!event.dataTransfer?.types.includes(dragType)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        section.classList.add('drop-target');
      });
      section.addEventListener('dragleave', (event) => {
        if (!(event.relatedTarget instanceof Node) || !section.contains(event.relatedTarget)) {
          section.classList.remove('drop-target');
        }
      });
      section.addEventListener('drop', (event) => {
        event.preventDefault();
        section.classList.remove('drop-target');
        const feature = byFile.get(event.dataTransfer?.getData(dragType) ?? '');
        if (feature) moveTo(feature, status.id);
      });
    }
    lanes.append(section);
  }

  root.addEventListener('dragstart', (event) => {
    const card = closestWith(event.target, 'data-file');
    const file = card?.getAttribute('data-file');
    if (!card || !file || !event.dataTransfer) return;
    event.dataTransfer.setData(dragType, file);
    event.dataTransfer.setData('text/plain', card.getAttribute('data-id') ?? file);
    event.dataTransfer.effectAllowed = 'move';
    card.classList.add('dragging');
  });
  root.addEventListener('dragend', (event) => {
    closestWith(event.target, 'data-file')?.classList.remove('dragging');
    for (const section of root.querySelectorAll('.drop-target')) section.classList.remove('drop-target');
  });
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
    reveal: (file) => root.querySelector<HTMLElement>(`.card[data-file="${CSS.escape(file)}"]`) ?? undefined,
    toSvg: () => {
      const palette = themePalette();
      return columnsSvg('Board', columns, palette, (feature) =>
        categoryColour(palette, context.statusCategory(feature)),
      );
    },
    toMermaid: () => kanbanSource(columns),
  };
}
