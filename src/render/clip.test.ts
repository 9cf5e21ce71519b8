import { describe, expect, it } from 'vitest';
import { clipSegment, edgePoint } from './clip.ts';

const out = new Float64Array(4);
const clip = (x0: number, y0: number, x1: number, y1: number) =>
  clipSegment(out, x0, y0, x1, y1, 0, 0, 100, 100) ? [...out] : null;

describe('clipSegment', () => {
  it('returns the part inside the rectangle, or nothing', () => {
    expect(clip(-10, 50, 200, 50)).toEqual([0, 50, 100, 50]);
    expect(clip(-10, -10, -5, -5)).toBeNull();
    expect(clip(1, 1, 2, 2)).toEqual([1, 1, 2, 2]);
  });

  it('clips segments to and from ±1e300 to the rectangle, keeping their direction', () => {
    const toFar = clip(50, 50, 1e300, 50)!;
    expect(toFar).toEqual([50, 50, 100, 50]);
    const fromFar = clip(-1e300, 50, 50, 50)!;
    expect(fromFar).toEqual([0, 50, 50, 50]);
    const diagonal = clip(50, 50, 1e300, 1e300)!;
    expect(diagonal[2]).toBeCloseTo(100, 9);
    expect(diagonal[3]).toBeCloseTo(100, 9);
    // Across the whole rectangle between two far points.
    expect(clip(-1e300, 50, 1e300, 50)).toEqual([0, 50, 100, 50]);
    // Near the largest doubles, where the difference of the ends overflows.
    expect(clip(-1.7e308, 50, 1.7e308, 50)).toEqual([0, 50, 100, 50]);
    expect(clip(1e300, 1e300, 2e300, 1e300)).toBeNull();
  });

  it('draws nothing for NaN or infinite ends', () => {
    expect(clip(50, 50, NaN, 50)).toBeNull();
    expect(clip(Infinity, 50, 50, 50)).toBeNull();
    expect(clip(50, 50, 50, -Infinity)).toBeNull();
  });

  it('every clipped end lies in the rectangle', () => {
    const far = [1e29, -1e29, 1e300, -1e300, 5, 95, -3, 140];
    for (const x0 of far)
      for (const y1 of far) {
        const part = clip(x0, 50, 50, y1);
        if (!part) continue;
        for (const v of part) {
          expect(v).toBeGreaterThanOrEqual(-1e-9);
          expect(v).toBeLessThanOrEqual(100 + 1e-9);
        }
      }
  });
});

describe('edgePoint', () => {
  const at = (x: number, y: number) =>
    edgePoint(out, x, y, 0, 0, 100, 100) ? [out[0], out[1]] : null;

  it('puts a far point on the edge it lies beyond, on the ray from the centre', () => {
    expect(at(1e300, 50)).toEqual([100, 50]);
    expect(at(50, -1e29)).toEqual([50, 0]);
    const corner = at(1e300, 1e300)!;
    expect(corner[0]).toBeCloseTo(100, 9);
    expect(corner[1]).toBeCloseTo(100, 9);
    expect(at(-1.7e308, 1.7e308)).toEqual([0, 100]);
  });

  it('keeps a point inside where it is and refuses non-finite points', () => {
    expect(at(20, 30)).toEqual([20, 30]);
    expect(at(NaN, 3)).toBeNull();
    expect(at(Infinity, 3)).toBeNull();
  });
});

describe('clipSegment near overflow', () => {
  it('cuts a diagonal between far points through the rectangle, and misses one that passes by', () => {
    const part = clip(-1e300, -1e300, 1e300, 1e300)!;
    part.forEach((v, i) => expect(v).toBeCloseTo([0, 0, 100, 100][i], 9));
    expect(clip(-1e300, -1e300, 50, 1e300)).toBeNull();
  });
});
