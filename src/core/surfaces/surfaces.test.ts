import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry.ts';
import { createRng, hashString } from '../random.ts';
import { loadReferenceCases } from '../testing/referenceCases.ts';
import { SURFACE_IDS, SURFACES, getSurface } from './index.ts';
import type { Surface } from './types.ts';

const POINTS_PER_SURFACE = 200;
/** Step of the five-point stencil: truncation error ~h⁴·f⁽⁵⁾/30, rounding ~ε·|f|/h. */
const STEP = 1e-3;
const DIFFERENCE_TOLERANCE = 1e-6;

const byId = SURFACES.map((surface) => [surface.id, surface] as const);

/** Seeded points spread over the surface's view, the same on every run. */
function pointsInView(surface: Surface, count: number): Point[] {
  const rng = createRng(2024, hashString(surface.id));
  const { xMin, xMax, yMin, yMax } = surface.view;
  return Array.from({ length: count }, () => [
    xMin + (xMax - xMin) * rng.next(),
    yMin + (yMax - yMin) * rng.next(),
  ]);
}

/** Five-point central difference of g along one axis at (x, y). */
function derivative(g: (x: number, y: number) => number, x: number, y: number, axis: 0 | 1) {
  const at = (k: number) => (axis === 0 ? g(x + k * STEP, y) : g(x, y + k * STEP));
  return (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * STEP);
}

function gradientAt(surface: Surface, x: number, y: number): [number, number] {
  const out = new Float64Array(2);
  surface.valueAndGradient(x, y, out, 0);
  return [out[0], out[1]];
}

