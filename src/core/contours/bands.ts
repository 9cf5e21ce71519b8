import { contours } from 'd3-contour';
import type { Extent } from '../geometry.ts';
import { bandFillColours, levelLineColours } from './colours.ts';
import {
  contourLevels,
  finiteOrAbove,
  type ResolvedThresholdScale,
  type ThresholdScale,
} from './thresholds.ts';

/** f sampled at cell centres: nx × ny values, row-major, row 0 at extent.yMin. */
export interface ContourGrid {
  values: Float64Array;
  nx: number;
  ny: number;
  extent: Extent;
}

export interface ContourOptions {
  /** How many contour levels (lines); there is one more band than levels. */
  levels: number;
  scale: ThresholdScale;
}

/**
 * Filled contour bands in world coordinates, flattened into typed arrays so a worker can transfer
 * them. Level k's region (f ≥ levels[k]) is the rings levelRingStarts[k] .. levelRingStarts[k+1]−1,
 * filled with the even-odd rule (holes are rings of their own). Ring r is the points
 * ringStarts[r] .. ringStarts[r+1]−1, stored as x, y pairs in `points`; rings are closed implicitly.
 */
export interface ContourBands {
  extent: Extent;
  /** The spacing actually used (`auto` resolved). */
  scale: ResolvedThresholdScale;
  /** Finite value range of the grid (both NaN when no cell is finite). */
  min: number;
  max: number;
  /** Ascending contour levels. */
  levels: Float64Array;
  /** levels.length + 1 colours: [0] below levels[0], [k + 1] at or above levels[k]. */
  fillColours: string[];
  /** One per level, contrasting with the fill so thin lines show. */
  lineColours: string[];
  points: Float64Array;
  ringStarts: Uint32Array;
  /**
   * levels.length + 2 entries: level k's rings, then one more group, the region where f is not
   * finite (log of a negative number, a division by zero), which is drawn as "undefined" rather than
   * as the highest band. That group is empty when f is finite everywhere.
   */
  levelRingStarts: Uint32Array;
}

/** The buffers a worker can hand over without copying. */
export function transferablesOf(bands: ContourBands): ArrayBuffer[] {
  return [bands.points, bands.ringStarts, bands.levelRingStarts, bands.levels].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/** Contours `grid` into bands; see ContourBands for the layout. */
export function computeContourBands(grid: ContourGrid, options: ContourOptions): ContourBands {
  const { values, nx, ny, extent } = grid;
  if (values.length !== nx * ny) {
    throw new Error(`grid has ${values.length} values, expected ${nx} × ${ny}`);
  }
  const { summary, scale, levels } = contourLevels(values, options.levels, options.scale);
  const fillColours = bandFillColours(levels.length);

  const contourValues = summary?.hasNonFinite
    ? replaceNonFinite(grid, summary.max + (summary.max - summary.min))
    : values;
  const generator = contours().size([nx, ny]);
  // d3 only indexes the values, so a typed array serves where its types ask for number[].
  const d3Values = contourValues as unknown as number[];
  const levelRings: number[][][][] = [];
  for (const level of levels) {
    levelRings.push(generator.contour(d3Values, level).coordinates.flat());
  }
  levelRings.push(
    summary?.hasNonFinite === false
      ? []
      : generator.contour(nonFiniteMask(values) as unknown as number[], 0.5).coordinates.flat(),
  );
  return {
    extent: { ...extent },
    scale,
    min: summary?.min ?? NaN,
    max: summary?.max ?? NaN,
    levels,
    fillColours,
    lineColours: levelLineColours(fillColours),
    ...flattenToWorld(levelRings, grid),
  };
}

/** 1 where f is not finite, 0 elsewhere: its 0.5 contour outlines the undefined region. */
function nonFiniteMask(values: Float64Array): Float64Array {
  const mask = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) mask[i] = Number.isFinite(values[i]) ? 0 : 1;
  return mask;
}

