import { describe, expect, it } from 'vitest';
import { loadReferenceCases, maxRelativeError } from '../testing/referenceCases.ts';
import { getSurface } from './index.ts';

const CASES = loadReferenceCases();
const SURFACE_IDS = [...new Set(CASES.map((c) => c.surface))];
/** Rounding differences only (pow vs Math.pow, summation order), far below the 1e-9 run tolerance. */
const TOLERANCE = 1e-12;

/**
 * Relative error over the finite reference numbers; where torch overflowed (a run diverging), the
 * same Infinity or NaN is required, so a mismatch there counts as an infinite error.
 */
function mismatch(actual: readonly number[], expected: readonly number[]): number {
  const finite = expected.map(Number.isFinite);
  const sameNonFinite = expected.every((e, i) => finite[i] || Object.is(actual[i], e));
  if (!sameNonFinite) return Infinity;
  return maxRelativeError(
    actual.filter((_, i) => finite[i]),
    expected.filter((_, i) => finite[i]),
  );
}

describe('built-in surfaces against the PyTorch float64 reference', () => {
  it('covers every surface the reference uses', () => {
    expect(SURFACE_IDS.filter((id) => getSurface(id) === undefined)).toEqual([]);
  });

  it.each(SURFACE_IDS)('%s: formula is the reference formula, character for character', (id) => {
    const formulas = new Set(CASES.filter((c) => c.surface === id).map((c) => c.formula));
    expect([...formulas]).toEqual([getSurface(id)?.formula]);
  });

  it.each(SURFACE_IDS)(
    '%s: value and gradient match torch autograd at every recorded point to 1e-12',
    (id) => {
      const surface = getSurface(id)!;
      const gradient = new Float64Array(2);
      let compared = 0;
      let worst = 0;
      for (const c of CASES.filter((candidate) => candidate.surface === id)) {
        c.trajectory.forEach(([x, y], step) => {
          if (!Number.isFinite(x) || !Number.isFinite(y)) return;
          const value = surface.valueAndGradient(x, y, gradient, 0);
          expect(surface.value(x, y)).toBe(value);
          const error = mismatch(
            [value, gradient[0], gradient[1]],
            [c.loss[step], c.grad[step][0], c.grad[step][1]],
          );
          worst = Math.max(worst, error);
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(0);
      expect(worst).toBeLessThanOrEqual(TOLERANCE);
    },
  );
});
