/**
 * Which gradient a run's optimizer sees. The run loop asks once, when it starts; null means the
 * exact gradient (plus the scene's Gaussian noise, added by the run itself).
 */
import { distributedSgd } from '../distributed/distributedSgd.ts';
import type { OptimizerDefinition, Params } from '../optimizers/types.ts';
import type { GradientNoise, GradientSource } from '../sim/gradientSource.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';
import { datasetOf } from './dataset.ts';
import { sampledGradients } from './sampledGradients.ts';

export interface GradientSourceContext {
  surface: SurfaceFunctions;
  optimizer: OptimizerDefinition;
  params: Params;
  particles: number;
  noise: GradientNoise;
  /** The scene's minibatch size for dataset surfaces; undefined (or ≥ N) = the full batch. */
  batchSize?: number;
}

/**
 * DistributedSGD always brings its cluster (with its own `batch_size`); any other optimizer on a
 * dataset surface gets minibatches when the scene asks for fewer samples than the dataset holds.
 * Both need `sampledGradients` loaded (see partsToRun).
 */
export function createGradientSource(context: GradientSourceContext): GradientSource | null {
  const { surface, optimizer, params, particles, noise, batchSize } = context;
  const dataset = datasetOf(surface);
  if (optimizer === distributedSgd) {
    const { DistributedGradient, compressionOf } = sampledGradients.get();
    return new DistributedGradient({
      dataset,
      particles,
      noise,
      workers: params.workers as number,
      batchSize: params.batch_size as number,
      compression: compressionOf(params),
    });
  }
  if (dataset && batchSize !== undefined && batchSize < dataset.size) {
    const { MinibatchGradient } = sampledGradients.get();
    return new MinibatchGradient(dataset, batchSize, noise);
  }
  return null;
}
