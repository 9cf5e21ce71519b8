/**
 * The anatomy of one update: what an optimizer's next step is made of. It replays a run's first
 * particle with the real optimizer code (same gradient noise or minibatches, same perturbations,
 * same order of operations as `Run`, so it lands on the very same positions), reads the optimizer's state slots
 * before and after the step, and splits the step into parts that add up to it:
 *
 * | optimizer            | parts                                                        | per-coordinate rate          |
 * |----------------------|--------------------------------------------------------------|------------------------------|
 * | SGD                  | −lr·g                                                        | lr (the same for x and y)    |
 * | SGD + momentum       | −lr·(1 − τ)·g (−lr·g on step 1) + carried velocity −lr·μ·b   | lr                           |
 * | SGD + Nesterov       | −lr·g + look-ahead −lr·μ·b (b already holds g)               | lr                           |
 * | Adagrad              | −rate·g                                                      | lr_t / (√s + ε)              |
 * | RMSprop              | −rate·g (+ carried velocity −lr·μ·b with momentum)           | lr / (√v + ε) (centred: v−ḡ²) |
 * | Adam, AdamW          | −rate·(1 − β₁)·g + remembered mean −rate·β₁·m (+ decay)      | (lr/bc₁) / (√v̂/√bc₂ + ε)    |
 * | Adadelta, Adamax, NAdam, RAdam, Rprop, ASGD, L-BFGS, Newton, Perturbed GD, Distributed SGD: the whole step, beside −lr·g |
 *
 * With a schedule, step k uses the lr (and momentum or β₁) the run recorded for it (`paramsAt`).
 * g is the gradient the optimizer received: the surface's, plus noise, negated by `maximize`, plus
 * L2 weight decay. Decoupled weight decay (AdamW) is its own part, −lr·λ·θ.
 */
import type { Point } from './geometry.ts';
import { prepareGradient } from './optimizers/prepare.ts';
import { createOptimizerState } from './optimizers/state.ts';
import type { OptimizerDefinition, Params, StepContext } from './optimizers/types.ts';
import { createGradientSource } from './data/gradientSources.ts';
import { hashUniform, RANDOM_STREAMS } from './random.ts';
import { addGradientNoise, type GradientNoise, type GradientSource } from './sim/gradientSource.ts';
import type { SurfaceFunctions } from './surfaces/types.ts';

export interface AnatomySetup {
  surface: SurfaceFunctions;
  optimizer: OptimizerDefinition;
  /** Fully resolved hyperparameters. */
  params: Params;
  /** The run's first start point: the particle replayed is particle 0. */
  start: Point;
  noise: GradientNoise;
  /** The scene's minibatch size on dataset surfaces (undefined: the full batch). */
  batchSize?: number;
  /**
   * The hyperparameters of step k when a schedule moves lr (and momentum or β₁): the run's own
   * record (`Run.paramsAt`), so the replay steps exactly as the run did. Absent: `params` always.
   */
  paramsAt?: (step: number) => Params;
}

/** How the step is split, which decides the words and arrows shown. */
export type AnatomyKind =
  'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'rmsprop-momentum' | 'adam' | 'whole';

export type AnatomyPartRole =
  /** This step's gradient, scaled by the (effective) learning rate. */
  | 'gradient'
  /** What the optimizer remembers of earlier gradients (velocity, first moment). */
  | 'momentum'
  /** Decoupled weight decay, −lr·λ·θ. */
  | 'decay'
  /** The step as a whole, for optimizers shown undivided. */
  | 'whole';

export interface AnatomyPart {
  role: AnatomyPartRole;
  vector: Point;
}

export interface Anatomy {
  ok: true;
  kind: AnatomyKind;
  /** The update shown goes from step `step` to step `step + 1`. */
  step: number;
  position: Point;
  /** The gradient the optimizer received (noise, maximize and L2 decay included). */
  gradient: Point;
  /** What plain gradient descent at this run's learning rate would do: −lr·g. */
  plainStep: Point;
  /** They add up to `update`. Parts that are zero on this step (no velocity yet) are kept. */
  parts: AnatomyPart[];
  /** The step actually taken: position after − position before. */
  update: Point;
  next: Point;
  /** The learning rate each coordinate effectively gets, or null where that is not one number. */
  rates: Point | null;
  /** Adam's bias-corrected first moment m̂ = m/bc₁ and RMS gradient √v̂/√bc₂; null otherwise. */
  moments: { mean: Point; rms: Point } | null;
}

