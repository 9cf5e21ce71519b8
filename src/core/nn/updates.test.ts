import { describe, expect, it } from 'vitest';
import type { Params } from '../optimizers/types.ts';
import { newtonDense } from './updates.ts';

const plain = { lr: 1, damping: 0 };

describe('newtonDense (a network: one particle of N coordinates, dense Hessian)', () => {
  /** One step on the quadratic ½(θ − θ*)ᵀH(θ − θ*) from θ = 0, H given row-major. */
  function denseStep(params: Params, hessian: number[], target: number[]): number[] {
    const n = target.length;
    const grad = Float64Array.from({ length: n }, (_, i) =>
      target.reduce((sum, t, j) => sum - hessian[i * n + j] * t, 0),
    );
    const ctx = {
      n,
      dim: n,
      theta: new Float64Array(n),
      grad,
      active: new Uint8Array((n + 1) >> 1).fill(1),
      t: 1,
      state: [],
      hessian: Float64Array.from(hessian),
      uniform: null,
    };
    newtonDense.step(params, ctx);
    return [...ctx.theta];
  }

  it('lands on the minimum of a quadratic bowl in one step', () => {
    const hessian = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const result = denseStep(plain, hessian, [1, -2, 3]);
    [1, -2, 3].forEach((v, i) => expect(result[i]).toBeCloseTo(v, 12));
  });

  it('takes a gradient step where the Hessian is singular', () => {
    const hessian = [1, 1, 0, 1, 1, 0, 0, 0, 1];
    const grad = [-(1 * 1 + 1 * 2), -(1 * 1 + 1 * 2), -3];
    expect(denseStep({ lr: 0.1, damping: 0 }, hessian, [1, 2, 3])).toEqual(
      grad.map((g) => -0.1 * g),
    );
  });
});
