import { describe, expect, it } from 'vitest';
import { linearScale, logScale, tickLabel } from './scales.ts';

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
  it('keeps labels short at any magnitude', () => {
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(0.25)).toBe('0.25');
    expect(tickLabel(-1200)).toBe('-1200');
    expect(tickLabel(-2e175)).toBe('-2e+175');
    expect(tickLabel(1e-4)).toBe('1e-4');
  });
});
