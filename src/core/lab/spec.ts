/**
 * The description of a lab experiment, as the scene stores it: what to run, never the results (they
 * are recomputed deterministically from this, the surface, the view and the seed).
 */
import { findPreset, resolvePreset } from '../optimizers/presets.ts';
import { isRecord, numberIn, oneOf } from '../scene/checks.ts';
import type { OptimizerDefinition, ParamValue, Params } from '../optimizers/types.ts';

export type LabKind = 'sweep' | 'heatmap' | 'basins';
/** What every optimizer gets the same amount of: steps, or gradient evaluations. */
export type LabBudget = 'steps' | 'gradients';

export interface LabSpec {
  /** sweep: final loss against lr; heatmap: against lr × momentum/β₁; basins: where each start ends. */
  kind: LabKind;
  /** Preset ids (`sgd`, `adam`, …), in the order they are drawn. */
  optimizers: string[];
  /** Log-spaced learning rates from `lrMin` to `lrMax` (sweep and heatmap). */
  lrMin: number;
  lrMax: number;
  lrCount: number;
  /** Heatmap: values of the second axis (momentum or β₁), evenly spaced over [0, AXIS_MAX]. */
  axisCount: number;
  /** Sweep and heatmap: random starts in the view (seeded); basins: the side of the start grid. */
  starts: number;
  /** The budget, in steps or in gradient evaluations (see `budget`). */
  steps: number;
  budget: LabBudget;
  /** A run succeeds when its final loss is within `tol` of the global minimum's value. */
  tol: number;
  /** Basins: the learning rate of each optimizer, in the order of `optimizers`. */
  lrs: number[];
}

export const LAB_LIMITS = {
  optimizers: 8,
  lr: [1e-8, 100] as const,
  lrCount: [2, 60] as const,
  axisCount: [2, 30] as const,
  starts: [1, 2000] as const,
  gridSide: [2, 200] as const,
  steps: [1, 20_000] as const,
  tol: [1e-12, 1e6] as const,
  /** Particle-steps one experiment may ask for (≈ a minute on one slow core). */
  work: 1e9,
};

/** The heatmap's second axis ends here: momentum or β₁ of 1 never forgets and is invalid in torch. */
export const AXIS_MAX = 0.99;

/** Newton's step needs the Hessian: in d = 2 dimensions, d more gradient evaluations. */
export const HESSIAN_GRADIENT_EQUIVALENTS = 2;

export function defaultLabSpec(): LabSpec {
  const optimizers = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
  return {
    kind: 'sweep',
    optimizers,
    lrMin: 1e-4,
    lrMax: 10,
    lrCount: 25,
    axisCount: 12,
    starts: 100,
    steps: 500,
    budget: 'steps',
    tol: 1e-3,
    lrs: optimizers.map(presetLr),
  };
}

/** The learning rate a preset ships with. */
export function presetLr(presetId: string): number {
  const preset = findPreset(presetId);
  return preset ? (resolvePreset(preset).params.lr as number) : 0.01;
}

/** `count` learning rates from `min` to `max`, evenly spaced in log scale; the ends are exact. */
export function lrGrid(min: number, max: number, count: number): number[] {
  if (count === 1) return [min];
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: count }, (_, i) =>
    i === 0
      ? min
      : i === count - 1
        ? max
        : Number((10 ** (a + ((b - a) * i) / (count - 1))).toPrecision(6)),
  );
}

/** `count` values of the second axis from 0 to AXIS_MAX. */
export function axisGrid(count: number): number[] {
  return Array.from({ length: count }, (_, i) =>
    Number(((AXIS_MAX * i) / Math.max(1, count - 1)).toPrecision(6)),
  );
}

/**
 * The hyperparameter the heatmap's second axis sweeps for an optimizer: `momentum` (SGD, RMSprop)
 * or β₁ (the first of Adam's betas), or null when it has neither (Adagrad, Adadelta, Newton…).
 */
export function secondAxis(definition: OptimizerDefinition): 'momentum' | 'beta1' | null {
  if (definition.params.some((spec) => spec.name === 'momentum')) return 'momentum';
  if (definition.params.some((spec) => spec.name === 'betas')) return 'beta1';
  return null;
}

/** `params` with the second axis set to `value`. */
export function withAxis(
  params: Params,
  axis: 'momentum' | 'beta1',
  value: number,
): Record<string, ParamValue> {
  if (axis === 'momentum') return { ...params, momentum: value };
  const betas = params.betas as readonly [number, number];
  return { ...params, betas: [value, betas[1]] };
}

/**
 * Gradient evaluations one step of `definition` costs: 1, plus the Hessian's for Newton. L-BFGS's
 * steps cost a varying number, counted one by one instead (`evaluationBudget`): 1 here.
 */
export function gradientCost(definition: OptimizerDefinition): number {
  return 1 + (definition.needsHessian ? HESSIAN_GRADIENT_EQUIVALENTS : 0);
}

/** Steps `definition` may take under the spec's budget (L-BFGS: at most one per evaluation). */
export function stepsFor(spec: LabSpec, definition: OptimizerDefinition): number {
  return spec.budget === 'steps'
    ? spec.steps
    : Math.max(1, Math.floor(spec.steps / gradientCost(definition)));
}

