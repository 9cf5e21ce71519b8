import { describe, expect, it } from 'vitest';
import type { Extent } from '../geometry.ts';
import { sampleGrid } from '../grid.ts';
import { BOX_HEIGHT } from './camera.ts';
import { boxMapping, toBoxX } from './box.ts';
import { buildSurfaceMesh } from './mesh.ts';
import { isOccluded, surfaceHeightAt } from './occlusion.ts';

const square: Extent = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
const options = { contours: 'auto', heights: 'linear', levelCount: 20 } as const;

function meshOf(f: (x: number, y: number) => number, n = 81) {
  return buildSurfaceMesh(sampleGrid({ value: f } as never, square, n, n), n, n, square, options);
}

describe('surfaceHeightAt', () => {
  it('reads a tilted plane back between the samples', () => {
    const mesh = meshOf((x) => x + 2); // heights 0..1 over x from −2 to 2 (at the cell centres)
    const box = boxMapping(square);
    const height = (x: number) => surfaceHeightAt(mesh, box, BOX_HEIGHT, toBoxX(box, x), 0.1);
    expect(height(0)).toBeCloseTo(height(-1) + (height(1) - height(-1)) / 2, 6); // Float32 vertices
    expect(height(1)).toBeGreaterThan(height(-1));
  });

  it('follows the drawn triangles, not a bilinear patch, inside a square of samples', () => {
    // 2 × 2 samples at x, y = ±1: one raised corner (x = 1, y = −1), off the split diagonal.
    const mesh = meshOf((x, y) => (x > 0 && y < 0 ? 1 : 0), 2);
    const box = boxMapping(square);
    // The square's centre lies on the diagonal from (−1, −1) to (1, 1), both at height 0.
    expect(surfaceHeightAt(mesh, box, 1, 0, 0)).toBeCloseTo(0, 6);
    // Halfway from the centre to the raised corner: half its height (a bilinear patch: 0.5625).
    expect(surfaceHeightAt(mesh, box, 1, 0.25, -0.25)).toBeCloseTo(0.5, 6);
  });
});

describe('isOccluded', () => {
  // A ridge along x = 0 between a point on the far side and an eye on the near side.
  const ridge = meshOf((x) => Math.exp(-x * x * 8));
  const box = boxMapping(square);

  it('a point behind the ridge is hidden from a low eye, seen from a high one', () => {
    const point: [number, number, number] = [toBoxX(box, 1.5), 0, 0.02];
    expect(isOccluded(ridge, BOX_HEIGHT, [toBoxX(box, -3), 0, 0.1], point)).toBe(true);
    expect(isOccluded(ridge, BOX_HEIGHT, [toBoxX(box, -1.5), 0, 5], point)).toBe(false);
  });

  it('a point on the near side of the ridge is never hidden by it', () => {
    const point: [number, number, number] = [toBoxX(box, -1.5), 0, 0.02];
    expect(isOccluded(ridge, BOX_HEIGHT, [toBoxX(box, -3), 0, 0.1], point)).toBe(false);
  });
});
