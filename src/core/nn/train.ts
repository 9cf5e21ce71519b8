/**
 * Training a network with any of the app's optimizers, exactly as torch's loop does:
 *   for i in range(steps): loss[i] = L(θ); opt.step(closure); sched.step()
 * A network run is one particle of N coordinates (`StepContext.dim = N`), so the same optimizer
 * definitions that move 2D particles move the N parameters, with their torch semantics unchanged.
 * With a minibatch the optimizer sees the gradient of B samples drawn by the seeded sampler, while
 * the recorded loss is over all samples (closures, L-BFGS's line search, use all samples too).
 */
import { identityOrder, MinibatchSampler } from '../data/minibatch.ts';
import { nadam, nadamTorch113 } from '../optimizers/nadam.ts';
import { newton } from '../optimizers/newton.ts';
import { perturbedGd } from '../optimizers/perturbedGd.ts';
import { prepareGradient } from '../optimizers/prepare.ts';
import { createOptimizerState } from '../optimizers/state.ts';
import type { OptimizerDefinition, Params, StepContext } from '../optimizers/types.ts';
import { hashUniform, RANDOM_STREAMS } from '../random.ts';
import { ScheduledParams } from '../schedules/scheduledParams.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import { hessianByDifferences } from './hessian.ts';
import { newtonDense, perturbedGdBall } from './updates.ts';
import type { Network } from './network.ts';
import { networkOptimizerIssue } from './spec.ts';

export interface NetworkRunSetup {
  network: Network;
  optimizer: OptimizerDefinition;
  params: Params;
  schedule?: ScheduleConfig;
  /** θ before the first step (copied). */
  init: Float64Array;
  /** Minibatch size B (< samples) and the seed of its draws; absent: full batch. */
  batch?: { size: number; seed: number };
  /** The seed of Perturbed GD's kicks. */
  seed?: number;
}

/** The updates a network trains with where they differ from the 2D ones (below). */
const NETWORK_UPDATES = new Map<OptimizerDefinition, OptimizerDefinition>([
  [nadam, nadamTorch113],
  [newton, newtonDense],
  [perturbedGd, perturbedGdBall],
]);

/**
 * The update a network trains with: the app's, except NAdam, which follows torch 1.13 as the
 * network reference does (nadam.ts says how the two differ), and the two updates that couple
 * coordinates, Newton and Perturbed GD, in their N-dimensional form (updates.ts).
 */
export function networkUpdate(optimizer: OptimizerDefinition): OptimizerDefinition {
  return NETWORK_UPDATES.get(optimizer) ?? optimizer;
}

export class NetworkRun {
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  /** Steps taken. */
  steps = 0;
  /** L(θ) over all samples at the current θ. */
  loss: number;
  /** The step i at which θ, L or ∇L first was not finite (the run stops there), or −1. */
  divergedAt = -1;
  /** Closure evaluations so far (the recorded evaluation before each step counts as one). */
  evaluations = 0;
  private readonly setup: NetworkRunSetup;
  private readonly optimizer: OptimizerDefinition;
  private readonly scheduled: ScheduledParams;
  private readonly ctx: StepContext & { t: number };
  private readonly sampler: MinibatchSampler | null;
  private readonly lossBox: Float64Array;

  constructor(setup: NetworkRunSetup) {
    const { network, params } = setup;
    const optimizer = networkUpdate(setup.optimizer);
    this.optimizer = optimizer;
    const issue = networkOptimizerIssue(optimizer, network.count);
    if (issue !== null) throw new Error(issue);
    this.setup = setup;
    const n = network.count;
    this.theta = Float64Array.from(setup.init);
    this.grad = new Float64Array(n);
    this.scheduled = new ScheduledParams(params, setup.schedule);
    this.sampler = setup.batch
      ? new MinibatchSampler(identityOrder(network.size), setup.batch.size)
      : null;
    this.lossBox = new Float64Array(1);
    const seed = setup.seed ?? 0;
    const closureGrad = new Float64Array(n);
    this.ctx = {
      n,
      dim: n,
      theta: this.theta,
      grad: this.grad,
      active: new Uint8Array((n + 1) >> 1).fill(1),
      t: 0,
      state: createOptimizerState(optimizer, params, n),
      hessian: optimizer.needsHessian ? new Float64Array(n * n) : null,
      // Perturbed GD's draws for step t: 2N + 2 per step, keyed so no two steps share one.
      uniform: optimizer.needsRandom
        ? (particle, draw) =>
            hashUniform(
              seed,
              RANDOM_STREAMS.perturbation,
              particle,
              this.ctx.t * (2 * n + 2) + draw,
            )
        : null,
      closure: optimizer.needsClosure
        ? (_particle, point, out) => {
            this.evaluations++;
            const f = network.lossAndGradient(point, closureGrad);
            out.set(closureGrad);
            return f;
          }
        : null,
      loss: optimizer.needsClosure ? this.lossBox : null,
    };
    this.loss = this.evaluate();
  }

  /** The lr the next step uses. */
  get lr(): number {
    return this.scheduled.lr;
  }

  /** Why the schedule stopped where torch would raise, or null. */
  get scheduleEnded(): string | null {
    return this.scheduled.ended;
  }

  get diverged(): boolean {
    return this.divergedAt >= 0;
  }

  /**
   * One `opt.step(closure)` then `sched.step()`, from the loss and gradient at θ already computed;
   * then L and ∇L at the new θ. Does nothing once diverged.
   */
  step(): void {
    if (this.diverged) return;
    const { network, batch } = this.setup;
    const optimizer = this.optimizer;
    const params = this.scheduled.params;
    const ctx = this.ctx;
    if (this.sampler && batch) {
      // The batch gradient replaces the full one the optimizer would otherwise see.
      this.sampler.draw(batch.seed, 0, this.steps, 0, network.size, batch.size);
      network.lossAndGradient(this.theta, this.grad, this.sampler.order, 0, batch.size);
      this.sampler.restore(0, batch.size);
    }
    if (ctx.hessian) hessianByDifferences(network, this.theta, ctx.hessian);
    ctx.t = this.steps + 1;
    this.lossBox[0] = this.loss;
    prepareGradient(optimizer, params, this.theta, this.grad, ctx.active);
    optimizer.step(params, ctx);
    this.scheduled.advance(this.loss);
    this.steps++;
    this.loss = this.evaluate();
  }

  /** L and ∇L at θ over all samples; marks the run diverged when any number is not finite. */
  private evaluate(): number {
    const loss = this.setup.network.lossAndGradient(this.theta, this.grad);
    this.evaluations++;
    let finite = loss - loss === 0;
    for (let p = 0; finite && p < this.theta.length; p++) {
      finite = this.theta[p] - this.theta[p] + (this.grad[p] - this.grad[p]) === 0;
    }
    if (!finite) this.divergedAt = this.steps;
    return loss;
  }
}