export interface AnatomyDiverged {
  ok: false;
  step: number;
  /** The step at which the particle's position, loss or gradient stopped being finite. */
  divergedAt: number;
}

export type AnatomyResult = Anatomy | AnatomyDiverged;

/** Replay state is kept every this many steps, so scrubbing backward never replays from 0. */
const CHECKPOINT_EVERY = 256;
/** Results kept for steps already asked for (scrubbing back and forth costs nothing). */
const CACHE_SIZE = 1024;

interface Checkpoint {
  theta: Float64Array;
  state: Float64Array[];
}

type MutableStepContext = { -readonly [K in keyof StepContext]: StepContext[K] };

/**
 * The first particle of a run (the one its card reports on), replayed step by step with the run's
 * optimizer and gradient source. `at(k)` decomposes the update from step k to k + 1, advancing (or
 * rewinding to a checkpoint) as needed and caching answers, so playing costs one optimizer step per
 * new step and scrubbing back and forth is mostly a lookup.
 */
export class AnatomyReplay {
  private readonly theta = new Float64Array(2);
  /** f at theta, for optimizers with a closure. */
  private readonly loss = new Float64Array(1);
  private readonly grad = new Float64Array(2);
  private readonly ctx: MutableStepContext;
  /** Minibatches or distributed workers: stateful, so rewinding means starting again. */
  private source: GradientSource | null = null;
  /** Steps taken by the live replay. */
  private steps = 0;
  /** The step whose prepared gradient is in `grad`, or −1: a source is asked once per step. */
  private prepared = -1;
  private divergedAt = -1;
  private readonly checkpoints: Checkpoint[] = [];
  private readonly cache = new Map<number, AnatomyResult>();

  // Scratch for the step being decomposed, so the live replay is not disturbed.
  private readonly scratch: MutableStepContext;
  private readonly before: Float64Array[];

  constructor(private readonly setup: AnatomySetup) {
    const { optimizer, noise } = setup;
    const makeContext = (theta: Float64Array, grad: Float64Array): MutableStepContext => {
      const context: MutableStepContext = {
        n: 2,
        theta,
        grad,
        active: new Uint8Array([1]),
        t: 0,
        state: createOptimizerState(optimizer, setup.params, 2),
        hessian: optimizer.needsHessian ? new Float64Array(3) : null,
        // As in Run: keyed by (seed, particle 0, step), whatever else was drawn.
        uniform: optimizer.needsRandom
          ? (particle, draw) =>
              hashUniform(noise.seed, RANDOM_STREAMS.perturbation, particle, context.t * 8 + draw)
          : null,
        // L-BFGS evaluates f itself; the first evaluation is the one `prepare` makes.
        closure: optimizer.needsClosure
          ? (_particle, point, out) => setup.surface.valueAndGradient(point[0], point[1], out, 0)
          : null,
        loss: optimizer.needsClosure ? this.loss : null,
      };
      return context;
    };
    this.ctx = makeContext(this.theta, this.grad);
    this.scratch = makeContext(new Float64Array(2), new Float64Array(2));
    this.before = this.ctx.state.map(() => new Float64Array(2));
    this.rewind(0);
  }

  /** The update from step `step` to `step + 1`. */
  at(step: number): AnatomyResult {
    const cached = this.cache.get(step);
    if (cached) return cached;
    if (step < this.steps) this.rewind(Math.floor(step / CHECKPOINT_EVERY));
    while (this.steps < step && this.divergedAt < 0) this.advance();
    const result =
      this.divergedAt >= 0 ? this.diverged(step, this.divergedAt) : this.decompose(step);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(step, result);
    return result;
  }

  private diverged(step: number, divergedAt: number): AnatomyDiverged {
    return { ok: false, step, divergedAt };
  }

