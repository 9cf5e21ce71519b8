/**
 * Two-dimensional slices of a network's loss (Li et al. 2018, "Visualizing the Loss Landscape of
 * Neural Nets"): L(θ + α·δ + β·η) over a grid of (α, β), for two directions δ, η in parameter space.
 */
import { hashNormal, RANDOM_STREAMS } from '../random.ts';
import { layerSlices, type Network } from './network.ts';

export type Normalization = 'filter' | 'none';

/** [lo, hi, n]: n points from lo to hi inclusive (numpy's linspace). */
export type Span = readonly [number, number, number];

/** numpy.linspace(lo, hi, n): lo + j·step, the last point exactly hi. */
export function linspace([lo, hi, n]: Span): Float64Array {
  const points = new Float64Array(n);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  for (let j = 0; j < n; j++) points[j] = lo + j * step;
  if (n > 1) points[n - 1] = hi;
  return points;
}

/**
 * Li et al.'s filter normalisation of direction d at θ: a bias direction is zeroed and each row r of
 * a weight direction (the weights into one unit, a "filter" of a fully connected layer) is scaled by
 * ‖W_r‖ / (‖d_r‖ + 1e-10), so that a step of 1 moves every unit's weights by their own size. This
 * is what makes slices of networks with different weight scales comparable.
 */
export function filterNormalize(
  layers: readonly number[],
  theta: Float64Array,
  direction: Float64Array,
): Float64Array {
  const out = new Float64Array(direction.length);
  for (const { fanIn, fanOut, weight } of layerSlices(layers)) {
    for (let r = 0; r < fanOut; r++) {
      const row = weight + r * fanIn;
      let weightSq = 0;
      let directionSq = 0;
      for (let i = 0; i < fanIn; i++) {
        weightSq += theta[row + i] * theta[row + i];
        directionSq += direction[row + i] * direction[row + i];
      }
      const scale = Math.sqrt(weightSq) / (Math.sqrt(directionSq) + 1e-10);
      for (let i = 0; i < fanIn; i++) out[row + i] = direction[row + i] * scale;
    }
    // The bias entries stay 0.
  }
  return out;
}

/** Gaussian direction number `which` of the seed, filter-normalised at θ. */
export function randomFilterDirection(
  layers: readonly number[],
  theta: Float64Array,
  seed: number,
  which: number,
): Float64Array {
  const d = new Float64Array(theta.length);
  for (let p = 0; p < d.length; p++) {
    d[p] = hashNormal(seed, RANDOM_STREAMS.networkDirections, p, which);
  }
  return filterNormalize(layers, theta, d);
}

/** Directions 0 and 1 of the seed, filter-normalised at θ, η then made orthogonal to δ. */
export function randomFilterDirections(
  layers: readonly number[],
  theta: Float64Array,
  seed: number,
): [Float64Array, Float64Array] {
  const delta = randomFilterDirection(layers, theta, seed, 0);
  const eta = randomFilterDirection(layers, theta, seed, 1);
  // Gram–Schmidt: remove δ's component from η, keeping η's length so both axes share a scale.
  const length = Math.sqrt(dot(eta, eta));
  const along = dot(eta, delta) / dot(delta, delta);
  for (let p = 0; p < eta.length; p++) eta[p] -= along * delta[p];
  const scale = length / Math.sqrt(dot(eta, eta));
  for (let p = 0; p < eta.length; p++) eta[p] *= scale;
  return [delta, eta];
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * The loss on rows i of β and columns j of α: grid[i·nα + j] = L(θ + α_j·δ + β_i·η). `rows` limits
 * the work to some rows of β (a Worker's request).
 */
export function sampleLandscape(
  network: Network,
  theta: Float64Array,
  delta: Float64Array,
  eta: Float64Array,
  alpha: Float64Array,
  beta: Float64Array,
  rows: readonly [number, number] = [0, beta.length],
): Float64Array {
  const columns = alpha.length;
  const grid = new Float64Array((rows[1] - rows[0]) * columns);
  const point = new Float64Array(theta.length);
  for (let i = rows[0]; i < rows[1]; i++) {
    const b = beta[i];
    for (let j = 0; j < columns; j++) {
      const a = alpha[j];
      for (let p = 0; p < point.length; p++) point[p] = theta[p] + a * delta[p] + b * eta[p];
      grid[(i - rows[0]) * columns + j] = network.loss(point);
    }
  }
  return grid;
}
