// Dragging on the timeline: a bar moves (or, grabbed by an edge, resizes) by whole days and posts one edit
// when dropped; an unscheduled feature dragged onto the chart gets dates where it is dropped.
import type { FeatureView } from '../../shared/protocol';
import { humanDate } from '../../core/plan/labels';
import { closestWith, h } from '../dom';
import { placeBar } from './timelineChrome';
import { labelWidth, type LaneRow, type TimelineLayout } from './timelineLayout';

/** Pointer travel (px) before a press becomes a drag rather than a click. */
const dragThreshold = 4;
/** Width (px) of the grab zones at each end of a bar that resize instead of move. */
const edgeZone = 7;
/** How long a feature dropped from the unscheduled list is planned for, until someone resizes it. */
export const droppedSpanDays = 14;
const unscheduledType = 'application/x-roadmap-unscheduled';

type DragMode = 'move' | 'start' | 'end';

export interface BarDrag {
  /** A bar is being dragged (scrolling must not re-draw it away). */
  active(): boolean;
  /** Escape: puts the dragged bar back where it was. */
  cancel(): void;
}

export function wireBarDrag(
  root: HTMLElement,
  body: HTMLElement,
  layout: TimelineLayout,
  commit: (feature: FeatureView, start: number, end: number) => void,
): BarDrag {
  let drag:
    | {
        bar: HTMLElement;
        row: LaneRow;
        mode: DragMode;
        originX: number;
        pointerId: number;
        moved: boolean;
        start: number;
        end: number;
      }
    | undefined;
  let suppressClick = false;
  const dragTip = h('div', { class: 'drag-tip', role: 'status', hidden: true });
  root.append(dragTip);

  const modeAt = (bar: HTMLElement, clientX: number): DragMode => {
    const rect = bar.getBoundingClientRect();
    if (rect.width > edgeZone * 3) {
      if (clientX - rect.left <= edgeZone) return 'start';
      if (rect.right - clientX <= edgeZone) return 'end';
    }
    return 'move';
  };

  body.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const bar = closestWith(event.target, 'data-start');
    const row = layout.rowsByFile.get(bar?.getAttribute('data-file') ?? '');
    if (!(bar instanceof HTMLElement) || !row) return;
    const { start, end } = row.scheduled;
    drag = {
      bar,
      row,
      mode: modeAt(bar, event.clientX),
      originX: event.clientX,
      pointerId: event.pointerId,
      moved: false,
      start,
      end,
    };
    bar.setPointerCapture(event.pointerId);
  });
  body.addEventListener('pointermove', (event) => {
    if (!drag) {
      const bar = closestWith(event.target, 'data-start');
      if (bar instanceof HTMLElement) bar.dataset.grip = modeAt(bar, event.clientX);
      return;
    }
    if (event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.originX;
    if (!drag.moved && Math.abs(dx) < dragThreshold) return;
    drag.moved = true;
    drag.bar.classList.add('dragging');
    const days = Math.round(dx / layout.pixelsPerDay);
    const { start, end } = drag.row.scheduled;
    drag.start = drag.mode === 'end' ? start : Math.min(start + days, drag.mode === 'start' ? end : Infinity);
    drag.end = drag.mode === 'start' ? end : Math.max(end + days, drag.mode === 'end' ? start : -Infinity);
    placeBar(drag.bar, layout, drag.start, drag.end);
    dragTip.hidden = false;
    dragTip.textContent = `${humanDate(drag.start)} – ${humanDate(drag.end)}`;
    const rect = drag.bar.getBoundingClientRect();
    dragTip.style.left = `${rect.left}px`;
    dragTip.style.top = `${rect.top - 26}px`;
  });
  const finish = (event: PointerEvent, cancel: boolean): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { bar, row, moved, start, end } = drag;
    drag = undefined;
    dragTip.hidden = true;
    bar.classList.remove('dragging');
    if (bar.hasPointerCapture(event.pointerId)) bar.releasePointerCapture(event.pointerId);
    if (!moved) return;
    suppressClick = true;
    const unchanged = start === row.scheduled.start && end === row.scheduled.end;
    if (cancel || unchanged) placeBar(bar, layout, row.scheduled.start, row.scheduled.end);
    else commit(row.scheduled.feature, start, end);
  };
  body.addEventListener('pointerup', (event) => finish(event, false));
  body.addEventListener('pointercancel', (event) => finish(event, true));
  // A drag ends with a click on the bar; it must not also select or open the feature.
  body.addEventListener(
    'click',
    (event) => {
      if (!suppressClick) return;
      suppressClick = false;
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );
  return {
    active: () => drag !== undefined,
    cancel: () => {
      if (!drag) return;
      placeBar(drag.bar, layout, drag.row.scheduled.start, drag.row.scheduled.end);
      drag.moved = false;
    },
  };
}

/** Unscheduled chips can be dragged onto the chart: dropped at a day, they get dates from that day. */
export function wireUnscheduledDrop(
  list: HTMLElement,
  body: HTMLElement,
  layout: TimelineLayout,
  unscheduled: readonly FeatureView[],
  commit: (feature: FeatureView, start: number, end: number) => void,
): void {
  list.addEventListener('dragstart', (event) => {
    const file = closestWith(event.target, 'data-file')?.getAttribute('data-file');
    if (!file || !event.dataTransfer) return;
    event.dataTransfer.setData(unscheduledType, file);
    event.dataTransfer.effectAllowed = 'copy';
  });
  body.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes(unscheduledType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    body.classList.add('drop-target');
  });
  body.addEventListener('dragleave', () => body.classList.remove('drop-target'));
  body.addEventListener('drop', (event) => {
    body.classList.remove('drop-target');
    const file = event.dataTransfer?.getData(unscheduledType);
    const feature = unscheduled.find((candidate) => candidate.file === file);
    if (!feature) return;
    event.preventDefault();
    const chartLeft = body.getBoundingClientRect().left + labelWidth;
    const start = layout.rangeStart + Math.floor((event.clientX - chartLeft) / layout.pixelsPerDay);
    commit(feature, start, start + droppedSpanDays - 1);
  });
}
