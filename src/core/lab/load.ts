/**
 * From a lab point to the main view: the picked optimizer with the picked hyperparameters becomes a
 * run of the scene (replacing an earlier one of the same preset), so the race shows what the lab
 * measured.
 */
import { freeRunId } from '../scene/runLabels.ts';
import type { Point } from '../geometry.ts';
import { findPreset } from '../optimizers/presets.ts';
import type { ParamValue } from '../optimizers/types.ts';
import { LIMITS, type Scene, type SceneRun } from '../scene/scene.ts';

const short = (v: number) => String(Number(v.toPrecision(3)));

/** "Adam lr=0.0316", plus the second axis where it was swept ("Momentum lr=0.01 momentum=0.9"). */
export function labRunLabel(
  presetLabel: string,
  params: Record<string, ParamValue>,
  axis: 'momentum' | 'beta1' | null,
): string {
  let label = `${presetLabel} lr=${short(params.lr as number)}`;
  if (axis === 'momentum') label += ` momentum=${short(params.momentum as number)}`;
  if (axis === 'beta1') label += ` β1=${short((params.betas as readonly number[])[0])}`;
  return label;
}

/**
 * The scene with the lab's run in it: it takes the place of a run of the same preset (its plain
 * label or an earlier lab label), else joins the runs (or replaces the last when they are full).
 * `start` moves the scene's start there (basin maps); otherwise the scene's starts stay.
 */
export function sceneWithLabRun(
  scene: Scene,
  presetId: string,
  params: Record<string, ParamValue>,
  axis: 'momentum' | 'beta1' | null,
  start?: Point,
): Scene {
  const preset = findPreset(presetId);
  if (!preset) throw new Error(`no preset ${presetId}`);
  const label = labRunLabel(preset.label, params, axis);
  const sameFamily = (run: SceneRun) =>
    run.optimizer === preset.optimizer &&
    (run.label === preset.label || run.label.startsWith(`${preset.label} lr=`));
  let index = scene.runs.findIndex(sameFamily);
  if (index < 0 && scene.runs.length >= LIMITS.runs) index = scene.runs.length - 1;
  const run: SceneRun = {
    id: index >= 0 ? scene.runs[index].id : freeRunId(scene.runs),
    label,
    optimizer: preset.optimizer,
    params: { ...params },
    visible: true,
  };
  const runs =
    index >= 0
      ? scene.runs.map((existing, i) => (i === index ? run : existing))
      : [...scene.runs, run];
  return {
    ...scene,
    runs,
    starts: start ? { kind: 'points', points: [start] } : scene.starts,
  };
}
