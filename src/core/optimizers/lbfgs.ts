import { lrSpec } from './specs.ts';
import type { ClosureFunction, OptimizerDefinition, Params, StepContext } from './types.ts';

/**
 * torch.optim.LBFGS, ported line by line from torch/optim/lbfgs.py (1.13, unchanged since), one
 * particle at a time: each particle is its own torch optimizer. One step is one `step(closure)`:
 *
 *   up to max_iter iterations, each: direction d from the last history_size pairs (s, y) by the
 *   two-loop recursion (−g on the very first iteration); step length t = lr (the first iteration
 *   ever: min(1, 1/‖g‖₁)·lr); with line_search_fn "strong_wolfe" a bracketing + zoom line search
 *   from t (c1 = 1e-4, c2 = 0.9, 25 evaluations at most, torch's defaults), otherwise θ ← θ + t·d
 *   and a new evaluation unless it was the last iteration. It stops early when ‖g‖∞ ≤
 *   tolerance_grad, g·d > −tolerance_change, the move or the loss change is below
 *   tolerance_change, or max_eval evaluations were spent.
 *
 * Every evaluation goes through `ctx.closure`, which counts it; the first one is the run's own
 * (f and ∇f at θ, already in ctx.loss and ctx.grad). Python's built-in min/max on floats are
 * `pyMin`/`pyMax` (their NaN behaviour differs); tensor reductions (`.max()`) propagate NaN like
 * Math.max.
 *
 * State per particle (slot[2p], slot[2p + 1]): [0] d, [1] previous gradient, [2] (t, H_diag),
 * [3] (iterations so far, ring start), [4] (pairs stored, –); then per history entry k three
 * slots: y_k, s_k, (ρ_k = 1/(y_k·s_k), α_k).
 */
const D = 0;
const PREV_GRAD = 1;
const STEP_AND_SCALE = 2;
const COUNTERS = 3;
const STORED = 4;
const HISTORY = 5;

/** torch's strong-Wolfe defaults, which LBFGS.step does not pass on from the group. */
const C1 = 1e-4;
const C2 = 0.9;
const LINE_SEARCH_TOLERANCE = 1e-9;
const MAX_LINE_SEARCH = 25;

/** Where the closure writes a gradient (one step runs at a time). */
const scratch = new Float64Array(2);

/** Python's max(a, b): a unless b > a. */
function pyMax(a: number, b: number): number {
  return b > a ? b : a;
}

/** Python's min(a, b): a unless b < a. */
function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}

/** torch's max_eval default, max_iter * 5 // 4. */
export function maxEvaluations(params: Params): number {
  const maxEval = params.max_eval;
  return typeof maxEval === 'number' ? maxEval : Math.floor(((params.max_iter as number) * 5) / 4);
}

/** `_cubic_interpolate` from torch/optim/lbfgs.py: the minimiser of the cubic through two points. */
function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  lower: number,
  upper: number,
): number {
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos =
      x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return pyMin(pyMax(minPos, lower), upper);
  }
  return (lower + upper) / 2;
}

/** The bounds torch uses when none are given: the two points, in order. */
function cubicBetween(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number) {
  return cubicInterpolate(x1, f1, g1, x2, f2, g2, x1 <= x2 ? x1 : x2, x1 <= x2 ? x2 : x1);
}

/** One point of the line search: step t, loss f, gradient (gx, gy), slope gtd = ∇f·d. */
interface Probe {
  t: number;
  f: number;
  gx: number;
  gy: number;
  gtd: number;
}

/**
 * `_strong_wolfe` from torch/optim/lbfgs.py along d from (x, y), where the loss is f, the gradient
 * (gx, gy) and the slope gtd. Returns the accepted probe and how many evaluations it took.
 */
