/** Order statistics for charts, the lab and contour levels: one quantile, one median, selection. */

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

/**
 * Median of the numbers in `values` (reorders them: pass a copy to keep the order), by quickselect:
 * linear time, since the charts take it for every run at every step (12 runs × 1,000 particles is
 * 12,000 numbers a step). +∞ entries are allowed.
 */
export function median(values: Float64Array): number {
  const n = values.length;
  const mid = n >> 1;
  const upper = select(values, mid);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of `mid` after selection.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Puts the k-th smallest value at index k, smaller ones before it, and returns it. */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}
