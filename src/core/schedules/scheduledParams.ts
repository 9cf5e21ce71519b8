import type { ParamValue, Params } from '../optimizers/types.ts';
import { ScheduleEnded } from './cyclic.ts';
import type { ParamGroup, ScheduleConfig, Scheduler } from './types.ts';
import { createSchedule, cyclesMomentum } from './validate.ts';

/**
 * A run's hyperparameters as its schedule moves them: torch's `param_groups[0]` for one optimizer.
 * `params` is what the optimizer reads; the schedule writes lr (and momentum or β₁ where it cycles
 * them) into it exactly when torch's `sched.step()` would: once when the schedule is built, then
 * after every optimizer step. Without a schedule `params` never changes.
 */
export class ScheduledParams {
  readonly params: Record<string, ParamValue>;
  /** Whether the schedule cycles momentum (SGD, RMSprop) or β₁ (Adam and its kin). */
  readonly cyclesMomentum: boolean;
  /**
   * Why the schedule stopped, where torch would raise (OneCycleLR past total_steps); from then on
   * lr and momentum keep their last values. Null while it runs.
   */
  ended: string | null = null;
  private readonly group: ParamGroup;
  private readonly scheduler: Scheduler | null;

  constructor(params: Params, schedule: ScheduleConfig | undefined) {
    this.params = { ...params };
    this.group = { lr: params.lr as number };
    if (typeof params.momentum === 'number') this.group.momentum = params.momentum;
    if (Array.isArray(params.betas)) this.group.betas = [params.betas[0], params.betas[1]];
    this.scheduler = schedule ? createSchedule(schedule, this.group) : null;
    this.cyclesMomentum = schedule !== undefined && cyclesMomentum(schedule);
    this.copyGroup();
  }

  /** `sched.step()` (ReduceLROnPlateau: `sched.step(loss)`) after an optimizer step. */
  advance(loss: number): void {
    if (!this.scheduler || this.ended !== null) return;
    try {
      this.scheduler.advance(loss);
    } catch (error) {
      if (!(error instanceof ScheduleEnded)) throw error;
      this.ended = error.message;
    }
    this.copyGroup();
  }

  get lr(): number {
    return this.group.lr;
  }

  /** The momentum the next step uses, or β₁ for Adam-like optimizers; NaN when it has neither. */
  get momentum(): number {
    return this.group.momentum ?? this.group.betas?.[0] ?? NaN;
  }

  private copyGroup(): void {
    const { group, params } = this;
    params.lr = group.lr;
    if (group.momentum !== undefined) params.momentum = group.momentum;
    const betas = params.betas;
    if (group.betas && Array.isArray(betas) && betas[0] !== group.betas[0]) {
      params.betas = [group.betas[0], group.betas[1]];
    }
  }
}
