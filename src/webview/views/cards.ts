// The feature card shared by the board, horizons and MoSCoW views.
import type { FeatureView } from '../../shared/protocol';
import { closestWith, h } from '../dom';
import { formatScore, moscowTitles, problemsText, progressOf } from '../featureText';

export interface CardOptions {
  draggable?: boolean;
  /** Extra line under the title (e.g. the status, where columns are not statuses). */
  note?: string;
  /** Shows the note as a warning (a status that is not configured). */
  noteWarning?: boolean;
}

/**
 * The line that names a feature's status where the columns are not statuses, or says that the status is
 * not one of the configured ones (such a feature still shows everywhere; only its status is suspect).
 */
export function statusNote(
  feature: FeatureView,
  statusTitles: ReadonlyMap<string, string>,
): Pick<CardOptions, 'note' | 'noteWarning'> {
  const title = statusTitles.get(feature.status);
  if (title !== undefined) return { note: title };
  return {
    note: feature.status === '' ? 'No status' : `Unknown status “${feature.status}”`,
    noteWarning: true,
  };
}

export function moscowChip(feature: FeatureView): HTMLElement | undefined {
  if (!feature.moscow) return undefined;
  return h('span', { class: `chip moscow-${feature.moscow}`, title: 'MoSCoW' }, moscowTitles[feature.moscow]);
}

export function problemsBadge(feature: FeatureView): HTMLElement | undefined {
  const { errors, warnings } = feature.problems;
  if (errors === 0 && warnings === 0) return undefined;
  return h(
    'span',
    {
      class: `problems ${errors > 0 ? 'has-errors' : 'has-warnings'}`,
      title: problemsText(feature),
      'aria-label': problemsText(feature),
      'data-problems': `${errors}/${warnings}`,
    },
    errors > 0 ? `✕ ${errors}` : '',
    errors > 0 && warnings > 0 ? ' ' : '',
    warnings > 0 ? `⚠ ${warnings}` : '',
  );
}

export function progressBar(feature: FeatureView): HTMLElement | undefined {
  const percent = progressOf(feature);
  if (percent === undefined) return undefined;
  const fill = h('div', { class: 'progress-fill' });
  fill.style.width = `${percent}%`;
  const label =
    feature.tasks && feature.progress === undefined
      ? `${feature.tasks.done}/${feature.tasks.total}`
      : `${percent}%`;
  return h(
    'div',
    { class: 'progress', title: `Progress ${percent}%` },
    h(
      'div',
      {
        class: 'progress-track',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': percent,
        'aria-label': 'Progress',
      },
      fill,
    ),
    h('span', { class: 'progress-label' }, label),
  );
}

export function featureCard(feature: FeatureView, options: CardOptions = {}): HTMLElement {
  const meta = [feature.owner, feature.team].filter(Boolean).join(' · ');
  return h(
    'li',
    {
      class: 'card',
      tabindex: 0,
      draggable: options.draggable ? 'true' : undefined,
      'data-file': feature.file,
      'data-id': feature.id,
      'aria-label': `${feature.id}: ${feature.title}`,
    },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'card-id' }, feature.id),
      moscowChip(feature),
      h('span', { class: 'spacer' }),
      problemsBadge(feature),
      feature.score === undefined
        ? undefined
        : h(
            'span',
            {
              class: 'score',
              title: feature.rank
                ? `Score ${feature.score} (rank #${feature.rank})`
                : `Score ${feature.score}`,
            },
            formatScore(feature.score),
          ),
    ),
    h('div', { class: 'card-title' }, feature.title || '(untitled)'),
    options.note
      ? h('div', { class: `card-note${options.noteWarning ? ' warning' : ''}` }, options.note)
      : undefined,
    meta ? h('div', { class: 'card-meta' }, meta) : undefined,
    progressBar(feature),
  );
}

/** The drag type of a feature card, shared by every view whose cards can be dropped somewhere. */
export const cardDragType = 'application/x-roadmap-feature';

/** Cards under `root` carry their file while dragged; drop targets lose their highlight when it ends. */
export function wireCardDrag(root: HTMLElement): void {
  root.addEventListener('dragstart', (event) => {
    const card = closestWith(event.target, 'data-file');
    const file = card?.getAttribute('data-file');
    if (!card || !file || !event.dataTransfer) return;
    event.dataTransfer.setData(cardDragType, file);
    event.dataTransfer.setData('text/plain', card.getAttribute('data-id') ?? file);
    event.dataTransfer.effectAllowed = 'move';
    card.classList.add('dragging');
  });
  root.addEventListener('dragend', (event) => {
    closestWith(event.target, 'data-file')?.classList.remove('dragging');
    for (const target of root.querySelectorAll('.drop-target')) target.classList.remove('drop-target');
  });
}

/** Makes `target` a drop zone for cards: highlighted while a card is over it, `drop` called with its file. */
export function cardDropZone(target: HTMLElement, drop: (file: string) => void): void {
  target.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes(cardDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    target.classList.add('drop-target');
  });
  target.addEventListener('dragleave', (event) => {
    if (!(event.relatedTarget instanceof Node) || !target.contains(event.relatedTarget))
      target.classList.remove('drop-target');
  });
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    target.classList.remove('drop-target');
    const file = event.dataTransfer?.getData(cardDragType);
    if (file) drop(file);
  });
}
