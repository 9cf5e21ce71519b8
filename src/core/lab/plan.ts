/**
 * A lab experiment's plan: which optimizers at which hyperparameters (jobs), from which starts, cut
 * into chunks. The chunks are fixed by the experiment alone, so the merged numbers are the same
 * whatever ran them and in whatever order.
 */
import type { Extent } from '../geometry.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findPreset, resolvePreset } from '../optimizers/presets.ts';
import type { OptimizerDefinition, ParamValue } from '../optimizers/types.ts';
import { hashString } from '../random.ts';
import { resolveSurface } from '../scene/resolve.ts';
import type { Scene, SurfaceRef } from '../scene/scene.ts';
import type { KnownMinimum } from '../surfaces/types.ts';
import { escapeExtent, type LabChunk } from './chunk.ts';
import {
  axisGrid,
  evaluationBudget,
  gradientCost,
  lrGrid,
  secondAxis,
  stepsFor,
  withAxis,
  type LabSpec,
} from './spec.ts';

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
  /** Evaluations each particle may spend, counted one by one (L-BFGS); null: `steps` decides. */
  evaluationBudget: number | null;
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
      evaluationBudget: evaluationBudget(spec, definition),
    };
  });
}

/** The value every run is measured against: the global minimum's, when the surface knows it. */
export function knownBest(minima: readonly KnownMinimum[]): number | null {
  const globals = minima.filter((m) => m.global);
  const pool = globals.length > 0 ? globals : minima;
  return pool.length > 0 ? Math.min(...pool.map((m) => m.value)) : null;
}

export interface Job {
  /** Index into the optimizer entries. */
  optimizer: number;
  params: Record<string, ParamValue>;
  target: number | null;
}

/** One chunk per block of starts per job; blocks are fixed by the step count, not the workers. */
export function chunksFor(
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
        evaluationBudget: entry.evaluationBudget,
      });
      owner.push(jobIndex);
    }
  });
  return { chunks, owner };
}

export interface SweepJob extends Job {
  lr: number;
  axisValue: number | null;
}

export function sweepJobs(spec: LabSpec, entries: readonly OptimizerEntry[]): SweepJob[] {
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
