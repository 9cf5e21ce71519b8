/**
 * Schedules to start from, sized to the scene: the named recipes people reach for, and each torch
 * scheduler with torch's defaults plus values for the arguments torch requires. All of them go
 * through `resolveSchedule`, so what a picker offers is always valid for the run's optimizer.
 */
import type { OptimizerDefinition } from '../optimizers/types.ts';
import { isContainer, SCHEDULES } from './registry.ts';
import { resolveSchedule, type ResolvedSchedule } from './validate.ts';

export interface ScheduleContext {
  optimizer: OptimizerDefinition;
  /** The run's learning rate, which OneCycleLR and CyclicLR take as their peak. */
  lr: number;
  /** Steps the scene runs. */
  steps: number;
}

function has(optimizer: OptimizerDefinition, name: string): boolean {
  return optimizer.params.some((spec) => spec.name === name);
}

/** A fraction of the run, as a whole number of steps ≥ 1. */
function part(steps: number, fraction: number): number {
  return Math.max(1, Math.round(steps * fraction));
}

/** Arguments for each torch scheduler: what it requires, sized to the run, and what it must drop. */
const STARTING_ARGUMENTS: Record<string, (context: ScheduleContext) => Record<string, unknown>> = {
  StepLR: ({ steps }) => ({ step_size: part(steps, 1 / 3) }),
  MultiStepLR: ({ steps }) => ({ milestones: [part(steps, 1 / 2), part(steps, 3 / 4)] }),
  ExponentialLR: ({ steps }) => ({ gamma: Number((0.01 ** (1 / steps)).toPrecision(4)) }),
  CosineAnnealingLR: ({ steps }) => ({ T_max: steps }),
  CosineAnnealingWarmRestarts: ({ steps }) => ({ T_0: part(steps, 1 / 4) }),
  CyclicLR: ({ lr, steps, optimizer }) => ({
    base_lr: lr / 10,
    max_lr: lr,
    step_size_up: part(steps, 1 / 8),
    // torch's CyclicLR cycles momentum only for optimizers that have one.
    cycle_momentum: has(optimizer, 'momentum'),
  }),
  OneCycleLR: ({ lr, steps, optimizer }) => ({
    max_lr: lr,
    total_steps: steps,
    cycle_momentum: has(optimizer, 'momentum') || has(optimizer, 'betas'),
  }),
};

/** Torch scheduler `name` with its defaults and arguments that suit the run. */
export function startingSchedule(name: string, context: ScheduleContext): ResolvedSchedule {
  const params = STARTING_ARGUMENTS[name]?.(context) ?? {};
  return resolveSchedule({ name, params }, context.optimizer);
}

export interface SchedulePreset {
  id: string;
  label: string;
  build(context: ScheduleContext): ResolvedSchedule;
}

export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  {
    id: 'warmup-cosine',
    label: 'Warm-up + cosine',
    build: ({ steps, optimizer }) => {
      const warmUp = part(steps, 1 / 10);
      const schedulers = [
        { name: 'LinearLR', params: { start_factor: 0.01, total_iters: warmUp } },
        { name: 'CosineAnnealingLR', params: { T_max: Math.max(1, steps - warmUp) } },
      ];
      return resolveSchedule(
        { name: 'SequentialLR', params: { schedulers, milestones: [warmUp] } },
        optimizer,
      );
    },
  },
  {
    id: 'step-decay',
    label: 'Step decay',
    build: ({ steps, optimizer }) =>
      resolveSchedule(
        { name: 'StepLR', params: { step_size: part(steps, 1 / 3), gamma: 0.3 } },
        optimizer,
      ),
  },
  {
    id: 'one-cycle',
    label: 'One-cycle',
    build: (context) => startingSchedule('OneCycleLR', context),
  },
  {
    id: 'plateau',
    label: 'Reduce on plateau',
    build: ({ optimizer }) =>
      resolveSchedule(
        { name: 'ReduceLROnPlateau', params: { factor: 0.5, patience: 20 } },
        optimizer,
      ),
  },
];

/** The schedulers a picker offers one by one: all but those built from others. */
export const PICKABLE_SCHEDULES: readonly string[] = SCHEDULES.filter(
  (def) => !isContainer(def),
).map((def) => def.name);
