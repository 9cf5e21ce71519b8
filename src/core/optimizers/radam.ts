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
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.RAdam:
 *   m, v as Adam;  m̂ = m/bc₁;  ρ∞ = 2/(1 − β₂) − 1;  ρ_t = ρ∞ − 2tβ₂ᵗ/bc₂;
 *   ρ_t > 5: r = √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t)),
 *            θ ← θ − γ·m̂·√bc₂/(√v + ε)·r;
 *   else     θ ← θ − γ·m̂  (the variance estimate is too young: plain momentum steps, unscaled).
 * State: [0] m, [1] v.
 */
export const radam: OptimizerDefinition = {
  name: 'RAdam',
  label: 'RAdam',
  description:
    'Adam with a warm-up built in: while too few gradients have been seen to trust their spread, ' +
    'it takes plain momentum steps, then blends Adam’s scaling in gradually.',
  pros: 'Avoids Adam’s erratic first steps without a hand-made warm-up schedule.',
  cons: 'The first few steps are unnormalised, so a steep start can throw it far.',
  params: [
    lrSpec(1e-3),
    betasSpec,
    epsSpec(1e-8),
    weightDecaySpec(0),
    decoupledWeightDecaySpec,
    maximizeSpec,
  ],
  stateSlots: 2,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  // #region step
  step(params: Params, ctx: StepContext): void {
    applyDecoupledWeightDecay(radam, params, ctx);
    const lr = params.lr as number;
    const [beta1, beta2] = params.betas as readonly [number, number];
    const eps = params.eps as number;
    const t = ctx.t;
    const bc1 = computedOnce(1 - beta1 ** t);
    const beta2t = computedOnce(beta2 ** t);
    const bc2 = 1 - beta2t;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * t * beta2t) / bc2;
    const rectified = rhoT > 5;
    const rect = computedOnce(
      rectified
        ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
        : 0,
    );
    const bc2Sqrt = computedOnce(Math.sqrt(bc2));
    const w1 = 1 - beta1;
    const w2 = 1 - beta2;
    const { n, theta, grad, active } = ctx;
    const [expAvg, expAvgSq] = ctx.state;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const g = grad[i];
      const m = lerp(expAvg[i], g, w1);
      expAvg[i] = m;
      const v = expAvgSq[i] * beta2 + w2 * g * g;
      expAvgSq[i] = v;
      // torch: (bias_corrected_exp_avg * lr * adaptive_lr * rect), added with alpha = -1.
      const momentumStep = (m / bc1) * lr;
      theta[i] -= rectified ? momentumStep * (bc2Sqrt / (Math.sqrt(v) + eps)) * rect : momentumStep;
    }
  },
  // #endregion
};
