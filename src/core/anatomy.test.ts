import { beforeAll, describe, expect, it } from 'vitest';
import { AnatomyReplay, sumOfParts, type Anatomy, type AnatomyResult } from './anatomy.ts';
import type { Point } from './geometry.ts';
import { resolveParams } from './optimizers/params.ts';
import { findPreset, PRESETS, resolvePreset } from './optimizers/presets.ts';
import { findOptimizer } from './optimizers/registry.ts';
import type { ParamValue } from './optimizers/types.ts';
import { resolveSchedule } from './schedules/validate.ts';
import { Run } from './sim/run.ts';
import { getSurface } from './surfaces/index.ts';
import { sampledGradients } from './data/sampledGradients.ts';

beforeAll(() => sampledGradients.load());

function surface(id: string) {
  const found = getSurface(id);
  if (!found) throw new Error(`no surface ${id}`);
  return found;
}

function config(optimizer: string, params: Record<string, ParamValue>) {
  const definition = findOptimizer(optimizer)!;
  const resolved = resolveParams(definition, params);
  if (!resolved.ok) throw new Error(resolved.errors.join());
  return { optimizer: definition, params: resolved.params };
}

function presetConfig(id: string) {
  const { definition, params } = resolvePreset(findPreset(id)!);
  return { optimizer: definition, params };
}

function ok(result: AnatomyResult): Anatomy {
  if (!result.ok) throw new Error(`diverged at ${result.divergedAt}`);
  return result;
}

/**
 * The parts add up to the step taken, to 1e-12 of the step, give or take the last bit of the
 * position (the step taken is a difference of two rounded positions).
 */
function expectPartsSumToStep(anatomy: Anatomy): void {
  const [sx, sy] = sumOfParts(anatomy.parts);
  const [ux, uy] = anatomy.update;
  const slack = (position: number) => 2 * Number.EPSILON * Math.abs(position);
  expect(Math.abs(sx - ux)).toBeLessThanOrEqual(1e-12 * Math.abs(ux) + slack(anatomy.position[0]));
  expect(Math.abs(sy - uy)).toBeLessThanOrEqual(1e-12 * Math.abs(uy) + slack(anatomy.position[1]));
}

const DECOMPOSED: [string, string, Record<string, ParamValue>][] = [
  ['SGD', 'SGD', { lr: 0.01 }],
  ['SGD with L2 weight decay, maximize off', 'SGD', { lr: 0.01, weight_decay: 0.1 }],
  ['momentum', 'SGD', { lr: 0.003, momentum: 0.9 }],
  ['momentum with dampening', 'SGD', { lr: 0.003, momentum: 0.9, dampening: 0.3 }],
  ['Nesterov', 'SGD', { lr: 0.003, momentum: 0.9, nesterov: true }],
  ['Adagrad', 'Adagrad', { lr: 0.5 }],
  ['Adagrad with lr decay', 'Adagrad', { lr: 0.5, lr_decay: 0.01, initial_accumulator_value: 0.1 }],
  ['RMSprop', 'RMSprop', { lr: 0.05 }],
  ['RMSprop centred with momentum', 'RMSprop', { lr: 0.01, centered: true, momentum: 0.5 }],
  ['Adam', 'Adam', { lr: 0.1 }],
  ['Adam with AMSGrad', 'Adam', { lr: 0.1, amsgrad: true }],
  [
    'Adam with decoupled decay',
    'Adam',
    { lr: 0.1, weight_decay: 0.1, decoupled_weight_decay: true },
  ],
  ['AdamW', 'AdamW', { lr: 0.1 }],
];

