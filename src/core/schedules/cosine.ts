/**
 * Cosine annealing, as torch.optim.lr_scheduler computes it: η_min + (η₀ − η_min)·(1 + cos(π·T_cur/T))/2,
 * reached step by step through torch's recursive form (so rounding follows torch's, not the formula's).
 */
import { LRScheduler } from './base.ts';
import type { ParamGroup } from './types.ts';

/** CosineAnnealingLR: half a cosine from η₀ down to eta_min over T_max epochs, then back up. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(
    group: ParamGroup,
    private readonly tMax: number,
    private readonly etaMin: number,
  ) {
    super(group);
    this.attach();
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    const { tMax, etaMin, baseLr } = this;
    const lr = this.group.lr;
    if (e === 0) return lr;
    if (this.stepCount === 1 && e > 0) return this.closedFormLr();
    // (e − 1 − T_max) % (2·T_max) == 0 in Python; JavaScript's % differs only in sign, not in 0.
    if ((e - 1 - tMax) % (2 * tMax) === 0) {
      return lr + ((baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
    }
    return (
      ((1 + Math.cos((Math.PI * e) / tMax)) / (1 + Math.cos((Math.PI * (e - 1)) / tMax))) *
        (lr - etaMin) +
      etaMin
    );
  }

  protected override closedFormLr(): number {
    const { tMax, etaMin, baseLr } = this;
    return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / tMax))) / 2;
  }
}

/**
 * CosineAnnealingWarmRestarts (SGDR): the cosine restarts every T_i epochs, T_0 first, each period
 * T_mult times the last. Not chainable: lr comes from η₀ and T_cur every step.
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  private tI: number;
  private tCur = -1;

  constructor(
    group: ParamGroup,
    private readonly t0: number,
    private readonly tMult: number,
    private readonly etaMin: number,
  ) {
    super(group);
    this.tI = t0;
    this.attach();
  }

  /** torch's own `step(epoch=None)`; only whole epochs are needed here. */
  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur - this.tI;
        this.tI = this.tI * this.tMult;
      }
    } else if (epoch >= this.t0) {
      if (this.tMult === 1) {
        this.tCur = epoch % this.t0;
      } else {
        const n = Math.trunc(
          Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult),
        );
        this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
        this.tI = this.t0 * this.tMult ** n;
      }
    } else {
      this.tI = this.t0;
      this.tCur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
    this.group.lr = this.chainedLr();
  }

  protected override chainedLr(): number {
    const { etaMin, baseLr } = this;
    return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2;
  }
}
