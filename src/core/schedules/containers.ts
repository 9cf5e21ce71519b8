/**
 * The schedulers made of schedulers, as torch 1.13 – 2.x runs them on one param group. Their
 * members are built first, in order, each taking its own initial step (as the Python objects
 * passed to them were), so whatever those steps left in the group is part of the result.
 */
import type { LRScheduler } from './base.ts';
import type { ParamGroup, Scheduler } from './types.ts';

/**
 * SequentialLR: scheduler k runs from milestone k − 1 on. At construction it resets lr to
 * initial_lr, winds every member back one epoch and restarts the first; at a milestone it calls the
 * next member's `step(0)` — the closed form at epoch 0 where the class has one.
 */
export class SequentialLR implements Scheduler {
  private lastEpoch = 0;

  constructor(
    group: ParamGroup,
    private readonly schedulers: readonly LRScheduler[],
    private readonly milestones: readonly number[],
  ) {
    group.lr = group.initial_lr!;
    for (const scheduler of schedulers) scheduler.lastEpoch -= 1;
    schedulers[0].initialStep();
  }

  advance(): void {
    this.lastEpoch++;
    const index = this.milestones.filter((m) => m <= this.lastEpoch).length; // bisect_right
    const scheduler = this.schedulers[index];
    if (index > 0 && this.milestones[index - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
  }
}

/** ChainedScheduler: every member's `step()`, in order, after each optimizer step. */
export class ChainedScheduler implements Scheduler {
  constructor(private readonly schedulers: readonly LRScheduler[]) {}

  advance(): void {
    for (const scheduler of this.schedulers) scheduler.step();
  }
}
