import { ticks, tickLabel } from './scales.ts';
import type { Viewport } from './viewport.ts';

/** One tick of a plot's axis: its value, where it sits along its edge (CSS px) and its label. */
export interface AxisTick {
  value: number;
  pixel: number;
  label: string;
}

/**
 * How a plot's axes are laid over its edges, in CSS px. Tick marks stand on the bottom and left
 * edges; each label sits beside its mark, never in line with it: x labels above their marks, y
 * labels above and to the right of theirs. A mark in line with a label's left side reads as a minus
 * sign ("—3" for 3).
 */
export const AXIS_LAYOUT = {
  tickLength: 5,
  /** From the bottom edge up to the x labels' baseline. */
  xLabelRise: 8,
  /** From the left edge to the y labels' start, and from a y mark up to its label's baseline. */
  yLabelIndent: 7,
  yLabelRise: 3,
};

/**
 * The ticks along the bottom (x) and left (y) edges of a plot, about one per 90 px across and 70 px
 * down. Labels too close to the bottom-left corner would overprint each other; those are left out.
 * The plot's SVG axes and the exports draw the same ticks.
 */
export function axisTicks(viewport: Viewport): { x: AxisTick[]; y: AxisTick[] } {
  const { extent, width, height } = viewport;
  const x = ticks(extent.xMin, extent.xMax, Math.max(2, Math.round(width / 90)))
    .map((value) => ({ value, pixel: viewport.toPixelX(value), label: tickLabel(value) }))
    .filter(({ pixel }) => pixel > 24 && pixel < width - 12);
  const y = ticks(extent.yMin, extent.yMax, Math.max(2, Math.round(height / 70)))
    .map((value) => ({ value, pixel: viewport.toPixelY(value), label: tickLabel(value) }))
    .filter(({ pixel }) => pixel < height - 24 && pixel > 18);
  return { x, y };
}
