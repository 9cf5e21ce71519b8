import { lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.SGD. With μ = momentum, τ = dampening, g the prepared gradient:
 *   μ ≠ 0: b ← g on the first step, afterwards b ← μ·b + (1 − τ)·g;
 *          d = g + μ·b (nesterov) or d = b;
 *   θ ← θ − γ·d.
 * The buffer holds gradients, not steps: lr stays outside it, as in torch.
 * State: [0] momentum buffer b.
 */
export const sgd: OptimizerDefinition = {
  name: 'SGD',
  label: 'SGD',
  description:
    'Steps straight down the slope: the new point is the old one minus the learning rate times ' +
    'the gradient. With momentum it keeps a running velocity; Nesterov looks ahead along it.',
  pros: 'Simple and cheap, and what it finds often generalises well.',
  cons: 'One learning rate for every direction: crawls on plateaus, zig-zags across ravines.',
  params: [
    lrSpec(1e-3),
    {
      name: 'momentum',
      label: 'momentum',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 0.99],
      help: 'How much of the previous velocity μ carries over to the next step (0 = plain SGD).',
    },
    {
      name: 'dampening',
      label: 'dampening',
      kind: 'number',
      default: 0,
      // torch does not check dampening; outside [0, 1] it would flip or amplify the gradient.
      min: 0,
      max: 1,
      help: 'The fraction τ of each new gradient left out of the velocity.',
    },
    weightDecaySpec(0),
    {
      name: 'nesterov',
      label: 'Nesterov',
      kind: 'boolean',
      default: false,
      help: 'Use the gradient plus the velocity ahead (needs momentum > 0 and no dampening).',
    },
    maximizeSpec,
  ],
  stateSlots: 1,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  crossCheck(params: Params) {
    // torch: "Nesterov momentum requires a momentum and zero dampening".
    if (params.nesterov === true && !((params.momentum as number) > 0 && params.dampening === 0)) {
      return [{ param: 'nesterov', message: 'Nesterov needs momentum > 0 and dampening = 0' }];
    }
    return [];
  },
  // #region step
  step(params: Params, ctx: StepContext): void {
    const lr = params.lr as number;
    const momentum = params.momentum as number;
    const { n, theta, grad, active } = ctx;
    const negLr = -lr;
    if (momentum === 0) {
      for (let i = 0; i < n; i++) {
        if (active[i >> 1] !== 0) theta[i] += negLr * grad[i];
      }
      return;
    }
    const keep = 1 - (params.dampening as number);
    const nesterov = params.nesterov === true;
    // torch creates the buffer as a copy of the first gradient rather than decaying zeros.
    const first = ctx.t === 1;
    const buf = ctx.state[0];
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      const b = first ? g : buf[i] * momentum + keep * g;
      buf[i] = b;
      theta[i] += negLr * (nesterov ? g + momentum * b : b);
    }
  },
  // #endregion
};
