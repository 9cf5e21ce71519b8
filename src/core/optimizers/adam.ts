import { applyDecoupledWeightDecay } from './prepare.ts';
import {
  betasSpec,
  decoupledWeightDecaySpec,
  epsSpec,
  lrSpec,
  maximizeSpec,
  weightDecaySpec,
} from './specs.ts';
import { computedOnce } from './computedOnce.ts';
import { lerp } from './torchMath.ts';
import type { OptimizerDefinition, ParamSpec, Params, StepContext } from './types.ts';

/**
 * Adam's hyperparameters. AdamW shares them with a different weight-decay default; only Adam has
 * torch's (≥ 2.6) `decoupled_weight_decay` flag, which turns it into AdamW.
 */
export function adamParams(weightDecay: number, decoupledFlag: boolean): ParamSpec[] {
  return [
    lrSpec(1e-3),
    betasSpec,
    epsSpec(1e-8),
    weightDecaySpec(weightDecay),
    {
      name: 'amsgrad',
      label: 'AMSGrad',
      kind: 'boolean',
      default: false,
      help: 'Divide by the largest second moment seen so far, so steps can never grow back.',
    },
    ...(decoupledFlag ? [decoupledWeightDecaySpec] : []),
    maximizeSpec,
  ];
}

/**
 * torch.optim.Adam and AdamW, one update (`def` and `decoupled_weight_decay` say whether the
 * weight decay is decoupled):
 *   AdamW: θ ← θ·(1 − γλ) first;
 *   m ← β₁m + (1 − β₁)g (torch's lerp);  v ← β₂v + (1 − β₂)g²;
 *   bc₁ = 1 − β₁ᵗ, bc₂ = 1 − β₂ᵗ;  v̂ = max(v̂, v) with amsgrad (of the raw v), else v̂ = v;
 *   θ ← θ − (γ/bc₁)·m / (√v̂/√bc₂ + ε).
 * eps is added after the bias correction (TF.js adds it before). State: [0] m, [1] v, [2] max v.
 */
// #region step
export function adamStep(def: OptimizerDefinition, params: Params, ctx: StepContext): void {
  applyDecoupledWeightDecay(def, params, ctx);
  const [beta1, beta2] = params.betas as readonly [number, number];
  const eps = params.eps as number;
  const amsgrad = params.amsgrad === true;
  const bc2Sqrt = computedOnce(Math.sqrt(1 - beta2 ** ctx.t));
  const negStepSize = computedOnce(-((params.lr as number) / (1 - beta1 ** ctx.t)));
  const w1 = 1 - beta1;
  const w2 = 1 - beta2;
  const { n, theta, grad, active } = ctx;
  const [expAvg, expAvgSq, maxExpAvgSq] = ctx.state;
  for (let i = 0; i < n; i++) {
    if (active[i >> 1] === 0) continue;
    const g = grad[i];
    const m = lerp(expAvg[i], g, w1);
    expAvg[i] = m;
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    let v = expAvgSq[i] * beta2 + w2 * g * g;
    expAvgSq[i] = v;
    if (amsgrad) {
      v = Math.max(maxExpAvgSq[i], v); // NaN-propagating, like torch.maximum
      maxExpAvgSq[i] = v;
    }
    // torch: param.addcdiv_(exp_avg, denom, value=-step_size)
    theta[i] += (negStepSize * m) / (Math.sqrt(v) / bc2Sqrt + eps);
  }
}
// #endregion

export const adam: OptimizerDefinition = {
  name: 'Adam',
  label: 'Adam',
  description:
    'Momentum plus RMSProp: it follows a running average of the gradient and divides by the root ' +
    'of a running average of squared gradients, with a correction for both starting at zero.',
  pros: 'Robust defaults and a fast start; the step size is about lr in every direction.',
  cons: 'Keeps two numbers per parameter and can settle on worse points than tuned SGD.',
  params: adamParams(0, true),
  stateSlots: 3,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  step: (params, ctx) => adamStep(adam, params, ctx),
};
