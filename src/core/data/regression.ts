/**
 * The two built-in dataset surfaces. Each dataset is 200 samples drawn once from a fixed seed, so
 * the surface is the same in every scene, on every machine; the scene's seed only picks minibatches.
 */
import type { Point } from '../geometry.ts';
import { createRng, RANDOM_STREAMS } from '../random.ts';
import { defineSurface, minimum } from '../surfaces/define.ts';
import {
  linearModelDataset,
  linearModelHessian,
  type Dataset,
  type DatasetSurface,
  type SampleLoss,
} from './dataset.ts';

export const DATASET_SIZE = 200;

/** ℓ(z, t) = (z − t)²: the mean over samples is the mean squared error. */
export const squaredError: SampleLoss = {
  slope: (z, t) => 2 * (z - t),
  curvature: () => 2,
};

/** 1 / (1 + e⁻ᵐ), with the exponential always of a non-positive number. */
export function sigmoid(m: number): number {
  if (m >= 0) return 1 / (1 + Math.exp(-m));
  const e = Math.exp(m);
  return e / (1 + e);
}

/**
 * Cross-entropy of a 0/1 label t against P(t = 1) = σ(z): with s = 2t − 1 it is log(1 + e^(−s·z)),
 * a softplus, finite and accurate for any z (the full-data loop below computes it inline).
 */
export const crossEntropy: SampleLoss = {
  slope: (z, t) => sigmoid(z) - t,
  curvature: (z) => {
    const e = Math.exp(-Math.abs(z)); // σ(z)·σ(−z), symmetric in z
    return e / ((1 + e) * (1 + e));
  },
};

// ---------------------------------------------------------------------------------------------
// Linear regression: tᵢ = 2·uᵢ − 1 + noise, features centred on 1 so weight and bias are
// correlated: the loss is a tilted, elongated bowl.

function linearData(): { inputs: Float64Array; targets: Float64Array } {
  const rng = createRng(1, RANDOM_STREAMS.datasets);
  const inputs = new Float64Array(DATASET_SIZE);
  const targets = new Float64Array(DATASET_SIZE);
  for (let i = 0; i < DATASET_SIZE; i++) {
    inputs[i] = 1 + rng.normal();
    targets[i] = 2 * inputs[i] - 1 + 0.6 * rng.normal();
  }
  return { inputs, targets };
}

/** The least-squares line through the samples, from centred sums (no cancellation). */
export function leastSquares({ inputs, targets, size }: Dataset): Point {
  let meanU = 0;
  let meanT = 0;
  for (let i = 0; i < size; i++) {
    meanU += inputs[i];
    meanT += targets[i];
  }
  meanU /= size;
  meanT /= size;
  let suu = 0;
  let sut = 0;
  for (let i = 0; i < size; i++) {
    const du = inputs[i] - meanU;
    suu += du * du;
    sut += du * (targets[i] - meanT);
  }
  const w = sut / suu;
  return [w, meanT - w * meanU];
}

/**
 * The mean squared error is a quadratic in (w, b) whose coefficients are the data's moments, so the
 * full-data value, gradient and Hessian cost O(1) instead of O(N):
 *   f = w²·⟨u²⟩ + 2wb·⟨u⟩ + b² − 2w·⟨ut⟩ − 2b·⟨t⟩ + ⟨t²⟩,  ∇f = 2(w⟨u²⟩ + b⟨u⟩ − ⟨ut⟩, w⟨u⟩ + b − ⟨t⟩).
 * It equals the mean of the per-sample losses up to rounding (a test checks it to 1e-12).
 */
function meanSquaredError(dataset: Dataset): Pick<DatasetSurface, 'value' | 'valueAndGradient'> {
  const { inputs, targets, size } = dataset;
  let uu = 0;
  let u = 0;
  let ut = 0;
  let t = 0;
  let tt = 0;
  for (let i = 0; i < size; i++) {
    uu += inputs[i] * inputs[i];
    u += inputs[i];
    ut += inputs[i] * targets[i];
    t += targets[i];
    tt += targets[i] * targets[i];
  }
  [uu, u, ut, t, tt] = [uu / size, u / size, ut / size, t / size, tt / size];
  const value = (w: number, b: number) => w * (w * uu + 2 * b * u - 2 * ut) + b * (b - 2 * t) + tt;
  return {
    value,
    valueAndGradient(w, b, out, offset) {
      out[offset] = 2 * (w * uu + b * u - ut);
      out[offset + 1] = 2 * (w * u + b - t);
      return value(w, b);
    },
  };
}

const linear = (() => {
  const { inputs, targets } = linearData();
  const dataset = linearModelDataset(inputs, targets, squaredError);
  return {
    dataset,
    ...meanSquaredError(dataset),
    hessian: linearModelHessian(dataset, squaredError),
  };
})();
const [lsW, lsB] = leastSquares(linear.dataset);

