/**
 * Live captions: a lesson's sentences are templates whose numbers and outcomes are read from the
 * scene and the simulation at the step on screen, so a caption can never contradict a slider.
 *
 *   "{label 2} (momentum {momentum 2}) {where 2}: loss {loss 2}."
 *
 * `{name N}` reads run N (1-based, as the run cards are ordered); `{name}` reads the scene. Names:
 *   scene:  step, steps, noise, seed, starts (how many start points), surface, batch (samples per
 *           step on a dataset surface)
 *   run:    label, where (an outcome in words), loss, grad (‖∇f‖), x, y, moved (distance from the
 *           start), speed (distance per step, recently), curvature (the Hessian's eigenvalues),
 *           sent, bytes (what a distributed run's workers have sent so far), fewer (how many times
 *           fewer values than sending every gradient), or any hyperparameter by its torch name
 * With many start points, `where` counts outcomes and `loss` gives the range; the others read the
 * first start.
 *
 * In the network view (a scene with `network`) the run names read the trained network run instead
 * (networkResults.ts): where, loss (training loss), test (test loss), accuracy and testacc (shares
 * right), inplane (the share of its path the landscape's plane holds), sharpness (how much the
 * training loss rises around its final weights, see core/nn/sharpness.ts); the scene adds
 * parameters and architecture ("2, 16, 16, 3"). Until the runs are trained they read PENDING.
 */
import { datasetOf } from '../../core/data/dataset.ts';
import { DistributedGradient } from '../../core/distributed/workers.ts';
import type { ResolvedSurface } from '../../core/scene/resolve.ts';
import type { Scene } from '../../core/scene/scene.ts';
import {
  BASIN_OTHER,
  curvatures,
  distanceFromStart,
  minimumTolerance,
  basinOf,
  particleState,
  recentSpeed,
  shownStep,
  type ParticleState,
} from '../../core/sim/particleState.ts';
import type { Run } from '../../core/sim/run.ts';
import { networkSpecs } from '../../core/nn/onDemand.ts';
import type { ParamValue } from '../../core/optimizers/types.ts';
import { formatNumber } from '../format.ts';
import { networkFate, networkResults, percent, shownRow } from '../network/networkResults.ts';

export interface Binding {
  name: string;
  /** 0-based run index, or null for a scene-wide value. */
  run: number | null;
}

export type CaptionPart = string | Binding;

/** What a caption reads: the parts of a drawn frame it needs. */
export interface CaptionFrame {
  scene: Scene;
  simulation: { readonly runs: readonly Run[]; readonly stepBudget: number };
  surface: ResolvedSurface;
  step: number;
}

/** Shown where a value does not exist (a run that was removed, a hyperparameter it lacks). */
export const MISSING = '—';

/** Shown where a value is still being computed (a network run in training). */
export const PENDING = '…';

const PLACEHOLDER = /\{([a-z_]+)(?:\s+(\d+))?\}/g;

/** Splits a template into literal text and bindings. */
export function parseCaption(template: string): CaptionPart[] {
  const parts: CaptionPart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ name: match[1], run: match[2] === undefined ? null : Number(match[2]) - 1 });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** The template with every binding filled in (tests, and anything that wants the whole sentence). */
export function renderCaption(template: string, frame: CaptionFrame): string {
  return parseCaption(template)
    .map((part) => (typeof part === 'string' ? part : bindingText(part, frame)))
    .join('');
}

function formatParam(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return formatNumber(value);
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return `(${formatNumber(value[0])}, ${formatNumber(value[1])})`;
}

function sceneValue(name: string, frame: CaptionFrame): string {
  const { scene } = frame;
  switch (name) {
    case 'step':
      return String(frame.step);
    case 'steps':
      return String(frame.simulation.stepBudget);
    case 'noise':
      return formatNumber(scene.noise);
    case 'seed':
      return String(scene.seed);
    case 'starts':
      return String(frame.simulation.runs[0]?.particles ?? 0);
    case 'surface':
      return frame.surface.name;
    case 'parameters':
      return scene.network
        ? String(networkSpecs.get().networkParameterCount(scene.network))
        : MISSING;
    case 'architecture':
      return scene.network ? networkSpecs.get().networkLayers(scene.network).join(', ') : MISSING;
    case 'batch': {
      const size = datasetOf(frame.surface.functions)?.size;
      if (size === undefined) return MISSING;
      return scene.batchSize !== undefined && scene.batchSize < size
        ? String(scene.batchSize)
        : `all ${size}`;
    }
    default:
      return MISSING;
  }
}

function minimumName(frame: CaptionFrame, index: number): string {
  const { minima } = frame.surface;
  if (!minima[index].global) return 'a local minimum';
  return minima.filter((minimum) => minimum.global).length > 1
    ? 'a global minimum'
    : 'the global minimum';
}

/** One particle's outcome as a verb phrase: "has settled in the global minimum". */
export function describeState(state: ParticleState, frame: CaptionFrame): string {
  switch (state.kind) {
    case 'diverged':
      return `diverged at step ${state.at}`;
    case 'left':
      return 'has left the plot';
    case 'near-minimum': {
      const name = minimumName(frame, state.index);
      return state.settled ? `has settled in ${name}` : `is near ${name}, still moving`;
    }
    case 'stopped':
      if (state.point === 'saddle') return 'has stopped at a saddle point';
      if (state.point === 'flat') return 'has stopped at a flat point';
      return 'has stopped in a local minimum';
    case 'approaching':
      if (state.point === 'saddle') return 'is closing in on a saddle point';
      if (state.point === 'flat') return 'is closing in on a flat point';
      return 'is settling into a local minimum';
    case 'crawling':
      return 'is crawling';
    case 'moving':
      return 'is moving';
  }
}

