/**
 * The two scales the plots need, small enough that d3-scale (and the colour interpolation it pulls
 * in) stays out of the first download: linear and base-10 log, both mapping a domain onto a pixel
 * range, with "nice" rounded domains, clamping and tick values.
 */
import { nice, ticks } from 'd3-array';

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

/** A short axis label: three significant digits, exponent form for very large or small values. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}
