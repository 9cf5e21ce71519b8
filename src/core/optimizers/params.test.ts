import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams, describeSpec, resolveParams, validateParams } from './params.ts';
import { findOptimizer, OPTIMIZERS } from './registry.ts';
import type { OptimizerDefinition, ParamSpec, ParamValue } from './types.ts';

function def(name: string): OptimizerDefinition {
  const found = findOptimizer(name);
  if (found === undefined) throw new Error(name);
  return found;
}

function errorsOf(name: string, partial: unknown): string[] {
  const result = resolveParams(def(name), partial);
  return result.ok ? [] : result.errors;
}

const betas: [number, number] = [0.9, 0.999];

/** torch ≥ 2.0's defaults, written out independently of the definitions. */
const TORCH_DEFAULTS: Record<string, Record<string, ParamValue>> = {
  SGD: { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
  Adagrad: {
    lr: 1e-2,
    lr_decay: 0,
    weight_decay: 0,
    initial_accumulator_value: 0,
    eps: 1e-10,
    maximize: false,
  },
  RMSprop: {
    lr: 1e-2,
    alpha: 0.99,
    eps: 1e-8,
    weight_decay: 0,
    momentum: 0,
    centered: false,
    maximize: false,
  },
  Adam: {
    lr: 1e-3,
    betas,
    eps: 1e-8,
    weight_decay: 0,
    amsgrad: false,
    decoupled_weight_decay: false,
    maximize: false,
  },
  AdamW: { lr: 1e-3, betas, eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false },
  Adadelta: { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false },
  Adamax: { lr: 2e-3, betas, eps: 1e-8, weight_decay: 0, maximize: false },
  NAdam: {
    lr: 2e-3,
    betas,
    eps: 1e-8,
    weight_decay: 0,
    momentum_decay: 4e-3,
    decoupled_weight_decay: false,
    maximize: false,
  },
  RAdam: {
    lr: 1e-3,
    betas,
    eps: 1e-8,
    weight_decay: 0,
    decoupled_weight_decay: false,
    maximize: false,
  },
  Rprop: { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false },
  ASGD: { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, maximize: false },
  LBFGS: {
    lr: 1,
    max_iter: 20,
    max_eval: null,
    tolerance_grad: 1e-7,
    tolerance_change: 1e-9,
    history_size: 100,
    line_search_fn: null,
  },
  Newton: { lr: 1.0, damping: 0 },
  PerturbedGD: { lr: 0.05, threshold: 1e-3, radius: 0.1, interval: 10 },
  DistributedSGD: { lr: 0.02, workers: 4, batch_size: 10, threshold: 0, top_k: 0 },
};

describe('resolveParams', () => {
  it('fills every hyperparameter with torch’s default when none is given', () => {
    for (const optimizer of OPTIMIZERS) {
      const result = resolveParams(optimizer, {});
      expect(result, optimizer.name).toEqual({ ok: true, params: TORCH_DEFAULTS[optimizer.name] });
      expect(defaultParams(optimizer)).toEqual(TORCH_DEFAULTS[optimizer.name]);
    }
  });

  it('keeps given values and defaults the rest', () => {
    const result = resolveParams(def('Adam'), { lr: 0.05, betas: [0.5, 0.9], amsgrad: true });
    expect(result).toEqual({
      ok: true,
      params: {
        lr: 0.05,
        betas: [0.5, 0.9],
        eps: 1e-8,
        weight_decay: 0,
        amsgrad: true,
        decoupled_weight_decay: false,
        maximize: false,
      },
    });
  });

  it('names an unknown hyperparameter and lists the known ones', () => {
    const known = 'lr, betas, eps, weight_decay, amsgrad, decoupled_weight_decay, maximize';
    expect(errorsOf('Adam', { lr: 0.1, foo: 1 })).toEqual([
      `params.foo: unknown hyperparameter for Adam (known: ${known})`,
    ]);
  });

  it('explains wrong types and ranges field by field', () => {
    expect(errorsOf('Adam', { lr: -1 })).toEqual(['params.lr: expected a number ≥ 0 (got -1)']);
    expect(errorsOf('Adam', { betas: [0.9, 1] })).toEqual([
      'params.betas: expected two numbers in [0, 1) (got [0.9,1])',
    ]);
    expect(errorsOf('Adam', { betas: 0.9 })).toEqual([
      'params.betas: expected two numbers in [0, 1) (got 0.9)',
    ]);
    expect(errorsOf('Adam', { betas: [0.9, 0.99, 0.999] })).toEqual([
      'params.betas: expected two numbers in [0, 1) (got [0.9,0.99,0.999])',
    ]);
    expect(errorsOf('Adam', { amsgrad: 'yes' })).toEqual([
      'params.amsgrad: expected true or false (got "yes")',
    ]);
    expect(errorsOf('Adam', { eps: '1e-8' })).toEqual([
      'params.eps: expected a number ≥ 0 (got "1e-8")',
    ]);
    expect(errorsOf('PerturbedGD', { interval: 2.5 })).toEqual([
      'params.interval: expected an integer ≥ 0 (got 2.5)',
    ]);
    expect(errorsOf('RMSprop', { alpha: 1.5 })).toEqual([
      'params.alpha: expected a number in [0, 1] (got 1.5)',
    ]);
  });

  it('rejects non-finite numbers', () => {
    expect(errorsOf('SGD', { lr: NaN })).toEqual([
      'params.lr: expected a number ≥ 0 (got NaN (not finite))',
    ]);
    expect(errorsOf('SGD', { momentum: Infinity })).toEqual([
      'params.momentum: expected a number ≥ 0 (got Infinity (not finite))',
    ]);
    expect(errorsOf('Adam', { betas: [0.9, NaN] })).toEqual([
      'params.betas: expected two numbers in [0, 1) (got [0.9,NaN])',
    ]);
  });

  it('reports every bad field at once', () => {
    expect(errorsOf('SGD', { lr: -0.1, momentum: -1, bogus: true })).toHaveLength(3);
  });

  it('applies torch’s Nesterov rule: momentum > 0 and no dampening', () => {
    const message = 'params.nesterov: Nesterov needs momentum > 0 and dampening = 0';
    expect(errorsOf('SGD', { nesterov: true })).toEqual([message]);
    expect(errorsOf('SGD', { nesterov: true, momentum: 0.9, dampening: 0.1 })).toEqual([message]);
    expect(errorsOf('SGD', { nesterov: true, momentum: 0.9 })).toEqual([]);
  });

  it('prefixes messages with the given path and refuses a non-object', () => {
    expect(resolveParams(def('SGD'), { lr: -1 }, 'runs[2].params')).toEqual({
      ok: false,
      errors: ['runs[2].params.lr: expected a number ≥ 0 (got -1)'],
    });
    expect(errorsOf('SGD', [1, 2])).toEqual([
      'params: expected an object of hyperparameters (got [1,2])',
    ]);
    expect(errorsOf('SGD', null)).toEqual([
      'params: expected an object of hyperparameters (got null)',
    ]);
  });

  it('copies pairs so later changes to the input do not leak in', () => {
    const input = { betas: [0.5, 0.6] };
    const result = resolveParams(def('Adam'), input);
    input.betas[0] = 0.7;
    expect(result.ok && result.params.betas).toEqual([0.5, 0.6]);
  });

  it('accepts any in-range values for every optimizer (property)', () => {
    for (const optimizer of OPTIMIZERS) {
      const arbitraries = Object.fromEntries(optimizer.params.map((s) => [s.name, validValue(s)]));
      fc.assert(
        fc.property(fc.record(arbitraries), (partial) => {
          // Every field is in range, so only a cross-field rule (Nesterov) can object.
          const crossIssues = optimizer.crossCheck?.(partial) ?? [];
          const result = resolveParams(optimizer, partial);
          expect(result.ok).toBe(crossIssues.length === 0);
          if (result.ok) expect(validateParams(optimizer, result.params)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('validateParams', () => {
  it('finds out-of-range values in complete params', () => {
    const params = { ...defaultParams(def('Adam')), lr: -2 };
    expect(validateParams(def('Adam'), params)).toEqual([
      'params.lr: expected a number ≥ 0 (got -2)',
    ]);
  });

  it('finds a missing hyperparameter', () => {
    const params = { ...defaultParams(def('Adagrad')) };
    delete params.eps;
    expect(validateParams(def('Adagrad'), params)).toEqual([
      'params.eps: expected a number ≥ 0 (got nothing)',
    ]);
  });
});

describe('describeSpec', () => {
  it('words bounds the way people read them', () => {
    const spec: ParamSpec = { name: 'x', label: 'x', kind: 'number', default: 1, help: '' };
    expect(describeSpec(spec)).toBe('a number that is finite');
    expect(describeSpec({ ...spec, min: 0, minExclusive: true })).toBe('a number > 0');
    expect(describeSpec({ ...spec, max: 5, maxExclusive: true })).toBe('a number < 5');
    expect(describeSpec({ ...spec, min: 0, max: 1, minExclusive: true })).toBe(
      'a number in (0, 1]',
    );
    expect(describeSpec({ ...spec, integer: true, min: 1, nullable: true })).toBe(
      'an integer ≥ 1 or null',
    );
    expect(describeSpec({ ...spec, kind: 'choice', choices: [null, 'strong_wolfe'] })).toBe(
      'one of null, "strong_wolfe"',
    );
  });
});

/** Values inside a spec's bounds. */
function validValue(spec: ParamSpec): fc.Arbitrary<ParamValue> {
  if (spec.kind === 'boolean') return fc.boolean();
  if (spec.kind === 'choice') return fc.constantFrom(...(spec.choices ?? []));
  const min = spec.min ?? -1e6;
  const max = spec.max ?? (spec.range ? spec.range[1] * 10 : 1e6);
  const number = spec.integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({
        min,
        max,
        minExcluded: spec.minExclusive,
        maxExcluded: spec.maxExclusive,
        noNaN: true,
      });
  if (spec.kind === 'pair') return fc.tuple(number, number);
  return spec.nullable ? fc.option(number, { nil: null }) : number;
}