/** Many particles: how many ended where ("40 of 100 starts in the global minimum, …"). */
function describeOutcomes(run: Run, frame: CaptionFrame): string {
  const { minima } = frame.surface;
  const m = minima.length;
  const counts = new Int32Array(m + 4);
  const tolerance = minimumTolerance(minima, frame.surface.view);
  for (let p = 0; p < run.particles; p++)
    counts[basinOf(run, p, frame.step, frame.surface, tolerance)]++;
  let inGlobal = 0;
  let inLocal = 0;
  minima.forEach((minimum, i) => {
    if (minimum.global) inGlobal += counts[i];
    else inLocal += counts[i];
  });
  const globals = minima.filter((minimum) => minimum.global).length;
  const parts: [number, string][] = [
    [inGlobal, globals > 1 ? 'in a global minimum' : 'in the global minimum'],
    [inLocal, 'in local minima'],
    [counts[m + BASIN_OTHER.stopped], 'stopped elsewhere'],
    [counts[m + BASIN_OTHER.moving], 'still moving'],
    [counts[m + BASIN_OTHER.left], 'left the plot'],
    [counts[m + BASIN_OTHER.diverged], 'diverged'],
  ];
  const told = parts.filter(([count]) => count > 0).map(([count, text]) => `${count} ${text}`);
  return `— of its ${run.particles} starts: ${told.join(', ')}`;
}

const NETWORK_RUN_NAMES = ['where', 'loss', 'test', 'accuracy', 'testacc', 'inplane', 'sharpness'];

/** A network run's value (see the header), read from its trained history at the clock's step. */
function networkRunValue(name: string, runId: string, frame: CaptionFrame): string {
  const results = networkResults(frame.scene);
  if (!results) return PENDING;
  const history = results.histories.get(runId);
  if (!history) return MISSING;
  if (history.issue) return name === 'where' ? `cannot train: ${history.issue}` : MISSING;
  const k = shownRow(history, frame.step);
  switch (name) {
    case 'where':
      return networkFate(history, frame.step) ?? `has taken ${k} steps`;
    case 'loss':
      return formatNumber(history.trainLoss[k]);
    case 'test':
      return formatNumber(history.testLoss[k]);
    case 'accuracy':
      return percent(history.trainAccuracy[k]);
    case 'testacc':
      return percent(history.testAccuracy[k]);
    case 'sharpness':
      return formatNumber(results.sharpness.get(runId) ?? NaN);
    default:
      return percent(results.inPlane.get(runId) ?? NaN);
  }
}

function runValue(name: string, run: Run, index: number, frame: CaptionFrame): string {
  const sceneRun = frame.scene.runs[index];
  if (frame.scene.network) {
    if (NETWORK_RUN_NAMES.includes(name)) return networkRunValue(name, sceneRun.id, frame);
    // The 2D runs underneath the network view are not what a caption there talks about.
    if (name !== 'label' && !(name in sceneRun.params)) return MISSING;
  }
  const k = shownStep(run, frame.step);
  switch (name) {
    case 'label':
      return sceneRun.label;
    case 'where':
      return run.particles > 1
        ? describeOutcomes(run, frame)
        : describeState(particleState(run, 0, k, frame.surface), frame);
    case 'loss': {
      if (run.particles === 1) return formatNumber(run.losses.get(k, 0));
      let low = Infinity;
      let high = -Infinity;
      for (let p = 0; p < run.particles; p++) {
        const loss = run.losses.get(k, p);
        low = Math.min(low, loss);
        high = Math.max(high, loss);
      }
      return `${formatNumber(low)} to ${formatNumber(high)}`;
    }
    case 'grad':
      return formatNumber(run.gradNorms.get(k, 0));
    case 'x':
      return formatNumber(run.positions.get(k, 0));
    case 'y':
      return formatNumber(run.positions.get(k, 1));
    case 'moved':
      return formatNumber(distanceFromStart(run, 0, k));
    case 'speed': {
      const speed = recentSpeed(run, 0, k);
      return Number.isFinite(speed) ? formatNumber(speed) : MISSING;
    }
    case 'curvature': {
      const [low, high] = curvatures(
        frame.surface.functions,
        run.positions.get(k, 0),
        run.positions.get(k, 1),
      );
      return `${formatNumber(high)} and ${formatNumber(low)}`;
    }
    case 'sent':
    case 'bytes':
    case 'fewer': {
      const cluster = run.gradientSource;
      if (!(cluster instanceof DistributedGradient)) return MISSING;
      const sent = cluster.valuesSent.get(k, 0);
      if (name === 'sent') return String(sent);
      if (name === 'bytes') return String(sent * cluster.bytesPerValue);
      // Dense sends both coordinates from every worker every step.
      const dense = 2 * cluster.workers * k;
      return sent > 0 ? formatNumber(Number((dense / sent).toPrecision(2))) : MISSING;
    }
    default: {
      const value = sceneRun.params[name];
      return value === undefined ? MISSING : formatParam(value);
    }
  }
}

/** The text of one binding at this frame. */
export function bindingText(binding: Binding, frame: CaptionFrame): string {
  if (binding.run === null) return sceneValue(binding.name, frame);
  const run = frame.simulation.runs[binding.run];
  if (!run || !frame.scene.runs[binding.run]) return MISSING;
  return runValue(binding.name, run, binding.run, frame);
}
