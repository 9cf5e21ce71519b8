import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from './stats.ts';

describe('median', () => {
  it('equals the middle of the sorted numbers, for odd and even counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 200,
        }),
        (numbers) => {
          const sorted = [...numbers].sort((a, b) => a - b);
          const n = sorted.length;
          const expected = n % 2 === 1 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
          // −0 and 0 sort as equals, so either may be the middle one: compare them as numbers.
          expect(median(Float64Array.from(numbers)) + 0).toBe(expected + 0);
        },
      ),
    );
  });

  it('handles many equal values', () => {
    expect(median(new Float64Array(1001).fill(3))).toBe(3);
    expect(median(Float64Array.of(5e-324, -0, 0)) + 0).toBe(0);
  });
});
