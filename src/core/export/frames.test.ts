import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameSteps } from './frames.ts';

describe('frameSteps', () => {
  it('spreads frames evenly from step 0 to the last step', () => {
    expect(frameSteps(100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(frameSteps(3, 10)).toEqual([0, 1, 2, 3]);
    expect(frameSteps(0, 10)).toEqual([0]);
    expect(frameSteps(10, 1)).toEqual([10]);
  });

  it('is increasing, without repeats, starts at 0 and ends at the last step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 2, max: 600 }),
        (last, n) => {
          const steps = frameSteps(last, n);
          expect(steps[0]).toBe(0);
          expect(steps.at(-1)).toBe(last);
          expect(steps.length).toBe(Math.min(n, last + 1));
          for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
        },
      ),
    );
  });
});
