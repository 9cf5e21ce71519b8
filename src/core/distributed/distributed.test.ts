import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearRegression, logisticRegression } from '../data/regression.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { decodeScene } from '../scene/url.ts';
import { resolveRun } from '../scene/resolve.ts';
import { Run } from '../sim/run.ts';
import { Simulation, stepsWithinBudget, type RunConfig } from '../sim/simulation.ts';
import { getSurface } from '../surfaces/index.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';
import { bytesPerValue, compress, compressionOf, type Compression } from './compression.ts';
import { distributedSgd } from './distributedSgd.ts';
import { DistributedGradient } from './workers.ts';
import { sampledGradients } from '../data/sampledGradients.ts';

beforeAll(() => sampledGradients.load());

function distributed(
  surface: SurfaceFunctions,
  params: Record<string, unknown>,
  { seed = 1, sigma = 0, starts = [-0.5, 2], steps = 300 } = {},
): { run: Run; cluster: DistributedGradient } {
  const resolved = resolveParams(distributedSgd, params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  const run = new Run({
    surface,
    optimizer: distributedSgd,
    params: resolved.params,
    starts: Float64Array.from(starts),
    noise: { sigma, seed },
  });
  run.advanceTo(steps);
  return { run, cluster: run.gradientSource as DistributedGradient };
}

function plainSgd(lr: number): RunConfig {
  const optimizer = findOptimizer('SGD')!;
  const resolved = resolveParams(optimizer, { lr });
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return { optimizer, params: resolved.params };
}

const defaultClusterParams = (() => {
  const resolved = resolveParams(distributedSgd, {});
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return resolved.params;
})();

function path(run: Run, particle = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k <= run.steps; k++)
    out.push(run.positions.get(k, 2 * particle), run.positions.get(k, 2 * particle + 1));
  return out;
}

const gradientValue = fc.double({ min: -100, max: 100, noNaN: true });

describe('compress', () => {
  const modes: Compression[] = [
    { mode: 'threshold', threshold: 0.7, topK: 0 },
    { mode: 'threshold', threshold: 5, topK: 0 },
    { mode: 'top-k', threshold: 0, topK: 1 },
    { mode: 'top-k', threshold: 0, topK: 2 },
  ];

  it('keeps what it does not send: Σ sent + residual = Σ computed, per coordinate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...modes),
        fc.array(fc.tuple(gradientValue, gradientValue), { minLength: 1, maxLength: 60 }),
        (compression, gradients) => {
          const residual = new Float64Array(2);
          const message = new Float64Array(2);
          const sent = [0, 0];
          const computed = [0, 0];
          let scale = 0;
          for (const [g0, g1] of gradients) {
            compress(compression, g0, g1, residual, 0, message);
            sent[0] += message[0];
            sent[1] += message[1];
            computed[0] += g0;
            computed[1] += g1;
            scale += Math.abs(g0) + Math.abs(g1);
          }
          for (const c of [0, 1]) {
            expect(Math.abs(sent[c] + residual[c] - computed[c])).toBeLessThanOrEqual(
              1e-12 * Math.max(1, scale),
            );
          }
        },
      ),
    );
  });

  it('threshold: sends exactly the coordinates whose accumulated |residual| reached τ', () => {
    const compression: Compression = { mode: 'threshold', threshold: 1, topK: 0 };
    const residual = Float64Array.from([0.6, -0.2]);
    const message = new Float64Array(2);
    expect(compress(compression, 0.5, -0.3, residual, 0, message)).toBe(1);
    expect([...message]).toEqual([1.1, 0]);
    expect([...residual]).toEqual([0, -0.5]);
    expect(compress(compression, 0.1, -0.5, residual, 0, message)).toBe(1);
    expect([...message]).toEqual([0, -1]);
    expect(residual[0]).toBeCloseTo(0.1, 15);
  });

  it('top-1: sends the larger accumulated coordinate, every step', () => {
    const compression: Compression = { mode: 'top-k', threshold: 0, topK: 1 };
    const residual = new Float64Array(2);
    const message = new Float64Array(2);
    expect(compress(compression, 1, 3, residual, 0, message)).toBe(1);
    expect([...message]).toEqual([0, 3]);
    expect(compress(compression, 1, 0.5, residual, 0, message)).toBe(1);
    expect([...message]).toEqual([2, 0]); // x has been waiting: 1 + 1 beats 0.5
    expect([...residual]).toEqual([0, 0.5]);
  });

  it('dense: sends both coordinates as computed, with no residual', () => {
    const residual = new Float64Array(2);
    const message = new Float64Array(2);
    const dense: Compression = { mode: 'dense', threshold: 0, topK: 0 };
    expect(compress(dense, 0.25, -4, residual, 0, message)).toBe(2);
    expect([...message]).toEqual([0.25, -4]);
    expect([...residual]).toEqual([0, 0]);
  });

  it('reads the mode from the hyperparameters and prices values with their indices', () => {
    expect(compressionOf({ threshold: 0, top_k: 0 }).mode).toBe('dense');
    expect(compressionOf({ threshold: 0.5, top_k: 0 }).mode).toBe('threshold');
    expect(compressionOf({ threshold: 0, top_k: 1 }).mode).toBe('top-k');
    expect(bytesPerValue('dense')).toBe(8);
    expect(bytesPerValue('threshold')).toBe(12);
    expect(bytesPerValue('top-k')).toBe(12);
  });
});

