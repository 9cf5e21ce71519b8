import type { OptimizerDefinition, Params } from '../optimizers/types.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';
import { HISTORY_BYTES_PER_PARTICLE_STEP, Run, type GradientNoise } from './run.ts';

/**
 * History is bounded: all runs together may record at most this many bytes. A scene asking for more
 * steps than fit gets its step budget lowered (`stepBudget` reports the number actually used).
 * 256 MB holds, e.g., 6 runs × 1 particle × 1.3 M steps, or 12 runs × 1,000 particles × 666 steps.
 */
export const HISTORY_BUDGET_BYTES = 256 * 1024 * 1024;

export interface RunConfig {
  optimizer: OptimizerDefinition;
  params: Params;
  /** A resolved learning-rate schedule; undefined = constant lr. */
  schedule?: ScheduleConfig;
}

export interface SimulationSetup {
  surface: SurfaceFunctions;
  runs: readonly RunConfig[];
  /** Start points shared by every run: x0, y0, x1, y1, … */
  starts: Float64Array;
  noise: GradientNoise;
  /** Requested number of steps; lowered to fit HISTORY_BUDGET_BYTES. */
  steps: number;
  /** Minibatch size on dataset surfaces; undefined = the full batch. */
  batchSize?: number;
}

/**
 * The most steps `particles` particles in total can record within the history budget, when each
 * records `bytesPerParticleStep` (more than the run's own history when a gradient source records).
 */
export function stepsWithinBudget(
  particles: number,
  requested: number,
  bytesPerParticleStep = HISTORY_BYTES_PER_PARTICLE_STEP,
): number {
  const perStep = Math.max(1, particles) * bytesPerParticleStep;
  return Math.max(1, Math.min(requested, Math.floor(HISTORY_BUDGET_BYTES / perStep) - 1));
}

/**
 * Several runs on one surface from the same starts, on one clock. The playback cursor lives
 * elsewhere; this only computes (up to `stepBudget`) and keeps every step.
 */
export class Simulation {
  readonly runs: Run[];
  readonly stepBudget: number;
  /** Bytes every step adds to the runs' histories (and their gradient sources' records). */
  readonly bytesPerStep: number;

  constructor(private readonly setup: SimulationSetup) {
    this.runs = setup.runs.map((config) => this.createRun(config));
    const particles = (setup.starts.length >> 1) * setup.runs.length;
    const sourceBytes = this.runs.reduce(
      (sum, run) => sum + (run.gradientSource?.historyBytesPerParticleStep ?? 0),
      0,
    );
    const bytesPerParticleStep =
      HISTORY_BYTES_PER_PARTICLE_STEP + sourceBytes / Math.max(1, setup.runs.length);
    this.stepBudget = stepsWithinBudget(particles, setup.steps, bytesPerParticleStep);
    this.bytesPerStep = particles * bytesPerParticleStep;
  }

  /** Steps every run has computed. */
  get computedSteps(): number {
    let steps = this.stepBudget;
    for (const run of this.runs) steps = Math.min(steps, run.steps);
    return steps;
  }

  /** Computes every run up to `steps` (clamped to the budget). */
  advanceTo(steps: number): void {
    const target = Math.min(steps, this.stepBudget);
    for (const run of this.runs) run.advanceTo(target);
  }

  /** Restarts run `index` with a new configuration and catches it up with the others. */
  replaceRun(index: number, config: RunConfig): void {
    const caughtUp = this.computedSteps;
    this.runs[index] = this.createRun(config);
    this.runs[index].advanceTo(caughtUp);
  }

  private createRun(config: RunConfig): Run {
    const { surface, starts, noise, batchSize } = this.setup;
    const { optimizer, params, schedule } = config;
    return new Run({ surface, starts, noise, batchSize, optimizer, params, schedule });
  }
}
