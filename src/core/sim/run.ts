import { createGradientSource } from '../data/gradientSources.ts';
import type { OptimizerDefinition, ParamValue, Params, StepContext } from '../optimizers/types.ts';
import { prepareGradient } from '../optimizers/prepare.ts';
import { createOptimizerState } from '../optimizers/state.ts';
import { ScheduledParams } from '../schedules/scheduledParams.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import { hashUniform, RANDOM_STREAMS } from '../random.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';
import { addGradientNoise, type GradientNoise, type GradientSource } from './gradientSource.ts';
import { StepHistory } from './history.ts';

export type { GradientNoise } from './gradientSource.ts';

export interface RunSetup {
  surface: SurfaceFunctions;
  optimizer: OptimizerDefinition;
  /** Fully resolved hyperparameters (every name of `optimizer.params`). */
  params: Params;
  /** Start points, x0, y0, x1, y1, … */
  starts: Float64Array;
  noise: GradientNoise;
  /** Minibatch size on dataset surfaces; undefined = the full batch (see createGradientSource). */
  batchSize?: number;
  /** A resolved learning-rate schedule (schedules/validate.ts); undefined = constant lr. */
  schedule?: ScheduleConfig;
}

/** Bytes one particle adds to a run's history per step: x, y, loss and ‖∇f‖ as float64. */
export const HISTORY_BYTES_PER_PARTICLE_STEP = 4 * 8;

type MutableStepContext = { -readonly [K in keyof StepContext]: StepContext[K] };

/**
 * One optimizer configuration moving many particles in lockstep, following torch's loop:
 * evaluate loss and gradient at θ_k, record them, step. Every step is recorded, so the timeline can
 * show any step already computed without recomputing it (the dynamics are deterministic anyway).
 *
 * Divergence: the first step k at which a particle's position, loss or gradient is non-finite is
 * stored in `divergedAt`; from then on the particle stops and its history repeats its last finite
 * point, so drawing code never sees NaN or ±Infinity.
 */
export class Run {
  readonly particles: number;
  /** Per step: x0, y0, x1, y1, … */
  readonly positions: StepHistory;
  /** Per step: f at each particle's position. */
  readonly losses: StepHistory;
  /** Per step: ‖∇f‖ of the exact (noise-free) gradient at each particle's position. */
  readonly gradNorms: StepHistory;
  /** Per particle: the step at which it diverged, or −1. */
  readonly divergedAt: Int32Array;
  /** Minibatches or distributed workers, when the optimizer does not see the exact gradient. */
  readonly gradientSource: GradientSource | null;
  /**
   * Per step: the lr that step uses and the momentum (or β₁) — the schedule's values, or the
   * constant hyperparameters. NaN in the second column for an optimizer with neither.
   */
  readonly rates: StepHistory;
  /**
   * Per step and particle: evaluations of f and ∇f spent before that step, for optimizers that
   * evaluate several times per step (L-BFGS); null for the others, which spend one per step.
   */
  readonly evaluations: StepHistory | null;
  /** Per step: the second point the optimizer keeps (ASGD's average), x0, y0, …; else null. */
  readonly averages: StepHistory | null;

  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly active: Uint8Array;
  private readonly ctx: MutableStepContext;
  private readonly recordPositions: Float64Array;
  private readonly recordLosses: Float64Array;
  private readonly recordGradNorms: Float64Array;
  private readonly recordRates = new Float64Array(2);
  private readonly recordAverage: Float64Array;
  /** Per particle: evaluations so far (only when `evaluations` is kept). */
  private readonly evaluationCounts: Float64Array;
  private readonly scheduled: ScheduledParams;
  private activeParticles: number;

