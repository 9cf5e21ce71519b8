/**
 * Minibatch gradients: each step, each particle's gradient is the mean over B samples drawn without
 * replacement, so the optimizer sees the noisy estimate real training sees while the history records
 * the full-data loss.
 */
import { hashUniform, RANDOM_STREAMS } from '../random.ts';
import {
  addGradientNoise,
  type GradientNoise,
  type GradientSource,
} from '../sim/gradientSource.ts';
import { MAX_WORKERS } from '../distributed/distributedSgd.ts';
import type { Dataset } from './dataset.ts';

/**
 * The counter key of a (particle, worker) pair's minibatch stream: distributed runs key each
 * worker's minibatches apart; plain runs use worker 0.
 */
export function minibatchKey(particle: number, worker: number): number {
  return particle * MAX_WORKERS + worker;
}

/**
 * Draws uniform random subsets without replacement by a partial Fisher–Yates shuffle of a slice of
 * `order`, undone after use: every draw starts from the same order, so the subset depends only on
 * its keys (seed, stream key, step) — never on earlier draws, other particles or other runs — and
 * costs O(B) without allocating.
 */
export class MinibatchSampler {
  /** Sample indices; `draw` puts its subset at order[start … start + count). */
  readonly order: Int32Array;
  private readonly swaps: Int32Array;

  /** `order` starts as 0 … size − 1 unless given (e.g. samples grouped by shard). */
  constructor(order: Int32Array, maxCount: number) {
    this.order = order;
    this.swaps = new Int32Array(maxCount);
  }

  /** Moves a random `count`-subset of order[start … start + n) to its front. */
  draw(seed: number, key: number, step: number, start: number, n: number, count: number): void {
    const { order, swaps } = this;
    for (let j = 0; j < count; j++) {
      const u = hashUniform(seed, RANDOM_STREAMS.minibatches, key, step * n + j);
      const pick = j + Math.floor(u * (n - j));
      swaps[j] = pick;
      const held = order[start + j];
      order[start + j] = order[start + pick];
      order[start + pick] = held;
    }
  }

  /** Undoes the last `draw` (same start and count), restoring the order it started from. */
  restore(start: number, count: number): void {
    const { order, swaps } = this;
    for (let j = count - 1; j >= 0; j--) {
      const pick = swaps[j];
      const held = order[start + j];
      order[start + j] = order[start + pick];
      order[start + pick] = held;
    }
  }
}

/** 0, 1, …, size − 1. */
export function identityOrder(size: number): Int32Array {
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  return order;
}

/**
 * The gradient of B random samples instead of all N (B < N; a full batch needs no source). The
 * scene's Gaussian noise, if any, is added on top. Minibatches are keyed by particle, not by run, so
 * every run of a scene sees the same sequence of samples and differences between runs come from the
 * optimizers, not from the luck of the draw.
 */
export class MinibatchGradient implements GradientSource {
  readonly historyBytesPerParticleStep = 0;
  private readonly sampler: MinibatchSampler;

  constructor(
    private readonly dataset: Dataset,
    readonly batchSize: number,
    private readonly noise: GradientNoise,
  ) {
    this.sampler = new MinibatchSampler(identityOrder(dataset.size), batchSize);
  }

  estimate(theta: Float64Array, grad: Float64Array, active: Uint8Array, step: number): void {
    const { dataset, sampler, batchSize, noise } = this;
    const n = dataset.size;
    for (let p = 0; p < active.length; p++) {
      if (!active[p]) continue;
      sampler.draw(noise.seed, minibatchKey(p, 0), step, 0, n, batchSize);
      dataset.batchGradient(
        theta[2 * p],
        theta[2 * p + 1],
        sampler.order,
        0,
        batchSize,
        grad,
        2 * p,
      );
      sampler.restore(0, batchSize);
    }
    if (noise.sigma > 0) addGradientNoise(grad, active, noise, step);
  }
}
