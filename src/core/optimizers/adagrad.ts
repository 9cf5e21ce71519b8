import { epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.Adagrad. With η = lr_decay:
 *   γ_t = γ / (1 + (t − 1)·η);  s ← s + g²;  θ ← θ − γ_t·g / (√s + ε).
 * eps sits outside the root (Keras puts it inside). State: [0] sum of squares s, which starts at
 * initial_accumulator_value.
 */
export const adagrad: OptimizerDefinition = {
  name: 'Adagrad',
  label: 'Adagrad',
  description:
    'Gives every parameter its own step size: the learning rate is divided by the root of the ' +
    'sum of all its squared gradients so far, so steep directions take small steps.',
  pros: 'Per-parameter rates without tuning; rarely-moving (sparse) parameters keep large steps.',
  cons: 'The sum only grows, so every rate shrinks towards zero and learning can stall early.',
  params: [
    lrSpec(1e-2),
    {
      name: 'lr_decay',
      label: 'learning-rate decay',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 1],
      help: 'Shrinks the learning rate over time: γ / (1 + (t − 1)·η).',
    },
    weightDecaySpec(0),
    {
      name: 'initial_accumulator_value',
      label: 'initial accumulator',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 1],
      help: 'Starting value of the sum of squared gradients (Keras starts at 0.1).',
    },
    epsSpec(1e-10),
    maximizeSpec,
  ],
  stateSlots: 1,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  init(params: Params, state: readonly Float64Array[]): void {
    state[0].fill(params.initial_accumulator_value as number);
  },
  // #region step
  step(params: Params, ctx: StepContext): void {
    const eps = params.eps as number;
    const negClr = -((params.lr as number) / (1 + (ctx.t - 1) * (params.lr_decay as number)));
    const { n, theta, grad, active } = ctx;
    const sum = ctx.state[0];
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      const s = sum[i] + g * g;
      sum[i] = s;
      // torch: param.addcdiv_(grad, std, value=-clr), i.e. θ + (−γ_t·g) / std.
      theta[i] += (negClr * g) / (Math.sqrt(s) + eps);
    }
  },
  // #endregion
};