  /** Back to checkpoint `index` (0 = the start), or the latest one before it. */
  private rewind(index: number): void {
    const usable =
      this.checkpoints.length === 0
        ? -1
        : this.source
          ? 0
          : Math.min(index, this.checkpoints.length - 1);
    if (usable < 0) {
      this.theta[0] = this.setup.start[0];
      this.theta[1] = this.setup.start[1];
      this.setup.optimizer.init?.(this.setup.params, this.ctx.state);
      this.checkpoints.push(this.snapshot());
    } else {
      const checkpoint = this.checkpoints[usable];
      this.theta.set(checkpoint.theta);
      checkpoint.state.forEach((slot, i) => this.ctx.state[i].set(slot));
    }
    this.steps = Math.max(0, usable) * CHECKPOINT_EVERY;
    this.source = createGradientSource({ ...this.setup, particles: 1 });
    this.prepared = -1;
    // Divergence is only ever found beyond the last checkpoint.
    this.divergedAt = -1;
  }

  private snapshot(): Checkpoint {
    return { theta: this.theta.slice(), state: this.ctx.state.map((slot) => slot.slice()) };
  }

  /**
   * What `Run` does before the optimizer's step, for this one particle: the gradient at θ (a
   * non-finite position, loss or gradient means the particle diverged here), the source's estimate
   * or the scene's noise, the Hessian when asked for, then maximize and L2 decay. Done once per
   * step; false when diverged.
   */
  private prepare(): boolean {
    if (this.prepared === this.steps) return true;
    const { surface, noise, optimizer } = this.setup;
    const params = this.paramsOf(this.steps);
    const [x, y] = this.theta;
    const f = surface.valueAndGradient(x, y, this.grad, 0);
    if (![x, y, f, this.grad[0], this.grad[1]].every(Number.isFinite)) return false;
    this.loss[0] = f;
    const { active, hessian } = this.ctx;
    if (this.source) this.source.estimate(this.theta, this.grad, active, this.steps);
    else if (noise.sigma > 0) addGradientNoise(this.grad, active, noise, this.steps);
    if (hessian) surface.hessian(x, y, hessian, 0);
    prepareGradient(optimizer, params, this.theta, this.grad, active);
    this.prepared = this.steps;
    return true;
  }

  private paramsOf(step: number): Params {
    return this.setup.paramsAt?.(step) ?? this.setup.params;
  }

  private advance(): void {
    if (!this.prepare()) {
      this.divergedAt = this.steps;
      return;
    }
    this.ctx.t = this.steps + 1;
    this.setup.optimizer.step(this.paramsOf(this.steps), this.ctx);
    this.steps++;
    const due = this.steps / CHECKPOINT_EVERY;
    if (!this.source && due === this.checkpoints.length) this.checkpoints.push(this.snapshot());
  }

  /** Takes the next step on copies of the state and splits it into its parts. */
  private decompose(step: number): AnatomyResult {
    if (!this.prepare()) {
      this.divergedAt = this.steps;
      return this.diverged(step, step);
    }
    const { optimizer } = this.setup;
    const params = this.paramsOf(step);
    const scratch = this.scratch;
    scratch.theta.set(this.theta);
    scratch.grad.set(this.grad);
    this.ctx.state.forEach((slot, i) => {
      scratch.state[i].set(slot);
      this.before[i].set(slot);
    });
    if (this.ctx.hessian) scratch.hessian!.set(this.ctx.hessian);
    scratch.t = step + 1;
    optimizer.step(params, scratch);
    const next: Point = [scratch.theta[0], scratch.theta[1]];
    if (!next.every(Number.isFinite)) return this.diverged(step, step + 1);
    const position: Point = [this.theta[0], this.theta[1]];
    const gradient: Point = [this.grad[0], this.grad[1]];
    const lr = params.lr as number;
    const split = splitStep(optimizer, params, {
      t: step + 1,
      theta: position,
      gradient,
      before: this.before,
      after: scratch.state,
    });
    const update: Point = [next[0] - position[0], next[1] - position[1]];
    return {
      ok: true,
      ...split,
      parts: split.parts ?? [{ role: 'whole', vector: update }],
      step,
      position,
      gradient,
      plainStep: [-lr * gradient[0], -lr * gradient[1]],
      update,
      next,
    };
  }
}

interface StepRecord {
  t: number;
  theta: Point;
  gradient: Point;
  /** State slots before and after the step. */
  before: readonly Float64Array[];
  after: readonly Float64Array[];
}

interface Split {
  kind: AnatomyKind;
  /** Null: show the step whole. */
  parts: AnatomyPart[] | null;
  rates: Point | null;
  moments: Anatomy['moments'];
}

