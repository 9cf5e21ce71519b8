/**
 * The two scales the plots need, small enough that d3-scale (and the colour interpolation it pulls
 * in) stays out of the first download: linear and base-10 log, both mapping a domain onto a pixel
 * range, with "nice" rounded domains, clamping and tick values.
 *
 * The tick values are d3-array's `ticks` and `nice`, same algorithm and same numbers (scales.test.ts
 * compares them): importing them would bring all of d3-array's top-level code into the first
 * download too, about 1 KB gzip.
 */

// Steps are 1, 2, 5 or 10 × 10^k; a raw step's mantissa picks the factor at these thresholds.
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/**
 * For about `count` round ticks in [start, stop] (start ≤ stop): the first and last tick index and
 * the increment. A negative increment −m stands for ticks i / m, which keeps 0.1-steps exact.
 */
function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const mantissa = step / Math.pow(10, power);
  const factor = mantissa >= E10 ? 10 : mantissa >= E5 ? 5 : mantissa >= E2 ? 2 : 1;
  let first: number;
  let last: number;
  let increment: number;
  if (power < 0) {
    increment = Math.pow(10, -power) / factor;
    first = Math.round(start * increment);
    last = Math.round(stop * increment);
    if (first / increment < start) first++;
    if (last / increment > stop) last--;
    increment = -increment;
  } else {
    increment = Math.pow(10, power) * factor;
    first = Math.round(start / increment);
    last = Math.round(stop / increment);
    if (first * increment < start) first++;
    if (last * increment > stop) last--;
  }
  if (last < first && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [first, last, increment];
}

/** About `count` round values from `start` to `stop` (either order), as d3-array's `ticks`. */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start;
  const [first, last, increment] = reverse
    ? tickSpec(stop, start, count)
    : tickSpec(start, stop, count);
  if (!(last >= first)) return [];
  const values = new Array<number>(last - first + 1);
  for (let i = 0; i < values.length; i++) {
    const index = reverse ? last - i : first + i;
    values[i] = increment < 0 ? index / -increment : index * increment;
  }
  return values;
}

/** [start, stop] widened to round values fit for about `count` ticks, as d3-array's `nice`. */
export function nice(start: number, stop: number, count: number): [number, number] {
  let previous: number | undefined;
  for (;;) {
    const step = tickSpec(start, stop, count)[2];
    if (step === previous || step === 0 || !Number.isFinite(step)) return [start, stop];
    if (step > 0) {
      const i = Math.ceil(start / step);
      const j = Math.floor(stop / step);
      start = (i - +(i * step > start)) * step;
      stop = (j + +(j * step < stop)) * step;
    } else {
      const m = -step;
      const i = Math.ceil(start * m);
      const j = Math.floor(stop * m);
      start = (i - +(i / m > start)) / m;
      stop = (j + +(j / m < stop)) / m;
    }
    previous = step;
  }
}

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  /** About `count` round values inside the domain. */
  ticks(count: number): number[];
}

function affine(d0: number, d1: number, r0: number, r1: number, clamp: boolean) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const lo = Math.min(r0, r1);
  const hi = Math.max(r0, r1);
  return (v: number) => {
    const r = r0 + (v - d0) * k;
    return clamp ? Math.min(hi, Math.max(lo, r)) : r;
  };
}

export interface ScaleOptions {
  /** Extend the domain to round values (d3's `nice`). */
  nice?: boolean;
  /** Keep outputs inside the range. */
  clamp?: boolean;
}

export function linearScale(
  [d0, d1]: readonly [number, number],
  range: readonly [number, number],
  { nice: makeNice = false, clamp = false }: ScaleOptions = {},
): Scale {
  const [n0, n1] = makeNice ? nice(d0, d1, 10) : [d0, d1];
  const scale = affine(n0, n1, range[0], range[1], clamp) as Scale;
  Object.assign(scale, { domain: [n0, n1], ticks: (count: number) => ticks(n0, n1, count) });
  return scale;
}

/** 10^e for whole e, as the nearest double to the decimal (10 ** -4 is 0.00009999999999999999). */
function decade(e: number): number {
  return Number(`1e${e}`);
}

/** Log scale over a positive domain; `nice` widens it to whole decades. */
export function logScale(
  [d0, d1]: readonly [number, number],
  range: readonly [number, number],
  { nice: makeNice = false, clamp = false }: ScaleOptions = {},
): Scale {
  let e0 = Math.log10(d0);
  let e1 = Math.log10(d1);
  if (makeNice) {
    e0 = Math.floor(e0);
    e1 = Math.max(e0 + 1, Math.ceil(e1));
  }
  const toPixel = affine(e0, e1, range[0], range[1], clamp);
  const scale = ((v: number) => toPixel(Math.log10(v))) as Scale;
  Object.assign(scale, {
    domain: makeNice ? [decade(e0), decade(e1)] : [d0, d1],
    // Whole decades, every `stride`-th one so that about `count` remain.
    ticks: (count: number) => {
      const first = Math.ceil(e0 - 1e-9);
      const last = Math.floor(e1 + 1e-9);
      const stride = Math.max(1, Math.ceil((last - first + 1) / count));
      const out: number[] = [];
      for (let e = first; e <= last; e += stride) out.push(decade(e));
      return out;
    },
  });
  return scale;
}

/** The minus sign (U+2212): as wide as a plus, so nobody reads it as a hyphen or a dash. */
export const MINUS = '\u2212';

const SUPERSCRIPTS: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** "10⁻⁵": a power of ten as a person writes it. */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent).replace(/[-\d]/g, (c) => SUPERSCRIPTS[c])}`;
}

/** The fewest significant digits that give `value` back to 15 digits: 0.5 → 1, 1.25 → 3. */
function significantDigits(value: number): number {
  const exact = Number(value.toPrecision(15));
  for (let digits = 1; digits < 15; digits++) {
    if (Number(value.toPrecision(digits)) === exact) return digits;
  }
  return 15;
}

/**
 * An axis label: the tick's value, exact (so two ticks never share a label), with a true minus
 * sign, and very large or small values as "2.5×10⁻⁵" (an "e" form like "1e-5" reads as a
 * subtraction).
 */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const sign = value < 0 ? MINUS : '';
  const digits = significantDigits(magnitude);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa, exponent] = magnitude.toExponential(digits - 1).split('e');
    const power = powerOfTen(Number(exponent));
    return sign + (Number(mantissa) === 1 ? power : `${mantissa}×${power}`);
  }
  return sign + String(Number(magnitude.toPrecision(digits)));
}
