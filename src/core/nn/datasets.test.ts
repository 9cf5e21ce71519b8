import { describe, expect, it } from 'vitest';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { DATASET_KINDS, DATASETS, makeDataset } from './datasets.ts';
import { initialParameters } from './init.ts';
import { Network } from './network.ts';
import { NetworkRun } from './train.ts';

describe('makeDataset', () => {
  for (const kind of DATASET_KINDS) {
    it(`${kind}: reproducible from the seed, split as asked, targets fit the loss`, () => {
      const request = { kind, size: 120, noise: 0.1, testFraction: 0.25, seed: 4 };
      const data = makeDataset(request);
      const size = kind === 'linear' || kind === 'logistic' ? 200 : 120;
      expect(data.train.targets.length + data.test.targets.length).toBe(size);
      expect(data.test.targets.length).toBe(Math.floor(size * 0.25));
      expect(data.train.inputs.length).toBe(2 * data.train.targets.length);
      expect(makeDataset(request)).toEqual(data);
      expect(makeDataset({ ...request, seed: 5 }).train.inputs).not.toEqual(data.train.inputs);
      const { classes } = DATASETS[kind];
      if (classes > 1) {
        const seen = new Set([...data.train.targets, ...data.test.targets]);
        expect([...seen].sort()).toEqual(Array.from({ length: classes }, (_, c) => c));
      }
    });
  }

  it('a [2, 16, 16, 1] net trained with Adam classifies held-out moons (> 90 %)', () => {
    const data = makeDataset({ kind: 'moons', size: 200, noise: 0.1, testFraction: 0.2, seed: 1 });
    const architecture = { layers: [2, 16, 16, 1], activation: 'tanh', loss: 'bce' } as const;
    const adam = findOptimizer('Adam')!;
    const resolved = resolveParams(adam, { lr: 0.02 });
    if (!resolved.ok) throw new Error();
    const run = new NetworkRun({
      network: new Network(architecture, data.train),
      optimizer: adam,
      params: resolved.params,
      init: initialParameters(architecture.layers, 1),
    });
    for (let i = 0; i < 300; i++) run.step();
    expect(new Network(architecture, data.test).accuracy(run.theta)).toBeGreaterThan(0.9);
  });
});
