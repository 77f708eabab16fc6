// The timeline as a standalone SVG picture, for the Export menu.
import { s } from '../dom';
import { categoryColour, svgRoot, themePalette } from '../exportSvg';
import { truncate } from '../mermaidText';
import { arrowPath, arrows, laneHeight, rowHeight, x, type TimelineLayout } from './timelineLayout';
import type { ViewContext } from './viewTypes';

/** The timeline as a standalone SVG picture (export). */
export function timelineSvg(layout: TimelineLayout, context: ViewContext): SVGSVGElement {
  const palette = themePalette();
  const headerHeight = 48;
  const labelColumn = 240;
  const width = labelColumn + layout.chartWidth + 16;
  const height = headerHeight + Math.max(layout.bodyHeight, rowHeight) + 16;
  const svg = svgRoot(width, height, palette);
  const px = (day: number): number => labelColumn + x(layout, day);
  const majors = new Set(layout.majorTicks.map((tick) => tick.day));
  for (const tick of layout.minorTicks) {
    svg.append(
      s('line', {
        x1: px(tick.day),
        x2: px(tick.day),
        y1: 24,
        y2: height - 16,
        stroke: palette.border,
        'stroke-opacity': majors.has(tick.day) ? 1 : 0.5,
      }),
      s('text', { x: px(tick.day) + 4, y: 40, fill: palette.muted, 'font-size': 11 }, tick.label),
    );
  }
  for (const tick of layout.majorTicks) {
    svg.append(
      s('text', { x: px(tick.day) + 4, y: 18, fill: palette.foreground, 'font-weight': 600 }, tick.label),
    );
  }
  const body = s('g', { transform: `translate(0 ${headerHeight})` });
  for (const lane of layout.lanes) {
    body.append(
      s('rect', { x: 0, y: lane.y, width, height: laneHeight, fill: palette.surface }),
      s(
        'text',
        { x: 8, y: lane.y + 19, fill: palette.foreground, 'font-weight': 600 },
        truncate(`${lane.title} (${lane.rows.length})`, 60),
      ),
    );
    for (const row of lane.rows) {
      const { feature, start, end, source } = row.scheduled;
      // Dropped or cancelled work is not shipped work: muted, never the done colour.
      const colour = context.isCancelled(feature)
        ? palette.muted
        : categoryColour(palette, context.statusCategory(feature));
      body.append(
        s(
          'text',
          { x: 8, y: row.y + 19, fill: palette.foreground },
          truncate(`${feature.id}  ${feature.title}`, 36),
        ),
        s('rect', {
          x: px(start),
          y: row.y + 5,
          width: Math.max(4, (end - start + 1) * layout.pixelsPerDay),
          height: rowHeight - 10,
          rx: 4,
          fill: colour,
          'fill-opacity': source === 'dates' ? 0.85 : 0.35,
          stroke: colour,
          'stroke-dasharray': source === 'dates' ? undefined : '4 2',
        }),
      );
    }
  }
  for (const link of arrows(layout)) {
    body.append(
      s('path', {
        d: arrowPath(layout, link.from, link.to, labelColumn),
        fill: 'none',
        stroke: link.late ? palette.error : palette.muted,
        'stroke-width': 1.2,
      }),
    );
  }
  svg.append(body);
  for (const milestone of layout.milestones) {
    svg.append(
      s('line', {
        x1: px(milestone.day),
        x2: px(milestone.day),
        y1: 24,
        y2: height - 16,
        stroke: palette.accent,
        'stroke-dasharray': '6 3',
      }),
      s(
        'text',
        { x: px(milestone.day) + 4, y: height - 4, fill: palette.accent, 'font-size': 11 },
        `◆ ${truncate(milestone.title, 40)}`,
      ),
    );
  }
  if (layout.today >= layout.rangeStart && layout.today < layout.rangeEnd) {
    svg.append(
      s('line', {
        x1: px(layout.today),
        x2: px(layout.today),
        y1: 24,
        y2: height - 16,
        stroke: palette.error,
        'stroke-width': 1.5,
      }),
    );
  }
  return svg;
}
