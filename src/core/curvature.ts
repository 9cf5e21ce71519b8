/**
 * The curvature of a surface at one point, read from its exact Hessian H = [[fxx, fxy], [fxy, fyy]]:
 * eigenvalues and eigenvectors (how steeply f curves up or down along each principal direction),
 * the condition number, and what kind of point it is. This is the article's tool for saddle points:
 * for x² − y² at the origin, H·[1, 0] = 2·[1, 0] (curving up along x) and H·[0, 1] = −2·[0, 1]
 * (curving down along y: there is a way down).
 */
import type { Point } from './geometry.ts';
import type { SurfaceFunctions } from './surfaces/types.ts';

/** A symmetric 2×2 matrix [[a, b], [b, c]]. */
export interface Symmetric2 {
  a: number;
  b: number;
  c: number;
}

export interface SymmetricEigen {
  /** λ₁ ≥ λ₂. */
  values: [number, number];
  /**
   * Unit eigenvectors for λ₁ and λ₂, orthogonal. Each is signed so that its larger component is
   * positive ([1, 0] rather than [−1, 0]); an eigenvector's sign carries no meaning.
   */
  vectors: [Point, Point];
}

/** Veltkamp's splitter for float64: 2²⁷ + 1. */
const SPLITTER = 134217729;

