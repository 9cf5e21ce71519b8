import {
  Arrivals,
  DEFAULT_ARRIVAL_TOLERANCE,
  raceSummary,
  type RaceEntry,
} from '../../core/sim/raceSummary.ts';
import {
  TICK_LANE,
  type FrameState,
  type SimulationController,
} from '../../playback/simulationController.ts';
import type { AppStore } from '../../state/store.ts';
import { formatNumber } from '../format.ts';
import { setText } from '../useTick.ts';

/** While playing, a screen reader hears the standings at most this often. */
const PLAYING_INTERVAL_MS = 5000;
/** After a pause, a step or a scrub, the standings follow this soon (once the keys settle). */
const PAUSED_DELAY_MS = 500;

function entriesOf({ scene, simulation }: FrameState): RaceEntry[] {
  return scene.runs.flatMap((run, i) => {
    const simulated = simulation.runs[i];
    const shown = scene.layout === 'side-by-side' || run.visible;
    return simulated && shown ? [{ label: run.label, run: simulated }] : [];
  });
}

function minimumLossOf({ surface }: FrameState): number | null {
  return surface.minima.find((minimum) => minimum.global)?.value ?? null;
}

function summaryOf(frame: FrameState, arrivals: Arrivals): string {
  return raceSummary(entriesOf(frame), {
    step: frame.step,
    minimumLoss: minimumLossOf(frame),
    tolerance: DEFAULT_ARRIVAL_TOLERANCE,
    format: formatNumber,
    arrivals,
  });
}

/**
 * Reads the steps new since the last tick for arrivals, so a summary every 5 s of a crowded race
 * is not one long task reading 300 steps of thousands of particles.
 */
function keepUpArrivals(frame: FrameState, arrivals: Arrivals): void {
  const minimumLoss = minimumLossOf(frame);
  if (minimumLoss === null) return;
  for (const { run } of entriesOf(frame)) {
    arrivals.firstAt(run, Math.min(frame.step, run.steps), minimumLoss, DEFAULT_ARRIVAL_TOLERANCE);
  }
}

/**
 * Writes the race in words into `region` every few seconds while playing and shortly after the run
 * pauses or ends; returns the function that stops it.
 */
export function narrateRace(
  store: AppStore,
  controller: SimulationController,
  region: HTMLElement,
): () => void {
  let latest: FrameState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDue = Infinity;
  let lastWrite = -Infinity;
  const arrivals = new Arrivals();
  const write = () => {
    timer = undefined;
    timerDue = Infinity;
    lastWrite = performance.now();
    if (latest) setText(region, summaryOf(latest, arrivals));
  };
  const stopTicks = controller.onTick((frame) => {
    latest = frame;
    keepUpArrivals(frame, arrivals);
    const now = performance.now();
    const due = store.getState().playing ? lastWrite + PLAYING_INTERVAL_MS : now + PAUSED_DELAY_MS;
    if (timer !== undefined && timerDue <= due) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(write, Math.max(0, due - now));
  }, TICK_LANE.summary);
  return () => {
    stopTicks();
    clearTimeout(timer);
  };
}
