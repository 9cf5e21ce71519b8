/**
 * Limits on where the view can go. Zoomed in too far, f's differences drown in rounding and the
 * contours turn to noise; zoomed out too far, the surface is a speck. Both ends are set relative to
 * the surface's own view.
 */
import type { Extent, Point } from '../geometry.ts';

/** The view may be at most this many times wider than the surface's own view… */
export const MAX_ZOOM_OUT = 100;
/** …and at least this fraction of it, and never narrower than float precision allows there. */
export const MAX_ZOOM_IN = 1e6;
const RELATIVE_PRECISION = 1e-9;

/** `view` resized about its centre into the allowed range of spans (its shape kept). */
export function boundedView(view: Extent, home: Extent): Extent {
  const homeSpan = Math.max(home.xMax - home.xMin, home.yMax - home.yMin);
  const span = Math.max(view.xMax - view.xMin, view.yMax - view.yMin);
  const cx = (view.xMin + view.xMax) / 2;
  const cy = (view.yMin + view.yMax) / 2;
  if (!Number.isFinite(span) || !Number.isFinite(cx) || !Number.isFinite(cy) || span <= 0) {
    return home;
  }
  const smallest = Math.max(
    homeSpan / MAX_ZOOM_IN,
    RELATIVE_PRECISION * Math.max(Math.abs(cx), Math.abs(cy), 1),
  );
  const largest = homeSpan * MAX_ZOOM_OUT;
  const factor = span < smallest ? smallest / span : span > largest ? largest / span : 1;
  if (factor === 1) return view;
  const halfX = ((view.xMax - view.xMin) * factor) / 2;
  const halfY = ((view.yMax - view.yMin) * factor) / 2;
  return { xMin: cx - halfX, xMax: cx + halfX, yMin: cy - halfY, yMax: cy + halfY };
}

export function containsPoint(extent: Extent, [x, y]: Point): boolean {
  return x >= extent.xMin && x <= extent.xMax && y >= extent.yMin && y <= extent.yMax;
}
