import { describe, expect, it } from 'vitest';
import { chartRange } from './chartRange.ts';
import { linearScale, logScale, tickLabel } from './scales.ts';

/** Beale's loss from the default start, a run that converges, and one that does not. */
const converging = [14.2, 3.1, 0.5, 0.02, 1e-4, 1e-7];

describe('chartRange', () => {
  it('takes its range from the finite values: a diverged run leaves no trace on the axis', () => {
    const diverged = [14.2, 3.7e10, 1.2e192, NaN, NaN, NaN];
    const range = chartRange([converging, diverged]);
    expect(range).toEqual({ log: true, lo: 1e-7, hi: 14.2, floor: null });
  });

  it('keeps the other runs readable when one explodes without going non-finite', () => {
    const exploding = [14.2, 900, 4e5, 1e60, 1e176, 1e176];
    const range = chartRange([converging, exploding]);
    expect(range.log).toBe(true);
    expect(range.lo).toBe(1e-7);
    // 900 is 1.8 decades above the start: still drawn; 4e5 and beyond are clipped at the top.
    expect(range.hi).toBe(900);
  });

  it('clips explosions on a linear axis too (a surface that goes negative)', () => {
    const camel = [2.1, 0.4, -0.9, -1.03];
    const exploding = [2.1, 8, 1e40, 1e176];
    const range = chartRange([camel, exploding]);
    expect(range).toEqual({ log: false, lo: -1.03, hi: 8, floor: null });
  });

  it('stops a log axis at a floor tied to float precision relative to the start', () => {
    const bowl = [50, 1, 1e-20, 1e-90, 1e-179];
    const range = chartRange([bowl]);
    expect(range.log).toBe(true);
    expect(range.hi).toBe(50);
    // 50 × 2.2e-16 = 1.1e-14: the decade below is the floor, and the 1e-20s are drawn on it.
    expect(range.floor).toBe(1e-14);
    expect(range.lo).toBe(1e-14);
  });

  it('puts a loss of exactly 0 on the floor of a log axis', () => {
    const range = chartRange([[28, 3, 1e-9, 0, 0]]);
    expect(range).toEqual({ log: true, lo: 1e-15, hi: 28, floor: 1e-15 });
  });

  it('reports no floor when nothing reaches it', () => {
    expect(chartRange([converging]).floor).toBeNull();
  });

  it('falls back to a unit range when there is nothing finite to show', () => {
    expect(chartRange([[NaN, NaN]])).toEqual({ log: false, lo: 0, hi: 1, floor: null });
    expect(chartRange([])).toEqual({ log: false, lo: 0, hi: 1, floor: null });
  });

  it('gives a single value and a nearly flat run a range with room', () => {
    const single = chartRange([[14.2]]);
    expect(single.lo).toBeLessThan(14.2);
    expect(single.hi).toBeGreaterThan(14.2);
    const flat = chartRange([[3, 3 + 1e-14, 3 - 1e-14]]);
    expect(flat.hi - flat.lo).toBeGreaterThanOrEqual(3e-9 * (1 - 1e-9));
  });

  it('yields axes whose tick labels are all different', () => {
    const cases: number[][][] = [
      [converging, [14.2, 3.7e10, 1.2e192, NaN]],
      [converging, [14.2, 900, 4e5, 1e176]],
      [[50, 1, 1e-20, 1e-179]],
      [[2.1, 0.4, -0.9, -1.03]],
      [[3, 3 + 1e-14, 3 - 1e-14]],
      [[1e5, 1e5 + 1, 1e5 + 2]],
      [[1.5e-5, 2.5e-5, 3.5e-5]],
      [[14.2]],
    ];
    for (const series of cases) {
      const range = chartRange(series);
      const scale = range.log
        ? logScale([range.lo, range.hi], [120, 0], { nice: true })
        : linearScale([range.lo, range.hi], [120, 0], { nice: true });
      for (const count of [3, 4, 8]) {
        const labels = scale.ticks(count).map(tickLabel);
        expect(labels.length).toBeGreaterThanOrEqual(2);
        expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      }
    }
  });
});