/** The rounding error of the float product a·b = p (Dekker's TwoProduct); needs |a|, |b| ≲ 2⁹⁹⁵. */
function productError(a: number, b: number, p: number): number {
  const ta = SPLITTER * a;
  const aHigh = ta - (ta - a);
  const aLow = a - aHigh;
  const tb = SPLITTER * b;
  const bHigh = tb - (tb - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * a·c − b·b to a few ulps even when the two products nearly cancel (Kahan's determinant, with
 * TwoProduct in place of a fused multiply-add): this is what keeps a tiny eigenvalue next to a
 * large one accurate to its own size, not just to the size of the matrix.
 */
function determinant(a: number, b: number, c: number): number {
  const ac = a * c;
  const bb = b * b;
  return ac - bb + (productError(a, c, ac) - productError(b, b, bb));
}

/** 2^k as one factor, or two where 2^k alone is out of range (|k| > 1000). */
function powerOfTwo(k: number): [number, number] {
  if (Math.abs(k) <= 1000) return [2 ** k, 1];
  const half = Math.trunc(k / 2);
  return [2 ** half, 2 ** (k - half)];
}

/** x·2^k for the factors of powerOfTwo(k): exact unless the result under- or overflows. */
function scaled(x: number, [first, second]: [number, number]): number {
  return x * first * second;
}

/** Flips a unit vector so its larger component is positive, and turns −0 into 0. */
function canonicalSign(x: number, y: number): Point {
  const flip = (Math.abs(x) >= Math.abs(y) ? x : y) < 0 ? -1 : 1;
  return [flip * x + 0, flip * y + 0];
}

/**
 * Eigen-decomposition of a finite symmetric 2×2 matrix, numerically careful throughout:
 * - the matrix is first scaled by a power of two (exact) so its largest entry is in [1, 2): nothing
 *   over- or underflows, and a tiny entry keeps its bits;
 * - the eigenvalue of larger magnitude is mean ± r with both terms of one sign (no cancellation),
 *   the other is det/λ with an accurate determinant, so it keeps its relative accuracy;
 * - the eigenvector is built from whichever row of H − λI has no cancellation: (d + r, b) when
 *   d = (a − c)/2 ≥ 0, else (b, r − d), so nearly equal eigenvalues still give orthonormal vectors
 *   with H·v = λ·v to rounding.
 */
export function symmetricEigen({ a, b, c }: Symmetric2): SymmetricEigen {
  const largest = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  if (!Number.isFinite(largest)) throw new RangeError('symmetricEigen needs finite entries');
  if (largest === 0)
    return {
      values: [0, 0],
      vectors: [
        [1, 0],
        [0, 1],
      ],
    };
  const exponent = Math.floor(Math.log2(largest));
  const down = powerOfTwo(-exponent);
  const sa = scaled(a, down);
  const sb = scaled(b, down);
  const sc = scaled(c, down);
  const mean = (sa + sc) / 2;
  const half = (sa - sc) / 2;
  const r = Math.hypot(half, sb);
  let high: number;
  let low: number;
  // The quotient avoids cancellation, but for nearly equal eigenvalues its rounding can land it just
  // past its partner: clamp, so λ₁ ≥ λ₂ always holds.
  if (mean >= 0) {
    high = mean + r;
    low = r === 0 ? mean : Math.min(high, determinant(sa, sb, sc) / high);
  } else {
    low = mean - r;
    high = r === 0 ? mean : Math.max(low, determinant(sa, sb, sc) / low);
  }
  let vx = 1;
  let vy = 0;
  if (r !== 0) {
    if (half >= 0) {
      vx = half + r;
      vy = sb;
    } else {
      vx = sb;
      vy = r - half;
    }
    const length = Math.hypot(vx, vy);
    vx /= length;
    vy /= length;
  }
  const up = powerOfTwo(exponent);
  return {
    values: [scaled(high, up), scaled(low, up)],
    vectors: [canonicalSign(vx, vy), canonicalSign(-vy, vx)],
  };
}

/** H·v. */
export function multiply({ a, b, c }: Symmetric2, [x, y]: Point): Point {
  return [a * x + b * y, b * x + c * y];
}

export type Verdict = 'minimum' | 'maximum' | 'saddle' | 'degenerate';

/**
 * An eigenvalue counts as zero when its magnitude is at most this fraction of the larger one's: the
 * Hessian is then too close to singular to say which way is down (the curvature along that
 * direction is below what rounding in f's second derivatives can resolve).
 */
export const ZERO_EIGENVALUE_TOLERANCE = 1e-9;

/**
 * What the curvature says about a point, from the eigenvalues alone: both positive, a minimum; both
 * negative, a maximum; opposite signs, a saddle; a zero eigenvalue (relative to the other), or both
 * zero, degenerate — the second derivatives cannot tell which way is down.
 */
export function classify([high, low]: readonly [number, number]): Verdict {
  const scale = Math.max(Math.abs(high), Math.abs(low));
  if (scale === 0) return 'degenerate';
  const zero = (value: number) => Math.abs(value) <= ZERO_EIGENVALUE_TOLERANCE * scale;
  if (zero(high) || zero(low)) return 'degenerate';
  if (low > 0) return 'minimum';
  if (high < 0) return 'maximum';
  return 'saddle';
}

/**
 * |λ|max / |λ|min: how much more steeply f curves in its steepest direction than in its flattest.
 * Infinity with a zero eigenvalue; null when H = 0 (no curvature at all to compare).
 */
export function conditionNumber([high, low]: readonly [number, number]): number | null {
  const big = Math.max(Math.abs(high), Math.abs(low));
  const small = Math.min(Math.abs(high), Math.abs(low));
  if (big === 0) return null;
  return small === 0 ? Infinity : big / small;
}

/**
 * A point counts as stationary when ‖∇f‖ ≤ this × max(1, |λ|max): at most about this far (in units
 * of x and y) from where the gradient vanishes, for a surface curving like the Hessian says.
 */
export const STATIONARY_TOLERANCE = 1e-8;

export interface EigenDirection {
  value: number;
  vector: Point;
  /** H·v, computed directly: equals value·vector to rounding. */
  product: Point;
}

interface CurvatureCommon {
  point: Point;
  value: number;
  gradient: Point;
  /** ‖∇f‖; NaN when the gradient is not defined here. */
  gradientNorm: number;
  hessian: Symmetric2;
}

export type CurvatureAnalysis = CurvatureCommon &
  (
    | {
        kind: 'finite';
        /** λ₁ (the larger) first. */
        directions: [EigenDirection, EigenDirection];
        verdict: Verdict;
        conditionNumber: number | null;
        /** The gradient is (about) zero: a true minimum, maximum, saddle or degenerate point. */
        stationary: boolean;
      }
    /** An infinite Hessian entry (a cone tip such as Ackley's origin): curvature without bound. */
    | { kind: 'infinite' }
    /** A NaN entry: the second derivatives do not exist here. */
    | { kind: 'undefined' }
  );

const gradientScratch = new Float64Array(2);
const hessianScratch = new Float64Array(3);

/** Value, gradient and exact Hessian of f at (x, y), decomposed and classified. */
export function analyzeCurvature(
  surface: SurfaceFunctions,
  x: number,
  y: number,
): CurvatureAnalysis {
  const value = surface.valueAndGradient(x, y, gradientScratch, 0);
  const gradient: Point = [gradientScratch[0], gradientScratch[1]];
  surface.hessian(x, y, hessianScratch, 0);
  const hessian = { a: hessianScratch[0], b: hessianScratch[1], c: hessianScratch[2] };
  const common: CurvatureCommon = {
    point: [x, y],
    value,
    gradient,
    gradientNorm: Math.hypot(gradient[0], gradient[1]),
    hessian,
  };
  const entries = [hessian.a, hessian.b, hessian.c];
  if (entries.some(Number.isNaN)) return { ...common, kind: 'undefined' };
  if (!entries.every(Number.isFinite)) return { ...common, kind: 'infinite' };
  const { values, vectors } = symmetricEigen(hessian);
  const scale = Math.max(Math.abs(values[0]), Math.abs(values[1]));
  return {
    ...common,
    kind: 'finite',
    directions: [
      { value: values[0], vector: vectors[0], product: multiply(hessian, vectors[0]) },
      { value: values[1], vector: vectors[1], product: multiply(hessian, vectors[1]) },
    ],
    verdict: classify(values),
    conditionNumber: conditionNumber(values),
    stationary: common.gradientNorm <= STATIONARY_TOLERANCE * Math.max(1, scale),
  };
}
