/**
 * A lab experiment from start to finish: cut it into chunks, hand them to an executor (a pool of
 * Workers, or the current thread), merge the results by chunk index. The chunks are fixed by the
 * experiment alone, so the merged numbers are the same whatever ran them and in whatever order.
 *
 * Sweeps run in two phases: phase 1 sweeps the learning rates (and the second axis); phase 2 re-runs
 * each optimizer at its best point, now knowing the target loss, to time when each start arrives.
 */
import { partsToRun } from '../data/sampledGradients.ts';
import type { Extent } from '../geometry.ts';
import { loadMissing } from '../onDemand.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findPreset, resolvePreset } from '../optimizers/presets.ts';
import type { OptimizerDefinition, ParamValue } from '../optimizers/types.ts';
import { hashString } from '../random.ts';
import { prepareSurface, resolveSurface } from '../scene/resolve.ts';
import { resolveStarts, type Scene, type SurfaceRef } from '../scene/scene.ts';
import type { KnownMinimum } from '../surfaces/types.ts';
import { classifyBasins, type BasinResult } from './basins.ts';
import { escapeExtent, runChunk, type ChunkResult, type LabChunk } from './chunk.ts';
import {
  axisGrid,
  gradientCost,
  lrGrid,
  secondAxis,
  stepsFor,
  withAxis,
  type LabSpec,
} from './spec.ts';
import { median, quantile } from '../stats.ts';

/** Everything an experiment's numbers depend on. */
export interface LabExperiment {
  surface: SurfaceRef;
  view: Extent;
  seed: number;
  /** σ of the gradient noise, as in the scene. */
  noise: number;
  spec: LabSpec;
}

export function experimentFromScene(scene: Scene, spec: LabSpec): LabExperiment {
  const view = scene.view ?? resolveSurface(scene.surface).surface.view;
  return { surface: scene.surface, view, seed: scene.seed, noise: scene.noise, spec };
}

/** Same key, same numbers: results are cached under it. */
export function experimentKey(experiment: LabExperiment): string {
  return JSON.stringify(experiment);
}

