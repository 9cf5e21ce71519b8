/** * Element-wise formulas rounded exactly as torch's CPU kernels round them, so trajectories match
 * torch to the last few bits rather than merely in their mathematics.
 */

/** * `start.lerp_(end, weight)`: torch switches formula at |weight| = 0.5 so that the result is
 * exact at both ends. Adam-style moments use it for m ← β₁m + (1 − β₁)g, with weight = 1 − β₁.
 */
export function lerp(start: number, end: number, weight: number): number {
  return Math.abs(weight) < 0.5
    ? start + weight * (end - start)
    : end - (end - start) * (1 - weight);
}
