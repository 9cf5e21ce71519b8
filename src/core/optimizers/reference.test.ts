import { describe, expect, it } from 'vitest';
import { getSurface } from '../surfaces/index.ts';
import type { Surface } from '../surfaces/types.ts';
import {
  comparableLength,
  loadReferenceCases,
  maxRelativeError,
  referenceParams,
  referencePath,
  TOLERANCE,
  type ReferenceCase,
} from '../testing/referenceCases.ts';
import { drive, particlePath } from './harness.ts';
import { resolveParams } from './params.ts';
import { findOptimizer } from './registry.ts';
import type { OptimizerDefinition, Params } from './types.ts';

const cases = loadReferenceCases();

function setup(c: ReferenceCase): { def: OptimizerDefinition; params: Params; surface: Surface } {
  const def = findOptimizer(c.optimizer);
  if (def === undefined) throw new Error(`${c.id}: no optimizer ${c.optimizer}`);
  const resolved = resolveParams(def, referenceParams(c));
  if (!resolved.ok) throw new Error(`${c.id}: ${resolved.errors.join('; ')}`);
  const surface = getSurface(c.surface);
  if (surface === undefined) throw new Error(`${c.id}: no surface ${c.surface}`);
  return { def, params: resolved.params, surface };
}

/** Worst relative error of a path's comparable points (x, y pairs) against the case. */
function worstError(c: ReferenceCase, path: number[]): number {
  const length = comparableLength(c);
  return maxRelativeError(path.slice(0, 2 * length), referencePath(c).slice(0, length).flat());
}

describe('torch reference trajectories', () => {
  it('cover all nine torch optimizers', () => {
    const names = new Set(cases.map((c) => c.optimizer));
    expect([...names].sort()).toEqual(
      ['Adadelta', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'NAdam', 'RAdam', 'RMSprop', 'SGD'].sort(),
    );
  });

  for (const c of cases) {
    const call = `${c.optimizer.toLowerCase()}(${JSON.stringify(referenceParams(c))})`;
    const label = `${call} matches torch on ${c.surface} (${c.id}) to 1e-9`;
    it(label, () => {
      const { def, params, surface } = setup(c);
      // Three copies of the start must move identically, each matching torch.
      const run = drive(def, params, surface, [...c.start, ...c.start, ...c.start], {
        steps: c.steps,
      });
      const first = particlePath(run, 0);
      expect(worstError(c, first)).toBeLessThanOrEqual(TOLERANCE);
      expect(particlePath(run, 1)).toEqual(first);
      expect(particlePath(run, 2)).toEqual(first);
      const expectedStop = c.first_nonfinite_step ?? -1;
      expect([...run.firstNonFinite]).toEqual([expectedStop, expectedStop, expectedStop]);
    });
  }

  for (const c of cases.filter((k) => k.diverged)) {
    it(`a particle diverging like ${c.id} leaves a neighbour's run untouched`, () => {
      const { def, params, surface } = setup(c);
      const neighbour = [c.start[0] / 2, c.start[1] / 2];
      const options = { steps: c.steps };
      const together = drive(def, params, surface, [...c.start, ...neighbour], options);
      const alone = drive(def, params, surface, neighbour, options);
      expect(together.firstNonFinite[0]).toBe(c.first_nonfinite_step);
      expect(worstError(c, particlePath(together, 0))).toBeLessThanOrEqual(TOLERANCE);
      expect(particlePath(together, 1)).toEqual(particlePath(alone, 0));
      expect(together.firstNonFinite[1]).toBe(alone.firstNonFinite[0]);
    });
  }
});
