/**
 * The cyclic schedules of torch.optim.lr_scheduler. Both also cycle momentum (β₁ for Adam-like
 * optimizers, OneCycleLR only) inversely to lr, unless `cycle_momentum` is false. Neither is
 * chainable: lr comes from the cycle position every step.
 */
import { LRScheduler } from './base.ts';
import type { ParamGroup } from './types.ts';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicOptions {
  baseLr: number;
  maxLr: number;
  stepSizeUp: number;
  /** null: the same as step_size_up. */
  stepSizeDown: number | null;
  mode: CyclicMode;
  gamma: number;
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
}

/**
 * CyclicLR: lr runs up from base_lr to max_lr in step_size_up steps and back in step_size_down;
 * triangular2 halves the height every cycle, exp_range scales it by gamma^step.
 */
export class CyclicLR extends LRScheduler {
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly baseMomentum: number;

  constructor(
    group: ParamGroup,
    private readonly options: CyclicOptions,
  ) {
    super(group);
    const { baseLr, stepSizeUp, stepSizeDown, cycleMomentum } = options;
    group.lr = baseLr;
    this.totalSize = stepSizeUp + (stepSizeDown ?? stepSizeUp);
    this.stepRatio = stepSizeUp / this.totalSize;
    if (cycleMomentum) group.momentum = options.baseMomentum;
    this.baseMomentum = options.baseMomentum;
    this.attach();
    // torch sets base_lrs after the initial step, which used initial_lr (the same unless another
    // scheduler set it first).
    this.baseLr = baseLr;
  }

  private scale(cycle: number): number {
    const { mode, gamma } = this.options;
    if (mode === 'triangular') return 1;
    if (mode === 'triangular2') return 1 / 2 ** (cycle - 1);
    return gamma ** this.lastEpoch; // exp_range scales by iterations, not cycles
  }

  protected override chainedLr(): number {
    const e = this.lastEpoch;
    const cycle = Math.floor(1 + e / this.totalSize);
    const x = 1 + e / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scale(cycle);
    const { maxLr, maxMomentum, cycleMomentum } = this.options;
    const lr = this.baseLr + (maxLr - this.baseLr) * scaleFactor * scale;
    if (cycleMomentum) {
      this.group.momentum = maxMomentum - (maxMomentum - this.baseMomentum) * scaleFactor * scale;
    }
    return lr;
  }
}

export interface OneCycleOptions {
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
}

type GroupKey = 'initial_lr' | 'max_lr' | 'min_lr' | 'max_momentum' | 'base_momentum';

interface Phase {
  endStep: number;
  startLr: GroupKey;
  endLr: GroupKey;
  startMomentum: GroupKey;
  endMomentum: GroupKey;
}

/** OneCycleLR's phases, as torch lays them out (end steps are floats: pct_start·total − 1, …). */
export function oneCyclePhases(options: OneCycleOptions): Phase[] {
  const { pctStart, totalSteps } = options;
  const warmUp: Phase = {
    endStep: pctStart * totalSteps - 1,
    startLr: 'initial_lr',
    endLr: 'max_lr',
    startMomentum: 'max_momentum',
    endMomentum: 'base_momentum',
  };
  if (!options.threePhase) {
    return [
      warmUp,
      {
        endStep: totalSteps - 1,
        startLr: 'max_lr',
        endLr: 'min_lr',
        startMomentum: 'base_momentum',
        endMomentum: 'max_momentum',
      },
    ];
  }
  return [
    warmUp,
    {
      endStep: 2 * pctStart * totalSteps - 2,
      startLr: 'max_lr',
      endLr: 'initial_lr',
      startMomentum: 'base_momentum',
      endMomentum: 'max_momentum',
    },
    {
      endStep: totalSteps - 1,
      startLr: 'initial_lr',
      endLr: 'min_lr',
      startMomentum: 'max_momentum',
      endMomentum: 'max_momentum',
    },
  ];
}

/** Which phase step `s` falls in and where its span starts (torch's loop in get_lr). */
export function oneCyclePhaseAt(
  phases: readonly Phase[],
  s: number,
): { phase: Phase; start: number } {
  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    if (s <= phases[i].endStep || i === phases.length - 1) return { phase: phases[i], start };
    start = phases[i].endStep;
  }
  throw new Error('no phases');
}

/**
 * The first step in 0 … total_steps that falls in a phase whose start equals its end, where torch
 * divides by zero; null when there is none. A step s lands in phase i when it is past every earlier
 * phase's end and, unless i is the last, not past phase i's own.
 */
export function zeroLengthPhaseStep(options: OneCycleOptions): number | null {
  const phases = oneCyclePhases(options);
  let passed = -Infinity; // the largest end of the phases before i
  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    const last = i === phases.length - 1;
    const first = Math.max(0, Math.floor(passed) + 1);
    const final = last
      ? options.totalSteps
      : Math.min(options.totalSteps, Math.floor(phases[i].endStep));
    if (phases[i].endStep === start && first <= final) return first;
    passed = Math.max(passed, phases[i].endStep);
    start = phases[i].endStep;
  }
  return null;
}

/** What torch raises when a schedule is stepped past its end (OneCycleLR past total_steps). */
export class ScheduleEnded extends Error {}

/**
 * OneCycleLR: lr warms up from max_lr/div_factor to max_lr over pct_start of total_steps, then
 * anneals to initial_lr/final_div_factor (three_phase: back to the start, then down). Stepped past
 * total_steps it throws ScheduleEnded with torch's message, as torch raises ValueError.
 */
export class OneCycleLR extends LRScheduler {
  private readonly phases: Phase[];
  private readonly useBeta1: boolean;

  constructor(
    group: ParamGroup,
    private readonly options: OneCycleOptions,
  ) {
    super(group);
    this.phases = oneCyclePhases(options);
    group.initial_lr = options.maxLr / options.divFactor;
    group.max_lr = options.maxLr;
    group.min_lr = group.initial_lr / options.finalDivFactor;
    this.useBeta1 = group.betas !== undefined;
    if (options.cycleMomentum) {
      this.setMomentum(options.maxMomentum);
      group.max_momentum = options.maxMomentum;
      group.base_momentum = options.baseMomentum;
    }
    this.attach();
  }

  private setMomentum(value: number): void {
    if (this.useBeta1) this.group.betas = [value, this.group.betas![1]];
    else this.group.momentum = value;
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.options.annealStrategy === 'linear') return (end - start) * pct + start;
    const cosOut = Math.cos(Math.PI * pct) + 1;
    return end + ((start - end) / 2.0) * cosOut;
  }

  protected override chainedLr(): number {
    const s = this.lastEpoch;
    const total = this.options.totalSteps;
    if (s > total) {
      throw new ScheduleEnded(
        `Tried to step ${s + 1} times. The specified number of total steps is ${total}`,
      );
    }
    const { phase, start } = oneCyclePhaseAt(this.phases, s);
    const group = this.group as Required<ParamGroup>;
    const pct = (s - start) / (phase.endStep - start);
    const lr = this.anneal(group[phase.startLr], group[phase.endLr], pct);
    if (this.options.cycleMomentum) {
      this.setMomentum(this.anneal(group[phase.startMomentum], group[phase.endMomentum], pct));
    }
    return lr;
  }
}
