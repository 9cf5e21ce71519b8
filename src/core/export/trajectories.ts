/**
 * The runs' recorded paths as data: CSV (one row per step, run and particle) and JSON (one object
 * per particle, shaped like the trajectory CLI's output plus the gradient). Positions and losses are
 * the recorded numbers; the gradient vector is evaluated exactly at each recorded point (the run
 * keeps only its norm). A particle's rows stop before the step at which it diverged, as the CLI's do.
 */
import type { Run } from '../sim/run.ts';
import type { Scene, SceneRun } from '../scene/scene.ts';
import type { SurfaceFunctions } from '../surfaces/types.ts';

/** Rows beyond this make files too big to open comfortably (≈ 30 MB of CSV). */
export const MAX_EXPORT_ROWS = 250_000;

export const CSV_COLUMNS = [
  'step',
  'run',
  'particle',
  'x',
  'y',
  'loss',
  'grad_x',
  'grad_y',
  'grad_norm',
] as const;

export interface TrajectoryExportInput {
  scene: Scene;
  surface: { name: string; formula: string; functions: SurfaceFunctions };
  /** The simulation's runs, in the scene's order. */
  runs: readonly Run[];
  /** The last step to include (the step on screen). */
  lastStep: number;
}

export interface ParticlePath {
  start: [number, number];
  /** The step at which it diverged, or null. */
  diverged_at: number | null;
  trajectory: [number, number][];
  loss: number[];
  grad: [number, number][];
}

/** What the JSON export holds; `format` and `version` let readers check what they got. */
export interface TrajectoryJson {
  format: 'descent-lab-trajectories';
  version: 1;
  surface: { name: string; formula: string };
  scene: Scene;
  last_step: number;
  runs: {
    id: string;
    label: string;
    optimizer: string;
    params: SceneRun['params'];
    particles: ParticlePath[];
  }[];
}

/** Steps of particle `p` that are exported: up to lastStep, and before it diverged. */
function stepsOf(run: Run, p: number, lastStep: number): number {
  const last = Math.min(lastStep, run.steps);
  const diverged = run.divergedAt[p];
  return diverged >= 0 ? Math.min(last + 1, diverged) : last + 1;
}

export function exportRowCount({ runs, lastStep }: TrajectoryExportInput): number {
  let rows = 0;
  for (const run of runs) for (let p = 0; p < run.particles; p++) rows += stepsOf(run, p, lastStep);
  return rows;
}

/** Why the export cannot be made, or null. */
export function exportTooBig(input: TrajectoryExportInput): string | null {
  const rows = exportRowCount(input);
  if (rows <= MAX_EXPORT_ROWS) return null;
  return `${rows.toLocaleString('en')} rows is more than the ${MAX_EXPORT_ROWS.toLocaleString('en')} an export may hold: use fewer particles or steps.`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV, rows by step, then run (its label), then particle. */
export function trajectoriesToCsv(input: TrajectoryExportInput): string {
  const { scene, surface, runs, lastStep } = input;
  const gradient = new Float64Array(2);
  const labels = scene.runs.map((run) => csvField(run.label));
  const counts = runs.map((run) =>
    Array.from({ length: run.particles }, (_, p) => stepsOf(run, p, lastStep)),
  );
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (let k = 0; k <= lastStep; k++) {
    runs.forEach((run, r) => {
      for (let p = 0; p < run.particles; p++) {
        if (k >= counts[r][p]) continue;
        const x = run.positions.get(k, 2 * p);
        const y = run.positions.get(k, 2 * p + 1);
        surface.functions.valueAndGradient(x, y, gradient, 0);
        lines.push(
          `${k},${labels[r]},${p},${x},${y},${run.losses.get(k, p)},${gradient[0]},${gradient[1]},${run.gradNorms.get(k, p)}`,
        );
      }
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function trajectoriesToJson(input: TrajectoryExportInput): TrajectoryJson {
  const { scene, surface, runs, lastStep } = input;
  return {
    format: 'descent-lab-trajectories',
    version: 1,
    surface: { name: surface.name, formula: surface.formula },
    scene,
    last_step: lastStep,
    runs: runs.map((run, r) => ({
      id: scene.runs[r].id,
      label: scene.runs[r].label,
      optimizer: scene.runs[r].optimizer,
      params: scene.runs[r].params,
      particles: Array.from({ length: run.particles }, (_, p) => {
        const path: ParticlePath = {
          start: [run.positions.get(0, 2 * p), run.positions.get(0, 2 * p + 1)],
          // Only what the exported steps show: a divergence computed beyond them is not reported.
          diverged_at:
            run.divergedAt[p] >= 0 && run.divergedAt[p] <= lastStep ? run.divergedAt[p] : null,
          trajectory: [],
          loss: [],
          grad: [],
        };
        const steps = stepsOf(run, p, lastStep);
        for (let k = 0; k < steps; k++) {
          const x = run.positions.get(k, 2 * p);
          const y = run.positions.get(k, 2 * p + 1);
          const g = new Float64Array(2);
          surface.functions.valueAndGradient(x, y, g, 0);
          path.trajectory.push([x, y]);
          path.loss.push(run.losses.get(k, p));
          path.grad.push([g[0], g[1]]);
        }
        return path;
      }),
    })),
  };
}
