import { describe, expect, it } from 'vitest';
import { shownYTicks } from './chartAxes.ts';
import { linearScale, logScale } from './scales.ts';

describe('shownYTicks', () => {
  it('keeps labels at least a line apart on a short chart', () => {
    for (const height of [30, 44, 60, 90, 140]) {
      for (const y of [
        logScale([1e-12, 1e3], [height, 0], { nice: true, clamp: true }),
        linearScale([0, 41.252], [height, 0], { nice: true, clamp: true }),
      ]) {
        const ticks = shownYTicks(y, 4, 12);
        expect(ticks.length).toBeGreaterThanOrEqual(1);
        for (let i = 1; i < ticks.length; i++)
          expect(Math.abs(y(ticks[i]) - y(ticks[i - 1]))).toBeGreaterThanOrEqual(14.4);
      }
    }
  });

  it('leaves a tall chart its ticks', () => {
    const y = linearScale([0, 40], [300, 0], { nice: true, clamp: true });
    expect(shownYTicks(y, 4, 12)).toEqual(y.ticks(4));
  });
});
