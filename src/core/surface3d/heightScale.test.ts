import { describe, expect, it } from 'vitest';
import { summariseValues } from '../contours/thresholds.ts';
import { chooseHeightScale, heightOf, isCut } from './heightScale.ts';

function scaleFor(values: number[], choice: 'auto' | 'linear' | 'log' = 'auto') {
  const array = Float64Array.from(values);
  return chooseHeightScale(array, summariseValues(array), choice, 20)!;
}

/** 0, 1, …, n − 1: an even spread, which the auto rule calls linear. */
const ramp = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('chooseHeightScale', () => {
  it('linear heights run from 0 at the minimum to 1 at the maximum, in proportion', () => {
    const scale = scaleFor(
      ramp(101).map((v) => v + 5),
      'linear',
    );
    expect(scale.kind).toBe('linear');
    expect(heightOf(scale, 5)).toBe(0);
    expect(heightOf(scale, 55)).toBeCloseTo(0.5, 12);
    expect(heightOf(scale, 105)).toBe(1);
  });

  it('auto picks log for a valley (most cells near the floor), like the contour levels', () => {
    // 95% of the cells within 1% of the floor, a few far above: a narrow valley.
    const values = [...ramp(950).map((v) => v / 1000), ...ramp(50).map((v) => 100 + v * 20)];
    const scale = scaleFor(values);
    expect(scale.kind).toBe('log');
    // log(f − min + ε): the valley floor gets visible relief instead of one flat sheet.
    expect(heightOf(scale, 0.5)).toBeGreaterThan(0.2);
    expect(heightOf(scale, 0.5)).toBeLessThan(heightOf(scale, 1000));
  });

  it('auto picks linear for an even bowl', () => {
    expect(scaleFor(ramp(400).map((v) => Math.sqrt(v))).kind).toBe('linear');
  });

  it('heights are monotonic in f on both scales', () => {
    for (const choice of ['linear', 'log'] as const) {
      const scale = scaleFor(
        ramp(200).map((v) => v * v),
        choice,
      );
      let previous = -1;
      for (let f = 0; f < 39601; f += 97) {
        const height = heightOf(scale, f);
        expect(height).toBeGreaterThanOrEqual(previous);
        previous = height;
      }
    }
  });

  it('cuts a pole instead of letting a spike squash the surface: 1/r² near r = 0', () => {
    const values: number[] = [];
    for (let j = -20; j <= 20; j++)
      for (let i = -20; i <= 20; i++) values.push(1 / ((i + 0.5) ** 2 + (j + 0.5) ** 2) / 1e-6);
    const scale = scaleFor(values, 'linear');
    const highest = Math.max(...values);
    expect(isCut(scale, highest)).toBe(true);
    expect(heightOf(scale, highest)).toBe(1);
    // Most of the surface keeps visible relief: the median cell is not crushed to the floor.
    const sorted = [...values].sort((a, b) => a - b);
    expect(heightOf(scale, sorted[sorted.length >> 1])).toBeGreaterThan(0.01);
  });

  it('does not cut a surface without a spike (its top is within the bulk)', () => {
    const scale = scaleFor(ramp(100), 'linear');
    expect(ramp(100).some((v) => isCut(scale, v))).toBe(false);
  });

  it('NaN and ±∞ are cut: they sit on the lid at height 1, never a spike or a hole', () => {
    const scale = scaleFor([...ramp(99), NaN, Infinity, -Infinity], 'linear');
    for (const f of [NaN, Infinity, -Infinity]) {
      expect(isCut(scale, f)).toBe(true);
      expect(heightOf(scale, f)).toBe(1);
    }
  });

  it('a flat surface lies on the floor; a grid with no finite value has no scale', () => {
    const flat = scaleFor([3, 3, 3, 3]);
    expect(heightOf(flat, 3)).toBe(0);
    expect(isCut(flat, 3)).toBe(false);
    const none = Float64Array.from([NaN, Infinity]);
    expect(chooseHeightScale(none, summariseValues(none), 'auto', 20)).toBeUndefined();
  });
});
