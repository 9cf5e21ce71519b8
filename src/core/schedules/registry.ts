/**
 * Every scheduler of torch.optim.lr_scheduler that needs no Python function (LambdaLR and
 * MultiplicativeLR do), with torch's keyword arguments, defaults and error messages. Arguments
 * torch never checks but that would divide by zero or make lr NaN get plain bounds instead.
 */
import type { OptimizerDefinition } from '../optimizers/types.ts';
import { LRScheduler } from './base.ts';
import { ChainedScheduler, SequentialLR } from './containers.ts';
import { CosineAnnealingLR, CosineAnnealingWarmRestarts } from './cosine.ts';
import {
  CyclicLR,
  OneCycleLR,
  zeroLengthPhaseStep,
  type CyclicMode,
  type OneCycleOptions,
} from './cyclic.ts';
import { ConstantLR, ExponentialLR, LinearLR, MultiStepLR, PolynomialLR, StepLR } from './decay.ts';
import { ReduceLROnPlateau } from './plateau.ts';
import type { ParamGroup, ScheduleConfig, ScheduleParamSpec, Scheduler } from './types.ts';

/** A scheduler's resolved keyword arguments (every name of its specs). */
export type ScheduleArgs = Readonly<Record<string, unknown>>;

export interface ScheduleIssue {
  param: string;
  message: string;
}

export interface ScheduleDefinition {
  /** torch's class name. */
  name: string;
  /** What the picker says. */
  label: string;
  /** One plain line. */
  help: string;
  params: readonly ScheduleParamSpec[];
  /** torch's checks that span several arguments or the optimizer, in torch's words. */
  check?(args: ScheduleArgs, optimizer: OptimizerDefinition): ScheduleIssue[];
  /** Builds it on `group` (members, for SequentialLR and ChainedScheduler, already built). */
  create(group: ParamGroup, args: ScheduleArgs, members: LRScheduler[]): Scheduler;
}

const num = (args: ScheduleArgs, name: string) => args[name] as number;

function numberSpec(
  name: string,
  defaultValue: number,
  help: string,
  bounds: Partial<ScheduleParamSpec> = {},
): ScheduleParamSpec {
  return { name, label: name, kind: 'number', default: defaultValue, help, ...bounds };
}

function integerSpec(
  name: string,
  defaultValue: number,
  help: string,
  bounds: Partial<ScheduleParamSpec> = {},
): ScheduleParamSpec {
  return numberSpec(name, defaultValue, help, { integer: true, min: 1, ...bounds });
}

function booleanSpec(name: string, defaultValue: boolean, help: string): ScheduleParamSpec {
  return { name, label: name, kind: 'boolean', default: defaultValue, help };
}

function choiceSpec(name: string, choices: string[], help: string): ScheduleParamSpec {
  return { name, label: name, kind: 'choice', default: choices[0], choices, help };
}

const gammaSpec = (defaultValue: number, required = false): ScheduleParamSpec =>
  numberSpec('gamma', defaultValue, 'The factor lr is multiplied by at each decay.', {
    min: 0,
    required,
  });

const schedulersSpec: ScheduleParamSpec = {
  name: 'schedulers',
  label: 'schedulers',
  kind: 'schedules',
  default: [],
  required: true,
  help: 'The schedules to combine, each {name, params}.',
};

/** 'momentum' in optimizer.defaults, which CyclicLR needs to cycle momentum. */
function hasMomentum(optimizer: OptimizerDefinition): boolean {
  return optimizer.params.some((spec) => spec.name === 'momentum');
}

function hasBetas(optimizer: OptimizerDefinition): boolean {
  return optimizer.params.some((spec) => spec.name === 'betas');
}

const NO_MOMENTUM = 'optimizer must support momentum with `cycle_momentum` option enabled';

const stepLR: ScheduleDefinition = {
  name: 'StepLR',
  label: 'Step decay',
  help: 'Multiplies lr by gamma every step_size steps.',
  params: [
    integerSpec('step_size', 100, 'Steps between two decays.', { required: true }),
    gammaSpec(0.1),
  ],
  create: (group, args) => new StepLR(group, num(args, 'step_size'), num(args, 'gamma')),
};

const multiStepLR: ScheduleDefinition = {
  name: 'MultiStepLR',
  label: 'Decay at milestones',
  help: 'Multiplies lr by gamma at each listed step.',
  params: [
    {
      name: 'milestones',
      label: 'milestones',
      kind: 'integers',
      default: [100, 200],
      required: true,
      integer: true,
      min: 0,
      help: 'The steps at which lr decays (a step listed twice decays twice).',
    },
    gammaSpec(0.1),
  ],
  create: (group, args) => new MultiStepLR(group, args.milestones as number[], num(args, 'gamma')),
};

