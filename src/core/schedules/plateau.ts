import type { ParamGroup, Scheduler } from './types.ts';

export interface PlateauOptions {
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  minLr: number;
  eps: number;
}

/**
 * torch.optim.lr_scheduler.ReduceLROnPlateau, fed the loss of each step (the loss at the point the
 * step started from, as `sched.step(loss)` after `opt.step(closure)` gets it). After more than
 * `patience` steps without an improvement beyond `threshold`, lr ← max(lr·factor, min_lr) — unless
 * that changes lr by eps or less, which torch ignores — then `cooldown` steps of rest.
 */
export class ReduceLROnPlateau implements Scheduler {
  private best: number;
  private badEpochs = 0;
  private cooldownCounter = 0;

  constructor(
    private readonly group: ParamGroup,
    private readonly options: PlateauOptions,
  ) {
    this.best = options.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(a: number): boolean {
    const { mode, threshold, thresholdMode } = this.options;
    const best = this.best;
    if (mode === 'min' && thresholdMode === 'rel') return a < best * (1 - threshold);
    if (mode === 'min') return a < best - threshold;
    if (thresholdMode === 'rel') return a > best * (threshold + 1);
    return a > best + threshold;
  }

  advance(loss: number): void {
    if (this.isBetter(loss)) {
      this.best = loss;
      this.badEpochs = 0;
    } else {
      this.badEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.badEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.badEpochs > this.options.patience) {
      const { factor, minLr, eps } = this.options;
      const old = this.group.lr;
      const scaled = old * factor;
      const next = minLr > scaled ? minLr : scaled; // Python's max(scaled, min_lr)
      if (old - next > eps) this.group.lr = next;
      this.cooldownCounter = this.options.cooldown;
      this.badEpochs = 0;
    }
  }
}
