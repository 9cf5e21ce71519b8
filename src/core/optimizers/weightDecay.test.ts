import { describe, expect, it } from 'vitest';
import { getSurface } from '../surfaces/index.ts';
import { drive } from './harness.ts';
import { defaultParams } from './params.ts';
import { prepareGradient } from './prepare.ts';
import { createOptimizerState } from './state.ts';
import { findOptimizer } from './registry.ts';
import type { OptimizerDefinition, Params } from './types.ts';

/** θ after `steps` steps of a loss whose own gradient is zero everywhere: only decay moves it. */
function decayOnly(def: OptimizerDefinition, params: Params, start: number[], steps: number) {
  const n = start.length;
  const theta = Float64Array.from(start);
  const grad = new Float64Array(n);
  const active = new Uint8Array(n / 2).fill(1);
  const state = createOptimizerState(def, params, n);
  for (let t = 1; t <= steps; t++) {
    grad.fill(0);
    prepareGradient(def, params, theta, grad, active);
    def.step(params, { n, theta, grad, active, t, state, hessian: null, uniform: null });
  }
  return [...theta];
}

function optimizer(name: string): OptimizerDefinition {
  return findOptimizer(name)!;
}

describe('weight decay', () => {
  it('adamw shrinks θ by exactly (1 − lr·λ) per step when the loss is flat', () => {
    const params = { ...defaultParams(optimizer('AdamW')), lr: 0.1, weight_decay: 0.5 };
    const expected = [3, -2].map((v) => v * 0.95 * 0.95 * 0.95);
    expect(decayOnly(optimizer('AdamW'), params, [3, -2], 3)).toEqual(expected);
  });

  it('adam, nadam and radam decay θ the same way when decoupled_weight_decay is true', () => {
    for (const name of ['Adam', 'NAdam', 'RAdam']) {
      const def = optimizer(name);
      const params = {
        ...defaultParams(def),
        lr: 0.1,
        weight_decay: 0.5,
        decoupled_weight_decay: true,
      };
      expect(decayOnly(def, params, [3, -2], 2), name).toEqual([3 * 0.95 * 0.95, -2 * 0.95 * 0.95]);
    }
  });

  it('adam’s own weight decay is L2: λθ is a gradient that Adam normalises to a step ≈ lr', () => {
    const params = { ...defaultParams(optimizer('Adam')), lr: 0.1, weight_decay: 0.5 };
    const [x, y] = decayOnly(optimizer('Adam'), params, [3, -2], 1);
    expect(x).toBeCloseTo(2.9, 6);
    expect(y).toBeCloseTo(-1.9, 6);
  });

  it('sgd adds λθ to the gradient: θ ← θ − lr·λθ', () => {
    const params = { ...defaultParams(optimizer('SGD')), lr: 0.1, weight_decay: 0.5 };
    expect(decayOnly(optimizer('SGD'), params, [3, -2], 1)).toEqual([
      3 - 0.1 * (0.5 * 3),
      -2 - 0.1 * (0.5 * -2),
    ]);
  });

  it('adam with decoupled_weight_decay is adamw, as in torch ≥ 2.6', () => {
    const changes = { lr: 0.05, weight_decay: 0.1, amsgrad: true };
    const adamParams = {
      ...defaultParams(optimizer('Adam')),
      ...changes,
      decoupled_weight_decay: true,
    };
    const adamwParams = { ...defaultParams(optimizer('AdamW')), ...changes };
    const surface = getSurface('rosenbrock')!;
    const options = { steps: 100 };
    const viaAdam = drive(optimizer('Adam'), adamParams, surface, [-1.5, 2], options);
    const viaAdamW = drive(optimizer('AdamW'), adamwParams, surface, [-1.5, 2], options);
    expect(viaAdam.positions).toEqual(viaAdamW.positions);
  });
});
