import { lrSpec } from './specs.ts';
import type { OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * Perturbed gradient descent (ours, after Jin et al. 2017, "How to escape saddle points
 * efficiently"). Per particle at step t:
 *   if ‖g‖ < threshold and the last kick (if any) was at a step t₀ with t − t₀ > interval:
 *     θ ← θ + ξ, ξ uniform in the disk of radius `radius` (instead of the gradient step), t₀ ← t;
 *   otherwise θ ← θ − γg.
 * ξ comes from ctx.uniform(particle, 0 and 1), a counter-based seeded random number, so a run is
 * reproducible and independent of the other particles.
 * State: [0] at the particle's x coordinate: t₀, the step of its last perturbation (0 = never).
 */
export const perturbedGd: OptimizerDefinition = {
  name: 'PerturbedGD',
  label: 'Perturbed GD',
  description:
    'Plain gradient descent that, when the slope almost vanishes, gives itself a small random ' +
    'kick instead, so a flat saddle cannot hold it.',
  pros: 'Escapes saddle points, where plain gradient descent stops for ever, at almost no cost.',
  cons: 'The kicks are random: near a flat minimum it jitters, and it needs two more knobs.',
  params: [
    lrSpec(0.05),
    {
      name: 'threshold',
      label: 'gradient threshold',
      kind: 'number',
      default: 1e-3,
      min: 0,
      log: true,
      range: [1e-8, 1],
      help: 'Below this gradient norm the particle is considered stuck and gets a random kick.',
    },
    {
      name: 'radius',
      label: 'kick radius',
      kind: 'number',
      default: 0.1,
      min: 0,
      range: [0, 1],
      help: 'The kick is a point drawn uniformly from a disk of this radius.',
    },
    {
      name: 'interval',
      label: 'kick interval',
      kind: 'number',
      default: 10,
      min: 0,
      integer: true,
      range: [0, 100],
      help: 'At least this many steps must pass after a kick before the next one.',
    },
  ],
  stateSlots: 1,
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: true,
  // #region step
  step(params: Params, ctx: StepContext): void {
    const negLr = -(params.lr as number);
    const threshold = params.threshold as number;
    const radius = params.radius as number;
    const interval = params.interval as number;
    const { n, theta, grad, active, t, uniform } = ctx;
    if (uniform === null) throw new Error('PerturbedGD needs ctx.uniform');
    const lastKick = ctx.state[0];
    for (let x = 0; x < n; x += 2) {
      const particle = x >> 1;
      if (active[particle] === 0) continue;
      const gx = grad[x];
      const gy = grad[x + 1];
      const last = lastKick[x];
      if (Math.sqrt(gx * gx + gy * gy) < threshold && (last === 0 || t - last > interval)) {
        // √u makes the point uniform over the disk's area, not crowded at its centre.
        const r = radius * Math.sqrt(uniform(particle, 0));
        const angle = 2 * Math.PI * uniform(particle, 1);
        theta[x] += r * Math.cos(angle);
        theta[x + 1] += r * Math.sin(angle);
        lastKick[x] = t;
      } else {
        theta[x] += negLr * gx;
        theta[x + 1] += negLr * gy;
      }
    }
  },
  // #endregion
};
