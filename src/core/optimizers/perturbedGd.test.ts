import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashUniform } from '../random.ts';
import { getSurface } from '../surfaces/index.ts';
import { drive, particlePath } from './harness.ts';
import { defaultParams } from './params.ts';
import { perturbedGd } from './perturbedGd.ts';
import { sgd } from './sgd.ts';

const saddle = getSurface('saddle')!;

/** The seeded, counter-based source the simulation uses, for one seed. */
function seeded(seed: number) {
  return (particle: number, t: number, draw: number) =>
    hashUniform(seed, 2, particle, t * 8 + draw);
}

const params = { lr: 0.05, threshold: 1e-3, radius: 0.1, interval: 10 };

describe('perturbedGD', () => {
  it('escapes the saddle x² − y² from its exact centre, where plain GD stays for ever', () => {
    const stuck = drive(sgd, { ...defaultParams(sgd), lr: 0.05 }, saddle, [0, 0], { steps: 100 });
    expect(particlePath(stuck, 0).every((v) => v === 0)).toBe(true);

    const escaped = drive(perturbedGd, params, saddle, [0, 0], { steps: 100, uniform: seeded(7) });
    const [x, y] = escaped.positions[100];
    expect(Math.abs(y)).toBeGreaterThan(1); // |y| grows by 1.1 per step once kicked off the ridge
    expect(Math.abs(x)).toBeLessThan(1e-3); // x is pulled back to 0
    expect(saddle.value(x, y)).toBeLessThan(-1);
  });

  it('is reproducible from its uniform source, and particles get their own kicks', () => {
    const starts = [0, 0, 0, 0, 0, 0];
    const options = { steps: 60, uniform: seeded(42) };
    const once = drive(perturbedGd, params, saddle, starts, options);
    const again = drive(perturbedGd, params, saddle, starts, options);
    expect(again.positions).toEqual(once.positions);
    const finals = [0, 1, 2].map((p) => particlePath(once, p).slice(-2));
    expect(new Set(finals.map((f) => f.join())).size).toBe(3);
    const otherSeed = drive(perturbedGd, params, saddle, starts, {
      ...options,
      uniform: seeded(43),
    });
    expect(otherSeed.positions[60]).not.toEqual(once.positions[60]);
  });

  it('kicks within the given radius', () => {
    const run = drive(perturbedGd, { ...params, radius: 0.25 }, saddle, [0, 0], {
      steps: 1,
      uniform: seeded(3),
    });
    const [x, y] = run.positions[1];
    expect(Math.hypot(x, y)).toBeLessThanOrEqual(0.25);
    expect(Math.hypot(x, y)).toBeGreaterThan(0);
  });

  it('never kicks twice within `interval` steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 1000 }),
        (interval, seed) => {
          // A tiny radius and a huge threshold keep the particle "stuck" for the whole run, so it
          // kicks as often as the interval allows: exactly every interval + 1 steps.
          const kicks: number[] = [];
          let last = 0;
          drive(perturbedGd, { lr: 0.05, threshold: 1e3, radius: 1e-3, interval }, saddle, [0, 0], {
            steps: 60,
            uniform: seeded(seed),
            afterStep: (t, state) => {
              if (state[0][0] !== last) kicks.push(t);
              last = state[0][0];
            },
          });
          expect(kicks[0]).toBe(1);
          expect(kicks.length).toBeGreaterThan(1);
          for (let k = 1; k < kicks.length; k++) expect(kicks[k] - kicks[k - 1]).toBe(interval + 1);
        },
      ),
      { numRuns: 30 },
    );
  });
});
