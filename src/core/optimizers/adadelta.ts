import { epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.Adadelta. With ρ = rho:
 *   v ← ρv + (1 − ρ)g²;  Δ = √(u + ε) / √(v + ε) · g  (u from before this step);
 *   u ← ρu + (1 − ρ)Δ²;  θ ← θ − γΔ.
 * The ratio of the two roots carries units of θ, which is why lr defaults to 1.
 * State: [0] v (squared gradients), [1] u (squared updates).
 */
export const adadelta: OptimizerDefinition = {
  name: 'Adadelta',
  label: 'Adadelta',
  description:
    'Scales each step by the ratio of recent update sizes to recent gradient sizes, so it needs ' +
    'almost no learning rate: lr = 1 is the default.',
  pros: 'Little tuning, and unlike Adagrad its steps do not shrink to nothing.',
  cons: 'Starts very slowly (the update history begins at zero) and wanders near the minimum.',
  params: [
    lrSpec(1.0),
    {
      name: 'rho',
      label: 'rho (decay)',
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 1,
      help: 'How slowly the running averages of squared gradients and updates forget.',
    },
    epsSpec(1e-6),
    weightDecaySpec(0),
    maximizeSpec,
  ],
  stateSlots: 2,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const negLr = -(params.lr as number);
    const rho = params.rho as number;
    const eps = params.eps as number;
    const w = 1 - rho;
    const { n, theta, grad, active } = ctx;
    const [squareAvg, accDelta] = ctx.state;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      const v = squareAvg[i] * rho + w * g * g;
      squareAvg[i] = v;
      // torch: delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
      const delta = (Math.sqrt(accDelta[i] + eps) / Math.sqrt(v + eps)) * g;
      accDelta[i] = accDelta[i] * rho + w * delta * delta;
      theta[i] += negLr * delta;
    }
  },
  // #endregion
};
