import { compileExpression } from '../../core/expr/index.ts';
import type { Extent } from '../../core/geometry.ts';
import { sampleGrid } from '../../core/grid.ts';
import { getSurface, type SurfaceFunctions } from '../../core/surfaces/index.ts';
import { computeContourBands, type ContourBands } from './bands.ts';
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

export type ContourOutcome = { ok: true; bands: ContourBands } | { ok: false; error: string };

export const DEFAULT_LEVEL_COUNT = 20;
/** CSS pixels per grid cell: finer shows no more detail, coarser shows the cells. */
export const PIXELS_PER_CELL = 2;
/** Longer side of the coarse grid drawn at once while the worker computes the full one. */
export const PREVIEW_CELLS = 60;

/**
 * Samples and contours a request on the calling thread. The worker runs exactly this; the main
 * thread uses it for previews and Node for tests and benchmarks.
 */
export function computeContours(request: ContourRequest): ContourOutcome {
  const functions = resolveSurface(request.surface);
  if (!functions.ok) return functions;
  const { extent, width, height } = request;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    return {
      ok: false,
      error: `grid size must be positive whole numbers, got ${width} × ${height}`,
    };
  }
  if (!(extent.xMin < extent.xMax && extent.yMin < extent.yMax)) {
    return { ok: false, error: 'the view extent is empty' };
  }
  const values = sampleGrid(functions.functions, extent, width, height);
  const bands = computeContourBands(
    { values, nx: width, ny: height, extent },
    { levels: request.levels ?? DEFAULT_LEVEL_COUNT, scale: request.scale },
  );
  return { ok: true, bands };
}

function resolveSurface(
  source: ContourSurfaceSource,
): { ok: true; functions: SurfaceFunctions } | { ok: false; error: string } {
  if ('id' in source) {
    const surface = getSurface(source.id);
    return surface
      ? { ok: true, functions: surface }
      : { ok: false, error: `no surface "${source.id}"` };
  }
  const compiled = compileExpression(source.expression);
  return compiled.ok
    ? { ok: true, functions: compiled.functions }
    : { ok: false, error: compiled.error.message };
}

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

/** The buffers a worker can hand over without copying. */
export function transferablesOf(bands: ContourBands): ArrayBuffer[] {
  return [bands.points, bands.ringStarts, bands.levelRingStarts, bands.levels].map(
    (array) => array.buffer as ArrayBuffer,
  );
}