const constantLR: ScheduleDefinition = {
  name: 'ConstantLR',
  label: 'Constant warm-up',
  help: 'Runs at factor·lr for total_iters steps, then at lr.',
  params: [
    numberSpec('factor', 1 / 3, 'The fraction of lr used at first.', {
      min: 0,
      max: 1,
      torchMessage: 'Constant multiplicative factor expected to be between 0 and 1.',
    }),
    integerSpec('total_iters', 5, 'Steps at the lowered rate.', { min: 0 }),
  ],
  check(args) {
    // torch accepts 0, then multiplies by 1/0 at total_iters: lr becomes NaN.
    if (num(args, 'factor') === 0) {
      return [{ param: 'factor', message: 'must be above 0 (0 makes lr NaN at total_iters)' }];
    }
    return [];
  },
  create: (group, args) => new ConstantLR(group, num(args, 'factor'), num(args, 'total_iters')),
};

const linearLR: ScheduleDefinition = {
  name: 'LinearLR',
  label: 'Linear warm-up',
  help: 'Scales lr linearly from start_factor to end_factor over total_iters steps.',
  params: [
    numberSpec('start_factor', 1 / 3, 'The fraction of lr at step 0.', {
      min: 0,
      minExclusive: true,
      max: 1,
      // torch ≥ 2.0's check: 0 would divide by zero on the first step.
      torchMessage:
        'Starting multiplicative factor expected to be greater than 0 and less or equal to 1.',
    }),
    numberSpec('end_factor', 1, 'The fraction of lr reached at total_iters.', {
      min: 0,
      max: 1,
      torchMessage: 'Ending multiplicative factor expected to be between 0 and 1.',
    }),
    integerSpec('total_iters', 5, 'Steps the change takes.'),
  ],
  create: (group, args) =>
    new LinearLR(
      group,
      num(args, 'start_factor'),
      num(args, 'end_factor'),
      num(args, 'total_iters'),
    ),
};

const exponentialLR: ScheduleDefinition = {
  name: 'ExponentialLR',
  label: 'Exponential decay',
  help: 'Multiplies lr by gamma after every step.',
  params: [gammaSpec(0.99, true)],
  create: (group, args) => new ExponentialLR(group, num(args, 'gamma')),
};

const polynomialLR: ScheduleDefinition = {
  name: 'PolynomialLR',
  label: 'Polynomial decay',
  help: 'Decays lr to 0 over total_iters steps as (1 − t/total_iters)^power.',
  params: [
    integerSpec('total_iters', 5, 'Steps until lr reaches 0.'),
    numberSpec('power', 1, 'The power of the polynomial (1 = linear).', { min: 0 }),
  ],
  create: (group, args) => new PolynomialLR(group, num(args, 'total_iters'), num(args, 'power')),
};

const etaMinSpec = numberSpec('eta_min', 0, 'The lowest lr the cosine reaches.', { min: 0 });

const cosineAnnealingLR: ScheduleDefinition = {
  name: 'CosineAnnealingLR',
  label: 'Cosine annealing',
  help: 'Lowers lr along half a cosine to eta_min over T_max steps.',
  params: [
    integerSpec('T_max', 500, 'Steps from lr down to eta_min.', { required: true }),
    etaMinSpec,
  ],
  create: (group, args) => new CosineAnnealingLR(group, num(args, 'T_max'), num(args, 'eta_min')),
};

const cosineAnnealingWarmRestarts: ScheduleDefinition = {
  name: 'CosineAnnealingWarmRestarts',
  label: 'Cosine with restarts',
  help: 'Cosine annealing that jumps back to lr every T_i steps (T_0 first, then ×T_mult).',
  params: [
    integerSpec('T_0', 100, 'Steps until the first restart.', {
      required: true,
      torchMessage: 'Expected positive integer T_0, but got {}',
    }),
    integerSpec('T_mult', 1, 'How much longer each period is than the last.', {
      torchMessage: 'Expected integer T_mult >= 1, but got {}',
    }),
    etaMinSpec,
  ],
  create: (group, args) =>
    new CosineAnnealingWarmRestarts(
      group,
      num(args, 'T_0'),
      num(args, 'T_mult'),
      num(args, 'eta_min'),
    ),
};

const cycleMomentumSpec = booleanSpec(
  'cycle_momentum',
  true,
  'Also cycle momentum (β₁ for Adam-like optimizers), inversely to lr.',
);

