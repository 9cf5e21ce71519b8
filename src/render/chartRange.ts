/**
 * The y range of a chart of runs against step, chosen so that one bad run cannot hide the others.
 *
 * - A run that diverged has no values from that step on (NaN); they take no part.
 * - A run that explodes while staying finite (a loss of 1e176) would stretch the axis until every
 *   other run is a flat line at the bottom. Values more than EXPLOSION_DECADES above the highest
 *   starting value (log axis), or EXPLOSION_SPANS times the runs' descent above it (linear axis),
 *   are left out of the range; the chart draws them clipped at the top edge, with a marker.
 * - A log axis stops at a floor: float precision relative to the start (ε ≈ 2.2e-16 of the highest
 *   starting value). A loss of 1e-179 on a bowl is "at the minimum" for the picture, not 160 empty
 *   decades; values below are drawn at the floor, and the chart says so.
 */

/** Log axes: values this many decades above the highest start are off the chart's top. */
export const EXPLOSION_DECADES = 3;

/** Linear axes: values above the highest start by this many times the runs' descent are off the top. */
export const EXPLOSION_SPANS = 10;

/** A linear axis spans at least this share of its values' magnitude, so ticks stay distinguishable. */
const MIN_RELATIVE_SPAN = 1e-9;

export interface ChartRange {
  log: boolean;
  /** The values the axis must show (before rounding to nice values). */
  lo: number;
  hi: number;
  /** Log axes: the floor, when some value lies below it (and is drawn at it); otherwise null. */
  floor: number | null;
}

/** The power of ten at or below `value`. */
function decadeBelow(value: number): number {
  return Number(`1e${Math.floor(Math.log10(value))}`);
}

/**
 * The range for `series` (each one run's values from step 0; NaN where the run has diverged). Log
 * when no value is negative and they span more than a decade; linear otherwise.
 */
export function chartRange(series: readonly ArrayLike<number>[]): ChartRange {
  let startMax = -Infinity;
  let min = Infinity;
  let noneNegative = true;
  for (const values of series) {
    if (Number.isFinite(values[0])) startMax = Math.max(startMax, values[0]);
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v < 0) noneNegative = false;
    }
  }
  if (min === Infinity) return { log: false, lo: 0, hi: 1, floor: null };
  // Every run starts where its particles start; a series whose start diverged still has values.
  if (startMax === -Infinity) startMax = min;

  // A loss of exactly 0 (a minimum reached, or 1e-179 squared) sits on a log axis's floor.
  const positive = noneNegative && startMax > 0;
  const cap = positive
    ? startMax * 10 ** EXPLOSION_DECADES
    : startMax + EXPLOSION_SPANS * (Math.max(startMax - min, Math.abs(startMax)) || 1);
  const floor = positive ? decadeBelow(startMax * Number.EPSILON) : -Infinity;

  let lo = Infinity;
  let hi = -Infinity;
  let belowFloor = false;
  for (const values of series) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (!Number.isFinite(v) || v > cap) continue;
      if (v < floor) belowFloor = true;
      lo = Math.min(lo, Math.max(v, floor));
      hi = Math.max(hi, v);
    }
  }

  if (positive && hi / lo > 10) return { log: true, lo, hi, floor: belowFloor ? floor : null };
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi === lo) {
    const pad = magnitude / 2 || 1;
    return { log: false, lo: lo - pad, hi: hi + pad, floor: null };
  }
  const minSpan = magnitude * MIN_RELATIVE_SPAN;
  if (hi - lo < minSpan) {
    const middle = (lo + hi) / 2;
    return { log: false, lo: middle - minSpan / 2, hi: middle + minSpan / 2, floor: null };
  }
  return { log: false, lo, hi, floor: null };
}
