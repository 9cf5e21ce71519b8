import { describe, expect, it } from 'vitest';
import { defaultParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { ScheduledParams } from './scheduledParams.ts';
import { resolveSchedule } from './validate.ts';

/** The lr (and momentum or β₁) each of `steps` steps uses, with `losses[i]` fed after step i. */
function schedule(
  name: string,
  params: Record<string, unknown>,
  { optimizer = 'SGD', lr = 1, steps = 10, losses = [] as number[], momentum = 0.9 } = {},
) {
  const def = findOptimizer(optimizer)!;
  const resolved = resolveSchedule({ name, params }, def);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  const base = { ...defaultParams(def), lr };
  if ('momentum' in base) base.momentum = momentum;
  const scheduled = new ScheduledParams(base, resolved.schedule);
  const rates: number[] = [];
  const momenta: number[] = [];
  for (let i = 0; i < steps; i++) {
    rates.push(scheduled.lr);
    momenta.push(scheduled.momentum);
    scheduled.advance(losses[i] ?? 0);
  }
  return { rates, momenta, ended: scheduled.ended };
}

const close = (values: number[]) => values.map((v) => expect.closeTo(v, 12));

function errorsOf(input: unknown, optimizer = 'SGD'): string[] {
  const result = resolveSchedule(input, findOptimizer(optimizer)!);
  return result.ok ? [] : result.errors;
}

describe('decays, as torch’s documentation gives them', () => {
  it('StepLR(step_size=3, gamma=0.1) decays after every third step', () => {
    expect(schedule('StepLR', { step_size: 3, gamma: 0.1 }, { lr: 0.05, steps: 7 }).rates).toEqual(
      close([0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.0005]),
    );
  });

  it('MultiStepLR counts a milestone listed twice twice', () => {
    const { rates } = schedule('MultiStepLR', { milestones: [2, 4, 4], gamma: 0.5 }, { steps: 6 });
    expect(rates).toEqual([1, 1, 0.5, 0.5, 0.125, 0.125]);
  });

  it('ConstantLR(factor=0.5, total_iters=4) and LinearLR(start_factor=0.5, total_iters=4)', () => {
    const constant = schedule(
      'ConstantLR',
      { factor: 0.5, total_iters: 4 },
      { lr: 0.05, steps: 6 },
    );
    expect(constant.rates).toEqual(close([0.025, 0.025, 0.025, 0.025, 0.05, 0.05]));
    const linear = schedule(
      'LinearLR',
      { start_factor: 0.5, total_iters: 4 },
      { lr: 0.05, steps: 6 },
    );
    expect(linear.rates).toEqual(close([0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05]));
  });

  it('PolynomialLR(total_iters=4, power=1) reaches 0 and stays there', () => {
    const { rates } = schedule('PolynomialLR', { total_iters: 4 }, { lr: 0.001, steps: 6 });
    expect(rates).toEqual(close([0.001, 0.00075, 0.0005, 0.00025, 0, 0]));
  });
});

describe('cosine schedules', () => {
  it('CosineAnnealingLR follows η_min + (η₀ − η_min)(1 + cos(πt/T))/2 and rises again past T_max', () => {
    const { rates } = schedule('CosineAnnealingLR', { T_max: 4, eta_min: 0.1 }, { steps: 9 });
    const formula = (t: number) => 0.1 + (0.9 * (1 + Math.cos((Math.PI * t) / 4))) / 2;
    expect(rates).toEqual(close([0, 1, 2, 3, 4, 5, 6, 7, 8].map(formula)));
  });

  it('CosineAnnealingWarmRestarts restarts after T_0, then after periods T_mult times longer', () => {
    const { rates } = schedule('CosineAnnealingWarmRestarts', { T_0: 2, T_mult: 3 }, { steps: 9 });
    // Periods of 2, then 6 steps: restarts (lr = 1) at steps 0, 2 and 8.
    expect([0, 2, 8].map((i) => rates[i])).toEqual([1, 1, 1]);
    expect(rates[1]).toBeCloseTo(0.5, 12);
    expect(rates[5]).toBeCloseTo(0.5, 12); // halfway through the 6-step period
  });
});

describe('cyclic schedules', () => {
  it('CyclicLR triangular2 halves the height each cycle and cycles momentum inversely', () => {
    const { rates, momenta } = schedule(
      'CyclicLR',
      { base_lr: 0, max_lr: 1, step_size_up: 2, mode: 'triangular2' },
      { steps: 9 },
    );
    expect(rates).toEqual(close([0, 0.5, 1, 0.5, 0, 0.25, 0.5, 0.25, 0]));
    expect(momenta).toEqual(close([0.9, 0.85, 0.8, 0.85, 0.9, 0.875, 0.85, 0.875, 0.9]));
  });

  it('OneCycleLR three_phase goes up, back down to the start, then to min_lr', () => {
    const { rates } = schedule(
      'OneCycleLR',
      { max_lr: 1, total_steps: 10, pct_start: 0.3, three_phase: true, anneal_strategy: 'linear' },
      { steps: 11 },
    );
    expect(rates[0]).toBeCloseTo(0.04, 12);
    expect(rates[2]).toBeCloseTo(1, 12); // end of phase 1: pct_start·total − 1
    expect(rates[4]).toBeCloseTo(0.04, 12); // end of phase 2: twice that
    expect(rates[9]).toBeCloseTo(0.04 / 1e4, 12); // the last step: min_lr
  });

  it('OneCycleLR cycles Adam’s β₁, and stepped past total_steps stops with torch’s message', () => {
    const run = schedule(
      'OneCycleLR',
      { max_lr: 0.1, total_steps: 4 },
      {
        optimizer: 'Adam',
        steps: 6,
      },
    );
    expect(run.momenta[0]).toBe(0.95);
    expect(run.ended).toBe('Tried to step 6 times. The specified number of total steps is 4');
    expect(run.rates[5]).toBe(run.rates[4]);
  });
});

describe('ReduceLROnPlateau', () => {
  const flat = Array.from({ length: 20 }, () => 1);

  it('cuts lr after more than patience steps without improvement, then rests for cooldown', () => {
    const { rates } = schedule(
      'ReduceLROnPlateau',
      { factor: 0.5, patience: 1, cooldown: 2 },
      { steps: 10, losses: flat },
    );
    // Step 0 sets the best; steps 1 and 2 are bad: cut after step 2. Steps 3 and 4 are cooldown
    // (not counted), 5 and 6 bad again: cut after step 6. (Checked against torch 1.13.)
    expect(rates).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25]);
  });

  it('never goes below min_lr and ignores a cut smaller than eps', () => {
    const floor = schedule(
      'ReduceLROnPlateau',
      { factor: 0.1, patience: 0, min_lr: 0.05 },
      { steps: 5, losses: flat },
    );
    expect(floor.rates).toEqual([1, 1, 0.1, 0.05, 0.05]);
    const tiny = schedule(
      'ReduceLROnPlateau',
      { factor: 0.5, patience: 0, eps: 0.3 },
      { steps: 5, losses: flat },
    );
    // 1 → 0.5 is a cut of 0.5 > eps; 0.5 → 0.25 is 0.25 ≤ eps: skipped from then on.
    expect(tiny.rates).toEqual([1, 1, 0.5, 0.5, 0.5]);
  });
});

