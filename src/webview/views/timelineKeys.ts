// The timeline from the keyboard: Alt+Left/Right moves the focused bar by the zoom's step, Alt+Shift+Left/Right
// resizes it, Escape cancels a drag.
import type { FeatureView } from '../../shared/protocol';
import { closestWith } from '../dom';
import type { Zoom } from '../state';
import type { BarDrag } from './timelineDrag';
import { keyboardStep, type TimelineLayout } from './timelineLayout';

export function wireTimelineKeys(
  root: HTMLElement,
  layout: TimelineLayout,
  zoom: Zoom,
  drag: BarDrag,
  commit: (feature: FeatureView, start: number, end: number) => void,
): void {
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && drag.active()) {
      drag.cancel();
      return;
    }
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    const row = layout.rowsByFile.get(
      closestWith(event.target, 'data-start')?.getAttribute('data-file') ?? '',
    );
    if (!row) return;
    event.preventDefault();
    const step = keyboardStep[zoom] * (event.key === 'ArrowLeft' ? -1 : 1);
    const { feature, start, end } = row.scheduled;
    // Alt+Shift resizes (moves the end only); plain Alt moves the whole bar.
    if (event.shiftKey) commit(feature, start, Math.max(start, end + step));
    else commit(feature, start + step, end + step);
  });
}
