import type { Network } from './network.ts';

/**
 * The N × N Hessian of the network's loss at θ, row-major into `out`, from central differences of
 * the exact (backpropagated) gradient: column j = (∇L(θ + h·e_j) − ∇L(θ − h·e_j)) / 2h, then made
 * symmetric. With h = 1e-5·max(1, |θ_j|) the error is of order h² times the third derivative, about
 * 1e-9 relative on these networks: ample for a Newton step, and 2N gradients instead of an exact
 * second-order pass through every layer.
 */
export function hessianByDifferences(
  network: Network,
  theta: Float64Array,
  out: Float64Array,
): void {
  const n = network.count;
  const point = Float64Array.from(theta);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(theta[j]));
    point[j] = theta[j] + h;
    network.lossAndGradient(point, plus);
    point[j] = theta[j] - h;
    network.lossAndGradient(point, minus);
    point[j] = theta[j];
    for (let i = 0; i < n; i++) out[i * n + j] = (plus[i] - minus[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = (out[i * n + j] + out[j * n + i]) / 2;
      out[i * n + j] = mean;
      out[j * n + i] = mean;
    }
  }
}
