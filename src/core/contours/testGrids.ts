/** Grids for the contour tests, from plain formulas. */
import type { Extent } from '../geometry.ts';
import { sampleGrid } from '../grid.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';
import type { ContourGrid } from './bands.ts';

export function sampleCellCentres(
  f: (x: number, y: number) => number,
  extent: Extent,
  nx: number,
  ny: number,
): ContourGrid {
  // Without valueGrid, sampleGrid calls only `value`.
  const values = sampleGrid({ value: f } as SurfaceFunctions, extent, nx, ny);
  return { values, nx, ny, extent };
}

export const bowl = (x: number, y: number) => x * x + y * y;
export const rosenbrock = (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
export const rastrigin = (x: number, y: number) =>
  20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y);

export const SQUARE: Extent = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
export const ROSENBROCK_VIEW: Extent = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
export const RASTRIGIN_VIEW: Extent = { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 };
