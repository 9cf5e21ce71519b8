import { ticks } from './scales.ts';
import type { Viewport } from './viewport.ts';

/**
 * Tick values along the bottom (x) and left (y) edges of a plot, about one per 90 px across and
 * 70 px down. Labels too close to the bottom-left corner would overprint each other; those are left
 * out. The plot's SVG axes and the exports draw the same ticks.
 */
export function axisTicks(viewport: Viewport): { x: number[]; y: number[] } {
  const { extent, width, height } = viewport;
  return {
    x: ticks(extent.xMin, extent.xMax, Math.max(2, Math.round(width / 90))).filter(
      (tick) => viewport.toPixelX(tick) > 24 && viewport.toPixelX(tick) < width - 12,
    ),
    y: ticks(extent.yMin, extent.yMax, Math.max(2, Math.round(height / 70))).filter(
      (tick) => viewport.toPixelY(tick) < height - 24 && viewport.toPixelY(tick) > 10,
    ),
  };
}
