import { describe, expect, it } from 'vitest';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { getSurface } from '../surfaces/index.ts';
import { Run } from './run.ts';
import {
  HISTORY_BUDGET_BYTES,
  Simulation,
  stepsWithinBudget,
  type RunConfig,
} from './simulation.ts';

function config(name: string, params: Record<string, unknown>): RunConfig {
  const optimizer = findOptimizer(name)!;
  const resolved = resolveParams(optimizer, params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return { optimizer, params: resolved.params };
}

const rosenbrock = getSurface('rosenbrock')!;
const noNoise = { sigma: 0, seed: 0 };

describe('Run', () => {
  it('moves every particle like a run of its own', () => {
    const starts = Float64Array.from([-1.5, 2, 0.5, 0.5, -1, -0.5]);
    const together = new Run({
      surface: rosenbrock,
      ...config('Adam', { lr: 0.05 }),
      starts,
      noise: noNoise,
    });
    together.advanceTo(50);
    for (let p = 0; p < 3; p++) {
      const alone = new Run({
        surface: rosenbrock,
        ...config('Adam', { lr: 0.05 }),
        starts: starts.slice(2 * p, 2 * p + 2),
        noise: noNoise,
      });
      alone.advanceTo(50);
      expect(together.positions.get(50, 2 * p)).toBe(alone.positions.get(50, 0));
      expect(together.positions.get(50, 2 * p + 1)).toBe(alone.positions.get(50, 1));
    }
  });

  it('stops a diverging particle at its last finite point without disturbing the others', () => {
    // With lr 0.0015, SGD from (−3, −3) overshoots Rosenbrock's steep walls and overflows at step 5,
    // while a start near the valley converges.
    const starts = Float64Array.from([-3, -3, 0.9, 0.8]);
    const run = new Run({
      surface: rosenbrock,
      ...config('SGD', { lr: 0.0015 }),
      starts,
      noise: noNoise,
    });
    run.advanceTo(40);
    expect(Array.from(run.divergedAt)).toEqual([5, -1]);
    expect(run.activeCount).toBe(1);
    for (let k = 0; k <= 40; k++) {
      expect(Number.isFinite(run.positions.get(k, 0))).toBe(true);
      expect(Number.isFinite(run.losses.get(k, 0))).toBe(true);
    }
    expect(run.positions.get(40, 0)).toBe(run.positions.get(4, 0));
    expect(run.losses.get(10, 1)).toBeLessThan(run.losses.get(0, 1));
  });

  it('records a start that is already non-finite as diverged at step 0', () => {
    const run = new Run({
      surface: rosenbrock,
      ...config('SGD', { lr: 0.01 }),
      starts: Float64Array.from([NaN, 1]),
      noise: noNoise,
    });
    run.advanceTo(3);
    expect(run.divergedAt[0]).toBe(0);
    expect(Number.isFinite(run.positions.get(3, 0))).toBe(true);
  });

  it('adds reproducible gradient noise keyed by seed', () => {
    const make = (seed: number) => {
      const run = new Run({
        surface: getSurface('quadratic')!,
        ...config('SGD', { lr: 0.1 }),
        starts: Float64Array.from([1, 1]),
        noise: { sigma: 0.5, seed },
      });
      run.advanceTo(20);
      return [run.positions.get(20, 0), run.positions.get(20, 1)];
    };
    expect(make(1)).toEqual(make(1));
    expect(make(1)).not.toEqual(make(2));
  });
});

describe('Simulation', () => {
  const setup = {
    surface: rosenbrock,
    runs: [config('SGD', { lr: 0.001 }), config('Adam', { lr: 0.05 })],
    starts: Float64Array.from([-1.5, 2]),
    noise: noNoise,
    steps: 300,
  };

  it('advances all runs on one clock, up to the step budget', () => {
    const sim = new Simulation(setup);
    sim.advanceTo(1000);
    expect(sim.computedSteps).toBe(300);
    expect(sim.runs.map((run) => run.steps)).toEqual([300, 300]);
  });

  it('replaces one run and catches it up with the others', () => {
    const sim = new Simulation(setup);
    sim.advanceTo(100);
    const untouched = sim.runs[0];
    sim.replaceRun(1, config('Adam', { lr: 0.01 }));
    expect(sim.runs[0]).toBe(untouched);
    expect(sim.runs[1].steps).toBe(100);
    const fresh = new Simulation({ ...setup, runs: [setup.runs[0], config('Adam', { lr: 0.01 })] });
    fresh.advanceTo(100);
    expect(sim.runs[1].positions.get(100, 0)).toBe(fresh.runs[1].positions.get(100, 0));
  });

  it('is deterministic: the same setup gives the same numbers', () => {
    const a = new Simulation({ ...setup, noise: { sigma: 1, seed: 9 } });
    const b = new Simulation({ ...setup, noise: { sigma: 1, seed: 9 } });
    a.advanceTo(200);
    b.advanceTo(200);
    for (let k = 0; k <= 200; k += 17)
      expect(a.runs[1].positions.get(k, 0)).toBe(b.runs[1].positions.get(k, 0));
  });

  it('bounds history memory by lowering the step budget', () => {
    const particles = 12 * 1000;
    const steps = stepsWithinBudget(particles, 100_000);
    expect(steps).toBeLessThan(100_000);
    expect((steps + 1) * particles * 32).toBeLessThanOrEqual(HISTORY_BUDGET_BYTES);
    expect(stepsWithinBudget(6, 1000)).toBe(1000);
  });
});
