/**
 * The contract between the frame owner (src/playback) and everything that draws: a drawable is
 * handed the frame's data and draws it. Render defines it, so nothing in render imports playback.
 */
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { Scene } from '../core/scene/scene.ts';
import type { Simulation } from '../core/sim/simulation.ts';

/** What a drawable gets each time it should draw. */
export interface FrameState {
  simulation: Simulation;
  surface: ResolvedSurface;
  scene: Scene;
  step: number;
  /** True when everything must be redrawn (new simulation, scrub backward, run changes). */
  rebuilt: boolean;
  /** True while the clock runs (steps keep coming); false or absent when paused or exporting. */
  playing?: boolean;
}

export interface Drawable {
  draw(frame: FrameState): void;
}
