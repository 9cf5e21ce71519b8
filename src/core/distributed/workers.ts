/**
 * The simulated cluster behind a DistributedSGD run: per particle (each start point trains its own
 * model), K workers compute gradients at the shared parameters, compress them into messages, and
 * the server averages the messages into the gradient the optimizer steps with.
 *
 * Sharding: worker k owns samples k, k + K, k + 2K, … and draws its minibatches (without
 * replacement) from them only, keyed by (scene seed, particle, worker, step). The server weights
 * each message by the number of samples behind it, so with whole shards the average is exactly the
 * full-data gradient (up to rounding), whatever N mod K.
 */
import type { Dataset } from '../data/dataset.ts';
import { MinibatchSampler, minibatchKey } from '../data/minibatch.ts';
import { hashNormal, RANDOM_STREAMS } from '../random.ts';
import type { GradientNoise, GradientSource } from '../sim/gradientSource.ts';
import { StepHistory } from '../sim/history.ts';
import { bytesPerValue, compress, type Compression } from './compression.ts';

export interface ClusterSetup {
  /** The samples behind the surface, or null: then workers see the exact gradient plus noise. */
  dataset: Dataset | null;
  particles: number;
  workers: number;
  batchSize: number;
  compression: Compression;
  noise: GradientNoise;
}

export class DistributedGradient implements GradientSource {
  readonly historyBytesPerParticleStep = 8;
  readonly workers: number;
  readonly compression: Compression;
  /** Per step 0 … steps, per particle: values all its workers sent up to that step. */
  readonly valuesSent: StepHistory;
  /** What each worker computed but has not sent, at ((particle · K) + worker) · 2 + coordinate. */
  readonly residuals: Float64Array;
  /** Same layout: the sum of every gradient each worker computed (the ledger's "in"). */
  readonly computedTotals: Float64Array;
  /** Same layout: the sum of every value each worker sent (the ledger's "out"). */
  readonly sentTotals: Float64Array;

  private readonly dataset: Dataset | null;
  private readonly noise: GradientNoise;
  private readonly sampler: MinibatchSampler | null;
  private readonly shardStart: Int32Array;
  private readonly shardSize: Int32Array;
  private readonly batch: Int32Array;
  private readonly weights: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly gradient = new Float64Array(2);
  private readonly message = new Float64Array(2);

  constructor({ dataset, particles, workers, batchSize, compression, noise }: ClusterSetup) {
    this.dataset = dataset;
    this.noise = noise;
    this.workers = workers;
    this.compression = compression;
    this.residuals = new Float64Array(particles * workers * 2);
    this.computedTotals = new Float64Array(particles * workers * 2);
    this.sentTotals = new Float64Array(particles * workers * 2);
    this.cumulative = new Float64Array(particles);
    this.valuesSent = new StepHistory(particles);
    this.valuesSent.push(this.cumulative);

    this.shardStart = new Int32Array(workers);
    this.shardSize = new Int32Array(workers);
    this.batch = new Int32Array(workers).fill(1);
    this.weights = new Float64Array(workers).fill(1 / workers);
    this.sampler = null;
    if (dataset) {
      const order = new Int32Array(dataset.size);
      let filled = 0;
      for (let k = 0; k < workers; k++) {
        this.shardStart[k] = filled;
        for (let i = k; i < dataset.size; i += workers) order[filled++] = i;
        this.shardSize[k] = filled - this.shardStart[k];
        this.batch[k] = Math.min(batchSize, this.shardSize[k]);
      }
      let samples = 0;
      for (let k = 0; k < workers; k++) samples += this.batch[k];
      for (let k = 0; k < workers; k++) this.weights[k] = this.batch[k] / samples;
      this.sampler = new MinibatchSampler(order, Math.max(...this.batch));
    }
  }

  /** Bytes one sent value costs in this run's mode. */
  get bytesPerValue(): number {
    return bytesPerValue(this.compression.mode);
  }

  /** Values one model's workers sent up to `step`, averaged over the particles (start points). */
  meanValuesSent(step: number): number {
    const { valuesSent } = this;
    let sum = 0;
    for (let p = 0; p < valuesSent.width; p++) sum += valuesSent.get(step, p);
    return sum / Math.max(1, valuesSent.width);
  }

  /** What dense messages would have cost one model up to `step`: every coordinate, every worker. */
  denseValues(step: number): number {
    return 2 * this.workers * step;
  }

  estimate(theta: Float64Array, grad: Float64Array, active: Uint8Array, step: number): void {
    const { workers, weights, gradient, message, residuals, computedTotals, sentTotals } = this;
    for (let p = 0; p < active.length; p++) {
      if (!active[p]) continue;
      let sum0 = 0;
      let sum1 = 0;
      for (let k = 0; k < workers; k++) {
        this.workerGradient(p, k, theta, grad, step);
        const at = 2 * (p * workers + k);
        this.cumulative[p] += compress(
          this.compression,
          gradient[0],
          gradient[1],
          residuals,
          at,
          message,
        );
        computedTotals[at] += gradient[0];
        computedTotals[at + 1] += gradient[1];
        sentTotals[at] += message[0];
        sentTotals[at + 1] += message[1];
        sum0 += weights[k] * message[0];
        sum1 += weights[k] * message[1];
      }
      grad[2 * p] = sum0;
      grad[2 * p + 1] = sum1;
    }
    this.valuesSent.push(this.cumulative);
  }

  /** Worker k's gradient for particle p into `this.gradient`; grad still holds the exact one. */
  private workerGradient(
    p: number,
    k: number,
    theta: Float64Array,
    grad: Float64Array,
    step: number,
  ): void {
    const { dataset, sampler, gradient, noise } = this;
    if (dataset && sampler) {
      const start = this.shardStart[k];
      const count = this.batch[k];
      // A whole shard needs no drawing; its samples in order give the same mean.
      const whole = count === this.shardSize[k];
      const key = minibatchKey(p, k);
      if (!whole) sampler.draw(noise.seed, key, step, start, this.shardSize[k], count);
      dataset.batchGradient(
        theta[2 * p],
        theta[2 * p + 1],
        sampler.order,
        start,
        count,
        gradient,
        0,
      );
      if (!whole) sampler.restore(start, count);
      return;
    }
    gradient[0] = grad[2 * p];
    gradient[1] = grad[2 * p + 1];
    if (noise.sigma > 0) {
      const key = minibatchKey(p, k);
      gradient[0] +=
        noise.sigma * hashNormal(noise.seed, RANDOM_STREAMS.workerNoise, key, 2 * step);
      gradient[1] +=
        noise.sigma * hashNormal(noise.seed, RANDOM_STREAMS.workerNoise, key, 2 * step + 1);
    }
  }
}
