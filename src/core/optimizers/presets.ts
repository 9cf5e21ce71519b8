import { resolveParams } from './params.ts';
import { findOptimizer } from './registry.ts';
import type { OptimizerDefinition, OptimizerText, ParamValue, Params } from './types.ts';

/** A named starting configuration: what the run picker offers. */
export interface OptimizerPreset {
  /** Stable id for URLs and scenes (`momentum`, `perturbed-gd`). */
  id: string;
  /** What people read (`RMSProp`, `Perturbed GD`). */
  label: string;
  /** The optimizer's class name, as `findOptimizer` takes it. */
  optimizer: string;
  /** Only the hyperparameters that differ from torch's defaults. */
  params: Readonly<Record<string, ParamValue>>;
  /** Card text where it differs from the optimizer's own (Momentum and Nesterov are SGD). */
  text?: OptimizerText;
}

/**
 * The article's six first, then the rest. Learning rates are explicit, tuned for the default scene
 * (Beale from (1, 1.5), 1000 steps; torch's defaults, e.g. 1e-3 for SGD and Adam, barely leave the
 * start there): every preset stays finite and in view, and all but AdamW (whose decay moves the
 * minimum), Adadelta, RAdam and Newton come within 0.05 of the minimum (3, 0.5) — SGD after ~700
 * steps, Momentum and Nesterov after ~115 at the same kind of rate, Adagrad ~640, RMSProp ~290,
 * Adam ~320, Rprop ~30, ASGD ~350, L-BFGS ~11. Beale's steep corners punish larger rates: SGD diverges above ~0.03, Momentum above
 * ~0.005, RAdam (whose first steps are unnormalised) above ~0.015.
 */
export const PRESETS: readonly OptimizerPreset[] = [
  { id: 'sgd', label: 'SGD', optimizer: 'SGD', params: { lr: 0.01 } },
  {
    id: 'momentum',
    label: 'Momentum',
    optimizer: 'SGD',
    params: { lr: 0.003, momentum: 0.9 },
    text: {
      description:
        'Gradient descent with a velocity: each step adds the new gradient to a decaying sum of ' +
        'the previous ones, like a ball rolling downhill that gathers speed.',
      pros: 'Speeds up along consistent directions and damps zig-zags across ravines.',
      cons: 'Can overshoot the minimum and circle it; one more knob (momentum) to set.',
    },
  },
  {
    id: 'nesterov',
    label: 'Nesterov',
    optimizer: 'SGD',
    params: { lr: 0.003, momentum: 0.9, nesterov: true },
    text: {
      description:
        'Momentum that looks ahead: the step uses the gradient combined with where the velocity ' +
        'is about to carry it, so it brakes earlier before a slope turns up.',
      pros: 'Momentum’s speed with less overshoot and fewer oscillations.',
      cons: 'Still one learning rate for all directions, and momentum to tune.',
    },
  },
  { id: 'adagrad', label: 'Adagrad', optimizer: 'Adagrad', params: { lr: 0.5 } },
  { id: 'rmsprop', label: 'RMSProp', optimizer: 'RMSprop', params: { lr: 0.05 } },
  { id: 'adam', label: 'Adam', optimizer: 'Adam', params: { lr: 0.1 } },
  { id: 'adamw', label: 'AdamW', optimizer: 'AdamW', params: { lr: 0.1 } },
  { id: 'adadelta', label: 'Adadelta', optimizer: 'Adadelta', params: { lr: 1 } },
  { id: 'adamax', label: 'Adamax', optimizer: 'Adamax', params: { lr: 0.3 } },
  { id: 'nadam', label: 'NAdam', optimizer: 'NAdam', params: { lr: 0.1 } },
  { id: 'radam', label: 'RAdam', optimizer: 'RAdam', params: { lr: 0.01 } },
  { id: 'rprop', label: 'Rprop', optimizer: 'Rprop', params: { lr: 0.01 } },
  // Averaging from step 100 on, so the hollow average marker leaves the point within the run.
  { id: 'asgd', label: 'ASGD', optimizer: 'ASGD', params: { lr: 0.02, t0: 100 } },
  // One iteration per step, so each step on screen is one L-BFGS move (with its line search).
  {
    id: 'lbfgs',
    label: 'L-BFGS',
    optimizer: 'LBFGS',
    params: { lr: 1, max_iter: 1, line_search_fn: 'strong_wolfe' },
  },
  { id: 'newton', label: 'Newton', optimizer: 'Newton', params: { lr: 1 } },
  { id: 'perturbed-gd', label: 'Perturbed GD', optimizer: 'PerturbedGD', params: { lr: 0.01 } },
  // Distributed training (src/core/distributed): four workers, minibatches of 10 on dataset surfaces.
  {
    id: 'distributed',
    label: 'Distributed SGD',
    optimizer: 'DistributedSGD',
    params: { lr: 0.02 },
  },
  {
    id: 'distributed-threshold',
    label: 'Distributed, threshold',
    optimizer: 'DistributedSGD',
    params: { lr: 0.02, threshold: 1 },
    text: {
      description:
        'Distributed SGD where each worker keeps adding its gradients to a private sum and sends ' +
        'a coordinate only when that sum reaches the threshold τ, then starts it again from zero.',
      pros: 'Sends many times fewer values than dense; nothing is lost, small updates just arrive later.',
      cons: 'Late, lumpy updates add noise; τ must suit the size of the gradients.',
    },
  },
  {
    id: 'distributed-top1',
    label: 'Distributed, top-1',
    optimizer: 'DistributedSGD',
    params: { lr: 0.02, top_k: 1 },
    text: {
      description:
        'Distributed SGD where each worker sends only its largest unsent gradient coordinate each ' +
        'step and keeps the other for later (error feedback).',
      pros: 'A fixed, predictable budget: half the values of dense every step.',
      cons: 'Each value also needs its index, so bytes fall less than values; steps go one axis at a time.',
    },
  },
];

export function findPreset(id: string): OptimizerPreset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** The preset's optimizer, full hyperparameters and card text (a test checks all presets). */
export function resolvePreset(preset: OptimizerPreset): {
  definition: OptimizerDefinition;
  params: Params;
  text: OptimizerText;
} {
  const definition = findOptimizer(preset.optimizer);
  if (definition === undefined)
    throw new Error(`Preset ${preset.id}: no optimizer ${preset.optimizer}`);
  const resolved = resolveParams(definition, preset.params);
  if (!resolved.ok) throw new Error(`Preset ${preset.id}: ${resolved.errors.join('; ')}`);
  const { description, pros, cons } = preset.text ?? definition;
  return { definition, params: resolved.params, text: { description, pros, cons } };
}

/**
 * The preset a run is a variant of, from its optimizer and the parameters that make it another
 * method (Momentum and Nesterov are torch's SGD; the distributed presets differ by compression);
 * null for an optimizer no preset uses.
 */
export function presetIdOf(run: {
  optimizer: string;
  params: Readonly<Record<string, unknown>>;
}): string | null {
  const { optimizer, params } = run;
  if (optimizer === 'SGD') {
    if (params.nesterov === true) return 'nesterov';
    return Number(params.momentum) > 0 ? 'momentum' : 'sgd';
  }
  if (optimizer === 'DistributedSGD') {
    if (Number(params.threshold) > 0) return 'distributed-threshold';
    if (Number(params.top_k) > 0) return 'distributed-top1';
    return 'distributed';
  }
  return PRESETS.find((preset) => preset.optimizer === optimizer)?.id ?? null;
}
