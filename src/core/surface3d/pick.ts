/**
 * Ray–mesh picking: which point of the surface is under the pointer. Every triangle is tested
 * (Möller–Trumbore) and the nearest hit wins, so a hill in front hides the valley behind it, as on
 * screen. 80,000 triangles (a 200 × 200 mesh) take a few milliseconds: fine for a click.
 */
import type { Point } from '../geometry.ts';
import type { Vec3 } from './camera.ts';
import { boxMapping, fromBoxX, fromBoxY } from './box.ts';
import { VERTEX_FLOATS, type SurfaceMesh } from './mesh.ts';

/** Distance along the ray to triangle (a, b, c), or Infinity when it misses. */
export function rayTriangle(origin: Vec3, direction: Vec3, a: Vec3, b: Vec3, c: Vec3): number {
  const e1x = b[0] - a[0];
  const e1y = b[1] - a[1];
  const e1z = b[2] - a[2];
  const e2x = c[0] - a[0];
  const e2y = c[1] - a[1];
  const e2z = c[2] - a[2];
  const px = direction[1] * e2z - direction[2] * e2y;
  const py = direction[2] * e2x - direction[0] * e2z;
  const pz = direction[0] * e2y - direction[1] * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (Math.abs(det) < 1e-12) return Infinity;
  const inverse = 1 / det;
  const tx = origin[0] - a[0];
  const ty = origin[1] - a[1];
  const tz = origin[2] - a[2];
  const u = (tx * px + ty * py + tz * pz) * inverse;
  if (u < 0 || u > 1) return Infinity;
  const qx = ty * e1z - tz * e1y;
  const qy = tz * e1x - tx * e1z;
  const qz = tx * e1y - ty * e1x;
  const v = (direction[0] * qx + direction[1] * qy + direction[2] * qz) * inverse;
  if (v < 0 || u + v > 1) return Infinity;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inverse;
  return t > 0 ? t : Infinity;
}

/**
 * The world point (x, y) where the ray first meets the surface drawn `boxTop` high (BOX_HEIGHT ×
 * exaggeration), or null when it passes beside it.
 */
export function pickSurface(
  mesh: SurfaceMesh,
  boxTop: number,
  origin: Vec3,
  direction: Vec3,
): Point | null {
  const { vertices, indices } = mesh;
  const corner = (index: number): Vec3 => {
    const o = index * VERTEX_FLOATS;
    return [vertices[o], vertices[o + 1], vertices[o + 2] * boxTop];
  };
  let nearest = Infinity;
  for (let t = 0; t < indices.length; t += 3) {
    const distance = rayTriangle(
      origin,
      direction,
      corner(indices[t]),
      corner(indices[t + 1]),
      corner(indices[t + 2]),
    );
    if (distance < nearest) nearest = distance;
  }
  if (nearest === Infinity) return null;
  const box = boxMapping(mesh.extent);
  return [
    fromBoxX(box, origin[0] + direction[0] * nearest),
    fromBoxY(box, origin[1] + direction[1] * nearest),
  ];
}
