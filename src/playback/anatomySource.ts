/**
 * The update anatomy of a run at the step on screen, shared by the plot layer and the side panel.
 * One replay per simulated run, keyed by the `Run` object itself: the controller makes a new one
 * whenever the run's optimizer, hyperparameters, surface, starts, noise or batch size change, so
 * the key is exactly "this configuration", and a WeakMap forgets replays of runs that are gone.
 */
import { AnatomyReplay, type AnatomyResult } from '../core/anatomy.ts';
import { resolveRun } from '../core/scene/resolve.ts';
import type { Run } from '../core/sim/run.ts';
import type { FrameState } from '../render/drawable.ts';
import type { RunAnatomy } from '../render/inspectorLayer.ts';

const replays = new WeakMap<Run, AnatomyReplay>();

/** The anatomy of run `runId`'s next step from the step on screen, or null if there is no such run. */
export function anatomyAt(frame: FrameState, runId: string): RunAnatomy | null {
  const { scene, simulation, surface } = frame;
  const index = scene.runs.findIndex((run) => run.id === runId);
  const run = simulation.runs[index];
  if (index < 0 || !run) return null;
  let replay = replays.get(run);
  if (!replay) {
    replay = new AnatomyReplay({
      surface: surface.functions,
      ...resolveRun(scene.runs[index]),
      start: [run.positions.get(0, 0), run.positions.get(0, 1)],
      noise: { sigma: scene.noise, seed: scene.seed },
      batchSize: scene.batchSize,
      paramsAt: (k) => run.paramsAt(k),
    });
    replays.set(run, replay);
  }
  const step = Math.min(frame.step, run.steps);
  const diverged = run.divergedAt[0];
  // A start that was not finite is recorded as (0, 0): there is nothing to replay.
  const result: AnatomyResult =
    diverged === 0 ? { ok: false, step, divergedAt: 0 } : replay.at(step);
  return { index, label: scene.runs[index].label, optimizer: scene.runs[index].optimizer, result };
}
