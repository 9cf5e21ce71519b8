import { DEFAULT_ARRIVAL_TOLERANCE, raceSummary } from '../../core/sim/raceSummary.ts';
import type { FrameState, SimulationController } from '../../playback/simulationController.ts';
import type { AppStore } from '../../state/store.ts';
import { formatNumber } from '../format.ts';
import { setText } from '../useTick.ts';

/** While playing, a screen reader hears the standings at most this often. */
const PLAYING_INTERVAL_MS = 5000;
/** After a pause, a step or a scrub, the standings follow this soon (once the keys settle). */
const PAUSED_DELAY_MS = 500;

function summaryOf(frame: FrameState): string {
  const { scene, simulation, surface } = frame;
  const entries = scene.runs.flatMap((run, i) => {
    const simulated = simulation.runs[i];
    const shown = scene.layout === 'side-by-side' || run.visible;
    return simulated && shown ? [{ label: run.label, run: simulated }] : [];
  });
  return raceSummary(entries, {
    step: frame.step,
    minimumLoss: surface.minima.find((minimum) => minimum.global)?.value ?? null,
    tolerance: DEFAULT_ARRIVAL_TOLERANCE,
    format: formatNumber,
  });
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
  const write = () => {
    timer = undefined;
    timerDue = Infinity;
    lastWrite = performance.now();
    if (latest) setText(region, summaryOf(latest));
  };
  const stopTicks = controller.onTick((frame) => {
    latest = frame;
    const now = performance.now();
    const due = store.getState().playing ? lastWrite + PLAYING_INTERVAL_MS : now + PAUSED_DELAY_MS;
    if (timer !== undefined && timerDue <= due) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(write, Math.max(0, due - now));
  });
  return () => {
    stopTicks();
    clearTimeout(timer);
  };
}
