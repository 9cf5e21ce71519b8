/**
 * Owns the simulation and the playback cursor, outside React. It listens to the store for scene
 * changes, advances whole steps per animation frame at the scene's speed, and asks every registered
 * drawable to draw when something visible changed. React components only register drawables and
 * tick listeners (for per-frame text written through refs).
 */
import type { Point } from '../core/geometry.ts';
import type { Scene } from '../core/scene/scene.ts';
import { resolveStarts } from '../core/scene/scene.ts';
import { resolveRun, resolveSurface, type ResolvedSurface } from '../core/scene/resolve.ts';
import { Simulation } from '../core/sim/simulation.ts';
import type { AppStore } from '../state/store.ts';
import type { Drawable, FrameState } from '../render/drawable.ts';
import { FrameLoop, StepAccumulator, type FrameScheduler } from './frameLoop.ts';
import { HistoryMemory } from './historyMemory.ts';

export type { Drawable, FrameState };

/** Tick listeners write text; while playing they run at most this often. */
export const TEXT_INTERVAL_MS = 100;

/**
 * While playing, one round of tick listeners is spread over this many frames: lane 0 on the frame
 * the text is due, lane k k frames later, each with the newest frame drawn. Run in one frame, the
 * 12 × 1,000 crowd's text, chart and race summary (with the layout and paint they cause) made that
 * frame late: at 4× CPU throttling it dropped 7–51 frames in 10 s (median 27), 0–16 once spread
 * over three (median 5; measure-page, 6 and 9 runs). When paused every lane runs at once.
 */
export const TICK_LANES = 3;
/** Which frame of a round a listener runs in. */
export type TickLane = 0 | 1 | 2;
/** The lanes by what runs in them: the page's text, the loss chart, the race summary. */
export const TICK_LANE: Record<'text' | 'chart' | 'summary', TickLane> = {
  text: 0,
  chart: 1,
  summary: 2,
};

export type TickListener = (frame: FrameState) => void;
export type HoverListener = (point: Point | null) => void;

export class SimulationController {
  surface: ResolvedSurface;
  simulation: Simulation;
  /** Why the surface could not be used, when it could not (a bad expression from a URL). */
  surfaceError: string | null = null;

