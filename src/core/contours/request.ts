/**
 * What a contour picture is made of, as plain data that crosses to the worker, and the helpers the
 * main thread needs around it (grid sizes, previews, cache keys). Computing one is compute.ts, which
 * only the worker loads: it brings the expression compiler and d3-contour with it.
 */
import type { Extent } from '../geometry.ts';
import type { ThresholdScale } from './thresholds.ts';

/** A built-in surface by id, or a typed expression in the grammar of core/expr. */
export type ContourSurfaceSource = { id: string } | { expression: string };

/** Everything that determines a contour picture; plain data, so it can cross to the worker. */
export interface ContourRequest {
  surface: ContourSurfaceSource;
  extent: Extent;
  /** Grid cells along x and y; see gridSizeForCanvas. */
  width: number;
  height: number;
  scale: ThresholdScale;
  /** Number of contour levels; DEFAULT_LEVEL_COUNT when omitted. */
  levels?: number;
}

export const DEFAULT_LEVEL_COUNT = 20;
/** CSS pixels per grid cell: finer shows no more detail, coarser shows the cells. */
export const PIXELS_PER_CELL = 2;
/** Longer side of the coarse grid drawn at once while the worker computes the full one. */
export const PREVIEW_CELLS = 60;

/** The full-resolution grid for a canvas of this CSS size, about PIXELS_PER_CELL px per cell. */
export function gridSizeForCanvas(
  cssWidth: number,
  cssHeight: number,
): Pick<ContourRequest, 'width' | 'height'> {
  return {
    width: Math.max(1, Math.round(cssWidth / PIXELS_PER_CELL)),
    height: Math.max(1, Math.round(cssHeight / PIXELS_PER_CELL)),
  };
}

/** The same picture on a coarse grid (longer side `cells`, same aspect): cheap enough to draw now. */
export function previewRequest(request: ContourRequest, cells = PREVIEW_CELLS): ContourRequest {
  const shrink = Math.min(1, cells / Math.max(request.width, request.height));
  return {
    ...request,
    width: Math.max(1, Math.round(request.width * shrink)),
    height: Math.max(1, Math.round(request.height * shrink)),
  };
}

/** Equal keys mean equal pictures: surface, view, grid size, spacing and level count. */
export function contourCacheKey(request: ContourRequest): string {
  const { surface, extent, width, height, scale } = request;
  return JSON.stringify([
    'id' in surface ? { id: surface.id } : { expression: surface.expression },
    [extent.xMin, extent.xMax, extent.yMin, extent.yMax],
    [width, height],
    scale,
    request.levels ?? DEFAULT_LEVEL_COUNT,
  ]);
}