describe('AnatomyReplay', () => {
  it('replays the first particle exactly as the run moved it: every preset, with gradient noise', () => {
    const starts = Float64Array.from([1, 1.5, -2, 0.5, 0.3, -1]);
    const cases: [string, number | undefined][] = [
      ['beale', undefined],
      ['elongated', undefined],
      ['saddle', undefined],
      // Minibatches (and DistributedSGD's workers) come from the run's gradient source.
      ['linear_regression', 8],
      ['logistic_regression', undefined],
    ];
    for (const [surfaceId, batchSize] of cases) {
      const noise = { sigma: 0.3, seed: 7 };
      for (const preset of PRESETS) {
        const { optimizer, params } = presetConfig(preset.id);
        const f = surface(surfaceId);
        const run = new Run({ surface: f, optimizer, params, starts, noise, batchSize });
        run.advanceTo(60);
        const replay = new AnatomyReplay({
          surface: f,
          optimizer,
          params,
          start: [starts[0], starts[1]],
          noise,
          batchSize,
        });
        // Backwards first, so the stateful sources are rewound too.
        for (const k of [40, 3, ...Array.from({ length: 60 }, (_, i) => i)]) {
          const where = `${preset.id} on ${surfaceId}, step ${k}`;
          const result = replay.at(k);
          if (!result.ok) {
            expect(result.divergedAt, where).toBe(run.divergedAt[0]);
            continue;
          }
          expect(result.position, where).toEqual([
            run.positions.get(k, 0),
            run.positions.get(k, 1),
          ]);
          if (run.divergedAt[0] !== k + 1)
            expect(result.next, where).toEqual([
              run.positions.get(k + 1, 0),
              run.positions.get(k + 1, 1),
            ]);
        }
      }
    }
  });

  it('replays a scheduled run exactly, reading lr and momentum (or β₁) from the run', () => {
    const starts = Float64Array.from([1, 1.5, -2, 0.5]);
    const noise = { sigma: 0, seed: 1 };
    const cases: [string, string, Record<string, unknown>][] = [
      ['momentum', 'CyclicLR', { base_lr: 0.0005, max_lr: 0.005, step_size_up: 7 }],
      ['adam', 'OneCycleLR', { max_lr: 0.1, total_steps: 80 }],
      ['momentum', 'ReduceLROnPlateau', { patience: 3, factor: 0.5 }],
      ['asgd', 'StepLR', { step_size: 10 }],
      ['lbfgs', 'ExponentialLR', { gamma: 0.95 }],
    ];
    for (const [presetId, name, args] of cases) {
      const { optimizer, params } = presetConfig(presetId);
      const resolved = resolveSchedule({ name, params: args }, optimizer);
      if (!resolved.ok) throw new Error(resolved.errors.join());
      const f = surface('beale');
      const run = new Run({
        surface: f,
        optimizer,
        params,
        starts,
        noise,
        schedule: resolved.schedule,
      });
      run.advanceTo(60);
      const replay = new AnatomyReplay({
        surface: f,
        optimizer,
        params,
        start: [starts[0], starts[1]],
        noise,
        paramsAt: (k) => run.paramsAt(k),
      });
      for (let k = 0; k < 60; k++) {
        const result = ok(replay.at(k));
        expect(result.next, `${presetId} + ${name}, step ${k}`).toEqual([
          run.positions.get(k + 1, 0),
          run.positions.get(k + 1, 1),
        ]);
      }
    }
  });

  for (const [what, optimizer, params] of DECOMPOSED) {
    it(`the parts of ${what}'s step add up to the step it takes, on every step`, () => {
      for (const surfaceId of ['beale', 'elongated', 'rosenbrock']) {
        const replay = new AnatomyReplay({
          surface: surface(surfaceId),
          ...config(optimizer, params),
          start: surface(surfaceId).defaultStart,
          noise: { sigma: 0.1, seed: 3 },
        });
        for (let k = 0; k < 200; k++) {
          const result = replay.at(k);
          if (!result.ok) break;
          expect(result.kind).not.toBe('whole');
          expectPartsSumToStep(result);
        }
      }
    });
  }

  it('splits momentum into this gradient and the velocity carried over (none on step 1)', () => {
    const replay = new AnatomyReplay({
      surface: surface('quadratic'),
      ...config('SGD', { lr: 0.1, momentum: 0.9 }),
      start: [1, 0],
      noise: { sigma: 0, seed: 1 },
    });
    const first = ok(replay.at(0));
    expect(first.kind).toBe('momentum');
    expect(first.parts.map((part) => part.role)).toEqual(['gradient', 'momentum']);
    expect(first.parts[0].vector).toEqual([-0.2, -0]);
    expect(first.parts[1].vector.map((v) => v + 0)).toEqual([0, 0]);
    // Step 2 at x = 0.8: gradient part −0.1·1.6, velocity −0.1·0.9·2 (the buffer holds gradients).
    const second = ok(replay.at(1));
    expect(second.parts[0].vector[0]).toBeCloseTo(-0.16, 15);
    expect(second.parts[1].vector[0]).toBeCloseTo(-0.18, 15);
    expect(second.rates).toEqual([0.1, 0.1]);
  });

  it('Adam on the elongated ravine gives x and y learning rates 6.25× apart on its first step', () => {
    const elongated = surface('elongated');
    const replay = new AnatomyReplay({
      surface: elongated,
      ...presetConfig('adam'),
      start: elongated.defaultStart, // (−4, 1): ∇f = (−4, 25)
      noise: { sigma: 0, seed: 1 },
    });
    const first = ok(replay.at(0));
    expect(first.kind).toBe('adam');
    expect(first.gradient).toEqual([-4, 25]);
    // bc₁ = 0.1 and √v̂ = |g|: the rate is lr/|g| per coordinate.
    expect(first.rates![0]).toBeCloseTo(0.1 / 0.1 / 4, 8);
    expect(first.rates![1]).toBeCloseTo(0.1 / 0.1 / 25, 8);
    expect(first.moments!.mean[0]).toBeCloseTo(-4, 12);
    // The step is about lr in both directions, where plain descent would step 25× more in y.
    expect(first.update[0]).toBeCloseTo(0.1, 6);
    expect(first.update[1]).toBeCloseTo(-0.1, 6);
    expect(first.plainStep).toEqual([0.4, -2.5]);
    const later = ok(replay.at(20));
    expect(later.rates![0] / later.rates![1]).toBeGreaterThan(2);
  });

  it('Adagrad and RMSprop rates are lr/(√s + ε) and lr/(√v + ε)', () => {
    const start: Point = [-4, 1];
    const adagrad = ok(
      new AnatomyReplay({
        surface: surface('elongated'),
        ...config('Adagrad', { lr: 0.5 }),
        start,
        noise: { sigma: 0, seed: 1 },
      }).at(0),
    );
    expect(adagrad.rates).toEqual([0.5 / (4 + 1e-10), 0.5 / (25 + 1e-10)]);
    const rmsprop = ok(
      new AnatomyReplay({
        surface: surface('elongated'),
        ...config('RMSprop', { lr: 0.05 }),
        start,
        noise: { sigma: 0, seed: 1 },
      }).at(0),
    );
    // v = (1 − α)·g² with α = 0.99.
    expect(rmsprop.rates![0]).toBeCloseTo(0.05 / (0.1 * 4 + 1e-8), 12);
    expect(rmsprop.rates![1]).toBeCloseTo(0.05 / (0.1 * 25 + 1e-8), 12);
  });

  it('shows the other optimizers whole, beside the plain gradient step', () => {
    for (const id of ['adadelta', 'adamax', 'nadam', 'radam', 'newton', 'perturbed-gd']) {
      const replay = new AnatomyReplay({
        surface: surface('beale'),
        ...presetConfig(id),
        start: [1, 1.5],
        noise: { sigma: 0, seed: 1 },
      });
      const result = ok(replay.at(5));
      expect(result.kind).toBe('whole');
      expect(result.rates).toBeNull();
      expect(sumOfParts(result.parts)).toEqual(result.update);
    }
  });

  it('answers the same when scrubbed back and forth across checkpoints as when played forward', () => {
    const setup = {
      surface: surface('rosenbrock'),
      ...presetConfig('adam'),
      start: [-1.5, 2] as Point,
      noise: { sigma: 0.2, seed: 5 },
    };
    const played = new AnatomyReplay(setup);
    const expected = [0, 1, 255, 256, 257, 600, 1000];
    const answers = new Map<number, AnatomyResult>();
    for (let k = 0; k <= 1000; k++) {
      const result = played.at(k);
      if (expected.includes(k)) answers.set(k, result);
    }
    const scrubbed = new AnatomyReplay(setup);
    for (const k of [1000, 257, 0, 600, 255, 256, 1, 1000]) {
      expect(scrubbed.at(k)).toEqual(answers.get(k));
    }
  });

  it('reports divergence at the step the run records it', () => {
    const starts = Float64Array.from([1, 1]);
    const { optimizer, params } = config('SGD', { lr: 1.5 });
    const run = new Run({
      surface: surface('quadratic'),
      optimizer,
      params,
      starts,
      noise: { sigma: 0, seed: 1 },
    });
    run.advanceTo(2000);
    expect(run.divergedAt[0]).toBeGreaterThan(0);
    const replay = new AnatomyReplay({
      surface: surface('quadratic'),
      optimizer,
      params,
      start: [1, 1],
      noise: { sigma: 0, seed: 1 },
    });
    // The last step lands on a finite point whose loss overflows: the particle diverges there.
    const at = run.divergedAt[0];
    expect(replay.at(at - 1).ok).toBe(true);
    expect(replay.at(at)).toMatchObject({ ok: false, divergedAt: at });
    expect(replay.at(at + 10)).toMatchObject({ ok: false, divergedAt: at });
    expect(replay.at(3).ok).toBe(true);
  });
});