/**
 * The evaluations each particle may spend, for an optimizer whose steps cost a varying number of
 * them (L-BFGS) under a budget of gradient evaluations; null otherwise (the budget is in steps).
 */
export function evaluationBudget(spec: LabSpec, definition: OptimizerDefinition): number | null {
  return spec.budget === 'gradients' && definition.needsClosure ? spec.steps : null;
}

/** Start points an experiment runs from: a grid side squared for basins, else the count. */
export function startCount(spec: LabSpec): number {
  return spec.kind === 'basins' ? spec.starts * spec.starts : spec.starts;
}

// ---------------------------------------------------------------------------------------------
// Validation with the scene's checks (scene/checks.ts): each wrong part falls back on its own, with a notice.

/** A lab experiment from anything; undefined (no lab) when `input` is not an object. */
export function checkLab(input: unknown, notices: string[]): LabSpec | undefined {
  if (input === undefined) return undefined;
  if (!isRecord(input)) {
    notices.push('lab must describe an experiment; left out');
    return undefined;
  }
  const defaults = defaultLabSpec();
  const kind = oneOf(['sweep', 'heatmap', 'basins'] as const)(
    input.kind,
    defaults.kind,
    'lab.kind',
    notices,
  );
  let optimizers = defaults.optimizers;
  if (input.optimizers !== undefined) {
    const given = Array.isArray(input.optimizers) ? input.optimizers : [];
    const known = given.filter(
      (id, i): id is string =>
        typeof id === 'string' && findPreset(id) !== undefined && given.indexOf(id) === i,
    );
    if (known.length < given.length || known.length === 0 || known.length > LAB_LIMITS.optimizers)
      notices.push(
        `lab.optimizers must be 1 to ${LAB_LIMITS.optimizers} different preset ids; ${known.length > 0 ? 'kept the known ones' : 'used the article’s six'}`,
      );
    if (known.length > 0) optimizers = known.slice(0, LAB_LIMITS.optimizers);
  }
  let lrMin = numberIn(LAB_LIMITS.lr[0], LAB_LIMITS.lr[1], false)(
    input.lrMin,
    defaults.lrMin,
    'lab.lrMin',
    notices,
  );
  let lrMax = numberIn(LAB_LIMITS.lr[0], LAB_LIMITS.lr[1], false)(
    input.lrMax,
    defaults.lrMax,
    'lab.lrMax',
    notices,
  );
  if (lrMin >= lrMax) {
    notices.push(`lab: lrMin must be below lrMax (got ${lrMin} and ${lrMax}); used the defaults`);
    lrMin = defaults.lrMin;
    lrMax = defaults.lrMax;
  }
  const side = kind === 'basins' ? LAB_LIMITS.gridSide : LAB_LIMITS.starts;
  const givenLrs = Array.isArray(input.lrs) ? input.lrs : [];
  const lrs = optimizers.map((id, i) => {
    const lr = givenLrs[i];
    return typeof lr === 'number' && Number.isFinite(lr) && lr > 0 && lr <= LAB_LIMITS.lr[1]
      ? lr
      : presetLr(id);
  });
  if (
    input.lrs !== undefined &&
    (!Array.isArray(input.lrs) || givenLrs.some((lr, i) => lr !== lrs[i]))
  )
    notices.push(
      'lab.lrs must be one positive learning rate per optimizer; used the presets’ for the others',
    );
  const spec: LabSpec = {
    kind,
    optimizers,
    lrMin,
    lrMax,
    lrCount: numberIn(LAB_LIMITS.lrCount[0], LAB_LIMITS.lrCount[1], true)(
      input.lrCount,
      defaults.lrCount,
      'lab.lrCount',
      notices,
    ),
    axisCount: numberIn(LAB_LIMITS.axisCount[0], LAB_LIMITS.axisCount[1], true)(
      input.axisCount,
      defaults.axisCount,
      'lab.axisCount',
      notices,
    ),
    starts: numberIn(side[0], side[1], true)(input.starts, defaults.starts, 'lab.starts', notices),
    steps: numberIn(LAB_LIMITS.steps[0], LAB_LIMITS.steps[1], true)(
      input.steps,
      defaults.steps,
      'lab.steps',
      notices,
    ),
    budget: oneOf(['steps', 'gradients'] as const)(
      input.budget,
      defaults.budget,
      'lab.budget',
      notices,
    ),
    tol: numberIn(LAB_LIMITS.tol[0], LAB_LIMITS.tol[1], false)(
      input.tol,
      defaults.tol,
      'lab.tol',
      notices,
    ),
    lrs,
  };
  return spec;
}

/** Particle-steps the experiment asks for (the leaderboard's re-runs included). */
export function labWork(spec: LabSpec): number {
  const starts = startCount(spec);
  const perOptimizer =
    spec.kind === 'basins' ? 1 : spec.lrCount * (spec.kind === 'heatmap' ? spec.axisCount : 1) + 1;
  return spec.optimizers.length * perOptimizer * starts * spec.steps;
}
