import { describe, expect, it } from 'vitest';
import type { BasinResult } from './basins.ts';
import { runChunk } from './chunk.ts';
import { inProcessExecutor, runExperiment, type ChunkExecutor } from './run.ts';
import { type LabExperiment } from './plan.ts';
import { type SweepResult } from './score.ts';
import { defaultLabSpec, type LabSpec } from './spec.ts';

function experiment(surface: string, spec: Partial<LabSpec>, seed = 1): LabExperiment {
  const view = { xMin: -5, xMax: 5, yMin: -5, yMax: 5 };
  return { surface: { id: surface }, view, seed, noise: 0, spec: { ...defaultLabSpec(), ...spec } };
}

async function sweep(exp: LabExperiment, executor: ChunkExecutor = inProcessExecutor) {
  return (await runExperiment(exp, executor)) as SweepResult;
}

/** Runs chunks in a scrambled order, as a pool of `workers` would deliver them. */
function scrambledExecutor(workers: number): ChunkExecutor {
  return {
    async run(chunks, onResult) {
      const order = chunks
        .map((_, i) => i)
        .sort((a, b) => ((a * 7919) % workers) - ((b * 7919) % workers) || b - a);
      for (const i of order) onResult(runChunk(chunks[i]));
    },
  };
}

describe('lr sweep', () => {
  it.each([
    ['quadratic', 1.0],
    ['elongated', 0.08],
  ])('finds plain GD’s stability limit 2/λmax on %s (%f)', async (surface, limit) => {
    const result = await sweep(
      experiment(surface, {
        optimizers: ['sgd'],
        lrMin: 0.9 * limit,
        lrMax: 1.1 * limit,
        lrCount: 11,
        starts: 20,
        steps: 500,
      }),
    );
    const stable = result.cells.filter((cell) => cell.diverged === 0).map((cell) => cell.lr);
    const unstable = result.cells.filter((cell) => cell.diverged === 1).map((cell) => cell.lr);
    expect(stable.length + unstable.length).toBe(11);
    expect(Math.max(...stable)).toBeLessThan(limit);
    expect(Math.min(...unstable)).toBeGreaterThan(limit);
    // Just below the limit GD still converges: the final loss is small from every start.
    const below = result.cells.find((cell) => Math.abs(cell.lr - 0.94 * limit) < 0.011 * limit)!;
    expect(below.q3).toBeLessThan(1e-6);
    expect(below.success).toBe(1);
    const above = result.cells.find((cell) => cell.lr > 1.05 * limit)!;
    expect(above.median).toBe(Infinity);
  });

  it('gives the same numbers whatever order the chunks finish in', async () => {
    const exp = experiment('rosenbrock', {
      optimizers: ['sgd', 'adam', 'newton'],
      lrCount: 6,
      starts: 30,
      steps: 120,
      budget: 'gradients',
    });
    const reference = await sweep(exp);
    expect(await sweep(exp, scrambledExecutor(3))).toEqual(reference);
    expect(await sweep(exp, scrambledExecutor(2))).toEqual(reference);
  });

  it('is deterministic per seed, and the seed matters', async () => {
    const spec = { optimizers: ['adam'], lrCount: 4, starts: 20, steps: 100, tol: 0.5 };
    const first = await sweep(experiment('himmelblau', spec, 7));
    expect(await sweep(experiment('himmelblau', spec, 7))).toEqual(first);
    expect((await sweep(experiment('himmelblau', spec, 8))).cells).not.toEqual(first.cells);
  });

  it('counts Newton’s Hessian under a gradient budget and ranks the leaderboard', async () => {
    const result = await sweep(
      experiment('quadratic', {
        optimizers: ['sgd', 'newton'],
        lrMin: 0.1,
        lrMax: 1,
        lrCount: 3,
        starts: 10,
        steps: 30,
        budget: 'gradients',
      }),
    );
    expect(result.optimizers.map((o) => [o.steps, o.cost])).toEqual([
      [30, 1],
      [10, 3],
    ]);
    expect(result.leaderboard).toHaveLength(2);
    // On a bowl Newton with lr = 1 lands on the minimum in one step: 3 gradient evaluations.
    const newton = result.leaderboard.find((row) => row.optimizer === 1)!;
    expect(newton.lr).toBe(1);
    expect(newton.medianStepsToTarget).toBe(1);
    expect(result.leaderboard[0]).toBe(newton);
  });

  it('sweeps the second axis in a heatmap and skips optimizers without one', async () => {
    const result = await sweep(
      experiment('quadratic', {
        kind: 'heatmap',
        optimizers: ['momentum', 'nesterov', 'adam', 'adagrad'],
        lrCount: 3,
        axisCount: 3,
        starts: 5,
        steps: 50,
      }),
    );
    expect(result.axisValues).toEqual([0, 0.495, 0.99]);
    expect(result.optimizers.map((o) => o.axis)).toEqual(['momentum', 'momentum', 'beta1', null]);
    const count = (i: number) => result.cells.filter((cell) => cell.optimizer === i).length;
    // Nesterov needs momentum > 0: its momentum-0 row is left out.
    expect([0, 1, 2, 3].map(count)).toEqual([9, 6, 9, 0]);
    expect(result.leaderboard.map((row) => row.optimizer).sort()).toEqual([0, 1, 2]);
  });
});

