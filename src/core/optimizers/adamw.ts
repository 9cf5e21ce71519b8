import { adamParams, adamStep } from './adam.ts';
import type { OptimizerDefinition } from './types.ts';

/** * torch.optim.AdamW: Adam whose weight decay shrinks θ by (1 − γλ) before the step instead of
 * adding λθ to the gradient, so the decay is not rescaled by Adam's per-parameter step size.
 */
export const adamw: OptimizerDefinition = {
  name: 'AdamW',
  label: 'AdamW',
  description:
    'Adam with decoupled weight decay: the parameters are shrunk towards zero directly each ' +
    'step, instead of the decay being mixed into the gradient and rescaled with it.',
  pros: 'Weight decay that behaves the same in every direction; a common default for training.',
  cons: 'One more knob (weight decay, 0.01 by default) that also pulls the minimum towards 0.',
  params: adamParams(1e-2, false),
  stateSlots: 3,
  decoupledWeightDecay: true,
  needsHessian: false,
  needsRandom: false,
  step: (params, ctx) => adamStep(adamw, params, ctx),
};
