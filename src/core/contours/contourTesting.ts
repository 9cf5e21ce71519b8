/** Test fixture: a contour request for Rosenbrock on a 100 × 100 grid. */
import type { ContourRequest } from './request.ts';

export const ROSENBROCK_REQUEST: ContourRequest = {
  surface: { id: 'rosenbrock' },
  extent: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  width: 100,
  height: 100,
  scale: 'auto',
};
