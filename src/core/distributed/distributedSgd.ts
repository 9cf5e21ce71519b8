import { lrSpec } from '../optimizers/specs.ts';
import type { OptimizerDefinition, Params, StepContext } from '../optimizers/types.ts';

/** The most workers a DistributedSGD run may have (its minibatch streams are keyed apart by them). */
export const MAX_WORKERS = 16;

/**
 * Data-parallel SGD on a simulated cluster: `workers` machines each compute a gradient at the shared
 * parameters (a minibatch of `batch_size` samples from their own shard of the dataset; on surfaces
 * without data, the exact gradient plus each worker's own draw of the scene's gradient noise), send
 * it to a parameter server — densely, or compressed by a threshold or top-k with the unsent rest
 * kept for later (compression.ts) — and the server takes one step θ ← θ − γ·ḡ with the average ḡ of
 * what arrived, weighted by the samples behind each gradient.
 *
 * The workers, shards and messages live in the run's gradient source (workers.ts), which the run
 * creates for this optimizer; this definition only takes the server's step. Not a torch class.
 */
export const distributedSgd: OptimizerDefinition = {
  name: 'DistributedSGD',
  label: 'Distributed SGD',
  description:
    'Several workers each compute a gradient on their own share of the data and send it to a ' +
    'server, which averages what arrives and takes one SGD step. Sending less saves bandwidth.',
  pros: 'Spreads the gradient work over machines; thresholds and top-k cut the traffic many times.',
  cons: 'Every step waits for messages; compressed updates arrive late and add their own noise.',
  params: [
    lrSpec(0.02),
    {
      name: 'workers',
      label: 'workers',
      kind: 'number',
      default: 4,
      min: 2,
      max: MAX_WORKERS,
      integer: true,
      help: 'How many machines compute gradients in parallel, each on its own shard of the data.',
    },
    {
      name: 'batch_size',
      label: 'batch size',
      kind: 'number',
      default: 10,
      min: 1,
      integer: true,
      range: [1, 100],
      help: 'Samples in each worker’s minibatch; its whole shard when larger. No effect without data.',
    },
    {
      name: 'threshold',
      label: 'threshold τ',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 5],
      help: 'Send a coordinate only once the worker’s unsent gradient sum reaches τ (0 = every step).',
    },
    {
      name: 'top_k',
      label: 'top-k',
      kind: 'number',
      default: 0,
      min: 0,
      max: 2,
      integer: true,
      help: 'Send only the k largest unsent coordinates each step, keeping the rest (0 = off).',
    },
  ],
  stateSlots: 0,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  crossCheck(params: Params) {
    if ((params.threshold as number) > 0 && (params.top_k as number) > 0) {
      return [{ param: 'top_k', message: 'choose a threshold or top-k, not both (set one to 0)' }];
    }
    return [];
  },
  // #region step
  step(params: Params, ctx: StepContext): void {
    const negLr = -(params.lr as number);
    const { n, theta, grad, active } = ctx;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] !== 0) theta[i] += negLr * grad[i];
    }
  },
  // #endregion
};
