/**
 * Turning a contour request into bands: what the contour worker runs, and Node for tests and
 * benchmarks. Kept apart from request.ts so the main thread's bundle never carries it.
 */
import { compileExpression } from '../expr/index.ts';
import { sampleGrid } from '../grid.ts';
import { getSurface, type SurfaceFunctions } from '../surfaces/index.ts';
import { computeContourBands, type ContourBands } from './bands.ts';

export { transferablesOf } from './bands.ts';
import { DEFAULT_LEVEL_COUNT, type ContourRequest, type ContourSurfaceSource } from './request.ts';

export type ContourOutcome = { ok: true; bands: ContourBands } | { ok: false; error: string };

/** Samples f on the request's grid and contours it; errors come back as values, never thrown. */
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

/** The functions of a built-in surface or a typed expression (what a Worker can rebuild). */
export function resolveSurface(
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
