/**
 * Lab results as CSV: one row per swept point (or per basin and optimizer), with every rule the
 * numbers depend on repeated in columns, so a row read on its own still says what it means.
 */
import type { BasinResult } from './basins.ts';
import type { LabResult, SweepResult } from './score.ts';
import type { LabSpec } from './spec.ts';

/** Shortest round-trip numbers; ∞ as `inf` (what pandas and R read), no value as empty. */
function csvNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** RFC 4180: quote fields holding a comma, a quote or a line break; double inner quotes. */
function csvField(value: string | number | null): string {
  if (typeof value === 'number' || value === null) return csvNumber(value);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLines(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function sweepCsv(result: SweepResult, spec: LabSpec): string {
  const header = [
    'optimizer',
    'preset',
    'lr',
    'axis',
    'axis_value',
    'median_final_loss',
    'q1_final_loss',
    'q3_final_loss',
    'diverged_share',
    'success_share',
    'starts',
    'steps',
    'gradient_evaluations',
    'best_loss',
    'tolerance',
  ];
  const rows = result.cells.map((cell) => {
    const optimizer = result.optimizers[cell.optimizer];
    return [
      optimizer.label,
      optimizer.preset,
      cell.lr,
      optimizer.axis ?? '',
      cell.axisValue,
      cell.median,
      cell.q1,
      cell.q3,
      cell.diverged,
      cell.success,
      result.starts,
      optimizer.steps,
      optimizer.steps * optimizer.cost,
      result.best,
      spec.tol,
    ];
  });
  return csvLines(header, rows);
}

function basinsCsv(result: BasinResult): string {
  const header = [
    'optimizer',
    'preset',
    'lr',
    'steps',
    'basin',
    'kind',
    'x',
    'y',
    'value',
    'starts',
    'share',
  ];
  const total = result.side * result.side;
  const rows = result.maps.flatMap((map) =>
    result.categories.map((category, i) => [
      map.label,
      map.preset,
      map.lr,
      map.steps,
      category.label,
      category.kind,
      category.point?.[0] ?? null,
      category.point?.[1] ?? null,
      category.value,
      map.counts[i],
      map.counts[i] / total,
    ]),
  );
  return csvLines(header, rows);
}

export function labCsv(result: LabResult, spec: LabSpec): string {
  return result.kind === 'basins' ? basinsCsv(result) : sweepCsv(result, spec);
}
