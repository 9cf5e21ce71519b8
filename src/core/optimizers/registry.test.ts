import { describe, expect, it } from 'vitest';
import { hashUniform } from '../random.ts';
import { getSurface } from '../surfaces/index.ts';
import { drive } from './harness.ts';
import { defaultParams, validateParams } from './params.ts';
import { findPreset, PRESETS, resolvePreset } from './presets.ts';
import { findOptimizer, OPTIMIZERS } from './registry.ts';

describe('findOptimizer', () => {
  it('finds every optimizer by its class name, ignoring case', () => {
    for (const def of OPTIMIZERS) {
      expect(findOptimizer(def.name)).toBe(def);
      expect(findOptimizer(def.name.toUpperCase())).toBe(def);
    }
    expect(findOptimizer('rmsprop')?.name).toBe('RMSprop');
    expect(findOptimizer('RMSProp')?.name).toBe('RMSprop');
    expect(findOptimizer('perturbedgd')?.name).toBe('PerturbedGD');
  });

  it('returns undefined for an unknown name', () => {
    expect(findOptimizer('LBFGSB')).toBeUndefined();
    expect(findOptimizer('')).toBeUndefined();
  });
});

describe('optimizer definitions', () => {
  it('have unique names and defaults that pass their own checks', () => {
    expect(new Set(OPTIMIZERS.map((d) => d.name.toLowerCase())).size).toBe(OPTIMIZERS.length);
    for (const def of OPTIMIZERS) {
      expect(validateParams(def, defaultParams(def)), def.name).toEqual([]);
      expect(new Set(def.params.map((s) => s.name)).size, def.name).toBe(def.params.length);
    }
  });

  it('carry one-line text for the cards', () => {
    for (const def of OPTIMIZERS) {
      for (const text of [def.description, def.pros, def.cons, ...def.params.map((s) => s.help)]) {
        expect(text.length, def.name).toBeGreaterThan(10);
        expect(text, def.name).not.toMatch(/\n/);
      }
    }
  });

  it('offer maximize and weight_decay on every torch optimizer that has them', () => {
    // torch's Rprop has no weight_decay; its LBFGS has neither.
    const ours = ['Newton', 'PerturbedGD', 'DistributedSGD', 'LBFGS'];
    for (const def of OPTIMIZERS.filter((d) => !ours.includes(d.name))) {
      const names = def.params.map((s) => s.name);
      expect(names, def.name).toContain('maximize');
      if (def.name !== 'Rprop') expect(names, def.name).toContain('weight_decay');
    }
  });
});

describe('presets', () => {
  it('start with the article’s six, in its order', () => {
    expect(PRESETS.slice(0, 6).map((p) => p.label)).toEqual([
      'SGD',
      'Momentum',
      'Nesterov',
      'Adagrad',
      'RMSProp',
      'Adam',
    ]);
    expect(PRESETS.map((p) => p.label).slice(6)).toEqual([
      'AdamW',
      'Adadelta',
      'Adamax',
      'NAdam',
      'RAdam',
      'Rprop',
      'ASGD',
      'L-BFGS',
      'Newton',
      'Perturbed GD',
      'Distributed SGD',
      'Distributed, threshold',
      'Distributed, top-1',
    ]);
  });

  it('all resolve, with explicit learning rates and unique ids', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const preset of PRESETS) {
      expect(typeof preset.params.lr, preset.id).toBe('number');
      const { definition, params, text } = resolvePreset(preset);
      expect(definition.name).toBe(preset.optimizer);
      expect(validateParams(definition, params)).toEqual([]);
      expect(text.pros.length).toBeGreaterThan(10);
    }
  });

  it('make Momentum and Nesterov SGD with momentum 0.9 and their own card text', () => {
    const momentum = resolvePreset(findPreset('momentum')!);
    const nesterov = resolvePreset(findPreset('nesterov')!);
    expect(momentum.definition.name).toBe('SGD');
    expect(momentum.params).toMatchObject({ momentum: 0.9, nesterov: false });
    expect(nesterov.params).toMatchObject({ momentum: 0.9, nesterov: true, dampening: 0 });
    expect(momentum.text.description).not.toBe(momentum.definition.description);
    expect(resolvePreset(findPreset('rmsprop')!).definition.name).toBe('RMSprop');
  });

  it('stay finite and in view for 1000 steps of the default scene (Beale from (1, 1.5))', () => {
    const beale = getSurface('beale')!;
    const { xMin, xMax, yMin, yMax } = beale.view;
    for (const preset of PRESETS) {
      const { definition, params } = resolvePreset(preset);
      const run = drive(definition, params, beale, [1, 1.5], {
        steps: 1000,
        uniform: (particle, t, draw) => hashUniform(1, 2, particle, t * 8 + draw),
      });
      expect(run.firstNonFinite[0], preset.id).toBe(-1);
      for (const [x, y] of run.positions) {
        expect(x >= xMin && x <= xMax && y >= yMin && y <= yMax, preset.id).toBe(true);
      }
    }
  });
});
