import { describe, expect, it } from 'vitest';
import { sampleGrid } from '../grid.ts';
import { getSurface } from '../surfaces/index.ts';
import type { Extent } from '../geometry.ts';
import {
  BOX_HEIGHT,
  cameraFrame,
  DEFAULT_CAMERA,
  rayThrough,
  viewProjection,
  type Vec3,
} from './camera.ts';
import { boxMapping, toBoxX, toBoxY } from './box.ts';
import { buildSurfaceMesh, meshHeight } from './mesh.ts';
import { pickSurface, rayTriangle } from './pick.ts';

const options = { contours: 'auto', heights: 'linear', levelCount: 20 } as const;

/** A mesh of f over the extent on an n × n grid. */
function meshOf(f: (x: number, y: number) => number, extent: Extent, n = 41) {
  const values = sampleGrid({ value: f } as never, extent, n, n);
  return buildSurfaceMesh(values, n, n, extent, options);
}

const square: Extent = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };

describe('rayTriangle', () => {
  it('hits inside the triangle at the right distance and misses outside it', () => {
    const a: Vec3 = [0, 0, 0];
    const b: Vec3 = [1, 0, 0];
    const c: Vec3 = [0, 1, 0];
    expect(rayTriangle([0.2, 0.2, 5], [0, 0, -1], a, b, c)).toBeCloseTo(5, 12);
    expect(rayTriangle([0.8, 0.8, 5], [0, 0, -1], a, b, c)).toBe(Infinity);
    // Behind the origin does not count.
    expect(rayTriangle([0.2, 0.2, -5], [0, 0, -1], a, b, c)).toBe(Infinity);
  });
});

describe('pickSurface', () => {
  it('a ray straight down lands on the world point below it, on a tilted plane', () => {
    const mesh = meshOf((x, y) => x + 2 * y, square);
    const box = boxMapping(square);
    for (const [x, y] of [
      [0.3, -0.7],
      [1.5, 1.2],
      [-1.1, 0.4],
    ]) {
      const hit = pickSurface(mesh, BOX_HEIGHT, [toBoxX(box, x), toBoxY(box, y), 5], [0, 0, -1])!;
      expect(hit[0]).toBeCloseTo(x, 9);
      expect(hit[1]).toBeCloseTo(y, 9);
    }
  });

  it('an oblique ray stops at the first hill it meets, not the valley behind', () => {
    // A ridge along x = 0.5 with low ground on both sides; the ray comes from −x, high up, aiming
    // at the low ground behind the ridge (x = 1.5).
    const ridge = (x: number) => Math.exp(-((x - 0.5) ** 2) * 20);
    const mesh = meshOf((x) => ridge(x), square, 81);
    const box = boxMapping(square);
    const target: Vec3 = [toBoxX(box, 1.5), 0, 0];
    const origin: Vec3 = [toBoxX(box, -2), 0, BOX_HEIGHT * 0.6];
    const d = target.map((v, k) => v - origin[k]);
    const length = Math.hypot(...d);
    const hit = pickSurface(mesh, BOX_HEIGHT, origin, d.map((v) => v / length) as Vec3)!;
    expect(hit[0]).toBeGreaterThan(0.2);
    expect(hit[0]).toBeLessThan(0.5);
  });

  it('a ray beside the surface picks nothing', () => {
    const mesh = meshOf((x, y) => x * x + y * y, square);
    expect(pickSurface(mesh, BOX_HEIGHT, [5, 5, 5], [0, 0, -1])).toBeNull();
  });

  it('the ray through the screen point where a surface point projects picks that point back', () => {
    const rosenbrock = getSurface('rosenbrock')!;
    const extent = rosenbrock.view;
    const n = 60;
    const values = sampleGrid(rosenbrock, extent, n, n);
    const mesh = buildSurfaceMesh(values, n, n, extent, options);
    const frame = cameraFrame(DEFAULT_CAMERA, BOX_HEIGHT);
    const aspect = 1.5;
    const matrix = viewProjection(frame, aspect);
    // Sample (i, j) = (30, 40): project its vertex, then pick through that screen point.
    const o = (40 * n + 30) * 7;
    const p = [mesh.vertices[o], mesh.vertices[o + 1], meshHeight(mesh, 30, 40) * BOX_HEIGHT, 1];
    const clip = [0, 1, 2, 3].map((row) =>
      p.reduce((sum, v, col) => sum + matrix[col * 4 + row] * v, 0),
    );
    const ray = rayThrough(frame, aspect, clip[0] / clip[3], clip[1] / clip[3]);
    const hit = pickSurface(mesh, BOX_HEIGHT, ray.origin, ray.direction)!;
    const cellX = (extent.xMax - extent.xMin) / n;
    const cellY = (extent.yMax - extent.yMin) / n;
    expect(Math.abs(hit[0] - (extent.xMin + 30.5 * cellX))).toBeLessThan(1e-6 + cellX * 1e-3);
    expect(Math.abs(hit[1] - (extent.yMin + 40.5 * cellY))).toBeLessThan(1e-6 + cellY * 1e-3);
  });
});
