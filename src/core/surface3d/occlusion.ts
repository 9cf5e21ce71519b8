/**
 * Whether the surface hides a point from the eye: march from the point towards the eye over the
 * heightfield and see whether the ray ever passes below the ground. The race is drawn over the
 * surface on a 2D canvas (so a playing race costs no GL frame); this says which parts of it lie
 * behind a hill, to be drawn faint instead of on top as if in front.
 */
import type { Vec3 } from './camera.ts';
import { VERTEX_FLOATS, type SurfaceMesh } from './mesh.ts';
import { boxMapping, type BoxMapping } from './box.ts';

/**
 * The surface's height (box units, `top` high) at box point (x, y), as drawn: linear on each of the
 * mesh's triangles. `box` is the mesh's boxMapping, passed in: this runs a hundred times per
 * occlusion test.
 */
export function surfaceHeightAt(
  mesh: SurfaceMesh,
  box: BoxMapping,
  top: number,
  x: number,
  y: number,
): number {
  const { nx, ny, vertices } = mesh;
  // Samples sit at cell centres: sample i at ((i + 0.5) / nx · 2 − 1) · halfX.
  const u = Math.min(nx - 1, Math.max(0, ((x / box.halfX + 1) / 2) * nx - 0.5));
  const v = Math.min(ny - 1, Math.max(0, ((y / box.halfY + 1) / 2) * ny - 0.5));
  const i = Math.min(nx - 2, Math.floor(u));
  const j = Math.min(ny - 2, Math.floor(v));
  const fu = u - i;
  const fv = v - j;
  const h = (a: number, b: number) => vertices[(b * nx + a) * VERTEX_FLOATS + 2];
  // On the drawn triangles (mesh.ts splits each square along the diagonal from (i, j) to
  // (i + 1, j + 1)), so what lies on this height lies on the picture, however coarse the grid.
  const a = h(i, j);
  const d = h(i + 1, j + 1);
  const height =
    fu >= fv
      ? a + fu * (h(i + 1, j) - a) + fv * (d - h(i + 1, j))
      : a + fv * (h(i, j + 1) - a) + fu * (d - h(i, j + 1));
  return height * top;
}

/**
 * True when the surface (`top` high) lies between `point` and `eye`. Steps of about one sample
 * spacing; the first step skips the point's own lift above the ground.
 */
export function isOccluded(mesh: SurfaceMesh, top: number, eye: Vec3, point: Vec3): boolean {
  const box = boxMapping(mesh.extent);
  const step = Math.min((2 * box.halfX) / mesh.nx, (2 * box.halfY) / mesh.ny);
  const d: Vec3 = [eye[0] - point[0], eye[1] - point[1], eye[2] - point[2]];
  const length = Math.hypot(d[0], d[1], d[2]);
  for (let t = step; t < length; t += step) {
    const f = t / length;
    const x = point[0] + d[0] * f;
    const y = point[1] + d[1] * f;
    const z = point[2] + d[2] * f;
    if (z > top) return false; // above the box: nothing left to hide behind
    if (Math.abs(x) > box.halfX || Math.abs(y) > box.halfY) {
      if (d[2] >= 0) return false; // outside the box and rising: it never comes back over it
      continue;
    }
    if (z < surfaceHeightAt(mesh, box, top, x, y)) return true;
  }
  return false;
}
