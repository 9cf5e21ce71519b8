import { describe, expect, it } from 'vitest';
import { loadReferenceCases } from '../testing/referenceCases.ts';
import { compileExpression } from './index.ts';

/**
 * Every recorded (loss, gradient) of the PyTorch reference runs, recomputed from the case's formula.
 * Formulas of arithmetic and powers must match bit for bit (same operations, same order, correctly
 * rounded pow); exp, cos and sin come from V8's libm instead of glibc and may differ in the last bit.
 */
const cases = loadReferenceCases();
const surfaces = new Map(cases.map((c) => [c.surface, c.formula]));
const TRANSCENDENTAL = /\b(exp|log|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh)\(/;

describe('valueAndGradient against torch float64 autograd', () => {
  it.each([...surfaces])('reproduces the losses and gradients on %s', (surface, formula) => {
    const compiled = compileExpression(formula);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const exact = !TRANSCENDENTAL.test(formula);
    const out = new Float64Array(2);
    let points = 0;
    for (const c of cases.filter((candidate) => candidate.surface === surface)) {
      c.trajectory.forEach(([x, y], i) => {
        const expected = [c.loss[i], c.grad[i][0], c.grad[i][1]];
        const actual = [compiled.functions.valueAndGradient(x, y, out, 0), out[0], out[1]];
        points++;
        for (let k = 0; k < 3; k++) {
          if (exact || !Number.isFinite(expected[k])) {
            expect(actual[k], `${c.id} step ${i}`).toBe(expected[k]);
          } else {
            const error = Math.abs(actual[k] - expected[k]) / Math.max(1, Math.abs(expected[k]));
            expect(error, `${c.id} step ${i}`).toBeLessThan(1e-14);
          }
        }
      });
    }
    expect(points).toBeGreaterThan(0);
  });
});
