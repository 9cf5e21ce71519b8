/**
 * Which corner of a plot its legend takes, so that it hides no part of the race that matters. On the
 * surfaces' plot, that is a run's fate mark: the × where it diverged or the arrow where it left the
 * view (on a phone, lesson 5's Perturbed GD leaves at the top centre, under the legend).
 */

const LEGEND_CORNERS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;
export type LegendCorner = (typeof LEGEND_CORNERS)[number];

interface Size {
  width: number;
  height: number;
}

/** The box [left, top, right, bottom] a `legend`-sized legend takes in `corner` of `plot`. */
function cornerBox(
  corner: LegendCorner,
  plot: Size,
  legend: Size,
): [number, number, number, number] {
  const left = corner.endsWith('left') ? 0 : plot.width - legend.width;
  const top = corner.startsWith('top') ? 0 : plot.height - legend.height;
  return [left, top, left + legend.width, top + legend.height];
}

/**
 * The corner whose `legend`-sized box (margin included) holds the fewest of `points`, each counted
 * when within `reach` px of the box, in the order of LEGEND_CORNERS on a tie: top right when none
 * is in the way.
 */
export function clearCorner(
  points: readonly { x: number; y: number }[],
  plot: Size,
  legend: Size,
  reach: number,
): LegendCorner {
  let best: LegendCorner = LEGEND_CORNERS[0];
  let bestCount = Infinity;
  for (const corner of LEGEND_CORNERS) {
    const [left, top, right, bottom] = cornerBox(corner, plot, legend);
    const count = points.filter(
      ({ x, y }) =>
        x >= left - reach && x <= right + reach && y >= top - reach && y <= bottom + reach,
    ).length;
    if (count < bestCount) {
      best = corner;
      bestCount = count;
    }
  }
  return best;
}
