/**
 * Optimizers update every coordinate of many particles at once. All state is structure-of-arrays:
 * `theta` and `grad` hold x0, y0, x1, y1, … (two coordinates per particle) and each state slot is a
 * Float64Array of the same length. Nothing is allocated per step.
 *
 * One step, as the simulation drives it (torch's order):
 *   1. evaluate ∇f at theta into `grad` (plus gradient noise, if any);
 *   2. `prepareGradient(def, params, theta, grad, active)` (prepare.ts): maximize, L2 decay;
 *   3. `def.step(params, ctx)` with ctx.t = 1 on the first step.
 */

/**
 * A hyperparameter's value: a number, a flag, a pair such as Adam's betas, a named choice such as
 * L-BFGS's line_search_fn, or null where torch's default is None (L-BFGS's max_eval).
 */
export type ParamValue = number | boolean | string | null | readonly [number, number];
export type Params = Readonly<Record<string, ParamValue>>;

export interface ParamSpec {
  /** The torch name (lr, betas, eps, weight_decay, momentum, nesterov, …). */
  name: string;
  /** A short label for controls ("learning rate"). */
  label: string;
  kind: 'number' | 'boolean' | 'pair' | 'choice';
  default: ParamValue;
  /** The values a 'choice' takes, torch's spelling (null = None). */
  choices?: readonly (string | null)[];
  /** A number that may also be null, torch's None (`help` says what None means). */
  nullable?: boolean;
  /** Inclusive lower bound for numbers (and for each entry of a pair). */
  min?: number;
  /** Upper bound for numbers (and for each entry of a pair). */
  max?: number;
  /** True when the upper bound is excluded (betas in [0, 1)). */
  maxExclusive?: boolean;
  /** True when the lower bound is excluded (lr > 0). */
  minExclusive?: boolean;
  /** Integers only (e.g. a step interval). */
  integer?: boolean;
  /** Suggest a logarithmic slider in the UI. */
  log?: boolean;
  /** A sensible slider range where the valid range is open-ended (momentum ≥ 0). Not enforced. */
  range?: readonly [number, number];
  /** One plain line for tooltips and cards. */
  help: string;
}

/** A rule broken by a combination of hyperparameters, reported against one of them. */
export interface ParamIssue {
  param: string;
  message: string;
}

export interface StepContext {
  /** Number of coordinates: dim × particles. */
  readonly n: number;
  /**
   * Coordinates per particle: 2 on surfaces (the default), N for a network run, which is one
   * particle with N parameters. L-BFGS reads it; Newton and Perturbed GD, which also couple
   * coordinates, have N-dimensional versions in core/nn/updates.ts.
   */
  readonly dim?: number;
  /** Positions, updated in place. */
  readonly theta: Float64Array;
  /**
   * Gradient at theta, after `maximize` and L2 weight decay were applied by the caller (see
   * `prepareGradient`). The optimizer may overwrite it.
   */
  readonly grad: Float64Array;
  /**
   * One flag per pair of coordinates (index = coordinate >> 1): 1 where it still moves, 0 once its
   * particle diverged. On surfaces a pair is a particle; a network run passes ⌈N/2⌉ equal flags.
   * Keyed by pairs so the elementwise updates index it with a shift in their hot loops, whatever
   * the dimension.
   */
  readonly active: Uint8Array;
  /** Torch's step count: 1 on the first step. */
  readonly t: number;
  /** The optimizer's state slots, `stateSlots` arrays of length n, zero-filled before `init`. */
  readonly state: readonly Float64Array[];
  /**
   * For optimizers that ask: on surfaces fxx, fxy, fyy per particle (length 3n/2); for a network
   * (dim > 2) the full dim × dim Hessian, row-major.
   */
  readonly hessian: Float64Array | null;
  /** Uniform numbers in [0, 1) for (particle, step, draw); only for optimizers that ask. */
  readonly uniform: ((particle: number, draw: number) => number) | null;
  /**
   * torch's `step(closure)` for optimizers that evaluate f several times per step (L-BFGS): f at
   * `point` (dim coordinates) for particle p, with ∇f written to out[0 … dim). Each call counts as
   * one evaluation of the particle. It gives the exact f and ∇f (no noise, no minibatch). Null for
   * optimizers that do not ask (`needsClosure`).
   */
  readonly closure?: ClosureFunction | null;
  /** f at theta per particle: the closure's first evaluation, which the run already made. */
  readonly loss?: Float64Array | null;
}

export type ClosureFunction = (particle: number, point: Float64Array, out: Float64Array) => number;

/** The words the UI shows on an optimizer's card. */
export interface OptimizerText {
  /** Two or three plain sentences: what the update does. */
  description: string;
  /** One line: what it is good at. */
  pros: string;
  /** One line: where it struggles. */
  cons: string;
}

export interface OptimizerDefinition extends OptimizerText {
  /** The torch class name (`Adam`, `RMSprop`, …) or our own (`Newton`, `PerturbedGD`). */
  name: string;
  /** The name people read (`Perturbed GD`). */
  label: string;
  /** Every hyperparameter with torch's name and default. */
  params: readonly ParamSpec[];
  /** How many Float64Array state slots of length n the update needs (L-BFGS: per history_size). */
  stateSlots: number | ((params: Params) => number);
  /**
   * Weight decay always shrinks theta itself (AdamW) instead of adding L2 to the gradient. Adam,
   * NAdam and RAdam decide per run through their `decoupled_weight_decay` hyperparameter.
   */
  decoupledWeightDecay: boolean;
  needsHessian: boolean;
  needsRandom: boolean;
  /** Evaluates f more than once per step through `ctx.closure` (torch's `step(closure)`). */
  needsClosure?: boolean;
  /**
   * The state slot holding a second point worth drawing next to θ: ASGD's running average `ax`,
   * which is what ASGD returns as its answer.
   */
  averageSlot?: number;
  /** Rules spanning several hyperparameters (single-field bounds live in `params`). */
  crossCheck?(params: Params): ParamIssue[];
  /** Sets initial state (most optimizers start from zeros and leave this out). */
  init?(params: Params, state: readonly Float64Array[]): void;
  /** One step for every active particle. */
  step(params: Params, ctx: StepContext): void;
}
