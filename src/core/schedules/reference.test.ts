import { describe, expect, it } from 'vitest';
import { computeTrajectory, type TrajectoryOutput } from '../trajectory.ts';
import {
  LR_TOLERANCE,
  loadScheduleCases,
  requestOf,
  scheduleCaseErrors,
  TOLERANCE,
  type ScheduleCase,
} from '../testing/referenceCases.ts';

function run(c: ScheduleCase): TrajectoryOutput {
  const result = computeTrajectory(requestOf(c));
  if (!result.ok) throw new Error(`${c.id}: ${result.error}`);
  return result.output;
}

const FILES = {
  'public-schedules.json': 'computed by torch for the shared reference',
  'own-schedules.json': 'our own, by generate_own_schedules.py with torch 1.13',
};

for (const [file, origin] of Object.entries(FILES)) {
  describe(`${file} (${origin}) through the trajectory CLI code path`, () => {
    for (const c of loadScheduleCases(file)) {
      const what = c.schedule ? `${c.optimizer} + ${c.schedule.name}` : c.optimizer;
      it(`${what} (${c.id}, ${c.surface}) matches torch: path to 1e-9, lr to 1e-12`, () => {
        const output = run(c);
        const errors = scheduleCaseErrors(c, output);
        expect(errors.trajectory).toBeLessThanOrEqual(TOLERANCE);
        expect(errors.lr).toBeLessThanOrEqual(LR_TOLERANCE);
        expect(errors.momentum).toBeLessThanOrEqual(LR_TOLERANCE);
        expect(output.diverged_at).toBe(c.diverged_at);
        expect(output.momentum !== undefined).toBe(c.momentum !== undefined);
        // Steps taken: all of them, or those before the divergence.
        expect(output.lr).toHaveLength(c.diverged_at ?? c.steps);
        expect(output.evaluations).toEqual(c.evaluations.slice(0, output.lr.length));
      });
    }
  });
}