describe('basin map', () => {
  it('shows Himmelblau’s four basins for small-lr GD', async () => {
    const result = (await runExperiment(
      experiment('himmelblau', {
        kind: 'basins',
        optimizers: ['sgd'],
        lrs: [0.005],
        starts: 24,
        steps: 800,
      }),
      inProcessExecutor,
    )) as BasinResult;
    expect(result.kind).toBe('basins');
    const map = result.maps[0];
    expect(map.labels).toHaveLength(24 * 24);
    const minima = result.categories
      .map((category, i) => ({ category, count: map.counts[i] }))
      .filter(({ category }) => category.kind === 'minimum');
    expect(minima).toHaveLength(4);
    for (const { count } of minima) expect(count).toBeGreaterThan(0.15 * 24 * 24);
    expect(map.counts[result.categories.findIndex((c) => c.kind === 'diverged')]).toBe(0);
    // Bottom-left start → bottom-left minimum (−3.78, −3.28); top-right → (3, 2).
    expect(result.categories[map.labels[0]].point).toEqual([
      -3.779310253377747, -3.2831859912861696,
    ]);
    expect(result.categories[map.labels[24 * 24 - 1]].point).toEqual([3, 2]);
  });

  it('finds the minima of a typed surface that lists none', async () => {
    const result = (await runExperiment(
      {
        ...experiment('quadratic', {
          kind: 'basins',
          optimizers: ['sgd'],
          lrs: [0.1],
          starts: 6,
          steps: 300,
        }),
        surface: { expression: '(x^2 - 1)^2 + y^2' },
      },
      inProcessExecutor,
    )) as BasinResult;
    const found = result.categories.filter((c) => c.kind === 'found');
    expect(found.map((c) => Math.round(c.point![0]))).toEqual([-1, 1]);
  });

  it('marks starts that run away as diverged', async () => {
    const result = (await runExperiment(
      experiment('quadratic', {
        kind: 'basins',
        optimizers: ['sgd'],
        lrs: [1.5],
        starts: 4,
        steps: 200,
      }),
      inProcessExecutor,
    )) as BasinResult;
    expect(result.maps[0].counts.at(-1)).toBe(16);
  });
});

describe('progress and cancel', () => {
  it('reports progress up to the total and stops when cancelled', async () => {
    const exp = experiment('quadratic', {
      optimizers: ['sgd', 'adam'],
      lrCount: 4,
      starts: 10,
      steps: 50,
    });
    const seen: number[] = [];
    let total = 0;
    await runExperiment(exp, inProcessExecutor, {
      onProgress: (p) => {
        seen.push(p.done);
        total = p.total;
      },
    });
    expect(seen.at(-1)).toBe(total);
    expect(total).toBe(2 * (4 + 1) * 10 * 50);
    const controller = new AbortController();
    controller.abort();
    await expect(
      runExperiment(exp, inProcessExecutor, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