const cyclicLR: ScheduleDefinition = {
  name: 'CyclicLR',
  label: 'Cyclic',
  help: 'Runs lr up and down between base_lr and max_lr in triangles.',
  params: [
    numberSpec('base_lr', 0.001, 'The lowest lr of each cycle.', { min: 0, required: true }),
    numberSpec('max_lr', 0.01, 'The highest lr of each cycle.', { min: 0, required: true }),
    integerSpec('step_size_up', 2000, 'Steps from base_lr up to max_lr.'),
    {
      ...integerSpec('step_size_down', 0, 'Steps back down; null: as step_size_up.'),
      default: null,
      nullable: true,
    },
    {
      ...choiceSpec(
        'mode',
        ['triangular', 'triangular2', 'exp_range'],
        'triangular keeps the height, triangular2 halves it each cycle, exp_range scales it by gamma^step.',
      ),
      torchMessage: 'mode is invalid and scale_fn is None',
    },
    numberSpec('gamma', 1, 'The factor of exp_range, per step.', { min: 0 }),
    cycleMomentumSpec,
    numberSpec('base_momentum', 0.8, 'Momentum at the peak of lr.', { min: 0 }),
    numberSpec('max_momentum', 0.9, 'Momentum at the bottom of lr.', { min: 0 }),
  ],
  check(args, optimizer) {
    // torch 1.13 – 2.x: CyclicLR looks for 'momentum' only, so Adam needs cycle_momentum=False.
    if (args.cycle_momentum === true && !hasMomentum(optimizer)) {
      return [{ param: 'cycle_momentum', message: NO_MOMENTUM }];
    }
    return [];
  },
  create: (group, args) =>
    new CyclicLR(group, {
      baseLr: num(args, 'base_lr'),
      maxLr: num(args, 'max_lr'),
      stepSizeUp: num(args, 'step_size_up'),
      stepSizeDown: args.step_size_down as number | null,
      mode: args.mode as CyclicMode,
      gamma: num(args, 'gamma'),
      cycleMomentum: args.cycle_momentum === true,
      baseMomentum: num(args, 'base_momentum'),
      maxMomentum: num(args, 'max_momentum'),
    }),
};

function oneCycleOptions(args: ScheduleArgs): OneCycleOptions {
  const total = args.total_steps as number | null;
  return {
    maxLr: num(args, 'max_lr'),
    totalSteps: total ?? (args.epochs as number) * (args.steps_per_epoch as number),
    pctStart: num(args, 'pct_start'),
    annealStrategy: args.anneal_strategy as 'cos' | 'linear',
    cycleMomentum: args.cycle_momentum === true,
    baseMomentum: num(args, 'base_momentum'),
    maxMomentum: num(args, 'max_momentum'),
    divFactor: num(args, 'div_factor'),
    finalDivFactor: num(args, 'final_div_factor'),
    threePhase: args.three_phase === true,
  };
}

/** OneCycleLR's total_steps (given, or epochs × steps_per_epoch), or null for a config without. */
export function oneCycleTotalSteps(config: ScheduleConfig): number | null {
  if (config.name !== 'OneCycleLR') return null;
  return oneCycleOptions(config.params).totalSteps;
}

const nullableCount = (name: string, help: string): ScheduleParamSpec => ({
  ...integerSpec(name, 0, help, { torchMessage: `Expected positive integer ${name}, but got {}` }),
  default: null,
  nullable: true,
});

const oneCycleLR: ScheduleDefinition = {
  name: 'OneCycleLR',
  label: 'One-cycle',
  help: 'Warms lr up to max_lr, then anneals it far below where it started.',
  params: [
    numberSpec('max_lr', 0.01, 'The peak lr.', { min: 0, required: true }),
    nullableCount('total_steps', 'Steps of the whole cycle (or epochs × steps_per_epoch).'),
    nullableCount('epochs', 'With steps_per_epoch, another way to give total_steps.'),
    nullableCount('steps_per_epoch', 'With epochs, another way to give total_steps.'),
    numberSpec('pct_start', 0.3, 'The fraction of the cycle spent warming up.', {
      min: 0,
      max: 1,
      torchMessage: 'Expected float between 0 and 1 pct_start, but got {}',
    }),
    {
      ...choiceSpec('anneal_strategy', ['cos', 'linear'], 'How lr moves between its targets.'),
      torchMessage: "anneal_strategy must by one of 'cos' or 'linear', instead got {}",
    },
    cycleMomentumSpec,
    numberSpec('base_momentum', 0.85, 'Momentum (or β₁) at the peak of lr.', { min: 0 }),
    numberSpec('max_momentum', 0.95, 'Momentum (or β₁) at the start and end.', { min: 0 }),
    numberSpec('div_factor', 25, 'The first lr is max_lr / div_factor.', {
      min: 0,
      minExclusive: true,
    }),
    numberSpec('final_div_factor', 1e4, 'The last lr is the first / final_div_factor.', {
      min: 0,
      minExclusive: true,
    }),
    booleanSpec('three_phase', false, 'Go back down to the first lr before annealing further.'),
  ],
  check(args, optimizer) {
    if (args.total_steps === null && (args.epochs === null || args.steps_per_epoch === null)) {
      const message = 'You must define either total_steps OR (epochs AND steps_per_epoch)';
      return [{ param: 'total_steps', message }];
    }
    if (args.cycle_momentum === true && !hasMomentum(optimizer) && !hasBetas(optimizer)) {
      return [{ param: 'cycle_momentum', message: NO_MOMENTUM }];
    }
    const empty = zeroLengthPhaseStep(oneCycleOptions(args));
    if (empty !== null) {
      const message = `step ${empty} falls in a phase of length 0 (torch: float division by zero); change pct_start or total_steps`;
      return [{ param: 'pct_start', message }];
    }
    return [];
  },
  create: (group, args) => new OneCycleLR(group, oneCycleOptions(args)),
};

