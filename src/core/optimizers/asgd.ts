import { lrSpec, maximizeSpec, weightDecaySpec } from './specs.ts';
import { computedOnce } from './computedOnce.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.ASGD (averaged SGD, Polyak–Juditsky). With λ = lambd, α = alpha, t the step count
 * and γ the lr at that step:
 *   θ ← θ·(1 − λη) − η·g;
 *   ax ← θ while μ = 1, afterwards ax ← ax + μ·(θ − ax)   (the running average ASGD returns);
 *   then η ← γ / (1 + λγt)^α and μ ← 1 / max(1, t − t0) for the next step (η starts at γ, μ at 1).
 * torch keeps η and μ in tensors of the default dtype, float32 unless changed, so both are rounded
 * to float32 (Math.fround) exactly where torch rounds them; the reference runs need it to 1e-8.
 * State: [0] ax, [1] η, [2] μ (the same in every coordinate; kept per coordinate like all state).
 */
export const asgd: OptimizerDefinition = {
  name: 'ASGD',
  label: 'ASGD',
  description:
    'SGD whose step size slowly decays, plus a running average of the points it visits (the ' +
    'hollow marker): after t0 steps the average, not the last point, is the answer.',
  pros: 'Averaging cancels the jitter of noisy gradients, with theory to back it.',
  cons: 'With torch’s default t0 = 10⁶ the average is just the last point; t0 must be tuned.',
  params: [
    lrSpec(1e-2),
    {
      name: 'lambd',
      label: 'lambd (decay)',
      kind: 'number',
      default: 1e-4,
      // torch does not check lambd, alpha or t0; negative values would grow the step without end.
      min: 0,
      range: [0, 0.1],
      help: 'How fast the step size η decays, and the shrink factor (1 − λη) applied to θ each step.',
    },
    {
      name: 'alpha',
      label: 'alpha (power)',
      kind: 'number',
      default: 0.75,
      min: 0,
      range: [0, 1],
      help: 'The power in η = lr / (1 + λ·lr·t)^α.',
    },
    {
      name: 't0',
      label: 't0 (averaging starts)',
      kind: 'number',
      default: 1e6,
      min: 0,
      range: [0, 1000],
      help: 'The step after which the running average starts to average instead of following θ.',
    },
    weightDecaySpec(0),
    maximizeSpec,
  ],
  stateSlots: 3,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  averageSlot: 0,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const lr = params.lr as number;
    const lambd = params.lambd as number;
    const { n, theta, grad, active, t } = ctx;
    const [ax, etas, mus] = ctx.state;
    // For the next step, computed as torch does: lr / (1 + λ·lr·t)^α and 1 / max(1, t − t0).
    const nextEta = computedOnce(
      Math.fround(lr / Math.pow(1 + lambd * lr * t, params.alpha as number)),
    );
    const late = t - (params.t0 as number);
    const nextMu = Math.fround(1 / (late > 1 ? late : 1));
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      const eta = t === 1 ? Math.fround(lr) : etas[i];
      const mu = t === 1 ? 1 : mus[i];
      const p = theta[i] * (1 - lambd * eta) + -eta * grad[i];
      theta[i] = p;
      ax[i] = mu !== 1 ? ax[i] + (p - ax[i]) * mu : p;
      etas[i] = nextEta;
      mus[i] = nextMu;
    }
  },
  // #endregion
};
