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
 * torch.optim.NAdam (PyTorch ≥ 2.0). With ψ = momentum_decay:
 *   μ_t = β₁(1 − ½·0.96^(tψ)), μ_{t+1} likewise;  Π ← Π·μ_t (Π starts at 1);  Π' = Π·μ_{t+1};
 *   m, v as Adam;  d = √(v / (1 − β₂ᵗ)) + ε;
 *   θ ← θ − γ(1 − μ_t)/(1 − Π) · g/d,  then  θ ← θ − γμ_{t+1}/(1 − Π') · m/d.
 * Π is torch's per-run `mu_product`; it is kept per coordinate so that it is plain state like the
 * rest (identical for all particles, which step together). State: [0] m, [1] v, [2] Π.
 *
 * `nadamTorch113` is the same class as torch 1.13 computed it, which the network reference
 * (public-networks.json) was made with: Π' = Π·μ_t·μ_{t+1} (μ_t counted twice, fixed in 2.0), Π
 * and Π' in float32 tensors (the default dtype; μ rounded to float32 before each multiply), and
 * m ← β₁m + (1 − β₁)g by mul_/add_ rather than lerp.
 */
export const nadam: OptimizerDefinition = makeNadam(false);

/** torch 1.13's NAdam (see above); networks train with it, so the CLI matches the reference. */
export const nadamTorch113: OptimizerDefinition = makeNadam(true);

function makeNadam(torch113: boolean): OptimizerDefinition {
  const def: OptimizerDefinition = {
    name: 'NAdam',
    label: 'NAdam',
    description:
      'Adam with Nesterov momentum: the step uses the momentum it is about to have, blending the ' +
      'current gradient with the next running average.',
    pros: 'Often a little faster than Adam along consistent slopes.',
    cons: 'More moving parts (a momentum schedule) for a usually small gain.',
    params: [
      lrSpec(2e-3),
      betasSpec,
      epsSpec(1e-8),
      weightDecaySpec(0),
      {
        name: 'momentum_decay',
        label: 'momentum decay',
        kind: 'number',
        default: 4e-3,
        min: 0,
        range: [0, 0.1],
        help: 'How fast the momentum schedule μ_t rises towards β₁.',
      },
      decoupledWeightDecaySpec,
      maximizeSpec,
    ],
    stateSlots: 3,
    decoupledWeightDecay: false,
    needsHessian: false,
    needsRandom: false,
    init(_params: Params, state: readonly Float64Array[]): void {
      state[2].fill(1);
    },
    // #region step
    step(params: Params, ctx: StepContext): void {
      applyDecoupledWeightDecay(def, params, ctx);
      const negLr = -(params.lr as number);
      const [beta1, beta2] = params.betas as readonly [number, number];
      const eps = params.eps as number;
      const psi = params.momentum_decay as number;
      const t = ctx.t;
      const bc2 = computedOnce(1 - beta2 ** t);
      const mu = computedOnce(beta1 * (1 - 0.5 * 0.96 ** (t * psi)));
      const muNext = computedOnce(beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi)));
      const gradScale = negLr * (1 - mu);
      const avgScale = negLr * muNext;
      const w1 = 1 - beta1;
      const w2 = 1 - beta2;
      const { n, theta, grad, active } = ctx;
      const [expAvg, expAvgSq, muProduct] = ctx.state;
      // Π is the same for every active coordinate, so its two divisions are done once per value.
      let lastProduct = NaN;
      let gradFactor = 0;
      let avgFactor = 0;
      for (let i = 0; i < n; i++) {
        if (active[i >> 1] === 0) continue;
        const product = torch113 ? Math.fround(muProduct[i] * Math.fround(mu)) : muProduct[i] * mu;
        muProduct[i] = product;
        if (product !== lastProduct) {
          lastProduct = product;
          gradFactor = gradScale / (1 - product);
          const productNext = torch113
            ? Math.fround(Math.fround(product * Math.fround(mu)) * Math.fround(muNext))
            : product * muNext;
          avgFactor = avgScale / (1 - productNext);
        }
        const g = grad[i];
        const m = torch113 ? expAvg[i] * beta1 + w1 * g : lerp(expAvg[i], g, w1);
        expAvg[i] = m;
        const v = expAvgSq[i] * beta2 + w2 * g * g;
        expAvgSq[i] = v;
        const denom = Math.sqrt(v / bc2) + eps;
        // torch: two addcdiv_ calls, each θ + (value·x) / denom.
        theta[i] = theta[i] + (gradFactor * g) / denom + (avgFactor * m) / denom;
      }
    },
    // #endregion
  };
  return def;
}
