/**
 * Diagonal hatching of a region given as closed rings (even-odd rule), as plain line segments. A
 * hatch made of segments draws through any context that can stroke a path (the screen's canvas and
 * the SVG export alike), where a clip region or a fill pattern would need one code path per target.
 */

/** Pixel-space rings: ring r is points ringStarts[r] .. ringStarts[r+1]−1 as x, y pairs. */
export interface PixelRings {
  points: ArrayLike<number>;
  ringStarts: ArrayLike<number>;
  /** The rings to hatch: first .. end−1. */
  first: number;
  end: number;
}

/**
 * The parts of the lines x − y = c (c a multiple of `spacing`: "\" diagonals on screen, y down)
 * that lie inside the rings, as x1, y1, x2, y2 quadruples. Each line crosses the rings' edges at
 * points sorted along it; by the even-odd rule every other gap between them is inside.
 */
export function hatchSegments(rings: PixelRings, spacing: number): Float64Array {
  const crossings = new Map<number, number[]>();
  const { points, ringStarts } = rings;
  for (let ring = rings.first; ring < rings.end; ring++) {
    const start = ringStarts[ring];
    const end = ringStarts[ring + 1];
    for (let p = start; p < end; p++) {
      const q = p + 1 < end ? p + 1 : start;
      const x1 = points[2 * p];
      const y1 = points[2 * p + 1];
      const x2 = points[2 * q];
      const y2 = points[2 * q + 1];
      const c1 = x1 - y1;
      const c2 = x2 - y2;
      if (c1 === c2) continue; // parallel to the hatch: crossed by none (or lying on one)
      // Half-open [low, high): a vertex shared by two edges is counted once.
      const low = Math.min(c1, c2);
      const high = Math.max(c1, c2);
      for (let k = Math.ceil(low / spacing); k * spacing < high; k++) {
        const t = (k * spacing - c1) / (c2 - c1);
        const along = x1 + t * (x2 - x1) + (y1 + t * (y2 - y1)); // x + y orders points on the line
        let list = crossings.get(k);
        if (!list) crossings.set(k, (list = []));
        list.push(along);
      }
    }
  }
  const segments: number[] = [];
  for (const [k, list] of crossings) {
    list.sort((a, b) => a - b);
    const c = k * spacing;
    for (let i = 0; i + 1 < list.length; i += 2) {
      // On x − y = c at x + y = s: x = (s + c) / 2, y = (s − c) / 2.
      segments.push(
        (list[i] + c) / 2,
        (list[i] - c) / 2,
        (list[i + 1] + c) / 2,
        (list[i + 1] - c) / 2,
      );
    }
  }
  return Float64Array.from(segments);
}
