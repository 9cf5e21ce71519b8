/**
 * Sampling a surface on a regular grid, for contours and thumbnails. Pure: numbers in, numbers out.
 */
import type { Extent } from './geometry.ts';
import type { SurfaceFunctions } from './surfaces/types.ts';

/** The n cell centres that split [min, max] into n equal cells: min + (i + 0.5)·(max − min)/n. */
export function cellCentres(min: number, max: number, n: number): Float64Array<ArrayBuffer> {
  const centres = new Float64Array(n);
  const width = max - min;
  for (let i = 0; i < n; i++) centres[i] = min + ((i + 0.5) * width) / n;
  return centres;
}

/**
 * f at the centres of an nx × ny grid over the extent: entry j·nx + i is f(x_i, y_j), with row
 * j = 0 at yMin. Values are returned as computed, non-finite ones included (the contour code
 * decides what they mean). Uses the surface's `valueGrid` when it has one (typed expressions do),
 * else `value` point by point. Pass `out` (at least nx·ny long) to reuse a buffer.
 */
export function sampleGrid(
  functions: SurfaceFunctions,
  extent: Extent,
  nx: number,
  ny: number,
  out: Float64Array<ArrayBuffer> = new Float64Array(nx * ny),
): Float64Array<ArrayBuffer> {
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 0 && ny >= 0)) {
    throw new RangeError(`grid size must be whole numbers ≥ 0, got ${nx} × ${ny}`);
  }
  if (out.length < nx * ny) throw new RangeError(`the output needs ${nx * ny} entries`);
  const xs = cellCentres(extent.xMin, extent.xMax, nx);
  const ys = cellCentres(extent.yMin, extent.yMax, ny);
  if (functions.valueGrid) {
    functions.valueGrid(xs, ys, out);
    return out;
  }
  for (let j = 0; j < ny; j++) {
    const y = ys[j];
    const row = j * nx;
    for (let i = 0; i < nx; i++) out[row + i] = functions.value(xs[i], y);
  }
  return out;
}
