/**
 * A lab experiment from start to finish: plan its chunks (plan.ts), hand them to an executor (a pool
 * of Workers, or the current thread), merge the results by chunk index, score them (score.ts).
 *
 * Sweeps run in two phases: phase 1 sweeps the learning rates (and the second axis); phase 2 re-runs
 * each optimizer at its best point, now knowing the target loss, to time when each start arrives.
 */
import { partsToRun } from '../data/sampledGradients.ts';
import { loadMissing } from '../onDemand.ts';
import { prepareSurface, resolveSurface } from '../scene/resolve.ts';
import { resolveStarts } from '../scene/scene.ts';
import { classifyBasins } from './basins.ts';
import { runChunk, type ChunkResult, type LabChunk } from './chunk.ts';
import {
  chunksFor,
  knownBest,
  optimizerEntries,
  sweepJobs,
  type Job,
  type LabExperiment,
} from './plan.ts';
import {
  bestCellPerOptimizer,
  leaderboardRow,
  rankLeaderboard,
  scoreCells,
  targetLoss,
  type LabResult,
} from './score.ts';
import { axisGrid, lrGrid, secondAxis } from './spec.ts';

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
  const best = targetLoss(known, outcomes);
  const threshold = best + spec.tol;
  const cells = scoreCells(jobs, outcomes, threshold);

  // Phase 2: each optimizer at its best cell, timed against the target.
  const bestCell = bestCellPerOptimizer(cells);
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
  const leaderboard = rankLeaderboard(
    raceJobs.map((job, i) => leaderboardRow(cells[job.cell], raced[i])),
    (row) => (spec.budget === 'gradients' ? entries[row.optimizer].cost : 1),
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