  private cursor = 0;
  private readonly accumulator = new StepAccumulator();
  private readonly loop: FrameLoop;
  private readonly drawables = new Set<Drawable>();
  private readonly tickListeners = new Set<{ listener: TickListener; lane: TickLane }>();
  private readonly hoverListeners = new Set<HoverListener>();
  private hoverPoint: Point | null = null;
  private needsDraw = true;
  private lastTick = -Infinity;
  /** The newest drawn frame; `textStale` while no round of tick listeners has started since. */
  private newestFrame: FrameState | null = null;
  private textStale = false;
  /** The lane of the round under way to run next; TICK_LANES when no round is under way. */
  private nextLane = TICK_LANES;
  private needsRebuild = true;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: AppStore,
    scheduler?: FrameScheduler,
    private readonly historyMemory = new HistoryMemory(),
  ) {
    const { scene } = store.getState();
    this.surface = this.resolve(scene);
    this.simulation = this.build(scene);
    historyMemory.plan(this.simulation.bytesPerStep, scene.speed);
    this.loop = new FrameLoop(this.frame, scheduler);
    this.unsubscribe = store.subscribe((state, previous) => {
      if (state.scene !== previous.scene) {
        this.sceneChanged(state.scene, previous.scene);
        historyMemory.plan(this.simulation.bytesPerStep, state.scene.speed);
      }
      if (state.resetCount !== previous.resetCount) this.seek(0);
      if (state.playing && !previous.playing) {
        if (this.cursor >= this.simulation.stepBudget) this.seek(0);
        this.accumulator.clear();
      }
      this.invalidate();
    });
    this.loop.wake();
  }

  dispose(): void {
    this.unsubscribe();
    this.loop.dispose();
    this.historyMemory.dispose();
    this.drawables.clear();
    this.tickListeners.clear();
    this.hoverListeners.clear();
  }

  /** The step on screen. */
  get step(): number {
    return this.cursor;
  }

  get stepBudget(): number {
    return this.simulation.stepBudget;
  }

  /** Shows step `step` (clamped to [0, budget]), computing ahead as needed. */
  seek(step: number): void {
    const target = Math.max(0, Math.min(this.simulation.stepBudget, Math.round(step)));
    if (target < this.cursor) this.needsRebuild = true;
    this.simulation.advanceTo(target);
    this.cursor = target;
    this.invalidate();
  }

  stepForward(): void {
    this.store.getState().pause();
    this.seek(this.cursor + 1);
  }

  stepBack(): void {
    this.store.getState().pause();
    this.seek(this.cursor - 1);
  }

  /** Registers something to draw on every visible change; returns the unregister function. */
  addDrawable(drawable: Drawable): () => void {
    this.drawables.add(drawable);
    this.needsRebuild = true;
    this.invalidate();
    return () => this.drawables.delete(drawable);
  }

  /** Registers text to write a few times a second while playing (see TICK_LANES for `lane`). */
  onTick(listener: TickListener, lane: TickLane = TICK_LANE.text): () => void {
    const entry = { listener, lane };
    this.tickListeners.add(entry);
    // A newcomer (a caption, a panel just opened) gets its text on the very next frame, not after
    // the playing-time text interval: a new round starts there (the lanes a round under way had
    // left run in it).
    this.lastTick = -Infinity;
    this.nextLane = TICK_LANES;
    this.invalidate();
    return () => this.tickListeners.delete(entry);
  }

  /** The world point under the pointer in any panel, shared so side-by-side panels all show it. */
  get hover(): Point | null {
    return this.hoverPoint;
  }

  setHover(point: Point | null): void {
    this.hoverPoint = point;
    for (const listener of this.hoverListeners) listener(point);
  }

  onHover(listener: HoverListener): () => void {
    this.hoverListeners.add(listener);
    return () => this.hoverListeners.delete(listener);
  }

  /** Asks for a redraw on the next frame (a resize, a hover, a changed display option). */
  invalidate(full = false): void {
    this.needsDraw = true;
    if (full) this.needsRebuild = true;
    this.loop.wake();
  }

  private resolve(scene: Scene): ResolvedSurface {
    const resolution = resolveSurface(scene.surface);
    this.surfaceError = resolution.ok ? null : resolution.error;
    return resolution.surface;
  }

  private build(scene: Scene): Simulation {
    // Random and grid starts are laid over the surface's own view, not the current pan/zoom, so
    // zooming never moves the particles.
    const starts = resolveStarts(scene.starts, this.surface.view, scene.seed);
    return new Simulation({
      surface: this.surface.functions,
      runs: scene.runs.map(resolveRun),
      starts,
      noise: { sigma: scene.noise, seed: scene.seed },
      batchSize: scene.batchSize,
      steps: scene.steps,
    });
  }

  private sceneChanged(scene: Scene, previous: Scene): void {
    this.needsRebuild = true;
    const surfaceChanged = scene.surface !== previous.surface;
    if (surfaceChanged) this.surface = this.resolve(scene);
    const restart =
      surfaceChanged ||
      scene.starts !== previous.starts ||
      scene.noise !== previous.noise ||
      scene.seed !== previous.seed ||
      scene.batchSize !== previous.batchSize ||
      scene.steps !== previous.steps;
    if (restart) {
      this.simulation = this.build(scene);
      this.cursor = 0;
      this.accumulator.clear();
      return;
    }
    if (scene.runs === previous.runs) return;
    const sameRuns =
      scene.runs.length === previous.runs.length &&
      scene.runs.every((run, i) => run.id === previous.runs[i].id);
    if (sameRuns) {
      // Only hyperparameters (or visibility) changed: restart just those runs, caught up to now.
      scene.runs.forEach((run, i) => {
        const before = previous.runs[i];
        if (
          run.params !== before.params ||
          run.optimizer !== before.optimizer ||
          run.schedule !== before.schedule
        ) {
          this.simulation.replaceRun(i, resolveRun(run));
        }
      });
    } else {
      this.simulation = this.build(scene);
    }
    this.simulation.advanceTo(this.cursor);
    this.cursor = Math.min(this.cursor, this.simulation.stepBudget);
  }

  private readonly frame = (seconds: number, now: number): boolean => {
    const state = this.store.getState();
    if (state.playing) {
      const steps = this.accumulator.take(seconds, state.scene.speed);
      if (steps > 0) this.seek(this.cursor + steps);
      if (this.cursor >= this.simulation.stepBudget) state.pause();
    }
    if (this.needsDraw) {
      const { scene, playing } = this.store.getState();
      const frame: FrameState = {
        simulation: this.simulation,
        surface: this.surface,
        scene,
        step: this.cursor,
        rebuilt: this.needsRebuild,
        playing,
      };
      this.needsDraw = false;
      this.needsRebuild = false;
      for (const drawable of this.drawables) drawable.draw(frame);
      this.newestFrame = frame;
      this.textStale = true;
    }
    // Text is for reading, not for animation: while playing, a few updates a second are plenty
    // and spare the layout work; when paused (a step, a scrub) it follows at once. A round under
    // way finishes before the next starts, so no lane is skipped when frames come slowly.
    const playing = this.store.getState().playing;
    const roundDone = this.nextLane >= TICK_LANES;
    if (this.textStale && (!playing || (roundDone && now - this.lastTick >= TEXT_INTERVAL_MS))) {
      this.textStale = false;
      this.lastTick = now;
      this.nextLane = 0;
    }
    const lastLane = playing ? this.nextLane : TICK_LANES - 1;
    for (; this.nextLane <= lastLane && this.nextLane < TICK_LANES; this.nextLane++) {
      for (const { listener, lane } of this.tickListeners)
        if (lane === this.nextLane) listener(this.newestFrame!);
    }
    return this.store.getState().playing;
  };
}
