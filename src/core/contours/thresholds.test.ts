import { describe, expect, it } from 'vitest';
import {
  ROSENBROCK_VIEW,
  SQUARE,
  bowl,
  rastrigin,
  RASTRIGIN_VIEW,
  rosenbrock,
  sampleCellCentres,
} from './testGrids.ts';
import {
  chooseThresholdScale,
  computeThresholds,
  finiteOrAbove,
  summariseValues,
  type ValueSummary,
} from './thresholds.ts';

function summaryOf(f: (x: number, y: number) => number, extent = SQUARE): ValueSummary {
  const summary = summariseValues(sampleCellCentres(f, extent, 100, 100).values);
  if (!summary) throw new Error('no finite values');
  return summary;
}

describe('finiteOrAbove', () => {
  it('keeps finite values and puts NaN and ±∞ at the ceiling', () => {
    expect(finiteOrAbove(-3.5, 10)).toBe(-3.5);
    expect(finiteOrAbove(NaN, 10)).toBe(10);
    expect(finiteOrAbove(Infinity, 10)).toBe(10);
    expect(finiteOrAbove(-Infinity, 10)).toBe(10);
  });
});

describe('summariseValues', () => {
  it('summarises the finite cells only and notes the others', () => {
    const summary = summariseValues(Float64Array.of(NaN, 3, -Infinity, 1, 2, Infinity));
    expect(summary).toMatchObject({ min: 1, max: 3, hasNonFinite: true });
  });

  it('returns undefined when no cell is finite', () => {
    expect(summariseValues(Float64Array.of(NaN, Infinity))).toBeUndefined();
  });
});

describe('chooseThresholdScale', () => {
  it('keeps a round bowl x² + y² linear', () => {
    expect(chooseThresholdScale(summaryOf(bowl))).toBe('linear');
  });

  it('keeps Rastrigin linear: its low ground is spread over the whole view', () => {
    expect(chooseThresholdScale(summaryOf(rastrigin, RASTRIGIN_VIEW))).toBe('linear');
  });

  it('makes Rosenbrock log: its valley floor holds the lowest 10% of the cells', () => {
    expect(chooseThresholdScale(summaryOf(rosenbrock, ROSENBROCK_VIEW))).toBe('log');
  });
});

describe('computeThresholds', () => {
  it('linear: 20 levels evenly spaced strictly between min and max', () => {
    const summary = summaryOf(bowl);
    const levels = computeThresholds(summary, 20, 'linear');
    expect(levels).toHaveLength(20);
    const step = (summary.max - summary.min) / 21;
    levels.forEach((level, k) => expect(level).toBeCloseTo(summary.min + step * (k + 1), 12));
  });

  it('log on Rosenbrock: geometric in f − min, from near the valley floor to near the top', () => {
    const summary = summaryOf(rosenbrock, ROSENBROCK_VIEW);
    const levels = computeThresholds(summary, 20, 'log');
    const rises = Array.from(levels, (level) => level - summary.min);
    expect(rises[0]).toBeLessThan(0.1);
    expect(rises[0]).toBeGreaterThanOrEqual((summary.max - summary.min) * 1e-6);
    expect(levels[19]).toBeLessThan(summary.max);
    for (let k = 1; k < 19; k++) {
      expect(rises[k + 1] / rises[k]).toBeCloseTo(rises[1] / rises[0], 9);
    }
    expect(rises[1] / rises[0]).toBeGreaterThan(1);
  });

  it('log never starts above the first linear level, even when no cell sits near min', () => {
    // Two values only: the smallest rise is the whole range.
    const summary = summariseValues(Float64Array.of(0, 0, 10, 10))!;
    const levels = computeThresholds(summary, 4, 'log');
    expect(levels[0]).toBeCloseTo(10 / 5, 12);
    expect(levels[3]).toBeLessThan(10);
  });

  it('gives no levels for a flat grid', () => {
    const summary = summariseValues(new Float64Array(9).fill(4))!;
    expect(computeThresholds(summary, 20, 'linear')).toHaveLength(0);
    expect(computeThresholds(summary, 20, 'log')).toHaveLength(0);
  });
});