/** Runs chunks somewhere; `onResult` is called once per chunk, in any order. */
export interface ChunkExecutor {
  run(
    chunks: readonly LabChunk[],
    onResult: (result: ChunkResult) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

export function abortError(): Error {
  const error = new Error('The experiment was cancelled');
  error.name = 'AbortError';
  return error;
}

/** Runs every chunk on the current thread, one after another (tests, the CLI, benchmarks). */
export const inProcessExecutor: ChunkExecutor = {
  async run(chunks, onResult, signal) {
    await loadMissing(partsToRun({ runs: chunks }));
    for (const chunk of chunks) {
      if (signal?.aborted) throw abortError();
      onResult(runChunk(chunk));
    }
  },
};

/** Particle-steps per chunk, at most: small enough for a smooth progress bar and ~8 MB of history. */
export const CHUNK_PARTICLE_STEPS = 250_000;

export interface OptimizerEntry {
  preset: string;
  label: string;
  definition: OptimizerDefinition;
  params: Record<string, ParamValue>;
  /** Steps allowed by the budget. */
  steps: number;
  /** Gradient evaluations per step. */
  cost: number;
}

export function optimizerEntries(spec: LabSpec): OptimizerEntry[] {
  return spec.optimizers.map((id) => {
    const preset = findPreset(id);
    if (!preset) throw new Error(`no preset ${id}`);
    const { definition, params } = resolvePreset(preset);
    return {
      preset: id,
      label: preset.label,
      definition,
      params: { ...params },
      steps: stepsFor(spec, definition),
      cost: gradientCost(definition),
    };
  });
}

/** The value every run is measured against: the global minimum's, when the surface knows it. */
export function knownBest(minima: readonly KnownMinimum[]): number | null {
  const globals = minima.filter((m) => m.global);
  const pool = globals.length > 0 ? globals : minima;
  return pool.length > 0 ? Math.min(...pool.map((m) => m.value)) : null;
}

// ---------------------------------------------------------------------------------------------
// Chunking

interface Job {
  /** Index into the optimizer entries. */
  optimizer: number;
  params: Record<string, ParamValue>;
  target: number | null;
}

/** One chunk per block of starts per job; blocks are fixed by the step count, not the workers. */
function chunksFor(
  experiment: LabExperiment,
  entries: readonly OptimizerEntry[],
  jobs: readonly Job[],
  starts: Float64Array,
): { chunks: LabChunk[]; owner: number[] } {
  const chunks: LabChunk[] = [];
  const owner: number[] = [];
  const particles = starts.length >> 1;
  const escape = escapeExtent(experiment.view);
  jobs.forEach((job, jobIndex) => {
    const entry = entries[job.optimizer];
    const block = Math.max(1, Math.floor(CHUNK_PARTICLE_STEPS / entry.steps));
    for (let first = 0; first < particles; first += block) {
      const count = Math.min(block, particles - first);
      chunks.push({
        index: chunks.length,
        surface: experiment.surface,
        optimizer: entry.definition.name,
        params: job.params,
        starts: starts.slice(2 * first, 2 * (first + count)),
        steps: entry.steps,
        // Each block draws its own noise: the seed, mixed with where the block starts.
        noise: { sigma: experiment.noise, seed: hashString(`${experiment.seed}/${first}`) },
        escape,
        target: job.target,
      });
      owner.push(jobIndex);
    }
  });
  return { chunks, owner };
}

/** Per job, its blocks' per-particle results joined in block order. */
function joinByJob(jobCount: number, owner: readonly number[], results: readonly ChunkResult[]) {
  const joined = Array.from({ length: jobCount }, () => [] as ChunkResult[]);
  for (const result of results) joined[owner[result.index]].push(result);
  return joined.map((parts) => {
    const cat = <T extends Float64Array | Int32Array>(
      pick: (r: ChunkResult) => T,
      make: (n: number) => T,
    ) => {
      const out = make(parts.reduce((n, r) => n + pick(r).length, 0));
      let offset = 0;
      for (const part of parts) {
        out.set(pick(part) as never, offset);
        offset += pick(part).length;
      }
      return out;
    };
    const floats = (n: number) => new Float64Array(n);
    const ints = (n: number) => new Int32Array(n);
    return {
      finalLoss: cat((r) => r.finalLoss, floats),
      finalX: cat((r) => r.finalX, floats),
      finalY: cat((r) => r.finalY, floats),
      finalGradNorm: cat((r) => r.finalGradNorm, floats),
      divergedAt: cat((r) => r.divergedAt, ints),
      stepsToTarget: cat((r) => r.stepsToTarget, ints),
    };
  });
}

export type JoinedResult = ReturnType<typeof joinByJob>[number];

// ---------------------------------------------------------------------------------------------
// Sweeps

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

interface SweepJob extends Job {
  lr: number;
  axisValue: number | null;
}

function sweepJobs(spec: LabSpec, entries: readonly OptimizerEntry[]): SweepJob[] {
  const lrs = lrGrid(spec.lrMin, spec.lrMax, spec.lrCount);
  const jobs: SweepJob[] = [];
  entries.forEach((entry, optimizer) => {
    const axis = secondAxis(entry.definition);
    if (spec.kind === 'heatmap') {
      if (!axis) return;
      for (const axisValue of axisGrid(spec.axisCount)) {
        for (const lr of lrs) {
          const params = withAxis({ ...entry.params, lr }, axis, axisValue);
          // Nesterov with momentum 0 is not an optimizer torch accepts: that cell stays empty.
          if (resolveParams(entry.definition, params).ok)
            jobs.push({ optimizer, params, target: null, lr, axisValue });
        }
      }
    } else {
      for (const lr of lrs)
        jobs.push({
          optimizer,
          params: { ...entry.params, lr },
          target: null,
          lr,
          axisValue: null,
        });
    }
  });
  return jobs;
}

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

/** Is cell a better than cell b for the leaderboard's choice? (stated in the UI beside the table) */
function betterCell(a: SweepCell, b: SweepCell): boolean {
  if (a.success !== b.success) return a.success > b.success;
  if (a.median !== b.median) return a.median < b.median;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Running

export interface LabProgress {
  /** Particle-steps done and in all. */
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (progress: LabProgress) => void;
  signal?: AbortSignal;
}

function work(chunks: readonly LabChunk[]): number {
  return chunks.reduce((sum, chunk) => sum + (chunk.starts.length >> 1) * chunk.steps, 0);
}

async function runAll(
  chunks: readonly LabChunk[],
  executor: ChunkExecutor,
  report: (work: number) => void,
  signal: AbortSignal | undefined,
): Promise<ChunkResult[]> {
  const results: ChunkResult[] = new Array(chunks.length);
  await executor.run(
    chunks,
    (result) => {
      results[result.index] = result;
      const chunk = chunks[result.index];
      report((chunk.starts.length >> 1) * chunk.steps);
    },
    signal,
  );
  if (signal?.aborted) throw abortError();
  return results;
}

export async function runExperiment(
  experiment: LabExperiment,
  executor: ChunkExecutor,
  { onProgress, signal }: RunOptions = {},
): Promise<LabResult> {
  const { spec } = experiment;
  const entries = optimizerEntries(spec);
  await prepareSurface(experiment.surface);
  const minima = resolveSurface(experiment.surface).surface.minima;
  let done = 0;

  if (spec.kind === 'basins') {
    const starts = resolveStarts(
      { kind: 'grid', count: spec.starts },
      experiment.view,
      experiment.seed,
    );
    const jobs = entries.map((entry, optimizer) => ({
      optimizer,
      params: { ...entry.params, lr: spec.lrs[optimizer] },
      target: null,
    }));
    const { chunks, owner } = chunksFor(experiment, entries, jobs, starts);
    const total = work(chunks);
    const results = await runAll(
      chunks,
      executor,
      (w) => onProgress?.({ done: (done += w), total }),
      signal,
    );
    return classifyBasins(experiment, entries, joinByJob(jobs.length, owner, results), minima);
  }

  const starts = resolveStarts(
    { kind: 'random', count: spec.starts },
    experiment.view,
    experiment.seed,
  );
  const jobs = sweepJobs(spec, entries);
  const phase1 = chunksFor(experiment, entries, jobs, starts);
  const raceWork = entries.reduce((sum, entry) => sum + spec.starts * entry.steps, 0);
  const total = work(phase1.chunks) + raceWork;
  const report = (w: number) => onProgress?.({ done: (done += w), total });
  const outcomes = joinByJob(
    jobs.length,
    phase1.owner,
    await runAll(phase1.chunks, executor, report, signal),
  );

  const known = knownBest(minima);
  let best = known ?? Infinity;
  if (known === null)
    for (const outcome of outcomes)
      outcome.finalLoss.forEach((loss, p) => {
        if (outcome.divergedAt[p] < 0 && loss < best) best = loss;
      });
  if (best === Infinity) best = NaN;
  const threshold = best + spec.tol;

  const cells: SweepCell[] = jobs.map((job, i) => {
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

  // Phase 2: each optimizer at its best cell, timed against the target.
  const bestCell = new Map<number, number>();
  cells.forEach((cell, i) => {
    const current = bestCell.get(cell.optimizer);
    if (current === undefined || betterCell(cell, cells[current])) bestCell.set(cell.optimizer, i);
  });
  const raceJobs: (Job & { cell: number })[] = [...bestCell.entries()]
    .sort(([a], [b]) => a - b)
    .map(([optimizer, cell]) => ({
      optimizer,
      params: jobs[cell].params,
      target: Number.isNaN(threshold) ? null : threshold,
      cell,
    }));
  const phase2 = chunksFor(experiment, entries, raceJobs, starts);
  // Optimizers without a second axis have no cell in a heatmap: their share of the work is done.
  report(raceWork - work(phase2.chunks));
  const raced = joinByJob(
    raceJobs.length,
    phase2.owner,
    await runAll(phase2.chunks, executor, report, signal),
  );
  const leaderboard: LeaderboardRow[] = raceJobs.map((job, i) => {
    const outcome = raced[i];
    const arrivals = Array.from(outcome.stepsToTarget).filter((step) => step >= 0);
    return {
      optimizer: job.optimizer,
      lr: cells[job.cell].lr,
      axisValue: cells[job.cell].axisValue,
      success: cells[job.cell].success,
      medianStepsToTarget: arrivals.length > 0 ? median(Float64Array.from(arrivals)) : NaN,
      medianFinalLoss: cells[job.cell].median,
      diverged: cells[job.cell].diverged,
    };
  });
  // Time is counted in the budget's unit: steps, or gradient evaluations.
  const time = (row: LeaderboardRow) =>
    row.medianStepsToTarget * (spec.budget === 'gradients' ? entries[row.optimizer].cost : 1);
  leaderboard.sort(
    (a, b) =>
      b.success - a.success ||
      compareNumbers(time(a), time(b)) ||
      compareNumbers(a.medianFinalLoss, b.medianFinalLoss),
  );

  return {
    kind: spec.kind,
    optimizers: entries.map((entry) => ({
      preset: entry.preset,
      label: entry.label,
      optimizer: entry.definition.name,
      params: entry.params,
      steps: entry.steps,
      cost: entry.cost,
      axis: spec.kind === 'heatmap' ? secondAxis(entry.definition) : null,
    })),
    lrs: lrGrid(spec.lrMin, spec.lrMax, spec.lrCount),
    axisValues: spec.kind === 'heatmap' ? axisGrid(spec.axisCount) : [],
    cells,
    best,
    bestKnown: known !== null,
    leaderboard,
    starts: spec.starts,
  };
}

/** Ascending, with NaN (no value) last. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a === b ? 0 : a < b ? -1 : 1;
}
