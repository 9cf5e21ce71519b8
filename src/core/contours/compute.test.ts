import { describe, expect, it } from 'vitest';
import { ROSENBROCK_REQUEST as rosenbrock } from './contourTesting.ts';
import { computeContours, transferablesOf } from './compute.ts';

describe('computeContours', () => {
  it('contours a built-in surface by id: Rosenbrock goes log with 20 levels by default', () => {
    const outcome = computeContours(rosenbrock);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.bands.scale).toBe('log');
    expect(outcome.bands.levels).toHaveLength(20);
  });

  it('gives the same bands for a typed expression of the same f', () => {
    const byId = computeContours({ ...rosenbrock, levels: 8 });
    const typed = computeContours({
      ...rosenbrock,
      levels: 8,
      surface: { expression: '(1 - x)^2 + 100*(y - x^2)^2' },
    });
    if (!byId.ok || !typed.ok) throw new Error('expected both to contour');
    expect(Array.from(typed.bands.levels)).toEqual(Array.from(byId.bands.levels));
    expect(typed.bands.points).toHaveLength(byId.bands.points.length);
  });

  it('reports an unknown surface, a bad expression, an empty view and a bad grid size', () => {
    expect(computeContours({ ...rosenbrock, surface: { id: 'nope' } })).toEqual({
      ok: false,
      error: 'no surface "nope"',
    });
    const bad = computeContours({ ...rosenbrock, surface: { expression: 'x +' } });
    expect(bad.ok).toBe(false);
    const empty = { xMin: 1, xMax: 1, yMin: 0, yMax: 1 };
    expect(computeContours({ ...rosenbrock, extent: empty }).ok).toBe(false);
    expect(computeContours({ ...rosenbrock, width: 0 }).ok).toBe(false);
    expect(computeContours({ ...rosenbrock, height: 2.5 }).ok).toBe(false);
  });

  it('transferablesOf lists the four typed arrays’ buffers', () => {
    const outcome = computeContours({ ...rosenbrock, width: 10, height: 10 });
    if (!outcome.ok) throw new Error(outcome.error);
    const buffers = transferablesOf(outcome.bands);
    expect(buffers).toHaveLength(4);
    expect(buffers).toContain(outcome.bands.points.buffer);
  });
});
