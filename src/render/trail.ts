/**
 * One particle's trail between two steps as a path clipped to a region of the view, for the screen
 * and the SVG export alike. Clipped in world units, where even 1e300 is exact enough to keep a
 * segment's direction; only what is inside reaches the path.
 */
import type { Extent } from '../core/geometry.ts';
import { clipSegment } from './clip.ts';
import type { Viewport } from './viewport.ts';

export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}

export interface TrailPositions {
  get(step: number, column: number): number;
}

export function traceClippedTrail(
  sink: PathSink,
  positions: TrailPositions,
  particle: number,
  from: number,
  to: number,
  viewport: Viewport,
  region: Extent,
  scratch: Float64Array,
): void {
  const { xMin, xMax, yMin, yMax } = region;
  let penX = NaN;
  let penY = NaN;
  let x0 = positions.get(from, 2 * particle);
  let y0 = positions.get(from, 2 * particle + 1);
  for (let k = from + 1; k <= to; k++) {
    const x1 = positions.get(k, 2 * particle);
    const y1 = positions.get(k, 2 * particle + 1);
    if (clipSegment(scratch, x0, y0, x1, y1, xMin, yMin, xMax, yMax)) {
      if (scratch[0] !== penX || scratch[1] !== penY) {
        sink.moveTo(viewport.toPixelX(scratch[0]), viewport.toPixelY(scratch[1]));
      }
      penX = scratch[2];
      penY = scratch[3];
      sink.lineTo(viewport.toPixelX(penX), viewport.toPixelY(penY));
    }
    x0 = x1;
    y0 = y1;
  }
}

/** The viewport's visible region widened by `px` CSS pixels on every side (narrowed if negative). */
export function widenedExtent(viewport: Viewport, px: number): Extent {
  const { extent, scale } = viewport;
  const margin = px / scale;
  return {
    xMin: extent.xMin - margin,
    xMax: extent.xMax + margin,
    yMin: extent.yMin - margin,
    yMax: extent.yMax + margin,
  };
}