  constructor(private readonly setup: RunSetup) {
    const n = setup.starts.length;
    this.particles = n >> 1;
    this.theta = Float64Array.from(setup.starts);
    this.grad = new Float64Array(n);
    this.active = new Uint8Array(this.particles).fill(1);
    this.activeParticles = this.particles;
    this.divergedAt = new Int32Array(this.particles).fill(-1);
    this.positions = new StepHistory(n);
    this.losses = new StepHistory(this.particles);
    this.gradNorms = new StepHistory(this.particles);
    this.recordPositions = new Float64Array(n);
    this.recordLosses = new Float64Array(this.particles);
    this.recordGradNorms = new Float64Array(this.particles);

    const { optimizer, params, noise, surface } = setup;
    this.gradientSource = createGradientSource({ ...setup, particles: this.particles });
    this.scheduled = new ScheduledParams(params, setup.schedule);
    this.rates = new StepHistory(2);
    this.evaluations = optimizer.needsClosure ? new StepHistory(this.particles) : null;
    this.evaluationCounts = new Float64Array(this.evaluations ? this.particles : 0);
    this.averages = optimizer.averageSlot === undefined ? null : new StepHistory(n);
    this.recordAverage = new Float64Array(this.averages ? n : 0);
    const state = createOptimizerState(optimizer, params, n);
    this.ctx = {
      n,
      theta: this.theta,
      grad: this.grad,
      active: this.active,
      t: 0,
      state,
      hessian: optimizer.needsHessian ? new Float64Array(3 * this.particles) : null,
      uniform: optimizer.needsRandom
        ? (particle, draw) =>
            hashUniform(noise.seed, RANDOM_STREAMS.perturbation, particle, this.ctx.t * 8 + draw)
        : null,
      closure: optimizer.needsClosure
        ? (particle, point, out) => {
            this.evaluationCounts[particle]++;
            return surface.valueAndGradient(point[0], point[1], out, 0);
          }
        : null,
      loss: optimizer.needsClosure ? this.recordLosses : null,
    };
    this.evaluateAndRecord();
  }

  /** Steps taken so far; the history holds steps + 1 positions. */
  get steps(): number {
    return this.positions.steps - 1;
  }

  /** Why the schedule stopped where torch would raise (OneCycleLR past total_steps), or null. */
  get scheduleEnded(): string | null {
    return this.scheduled.ended;
  }

  /** Whether `rates` holds a momentum (or β₁) that the schedule cycles. */
  get cyclesMomentum(): boolean {
    return this.scheduled.cyclesMomentum;
  }

  /** Particles that have not diverged. */
  get activeCount(): number {
    return this.activeParticles;
  }

  /** The hyperparameters step `step` used (≤ steps): lr and momentum or β₁ as scheduled. */
  paramsAt(step: number): Params {
    const { params, schedule } = this.setup;
    if (!schedule) return params;
    const at: Record<string, ParamValue> = { ...params, lr: this.rates.get(step, 0) };
    const momentum = this.rates.get(step, 1);
    if (typeof params.momentum === 'number') at.momentum = momentum;
    else if (Array.isArray(params.betas)) at.betas = [momentum, params.betas[1]];
    return at;
  }

  /** Evaluations of f and ∇f particle p spent before step `step` (≤ steps). */
  evaluationsAt(step: number, p: number): number {
    if (this.evaluations) return this.evaluations.get(step, p);
    const diverged = this.divergedAt[p];
    return diverged >= 0 && diverged < step ? diverged : step;
  }

  /** Takes one optimizer step for every active particle and records the new positions. */
  advance(): void {
    const { optimizer, surface, noise } = this.setup;
    const params = this.scheduled.params;
    const ctx = this.ctx;
    // A source is asked every step, even with no particle left, so its records stay step-aligned.
    if (this.gradientSource) {
      this.gradientSource.estimate(this.theta, this.grad, this.active, this.steps);
    } else if (noise.sigma > 0 && this.activeParticles > 0) {
      addGradientNoise(this.grad, this.active, noise, this.steps);
    }
    if (this.activeParticles > 0) {
      if (ctx.hessian) {
        for (let p = 0; p < this.particles; p++) {
          if (this.active[p])
            surface.hessian(this.theta[2 * p], this.theta[2 * p + 1], ctx.hessian, 3 * p);
        }
      }
      ctx.t = this.steps + 1;
      // The loss ReduceLROnPlateau is fed: at the points this step starts from, before it moves.
      const loss = this.meanLoss();
      // The closure's first call is the evaluation recorded at these points.
      for (let p = 0; p < this.evaluationCounts.length; p++)
        this.evaluationCounts[p] += this.active[p];
      prepareGradient(optimizer, params, this.theta, this.grad, this.active);
      optimizer.step(params, ctx);
      this.scheduled.advance(loss);
    }
    this.evaluateAndRecord();
  }

