import { describe, expect, it } from 'vitest';
import { hatchSegments } from './hatch.ts';

const square = (x0: number, y0: number, size: number) => [
  x0,
  y0,
  x0 + size,
  y0,
  x0 + size,
  y0 + size,
  x0,
  y0 + size,
];

function totalLength(segments: Float64Array): number {
  let length = 0;
  for (let i = 0; i < segments.length; i += 4)
    length += Math.hypot(segments[i + 2] - segments[i], segments[i + 3] - segments[i + 1]);
  return length;
}

describe('hatchSegments', () => {
  it('covers a square with diagonals spaced evenly, ending on its border', () => {
    const segments = hatchSegments(
      { points: square(0, 0, 10), ringStarts: [0, 4], first: 0, end: 1 },
      2,
    );
    expect(segments.length).toBeGreaterThan(0);
    for (let i = 0; i < segments.length; i += 2) {
      const [x, y] = [segments[i], segments[i + 1]];
      const onBorder =
        Math.abs(x) < 1e-9 ||
        Math.abs(x - 10) < 1e-9 ||
        Math.abs(y) < 1e-9 ||
        Math.abs(y - 10) < 1e-9;
      expect(onBorder).toBe(true);
    }
    // Lines 2/√2 apart fill the area: length ≈ area ÷ spacing.
    expect(totalLength(segments)).toBeCloseTo(100 / Math.SQRT2, -1);
  });

  it('leaves a hole (even-odd) and the rings outside `first .. end` unhatched', () => {
    const points = [...square(0, 0, 10), ...square(3, 3, 4), ...square(20, 20, 5)];
    const segments = hatchSegments({ points, ringStarts: [0, 4, 8, 12], first: 0, end: 2 }, 1);
    for (let i = 0; i < segments.length; i += 4) {
      const mx = (segments[i] + segments[i + 2]) / 2;
      const my = (segments[i + 1] + segments[i + 3]) / 2;
      expect(mx > 3 && mx < 7 && my > 3 && my < 7).toBe(false);
      expect(mx).toBeLessThanOrEqual(10);
    }
    expect(totalLength(segments)).toBeCloseTo((100 - 16) * Math.SQRT2, -1);
  });

  it('hatches nothing when there are no rings', () => {
    expect(hatchSegments({ points: [], ringStarts: [0], first: 0, end: 0 }, 4)).toHaveLength(0);
  });
});
