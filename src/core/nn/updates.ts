/**
 * The updates that couple a particle's coordinates, for a network's N parameters (one particle,
 * ctx.dim = N). Elementwise optimizers need nothing of the kind; these two do, and live here, not
 * beside their 2D versions, so the first screen never downloads them:
 *
 * - Newton: θ ← θ − γ·(H + λI)⁻¹·g with ctx.hessian the N × N Hessian (row-major), solved by
 *   Gaussian elimination with partial pivoting. A pivot at or below SINGULAR_TOLERANCE times the
 *   largest entry counts as singular, with the 2D version's fallback: a plain gradient step.
 * - Perturbed GD: the same rule as in 2D with the disk replaced by the N-ball: ξ = r·u^(1/N)·z/‖z‖,
 *   z standard normal (Box–Muller from draws 2 … 2N + 1), uniform over the ball's volume.
 */
import { newton, SINGULAR_TOLERANCE } from '../optimizers/newton.ts';
import { perturbedGd } from '../optimizers/perturbedGd.ts';
import type { OptimizerDefinition, Params, StepContext } from '../optimizers/types.ts';

export const newtonDense: OptimizerDefinition = {
  ...newton,
  step(params: Params, ctx: StepContext): void {
    if (ctx.hessian === null) throw new Error('Newton needs ctx.hessian');
    denseNewtonStep(-(params.lr as number), params.damping as number, ctx, ctx.hessian);
  },
};

export const perturbedGdBall: OptimizerDefinition = {
  ...perturbedGd,
  step(params: Params, ctx: StepContext): void {
    if (ctx.uniform === null) throw new Error('PerturbedGD needs ctx.uniform');
    ballStep(params, ctx, ctx.uniform);
  },
};

/** θ ← θ − γ·(H + λI)⁻¹·g for one particle of n coordinates, H dense n × n row-major. */
function denseNewtonStep(
  negLr: number,
  damping: number,
  ctx: StepContext,
  hessian: Float64Array,
): void {
  const { n, theta, grad } = ctx;
  const a = Float64Array.from(hessian);
  const d = Float64Array.from(grad.subarray(0, n));
  let scale = 0;
  for (let i = 0; i < n; i++) {
    a[i * n + i] += damping;
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i * n + j]));
  }
  let singular = !(scale > 0 && scale < Infinity);
  for (let col = 0; col < n && !singular; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    }
    if (!(Math.abs(a[pivot * n + col]) > SINGULAR_TOLERANCE * scale)) {
      singular = true;
      break;
    }
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        const held = a[col * n + j];
        a[col * n + j] = a[pivot * n + j];
        a[pivot * n + j] = held;
      }
      const held = d[col];
      d[col] = d[pivot];
      d[pivot] = held;
    }
    for (let r = col + 1; r < n; r++) {
      const factor = a[r * n + col] / a[col * n + col];
      if (factor === 0) continue;
      for (let j = col; j < n; j++) a[r * n + j] -= factor * a[col * n + j];
      d[r] -= factor * d[col];
    }
  }
  if (!singular) {
    for (let r = n - 1; r >= 0; r--) {
      let sum = d[r];
      for (let j = r + 1; j < n; j++) sum -= a[r * n + j] * d[j];
      d[r] = sum / a[r * n + r];
    }
  }
  const step = singular ? grad : d;
  for (let i = 0; i < n; i++) theta[i] += negLr * step[i];
}

/** The same rule for one particle of ctx.dim = N coordinates, kicked uniformly in the N-ball. */
function ballStep(
  params: Params,
  ctx: StepContext,
  uniform: (particle: number, draw: number) => number,
): void {
  const { n, theta, grad, t } = ctx;
  const lastKick = ctx.state[0];
  let normSq = 0;
  for (let i = 0; i < n; i++) normSq += grad[i] * grad[i];
  const last = lastKick[0];
  if (
    Math.sqrt(normSq) < (params.threshold as number) &&
    (last === 0 || t - last > (params.interval as number))
  ) {
    const z = new Float64Array(n);
    let zNormSq = 0;
    for (let i = 0; i < n; i++) {
      const u1 = uniform(0, 2 + 2 * i);
      const u2 = uniform(0, 3 + 2 * i);
      z[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      zNormSq += z[i] * z[i];
    }
    const r = ((params.radius as number) * Math.pow(uniform(0, 0), 1 / n)) / Math.sqrt(zNormSq);
    for (let i = 0; i < n; i++) theta[i] += r * z[i];
    lastKick[0] = t;
    return;
  }
  const negLr = -(params.lr as number);
  for (let i = 0; i < n; i++) theta[i] += negLr * grad[i];
}
