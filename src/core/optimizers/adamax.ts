import { betasSpec, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import { computedOnce } from './computedOnce.ts';
import { lerp } from './torchMath.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.Adamax:
 *   m ← β₁m + (1 − β₁)g (torch's lerp);  u ← max(β₂u, |g| + ε);  θ ← θ − (γ/(1 − β₁ᵗ))·m/u.
 * u is an exponentially weighted infinity norm, so it needs no bias correction.
 * State: [0] m, [1] u.
 */
export const adamax: OptimizerDefinition = {
  name: 'Adamax',
  label: 'Adamax',
  description:
    'A variant of Adam that divides by a decaying maximum of past gradient sizes instead of the ' +
    'root of their squares.',
  pros: 'Steps are bounded by the learning rate and stay calm after a single huge gradient.',
  cons: 'One outlier gradient keeps steps small until its memory decays.',
  params: [lrSpec(2e-3), betasSpec, epsSpec(1e-8), weightDecaySpec(0), maximizeSpec],
  stateSlots: 2,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const [beta1, beta2] = params.betas as readonly [number, number];
    const eps = params.eps as number;
    const negClr = computedOnce(-((params.lr as number) / (1 - beta1 ** ctx.t)));
    const w1 = 1 - beta1;
    const { n, theta, grad, active } = ctx;
    const [expAvg, expInf] = ctx.state;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      const m = lerp(expAvg[i], g, w1);
      expAvg[i] = m;
      const u = Math.max(expInf[i] * beta2, Math.abs(g) + eps); // NaN-propagating, like torch
      expInf[i] = u;
      theta[i] += (negClr * m) / u;
    }
  },
  // #endregion
};
