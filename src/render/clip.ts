/**
 * Clipping of segments and points to a rectangle, so that what a diverging run computes (coordinates
 * of 1e29, 1e300) never reaches a canvas: Skia strokes a path with such coordinates as a flood of
 * colour over the whole plot. Allocation-free, since it runs for every particle every frame.
 */

const LEFT = 1;
const RIGHT = 2;
const BELOW = 4;
const ABOVE = 8;

function outcode(x: number, y: number, xMin: number, yMin: number, xMax: number, yMax: number) {
  return (x < xMin ? LEFT : x > xMax ? RIGHT : 0) | (y < yMin ? BELOW : y > yMax ? ABOVE : 0);
}

/**
 * Cohen–Sutherland clipping of a segment to a rectangle. Writes the part inside to `out` as
 * [x0, y0, x1, y1] and returns true, or returns false when nothing is inside or a coordinate is not
 * finite. Each cut is computed from the other end's side, by slope, so a segment to 1e300 keeps its
 * direction exactly (a parametric form from the far end loses it: 1 − 5e-299 rounds to 1), and
 * the fraction of the way to the edge, in [0, 1], keeps products from overflowing.
 */
export function clipSegment(
  out: Float64Array,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  xMin: number,
  yMin: number,
  xMax: number,
  yMax: number,
): boolean {
  if (!Number.isFinite(x1 - x0) || !Number.isFinite(y1 - y0)) {
    // Ends finite but their difference overflows (±1e308): the same cut at half scale.
    if (![x0, y0, x1, y1].every(Number.isFinite)) return false;
    if (!clipSegment(out, x0 / 2, y0 / 2, x1 / 2, y1 / 2, xMin / 2, yMin / 2, xMax / 2, yMax / 2))
      return false;
    for (let i = 0; i < 4; i++) out[i] *= 2;
    return true;
  }
  let code0 = outcode(x0, y0, xMin, yMin, xMax, yMax);
  let code1 = outcode(x1, y1, xMin, yMin, xMax, yMax);
  // Each pass moves one end onto an edge line; four passes settle any segment.
  for (let pass = 0; pass < 4 && (code0 | code1) !== 0; pass++) {
    if ((code0 & code1) !== 0) return false;
    const outside = code0 !== 0 ? code0 : code1;
    // a: the end that stays, b: the one moved onto the edge (no array: this runs per segment).
    const movesStart = code0 !== 0;
    const ax = movesStart ? x1 : x0;
    const ay = movesStart ? y1 : y0;
    const bx = movesStart ? x0 : x1;
    const by = movesStart ? y0 : y1;
    let x: number;
    let y: number;
    if (outside & (LEFT | RIGHT)) {
      x = outside & LEFT ? xMin : xMax;
      y = ay + ((x - ax) / (bx - ax)) * (by - ay);
    } else {
      y = outside & BELOW ? yMin : yMax;
      x = ax + ((y - ay) / (by - ay)) * (bx - ax);
    }
    if (code0 !== 0) {
      x0 = x;
      y0 = y;
      code0 = outcode(x0, y0, xMin, yMin, xMax, yMax);
    } else {
      x1 = x;
      y1 = y;
      code1 = outcode(x1, y1, xMin, yMin, xMax, yMax);
    }
  }
  if ((code0 | code1) !== 0) return false;
  out[0] = x0;
  out[1] = y0;
  out[2] = x1;
  out[3] = y1;
  return true;
}

/**
 * Where the ray from the rectangle's centre towards (x, y) meets the rectangle, for a point outside
 * it: an edge marker pointing where a run went. Writes [x, y] to `out`; false for a non-finite point.
 */
export function edgePoint(
  out: Float64Array,
  x: number,
  y: number,
  xMin: number,
  yMin: number,
  xMax: number,
  yMax: number,
): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  // Halved offsets cannot overflow even for points near ±1.8e308.
  const dx = x / 2 - cx / 2;
  const dy = y / 2 - cy / 2;
  const halfW = (xMax - xMin) / 4;
  const halfH = (yMax - yMin) / 4;
  const t = Math.min(
    dx === 0 ? Infinity : halfW / Math.abs(dx),
    dy === 0 ? Infinity : halfH / Math.abs(dy),
  );
  if (t >= 1) {
    out[0] = x;
    out[1] = y;
  } else {
    out[0] = cx + 2 * dx * t;
    out[1] = cy + 2 * dy * t;
  }
  return true;
}
