import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeCurvature,
  classify,
  conditionNumber,
  multiply,
  symmetricEigen,
  ZERO_EIGENVALUE_TOLERANCE,
  type Symmetric2,
} from './curvature.ts';
import { getSurface } from './surfaces/index.ts';

function surface(id: string) {
  const found = getSurface(id);
  if (!found) throw new Error(`no surface ${id}`);
  return found;
}

/**
 * A symmetric matrix with entries spread over many orders of magnitude, both signs. Subnormal
 * numbers (below 2⁻¹⁰²²) are left out: they carry too few bits for any relative accuracy.
 */
const entry = fc
  .oneof(
    fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    fc
      .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -150, max: 150 }))
      .map(([m, e]) => m * 2 ** e),
  )
  .map((value) => (Math.abs(value) < 1e-280 ? 0 : value));
const matrix: fc.Arbitrary<Symmetric2> = fc.record({ a: entry, b: entry, c: entry });

/** A matrix with eigenvalues λ₁, λ₂ along a rotation by θ: Rᵀ·diag(λ)·R. */
function fromEigen(l1: number, l2: number, theta: number): Symmetric2 {
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  return {
    a: l1 * cos * cos + l2 * sin * sin,
    b: (l1 - l2) * cos * sin,
    c: l1 * sin * sin + l2 * cos * cos,
  };
}

