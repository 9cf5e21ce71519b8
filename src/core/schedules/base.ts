import type { ParamGroup, Scheduler } from './types.ts';

/**
 * torch's `_LRScheduler` for one param group, started with last_epoch = −1 (a fresh run). A
 * subclass sets its fields, does what torch does before `super().__init__` (CyclicLR and OneCycleLR
 * write lr and momentum into the group), then calls `attach()` where torch calls
 * `super().__init__`: that remembers initial_lr and takes the initial step, so the group holds the
 * lr of step 0.
 */
export abstract class LRScheduler implements Scheduler {
  lastEpoch = -1;
  /** torch's `_step_count`: CosineAnnealingLR's get_lr reads it. */
  protected stepCount = 0;
  protected baseLr = 0;

  constructor(protected readonly group: ParamGroup) {}

  protected attach(): void {
    this.group.initial_lr ??= this.group.lr; // group.setdefault('initial_lr', group['lr'])
    this.baseLr = this.group.initial_lr;
    this.initialStep();
  }

  /** `_initial_step`: SequentialLR calls it again on its first scheduler. */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /**
   * `step()` advances one epoch with the chainable `get_lr`; `step(epoch)` jumps to `epoch` with
   * the closed form where the class has one (SequentialLR's `step(0)` at a milestone).
   */
  step(epoch?: number): void {
    this.stepCount++;
    if (epoch === undefined) {
      this.lastEpoch++;
      this.group.lr = this.chainedLr();
    } else {
      this.lastEpoch = epoch;
      this.group.lr = this.closedFormLr();
    }
  }

  advance(): void {
    this.step();
  }

  /** torch's `get_lr`, which most schedulers compute from the group's current lr. */
  protected abstract chainedLr(): number;

  /** torch's `_get_closed_form_lr`; classes without one use `get_lr`. */
  protected closedFormLr(): number {
    return this.chainedLr();
  }
}
