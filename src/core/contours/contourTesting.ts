/** Test fixtures: a contour request for Rosenbrock on a 100 × 100 grid, and reading bands back. */
import type { ContourBands } from './bands.ts';
import type { ContourRequest } from './request.ts';

export const ROSENBROCK_REQUEST: ContourRequest = {
  surface: { id: 'rosenbrock' },
  extent: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  width: 100,
  height: 100,
  scale: 'auto',
};

/** The rings of one level as arrays of [x, y]. */
export function ringsOf(bands: ContourBands, level: number): [number, number][][] {
  const rings: [number, number][][] = [];
  for (let r = bands.levelRingStarts[level]; r < bands.levelRingStarts[level + 1]; r++) {
    const ring: [number, number][] = [];
    for (let p = bands.ringStarts[r]; p < bands.ringStarts[r + 1]; p++) {
      ring.push([bands.points[2 * p], bands.points[2 * p + 1]]);
    }
    rings.push(ring);
  }
  return rings;
}

/** Even-odd point-in-region test against all of a level's rings. */
export function insideLevel(bands: ContourBands, level: number, [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of ringsOf(bands, level)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