describe('symmetricEigen', () => {
  it("reproduces the article's saddle: H = [[2, 0], [0, −2]] has 2 along [1, 0] and −2 along [0, 1]", () => {
    const { values, vectors } = symmetricEigen({ a: 2, b: 0, c: -2 });
    expect(values).toEqual([2, -2]);
    expect(vectors).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(multiply({ a: 2, b: 0, c: -2 }, [1, 0])).toEqual([2, 0]);
    expect(multiply({ a: 2, b: 0, c: -2 }, [0, 1]).map((v) => v + 0)).toEqual([0, -2]);
  });

  it('orders λ₁ ≥ λ₂ and gives axis vectors for a diagonal matrix with fyy > fxx', () => {
    const { values, vectors } = symmetricEigen({ a: 1, b: 0, c: 25 });
    expect(values).toEqual([25, 1]);
    expect(vectors).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('finds [1, 1]/√2 and [1, −1]/√2 for [[2, 1], [1, 2]]', () => {
    const { values, vectors } = symmetricEigen({ a: 2, b: 1, c: 2 });
    expect(values[0]).toBeCloseTo(3, 15);
    expect(values[1]).toBeCloseTo(1, 15);
    expect(vectors[0][0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(vectors[0][1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Math.abs(vectors[1][0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(vectors[1][0] * vectors[1][1]).toBeCloseTo(-0.5, 15);
  });

  it('gives zeros and the axes for the zero matrix, and refuses non-finite entries', () => {
    expect(symmetricEigen({ a: 0, b: 0, c: 0 })).toEqual({
      values: [0, 0],
      vectors: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(() => symmetricEigen({ a: Infinity, b: 0, c: 1 })).toThrow(RangeError);
  });

  it('keeps a tiny eigenvalue beside a large one accurate to its own size', () => {
    // [[1, 1], [1, 1 + 2⁻³⁰]]: λ₂ = det/λ₁ ≈ 2⁻³⁰/2; mean − r would keep only ~7 of its digits.
    const eps = 2 ** -30;
    const { values } = symmetricEigen({ a: 1, b: 1, c: 1 + eps });
    const exactSmall = (2 + eps - Math.sqrt(4 + eps * eps)) / 2; // rationalised below
    const rationalised = (2 * eps) / (2 + eps + Math.sqrt(4 + eps * eps));
    expect(Math.abs(values[1] - rationalised) / rationalised).toBeLessThan(1e-15);
    expect(Math.abs(exactSmall - rationalised) / rationalised).toBeGreaterThan(1e-12);
  });

  it('stays orthonormal with H·v = λ·v for nearly equal eigenvalues', () => {
    for (const gap of [1e-3, 1e-8, 1e-12, 1e-15]) {
      for (const theta of [0.1, 0.7, 2.3]) {
        const h = fromEigen(1 + gap, 1, theta);
        const { values, vectors } = symmetricEigen(h);
        expect(values[0]).toBeCloseTo(1 + gap, 14);
        expect(values[1]).toBeCloseTo(1, 14);
        for (const i of [0, 1] as const) {
          const [px, py] = multiply(h, vectors[i]);
          expect(
            Math.hypot(px - values[i] * vectors[i][0], py - values[i] * vectors[i][1]),
          ).toBeLessThan(1e-15);
        }
      }
    }
  });

  it('property: eigenvectors are orthonormal', () => {
    fc.assert(
      fc.property(matrix, (h) => {
        const [[x1, y1], [x2, y2]] = symmetricEigen(h).vectors;
        expect(Math.abs(Math.hypot(x1, y1) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(Math.hypot(x2, y2) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(x1 * x2 + y1 * y2)).toBeLessThan(1e-15);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps λ₁ ≥ λ₂ for nearly equal eigenvalues (found by fast-check)', () => {
    const { values } = symmetricEigen({ a: -999.999999999998, b: 0, c: -999.9999999999981 });
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
  });

  it('property: H·v = λ·v to 1e-12 relative to |λ|max, with λ₁ ≥ λ₂ and trace and det preserved', () => {
    fc.assert(
      fc.property(matrix, (h) => {
        const { values, vectors } = symmetricEigen(h);
        const scale = Math.max(Math.abs(values[0]), Math.abs(values[1]));
        expect(values[0]).toBeGreaterThanOrEqual(values[1]);
        for (const i of [0, 1] as const) {
          const [px, py] = multiply(h, vectors[i]);
          const residual = Math.hypot(
            px - values[i] * vectors[i][0],
            py - values[i] * vectors[i][1],
          );
          expect(residual).toBeLessThanOrEqual(1e-12 * scale);
        }
        const norm = Math.max(Math.abs(h.a), Math.abs(h.b), Math.abs(h.c));
        expect(Math.abs(values[0] + values[1] - (h.a + h.c))).toBeLessThanOrEqual(1e-14 * norm);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: recovers eigenvalues planted by a rotation, even when they differ by 1e12', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        (l1, l2, theta) => {
          const { values } = symmetricEigen(fromEigen(l1, l2, theta));
          const scale = Math.max(Math.abs(l1), Math.abs(l2));
          expect(Math.abs(values[0] - Math.max(l1, l2))).toBeLessThanOrEqual(1e-14 * scale);
          expect(Math.abs(values[1] - Math.min(l1, l2))).toBeLessThanOrEqual(1e-14 * scale);
        },
      ),
    );
  });

  it('property: scaling H by a power of two scales the eigenvalues exactly and keeps the vectors', () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: -60, max: 60 }), (h, k) => {
        const s = 2 ** k;
        const base = symmetricEigen(h);
        const scaled = symmetricEigen({ a: h.a * s, b: h.b * s, c: h.c * s });
        // A subnormal eigenvalue has lost bits: scaling it back is no longer exact.
        const normal = (v: number) => v === 0 || Math.abs(v) >= 2 ** -1000;
        fc.pre([...base.values, ...scaled.values].every(normal));
        expect(scaled.values).toEqual([base.values[0] * s, base.values[1] * s]);
        expect(scaled.vectors).toEqual(base.vectors);
      }),
    );
  });
});

describe('classify', () => {
  it('names the four kinds of point', () => {
    expect(classify([3, 1])).toBe('minimum');
    expect(classify([-1, -3])).toBe('maximum');
    expect(classify([2, -2])).toBe('saddle');
    expect(classify([2, 0])).toBe('degenerate');
    expect(classify([0, 0])).toBe('degenerate');
    expect(classify([0, -5])).toBe('degenerate');
  });

  it('treats an eigenvalue within the relative tolerance of zero as zero', () => {
    expect(classify([1, ZERO_EIGENVALUE_TOLERANCE])).toBe('degenerate');
    expect(classify([1, -ZERO_EIGENVALUE_TOLERANCE])).toBe('degenerate');
    expect(classify([1, 3 * ZERO_EIGENVALUE_TOLERANCE])).toBe('minimum');
    expect(classify([1e-30, 1e-31])).toBe('minimum');
  });

  it('property: the verdict is invariant under positive scaling and swaps min/max under negation', () => {
    const flipped = {
      minimum: 'maximum',
      maximum: 'minimum',
      saddle: 'saddle',
      degenerate: 'degenerate',
    };
    fc.assert(
      fc.property(matrix, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (h, s) => {
        const values = symmetricEigen(h).values;
        const ratio =
          Math.min(Math.abs(values[0]), Math.abs(values[1])) /
          Math.max(Math.abs(values[0]), Math.abs(values[1]));
        // Right at the tolerance, rounding in s·H may tip the balance; everywhere else it may not.
        fc.pre(!(Math.abs(ratio / ZERO_EIGENVALUE_TOLERANCE - 1) < 1e-6));
        const verdict = classify(values);
        const scaled = (factor: number) =>
          classify(symmetricEigen({ a: h.a * factor, b: h.b * factor, c: h.c * factor }).values);
        expect(scaled(s)).toBe(verdict);
        expect(scaled(-s)).toBe(flipped[verdict]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('conditionNumber', () => {
  it('is |λ|max / |λ|min, infinite with a zero eigenvalue and undefined for H = 0', () => {
    expect(conditionNumber([25, 1])).toBe(25);
    expect(conditionNumber([2, -2])).toBe(1);
    expect(conditionNumber([-1, -4])).toBe(4);
    expect(conditionNumber([3, 0])).toBe(Infinity);
    expect(conditionNumber([0, 0])).toBeNull();
  });
});

describe('analyzeCurvature on the built-in surfaces', () => {
  it("saddle x² − y² at the origin: the article's worked example", () => {
    const result = analyzeCurvature(surface('saddle'), 0, 0);
    expect(result.hessian).toEqual({ a: 2, b: 0, c: -2 });
    expect(result.gradient.map((v) => v + 0)).toEqual([0, 0]);
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.verdict).toBe('saddle');
    expect(result.stationary).toBe(true);
    expect(result.conditionNumber).toBe(1);
    const [up, down] = result.directions;
    expect([up.value, up.vector, up.product]).toEqual([2, [1, 0], [2, 0]]);
    expect([down.value, down.vector]).toEqual([-2, [0, 1]]);
    expect(down.product[1]).toBe(-2);
  });

  it('monkey saddle at the origin: gradient and Hessian both vanish, so it is degenerate', () => {
    const result = analyzeCurvature(surface('monkey_saddle'), 0, 0);
    expect(result.gradient.map((v) => v + 0)).toEqual([0, 0]);
    expect(result.hessian).toEqual({ a: 0, b: -0, c: -0 });
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.verdict).toBe('degenerate');
    expect(result.stationary).toBe(true);
    expect(result.conditionNumber).toBeNull();
  });

  it('monkey saddle off the origin: a saddle-shaped Hessian but not a stationary point', () => {
    const result = analyzeCurvature(surface('monkey_saddle'), 0.5, 0);
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.verdict).toBe('saddle');
    expect(result.stationary).toBe(false);
    expect(result.gradient).toEqual([0.75, -0]);
  });

  it('quadratic bowl: a minimum curving up by 2 in every direction', () => {
    const result = analyzeCurvature(surface('quadratic'), 0, 0);
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.verdict).toBe('minimum');
    expect(result.directions.map((d) => d.value)).toEqual([2, 2]);
    expect(result.conditionNumber).toBe(1);
  });

  it('elongated bowl: condition number 25, steep along y', () => {
    const result = analyzeCurvature(surface('elongated'), -4, 1);
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.verdict).toBe('minimum');
    expect(result.stationary).toBe(false);
    expect(result.conditionNumber).toBe(25);
    expect(result.directions[0].vector).toEqual([0, 1]);
  });

  it('Rosenbrock at its minimum (1, 1): a narrow valley with condition number ≈ 2508', () => {
    const result = analyzeCurvature(surface('rosenbrock'), 1, 1);
    if (result.kind !== 'finite') throw new Error(result.kind);
    expect(result.hessian).toEqual({ a: 802, b: -400, c: 200 });
    expect(result.verdict).toBe('minimum');
    expect(result.stationary).toBe(true);
    // λ = 501 ± √(301² + 400²), exactly.
    const r = Math.hypot(301, 400);
    expect(result.directions[0].value).toBeCloseTo(501 + r, 10);
    expect(result.directions[1].value).toBeCloseTo(501 - r, 12);
    expect(result.conditionNumber).toBeCloseTo((501 + r) / (501 - r), 6);
  });

  it('Himmelblau: minimum at (3, 2) and a maximum near (−0.2708, −0.9230)', () => {
    const min = analyzeCurvature(surface('himmelblau'), 3, 2);
    if (min.kind !== 'finite') throw new Error(min.kind);
    expect(min.verdict).toBe('minimum');
    expect(min.stationary).toBe(true);
    const max = analyzeCurvature(surface('himmelblau'), -0.270845, -0.923039);
    if (max.kind !== 'finite') throw new Error(max.kind);
    expect(max.verdict).toBe('maximum');
  });

  it("Ackley's cone tip: an infinite Hessian is reported as such, never as NaN eigenvalues", () => {
    const result = analyzeCurvature(surface('ackley'), 0, 0);
    expect(result.kind).toBe('infinite');
    expect(result.gradient).toEqual([0, 0]);
  });

  it('a Hessian with a NaN entry is reported as undefined', () => {
    const broken = {
      value: () => 0,
      valueAndGradient: (_x: number, _y: number, out: Float64Array, offset: number) => {
        out[offset] = 0;
        out[offset + 1] = 0;
        return 0;
      },
      hessian: (_x: number, _y: number, out: Float64Array, offset: number) => {
        out.set([NaN, 0, Infinity], offset);
      },
    };
    expect(analyzeCurvature(broken, 0, 0).kind).toBe('undefined');
  });
});
