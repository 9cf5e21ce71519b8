/**
 * The network view's trained runs, for the parts of the page outside it that speak about a run:
 * the sidebar's run cards and the lesson's live captions. The view publishes each experiment's
 * answer when its training is done; a reader gets it only for the scene it was trained for, so a
 * card never shows numbers of another experiment (or of the 2D runs the controller simulates
 * underneath).
 */
import type { RunHistory } from '../../core/nn/experiment.ts';
import type { TrainResponse } from '../../core/nn/protocol.ts';
import type { Scene } from '../../core/scene/scene.ts';
import { describeFate, explosion } from '../../core/sim/fate.ts';
import { formatNumber } from '../format.ts';

/** What the runs of one experiment came to, by run id (hidden runs are not trained). */
export interface NetworkResults {
  histories: ReadonlyMap<string, RunHistory>;
  /** Per run id: the share of its path's variance in the landscape's plane. */
  inPlane: ReadonlyMap<string, number>;
  /** Per run id: how sharp the training loss is around its final weights. */
  sharpness: ReadonlyMap<string, number>;
}

/** What the training Worker answered, as far as the readers need it. */
type Trained = Pick<Extract<TrainResponse, { type: 'done' }>, 'histories' | 'plane' | 'sharpness'>;

type ExperimentParts = Pick<Scene, 'network' | 'seed' | 'runs' | 'batchSize'>;

/** What training depends on, as one string: equal keys, equal results. */
function experimentKey({ network, seed, runs, batchSize }: ExperimentParts): string {
  return JSON.stringify([network, seed, runs, batchSize ?? null]);
}

// Readers call per frame with the store's scene, which is a new object only when it changed.
const keys = new WeakMap<ExperimentParts, string>();
function keyOf(scene: ExperimentParts): string {
  let key = keys.get(scene);
  if (key === undefined) {
    key = experimentKey(scene);
    keys.set(scene, key);
  }
  return key;
}

let latest: { key: string; results: NetworkResults } | null = null;

/** Called by the view when an experiment's runs are trained: the answer's entry r is visible run r's. */
export function publishNetworkResults(
  scene: ExperimentParts,
  { histories, plane, sharpness }: Trained,
): void {
  const visible = scene.runs.filter((run) => run.visible);
  const byRun = <T>(values: readonly T[]) => new Map(visible.map((run, r) => [run.id, values[r]]));
  latest = {
    key: experimentKey(scene),
    results: {
      histories: byRun(histories),
      inPlane: byRun(plane.explained),
      sharpness: byRun(sharpness),
    },
  };
}

/** The results trained for exactly this scene's experiment, or null (none yet, or another's). */
export function networkResults(scene: ExperimentParts): NetworkResults | null {
  if (!scene.network || latest === null) return null;
  return latest.key === keyOf(scene) ? latest.results : null;
}

/** The history's row for the clock's step: the step itself, or the last one before it diverged. */
export function shownRow(history: RunHistory, step: number): number {
  const last = history.trainLoss.length - 1;
  const k = Math.max(0, Math.min(step, last));
  return history.divergedAt >= 0 ? Math.min(k, history.divergedAt - 1) : k;
}

/**
 * What became of a network run at a step, in the words of the 2D cards: "diverged at step 12",
 * "loss grew 1e8× — exploding", or null while it trains normally.
 */
export function networkFate(history: RunHistory, step: number): string | null {
  if (history.divergedAt >= 0 && history.divergedAt <= step) {
    return describeFate({ kind: 'diverged', at: history.divergedAt });
  }
  const k = shownRow(history, step);
  const growth = explosion({ losses: { get: (row) => history.trainLoss[row] } }, 0, k);
  return growth === null ? null : describeFate({ kind: 'exploding', growth, leftAt: -1 });
}

/** A fraction as a whole percentage, "—" where there is none (a regression target). */
export function percent(value: number): string {
  return Number.isFinite(value) ? `${(100 * value).toFixed(0)} %` : '—';
}

/** A run card's line in the network view (runCardStatus.ts): the network run's own state. */
export function networkRunStatus(scene: Scene, index: number, step: number): string {
  const run = scene.runs[index];
  if (!run) return '';
  if (!run.visible) return 'hidden: not trained';
  const history = networkResults(scene)?.histories.get(run.id);
  if (!history) return 'network: training…';
  if (history.issue) return history.issue;
  const fate = networkFate(history, step);
  if (fate) return fate;
  const k = shownRow(history, step);
  const parts = [`train loss ${formatNumber(history.trainLoss[k])}`];
  if (Number.isFinite(history.testLoss[k])) parts.push(`test ${formatNumber(history.testLoss[k])}`);
  if (Number.isFinite(history.testAccuracy[k]))
    parts.push(`test acc. ${percent(history.testAccuracy[k])}`);
  return parts.join(' · ');
}
