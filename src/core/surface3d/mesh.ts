/**
 * The 3D surface as triangles, built from f sampled at the cell centres of the grid the contours use
 * (core/grid.ts): one vertex per sample, two triangles per square of four samples. Built in the mesh
 * Worker; the arrays cross to the main thread transferred.
 */
import type { Extent } from '../geometry.ts';
import { bandFillColours } from '../contours/colours.ts';
import {
  chooseThresholdScale,
  computeThresholds,
  summariseValues,
  type ThresholdScale,
} from '../contours/thresholds.ts';
import { boxMapping, toBoxX, toBoxY } from './box.ts';
import { cellCentres } from '../grid.ts';
import { chooseHeightScale, heightOf, isCut, type HeightScale } from './heightScale.ts';

/**
 * Floats per vertex: box x, box y, height (0..1), the height's slope along box x and y (for the
 * normal, which the shader scales with the exaggeration), the level coordinate (below), cut (0/1).
 */
export const VERTEX_FLOATS = 7;

export interface SurfaceMesh {
  nx: number;
  ny: number;
  extent: Extent;
  /** VERTEX_FLOATS per sample, row-major like the grid (row 0 at yMin). */
  vertices: Float32Array<ArrayBuffer>;
  /** Three per triangle. */
  indices: Uint32Array<ArrayBuffer>;
  /** Null when no sample is finite: nothing to draw. */
  heightScale: HeightScale | null;
  /** The contour levels and band colours of the 2D plot (same rule, same scheme). */
  levels: Float64Array;
  fillColours: string[];
}

export interface MeshOptions {
  /** Contour spacing: colours and lines on the surface. */
  contours: ThresholdScale;
  /** Height scale; `auto` picks like the contour levels. */
  heights: ThresholdScale;
  levelCount: number;
}

/**
 * The level coordinate of f: k + fraction for f between level k − 1 and level k (band k), so the
 * shader colours band floor(L) with fillColours[floor(L)] and draws a contour line wherever L
 * crosses a whole number. Below the first level it runs from 0 at min; above the last, to n + 1 at
 * max; a cut value is n + 1 (the top band, like the contours' non-finite cells).
 */
export function levelCoordinate(levels: ArrayLike<number>, min: number, max: number, f: number) {
  const n = levels.length;
  if (!Number.isFinite(f)) return n + 0.999;
  let k = 0;
  while (k < n && f >= levels[k]) k++;
  const low = k === 0 ? min : levels[k - 1];
  const high = k === n ? max : levels[k];
  const fraction = high > low ? (f - low) / (high - low) : 0;
  return k + Math.min(0.999, Math.max(0, fraction));
}

/** Builds the mesh of `values` (nx × ny samples at the cell centres of `extent`). */
export function buildSurfaceMesh(
  values: Float64Array,
  nx: number,
  ny: number,
  extent: Extent,
  options: MeshOptions,
): SurfaceMesh {
  const summary = summariseValues(values);
  const contourScale =
    options.contours !== 'auto'
      ? options.contours
      : summary
        ? chooseThresholdScale(summary)
        : 'linear';
  const levels = summary
    ? computeThresholds(summary, options.levelCount, contourScale)
    : new Float64Array(0);
  const heightScale =
    chooseHeightScale(values, summary, options.heights, options.levelCount) ?? null;
  const box = boxMapping(extent);
  const xs = cellCentres(extent.xMin, extent.xMax, nx).map((x) => toBoxX(box, x));
  const ys = cellCentres(extent.yMin, extent.yMax, ny).map((y) => toBoxY(box, y));
  const heights = new Float64Array(nx * ny);
  for (let k = 0; k < heights.length; k++)
    heights[k] = heightScale ? heightOf(heightScale, values[k]) : 0;

  const vertices = new Float32Array(nx * ny * VERTEX_FLOATS);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const o = k * VERTEX_FLOATS;
      // Central differences inside, one-sided at the edges.
      const i0 = Math.max(0, i - 1);
      const i1 = Math.min(nx - 1, i + 1);
      const j0 = Math.max(0, j - 1);
      const j1 = Math.min(ny - 1, j + 1);
      const f = values[k];
      vertices[o] = xs[i];
      vertices[o + 1] = ys[j];
      vertices[o + 2] = heights[k];
      vertices[o + 3] =
        i1 > i0 ? (heights[j * nx + i1] - heights[j * nx + i0]) / (xs[i1] - xs[i0]) : 0;
      vertices[o + 4] =
        j1 > j0 ? (heights[j1 * nx + i] - heights[j0 * nx + i]) / (ys[j1] - ys[j0]) : 0;
      vertices[o + 5] = summary ? levelCoordinate(levels, summary.min, summary.max, f) : 0;
      vertices[o + 6] = heightScale && isCut(heightScale, f) ? 1 : 0;
    }
  }
  const quads = Math.max(0, nx - 1) * Math.max(0, ny - 1);
  const indices = new Uint32Array(quads * 6);
  let t = 0;
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      indices[t++] = a;
      indices[t++] = b;
      indices[t++] = d;
      indices[t++] = a;
      indices[t++] = d;
      indices[t++] = c;
    }
  }
  return {
    nx,
    ny,
    extent: { ...extent },
    vertices,
    indices,
    heightScale,
    levels,
    fillColours: bandFillColours(levels.length),
  };
}

/**
 * Triangles over every `stride`-th sample (and the last row and column), for drawing while the camera
 * moves: software GL's cost follows the triangle count, and a moving picture needs far fewer.
 */
export function coarseIndices(nx: number, ny: number, stride: number): Uint32Array<ArrayBuffer> {
  const picks = (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n - 1; i += stride) out.push(i);
    if (n > 1) out.push(n - 1);
    return out;
  };
  const columns = picks(nx);
  const rows = picks(ny);
  const indices = new Uint32Array(
    Math.max(0, columns.length - 1) * Math.max(0, rows.length - 1) * 6,
  );
  let t = 0;
  for (let r = 0; r + 1 < rows.length; r++) {
    for (let c = 0; c + 1 < columns.length; c++) {
      const a = rows[r] * nx + columns[c];
      const b = rows[r] * nx + columns[c + 1];
      const c2 = rows[r + 1] * nx + columns[c];
      const d = rows[r + 1] * nx + columns[c + 1];
      indices.set([a, b, d, a, d, c2], t);
      t += 6;
    }
  }
  return indices;
}

/** The height of sample (i, j), 0..1, read back from the vertices. */
export function meshHeight(mesh: SurfaceMesh, i: number, j: number): number {
  return mesh.vertices[(j * mesh.nx + i) * VERTEX_FLOATS + 2];
}
