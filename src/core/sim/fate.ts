/**
 * What became of a particle that went wrong, in the words the card, the plot and the race summary
 * share. torch's honesty: a particle is "diverged" only once its position, loss or gradient is not
 * finite; one whose loss grows without bound but stays finite (Adam at lr 1000 on Beale reaches
 * 1e176) is "exploding", and one that is simply off the picture "left the view".
 */
import type { Extent } from '../geometry.ts';

/** A loss this many times its start (and at least this large) is exploding, not just climbing. */
export const EXPLODING_GROWTH = 1e6;

/** What fate reads of a run: a subset of `Run`, so tests can pass plain data. */
export interface FateRun {
  readonly particles: number;
  readonly steps: number;
  readonly positions: { get(step: number, column: number): number };
  readonly losses: { get(step: number, particle: number): number };
  readonly divergedAt: ArrayLike<number>;
}

/**
 * How many times its start loss the loss at `step` is, when that makes it exploding; null otherwise.
 * Starts with losses below 1 count from 1, so a particle near a minimum of 0 that wobbles to 1e-9
 * is not called exploding.
 */
export function explosion(
  run: Pick<FateRun, 'losses'>,
  particle: number,
  step: number,
): number | null {
  const start = run.losses.get(0, particle);
  const now = run.losses.get(step, particle);
  const floor = Math.max(Math.abs(start), 1);
  if (!(now >= EXPLODING_GROWTH * floor)) return null;
  return start > 0 ? now / start : now;
}

/** "1e170×": growth as a power of ten, the only precision that means anything there. */
export function formatGrowth(growth: number): string {
  return `1e${Math.floor(Math.log10(growth))}×`;
}

function outside(run: FateRun, step: number, particle: number, view: Extent): boolean {
  const x = run.positions.get(step, 2 * particle);
  const y = run.positions.get(step, 2 * particle + 1);
  return !(x >= view.xMin && x <= view.xMax && y >= view.yMin && y <= view.yMax);
}

interface Exits {
  view: Extent;
  /** Steps scanned so far. */
  scanned: number;
  /** Per particle: the step since which it has been outside the view at `scanned`, or −1. */
  since: Int32Array;
}

/**
 * Per particle, the step since which it has been outside a view ("left the view at step 12"),
 * tracked forward as steps are shown: each frame scans only the new steps. A scrub backward or a
 * new view starts over.
 */
export class ViewExits {
  private readonly byRun = new WeakMap<FateRun, Exits>();

  /** The step each particle left `view` at, as of `step` (−1: inside). Do not keep the array. */
  since(run: FateRun, view: Extent, step: number): Int32Array {
    const last = Math.max(0, Math.min(step, run.steps));
    let exits = this.byRun.get(run);
    if (!exits || !sameExtent(exits.view, view) || exits.scanned > last) {
      exits = { view, scanned: -1, since: new Int32Array(run.particles).fill(-1) };
      this.byRun.set(run, exits);
    }
    for (let k = exits.scanned + 1; k <= last; k++) {
      for (let p = 0; p < run.particles; p++) {
        if (!outside(run, k, p, view)) exits.since[p] = -1;
        else if (exits.since[p] < 0) exits.since[p] = k;
      }
    }
    exits.scanned = last;
    return exits.since;
  }
}

function sameExtent(a: Extent, b: Extent): boolean {
  return a.xMin === b.xMin && a.xMax === b.xMax && a.yMin === b.yMin && a.yMax === b.yMax;
}

/** One particle's trouble at a step, most serious first; null when it is fine and in view. */
export type Fate =
  | { kind: 'diverged'; at: number }
  | { kind: 'exploding'; growth: number; leftAt: number }
  | { kind: 'left'; at: number };

export function fateOf(run: FateRun, particle: number, step: number, leftAt: number): Fate | null {
  const k = Math.max(0, Math.min(step, run.steps));
  const diverged = run.divergedAt[particle];
  if (diverged >= 0 && diverged <= k) return { kind: 'diverged', at: diverged };
  const growth = explosion(run, particle, k);
  if (growth !== null) return { kind: 'exploding', growth, leftAt };
  return leftAt >= 0 ? { kind: 'left', at: leftAt } : null;
}

/** "diverged at step 3", "left the view at step 12 · loss grew 1e170× — exploding". */
export function describeFate(fate: Fate): string {
  switch (fate.kind) {
    case 'diverged':
      return `diverged at step ${fate.at}`;
    case 'left':
      return `left the view at step ${fate.at}`;
    case 'exploding': {
      const grew = `loss grew ${formatGrowth(fate.growth)} — exploding`;
      return fate.leftAt >= 0 ? `left the view at step ${fate.leftAt} · ${grew}` : grew;
    }
  }
}
