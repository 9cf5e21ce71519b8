import { createGradientSource } from '../data/gradientSources.ts';
import type { OptimizerDefinition, Params, StepContext } from '../optimizers/types.ts';
import { prepareGradient } from '../optimizers/prepare.ts';
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

  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly active: Uint8Array;
  private readonly ctx: MutableStepContext;
  private readonly recordPositions: Float64Array;
  private readonly recordLosses: Float64Array;
  private readonly recordGradNorms: Float64Array;
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

    const { optimizer, params, noise } = setup;
    this.gradientSource = createGradientSource({ ...setup, particles: this.particles });
    const state = Array.from({ length: optimizer.stateSlots }, () => new Float64Array(n));
    optimizer.init?.(params, state);
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
    };
    this.evaluateAndRecord();
  }

  /** Steps taken so far; the history holds steps + 1 positions. */
  get steps(): number {
    return this.positions.steps - 1;
  }

  /** Particles that have not diverged. */
  get activeCount(): number {
    return this.activeParticles;
  }

  /** Takes one optimizer step for every active particle and records the new positions. */
  advance(): void {
    const { optimizer, params, surface, noise } = this.setup;
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
      prepareGradient(optimizer, params, this.theta, this.grad, this.active);
      optimizer.step(params, ctx);
    }
    this.evaluateAndRecord();
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