/** Applies f to x and y. */
function both(f: (i: 0 | 1) => number): Point {
  return [f(0), f(1)];
}

/** The parts of one step, from the update rules documented in each optimizer's file. */
function splitStep(def: OptimizerDefinition, params: Params, record: StepRecord): Split {
  const { t, theta, gradient: g, before, after } = record;
  const lr = params.lr as number;
  switch (def.name) {
    case 'SGD': {
      const momentum = params.momentum as number;
      const rates: Point = [lr, lr];
      if (momentum === 0)
        return {
          kind: 'sgd',
          parts: [gradientPart(both((i) => -lr * g[i]))],
          rates,
          moments: null,
        };
      if (params.nesterov === true) {
        // d = g + μ·b with b = μ·b_old + g already updated.
        return {
          kind: 'nesterov',
          parts: [
            gradientPart(both((i) => -lr * g[i])),
            momentumPart(both((i) => -lr * momentum * after[0][i])),
          ],
          rates,
          moments: null,
        };
      }
      // b = g on the first step (torch copies it), μ·b_old + (1 − τ)·g afterwards.
      const keep = t === 1 ? 1 : 1 - (params.dampening as number);
      const carried = t === 1 ? 0 : momentum;
      return {
        kind: 'momentum',
        parts: [
          gradientPart(both((i) => -lr * keep * g[i])),
          momentumPart(both((i) => -lr * carried * before[0][i])),
        ],
        rates,
        moments: null,
      };
    }
    case 'Adagrad': {
      const clr = lr / (1 + (t - 1) * (params.lr_decay as number));
      const rates = both((i) => clr / (Math.sqrt(after[0][i]) + (params.eps as number)));
      return {
        kind: 'adagrad',
        parts: [gradientPart(both((i) => -rates[i] * g[i]))],
        rates,
        moments: null,
      };
    }
    case 'RMSprop': {
      const eps = params.eps as number;
      const centered = params.centered === true;
      const momentum = params.momentum as number;
      const rates = both((i) => {
        const v = after[0][i];
        const mean = after[1][i];
        return lr / ((centered ? Math.sqrt(v - mean * mean) : Math.sqrt(v)) + eps);
      });
      const scaled = gradientPart(both((i) => -rates[i] * g[i]));
      if (momentum > 0) {
        return {
          kind: 'rmsprop-momentum',
          parts: [scaled, momentumPart(both((i) => -lr * momentum * before[2][i]))],
          rates,
          moments: null,
        };
      }
      return { kind: 'rmsprop', parts: [scaled], rates, moments: null };
    }
    case 'Adam':
    case 'AdamW': {
      const [beta1, beta2] = params.betas as readonly [number, number];
      const bc1 = 1 - beta1 ** t;
      const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
      const second = params.amsgrad === true ? after[2] : after[1];
      const rms = both((i) => Math.sqrt(second[i]) / bc2Sqrt);
      const rates = both((i) => lr / bc1 / (rms[i] + (params.eps as number)));
      const parts = [
        gradientPart(both((i) => -rates[i] * (1 - beta1) * g[i])),
        momentumPart(both((i) => -rates[i] * beta1 * before[0][i])),
      ];
      const lambda = params.weight_decay as number;
      if (lambda !== 0 && (def.decoupledWeightDecay || params.decoupled_weight_decay === true)) {
        // θ shrinks first, then the Adam step: the two add.
        parts.push({ role: 'decay', vector: both((i) => -lr * lambda * theta[i]) });
      }
      return {
        kind: 'adam',
        parts,
        rates,
        moments: { mean: both((i) => after[0][i] / bc1), rms },
      };
    }
    default:
      return { kind: 'whole', parts: null, rates: null, moments: null };
  }
}

function gradientPart(vector: Point): AnatomyPart {
  return { role: 'gradient', vector };
}

function momentumPart(vector: Point): AnatomyPart {
  return { role: 'momentum', vector };
}

/** The sum of the parts (what the tests compare with the step actually taken). */
export function sumOfParts(parts: readonly AnatomyPart[]): Point {
  let x = 0;
  let y = 0;
  for (const { vector } of parts) {
    x += vector[0];
    y += vector[1];
  }
  return [x, y];
}
