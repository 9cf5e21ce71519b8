/**
 * Measures what compression saves: the same distributed run (surface, start, workers, batches,
 * seed) once dense and once per compression setting, reporting values and bytes sent and the loss
 * reached. Used by the tests that back the numbers in the docs and by `bench/communication.ts`.
 */
import { resolveParams } from '../optimizers/params.ts';
import { Run } from '../sim/run.ts';
import { getSurface } from '../surfaces/index.ts';
import { compressionOf, describeCompression } from './compression.ts';
import { distributedSgd } from './distributedSgd.ts';
import { DistributedGradient } from './workers.ts';

export interface CommunicationExperiment {
  surface: string;
  lr: number;
  workers: number;
  batchSize: number;
  steps: number;
  seed: number;
  /** Compression settings to compare with dense, e.g. { threshold: 1 } or { top_k: 1 }. */
  settings: readonly { threshold?: number; top_k?: number }[];
}

export interface CommunicationResult {
  /** "dense", "threshold τ=1", "top-1". */
  mode: string;
  valuesSent: number;
  bytesSent: number;
  /** Full-data loss after the last step. */
  finalLoss: number;
  /** Dense's values (bytes) divided by this run's: how many times fewer were sent. */
  fewerValues: number;
  fewerBytes: number;
  /** (final loss − dense's final loss) / dense's final loss. */
  lossChange: number;
  /** Final loss minus the surface's minimum: the part of the loss training can still remove. */
  excessLoss: number;
}

/**
 * One particle from the surface's default start; the first row is dense itself. Needs
 * `sampledGradients` (core/data/sampledGradients.ts) loaded.
 */
export function measureCommunication(experiment: CommunicationExperiment): CommunicationResult[] {
  const surface = getSurface(experiment.surface);
  if (!surface) throw new Error(`no surface ${experiment.surface}`);
  const { lr, workers, batchSize, steps, seed } = experiment;
  const outcomes = [{}, ...experiment.settings].map((setting) => {
    const resolved = resolveParams(distributedSgd, {
      lr,
      workers,
      batch_size: batchSize,
      ...setting,
    });
    if (!resolved.ok) throw new Error(resolved.errors.join('; '));
    const run = new Run({
      surface,
      optimizer: distributedSgd,
      params: resolved.params,
      starts: Float64Array.from(surface.defaultStart),
      noise: { sigma: 0, seed },
    });
    run.advanceTo(steps);
    const source = run.gradientSource as DistributedGradient;
    const valuesSent = source.valuesSent.get(steps, 0);
    return {
      mode: describeCompression(compressionOf(resolved.params)),
      valuesSent,
      bytesSent: valuesSent * source.bytesPerValue,
      finalLoss: run.losses.get(steps, 0),
    };
  });
  const dense = outcomes[0];
  const lowest = surface.minima.length > 0 ? surface.minima[0].value : NaN;
  return outcomes.map((outcome) => ({
    ...outcome,
    excessLoss: outcome.finalLoss - lowest,
    fewerValues: dense.valuesSent / outcome.valuesSent,
    fewerBytes: dense.bytesSent / outcome.bytesSent,
    lossChange: (outcome.finalLoss - dense.finalLoss) / dense.finalLoss,
  }));
}
