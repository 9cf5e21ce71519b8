import { lerp } from './torchMath.ts';
import { epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.RMSprop. With α = alpha, μ = momentum:
 *   v ← α·v + (1 − α)·g²;
 *   centered: ḡ ← α·ḡ + (1 − α)·g (torch's lerp) and d = √(v − ḡ²) + ε, else d = √v + ε;
 *   μ > 0: b ← μ·b + g/d, θ ← θ − γ·b;  otherwise θ ← θ − γ·g/d.
 * No bias correction, so the first steps are large (v starts at 0).
 * State: [0] v, [1] ḡ, [2] momentum buffer b.
 */
export const rmsprop: OptimizerDefinition = {
  name: 'RMSprop',
  label: 'RMSProp',
  description:
    'Like Adagrad, divides each step by the root of the recent squared gradients, but keeps a ' +
    'moving average instead of a growing sum, so the step size never dies out.',
  pros: 'Per-parameter rates that stay alive; handles ravines and changing slopes well.',
  cons: 'No bias correction, so early steps can jump; sensitive to the decay rate alpha.',
  params: [
    lrSpec(1e-2),
    {
      name: 'alpha',
      label: 'alpha (decay)',
      kind: 'number',
      default: 0.99,
      // torch checks alpha ≥ 0 only; above 1 the average would take negative weights.
      min: 0,
      max: 1,
      help: 'How slowly the average of squared gradients forgets: near 1 means a long memory.',
    },
    epsSpec(1e-8),
    weightDecaySpec(0),
    {
      name: 'momentum',
      label: 'momentum',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 0.99],
      help: 'Velocity carried over between the normalised steps (0 = none).',
    },
    {
      name: 'centered',
      label: 'centered',
      kind: 'boolean',
      default: false,
      help: 'Divide by the gradient’s estimated spread (variance), not its raw second moment.',
    },
    maximizeSpec,
  ],
  stateSlots: 3,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const negLr = -(params.lr as number);
    const alpha = params.alpha as number;
    const eps = params.eps as number;
    const momentum = params.momentum as number;
    const centered = params.centered === true;
    const w = 1 - alpha;
    const { n, theta, grad, active } = ctx;
    const [squareAvg, gradAvg, buf] = ctx.state;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      // torch: square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
      const v = squareAvg[i] * alpha + w * g * g;
      squareAvg[i] = v;
      let avg: number;
      if (centered) {
        const mean = lerp(gradAvg[i], g, w);
        gradAvg[i] = mean;
        avg = Math.sqrt(v - mean * mean) + eps;
      } else {
        avg = Math.sqrt(v) + eps;
      }
      if (momentum > 0) {
        const b = buf[i] * momentum + g / avg;
        buf[i] = b;
        theta[i] += negLr * b;
      } else {
        // torch: param.addcdiv_(grad, avg, value=-lr)
        theta[i] += (negLr * g) / avg;
      }
    }
  },
  // #endregion
};
