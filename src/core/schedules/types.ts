/**
 * Learning-rate schedules, as torch.optim.lr_scheduler computes them. A schedule is plain data in
 * the scene (`ScheduleConfig`); `createSchedule` turns it into live schedulers that act on one
 * `ParamGroup`, the way torch's schedulers act on `optimizer.param_groups[0]`.
 */
import type { ParamSpec, ParamValue } from '../optimizers/types.ts';

/** A value of a scheduler's keyword argument: a scalar, a list of integers, or nested schedules. */
export type ScheduleParamValue = ParamValue | readonly number[] | readonly ScheduleConfig[];

/** `{name: "CosineAnnealingLR", params: {T_max: 100}}`: torch's class name and keyword arguments. */
export interface ScheduleConfig {
  name: string;
  params: Readonly<Record<string, ScheduleParamValue>>;
}

export interface ScheduleParamSpec extends Omit<ParamSpec, 'kind' | 'default'> {
  /** Scalars as optimizer hyperparameters; 'integers' a list (milestones); 'schedules' nested ones. */
  kind: ParamSpec['kind'] | 'integers' | 'schedules';
  /**
   * torch's default. For a `required` argument (torch has no default) it is only the value a
   * picker starts from, and a call without it is an error.
   */
  default: ScheduleParamValue;
  required?: boolean;
  /** torch's own message for a value out of bounds, `{}` standing for the value. */
  torchMessage?: string;
}

/**
 * What torch's schedulers read and write in `optimizer.param_groups[0]`: lr, the momentum or β₁
 * that cyclic schedules cycle (present exactly when the optimizer has such a hyperparameter), and
 * the keys schedulers store there themselves.
 */
export interface ParamGroup {
  lr: number;
  /** 'momentum' in optimizer.defaults (SGD, RMSprop). */
  momentum?: number;
  /** 'betas' in optimizer.defaults (Adam and its kin); OneCycleLR cycles the first. */
  betas?: [number, number];
  initial_lr?: number;
  max_lr?: number;
  min_lr?: number;
  max_momentum?: number;
  base_momentum?: number;
}

/** A live schedule: `sched.step()` (ReduceLROnPlateau: `sched.step(loss)`) after each step. */
export interface Scheduler {
  /** Called after every optimizer step with the loss at the point that step started from. */
  advance(loss: number): void;
}
