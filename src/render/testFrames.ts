/** Frames for the drawing layers' tests: a scene simulated up to a step, as the clock hands it over. */
import { resolveRun, resolveSurface } from '../core/scene/resolve.ts';
import { resolveStarts, type Scene } from '../core/scene/scene.ts';
import { Simulation } from '../core/sim/simulation.ts';
import type { FrameState } from './drawable.ts';

export function frameOf(scene: Scene, step: number): FrameState {
  const surface = resolveSurface(scene.surface).surface;
  const simulation = new Simulation({
    surface: surface.functions,
    runs: scene.runs.map(resolveRun),
    starts: resolveStarts(scene.starts, surface.view, scene.seed),
    noise: { sigma: 0, seed: scene.seed },
    steps: scene.steps,
  });
  simulation.advanceTo(step);
  return { simulation, surface, scene, step, rebuilt: false };
}
