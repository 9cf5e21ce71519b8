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

/** One point of the line search: step t, loss f, gradient g (the Probe's own copy), slope gtd = g·d. */
interface Probe {
  t: number;
  f: number;
  g: Float64Array;
  gtd: number;
}

/** The vectors of one particle: a dim-long window of the state arrays (offset, dim). */
interface Window {
  readonly offset: number;
  readonly dim: number;
}

function windowDot(a: Float64Array, b: Float64Array, { offset, dim }: Window): number {
  let sum = 0;
  for (let i = offset; i < offset + dim; i++) sum += a[i] * b[i];
  return sum;
}

function windowAbsMax(a: Float64Array, { offset, dim }: Window, scale = 1): number {
  let max = 0;
  for (let i = offset; i < offset + dim; i++) max = Math.max(max, Math.abs(a[i] * scale));
  return max;
}

/**
 * `_strong_wolfe` from torch/optim/lbfgs.py along d from x (the particle's window of theta), where
 * the loss is f, the gradient g and the slope gtd. Returns the accepted probe and how many
 * evaluations it took.
 */
function strongWolfe(
  closure: ClosureFunction,
  particle: number,
  theta: Float64Array,
  d: Float64Array,
  at: Window,
  start: Probe,
): { probe: Probe; evaluations: number } {
  const { f, gtd } = start;
  const { offset, dim } = at;
  const dNorm = windowAbsMax(d, at);
  const point = new Float64Array(dim);
  const direction = d.subarray(offset, offset + dim);
  const evaluate = (t: number): Probe => {
    for (let i = 0; i < dim; i++) point[i] = theta[offset + i] + t * direction[i];
    const g = new Float64Array(dim);
    const fNew = closure(particle, point, g);
    let slope = 0;
    for (let i = 0; i < dim; i++) slope += g[i] * direction[i];
    return { t, f: fNew, g, gtd: slope };
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
function lbfgsParticle(params: Params, ctx: StepContext, p: number, dim: number): void {
  const lr = params.lr as number;
  const maxIter = params.max_iter as number;
  const maxEval = maxEvaluations(params);
  const toleranceGrad = params.tolerance_grad as number;
  const toleranceChange = params.tolerance_change as number;
  const historySize = params.history_size as number;
  const strongWolfeSearch = params.line_search_fn === 'strong_wolfe';
  const { theta, state } = ctx;
  const closure = ctx.closure!;
  const at: Window = { offset: dim * p, dim };
  const end = at.offset + dim;
  // Per-particle scalars sit in the first two entries of the particle's window of a slot.
  const first = at.offset;
  const second = first + 1;
  const d = state[D];
  const prevGrad = state[PREV_GRAD];
  const stepAndScale = state[STEP_AND_SCALE];
  const counters = state[COUNTERS];
  const slot = (k: number, part: number) =>
    state[HISTORY + 3 * ((counters[second] + k) % historySize) + part];

  let loss = ctx.loss![p];
  // The particle's gradient, as the window of ctx.grad; the line search hands back its own copy.
  let g = ctx.grad.subarray(first, end);
  let currentEvals = 1;
  let optimal = windowAbsMax(g, { offset: 0, dim }) <= toleranceGrad;
  if (optimal) return;

  let t = stepAndScale[first];
  let hDiag = stepAndScale[second];
  let iteration = 0;
  while (iteration < maxIter) {
    iteration++;
    counters[first]++;
    let stored = state[STORED][first];
    if (counters[first] === 1) {
      for (let i = 0; i < dim; i++) d[first + i] = -g[i];
      stored = 0;
      counters[second] = 0;
      hDiag = 1;
    } else {
      // Update the memory with the last move s = t·d and gradient change y.
      let ys = 0;
      let yy = 0;
      for (let i = 0; i < dim; i++) {
        const yi = g[i] - prevGrad[first + i];
        const si = d[first + i] * t;
        ys += yi * si;
        yy += yi * yi;
      }
      if (ys > 1e-10) {
        if (stored === historySize) {
          counters[second] = (counters[second] + 1) % historySize;
          stored--;
        }
        const y = slot(stored, 0);
        const s = slot(stored, 1);
        for (let i = 0; i < dim; i++) {
          y[first + i] = g[i] - prevGrad[first + i];
          s[first + i] = d[first + i] * t;
        }
        slot(stored, 2)[first] = 1 / ys;
        stored++;
        hDiag = ys / yy;
      }
      // Two-loop recursion: d = −H·g with H the L-BFGS inverse-Hessian estimate.
      for (let i = 0; i < dim; i++) d[first + i] = -g[i];
      for (let k = stored - 1; k >= 0; k--) {
        const s = slot(k, 1);
        const rhoAlpha = slot(k, 2);
        const alpha = windowDot(s, d, at) * rhoAlpha[first];
        rhoAlpha[second] = alpha;
        const y = slot(k, 0);
        for (let i = first; i < end; i++) d[i] += -alpha * y[i];
      }
      for (let i = first; i < end; i++) d[i] *= hDiag;
      for (let k = 0; k < stored; k++) {
        const y = slot(k, 0);
        const rhoAlpha = slot(k, 2);
        const beta = windowDot(y, d, at) * rhoAlpha[first];
        const s = slot(k, 1);
        for (let i = first; i < end; i++) d[i] += (rhoAlpha[second] - beta) * s[i];
      }
    }
    state[STORED][first] = stored;
    for (let i = 0; i < dim; i++) prevGrad[first + i] = g[i];
    const previousLoss = loss;

    let gAbsSum = 0;
    for (let i = 0; i < dim; i++) gAbsSum += Math.abs(g[i]);
    t = counters[first] === 1 ? pyMin(1, 1 / gAbsSum) * lr : lr;
    let gtd = 0;
    for (let i = 0; i < dim; i++) gtd += g[i] * d[first + i];
    if (gtd > -toleranceChange) break;

    let evaluations = 0;
    if (strongWolfeSearch) {
      const start: Probe = { t, f: loss, g: Float64Array.from(g), gtd };
      const search = strongWolfe(closure, p, theta, d, at, start);
      ({ t, f: loss, g } = search.probe);
      evaluations = search.evaluations;
      for (let i = first; i < end; i++) theta[i] += t * d[i];
      optimal = windowAbsMax(g, { offset: 0, dim }) <= toleranceGrad;
    } else {
      for (let i = first; i < end; i++) theta[i] += t * d[i];
      if (iteration !== maxIter) {
        // Re-evaluated only when another iteration follows (torch's choice for stochastic f).
        g = new Float64Array(dim);
        loss = closure(p, theta.subarray(first, end), g);
        optimal = windowAbsMax(g, { offset: 0, dim }) <= toleranceGrad;
        evaluations = 1;
      }
    }
    currentEvals += evaluations;

    if (iteration === maxIter) break;
    if (currentEvals >= maxEval) break;
    if (optimal) break;
    if (windowAbsMax(d, at, t) <= toleranceChange) break;
    if (Math.abs(loss - previousLoss) < toleranceChange) break;
  }
  stepAndScale[first] = t;
  stepAndScale[second] = hDiag;
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
    const dim = ctx.dim ?? 2;
    for (let p = 0; p < ctx.n / dim; p++) {
      if (ctx.active[(p * dim) >> 1] !== 0) lbfgsParticle(params, ctx, p, dim);
    }
  },
};
