import { describe, expect, it } from 'vitest';
import { getSurface } from '../surfaces/index.ts';
import { drive } from './harness.ts';
import { newton, SINGULAR_TOLERANCE } from './newton.ts';
import type { Params } from './types.ts';

/** One Newton step from θ with the given gradient and Hessian entries [fxx, fxy, fyy]. */
function newtonStep(params: Params, theta: number[], grad: number[], hessian: number[]): number[] {
  const state: Float64Array[] = [];
  const ctx = {
    n: 2,
    theta: Float64Array.from(theta),
    grad: Float64Array.from(grad),
    active: Uint8Array.of(1),
    t: 1,
    state,
    hessian: Float64Array.from(hessian),
    uniform: null,
  };
  newton.step(params, ctx);
  return [...ctx.theta];
}

const plain = { lr: 1, damping: 0 };

describe('newton', () => {
  it('falls back to a gradient step θ − lr·g where H + λI is singular', () => {
    // H = [[1, 1], [1, 1]] has det 0: no unique Newton step.
    expect(newtonStep({ lr: 0.1, damping: 0 }, [1, 2], [3, -4], [1, 1, 1])).toEqual([
      1 - 0.1 * 3,
      2 - 0.1 * -4,
    ]);
    // Nearly singular relative to its scale counts too.
    const tiny = SINGULAR_TOLERANCE / 10;
    expect(newtonStep({ lr: 0.1, damping: 0 }, [1, 2], [3, -4], [1e6, 0, 1e6 * tiny])).toEqual([
      1 - 0.1 * 3,
      2 - 0.1 * -4,
    ]);
  });

  it('falls back when the Hessian is not finite', () => {
    expect(newtonStep({ lr: 0.5, damping: 0 }, [1, 2], [2, 2], [NaN, 0, 1])).toEqual([0, 1]);
  });

  it('stays put where gradient and Hessian both vanish (the monkey saddle’s centre)', () => {
    expect(newtonStep(plain, [0, 0], [0, 0], [0, 0, 0])).toEqual([0, 0]);
    // A subnormal curvature must not turn 0·(1/det) into 0·∞ = NaN.
    expect(newtonStep(plain, [0, 0], [0, 0], [0, 5e-324, 0])).toEqual([0, 0]);
  });

  it('damping makes a singular H solvable: (0 + λI)⁻¹g is g/λ', () => {
    expect(newtonStep({ lr: 1, damping: 4 }, [1, 1], [2, -8], [0, 0, 0])).toEqual([0.5, 3]);
  });

  it('takes the Newton step for tiny and huge curvatures alike (the test is relative)', () => {
    // H = s·I is perfectly conditioned for any s, even where s² under- or overflows.
    for (const s of [1e-9, 1e-170, 1e170]) {
      const [x, y] = newtonStep(plain, [1, 2], [s, 2 * s], [s, 0, s]);
      expect(Math.abs(x) + Math.abs(y), String(s)).toBeLessThan(1e-15);
    }
  });

  it('jumps to the stationary point of an indefinite quadratic: the saddle, not a minimum', () => {
    // x² − y² at (1, 0.5): g = (2, −1), H = diag(2, −2).
    expect(newtonStep(plain, [1, 0.5], [2, -1], [2, 0, -2])).toEqual([0, 0]);
  });
});

describe('newton on the built-in surfaces', () => {
  it('solves a quadratic bowl in one step with lr 1', () => {
    for (const id of ['quadratic', 'elongated', 'booth', 'matyas']) {
      const surface = getSurface(id)!;
      const run = drive(newton, plain, surface, [-3.5, 2.25], { steps: 1 });
      const [x, y] = run.positions[1];
      const [mx, my] = surface.minima[0].point;
      expect(Math.abs(x - mx), id).toBeLessThan(1e-12);
      expect(Math.abs(y - my), id).toBeLessThan(1e-12);
    }
  });

  it('on x² − y² heads for the saddle instead of away from it', () => {
    const run = drive(newton, plain, getSurface('saddle')!, [1, 0.5], { steps: 1 });
    expect(run.positions[1]).toEqual(Float64Array.of(0, 0));
  });
});
