/**
 * How f becomes height in the 3D view: linear in f − min, or log(f − min + ε), chosen like the
 * contour levels (the `auto` rule and the ε of core/contours/thresholds.ts), then divided by a
 * ceiling so the surface fills a box of height 1.
 *
 * NaN and infinity policy for heights: a non-finite value, or one above the ceiling, is *cut*: it
 * sits on a flat lid at height 1 and is drawn in the cut colour, so a pole or an undefined patch shows
 * as a visible cut instead of a spike that flattens everything else (the same "above every level"
 * reading the contours give such cells).
 */
import {
  chooseThresholdScale,
  logOffset,
  quantileInPlace,
  type ResolvedThresholdScale,
  type ThresholdScale,
  type ValueSummary,
} from '../contours/thresholds.ts';

export interface HeightScale {
  kind: ResolvedThresholdScale;
  /** The lowest finite value: height 0. */
  min: number;
  /** ε in log(f − min + ε); unused when linear. */
  offset: number;
  /** Transformed rise at height 1; higher values are cut. */
  ceiling: number;
}

/** Which quantile of the finite values measures the bulk of the surface. */
const BULK_QUANTILE = 0.9;
/**
 * The box is cut at this many times the bulk's transformed rise: a pole (1/r² near r = 0), whose few
 * cells reach 10⁶ while 90% stay under 0.1 of that, would otherwise squash the whole surface into the
 * floor. A surface whose highest cell is within this factor of the bulk (Rosenbrock, Himmelblau,
 * Rastrigin) is not cut.
 */
const SPIKE_FACTOR = 4;

/** t(f): the rise above min, linear or log, before division by the ceiling. */
function transformed(kind: ResolvedThresholdScale, min: number, offset: number, f: number): number {
  const rise = f - min;
  return kind === 'linear' ? rise : Math.log1p(rise / offset);
}

/**
 * The height scale for sampled values. `choice` is the contours' setting (auto picks like the
 * contour levels do); `levelCount` the contours' level count (it sets the log ε). Undefined when no
 * value is finite: there is no surface to lift.
 */
export function chooseHeightScale(
  values: ArrayLike<number>,
  summary: ValueSummary | undefined,
  choice: ThresholdScale,
  levelCount: number,
): HeightScale | undefined {
  if (!summary) return undefined;
  const kind = choice === 'auto' ? chooseThresholdScale(summary) : choice;
  const range = summary.max - summary.min;
  const flat = !(range > 0 && Number.isFinite(range));
  const offset = flat ? 1 : logOffset(summary, levelCount);
  const finite = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) finite[count++] = values[i];
  const bulk = quantileInPlace(finite.subarray(0, count), BULK_QUANTILE);
  const rise = (f: number) => transformed(kind, summary.min, offset, f);
  const highest = flat ? 0 : rise(summary.max);
  const ceiling = Math.min(highest, SPIKE_FACTOR * rise(bulk));
  // A flat (or overflowing) surface gets a ceiling of 1: it lies on the floor, cut nowhere.
  return {
    kind,
    min: summary.min,
    offset,
    ceiling: ceiling > 0 && Number.isFinite(ceiling) ? ceiling : 1,
  };
}

/** True when `f` is drawn on the cut lid: non-finite, or above the ceiling. */
export function isCut(scale: HeightScale, f: number): boolean {
  return !Number.isFinite(f) || transformed(scale.kind, scale.min, scale.offset, f) > scale.ceiling;
}

/** The height of `f` in [0, 1]: 0 at the minimum, 1 at the ceiling and for cut values. */
export function heightOf(scale: HeightScale, f: number): number {
  if (isCut(scale, f)) return 1;
  const height = transformed(scale.kind, scale.min, scale.offset, f) / scale.ceiling;
  return height > 0 ? height : 0;
}