  /** Mean loss of the particles still moving (one particle: its loss, as torch sees it). */
  private meanLoss(): number {
    let sum = 0;
    for (let p = 0; p < this.particles; p++) if (this.active[p]) sum += this.recordLosses[p];
    return sum / this.activeParticles;
  }

  /** Advances until `steps` steps have been taken. */
  advanceTo(steps: number): void {
    while (this.steps < steps) this.advance();
  }

  /**
   * Loss and gradient at the current positions, then one history record. A particle whose position,
   * loss or gradient is non-finite diverges here and keeps its last finite record.
   */
  private evaluateAndRecord(): void {
    const { surface } = this.setup;
    const step = this.positions.steps;
    const { theta, grad } = this;
    for (let p = 0; p < this.particles; p++) {
      if (!this.active[p]) continue;
      const x = theta[2 * p];
      const y = theta[2 * p + 1];
      const f = surface.valueAndGradient(x, y, grad, 2 * p);
      const gx = grad[2 * p];
      const gy = grad[2 * p + 1];
      // x − x is 0 for every finite x and NaN otherwise: one test covers all five numbers.
      if (x - x + (y - y) + (f - f) + (gx - gx) + (gy - gy) !== 0) {
        this.active[p] = 0;
        this.activeParticles--;
        this.divergedAt[p] = step;
        if (step === 0) this.recordStart(p); // nothing finite recorded yet: show the start
        continue;
      }
      this.recordPositions[2 * p] = x;
      this.recordPositions[2 * p + 1] = y;
      this.recordLosses[p] = f;
      const norm = Math.sqrt(gx * gx + gy * gy);
      // The plain formula overflows for |g| beyond ~1e154, where hypot still has the answer.
      this.recordGradNorms[p] = norm < Infinity ? norm : Math.hypot(gx, gy);
    }
    this.positions.push(this.recordPositions);
    this.losses.push(this.recordLosses);
    this.gradNorms.push(this.recordGradNorms);
    this.recordRates[0] = this.scheduled.lr;
    this.recordRates[1] = this.scheduled.momentum;
    this.rates.push(this.recordRates);
    this.evaluations?.push(this.evaluationCounts);
    if (this.averages) this.recordAverages(step);
  }

  /** The optimizer's second point; before the first step (where ASGD's is still 0) the start. */
  private recordAverages(step: number): void {
    const average = this.ctx.state[this.setup.optimizer.averageSlot!];
    const out = this.recordAverage;
    for (let p = 0; p < this.particles; p++) {
      if (!this.active[p] && step > 0) continue;
      out[2 * p] = step === 0 ? this.recordPositions[2 * p] : average[2 * p];
      out[2 * p + 1] = step === 0 ? this.recordPositions[2 * p + 1] : average[2 * p + 1];
    }
    this.averages!.push(out);
  }

  /** A start that is already non-finite is clamped to 0 for drawing; `divergedAt` = 0 says why. */
  private recordStart(p: number): void {
    const x = this.theta[2 * p];
    const y = this.theta[2 * p + 1];
    this.recordPositions[2 * p] = Number.isFinite(x) ? x : 0;
    this.recordPositions[2 * p + 1] = Number.isFinite(y) ? y : 0;
    this.recordLosses[p] = 0;
    this.recordGradNorms[p] = 0;
  }
}
