import { describe, expect, it } from 'vitest';
import { ROSENBROCK_REQUEST as rosenbrock } from './contourTesting.ts';
import {
  contourCacheKey,
  gridSizeForCanvas,
  previewRequest,
  type ContourRequest,
} from './request.ts';

describe('request helpers', () => {
  it('gridSizeForCanvas: about 2 CSS px per cell', () => {
    expect(gridSizeForCanvas(800, 600)).toEqual({ width: 400, height: 300 });
    expect(gridSizeForCanvas(1, 1)).toEqual({ width: 1, height: 1 });
  });

  it('previewRequest shrinks the longer side to 60 cells and keeps the aspect', () => {
    expect(previewRequest({ ...rosenbrock, width: 400, height: 300 })).toMatchObject({
      width: 60,
      height: 45,
    });
    expect(previewRequest({ ...rosenbrock, width: 30, height: 20 })).toMatchObject({
      width: 30,
      height: 20,
    });
  });

  it('contourCacheKey changes with surface, view, size, scale and level count only', () => {
    const key = contourCacheKey(rosenbrock);
    expect(contourCacheKey({ ...rosenbrock, levels: 20 })).toBe(key);
    expect(contourCacheKey({ ...rosenbrock, extent: { ...rosenbrock.extent } })).toBe(key);
    const changed: ContourRequest[] = [
      { ...rosenbrock, surface: { id: 'beale' } },
      { ...rosenbrock, surface: { expression: 'rosenbrock' } },
      { ...rosenbrock, extent: { ...rosenbrock.extent, xMin: -2.5 } },
      { ...rosenbrock, width: 101 },
      { ...rosenbrock, scale: 'linear' },
      { ...rosenbrock, levels: 40 },
    ];
    for (const request of changed) expect(contourCacheKey(request)).not.toBe(key);
  });
});
