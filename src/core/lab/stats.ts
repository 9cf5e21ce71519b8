/** The q-quantile of ascending `sorted` (linear interpolation, R's type 7); +∞ entries are allowed. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const a = sorted[below];
  const b = sorted[above];
  // ∞ − ∞ would give NaN: a quantile that touches a diverged run is itself "diverged".
  if (a === Infinity || b === Infinity) return position === below ? a : Infinity;
  return a + (b - a) * (position - below);
}

/** Median of the numbers (any order). */
export function median(values: ArrayLike<number>): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}