function hessianAt(surface: Surface, x: number, y: number): [number, number, number] {
  const out = new Float64Array(3);
  surface.hessian(x, y, out, 0);
  return [out[0], out[1], out[2]];
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

function contains({ xMin, xMax, yMin, yMax }: Surface['view'], [x, y]: Point): boolean {
  return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
}

describe('surface registry', () => {
  it('lists every built-in surface once, bowls and dataset losses first, the weird beast last', () => {
    expect(SURFACE_IDS).toEqual([
      'quadratic',
      'elongated',
      'booth',
      'matyas',
      'plateau',
      'linear_regression',
      'logistic_regression',
      'rosenbrock',
      'beale',
      'saddle',
      'monkey_saddle',
      'himmelblau',
      'three_hump_camel',
      'six_hump_camel',
      'styblinski_tang',
      'goldstein_price',
      'rastrigin',
      'ackley',
      'weird_beast',
    ]);
  });

  it('getSurface finds each surface by id and returns undefined for unknown ids', () => {
    for (const surface of SURFACES) expect(getSurface(surface.id)).toBe(surface);
    expect(getSurface('no_such_surface')).toBeUndefined();
    expect(getSurface('')).toBeUndefined();
  });

  it('hands out frozen surfaces, so a stray assignment cannot change every scene', () => {
    for (const surface of SURFACES) {
      expect(Object.isFrozen(surface)).toBe(true);
      expect(Object.isFrozen(surface.view)).toBe(true);
      expect(Object.isFrozen(surface.minima)).toBe(true);
    }
    expect(Object.isFrozen(SURFACES)).toBe(true);
  });
});

describe.each(byId)('%s', (_id, surface) => {
  it('has a name, formula, LaTeX and a one-sentence blurb', () => {
    expect(surface.name.length).toBeGreaterThan(0);
    expect(surface.formula.length).toBeGreaterThan(0);
    expect(surface.latex.length).toBeGreaterThan(0);
    expect(surface.blurb).toMatch(/^[A-Z].*\.$/);
    expect(surface.blurb.slice(0, -1)).not.toMatch(/[.!?] /);
  });

  it('value equals what valueAndGradient returns, bit for bit, and both are finite in the view', () => {
    const out = new Float64Array(4);
    for (const [x, y] of pointsInView(surface, POINTS_PER_SURFACE)) {
      const value = surface.valueAndGradient(x, y, out, 2);
      expect(surface.value(x, y)).toBe(value);
      expect([value, out[2], out[3]].every(Number.isFinite)).toBe(true);
    }
  });

  it('writes the gradient at the given offset and nowhere else', () => {
    const out = new Float64Array(5).fill(7);
    const [x, y] = surface.defaultStart;
    surface.valueAndGradient(x, y, out, 2);
    expect([out[0], out[1], out[4]]).toEqual([7, 7, 7]);
    expect([out[2], out[3]]).toEqual(gradientAt(surface, x, y));
    surface.hessian(x, y, out, 1);
    expect([out[0], out[4]]).toEqual([7, 7]);
    expect([out[1], out[2], out[3]]).toEqual(hessianAt(surface, x, y));
  });

  it('gradient matches central differences of the value to 1e-6 relative', () => {
    const value = (x: number, y: number) => surface.value(x, y);
    let worst = 0;
    for (const [x, y] of pointsInView(surface, POINTS_PER_SURFACE)) {
      const [gx, gy] = gradientAt(surface, x, y);
      worst = Math.max(
        worst,
        relativeError(derivative(value, x, y, 0), gx),
        relativeError(derivative(value, x, y, 1), gy),
      );
    }
    expect(worst).toBeLessThanOrEqual(DIFFERENCE_TOLERANCE);
  });

  it('Hessian matches central differences of the gradient and is symmetric', () => {
    const gx = (x: number, y: number) => gradientAt(surface, x, y)[0];
    const gy = (x: number, y: number) => gradientAt(surface, x, y)[1];
    let worst = 0;
    for (const [x, y] of pointsInView(surface, POINTS_PER_SURFACE)) {
      const [fxx, fxy, fyy] = hessianAt(surface, x, y);
      worst = Math.max(
        worst,
        relativeError(derivative(gx, x, y, 0), fxx),
        relativeError(derivative(gx, x, y, 1), fxy),
        relativeError(derivative(gy, x, y, 0), fxy),
        relativeError(derivative(gy, x, y, 1), fyy),
      );
    }
    expect(worst).toBeLessThanOrEqual(DIFFERENCE_TOLERANCE);
  });

  it('view frames the default start, every known minimum and every reference start', () => {
    const { xMin, xMax, yMin, yMax } = surface.view;
    expect(xMin).toBeLessThan(xMax);
    expect(yMin).toBeLessThan(yMax);
    const references = loadReferenceCases().filter((c) => c.surface === surface.id);
    const points = [
      surface.defaultStart,
      ...surface.minima.map((known) => known.point),
      ...references.map((c) => c.start),
    ];
    expect(points.filter((point) => !contains(surface.view, point))).toEqual([]);
  });
});

describe.each(byId.filter(([, surface]) => surface.minima.length > 0))(
  '%s minima',
  (_id, surface) => {
    it('each known minimum has zero gradient, the stated value and a positive-definite Hessian', () => {
      for (const { point, value } of surface.minima) {
        const [x, y] = point;
        const [fxx, fxy, fyy] = hessianAt(surface, x, y);
        const [gx, gy] = gradientAt(surface, x, y);
        const curvature = Number.isFinite(fxx + fyy) ? Math.abs(fxx) + Math.abs(fyy) : 1;
        // The stored coordinates are rounded to doubles, so the gradient is ~curvature·1e-16.
        expect(Math.hypot(gx, gy)).toBeLessThanOrEqual(1e-12 * Math.max(1, curvature));
        expect(relativeError(surface.value(x, y), value)).toBeLessThanOrEqual(1e-14);
        expect(fxx).toBeGreaterThan(0);
        expect(fxx * fyy - fxy * fxy).toBeGreaterThan(0);
      }
    });

    it('global minima share the lowest value and nothing on a fine grid over the view is lower', () => {
      const globals = surface.minima.filter((known) => known.global);
      expect(globals.length).toBeGreaterThan(0);
      const lowest = Math.min(...surface.minima.map((known) => known.value));
      for (const known of globals) expect(known.value).toBe(lowest);
      const { xMin, xMax, yMin, yMax } = surface.view;
      const cells = 300;
      let gridLowest = Infinity;
      for (let i = 0; i <= cells; i++) {
        for (let j = 0; j <= cells; j++) {
          const x = xMin + ((xMax - xMin) * i) / cells;
          const y = yMin + ((yMax - yMin) * j) / cells;
          gridLowest = Math.min(gridLowest, surface.value(x, y));
        }
      }
      expect(gridLowest).toBeGreaterThanOrEqual(lowest - 1e-12 * Math.max(1, Math.abs(lowest)));
    });
  },
);

describe('teaching claims', () => {
  it('saddle: zero gradient at the origin and Hessian [[2, 0], [0, −2]], up along x, down along y', () => {
    const saddle = getSurface('saddle')!;
    expect(gradientAt(saddle, 0, 0).map(Math.abs)).toEqual([0, 0]);
    expect(hessianAt(saddle, 0, 0)).toEqual([2, 0, -2]);
    expect(saddle.minima).toEqual([]);
  });

  it('monkey saddle: gradient [3x² − 3y², −6xy] and Hessian both vanish at the origin', () => {
    const monkey = getSurface('monkey_saddle')!;
    expect(gradientAt(monkey, 0, 0).map(Math.abs)).toEqual([0, 0]);
    expect(hessianAt(monkey, 0, 0).map(Math.abs)).toEqual([0, 0, 0]);
    expect(gradientAt(monkey, 2, 1)).toEqual([3 * 4 - 3 * 1, -6 * 2 * 1]);
    expect(monkey.minima).toEqual([]);
  });

  it('ackley: at the cone tip the gradient is the subgradient 0 and the curvature is +∞', () => {
    const ackley = getSurface('ackley')!;
    const out = new Float64Array(2);
    expect(ackley.valueAndGradient(0, 0, out, 0)).toBeCloseTo(0, 15);
    expect([...out].map(Math.abs)).toEqual([0, 0]);
    expect(hessianAt(ackley, 0, 0)).toEqual([Infinity, 0, Infinity]);
  });
});
