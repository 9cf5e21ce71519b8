/**
 * One unit of lab work: one optimizer configuration from a block of start points, as plain data a
 * Worker can receive. Its result depends on nothing but the chunk itself, so the same chunk gives
 * the same numbers whichever worker (or how many workers) ran it.
 */
import type { Extent } from '../geometry.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { ParamValue } from '../optimizers/types.ts';
import { resolveSurface } from '../scene/resolve.ts';
import type { SurfaceRef } from '../scene/scene.ts';
import { Run } from '../sim/run.ts';

export interface LabChunk {
  /** Position in the experiment's chunk list; results are merged by it, never by arrival order. */
  index: number;
  surface: SurfaceRef;
  /** Optimizer class name and full hyperparameters. */
  optimizer: string;
  params: Record<string, ParamValue>;
  /** x0, y0, x1, y1, … */
  starts: Float64Array;
  steps: number;
  noise: { sigma: number; seed: number };
  /** A particle that leaves this box has diverged (escaping to infinity takes a while in floats). */
  escape: Extent;
  /** Loss at or below which a particle counts as arrived (for steps-to-target); null: not needed. */
  target: number | null;
  /**
   * For optimizers whose steps cost a varying number of evaluations (L-BFGS) under a budget of
   * gradient evaluations: each particle is summarised at its last step within this many, and its
   * steps to target are counted in evaluations. Null: every particle at `steps`, in steps.
   */
  evaluationBudget: number | null;
}

export interface ChunkResult {
  index: number;
  /** Per particle, at the last step (the last finite point for diverged ones). */
  finalLoss: Float64Array;
  finalX: Float64Array;
  finalY: Float64Array;
  finalGradNorm: Float64Array;
  /** Step of divergence (non-finite value or escape), or −1. */
  divergedAt: Int32Array;
  /** First step from which the loss stays ≤ target up to the end, or −1 (never, or no target). */
  stepsToTarget: Int32Array;
}

/** A box this many view sizes beyond the view on every side: leaving it means diverging. */
export const ESCAPE_VIEWS = 100;

export function escapeExtent(view: Extent): Extent {
  const w = (view.xMax - view.xMin) * ESCAPE_VIEWS;
  const h = (view.yMax - view.yMin) * ESCAPE_VIEWS;
  return { xMin: view.xMin - w, xMax: view.xMax + w, yMin: view.yMin - h, yMax: view.yMax + h };
}

/**
 * Runs a chunk with the core's `Run` (all its particles at once) and summarises each particle. A
 * typed surface needs `prepareSurface(chunk.surface)` first, a DistributedSGD chunk its
 * `partsToRun` (core/data/sampledGradients.ts).
 */
export function runChunk(chunk: LabChunk): ChunkResult {
  const optimizer = findOptimizer(chunk.optimizer);
  if (!optimizer) throw new Error(`unknown optimizer ${chunk.optimizer}`);
  const resolved = resolveParams(optimizer, chunk.params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  const resolution = resolveSurface(chunk.surface);
  if (!resolution.ok) throw new Error(resolution.error);
  const run = new Run({
    surface: resolution.surface.functions,
    optimizer,
    params: resolved.params,
    starts: chunk.starts,
    noise: chunk.noise,
  });
  run.advanceTo(chunk.steps);

  const n = run.particles;
  const { xMin, xMax, yMin, yMax } = chunk.escape;
  const result: ChunkResult = {
    index: chunk.index,
    finalLoss: new Float64Array(n),
    finalX: new Float64Array(n),
    finalY: new Float64Array(n),
    finalGradNorm: new Float64Array(n),
    divergedAt: new Int32Array(n),
    stepsToTarget: new Int32Array(n).fill(-1),
  };
  const budget = chunk.evaluationBudget;
  for (let p = 0; p < n; p++) {
    // The particle's last step within the budget of evaluations, if there is one.
    let last = run.steps;
    if (budget !== null) while (last > 0 && run.evaluationsAt(last, p) > budget) last--;
    let diverged = run.divergedAt[p] <= last ? run.divergedAt[p] : -1;
    const end = diverged >= 0 ? diverged : last;
    for (let k = 0; k <= end; k++) {
      const x = run.positions.get(k, 2 * p);
      const y = run.positions.get(k, 2 * p + 1);
      if (x < xMin || x > xMax || y < yMin || y > yMax) {
        diverged = k;
        break;
      }
    }
    result.divergedAt[p] = diverged;
    result.finalLoss[p] = run.losses.get(last, p);
    result.finalX[p] = run.positions.get(last, 2 * p);
    result.finalY[p] = run.positions.get(last, 2 * p + 1);
    result.finalGradNorm[p] = run.gradNorms.get(last, p);
    if (diverged >= 0 || chunk.target === null) continue;
    let k = last;
    while (k >= 0 && run.losses.get(k, p) <= chunk.target) k--;
    if (k < last) result.stepsToTarget[p] = budget === null ? k + 1 : run.evaluationsAt(k + 1, p);
  }
  return result;
}

/** The buffers of a result, to transfer rather than copy between threads. */
export function resultTransferables(result: ChunkResult): ArrayBuffer[] {
  return [
    result.finalLoss,
    result.finalX,
    result.finalY,
    result.finalGradNorm,
    result.divergedAt,
    result.stepsToTarget,
  ].map((array) => array.buffer as ArrayBuffer);
}
