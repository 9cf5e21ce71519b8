import { describe, expect, it } from 'vitest';
import { resolvePreset, findPreset } from '../optimizers/presets.ts';
import { resolveSchedule } from '../schedules/validate.ts';
import { getSurface } from '../surfaces/index.ts';
import { Run } from './run.ts';

function presetRun(id: string, starts: number[], schedule?: unknown) {
  const { definition: optimizer, params } = resolvePreset(findPreset(id)!);
  const resolved = schedule === undefined ? undefined : resolveSchedule(schedule, optimizer);
  if (resolved && !resolved.ok) throw new Error(resolved.errors.join());
  return new Run({
    surface: getSurface('beale')!,
    optimizer,
    params,
    starts: Float64Array.from(starts),
    noise: { sigma: 0, seed: 1 },
    schedule: resolved?.schedule,
  });
}

describe('Run', () => {
  it('counts L-BFGS’s evaluations per particle: one per step and its line search', () => {
    const run = presetRun('lbfgs', [1, 1.5, -1, 1]);
    run.advanceTo(20);
    expect(run.evaluationsAt(0, 0)).toBe(0);
    for (let p = 0; p < 2; p++) {
      for (let k = 1; k <= 20; k++) {
        const spent = run.evaluationsAt(k, p) - run.evaluationsAt(k - 1, p);
        expect(spent).toBeGreaterThanOrEqual(1);
      }
    }
    // Particles search differently from different starts.
    expect(run.evaluationsAt(20, 0)).not.toBe(run.evaluationsAt(20, 1));
    expect(run.evaluationsAt(20, 0)).toBeGreaterThan(20);
  });

  it('counts one evaluation per step for the others, none after a divergence', () => {
    const run = presetRun('sgd', [1, 1.5]);
    run.advanceTo(5);
    expect(run.evaluations).toBeNull();
    expect(run.evaluationsAt(5, 0)).toBe(5);
  });

  it('records ASGD’s average: the start, then θ until t0, then a lagging mean', () => {
    const run = presetRun('asgd', [1, 1.5]);
    run.advanceTo(150);
    const averages = run.averages!;
    expect([averages.get(0, 0), averages.get(0, 1)]).toEqual([1, 1.5]);
    for (const k of [1, 50, 101]) {
      expect([averages.get(k, 0), averages.get(k, 1)]).toEqual([
        run.positions.get(k, 0),
        run.positions.get(k, 1),
      ]);
    }
    expect(averages.get(150, 0)).not.toBe(run.positions.get(150, 0));
  });

  it('records the lr and momentum each step uses, as scheduled', () => {
    const run = presetRun('momentum', [1, 1.5], {
      name: 'StepLR',
      params: { step_size: 2, gamma: 0.5 },
    });
    run.advanceTo(5);
    const rates = [0, 1, 2, 3, 4].map((k) => run.rates.get(k, 0));
    expect(rates).toEqual([0.003, 0.003, 0.0015, 0.0015, 0.00075]);
    expect(run.paramsAt(2)).toMatchObject({ lr: 0.0015, momentum: 0.9 });
    expect(run.cyclesMomentum).toBe(false);
  });
});
