import { describe, expect, it } from 'vitest';
import { PRESETS, resolvePreset } from '../optimizers/presets.ts';
import { ScheduledParams } from './scheduledParams.ts';
import { PICKABLE_SCHEDULES, SCHEDULE_PRESETS, startingSchedule } from './presets.ts';

const STEPS = [1, 2, 10, 1000, 100_000];

describe('schedules to start from', () => {
  it('resolve for every optimizer preset and step budget, and run the whole budget in torch', () => {
    for (const preset of PRESETS) {
      const { definition: optimizer, params } = resolvePreset(preset);
      for (const steps of STEPS) {
        const context = { optimizer, lr: params.lr as number, steps };
        const built = [
          ...SCHEDULE_PRESETS.map((p) => p.build(context)),
          ...PICKABLE_SCHEDULES.map((name) => startingSchedule(name, context)),
        ];
        for (const schedule of built) {
          if (!schedule.ok) throw new Error(`${preset.id}, ${steps}: ${schedule.errors.join()}`);
          // No OneCycleLR stepped past its end: torch could run every step of the scene.
          const scheduled = new ScheduledParams(params, schedule.schedule);
          for (let i = 0; i < Math.min(steps, 2000); i++) scheduled.advance(1);
          expect(scheduled.ended, `${preset.id} ${schedule.schedule.name}`).toBeNull();
          expect(Number.isFinite(scheduled.lr)).toBe(true);
        }
      }
    }
  });

  it('warm up then anneal: lr rises for a tenth of the run, then falls to 0', () => {
    const { definition: optimizer } = resolvePreset(PRESETS[0]);
    const schedule = SCHEDULE_PRESETS[0].build({ optimizer, lr: 0.1, steps: 100 });
    if (!schedule.ok) throw new Error(schedule.errors.join());
    const scheduled = new ScheduledParams(
      { ...resolvePreset(PRESETS[0]).params, lr: 0.1 },
      schedule.schedule,
    );
    const rates: number[] = [];
    for (let i = 0; i <= 100; i++) {
      rates.push(scheduled.lr);
      scheduled.advance(1);
    }
    expect(rates[0]).toBeCloseTo(0.001, 12);
    expect(rates[10]).toBeCloseTo(0.1, 12);
    expect(rates[100]).toBeCloseTo(0, 12);
  });
});
