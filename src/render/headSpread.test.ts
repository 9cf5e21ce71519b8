import { describe, expect, it } from 'vitest';
import { spreadCoincident } from './headSpread.ts';

const distance = (p: Float64Array, i: number, j: number) =>
  Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);

describe('spreadCoincident', () => {
  it('fans out markers on one pixel so none hides another, around their true point', () => {
    const points = new Float64Array([100, 100, 100, 100, 100.5, 100, 100, 100]);
    const spread = spreadCoincident(points, 12, 14);
    for (let i = 0; i < 4; i++) {
      expect(Math.hypot(spread[2 * i] - 100, spread[2 * i + 1] - 100)).toBeGreaterThanOrEqual(14);
      for (let j = 0; j < i; j++) expect(distance(spread, i, j)).toBeGreaterThanOrEqual(12 - 1e-9);
    }
    // The first one goes to the top (screen y grows downwards).
    expect(spread[0]).toBeCloseTo(100);
    expect(spread[1]).toBeCloseTo(86);
  });

  it('widens the circle for many markers and leaves lone ones and non-finite ones alone', () => {
    const points = new Float64Array([...Array(12).fill([50, 50]).flat(), 300, 300, NaN, 1]);
    const spread = spreadCoincident(points, 12, 14);
    for (let i = 1; i < 12; i++)
      expect(distance(spread, i, i - 1)).toBeGreaterThanOrEqual(12 - 1e-9);
    expect([spread[24], spread[25]]).toEqual([300, 300]);
    expect(spread[26]).toBeNaN();
  });

  it('writes into the array it is given, the same as into a new one, frame after frame', () => {
    const points = new Float64Array([10, 10, 10, 10, 200, 200, NaN, NaN]);
    const out = new Float64Array(points.length);
    const fresh = spreadCoincident(points, 12, 14);
    expect(spreadCoincident(points, 12, 14, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(fresh));
    points.set([300, 300, 10, 10, 10, 10, 10, 10]);
    spreadCoincident(points, 12, 14, out);
    expect([out[0], out[1]]).toEqual([300, 300]);
    expect(distance(out, 1, 2)).toBeGreaterThanOrEqual(12 - 1e-9);
  });
});
