import { describe, expect, it } from 'vitest';
import { bestCellPerOptimizer, type SweepCell } from './score.ts';

function cell(lr: number, success: number, median: number, diverged: number): SweepCell {
  return { optimizer: 0, lr, axisValue: null, q1: 0, median, q3: median, success, diverged };
}

describe('bestCellPerOptimizer', () => {
  it('never picks an lr whose median start diverged while another lr keeps half of them finite', () => {
    // Momentum on Beale: the most successful lr diverges on 60% of the starts.
    const cells = [
      cell(1e-4, 0.1, 2.5, 0),
      cell(1e-3, 0.2, 0.3, 0.4),
      cell(3e-3, 0.28, Infinity, 0.6),
    ];
    expect(bestCellPerOptimizer(cells).get(0)).toBe(1);
  });

  it('ranks by success, then median final loss, among the lrs with a finite median', () => {
    const cells = [cell(1e-3, 0.5, 0.2, 0), cell(1e-2, 0.5, 0.01, 0.1), cell(1e-1, 0.4, 1e-6, 0)];
    expect(bestCellPerOptimizer(cells).get(0)).toBe(1);
  });

  it('where every lr diverges on over half the starts, picks the one that diverges least', () => {
    const cells = [cell(1, 0, Infinity, 0.9), cell(2, 0, Infinity, 0.6), cell(3, 0, Infinity, 1)];
    expect(bestCellPerOptimizer(cells).get(0)).toBe(1);
  });
});
