import type { Extent } from '../../core/geometry.ts';
import { sampleGrid } from '../../core/grid.ts';
import type { SurfaceFunctions } from '../../core/surfaces/index.ts';
import { computeContourBands } from '../../core/contours/bands.ts';
import { drawContours, type ContourContext } from './draw.ts';
import { PIXELS_PER_CELL } from '../../core/contours/request.ts';
import type { ThresholdScale } from '../../core/contours/thresholds.ts';

/** A canvas element or OffscreenCanvas: something with a backing store and a 2D context. */
export interface ThumbnailCanvas {
  width: number;
  height: number;
  getContext(contextId: '2d'): ContourContext | null;
}

export interface ThumbnailOptions {
  /** CSS size of the square thumbnail. */
  size?: number;
  dpr?: number;
  /** Fewer levels than the main view: at 64 px, 20 lines would merge into texture. */
  levels?: number;
  scale?: ThresholdScale;
}

/**
 * Draws a square contour thumbnail of f over `extent` for a surface picker. A non-square extent grows
 * along its shorter axis, so the thumbnail keeps the plot's equal scale (circles stay circles).
 * Sets the canvas's backing store to size × dpr; the caller sets its CSS size. Synchronous: a 32×32
 * grid with 10 levels takes about 1 ms per surface in Chromium.
 */
export function drawSurfaceThumbnail(
  canvas: ThumbnailCanvas,
  functions: SurfaceFunctions,
  extent: Extent,
  { size = 64, dpr = 1, levels = 10, scale = 'auto' }: ThumbnailOptions = {},
): void {
  canvas.width = Math.round(size * dpr);
  canvas.height = Math.round(size * dpr);
  const context = canvas.getContext('2d');
  if (!context) return;
  const square = squareAround(extent);
  const cells = Math.max(2, Math.round(size / PIXELS_PER_CELL));
  const values = sampleGrid(functions, square, cells, cells);
  const bands = computeContourBands(
    { values, nx: cells, ny: cells, extent: square },
    { levels, scale },
  );
  const { xMin, xMax, yMin, yMax } = square;
  drawContours(
    context,
    bands,
    {
      x: (x) => ((x - xMin) / (xMax - xMin)) * size,
      // Canvas y runs down, world y up.
      y: (y) => ((yMax - y) / (yMax - yMin)) * size,
    },
    { dpr },
  );
}

function squareAround({ xMin, xMax, yMin, yMax }: Extent): Extent {
  const half = Math.max(xMax - xMin, yMax - yMin) / 2;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}
