import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { cPow, powScalar } from './numeric.ts';

/** v = mantissa · 2^exponent exactly, for a finite nonzero double. */
function decompose(v: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  if (biased !== 0) mantissa |= 1n << 52n;
  const sign = bits >> 63n === 1n ? -1n : 1n;
  return { mantissa: sign * mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

function neighbour(v: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigInt64(0);
  // For positive v, +1 on the bits moves away from zero; flip for negative v.
  view.setBigInt64(0, bits + BigInt(v > 0 ? direction : -direction));
  return view.getFloat64(0);
}

/**
 * True when `result` is the double nearest to base^n, checked in exact integer arithmetic: base^n
 * is an exact rational, and no neighbour of `result` may be nearer to it.
 */
function isCorrectlyRounded(result: number, base: number, n: number): boolean {
  const b = decompose(base);
  const k = Math.abs(n);
  const power = { mantissa: b.mantissa ** BigInt(k), exponent: b.exponent * k };
  const candidates = [result, neighbour(result, 1), neighbour(result, -1)].map(decompose);
  const lowest = Math.min(power.exponent, ...candidates.map((c) => c.exponent));
  const scaled = (d: { mantissa: bigint; exponent: number }): bigint =>
    d.mantissa << BigInt(d.exponent - lowest);
  // Distance from the exact value, times a positive common factor so it stays an integer:
  // |c - P| for n > 0, |c·P - 1| for n < 0.
  const exact = scaled(power);
  const distance = (c: bigint): bigint => {
    const gap = n > 0 ? c - exact : c * exact - (1n << BigInt(-2 * lowest));
    return gap < 0n ? -gap : gap;
  };
  const [own, up, down] = candidates.map((c) => distance(scaled(c)));
  return own <= up && own <= down;
}

describe('cPow', () => {
  it('rounds x^n correctly for integer exponents, like glibc pow', () => {
    const rng = createRng(11);
    for (let i = 0; i < 3000; i++) {
      const base = (rng.next() - 0.5) * 2 ** Math.floor(rng.next() * 20 - 10);
      const n = [4, 5, 6, 7, 10, -3, -4, -6][i % 8];
      const result = cPow(base, n);
      if (!isCorrectlyRounded(result, base, n)) {
        throw new Error(`cPow(${base}, ${n}) = ${result} is not correctly rounded`);
      }
    }
  });

  it('hands non-integer exponents and extreme bases to Math.pow', () => {
    expect(cPow(2, 0.3)).toBe(Math.pow(2, 0.3));
    expect(cPow(1e300, 4)).toBe(Infinity);
    expect(cPow(1e-300, 4)).toBe(0);
    expect(cPow(-0, 5)).toBe(-0);
    expect(cPow(Infinity, 4)).toBe(Infinity);
    expect(cPow(NaN, 4)).toBeNaN();
    expect(cPow(0, -4)).toBe(Infinity);
    expect(cPow(2, 64)).toBe(2 ** 64);
    expect(cPow(3, 65)).toBe(Math.pow(3, 65));
  });
});

describe('powScalar', () => {
  it('takes the special kernels torch takes for some exponents', () => {
    const u = 1.1;
    expect(powScalar(u, 2)).toBe(u * u);
    expect(powScalar(u, 3)).toBe(u * u * u);
    expect(powScalar(u, -1)).toBe(1 / u);
    expect(powScalar(u, -2)).toBe(1 / (u * u));
    expect(powScalar(u, 0.5)).toBe(Math.sqrt(u));
    expect(powScalar(u, -0.5)).toBe(1 / Math.sqrt(u));
    expect(powScalar(NaN, 0)).toBe(1);
    expect(powScalar(u, 1)).toBe(u);
    expect(powScalar(u, 4)).toBe(cPow(u, 4));
  });
});
