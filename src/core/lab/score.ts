/**
 * A lab experiment's scores: the quartiles, diverged and success shares of each swept cell, the best
 * cell per optimizer, and the leaderboard of those cells raced against the target loss.
 */
import type { ParamValue } from '../optimizers/types.ts';
import { median, quantile } from '../stats.ts';
import type { BasinResult } from './basins.ts';
import type { JoinedResult } from './run.ts';

export interface SweepCell {
  /** Index into the result's optimizers. */
  optimizer: number;
  lr: number;
  /** The second axis's value (heatmap), or null. */
  axisValue: number | null;
  /** Quartiles of the final loss over the starts; diverged starts count as +∞. */
  q1: number;
  median: number;
  q3: number;
  /** Shares of the starts (0–1). */
  diverged: number;
  success: number;
}

export interface LeaderboardRow {
  optimizer: number;
  lr: number;
  axisValue: number | null;
  success: number;
  /** Median over the successful starts of the first step from which the loss stays in tolerance. */
  medianStepsToTarget: number;
  medianFinalLoss: number;
  diverged: number;
}

export interface SweepOptimizer {
  preset: string;
  label: string;
  optimizer: string;
  /** The full hyperparameters the sweep varied the lr (and axis) of. */
  params: Record<string, ParamValue>;
  steps: number;
  cost: number;
  /** Heatmap: the hyperparameter on the second axis, or null when it has none. */
  axis: 'momentum' | 'beta1' | null;
}

export interface SweepResult {
  kind: 'sweep' | 'heatmap';
  optimizers: SweepOptimizer[];
  lrs: number[];
  /** Heatmap: the second axis's values; [] for a sweep. */
  axisValues: number[];
  cells: SweepCell[];
  /** The loss success is measured against; NaN when no run produced a finite loss. */
  best: number;
  /** True: the surface's known global minimum; false: the lowest final loss any run reached. */
  bestKnown: boolean;
  leaderboard: LeaderboardRow[];
  starts: number;
}

export type LabResult = SweepResult | BasinResult;

function successShare(outcome: JoinedResult, threshold: number): number {
  let count = 0;
  for (let p = 0; p < outcome.finalLoss.length; p++)
    if (outcome.divergedAt[p] < 0 && outcome.finalLoss[p] <= threshold) count++;
  return outcome.finalLoss.length > 0 ? count / outcome.finalLoss.length : 0;
}

function sortedLosses(outcome: JoinedResult): Float64Array {
  const losses = Float64Array.from(outcome.finalLoss, (loss, p) =>
    outcome.divergedAt[p] >= 0 ? Infinity : loss,
  );
  return losses.sort();
}

function divergedShare(outcome: JoinedResult): number {
  let count = 0;
  for (const step of outcome.divergedAt) if (step >= 0) count++;
  return outcome.divergedAt.length > 0 ? count / outcome.divergedAt.length : 0;
}

/**
 * Is cell a better than cell b for the leaderboard's choice? (stated in the UI beside the table)
 * An lr where over half the starts diverge has no median loss to report, so it is never the best
 * while some lr keeps at least half of them finite; among those that all do, the fewest diverged.
 */
function betterCell(a: SweepCell, b: SweepCell): boolean {
  const aFinite = a.median < Infinity;
  if (aFinite !== b.median < Infinity) return aFinite;
  if (a.success !== b.success) return a.success > b.success;
  if (a.median !== b.median) return a.median < b.median;
  return a.diverged < b.diverged;
}

/** Ascending, with NaN (no value) last. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The loss success is measured against: the surface's known global minimum, or else the lowest
 * final loss any start reached without diverging (NaN when none did).
 */
export function targetLoss(known: number | null, outcomes: readonly JoinedResult[]): number {
  if (known !== null) return known;
  let best = Infinity;
  for (const outcome of outcomes)
    outcome.finalLoss.forEach((loss, p) => {
      if (outcome.divergedAt[p] < 0 && loss < best) best = loss;
    });
  return best === Infinity ? NaN : best;
}

/** One cell per job: quartiles of the final loss, diverged and success shares. */
export function scoreCells(
  jobs: readonly { optimizer: number; lr: number; axisValue: number | null }[],
  outcomes: readonly JoinedResult[],
  threshold: number,
): SweepCell[] {
  return jobs.map((job, i) => {
    const losses = sortedLosses(outcomes[i]);
    return {
      optimizer: job.optimizer,
      lr: job.lr,
      axisValue: job.axisValue,
      q1: quantile(losses, 0.25),
      median: quantile(losses, 0.5),
      q3: quantile(losses, 0.75),
      diverged: divergedShare(outcomes[i]),
      success: Number.isNaN(threshold) ? 0 : successShare(outcomes[i], threshold),
    };
  });
}

/** Optimizer index → index of its best cell (see betterCell). */
export function bestCellPerOptimizer(cells: readonly SweepCell[]): Map<number, number> {
  const best = new Map<number, number>();
  cells.forEach((cell, i) => {
    const current = best.get(cell.optimizer);
    if (current === undefined || betterCell(cell, cells[current])) best.set(cell.optimizer, i);
  });
  return best;
}

/** A best cell's row, timed by its race against the target. */
export function leaderboardRow(cell: SweepCell, raced: JoinedResult): LeaderboardRow {
  const arrivals = Float64Array.from(raced.stepsToTarget).filter((step) => step >= 0);
  return {
    optimizer: cell.optimizer,
    lr: cell.lr,
    axisValue: cell.axisValue,
    success: cell.success,
    medianStepsToTarget: arrivals.length > 0 ? median(arrivals) : NaN,
    medianFinalLoss: cell.median,
    diverged: cell.diverged,
  };
}

/**
 * Most successful first, then fastest to the target in the budget's unit (steps, or gradient
 * evaluations: `costPerStep`), then lowest median final loss.
 */
export function rankLeaderboard(
  rows: LeaderboardRow[],
  costPerStep: (row: LeaderboardRow) => number,
): LeaderboardRow[] {
  const time = (row: LeaderboardRow) => row.medianStepsToTarget * costPerStep(row);
  return rows.sort(
    (a, b) =>
      b.success - a.success ||
      compareNumbers(time(a), time(b)) ||
      compareNumbers(a.medianFinalLoss, b.medianFinalLoss),
  );
}
