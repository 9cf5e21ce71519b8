import { describe, expect, it } from 'vitest';
import { findPreset, resolvePreset } from '../optimizers/presets.ts';
import { getSurface } from '../surfaces/index.ts';
import { Run } from '../sim/run.ts';
import { escapeExtent, runChunk, type LabChunk } from './chunk.ts';

const starts = Float64Array.from([1, 1.5, -2, 0.5, 3.5, -3]);

function chunk(evaluationBudget: number | null, steps: number): LabChunk {
  const beale = getSurface('beale')!;
  return {
    index: 0,
    surface: { id: 'beale' },
    optimizer: 'LBFGS',
    params: { ...resolvePreset(findPreset('lbfgs')!).params },
    starts,
    steps,
    noise: { sigma: 0, seed: 1 },
    escape: escapeExtent(beale.view),
    target: 1e-6,
    evaluationBudget,
  };
}

/** The same particles as a plain run. */
function lbfgsRun(steps: number): Run {
  const { definition, params } = resolvePreset(findPreset('lbfgs')!);
  const run = new Run({
    surface: getSurface('beale')!,
    optimizer: definition,
    params,
    starts,
    noise: { sigma: 0, seed: 1 },
  });
  run.advanceTo(steps);
  return run;
}

describe('runChunk under a budget of gradient evaluations', () => {
  it('stops each L-BFGS particle at its last step within the budget, counting evaluations', () => {
    const budget = 30;
    const result = runChunk(chunk(budget, budget));
    const run = lbfgsRun(budget);
    for (let p = 0; p < 3; p++) {
      let last = budget;
      while (run.evaluationsAt(last, p) > budget) last--;
      // Fewer steps than evaluations: the line search costs some.
      expect(last).toBeLessThan(budget);
      expect(run.evaluationsAt(last + 1, p)).toBeGreaterThan(budget);
      expect(result.finalX[p]).toBe(run.positions.get(last, 2 * p));
      expect(result.finalY[p]).toBe(run.positions.get(last, 2 * p + 1));
      const arrived = result.stepsToTarget[p];
      if (arrived >= 0) expect(arrived).toBeLessThanOrEqual(budget);
    }
  });

  it('with a budget in steps, summarises every particle at the last step', () => {
    const result = runChunk(chunk(null, 12));
    const run = lbfgsRun(12);
    expect(result.finalX[0]).toBe(run.positions.get(12, 0));
  });
});