/**
 * Values d3 can contour where f is not finite. Such a cell next to finite ones takes their mean, so
 * no level is crossed in the half cell between them (that strip lies outside the hatched undefined
 * region and would show every band as a bright seam); cells deeper inside become max + range, above
 * every level yet finite, so d3's interpolation stays finite.
 */
function replaceNonFinite({ values, nx, ny }: ContourGrid, ceiling: number): Float64Array {
  const replaced = new Float64Array(values.length);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const index = j * nx + i;
      if (Number.isFinite(values[index])) {
        replaced[index] = values[index];
        continue;
      }
      let sum = 0;
      let count = 0;
      const add = (neighbour: number) => {
        if (Number.isFinite(values[neighbour])) {
          sum += values[neighbour];
          count++;
        }
      };
      if (i > 0) add(index - 1);
      if (i < nx - 1) add(index + 1);
      if (j > 0) add(index - nx);
      if (j < ny - 1) add(index + nx);
      replaced[index] = finiteOrAbove(count > 0 ? sum / count : NaN, ceiling);
    }
  }
  return replaced;
}

/**
 * d3 puts sample (i, j) at grid point (i + ½, j + ½) and closes rings along the grid's border at 0
 * and nx (ny), so grid coordinate g maps linearly onto the extent: g = 0 at xMin, g = nx at xMax.
 * The lerp form (1 − t)·a + t·b hits both ends exactly, which the drawing code relies on to recognise
 * border segments. d3 repeats each ring's first point at its end; that copy is dropped.
 */
function flattenToWorld(
  levelRings: number[][][][],
  { nx, ny, extent }: ContourGrid,
): Pick<ContourBands, 'points' | 'ringStarts' | 'levelRingStarts'> {
  let ringCount = 0;
  let pointCount = 0;
  for (const rings of levelRings) {
    ringCount += rings.length;
    for (const ring of rings) pointCount += ring.length - 1;
  }
  const points = new Float64Array(pointCount * 2);
  const ringStarts = new Uint32Array(ringCount + 1);
  const levelRingStarts = new Uint32Array(levelRings.length + 1);
  const { xMin, xMax, yMin, yMax } = extent;
  const onVerticalBorder = (point: number[]) => point[0] === 0 || point[0] === nx;
  const onHorizontalBorder = (point: number[]) => point[1] === 0 || point[1] === ny;
  const onBorder = (point: number[]) => onVerticalBorder(point) || onHorizontalBorder(point);
  let ringIndex = 0;
  let pointIndex = 0;
  levelRings.forEach((rings, level) => {
    levelRingStarts[level] = ringIndex;
    for (const ring of rings) {
      ringStarts[ringIndex++] = pointIndex;
      const count = ring.length - 1;
      for (let p = 0; p < count; p++) {
        let [gx, gy] = ring[p];
        // d3 leaves the point where a contour line meets the border at the nearest cell centre,
        // so each line would bend in its last half cell. Carry the line straight out instead: give
        // the border point the crossing coordinate of its interior neighbour.
        if (onBorder(ring[p])) {
          const previous = ring[(p + count - 1) % count];
          const next = ring[(p + 1) % count];
          const previousInside = !onBorder(previous);
          if (previousInside !== !onBorder(next)) {
            const interior = previousInside ? previous : next;
            if (onVerticalBorder(ring[p])) gy = interior[1];
            else gx = interior[0];
          }
        }
        const tx = gx / nx;
        const ty = gy / ny;
        points[2 * pointIndex] = (1 - tx) * xMin + tx * xMax;
        points[2 * pointIndex + 1] = (1 - ty) * yMin + ty * yMax;
        pointIndex++;
      }
    }
  });
  levelRingStarts[levelRings.length] = ringIndex;
  ringStarts[ringCount] = pointIndex;
  return { points, ringStarts, levelRingStarts };
}