export const linearRegression: DatasetSurface = defineSurface({
  id: 'linear_regression',
  name: 'Linear regression',
  formula: `mean over ${DATASET_SIZE} samples of (x*u_i + y - t_i)^2`,
  latex: `\\frac{1}{${DATASET_SIZE}}\\sum_{i=1}^{${DATASET_SIZE}} \\left(x\\,u_i + y - t_i\\right)^2`,
  blurb:
    'The mean squared error of a line t = x·u + y fitted to 200 noisy points, a tilted bowl whose bottom is the least-squares fit and whose minibatch gradients scatter around the true slope.',
  view: { xMin: -1.5, xMax: 5, yMin: -4, yMax: 2.5 },
  minima: [minimum(lsW, lsB, linear.value(lsW, lsB), true)],
  defaultStart: [-0.5, 2],
  ...linear,
}) as DatasetSurface;

// ---------------------------------------------------------------------------------------------
// Logistic regression: P(tᵢ = 1) = σ(2·uᵢ − 0.5). The labels overlap (no line separates them), so
// the cross-entropy has a finite minimum.

function logisticData(): { inputs: Float64Array; targets: Float64Array } {
  const rng = createRng(2, RANDOM_STREAMS.datasets);
  const inputs = new Float64Array(DATASET_SIZE);
  const targets = new Float64Array(DATASET_SIZE);
  for (let i = 0; i < DATASET_SIZE; i++) {
    inputs[i] = 1.5 * rng.normal();
    targets[i] = rng.next() < sigmoid(2 * inputs[i] - 0.5) ? 1 : 0;
  }
  return { inputs, targets };
}

/**
 * Newton's method from the origin: the cross-entropy is strictly convex once the labels overlap,
 * so it converges quadratically; the extra iterations after convergence cost nothing and leave
 * the gradient at rounding level (a test checks ‖∇f‖ < 1e-12).
 */
export function newtonMinimum(
  functions: Pick<DatasetSurface, 'valueAndGradient' | 'hessian'>,
  iterations = 50,
): Point {
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  let x = 0;
  let y = 0;
  for (let k = 0; k < iterations; k++) {
    functions.valueAndGradient(x, y, g, 0);
    functions.hessian(x, y, h, 0);
    const det = h[0] * h[2] - h[1] * h[1];
    if (!(det > 0)) break;
    x -= (h[2] * g[0] - h[1] * g[1]) / det;
    y -= (h[0] * g[1] - h[1] * g[0]) / det;
  }
  return [x, y];
}

/**
 * The mean cross-entropy and its gradient in one pass, one exponential and one log1p per sample:
 * with e = exp(−|z|), softplus(m) = max(m, 0) + log1p(e) for m = ±z, and σ(z) = 1/(1 + e) for
 * z ≥ 0, e/(1 + e) otherwise.
 */
function meanCrossEntropy(dataset: Dataset): Pick<DatasetSurface, 'value' | 'valueAndGradient'> {
  const { inputs, targets, size } = dataset;
  return {
    value(x, y) {
      let sum = 0;
      for (let i = 0; i < size; i++) {
        const z = x * inputs[i] + y;
        const m = targets[i] > 0.5 ? -z : z;
        sum += (m > 0 ? m : 0) + Math.log1p(Math.exp(-Math.abs(z)));
      }
      return sum / size;
    },
    valueAndGradient(x, y, out, offset) {
      let sum = 0;
      let gx = 0;
      let gy = 0;
      for (let i = 0; i < size; i++) {
        const z = x * inputs[i] + y;
        const m = targets[i] > 0.5 ? -z : z;
        const e = Math.exp(-Math.abs(z));
        sum += (m > 0 ? m : 0) + Math.log1p(e);
        const slope = (z >= 0 ? 1 : e) / (1 + e) - targets[i];
        gx += slope * inputs[i];
        gy += slope;
      }
      out[offset] = gx / size;
      out[offset + 1] = gy / size;
      return sum / size;
    },
  };
}

const logistic = (() => {
  const { inputs, targets } = logisticData();
  const dataset = linearModelDataset(inputs, targets, crossEntropy);
  return {
    dataset,
    ...meanCrossEntropy(dataset),
    hessian: linearModelHessian(dataset, crossEntropy),
  };
})();
const [mleW, mleB] = newtonMinimum(logistic);

export const logisticRegression: DatasetSurface = defineSurface({
  id: 'logistic_regression',
  name: 'Logistic regression',
  formula: `mean over ${DATASET_SIZE} samples of log(1 + exp(-s_i*(x*u_i + y))), s_i = ±1`,
  latex: `\\frac{1}{${DATASET_SIZE}}\\sum_{i=1}^{${DATASET_SIZE}} \\log\\left(1 + e^{-s_i\\,(x\\,u_i + y)}\\right)`,
  blurb:
    'The cross-entropy of a classifier P(label 1) = σ(x·u + y) on 200 overlapping labelled points, a bowl that flattens into long ramps far from its minimum.',
  view: { xMin: -2, xMax: 6, yMin: -4, yMax: 3 },
  minima: [minimum(mleW, mleB, logistic.value(mleW, mleB), true)],
  defaultStart: [-1, 2],
  ...logistic,
}) as DatasetSurface;
