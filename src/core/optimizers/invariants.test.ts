import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams, resolveParams } from './params.ts';
import { prepareGradient } from './prepare.ts';
import { createOptimizerState } from './state.ts';
import { findOptimizer, OPTIMIZERS } from './registry.ts';
import type { OptimizerDefinition, Params } from './types.ts';

/**
 * Optimizer steps fed with given gradients (and Hessians, and uniforms), no surface involved: these
 * properties hold whatever the loss is. L-BFGS evaluates the loss itself (its closure), so it is
 * tested on surfaces in lbfgs.test.ts instead.
 */
const FED = OPTIMIZERS.filter((def) => !def.needsClosure);
interface Feed {
  /** Per step, x0, y0, x1, y1, … */
  grads: number[][];
  /** Per step, fxx, fxy, fyy per particle. */
  hessians?: number[][];
  uniform?: (particle: number, t: number, draw: number) => number;
  active?: number[];
}

function run(def: OptimizerDefinition, params: Params, start: number[], feed: Feed) {
  const n = start.length;
  const theta = Float64Array.from(start);
  const grad = new Float64Array(n);
  const active = Uint8Array.from(feed.active ?? start.filter((_, i) => i % 2 === 0).map(() => 1));
  const state = createOptimizerState(def, params, n);
  const hessian = def.needsHessian ? new Float64Array((3 * n) / 2) : null;
  feed.grads.forEach((g, i) => {
    const t = i + 1;
    grad.set(g);
    if (hessian) hessian.set(feed.hessians?.[i] ?? new Array((3 * n) / 2).fill(0));
    const source = feed.uniform ?? (() => 0.5);
    const uniform = (particle: number, draw: number) => source(particle, t, draw);
    prepareGradient(def, params, theta, grad, active);
    def.step(params, { n, theta, grad, active, t, state, hessian, uniform });
  });
  return { theta: [...theta], state: state.map((slot) => [...slot]) };
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const gradValue = finite(-1e3, 1e3);

/** A particle's slice of a flat per-particle array with `width` numbers per particle. */
function slice(values: number[], particle: number, width: number): number[] {
  return values.slice(particle * width, (particle + 1) * width);
}

describe('optimizer invariants', () => {
  it('with zero gradient from zero state, every optimizer but PerturbedGD stays put', () => {
    for (const def of FED.filter((d) => d.name !== 'PerturbedGD')) {
      // Weight decay, and ASGD's lambd (which shrinks θ by 1 − λη), move θ without a gradient.
      const has = (name: string) => def.params.some((s) => s.name === name);
      const resolved = resolveParams(def, {
        ...(has('weight_decay') ? { weight_decay: 0 } : {}),
        ...(has('lambd') ? { lambd: 0 } : {}),
      });
      if (!resolved.ok) throw new Error(resolved.errors.join());
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 3 })
            .chain((p) => fc.array(finite(-100, 100), { minLength: 2 * p, maxLength: 2 * p })),
          fc.integer({ min: 1, max: 5 }),
          fc.tuple(finite(-10, 10), finite(-10, 10), finite(-10, 10)),
          (start, steps, h) => {
            const grads = Array.from({ length: steps }, () => start.map(() => 0));
            const hessians = grads.map(() => start.slice(0, start.length / 2).flatMap(() => h));
            const { theta } = run(def, resolved.params, start, { grads, hessians });
            // + 0 so that −0 and +0 count as the same position.
            expect(
              theta.map((v) => v + 0),
              def.name,
            ).toEqual(start.map((v) => v + 0));
          },
        ),
        { numRuns: 50 },
      );
    }
  });

  it('adam’s first step has magnitude ≈ lr in every coordinate, against the gradient', () => {
    const adam = findOptimizer('Adam')!;
    fc.assert(
      fc.property(
        finite(1e-4, 1),
        fc.boolean(),
        fc.array(fc.tuple(finite(1e-3, 1e3), fc.boolean()), { minLength: 2, maxLength: 2 }),
        (lr, amsgrad, g) => {
          const grad = g.map(([size, negative]) => (negative ? -size : size));
          const params = { ...defaultParams(adam), lr, amsgrad };
          const { theta } = run(adam, params, [0, 0], { grads: [grad] });
          theta.forEach((moved, i) => {
            // |Δ| = lr·|g| / (|g| + ε): within ε/|g| ≤ 1e-5 of lr.
            expect(Math.abs(moved + lr * Math.sign(grad[i]))).toBeLessThanOrEqual(lr * 1e-5);
          });
        },
      ),
    );
  });

  it('particles move independently, and inactive ones are never touched', () => {
    for (const def of FED) {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 4 }).chain((particles) =>
            fc.record({
              start: fc.array(finite(-10, 10), {
                minLength: 2 * particles,
                maxLength: 2 * particles,
              }),
              grads: fc.array(
                fc.array(gradValue, { minLength: 2 * particles, maxLength: 2 * particles }),
                {
                  minLength: 1,
                  maxLength: 6,
                },
              ),
              hessian: fc.array(finite(-10, 10), {
                minLength: 3 * particles,
                maxLength: 3 * particles,
              }),
              active: fc.array(fc.constantFrom(0, 1), {
                minLength: particles,
                maxLength: particles,
              }),
            }),
          ),
          ({ start, grads, hessian, active }) => {
            const params = defaultParams(def);
            const hessians = grads.map(() => hessian);
            const uniform = (particle: number, t: number, draw: number) =>
              ((particle * 7 + t * 3 + draw) % 10) / 10;
            const together = run(def, params, start, { grads, hessians, uniform, active });
            const initial = run(def, params, start, { grads: [], active });
            active.forEach((isActive, p) => {
              if (isActive === 0) {
                expect(slice(together.theta, p, 2)).toEqual(slice(start, p, 2));
                together.state.forEach((slot, k) =>
                  expect(slice(slot, p, 2)).toEqual(slice(initial.state[k], p, 2)),
                );
                return;
              }
              const alone = run(def, params, slice(start, p, 2), {
                grads: grads.map((g) => slice(g, p, 2)),
                hessians: hessians.map((h) => slice(h, p, 3)),
                uniform: (_particle, t, draw) => uniform(p, t, draw),
              });
              expect(slice(together.theta, p, 2), def.name).toEqual(alone.theta);
            });
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('maximize with gradient g steps exactly like minimizing with −g', () => {
    for (const def of FED.filter((d) => d.params.some((s) => s.name === 'maximize'))) {
      fc.assert(
        fc.property(
          fc.array(finite(-10, 10), { minLength: 2, maxLength: 2 }),
          fc.array(fc.array(gradValue, { minLength: 2, maxLength: 2 }), {
            minLength: 1,
            maxLength: 5,
          }),
          finite(0, 0.5),
          (start, grads, weightDecay) => {
            const params = { ...defaultParams(def), weight_decay: weightDecay };
            const up = run(def, { ...params, maximize: true }, start, { grads });
            const down = run(def, params, start, { grads: grads.map((g) => g.map((v) => -v)) });
            expect(up.theta).toEqual(down.theta);
          },
        ),
        { numRuns: 30 },
      );
    }
  });
});
