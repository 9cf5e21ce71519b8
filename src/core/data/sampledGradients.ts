import { distributedSgd } from '../distributed/distributedSgd.ts';
import { onDemand, type OnDemand } from '../onDemand.ts';
import { findOptimizer } from '../optimizers/registry.ts';

/**
 * Minibatch gradients (minibatch.ts) and DistributedSGD's simulated cluster (distributed/workers.ts),
 * which createGradientSource builds. Only scenes with a minibatch size or a DistributedSGD run need
 * them, so they load on demand; Node code (CLI, benchmarks, tests) awaits `load()` before such runs.
 */
export const sampledGradients = onDemand(
  'minibatches and the distributed cluster',
  () => import('./samplers.ts'),
);

/**
 * The parts of the core, loaded on demand, that running a (valid) scene or lab chunk needs beyond
 * its surface: `sampledGradients` for a minibatch size or a DistributedSGD run.
 */
export function partsToRun(scene: {
  runs: readonly { optimizer: string }[];
  batchSize?: number;
}): OnDemand<unknown>[] {
  const sampled =
    scene.batchSize !== undefined ||
    scene.runs.some((run) => findOptimizer(run.optimizer) === distributedSgd);
  return sampled ? [sampledGradients] : [];
}
