import { describe, expect, it } from 'vitest';
import { resolveParams } from '../optimizers/params.ts';
import { OPTIMIZERS } from '../optimizers/registry.ts';
import { initialParameters } from './init.ts';
import { Network } from './network.ts';
import { networkOptimizerIssue } from './spec.ts';
import { NetworkRun } from './train.ts';

/** XOR's four corners, twice: a net must bend its boundary to fit them. */
const xor = new Network(
  { layers: [2, 4, 1], activation: 'tanh', loss: 'bce' },
  {
    inputs: Float64Array.from([-1, -1, 1, 1, -1, 1, 1, -1, -0.9, -1, 1, 0.9, -1, 0.9, 0.9, -1]),
    targets: Float64Array.from([0, 0, 1, 1, 0, 0, 1, 1]),
  },
);

/** Hyperparameters that make each optimizer move on this small net in 60 steps (Newton, damped,
 * so that it is not drawn to a saddle, which undamped it is). */
const PARAMS: Record<string, Record<string, number>> = {
  Newton: { lr: 0.5, damping: 1 },
  LBFGS: { lr: 1 },
  Adadelta: { lr: 1 },
  ASGD: { lr: 0.5 },
  SGD: { lr: 0.5 },
};

describe('NetworkRun', () => {
  for (const optimizer of OPTIMIZERS) {
    if (networkOptimizerIssue(optimizer, xor.count) !== null) continue;
    it(`${optimizer.name} lowers the loss of a [2, 4, 1] net on XOR`, () => {
      const resolved = resolveParams(optimizer, PARAMS[optimizer.name] ?? { lr: 0.05 });
      if (!resolved.ok) throw new Error(resolved.errors.join());
      const run = new NetworkRun({
        network: xor,
        optimizer,
        params: resolved.params,
        init: initialParameters([2, 4, 1], 1),
      });
      const start = run.loss;
      for (let i = 0; i < 60; i++) run.step();
      expect(run.diverged).toBe(false);
      expect(run.loss).toBeLessThan(start);
    });
  }

  it('a minibatch run differs from the full batch but follows its seed', () => {
    const adam = OPTIMIZERS.find((o) => o.name === 'Adam')!;
    const resolved = resolveParams(adam, { lr: 0.05 });
    if (!resolved.ok) throw new Error();
    const make = (batch?: { size: number; seed: number }) => {
      const run = new NetworkRun({
        network: xor,
        optimizer: adam,
        params: resolved.params,
        init: initialParameters([2, 4, 1], 1),
        batch,
      });
      for (let i = 0; i < 20; i++) run.step();
      return run.theta;
    };
    const full = make();
    const mini = make({ size: 3, seed: 9 });
    expect(mini).not.toEqual(full);
    expect(make({ size: 3, seed: 9 })).toEqual(mini);
  });
});