const reduceLROnPlateau: ScheduleDefinition = {
  name: 'ReduceLROnPlateau',
  label: 'Reduce on plateau',
  help: 'Cuts lr by factor when the loss has not improved for patience steps.',
  params: [
    {
      ...choiceSpec('mode', ['min', 'max'], 'min: the loss should fall; max: it should rise.'),
      torchMessage: 'mode {} is unknown!',
    },
    numberSpec('factor', 0.1, 'What lr is multiplied by at a plateau.', {
      min: 0,
      max: 1,
      maxExclusive: true,
      torchMessage: 'Factor should be < 1.0.',
    }),
    integerSpec('patience', 10, 'Steps without improvement tolerated before a cut.', { min: 0 }),
    numberSpec('threshold', 1e-4, 'How much better counts as an improvement.', { min: 0 }),
    {
      ...choiceSpec(
        'threshold_mode',
        ['rel', 'abs'],
        'rel: a fraction of the best; abs: an amount.',
      ),
      torchMessage: 'threshold mode {} is unknown!',
    },
    integerSpec('cooldown', 0, 'Steps to wait after a cut before counting again.', { min: 0 }),
    numberSpec('min_lr', 0, 'lr never goes below this.', { min: 0 }),
    numberSpec('eps', 1e-8, 'A cut smaller than this is skipped.', { min: 0 }),
  ],
  create: (group, args) =>
    new ReduceLROnPlateau(group, {
      mode: args.mode as 'min' | 'max',
      factor: num(args, 'factor'),
      patience: num(args, 'patience'),
      threshold: num(args, 'threshold'),
      thresholdMode: args.threshold_mode as 'rel' | 'abs',
      cooldown: num(args, 'cooldown'),
      minLr: num(args, 'min_lr'),
      eps: num(args, 'eps'),
    }),
};

const sequentialLR: ScheduleDefinition = {
  name: 'SequentialLR',
  label: 'One after another',
  help: 'Hands over from one schedule to the next at each milestone.',
  params: [
    schedulersSpec,
    {
      name: 'milestones',
      label: 'milestones',
      kind: 'integers',
      default: [],
      required: true,
      integer: true,
      min: 0,
      help: 'The steps at which the next schedule takes over.',
    },
  ],
  check(args) {
    const members = (args.schedulers as ScheduleConfig[]).length;
    const milestones = (args.milestones as number[]).length;
    if (milestones !== members - 1) {
      const message = `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${members} and the number of milestones to be equal to ${milestones}`;
      return [{ param: 'milestones', message }];
    }
    return [];
  },
  create: (group, args, members) => new SequentialLR(group, members, args.milestones as number[]),
};

const chainedScheduler: ScheduleDefinition = {
  name: 'ChainedScheduler',
  label: 'Chained',
  help: 'Steps several schedules together, each multiplying the lr the last one left.',
  params: [schedulersSpec],
  create: (_group, _args, members) => new ChainedScheduler(members),
};

/** In the order torch's documentation lists them. */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  stepLR,
  multiStepLR,
  constantLR,
  linearLR,
  exponentialLR,
  polynomialLR,
  cosineAnnealingLR,
  chainedScheduler,
  sequentialLR,
  reduceLROnPlateau,
  cyclicLR,
  oneCycleLR,
  cosineAnnealingWarmRestarts,
];

const BY_NAME = new Map(SCHEDULES.map((def) => [def.name.toLowerCase(), def]));

/** The scheduler whose class name is `name`, ignoring case, or undefined. */
export function findSchedule(name: string): ScheduleDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** SequentialLR and ChainedScheduler: built from other schedules. */
export function isContainer(def: ScheduleDefinition): boolean {
  return def.params.some((spec) => spec.kind === 'schedules');
}
