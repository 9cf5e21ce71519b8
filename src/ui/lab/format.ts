import type { SweepResult } from '../../core/lab/score.ts';
import { formatNumber } from '../format.ts';

/** Gaps below this are drawn at the floor of a log axis: the run is as good as at the minimum. */
export const GAP_FLOOR = 1e-12;

/** How far a final loss is above the reference, for log axes (≥ GAP_FLOOR, +∞ for diverged). */
export function lossGap(loss: number, best: number): number {
  if (loss === Infinity) return Infinity;
  const gap = Number.isNaN(best) ? loss : loss - best;
  return Math.max(GAP_FLOOR, gap);
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "momentum" / "β₁" for a swept second axis. */
export function axisName(axis: 'momentum' | 'beta1' | null): string {
  return axis === 'beta1' ? 'β₁' : (axis ?? '');
}

/** What a person reads for a final-loss statistic. */
export function showLoss(loss: number): string {
  return loss === Infinity ? 'diverged' : formatNumber(loss);
}

/** One line on a swept point, for its accessible name and its tooltip. */
export function describeCell(result: SweepResult, index: number): string {
  const cell = result.cells[index];
  const optimizer = result.optimizers[cell.optimizer];
  const axis =
    cell.axisValue === null ? '' : `, ${axisName(optimizer.axis)} ${formatNumber(cell.axisValue)}`;
  return (
    `${optimizer.label}, lr ${formatNumber(cell.lr)}${axis}: median final loss ${showLoss(cell.median)}` +
    ` (quartiles ${showLoss(cell.q1)} to ${showLoss(cell.q3)}), ${percent(cell.diverged)} diverged,` +
    ` ${percent(cell.success)} reached the tolerance`
  );
}

/** Big counts as people say them: 7.8 M, 250 k. */
export function formatCount(value: number): string {
  if (value >= 1e9) return `${formatNumber(value / 1e9)} G`;
  if (value >= 1e6) return `${formatNumber(value / 1e6)} M`;
  if (value >= 1e4) return `${formatNumber(value / 1e3)} k`;
  return formatNumber(value);
}
