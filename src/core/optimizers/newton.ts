import { lrSpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * H + λI, scaled so that its largest entry is 1, counts as singular when |det| is at or below this:
 * the solve would amplify rounding by more than ~10¹², and the "step" would be noise. Scaling first
 * keeps the test meaningful for very small or very large curvatures (no underflow or overflow).
 */
export const SINGULAR_TOLERANCE = 1e-12;

/**
 * Damped Newton's method (ours, not torch): θ ← θ − γ·(H + λI)⁻¹·g with the exact Hessian H at θ.
 * On a quadratic bowl with γ = 1, λ = 0 it lands on the minimum in one step.
 *
 * It jumps to where the local quadratic model is flat, which is not necessarily a minimum: on an
 * indefinite H (a saddle such as x² − y²) it heads straight for the saddle. That is the lesson: the
 * curvature tells you where the stationary point is, not whether it is the bottom.
 *
 * Where H + λI is singular (see SINGULAR_TOLERANCE) or not finite there is no unique
 * Newton step; the update falls back to a plain gradient step θ ← θ − γg. At the monkey saddle's
 * centre both g and H vanish, so the particle stays put.
 */
export const newton: OptimizerDefinition = {
  name: 'Newton',
  label: 'Newton',
  description:
    'Uses the curvature (the Hessian) as well as the slope: it fits a bowl to the surface at the ' +
    'current point and jumps to the bowl’s centre.',
  pros: 'On bowl-shaped regions it converges in a handful of steps, whatever the scaling.',
  cons: 'Needs second derivatives (costly in real networks) and is drawn to saddles and maxima.',
  params: [
    lrSpec(1.0),
    {
      name: 'damping',
      label: 'damping',
      kind: 'number',
      default: 0,
      min: 0,
      range: [0, 10],
      help: 'λ added to the curvature: larger values give shorter, more gradient-like steps.',
    },
  ],
  stateSlots: 0,
  decoupledWeightDecay: false,
  needsHessian: true,
  needsRandom: false,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const negLr = -(params.lr as number);
    const damping = params.damping as number;
    const { n, theta, grad, active, hessian } = ctx;
    if (hessian === null) throw new Error('Newton needs ctx.hessian');
    for (let x = 0, h = 0; x < n; x += 2, h += 3) {
      if (active[x >> 1] === 0) continue;
      const a = hessian[h] + damping;
      const b = hessian[h + 1];
      const c = hessian[h + 2] + damping;
      const gx = grad[x];
      const gy = grad[x + 1];
      const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
      const an = a / scale; // 0/0 and ∞/∞ give NaN, which fails the test below
      const bn = b / scale;
      const cn = c / scale;
      const det = an * cn - bn * bn;
      if (Math.abs(det) > SINGULAR_TOLERANCE) {
        // (H + λI)⁻¹ = [[cn, −bn], [−bn, an]] / det / scale. Dividing in that order never forms
        // 1/(det·scale), which overflows for subnormal curvatures and would turn 0·∞ into NaN.
        theta[x] += negLr * ((cn * gx - bn * gy) / det / scale);
        theta[x + 1] += negLr * ((an * gy - bn * gx) / det / scale);
      } else {
        theta[x] += negLr * gx;
        theta[x + 1] += negLr * gy;
      }
    }
  },
  // #endregion
};
