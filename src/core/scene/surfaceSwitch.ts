/**
 * Runs that stay meaningful when the surface changes: a run that still has its preset's learning
 * rate for the old surface gets the preset's rate for the new one (the default six do not diverge
 * on Rosenbrock just because their rates were tuned for Beale); a rate the user chose is kept.
 */
import { findPreset, presetIdOf } from '../optimizers/presets.ts';
import { SURFACE_LRS } from '../optimizers/surfaceLrs.ts';
import type { SceneRun, SurfaceRef } from './scene.ts';

/** The learning rate preset `presetId` starts with on `surface` (typed formulas: its own). */
export function presetLrOn(surface: SurfaceRef, presetId: string): number | undefined {
  const own = findPreset(presetId)?.params.lr;
  const tuned = 'id' in surface ? SURFACE_LRS[surface.id]?.[presetId] : undefined;
  return tuned ?? (typeof own === 'number' ? own : undefined);
}

export function runsForSurface(
  runs: readonly SceneRun[],
  from: SurfaceRef,
  to: SurfaceRef,
): SceneRun[] {
  return runs.map((run) => {
    const presetId = presetIdOf(run);
    if (presetId === null) return run;
    const before = presetLrOn(from, presetId);
    const after = presetLrOn(to, presetId);
    if (before === undefined || after === undefined || run.params.lr !== before) return run;
    return after === before ? run : { ...run, params: { ...run.params, lr: after } };
  });
}