describe('DistributedSGD', () => {
  it('is a registered optimizer that rejects a threshold and top-k together', () => {
    expect(findOptimizer('distributedsgd')).toBe(distributedSgd);
    const both = resolveParams(distributedSgd, { threshold: 1, top_k: 1 });
    expect(both.ok).toBe(false);
    expect(resolveParams(distributedSgd, { workers: 17 }).ok).toBe(false);
    expect(resolveParams(distributedSgd, { workers: 1 }).ok).toBe(false);
  });

  it.each([2, 3, 7, 16])(
    'dense with %i workers and whole shards follows plain SGD on the full data to 1e-12',
    (workers) => {
      const { run } = distributed(linearRegression, { lr: 0.1, workers, batch_size: 10_000 });
      const plain = new Run({
        surface: linearRegression,
        ...plainSgd(0.1),
        starts: Float64Array.from([-0.5, 2]),
        noise: { sigma: 0, seed: 1 },
      });
      plain.advanceTo(300);
      const a = path(run);
      const b = path(plain);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-12);
    },
  );

  it('dense on a surface without data, noise-free, follows plain SGD', () => {
    const rosenbrock = getSurface('rosenbrock')!;
    const { run } = distributed(rosenbrock, { lr: 0.001, workers: 4 }, { starts: [-1.5, 2] });
    const plain = new Run({
      surface: rosenbrock,
      ...plainSgd(0.001),
      starts: Float64Array.from([-1.5, 2]),
      noise: { sigma: 0, seed: 1 },
    });
    plain.advanceTo(300);
    expect(path(run)).toEqual(path(plain));
  });

  it('keeps every worker’s ledger: Σ sent + residual = Σ computed to 1e-12', () => {
    for (const params of [
      { threshold: 1.5, workers: 3 },
      { top_k: 1, workers: 5 },
    ]) {
      const { cluster } = distributed(logisticRegression, { lr: 1, batch_size: 4, ...params });
      const { sentTotals, residuals, computedTotals } = cluster;
      expect(computedTotals.length).toBe(2 * params.workers);
      let held = 0;
      for (let i = 0; i < computedTotals.length; i++) {
        expect(Math.abs(sentTotals[i] + residuals[i] - computedTotals[i])).toBeLessThan(1e-12);
        held += Math.abs(residuals[i]);
      }
      expect(held).toBeGreaterThan(0); // something really was held back
    }
  });

  it('counts what it sends: dense 2K per step, top-1 K per step, threshold fewer', () => {
    const steps = 200;
    const dense = distributed(linearRegression, { workers: 4 }, { steps }).cluster;
    const top1 = distributed(linearRegression, { workers: 4, top_k: 1 }, { steps }).cluster;
    const threshold = distributed(
      linearRegression,
      { workers: 4, threshold: 1 },
      { steps },
    ).cluster;
    expect(dense.valuesSent.steps).toBe(steps + 1);
    for (let k = 0; k <= steps; k++) {
      expect(dense.valuesSent.get(k, 0)).toBe(8 * k);
      expect(top1.valuesSent.get(k, 0)).toBe(4 * k);
    }
    let previous = 0;
    for (let k = 1; k <= steps; k++) {
      const sent = threshold.valuesSent.get(k, 0) - previous;
      expect(sent).toBeGreaterThanOrEqual(0);
      expect(sent).toBeLessThanOrEqual(8);
      previous += sent;
    }
    expect(previous).toBeLessThan(dense.valuesSent.get(steps, 0) / 2);
    expect(dense.bytesPerValue).toBe(8);
    expect(threshold.bytesPerValue).toBe(12);
  });

  it('is reproducible from the seed, and another seed draws other minibatches', () => {
    const a = distributed(linearRegression, { workers: 3, threshold: 0.5 }, { seed: 4 }).run;
    const b = distributed(linearRegression, { workers: 3, threshold: 0.5 }, { seed: 4 }).run;
    const c = distributed(linearRegression, { workers: 3, threshold: 0.5 }, { seed: 5 }).run;
    expect(path(a)).toEqual(path(b));
    expect(path(a)).not.toEqual(path(c));
  });

  it('gives workers their own noise on surfaces without data', () => {
    const quadratic = getSurface('quadratic')!;
    const noisy = distributed(quadratic, { lr: 0.1 }, { sigma: 1, starts: [1, 1], steps: 20 });
    const quiet = distributed(quadratic, { lr: 0.1 }, { sigma: 0, starts: [1, 1], steps: 20 });
    expect(path(noisy.run)).not.toEqual(path(quiet.run));
  });

  it('stops sending for a diverged particle, keeping its records aligned', () => {
    // lr 1 on Rosenbrock from (−1.5, 2) blows up within a few steps.
    const { run, cluster } = distributed(
      getSurface('rosenbrock')!,
      { lr: 1, workers: 2 },
      { starts: [-1.5, 2, 1, 1], steps: 30 },
    );
    expect(run.divergedAt[0]).toBeGreaterThan(0);
    const stopped = run.divergedAt[0];
    expect(cluster.valuesSent.steps).toBe(31);
    expect(cluster.valuesSent.get(30, 0)).toBe(cluster.valuesSent.get(stopped, 0));
  });

  it('counts its records in the simulation’s memory budget', () => {
    const starts = new Float64Array(2 * 10_000);
    const setup = { surface: linearRegression, starts, noise: { sigma: 0, seed: 1 }, steps: 1e5 };
    const plain = new Simulation({ ...setup, runs: [plainSgd(0.1)] });
    const cluster = new Simulation({
      ...setup,
      runs: [{ optimizer: distributedSgd, params: defaultClusterParams }],
    });
    expect(plain.stepBudget).toBe(stepsWithinBudget(10_000, 1e5));
    expect(cluster.stepBudget).toBe(stepsWithinBudget(10_000, 1e5, 32 + 8));
    expect(cluster.stepBudget).toBeLessThan(plain.stepBudget);
  });

  it('runs from a URL through the scene and the simulation like any other run', () => {
    const { scene, notices } = decodeScene(
      's=linear_regression&runs=distributed-threshold!threshold_2!workers_8,sgd&batch=5&steps=100',
    );
    expect(notices).toEqual([]);
    expect(scene.runs[0].params).toMatchObject({ threshold: 2, workers: 8, top_k: 0 });
    const simulation = new Simulation({
      surface: linearRegression,
      runs: scene.runs.map((run) => resolveRun(run)),
      starts: Float64Array.from([-0.5, 2]),
      noise: { sigma: 0, seed: scene.seed },
      steps: scene.steps,
      batchSize: scene.batchSize,
    });
    simulation.advanceTo(100);
    const cluster = simulation.runs[0].gradientSource as DistributedGradient;
    expect(cluster).toBeInstanceOf(DistributedGradient);
    expect(cluster.workers).toBe(8);
    expect(cluster.valuesSent.get(100, 0)).toBeGreaterThan(0);
    // The plain run beside it uses the scene's minibatches of 5.
    expect(simulation.runs[1].gradientSource).not.toBeNull();
  });
});
