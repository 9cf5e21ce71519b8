import { lrSpec, maximizeSpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.Rprop (resilient backpropagation). Only the sign of the gradient is used; each
 * coordinate keeps its own step size s, with (η₋, η₊) = etas and [s_min, s_max] = step_sizes:
 *   first step: s ← γ (the lr *at that step*: torch reads lr only to seed s, so a schedule that
 *               changes lr later has no effect on Rprop);
 *   g·g_prev > 0: s ← min(s·η₊, s_max);  g·g_prev < 0: s ← max(s·η₋, s_min) and g ← 0;
 *   θ ← θ − sign(g)·s;  g_prev ← g.
 * The zeroed gradient means that after a sign change the coordinate waits one step. No L2 decay:
 * torch's Rprop has no weight_decay. State: [0] g_prev, [1] s.
 */
export const rprop: OptimizerDefinition = {
  name: 'Rprop',
  label: 'Rprop',
  description:
    'Ignores how steep the slope is and looks only at its sign: each coordinate has its own step, ' +
    'which grows while the sign stays the same and shrinks when it flips.',
  pros: 'Immune to badly scaled gradients: plateaus and cliffs get the same step.',
  cons: 'Made for full-batch gradients; noisy signs make the steps collapse.',
  params: [
    lrSpec(1e-2),
    {
      name: 'etas',
      label: 'etas (η₋, η₊)',
      kind: 'pair',
      default: [0.5, 1.2],
      // torch: "Invalid eta values" unless 0 < η₋ < 1 < η₊; crossCheck says which is wrong.
      min: 0,
      minExclusive: true,
      help: 'How much a step shrinks when the gradient’s sign flips (η₋) and grows when it holds (η₊).',
    },
    {
      name: 'step_sizes',
      label: 'step sizes (min, max)',
      kind: 'pair',
      default: [1e-6, 50],
      min: 0,
      help: 'The smallest and largest step any coordinate may take.',
    },
    maximizeSpec,
  ],
  stateSlots: 2,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  crossCheck(params: Params) {
    const [etaMinus, etaPlus] = params.etas as readonly [number, number];
    if (!(etaMinus < 1 && etaPlus > 1)) {
      const message = `Invalid eta values: ${etaMinus}, ${etaPlus} (need 0 < η₋ < 1 < η₊)`;
      return [{ param: 'etas', message }];
    }
    return [];
  },
  // #region step
  step(params: Params, ctx: StepContext): void {
    const [etaMinus, etaPlus] = params.etas as readonly [number, number];
    const [sizeMin, sizeMax] = params.step_sizes as readonly [number, number];
    const { n, theta, grad, active } = ctx;
    const [prev, stepSize] = ctx.state;
    const first = ctx.t === 1;
    const lr = params.lr as number;
    for (let i = 0; i < n; i++) {
      if (active[i >> 1] === 0) continue;
      let g = grad[i];
      const product = g * prev[i];
      // torch: sign = grad.mul(prev).sign(), mapped to η₊ / η₋ / 1; then clamp_(min, max).
      const factor = product > 0 ? etaPlus : product < 0 ? etaMinus : 1;
      const s = first ? lr : stepSize[i];
      stepSize[i] = Math.min(Math.max(s * factor, sizeMin), sizeMax);
      if (product < 0) g = 0;
      // torch: param.addcmul_(grad.sign(), step_size, value=-1)
      theta[i] -= Math.sign(g) * stepSize[i];
      prev[i] = g;
    }
  },
  // #endregion
};
