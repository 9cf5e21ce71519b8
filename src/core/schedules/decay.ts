/**
 * The multiplicative decays of torch.optim.lr_scheduler, each with torch's chainable `get_lr` (what
 * `step()` uses: the new lr from the group's current one) and its closed form (what `step(epoch)`
 * uses). γ is the group's lr, η₀ its initial_lr, e = last_epoch.
 */
import { LRScheduler } from './base.ts';
import type { ParamGroup } from './types.ts';

/** StepLR: γ·gamma every step_size epochs. Closed form η₀·gamma^⌊e/step_size⌋. */
export class StepLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly stepSize: number,
    private readonly gamma: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    return e === 0 || e % this.stepSize !== 0 ? this.group.lr : this.group.lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize);
  }
}

/** MultiStepLR: γ·gamma^k at an epoch listed k times in milestones. */
export class MultiStepLR extends LRScheduler {
  /** torch keeps a Counter: a milestone listed twice decays twice. */
  private readonly counts = new Map<number, number>();
  private readonly sorted: number[];

  constructor(
    group: ParamGroup,
    milestones: readonly number[],
    private readonly gamma: number,
  ) {
    super(group);
    for (const m of milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.sorted = [...milestones].sort((a, b) => a - b);
    this.attach();
  }

  protected override chainedLr(): number {
    const count = this.counts.get(this.lastEpoch);
    return count === undefined ? this.group.lr : this.group.lr * this.gamma ** count;
  }

  protected override closedFormLr(): number {
    // bisect_right: how many milestones are ≤ e.
    const passed = this.sorted.filter((m) => m <= this.lastEpoch).length;
    return this.baseLr * this.gamma ** passed;
  }
}

/** ConstantLR: γ·factor until total_iters, then back up by 1/factor. */
export class ConstantLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly factor: number,
    private readonly totalIters: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    if (e === 0) return this.group.lr * this.factor;
    if (e !== this.totalIters) return this.group.lr;
    return this.group.lr * (1.0 / this.factor);
  }

  protected override closedFormLr(): number {
    const after = this.lastEpoch >= this.totalIters ? 1 : 0;
    return this.baseLr * (this.factor + after * (1 - this.factor));
  }
}

/** LinearLR: the factor goes linearly from start_factor to end_factor over total_iters epochs. */
export class LinearLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly startFactor: number,
    private readonly endFactor: number,
    private readonly totalIters: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    const { startFactor: start, endFactor: end, totalIters: total } = this;
    if (e === 0) return this.group.lr * start;
    if (e > total) return this.group.lr;
    return this.group.lr * (1 + (end - start) / (total * start + (e - 1) * (end - start)));
  }

  protected override closedFormLr(): number {
    const { startFactor: start, endFactor: end, totalIters: total } = this;
    return this.baseLr * (start + ((end - start) * Math.min(total, this.lastEpoch)) / total);
  }
}

/** ExponentialLR: γ·gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly gamma: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    return this.lastEpoch === 0 ? this.group.lr : this.group.lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.gamma ** this.lastEpoch;
  }
}

/** PolynomialLR: η₀·(1 − e/total_iters)^power, reached by ratios of consecutive factors. */
export class PolynomialLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly totalIters: number,
    private readonly power: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    const total = this.totalIters;
    if (e === 0 || e > total) return this.group.lr;
    const decay = ((1.0 - e / total) / (1.0 - (e - 1) / total)) ** this.power;
    return this.group.lr * decay;
  }

  protected override closedFormLr(): number {
    const total = this.totalIters;
    return this.baseLr * (1.0 - Math.min(total, this.lastEpoch) / total) ** this.power;
  }
}