function strongWolfe(
  closure: ClosureFunction,
  particle: number,
  x: number,
  y: number,
  dx: number,
  dy: number,
  start: Probe,
): { probe: Probe; evaluations: number } {
  const { f, gtd } = start;
  const dNorm = Math.max(Math.abs(dx), Math.abs(dy));
  const evaluate = (t: number): Probe => {
    const fNew = closure(particle, x + t * dx, y + t * dy, scratch, 0);
    const [gx, gy] = scratch;
    return { t, f: fNew, gx, gy, gtd: gx * dx + gy * dy };
  };
  let t = start.t;
  let next = evaluate(t);
  let evaluations = 1;
  let previous: Probe = { ...start, t: 0 };
  let done = false;
  let iterations = 0;
  let bracket: Probe[] = [];
  while (iterations < MAX_LINE_SEARCH) {
    if (next.f > f + C1 * t * gtd || (iterations > 1 && next.f >= previous.f)) {
      bracket = [previous, next];
      break;
    }
    if (Math.abs(next.gtd) <= -C2 * gtd) {
      bracket = [next];
      done = true;
      break;
    }
    if (next.gtd >= 0) {
      bracket = [previous, next];
      break;
    }
    const minStep = t + 0.01 * (t - previous.t);
    const maxStep = t * 10;
    t = cubicInterpolate(
      previous.t,
      previous.f,
      previous.gtd,
      t,
      next.f,
      next.gtd,
      minStep,
      maxStep,
    );
    previous = next;
    next = evaluate(t);
    evaluations++;
    iterations++;
  }
  if (iterations === MAX_LINE_SEARCH) bracket = [{ ...start, t: 0 }, next];

  // Zoom: shrink the bracket until a point satisfies the strong Wolfe conditions.
  let insufficientProgress = false;
  let [low, high] = bracket[0].f <= bracket[bracket.length - 1].f ? [0, 1] : [1, 0];
  while (!done && iterations < MAX_LINE_SEARCH) {
    const [a, b] = bracket;
    if (Math.abs(b.t - a.t) * dNorm < LINE_SEARCH_TOLERANCE) break;
    t = cubicBetween(a.t, a.f, a.gtd, b.t, b.f, b.gtd);
    const top = pyMax(a.t, b.t);
    const bottom = pyMin(a.t, b.t);
    const eps = 0.1 * (top - bottom);
    if (pyMin(top - t, t - bottom) < eps) {
      if (insufficientProgress || t >= top || t <= bottom) {
        t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    next = evaluate(t);
    evaluations++;
    iterations++;
    if (next.f > f + C1 * t * gtd || next.f >= bracket[low].f) {
      bracket[high] = next;
      [low, high] = bracket[0].f <= bracket[1].f ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(next.gtd) <= -C2 * gtd) {
        done = true;
      } else if (next.gtd * (bracket[high].t - bracket[low].t) >= 0) {
        bracket[high] = bracket[low];
      }
      bracket[low] = next;
    }
  }
  return { probe: bracket[low], evaluations };
}

// #region step
/** One `LBFGS.step(closure)` for particle p (the line search is `strongWolfe` above). */
function lbfgsParticle(params: Params, ctx: StepContext, p: number): void {
  const lr = params.lr as number;
  const maxIter = params.max_iter as number;
  const maxEval = maxEvaluations(params);
  const toleranceGrad = params.tolerance_grad as number;
  const toleranceChange = params.tolerance_change as number;
  const historySize = params.history_size as number;
  const strongWolfeSearch = params.line_search_fn === 'strong_wolfe';
  const { theta, grad, state } = ctx;
  const closure = ctx.closure!;
  const ix = 2 * p;
  const iy = ix + 1;
  const d = state[D];
  const prevGrad = state[PREV_GRAD];
  const stepAndScale = state[STEP_AND_SCALE];
  const counters = state[COUNTERS];
  const slot = (k: number, part: number) =>
    state[HISTORY + 3 * ((counters[iy] + k) % historySize) + part];

  let loss = ctx.loss![p];
  let gx = grad[ix];
  let gy = grad[iy];
  let currentEvals = 1;
  let optimal = Math.max(Math.abs(gx), Math.abs(gy)) <= toleranceGrad;
  if (optimal) return;

  let t = stepAndScale[ix];
  let hDiag = stepAndScale[iy];
  let iteration = 0;
  while (iteration < maxIter) {
    iteration++;
    counters[ix]++;
    let stored = state[STORED][ix];
    if (counters[ix] === 1) {
      d[ix] = -gx;
      d[iy] = -gy;
      stored = 0;
      counters[iy] = 0;
      hDiag = 1;
    } else {
      // Update the memory with the last move s = t·d and gradient change y.
      const yx = gx - prevGrad[ix];
      const yy = gy - prevGrad[iy];
      const sx = d[ix] * t;
      const sy = d[iy] * t;
      const ys = yx * sx + yy * sy;
      if (ys > 1e-10) {
        if (stored === historySize) {
          counters[iy] = (counters[iy] + 1) % historySize;
          stored--;
        }
        const y = slot(stored, 0);
        const s = slot(stored, 1);
        y[ix] = yx;
        y[iy] = yy;
        s[ix] = sx;
        s[iy] = sy;
        slot(stored, 2)[ix] = 1 / ys;
        stored++;
        hDiag = ys / (yx * yx + yy * yy);
      }
      // Two-loop recursion: d = −H·g with H the L-BFGS inverse-Hessian estimate.
      let qx = -gx;
      let qy = -gy;
      for (let k = stored - 1; k >= 0; k--) {
        const s = slot(k, 1);
        const rhoAlpha = slot(k, 2);
        const alpha = (s[ix] * qx + s[iy] * qy) * rhoAlpha[ix];
        rhoAlpha[iy] = alpha;
        const y = slot(k, 0);
        qx += -alpha * y[ix];
        qy += -alpha * y[iy];
      }
      let rx = qx * hDiag;
      let ry = qy * hDiag;
      for (let k = 0; k < stored; k++) {
        const y = slot(k, 0);
        const rhoAlpha = slot(k, 2);
        const beta = (y[ix] * rx + y[iy] * ry) * rhoAlpha[ix];
        const s = slot(k, 1);
        rx += (rhoAlpha[iy] - beta) * s[ix];
        ry += (rhoAlpha[iy] - beta) * s[iy];
      }
      d[ix] = rx;
      d[iy] = ry;
    }
    state[STORED][ix] = stored;
    prevGrad[ix] = gx;
    prevGrad[iy] = gy;
    const previousLoss = loss;

    t = counters[ix] === 1 ? pyMin(1, 1 / (Math.abs(gx) + Math.abs(gy))) * lr : lr;
    const gtd = gx * d[ix] + gy * d[iy];
    if (gtd > -toleranceChange) break;

    let evaluations = 0;
    if (strongWolfeSearch) {
      const start: Probe = { t, f: loss, gx, gy, gtd };
      const search = strongWolfe(closure, p, theta[ix], theta[iy], d[ix], d[iy], start);
      ({ t, f: loss, gx, gy } = search.probe);
      evaluations = search.evaluations;
      theta[ix] += t * d[ix];
      theta[iy] += t * d[iy];
      optimal = Math.max(Math.abs(gx), Math.abs(gy)) <= toleranceGrad;
    } else {
      theta[ix] += t * d[ix];
      theta[iy] += t * d[iy];
      if (iteration !== maxIter) {
        // Re-evaluated only when another iteration follows (torch's choice for stochastic f).
        loss = closure(p, theta[ix], theta[iy], scratch, 0);
        gx = scratch[0];
        gy = scratch[1];
        optimal = Math.max(Math.abs(gx), Math.abs(gy)) <= toleranceGrad;
        evaluations = 1;
      }
    }
    currentEvals += evaluations;

    if (iteration === maxIter) break;
    if (currentEvals >= maxEval) break;
    if (optimal) break;
    if (Math.max(Math.abs(d[ix] * t), Math.abs(d[iy] * t)) <= toleranceChange) break;
    if (Math.abs(loss - previousLoss) < toleranceChange) break;
  }
  stepAndScale[ix] = t;
  stepAndScale[iy] = hDiag;
}
// #endregion

export const lbfgs: OptimizerDefinition = {
  name: 'LBFGS',
  label: 'L-BFGS',
  description:
    'A quasi-Newton method: it estimates the curvature from the last few steps and gradients and ' +
    'steps as Newton would, without ever computing a Hessian. One step may evaluate f many times.',
  pros: 'Few steps on smooth problems, and no learning rate to tune with the line search.',
  cons: 'Each step costs several evaluations; noisy gradients break its curvature estimate.',
  params: [
    lrSpec(1),
    {
      name: 'max_iter',
      label: 'max iterations',
      kind: 'number',
      default: 20,
      integer: true,
      min: 1,
      range: [1, 50],
      help: 'Iterations (direction + step) inside one step(closure) call.',
    },
    {
      name: 'max_eval',
      label: 'max evaluations',
      kind: 'number',
      default: null,
      nullable: true,
      integer: true,
      min: 1,
      range: [1, 100],
      help: 'Evaluations of f allowed per step; None means max_iter × 5 // 4.',
    },
    {
      name: 'tolerance_grad',
      label: 'gradient tolerance',
      kind: 'number',
      default: 1e-7,
      min: 0,
      log: true,
      range: [1e-12, 1],
      help: 'The step ends when no gradient coordinate is larger than this.',
    },
    {
      name: 'tolerance_change',
      label: 'change tolerance',
      kind: 'number',
      default: 1e-9,
      min: 0,
      log: true,
      range: [1e-15, 1],
      help: 'The step ends when the move or the change in loss is smaller than this.',
    },
    {
      name: 'history_size',
      label: 'history size',
      kind: 'number',
      default: 100,
      integer: true,
      min: 1,
      // torch has no limit; each entry costs every particle six numbers.
      max: 1000,
      range: [1, 100],
      help: 'How many recent (step, gradient change) pairs shape the curvature estimate.',
    },
    {
      name: 'line_search_fn',
      label: 'line search',
      kind: 'choice',
      default: null,
      choices: [null, 'strong_wolfe'],
      help: 'None steps by lr along the direction; strong_wolfe searches for a good step length.',
    },
  ],
  stateSlots: (params) => HISTORY + 3 * (params.history_size as number),
  decoupledWeightDecay: false,
  needsHessian: false,
  needsRandom: false,
  needsClosure: true,
  step(params: Params, ctx: StepContext): void {
    for (let p = 0; p < ctx.n >> 1; p++) {
      if (ctx.active[p] !== 0) lbfgsParticle(params, ctx, p);
    }
  },
};
