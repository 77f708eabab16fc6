// The value/effort chart of a large roadmap. Thousands of dots are an unreadable cloud (and thousands of SVG
// elements to lay out), so above `densityAbove` points the chart shades a grid of cells by how many features
// fall in each, and draws and names only the top features by score on top of it.
import type { FeatureView } from '../../shared/protocol';

/** Up to this many points are drawn one dot each. */
export const densityAbove = 300;
/** Features drawn and labelled over the density grid. */
export const labelledTop = 8;
/** Grid cells across and down the plot area. */
export const densityCells = 24;

export interface DensityCell {
  column: number;
  row: number;
  count: number;
}

/** Counts of points per cell (x and y in 0..1, y up), only the cells that hold any. */
export function densityGrid(points: readonly { x: number; y: number }[]): DensityCell[] {
  const counts = new Map<number, number>();
  const cell = (value: number): number =>
    Math.min(densityCells - 1, Math.max(0, Math.floor(value * densityCells)));
  for (const point of points) {
    const key = cell(point.y) * densityCells + cell(point.x);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({
    column: key % densityCells,
    row: Math.floor(key / densityCells),
    count,
  }));
}

/** The highest-scored points (unscored ones never), best first. */
export function topByScore<T extends { feature: FeatureView }>(points: readonly T[], limit: number): T[] {
  return points
    .filter((point) => point.feature.score !== undefined)
    .sort((a, b) => b.feature.score! - a.feature.score! || a.feature.id.localeCompare(b.feature.id))
    .slice(0, limit);
}

/**
 * Dots that would cover one another drawn as one: points closer than `radius` (in the units `at` gives) to a
 * better one join its stack, the best by score first. RICE's coarse scales put features of a small roadmap on
 * the same spot, where only the dot on top could be hovered or clicked.
 */
export function stacksOf<T extends { feature: FeatureView }>(
  points: readonly T[],
  at: (point: T) => { x: number; y: number },
  radius: number,
): T[][] {
  const best = [...points].sort(
    (a, b) =>
      (b.feature.score ?? -Infinity) - (a.feature.score ?? -Infinity) ||
      a.feature.id.localeCompare(b.feature.id),
  );
  const stacks: { x: number; y: number; points: T[] }[] = [];
  for (const point of best) {
    const { x, y } = at(point);
    const stack = stacks.find((candidate) => Math.hypot(candidate.x - x, candidate.y - y) < radius);
    if (stack) stack.points.push(point);
    else stacks.push({ x, y, points: [point] });
  }
  return stacks.map((stack) => stack.points);
}
