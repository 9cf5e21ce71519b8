/**
 * Where the network plot's legend hides least of the runs' paths. The paths are known once the
 * runs have trained, and wherever they go (a PCA plane puts them anywhere), a legend fixed in one
 * corner covered some of them: the end points of two runs on the two-moons net, for one.
 */
import type { Extent } from '../../core/geometry.ts';
import { clipSegment } from '../clip.ts';
import { cornerBox, LEGEND_CORNERS, type LegendCorner, type Size } from '../legendCorner.ts';
import { planeToPixel } from './draw.ts';

/** A start or end marker under the legend weighs as much as this length of path (CSS px). */
const MARKER_WEIGHT = 40;

/**
 * The corner whose `legend`-sized box (in the plot's CSS pixels, margin included) covers the least
 * path length and fewest start and end markers, in the order of LEGEND_CORNERS on a tie: top right
 * when nothing is in the way.
 */
export function quietestCorner(
  paths: readonly Float64Array[],
  extent: Extent,
  plot: Size,
  legend: Size,
): LegendCorner {
  const toPixel = planeToPixel(extent, { ...plot, dpr: 1 });
  const clipped = new Float64Array(4);
  let best: LegendCorner = LEGEND_CORNERS[0];
  let bestCover = Infinity;
  for (const corner of LEGEND_CORNERS) {
    const [left, top, right, bottom] = cornerBox(corner, plot, legend);
    const covers = (x: number, y: number) => x >= left && x <= right && y >= top && y <= bottom;
    let cover = 0;
    for (const points of paths) {
      const last = points.length - 2;
      if (last < 0) continue;
      for (const k of [0, last]) {
        if (covers(toPixel.x(points[k]), toPixel.y(points[k + 1]))) cover += MARKER_WEIGHT;
      }
      for (let k = 2; k <= last; k += 2) {
        const [x0, y0] = [toPixel.x(points[k - 2]), toPixel.y(points[k - 1])];
        const [x1, y1] = [toPixel.x(points[k]), toPixel.y(points[k + 1])];
        if (clipSegment(clipped, x0, y0, x1, y1, left, top, right, bottom)) {
          cover += Math.hypot(clipped[2] - clipped[0], clipped[3] - clipped[1]);
        }
      }
    }
    if (cover < bestCover) {
      best = corner;
      bestCover = cover;
    }
  }
  return best;
}
