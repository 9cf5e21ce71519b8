import { describe, expect, it } from 'vitest';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { getSurface } from '../surfaces/index.ts';
import { Arrivals, DEFAULT_ARRIVAL_TOLERANCE, raceSummary, type RaceRun } from './raceSummary.ts';
import { Run } from './run.ts';

/** A run from per-particle loss histories (one array per particle) and divergence steps. */
function fakeRun(losses: number[][], divergedAt: number[] = losses.map(() => -1)): RaceRun {
  return {
    particles: losses.length,
    steps: losses[0].length - 1,
    losses: { get: (step, particle) => losses[particle][step] },
    divergedAt,
  };
}

const options = {
  minimumLoss: 0,
  tolerance: DEFAULT_ARRIVAL_TOLERANCE,
  format: (value: number) => (Math.abs(value) < 1e-3 ? value.toExponential(0) : String(value)),
};

describe('raceSummary', () => {
  it('tells arrivals first, then runs still moving, then divergences', () => {
    const text = raceSummary(
      [
        { label: 'SGD', run: fakeRun([[5, 50, 5e3, 5e3, 5e3]], [2]) },
        { label: 'Momentum', run: fakeRun([[5, 1, 0.5, 0.1, 0.02]]) },
        { label: 'Adam', run: fakeRun([[5, 1, 1e-3, 1e-7, 1e-9]]) },
      ],
      { ...options, step: 4 },
    );
    expect(text).toBe(
      'Adam reached loss below 1e-6 in 3 steps; Momentum at loss 0.02 after 4 steps; SGD diverged at step 2.',
    );
  });

  it('calls a finite loss that grew a millionfold exploding, not diverged, and ranks it before divergences', () => {
    const text = raceSummary(
      [
        { label: 'SGD', run: fakeRun([[5, 1e3, 5e3]], [1]) },
        { label: 'Adam', run: fakeRun([[2, 4e8, 2e176]]) },
        { label: 'Momentum', run: fakeRun([[5, 1, 0.5]]) },
      ],
      { ...options, step: 2 },
    );
    expect(text).toBe(
      'Momentum at loss 0.5 after 2 steps; Adam is exploding: loss grew 1e176× in 2 steps; SGD diverged at step 1.',
    );
  });

  it('tells only what happened up to the step on screen', () => {
    const entries = [
      { label: 'SGD', run: fakeRun([[5, 50, 5e3, 5e3, 5e3]], [2]) },
      { label: 'Adam', run: fakeRun([[5, 1, 1e-3, 1e-7, 1e-9]]) },
    ];
    expect(raceSummary(entries, { ...options, step: 1 })).toBe(
      'Adam at loss 1 after 1 step; SGD at loss 50 after 1 step.',
    );
    // A step beyond what was computed is clamped to the last computed step.
    expect(raceSummary(entries, { ...options, step: 99 })).toBe(
      'Adam reached loss below 1e-6 in 3 steps; SGD diverged at step 2.',
    );
  });

  it('measures arrival against a non-zero minimum and never claims one when the minimum is unknown', () => {
    const run = fakeRun([[3, -78, -78.33233]]);
    expect(
      raceSummary([{ label: 'Adam', run }], { ...options, minimumLoss: -78.33233, step: 2 }),
    ).toBe('Adam reached within 1e-6 of the minimum loss -78.33233 in 2 steps.');
    expect(raceSummary([{ label: 'Adam', run }], { ...options, minimumLoss: null, step: 2 })).toBe(
      'Adam at loss -78.33233 after 2 steps.',
    );
  });

  it('counts particles of a run with many', () => {
    const run = fakeRun(
      [
        [4, 1e-8],
        [4, 0.5],
        [4, 0.25],
        [4, 4],
      ],
      [-1, -1, -1, 1],
    );
    expect(raceSummary([{ label: 'Adam', run }], { ...options, step: 1 })).toBe(
      'Adam: 4 particles after 1 step, 1 reached loss below 1e-6, 2 still moving (lowest loss 0.25), 1 diverged.',
    );
  });

  it('keeps the scene order between equal standings and says when nothing is shown', () => {
    const same = () => fakeRun([[2, 1]]);
    expect(
      raceSummary(
        [
          { label: 'B', run: same() },
          { label: 'A', run: same() },
        ],
        { ...options, step: 1 },
      ),
    ).toBe('B at loss 1 after 1 step; A at loss 1 after 1 step.');
    expect(raceSummary([], { ...options, step: 0 })).toBe('No optimizers are shown.');
  });

  it('reads real runs: Adam(lr=0.1) on the quadratic bowl arrives, SGD(lr=1.5) diverges', () => {
    const quadratic = getSurface('quadratic')!;
    const run = (name: string, params: Record<string, unknown>) => {
      const optimizer = findOptimizer(name)!;
      const resolved = resolveParams(optimizer, params);
      if (!resolved.ok) throw new Error(resolved.errors.join('; '));
      const r = new Run({
        surface: quadratic,
        optimizer,
        params: resolved.params,
        starts: Float64Array.from([2, 1.5]),
        noise: { sigma: 0, seed: 0 },
      });
      r.advanceTo(3000);
      return r;
    };
    const text = raceSummary(
      [
        { label: 'SGD', run: run('SGD', { lr: 1.5 }) },
        { label: 'Adam', run: run('Adam', { lr: 0.1 }) },
      ],
      { ...options, step: 3000 },
    );
    expect(text).toMatch(/^Adam reached loss below 1e-6 in \d+ steps; SGD diverged at step \d+\.$/);
  });
});

describe('Arrivals', () => {
  it('reads each step once across summaries and still tells an earlier step truly', () => {
    let reads = 0;
    const losses = [
      [5, 1, 1e-7, 1e-9],
      [5, 4, 3, 2],
    ];
    const run: RaceRun = {
      particles: 2,
      steps: 3,
      losses: {
        get: (step, particle) => {
          reads++;
          return losses[particle][step];
        },
      },
      divergedAt: [-1, -1],
    };
    const arrivals = new Arrivals();
    const entries = [{ label: 'Adam', run }];
    const summary = (step: number) => raceSummary(entries, { ...options, step, arrivals });
    expect(summary(3)).toBe(
      'Adam: 2 particles after 3 steps, 1 reached loss below 1e-6, 1 still moving (lowest loss 2).',
    );
    const afterFirst = reads;
    summary(3);
    // Again at the same step: only the losses of particles still moving are read.
    expect(reads - afterFirst).toBeLessThan(4);
    expect(summary(1)).toBe('Adam: 2 particles after 1 step, 2 still moving (lowest loss 1).');
  });
});
