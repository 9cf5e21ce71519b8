/**
 * Returns `value` through a typed array, so that a per-step constant (βᵗ, a bias correction) is
 * computed once per step rather than once per coordinate.
 *
 * Why: TurboFan schedules pure arithmetic as late as it can, and when the loop that uses a value has
 * branches (torch's lerp, skipped particles) "late" can be inside the loop. Adam's `beta2 ** t` was
 * recomputed for every coordinate: `perf` put 74% of a run in `ieee754::pow`, and the step cost
 * 20× what its loop needs (see `npm run bench`). A load from memory is ordered by its effects, so it
 * stays where it is written: before the loop.
 */
const slot = new Float64Array(1);

export function computedOnce(value: number): number {
  slot[0] = value;
  return slot[0];
}