describe('containers', () => {
  // torch's docstring examples print other numbers (0.1, 0.1, 0.9, … and 0.09, 0.081, 0.729, …);
  // these are what torch 1.13 actually computes for them.
  it('SequentialLR hands over at its milestone with step(0), which restarts from initial_lr', () => {
    const { rates } = schedule(
      'SequentialLR',
      {
        schedulers: [
          { name: 'ConstantLR', params: { factor: 0.1, total_iters: 2 } },
          { name: 'ExponentialLR', params: { gamma: 0.9 } },
        ],
        milestones: [2],
      },
      { steps: 5 },
    );
    expect(rates).toEqual(close([0.1, 0.1, 1, 0.9, 0.81]));
  });

  it('ChainedScheduler steps every member on the lr the last one left', () => {
    const { rates } = schedule(
      'ChainedScheduler',
      {
        schedulers: [
          { name: 'ConstantLR', params: { factor: 0.1, total_iters: 2 } },
          { name: 'ExponentialLR', params: { gamma: 0.9 } },
        ],
      },
      { steps: 5 },
    );
    expect(rates).toEqual(close([0.1, 0.09, 0.81, 0.729, 0.6561]));
  });
});

describe('resolveSchedule', () => {
  it('fills torch’s defaults and canonical names', () => {
    const result = resolveSchedule(
      { name: 'steplr', params: { step_size: 5 } },
      findOptimizer('SGD')!,
    );
    expect(result).toEqual({
      ok: true,
      schedule: { name: 'StepLR', params: { step_size: 5, gamma: 0.1 } },
    });
  });

  it('says what is wrong in torch’s words where torch has them', () => {
    expect(
      errorsOf({ name: 'CosineAnnealingWarmRestarts', params: { T_0: 10, T_mult: 0 } }),
    ).toEqual(['schedule.params.T_mult: Expected integer T_mult >= 1, but got 0']);
    expect(errorsOf({ name: 'ReduceLROnPlateau', params: { factor: 1 } })).toEqual([
      'schedule.params.factor: Factor should be < 1.0.',
    ]);
    expect(errorsOf({ name: 'OneCycleLR', params: { max_lr: 0.1 } })).toEqual([
      'schedule.params.total_steps: You must define either total_steps OR (epochs AND steps_per_epoch)',
    ]);
    expect(errorsOf({ name: 'CyclicLR', params: { base_lr: 0.01, max_lr: 0.1 } }, 'Adam')).toEqual([
      'schedule.params.cycle_momentum: optimizer must support momentum with `cycle_momentum` option enabled',
    ]);
    expect(
      errorsOf({
        name: 'SequentialLR',
        params: {
          schedulers: [{ name: 'ExponentialLR', params: { gamma: 0.9 } }],
          milestones: [3],
        },
      })[0],
    ).toMatch(/^schedule\.params\.milestones: Sequential Schedulers expects number of schedulers/);
  });

  it('names missing, unknown and misplaced parts', () => {
    expect(errorsOf({ name: 'StepLR' })).toEqual([
      'schedule.params.step_size: required by StepLR (it has no default)',
    ]);
    expect(errorsOf({ name: 'LambdaLR' })[0]).toMatch(
      /^schedule\.name: unknown scheduler "LambdaLR"/,
    );
    expect(errorsOf({ name: 'StepLR', params: { step_size: 2, last_epoch: 3 } })[0]).toMatch(
      /^schedule\.params\.last_epoch: unknown argument for StepLR/,
    );
    expect(
      errorsOf({
        name: 'ChainedScheduler',
        params: { schedulers: [{ name: 'ReduceLROnPlateau', params: {} }] },
      }),
    ).toEqual([
      'schedule.params.schedulers[0].name: ReduceLROnPlateau cannot be one of the schedulers of another',
    ]);
    expect(errorsOf('cosine')[0]).toMatch(/^schedule: expected \{"name"/);
  });

  it('refuses arguments that would make lr NaN or divide by zero', () => {
    expect(errorsOf({ name: 'CosineAnnealingLR', params: { T_max: 0 } })[0]).toMatch(
      /^schedule\.params\.T_max: expected an integer ≥ 1/,
    );
    expect(errorsOf({ name: 'ConstantLR', params: { factor: 0 } })[0]).toMatch(/NaN/);
    expect(
      errorsOf({ name: 'OneCycleLR', params: { max_lr: 1, total_steps: 10, pct_start: 0.1 } })[0],
    ).toMatch(/^schedule\.params\.pct_start: step 0 falls in a phase of length 0/);
  });
});
