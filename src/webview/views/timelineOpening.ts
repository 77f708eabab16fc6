// Where the timeline opens sideways when the usual place (around today) would show the first screen's rows
// without a single bar: on a large roadmap the first lane's features can all lie months away from today.
import { rowHeight, scrollLead, x, type LaneRow, type TimelineLayout } from './timelineLayout';

/**
 * `left` when at least one bar of the rows in view (`top` to `top + height` of the chart body) is inside
 * the viewport there; otherwise the offset that shows the most of those bars (the earliest of equals).
 */
export function leftWithBars(
  layout: TimelineLayout,
  left: number,
  viewport: number,
  top: number,
  height: number,
): number {
  const rows: LaneRow[] = [];
  for (const lane of layout.lanes)
    for (const row of lane.rows) if (row.y + rowHeight > top && row.y < top + height) rows.push(row);
  if (rows.length === 0) return left;
  const spans = rows.map(
    (row) => [x(layout, row.scheduled.start), x(layout, row.scheduled.end + 1)] as const,
  );
  const shown = (offset: number): number =>
    spans.filter(([from, to]) => to > offset && from < offset + viewport).length;
  if (shown(left) > 0) return left;
  let best = left;
  let bestCount = 0;
  for (const [from] of spans) {
    const offset = Math.max(0, Math.min(from - scrollLead, layout.chartWidth - viewport));
    const count = shown(offset);
    if (count > bestCount || (count === bestCount && offset < best)) {
      best = offset;
      bestCount = count;
    }
  }
  return Math.round(best);
}
