/**
 * How sharp the loss is around a network's weights θ, measured as Li et al. (2018) compare minima:
 * the training loss a fixed step away from θ, along random directions scaled filter by filter to
 * θ's own weights (landscape.ts), minus the loss at θ, averaged over several directions, each taken
 * both ways. Filter normalisation is what makes the number comparable between two trainings whose
 * weights have different sizes: around a sharp minimum the loss rises fast, around a flat one slowly.
 */
import { randomFilterDirection } from './landscape.ts';
import type { Network } from './network.ts';

/** The step's length: every unit's incoming weights move by half their own norm. */
export const SHARPNESS_RADIUS = 0.5;

/**
 * Directions averaged. The first two are the random landscape plane's, before its second is made
 * orthogonal to the first, when the plane is drawn through θ with the same seed.
 */
export const SHARPNESS_DIRECTIONS = 8;

/** The mean of L(θ ± radius·dₖ) − L(θ) over the seed's first `directions` filter-normalised dₖ. */
export function sharpness(
  network: Network,
  theta: Float64Array,
  seed: number,
  radius = SHARPNESS_RADIUS,
  directions = SHARPNESS_DIRECTIONS,
): number {
  const base = network.loss(theta);
  const point = new Float64Array(theta.length);
  let rise = 0;
  for (let which = 0; which < directions; which++) {
    const direction = randomFilterDirection(network.architecture.layers, theta, seed, which);
    for (const sign of [1, -1]) {
      for (let p = 0; p < point.length; p++) point[p] = theta[p] + sign * radius * direction[p];
      rise += network.loss(point) - base;
    }
  }
  return rise / (2 * directions);
}
