import { beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { Run } from '../sim/run.ts';
import { Simulation, type RunConfig } from '../sim/simulation.ts';
import { getSurface } from '../surfaces/index.ts';
import { identityOrder, MinibatchGradient, MinibatchSampler } from './minibatch.ts';
import { linearRegression, logisticRegression } from './regression.ts';
import { sampledGradients } from './sampledGradients.ts';

beforeAll(() => sampledGradients.load());

function config(name: string, params: Record<string, unknown>): RunConfig {
  const optimizer = findOptimizer(name)!;
  const resolved = resolveParams(optimizer, params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return { optimizer, params: resolved.params };
}

const sgd = config('SGD', { lr: 0.05 });

function sgdRun(batchSize: number | undefined, seed: number, starts = [-0.5, 2]): Run {
  const run = new Run({
    surface: linearRegression,
    ...sgd,
    starts: Float64Array.from(starts),
    noise: { sigma: 0, seed },
    batchSize,
  });
  run.advanceTo(200);
  return run;
}

function path(run: Run, particle = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k <= run.steps; k++) {
    out.push(run.positions.get(k, 2 * particle), run.positions.get(k, 2 * particle + 1));
  }
  return out;
}

describe('MinibatchSampler', () => {
  it('draws distinct indices in range and restores the order it started from', () => {
    const sampler = new MinibatchSampler(identityOrder(50), 20);
    for (let step = 0; step < 100; step++) {
      sampler.draw(3, 1, step, 10, 40, 20);
      const batch = Array.from(sampler.order.subarray(10, 30));
      expect(new Set(batch).size).toBe(20);
      expect(batch.every((i) => i >= 10 && i < 50)).toBe(true);
      sampler.restore(10, 20);
      expect(Array.from(sampler.order)).toEqual(Array.from(identityOrder(50)));
    }
  });

  it('draws every sample about equally often', () => {
    const sampler = new MinibatchSampler(identityOrder(10), 3);
    const counts = new Array(10).fill(0);
    const draws = 4000;
    for (let step = 0; step < draws; step++) {
      sampler.draw(1, 0, step, 0, 10, 3);
      for (let j = 0; j < 3; j++) counts[sampler.order[j]]++;
      sampler.restore(0, 3);
    }
    // Each sample is in a batch with probability 3/10: 1200 ± ~29 (one standard deviation).
    for (const count of counts) expect(Math.abs(count - 1200)).toBeLessThan(150);
  });

  it('gives the same batch for the same keys, whatever was drawn before', () => {
    const a = new MinibatchSampler(identityOrder(30), 5);
    const b = new MinibatchSampler(identityOrder(30), 5);
    b.draw(9, 4, 17, 0, 30, 5);
    b.restore(0, 5);
    a.draw(9, 4, 3, 0, 30, 5);
    a.restore(0, 5);
    a.draw(9, 4, 17, 0, 30, 5);
    b.draw(9, 4, 17, 0, 30, 5);
    expect(Array.from(a.order.subarray(0, 5))).toEqual(Array.from(b.order.subarray(0, 5)));
  });
});

describe('minibatch SGD on a dataset surface', () => {
  it('is the exact full-batch run when the batch holds every sample (B = N or more)', () => {
    const full = path(sgdRun(undefined, 1));
    expect(path(sgdRun(200, 1))).toEqual(full);
    expect(path(sgdRun(10_000, 1))).toEqual(full);
    expect(sgdRun(200, 1).gradientSource).toBeNull();
  });

  it('is reproducible: the same seed gives the same path, another seed another path', () => {
    expect(path(sgdRun(8, 1))).toEqual(path(sgdRun(8, 1)));
    expect(path(sgdRun(8, 1))).not.toEqual(path(sgdRun(8, 2)));
    expect(path(sgdRun(8, 1))).not.toEqual(path(sgdRun(undefined, 1)));
  });

  it('gives each particle its own minibatches, independent of the other particles', () => {
    const together = sgdRun(4, 5, [-0.5, 2, 3, -3]);
    const otherNeighbour = sgdRun(4, 5, [1, 1, 3, -3]);
    expect(path(together, 1)).toEqual(path(otherNeighbour, 1));
    // Two particles from the same start still draw different samples.
    const twins = sgdRun(4, 5, [-0.5, 2, -0.5, 2]);
    expect(path(twins, 0)).not.toEqual(path(twins, 1));
  });

  it('gives a run the same path alone or beside other runs', () => {
    const setup = {
      surface: logisticRegression,
      starts: Float64Array.from([-1, 2]),
      noise: { sigma: 0, seed: 3 },
      steps: 100,
      batchSize: 5,
    };
    const alone = new Simulation({ ...setup, runs: [config('Adam', { lr: 0.1 })] });
    const beside = new Simulation({ ...setup, runs: [sgd, config('Adam', { lr: 0.1 })] });
    alone.advanceTo(100);
    beside.advanceTo(100);
    expect(path(beside.runs[1])).toEqual(path(alone.runs[0]));
  });

  it('records the full-data loss and exact ‖∇f‖, not the minibatch estimate', () => {
    const run = sgdRun(1, 1);
    const g = new Float64Array(2);
    for (const k of [0, 1, 50, 200]) {
      const x = run.positions.get(k, 0);
      const y = run.positions.get(k, 1);
      expect(run.losses.get(k, 0)).toBe(linearRegression.valueAndGradient(x, y, g, 0));
      expect(run.gradNorms.get(k, 0)).toBe(Math.sqrt(g[0] * g[0] + g[1] * g[1]));
    }
  });

  it('scatters less as the batch grows: batch 1 wanders far more than batch 50', () => {
    const exact = path(sgdRun(undefined, 1));
    const wander = (batchSize: number) => {
      const noisy = path(sgdRun(batchSize, 1));
      let sum = 0;
      for (let i = 0; i < exact.length; i += 2)
        sum += Math.hypot(noisy[i] - exact[i], noisy[i + 1] - exact[i + 1]);
      return sum / (exact.length / 2);
    };
    const [one, ten, fifty] = [wander(1), wander(10), wander(50)];
    expect(one).toBeGreaterThan(2 * ten);
    expect(ten).toBeGreaterThan(1.5 * fifty);
    expect(fifty).toBeGreaterThan(0);
  });

  it('adds the scene’s Gaussian noise on top of the minibatch gradient', () => {
    const source = new MinibatchGradient(linearRegression.dataset, 10, { sigma: 0.5, seed: 1 });
    const quiet = new MinibatchGradient(linearRegression.dataset, 10, { sigma: 0, seed: 1 });
    const theta = Float64Array.from([0, 0]);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    const active = Uint8Array.from([1]);
    source.estimate(theta, a, active, 0);
    quiet.estimate(theta, b, active, 0);
    expect(a[0]).not.toBe(b[0]);
    expect(Math.abs(a[0] - b[0])).toBeLessThan(5 * 0.5);
  });

  it('leaves surfaces without a dataset on the exact gradient', () => {
    const run = new Run({
      surface: getSurface('quadratic')!,
      ...sgd,
      starts: Float64Array.from([1, 1]),
      noise: { sigma: 0, seed: 1 },
      batchSize: 1,
    });
    expect(run.gradientSource).toBeNull();
  });
});
