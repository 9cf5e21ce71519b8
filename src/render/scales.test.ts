import * as d3 from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, logScale, nice, tickLabel, ticks } from './scales.ts';

describe('ticks and nice', () => {
  const end = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
    fc.integer({ min: -100, max: 100 }),
  );
  const count = fc.oneof(
    fc.integer({ min: -1, max: 40 }),
    fc.double({ min: 0, max: 3, noNaN: true }),
  );

  // Spans of a few subnormals overflow both (an array of infinite length): the same error counts.
  const outcome = (compute: () => unknown) => {
    try {
      return compute();
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('give exactly the numbers d3-array gives', () => {
    fc.assert(
      fc.property(end, end, count, (start, stop, n) => {
        expect(outcome(() => ticks(start, stop, n))).toEqual(
          outcome(() => d3.ticks(start, stop, n)),
        );
        expect(nice(start, stop, n)).toEqual(d3.nice(start, stop, n));
      }),
      { numRuns: 5000 },
    );
  });

  it('give round values, in either direction, and exact tenths', () => {
    expect(ticks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(ticks(-4.5, 4.5, 5)).toEqual([-4, -2, 0, 2, 4]);
    expect(ticks(10, 0, 2)).toEqual([10, 5, 0]);
    expect(nice(0.13, 0.87, 10)).toEqual([0.1, 0.9]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range and gives round ticks', () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(150);
    expect(x.ticks(5)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('rounds the domain outward when asked, and clamps', () => {
    const y = linearScale([0.13, 0.87], [100, 0], { nice: true, clamp: true });
    expect(y.domain).toEqual([0.1, 0.9]);
    expect(y(5)).toBe(0);
    expect(y(-5)).toBe(100);
  });
});

describe('logScale', () => {
  it('spaces decades evenly and ticks at powers of ten', () => {
    const y = logScale([1e-4, 1e2], [600, 0]);
    expect(y(1e-4)).toBeCloseTo(600, 9);
    expect(y(1e-1)).toBeCloseTo(300, 9);
    expect(y.ticks(10)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]);
  });

  it('thins decade ticks to about the requested count, and widens to whole decades', () => {
    const y = logScale([3e-9, 4e3], [100, 0], { nice: true });
    expect(y.domain[0]).toBeCloseTo(1e-9, 20);
    expect(y.domain[1]).toBeCloseTo(1e4, 9);
    expect(y.ticks(4).length).toBeLessThanOrEqual(5);
  });
});

describe('tickLabel', () => {
  it('writes every tick exactly, with a true minus sign and powers of ten', () => {
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(0.25)).toBe('0.25');
    expect(tickLabel(0.1 + 0.2)).toBe('0.3');
    expect(tickLabel(-1200)).toBe('−1200');
    expect(tickLabel(-2e175)).toBe('−2×10¹⁷⁵');
    expect(tickLabel(1e-4)).toBe('10⁻⁴');
    expect(tickLabel(2.5e-5)).toBe('2.5×10⁻⁵');
    expect(tickLabel(100002)).toBe('1.00002×10⁵');
  });

  it('never gives two ticks of one axis the same label', () => {
    const ranges: [number, number][] = [
      [1.5e-5, 3.5e-5],
      [99.5, 100.5],
      [1e5, 1e5 + 3],
      [-1e-5, 1e-5],
      [0.999, 1.001],
      [-3, 2],
    ];
    for (const [lo, hi] of ranges) {
      for (const count of [3, 5, 10]) {
        const labels = ticks(lo, hi, count).map(tickLabel);
        expect(new Set(labels).size, `${lo}…${hi}: ${labels.join(' ')}`).toBe(labels.length);
      }
    }
  });

  it('has no hyphen-minus or "e" notation a reader could take for a subtraction', () => {
    for (const value of [-4, -0.5, 1e-7, -3e-9, 4e12]) expect(tickLabel(value)).not.toMatch(/[-e]/);
  });
});
