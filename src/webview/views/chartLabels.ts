// Names for points on a chart, placed so that none overlaps another, the chart's own titles or the points
// they name. The value/effort chart of a large roadmap names its top features, and those crowd one corner
// (high value, low effort): stacked beside their dots they ran over each other and over "Quick wins". A name
// goes to the free place nearest its point (beside it, else further off with a leader line back to it), or,
// when the points crowd together, all the names go in one column beside them (see placeLabels); a name that
// does not fit is left out, the least important first. Pure geometry in the chart's own units: the caller
// measures the text (see priority.ts).

/** A rectangle, top-left corner and size, y downwards (SVG user units). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A text's extent at its font size: its advance width, and how far it reaches above and below its baseline. */
export interface TextMetrics {
  width: number;
  ascent: number;
  descent: number;
}

export interface LabelRequest {
  /** The centre of the point named. */
  x: number;
  y: number;
  text: TextMetrics;
}

export interface PlacedLabel {
  /** Where the text starts (text-anchor start) and its baseline. */
  x: number;
  y: number;
  box: Box;
  /** From the point's edge to the name, when the name is not right beside its point. */
  leader?: Leader;
}

export interface Leader {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LabelSpace {
  /** Names stay inside this (the plot area). */
  bounds: Box;
  /** What neither a name nor a leader line may cross: the chart's titles. */
  titles: readonly Box[];
  /**
   * The radius of the points named: no name covers one (a leader line may pass over them), and a name beside
   * its point starts this far from its centre, plus a gap.
   */
  pointRadius: number;
  /** The farthest a name may be from its point (its nearest edge from the point's centre). */
  reach: number;
}

/** Clear space kept around each name, so that halos do not touch. */
const padding = 1.5;
/** A name this close to its point reads as beside it, without a leader line. */
const shortLeader = 3;
/** The step between the places tried around a point. */
const step = 4;

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The square around a point of `radius` at `centre`. */
function pointBox(centre: { x: number; y: number }, radius: number): Box {
  return { x: centre.x - radius, y: centre.y - radius, width: 2 * radius, height: 2 * radius };
}

function grown(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/** The point of `box` nearest to (x, y). */
function nearestPoint(box: Box, x: number, y: number): { x: number; y: number } {
  return {
    x: Math.min(Math.max(x, box.x), box.x + box.width),
    y: Math.min(Math.max(y, box.y), box.y + box.height),
  };
}

/** Whether the segment from (x1, y1) to (x2, y2) passes through `box` (Liang–Barsky clipping). */
function segmentCrosses(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let low = 0;
  let high = 1;
  const edges: [number, number][] = [
    [-dx, x1 - box.x],
    [dx, box.x + box.width - x1],
    [-dy, y1 - box.y],
    [dy, box.y + box.height - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) low = Math.max(low, t);
    else high = Math.min(high, t);
    if (low > high) return false;
  }
  return true;
}

/** A leader line from the edge of the point at (x, y) towards `end`. */
function leaderTo(x: number, y: number, end: { x: number; y: number }, radius: number): Leader {
  const from = radius / Math.hypot(end.x - x, end.y - y);
  return { x1: x + (end.x - x) * from, y1: y + (end.y - y) * from, x2: end.x, y2: end.y };
}

/** Whether a leader line crosses `box`, unless the box is over the line's own point (a title over a dot). */
function leaderCrosses(line: Leader, box: Box): boolean {
  return (
    segmentCrosses(line.x1, line.y1, line.x2, line.y2, box) &&
    !inside({ x: line.x1, y: line.y1, width: 0, height: 0 }, box)
  );
}

/**
 * Places the names in the order given (the most important first); undefined for a name that does not fit.
 * Two layouts are tried, and the one that names more (the first, on a tie) is kept: each name at the free
 * place nearest its point (for points spread over the chart), and all of them in one column beside the
 * points (for points that crowd together, where names placed one by one wall each other's leaders in).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  space: LabelSpace,
): (PlacedLabel | undefined)[] {
  const nearest = nearestPlaces(requests, space);
  const named = (placed: readonly (PlacedLabel | undefined)[]): number =>
    placed.filter((place) => place !== undefined).length;
  if (named(nearest) === requests.length) return nearest;
  const column = stackedColumn(requests, space);
  return named(column) > named(nearest) ? column : nearest;
}

/**
 * Each name, in order, at the free place nearest its point: beside it on the right, then on the left, then
 * every place on a grid around it within `reach`, nearest first, with a leader line back to the point.
 */
function nearestPlaces(requests: readonly LabelRequest[], space: LabelSpace): (PlacedLabel | undefined)[] {
  // Titles and the names placed so far: no name or leader line crosses them.
  const taken: Box[] = space.titles.map((box) => grown(box, padding));
  const points = requests.map((request) => grown(pointBox(request, space.pointRadius), padding));
  const leaders: Leader[] = [];
  const gap = space.pointRadius + 3;
  return requests.map((request) => {
    const { width, ascent, descent } = request.text;
    const height = ascent + descent;
    const candidates: { box: Box; distance: number; beside: boolean }[] = [];
    const consider = (x: number, top: number, beside: boolean): void => {
      const box = { x, y: top, width, height };
      const near = nearestPoint(box, request.x, request.y);
      const distance = Math.hypot(near.x - request.x, near.y - request.y);
      if (distance <= space.reach) candidates.push({ box, distance, beside });
    };
    const centredTop = request.y - height / 2;
    consider(request.x + gap, centredTop, true);
    consider(request.x - gap - width, centredTop, true);
    const { bounds } = space;
    // The grid over the part of the bounds within reach of the point.
    const offset = (from: number, to: number): number =>
      from + Math.max(0, Math.ceil((to - from) / step)) * step;
    const firstTop = offset(bounds.y, request.y - space.reach - height);
    const firstX = offset(bounds.x, request.x - space.reach - width);
    const lastTop = Math.min(bounds.y + bounds.height - height, request.y + space.reach);
    const lastX = Math.min(bounds.x + bounds.width - width, request.x + space.reach);
    for (let top = firstTop; top <= lastTop; top += step)
      for (let x = firstX; x <= lastX; x += step) consider(x, top, false);
    candidates.sort((a, b) => Number(b.beside) - Number(a.beside) || a.distance - b.distance);
    for (const { box, beside } of candidates) {
      if (!inside(box, bounds)) continue;
      const padded = grown(box, padding);
      if (taken.some((other) => intersects(padded, other))) continue;
      if (points.some((other) => intersects(padded, other))) continue;
      // The name must not cross a leader already drawn, nor its own leader another name or title.
      if (leaders.some((line) => segmentCrosses(line.x1, line.y1, line.x2, line.y2, padded))) continue;
      let leader: Leader | undefined;
      const end = nearestPoint(box, request.x, request.y);
      const length = Math.hypot(end.x - request.x, end.y - request.y);
      if (!beside && length - space.pointRadius > shortLeader) {
        const line = leaderTo(request.x, request.y, end, space.pointRadius);
        if (taken.some((other) => leaderCrosses(line, other))) continue;
        leaders.push((leader = line));
      }
      taken.push(padded);
      const placed: PlacedLabel = { x: box.x, y: box.y + ascent, box };
      if (leader) placed.leader = leader;
      return placed;
    }
    return undefined;
  });
}

/**
 * The names in one column beside the points (right of the rightmost, else left of the leftmost), stacked in
 * the order of their points from the top, so that no leader line crosses another or a name; a name is moved
 * down past the titles, and when the column is too long for the plot the last in importance are left out.
 */
function stackedColumn(requests: readonly LabelRequest[], space: LabelSpace): (PlacedLabel | undefined)[] {
  const { bounds, pointRadius } = space;
  const titles = space.titles.map((box) => grown(box, padding));
  const widest = Math.max(...requests.map((request) => request.text.width));
  const right = Math.max(...requests.map((request) => request.x)) + pointRadius + 2 * step;
  const left = Math.min(...requests.map((request) => request.x)) - pointRadius - 2 * step - widest;
  const x = right + widest <= bounds.x + bounds.width ? right : left >= bounds.x ? left : undefined;
  if (x === undefined) return requests.map(() => undefined);
  let kept = requests.length;
  for (; kept > 0; kept--) {
    const order = requests
      .slice(0, kept)
      .map((request, index) => ({ request, index }))
      .sort((a, b) => a.request.y - b.request.y || a.index - b.index);
    const placed: (PlacedLabel | undefined)[] = requests.map(() => undefined);
    let below = bounds.y;
    let fits = true;
    for (const { request, index } of order) {
      const { width, ascent, descent } = request.text;
      const height = ascent + descent;
      const box = { x: x === right ? x : x + widest - width, y: 0, width, height };
      box.y = Math.max(below, request.y - height / 2);
      // Down past any title in the way (titles do not overlap one another).
      for (const title of titles)
        if (intersects(grown(box, padding), title)) box.y = title.y + title.height + padding;
      if (box.y + height > bounds.y + bounds.height) {
        fits = false;
        break;
      }
      below = box.y + height + 2 * padding;
      const end = nearestPoint(box, request.x, request.y);
      const place: PlacedLabel = { x: box.x, y: box.y + ascent, box };
      if (Math.hypot(end.x - request.x, end.y - request.y) - pointRadius > shortLeader)
        place.leader = leaderTo(request.x, request.y, end, pointRadius);
      placed[index] = place;
    }
    if (fits) return placed;
  }
  return requests.map(() => undefined);
}
