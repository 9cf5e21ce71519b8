import { hashNormal, RANDOM_STREAMS } from '../random.ts';

export interface GradientNoise {
  /** Standard deviation of the Gaussian added to each gradient coordinate; 0 for exact gradients. */
  sigma: number;
  seed: number;
}

/**
 * Where a run's optimizer gets its gradient when that is not the exact ∇f (plus optional Gaussian
 * noise): a minibatch of a dataset, or distributed workers whose messages are compressed. The run
 * loop only calls `estimate`; what the estimate is, and what it records, is the source's business.
 */
export interface GradientSource {
  /**
   * Overwrites `grad` — on entry the exact gradient at `theta` for every active particle — with the
   * estimate the optimizer uses for step `step` (0 = the step away from the start). Called once per
   * step, even when no particle is active, so per-step records stay aligned with the run's history.
   * Allocation-free, and a pure function of the scene's seed, the particle and the step.
   */
  estimate(theta: Float64Array, grad: Float64Array, active: Uint8Array, step: number): void;
  /** Bytes the source records per particle-step, for the simulation's memory budget. */
  readonly historyBytesPerParticleStep: number;
}

/**
 * Adds σ·N(0, 1) to each coordinate of every active particle, keyed by (seed, particle, step) so it
 * never depends on the order of computation.
 */
export function addGradientNoise(
  grad: Float64Array,
  active: Uint8Array,
  { sigma, seed }: GradientNoise,
  step: number,
): void {
  for (let p = 0; p < active.length; p++) {
    if (!active[p]) continue;
    grad[2 * p] += sigma * hashNormal(seed, RANDOM_STREAMS.gradientNoise, p, 2 * step);
    grad[2 * p + 1] += sigma * hashNormal(seed, RANDOM_STREAMS.gradientNoise, p, 2 * step + 1);
  }
}
