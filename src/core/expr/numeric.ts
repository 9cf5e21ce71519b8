/**
 * The arithmetic of an expression, chosen to match what PyTorch computes in float64 when the same
 * formula is written in Python with x and y as tensors (the app's reference trajectories come from
 * there). Every evaluator in this folder (reference, compiled closures, grid) uses these rules, so
 * they agree bit for bit with each other.
 *
 * - Subtrees without x or y are plain float arithmetic (Python folds them before torch sees them);
 *   `^` between two numbers is C's pow (`cPow` below).
 * - `u^c` with a constant exponent follows torch's pow(Tensor, Scalar) kernel, which special-cases
 *   some exponents (u^2 is u*u, u^3 is u*u*u, u^-1 is 1/u, u^0.5 is sqrt(u), ...) and sends the
 *   others to C's pow, as it does every `u^v` with a variable exponent.
 * - sin, exp and the other functions are Math's. V8's and glibc's differ in the last bit now and
 *   then (in the reference runs, at 15 of 700 Rastrigin and 184 of 600 Ackley points, f or ∇f
 *   differ by at most 2e-15 relative), far inside the app's 1e-9 tolerance.
 * - `+ - * /` are single IEEE operations. (Python's `c / tensor` is reciprocal(u) * c in torch;
 *   `prepareForTorch` rewrites the parsed tree that way, so a/b here is always a true division.)
 */
import type { FunctionName } from './ast.ts';

/** torch.pow(u, c) for a float64 tensor u and a Python number c. */
export function powScalar(base: number, exponent: number): number {
  switch (exponent) {
    case 0:
      return 1;
    case 1:
      return base;
    case 2:
      return base * base;
    case 3:
      return base * base * base;
    case -1:
      return 1 / base;
    case -2:
      return 1 / (base * base);
    case 0.5:
      return Math.sqrt(base);
    case -0.5:
      return 1 / Math.sqrt(base);
    default:
      return cPow(base, exponent);
  }
}

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's constant for splitting a double in halves
const LARGEST_SAFE = 2 ** 996; // the splitter times this still fits in a double
const SMALLEST_SAFE = 2 ** -900; // error terms stay normal numbers above this
const MAX_EXACT_EXPONENT = 64;

/** Scratch for twoProduct, so the hot path never allocates. */
const product = new Float64Array(2);

/** a·b = product[0] + product[1] exactly (Dekker; JavaScript has no fused multiply-add). */
function twoProduct(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  product[0] = p;
  product[1] = aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * C's pow(base, exponent) as glibc computes it: for integer exponents up to 64 in size, the power is
 * formed in double-double arithmetic (about 100 bits) and rounded once, which is the correctly
 * rounded result glibc returns; Math.pow (V8's fdlibm port) is now and then one unit in the last
 * place off (so torch's x^4 losses matched in 1403 of 1500 reference points with Math.pow, and in
 * all 1500 with this). Other exponents, and results near overflow or underflow, go to Math.pow.
 */
export function cPow(base: number, exponent: number): number {
  const n = Math.abs(exponent);
  if (!(Number.isInteger(exponent) && n >= 2 && n <= MAX_EXACT_EXPONENT)) {
    return Math.pow(base, exponent);
  }
  const size = Math.abs(base);
  if (!(size >= SMALLEST_SAFE && size <= LARGEST_SAFE)) return Math.pow(base, exponent);
  let high = base;
  let low = 0;
  for (let k = 1; k < n; k++) {
    twoProduct(high, base);
    const error = product[1] + low * base;
    high = product[0] + error;
    low = error - (high - product[0]);
    const magnitude = Math.abs(high);
    if (!(magnitude >= SMALLEST_SAFE && magnitude <= LARGEST_SAFE)) {
      return Math.pow(base, exponent);
    }
  }
  if (exponent > 0) return high + low;
  // 1/(high + low): one Newton step in double-double, then a single rounding.
  const quotient = 1 / high;
  twoProduct(quotient, high);
  const residual = 1 - product[0] - product[1] - quotient * low;
  return quotient + residual * quotient;
}

/** One-argument functions, as torch's float64 CPU kernels compute them. */
export const FUNCTION_IMPLEMENTATIONS: Readonly<Record<FunctionName, (value: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: Math.sign,
};
