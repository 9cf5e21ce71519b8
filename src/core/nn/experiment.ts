/**
 * A network experiment end to end, as the Workers run it: build the data and the net from the spec
 * and seed, train every run, choose the plane (PCA of all runs' weight paths, or two
 * filter-normalised random directions), project the paths onto it, and sample the loss over it.
 */
import { cellCentres } from '../grid.ts';
import type { Extent } from '../geometry.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { ParamValue } from '../optimizers/types.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import { makeDataset, type SplitDataset } from './datasets.ts';
import { initialParameters } from './init.ts';
import { dot, randomFilterDirections, sampleLandscape } from './landscape.ts';
import { Network } from './network.ts';
import { networkLayers, networkOptimizerIssue, type NetworkSpec } from './spec.ts';
import { NetworkRun } from './train.ts';

export interface Experiment {
  layers: number[];
  data: SplitDataset;
  train: Network;
  test: Network;
  init: Float64Array;
}

export function buildExperiment(spec: NetworkSpec, seed: number): Experiment {
  const layers = networkLayers(spec);
  const data = makeDataset({
    kind: spec.dataset,
    size: spec.samples,
    noise: spec.noise,
    testFraction: spec.testFraction,
    seed,
  });
  const architecture = { layers, activation: spec.activation, loss: data.info.loss };
  return {
    layers,
    data,
    train: new Network(architecture, data.train),
    test: new Network(architecture, data.test),
    init: initialParameters(layers, seed),
  };
}

export interface RunConfig {
  optimizer: string;
  params: Record<string, ParamValue>;
  schedule?: ScheduleConfig;
}

export interface RunHistory {
  /** θ before each step and after the last: (steps + 1) rows of N, row-major. Rows after a
   * divergence repeat the last finite θ. */
  path: Float64Array;
  trainLoss: Float64Array;
  testLoss: Float64Array;
  /** Fractions correct; NaN for a regression target. */
  trainAccuracy: Float64Array;
  testAccuracy: Float64Array;
  /** The step at which the run diverged, or −1. */
  divergedAt: number;
  /** Why this optimizer could not train the net (it then stays at the start), or null. */
  issue: string | null;
}

/** Trains one run for `steps` steps, reporting each finished step. */
export function trainRun(
  experiment: Experiment,
  config: RunConfig,
  steps: number,
  batch?: { size: number; seed: number },
  onStep?: (step: number) => void,
): RunHistory {
  const { train, test, init } = experiment;
  const n = train.count;
  const classify = experiment.data.info.classes > 1;
  const history: RunHistory = {
    path: new Float64Array((steps + 1) * n),
    trainLoss: new Float64Array(steps + 1).fill(NaN),
    testLoss: new Float64Array(steps + 1).fill(NaN),
    trainAccuracy: new Float64Array(steps + 1).fill(NaN),
    testAccuracy: new Float64Array(steps + 1).fill(NaN),
    divergedAt: -1,
    issue: null,
  };
  const optimizer = findOptimizer(config.optimizer);
  const resolved = optimizer ? resolveParams(optimizer, config.params) : null;
  history.issue = !optimizer
    ? `unknown optimizer ${config.optimizer}`
    : !resolved?.ok
      ? resolved!.errors[0]
      : networkOptimizerIssue(optimizer, n);
  if (history.issue !== null || !optimizer || !resolved?.ok) {
    for (let k = 0; k <= steps; k++) history.path.set(init, k * n);
    return history;
  }
  const run = new NetworkRun({
    network: train,
    optimizer,
    params: resolved.params,
    schedule: config.schedule,
    init,
    batch: batch && batch.size < train.size ? batch : undefined,
    seed: batch?.seed ?? 0,
  });
  const record = (k: number) => {
    history.path.set(run.theta, k * n);
    history.trainLoss[k] = run.loss;
    const testLoss = test.size > 0 ? test.loss(run.theta) : NaN;
    history.testLoss[k] = testLoss;
    if (classify) {
      history.trainAccuracy[k] = train.accuracy(run.theta);
      history.testAccuracy[k] = test.size > 0 ? test.accuracy(run.theta) : NaN;
    }
  };
  record(0);
  for (let k = 1; k <= steps; k++) {
    const before = history.path.subarray((k - 1) * n, k * n);
    run.step();
    if (run.diverged) {
      history.divergedAt = run.divergedAt;
      for (let j = k; j <= steps; j++) history.path.set(before, j * n);
      break;
    }
    record(k);
    onStep?.(k);
  }
  return history;
}

export interface Plane {
  kind: 'pca' | 'random';
  origin: Float64Array;
  /** Unit (PCA) or filter-normalised (random) directions, orthogonal. */
  d1: Float64Array;
  d2: Float64Array;
  /** PCA: the share of all paths' variance along d1 and d2. */
  axisShare: [number, number] | null;
  /** Per run: the share of its path's variance that lies in the plane. */
  explained: number[];
  /** Per run: the distance of its final point from the plane. */
  offPlane: number[];
}

/** At most this many points of each path go into the PCA (evenly spaced steps). */
const PCA_POINTS_PER_RUN = 150;

/** The top eigenvector of XᵀX (X: rows of centred points) by power iteration, deflated by `skip`. */
function topDirection(rows: Float64Array[], n: number, skip: Float64Array | null): Float64Array {
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.sin(i * 12.9898 + 1) + 0.1; // a fixed, generic start
  for (let iteration = 0; iteration < 300; iteration++) {
    const next = new Float64Array(n);
    for (const row of rows) {
      const a = dot(row, v);
      for (let i = 0; i < n; i++) next[i] += a * row[i];
    }
    if (skip) {
      const along = dot(next, skip);
      for (let i = 0; i < n; i++) next[i] -= along * skip[i];
    }
    const norm = Math.sqrt(dot(next, next));
    if (!(norm > 0)) break;
    for (let i = 0; i < n; i++) next[i] /= norm;
    const change = Math.abs(Math.abs(dot(next, v)) - 1);
    v = next;
    if (change < 1e-12) break;
  }
  return v;
}

function pathRows(path: Float64Array, n: number): Float64Array[] {
  const count = path.length / n;
  const rows: Float64Array[] = [];
  const stride = Math.max(1, Math.floor((count - 1) / PCA_POINTS_PER_RUN));
  for (let k = 0; k < count; k += stride) rows.push(path.subarray(k * n, (k + 1) * n));
  if ((count - 1) % stride !== 0) rows.push(path.subarray((count - 1) * n, count * n));
  return rows;
}

/**
 * The plane through the mean of all runs' paths spanned by their two principal directions (PCA),
 * or through run 0's final point along two filter-normalised random directions (Li et al.).
 */
export function choosePlane(
  kind: 'pca' | 'random',
  experiment: Experiment,
  histories: RunHistory[],
  seed: number,
): Plane {
  const n = experiment.train.count;
  const paths = histories.map((h) => pathRows(h.path, n));
  let origin: Float64Array;
  let d1: Float64Array;
  let d2: Float64Array;
  let axisShare: [number, number] | null = null;
  if (kind === 'pca') {
    origin = new Float64Array(n);
    const all = paths.flat();
    for (const row of all) for (let i = 0; i < n; i++) origin[i] += row[i] / all.length;
    const centred = all.map((row) => row.map((v, i) => v - origin[i]));
    d1 = topDirection(centred, n, null);
    d2 = topDirection(centred, n, d1);
    let total = 0;
    let along1 = 0;
    let along2 = 0;
    for (const row of centred) {
      total += dot(row, row);
      along1 += dot(row, d1) ** 2;
      along2 += dot(row, d2) ** 2;
    }
    axisShare = total > 0 ? [along1 / total, along2 / total] : [0, 0];
  } else {
    const last = histories[0].path;
    origin = last.slice(last.length - n);
    [d1, d2] = randomFilterDirections(experiment.layers, origin, seed);
  }
  const unit1 = d1.map((v) => v / Math.sqrt(dot(d1, d1)));
  const unit2 = d2.map((v) => v / Math.sqrt(dot(d2, d2)));
  const explained = paths.map((rows) => {
    const mean = new Float64Array(n);
    for (const row of rows) for (let i = 0; i < n; i++) mean[i] += row[i] / rows.length;
    let total = 0;
    let inPlane = 0;
    for (const row of rows) {
      const c = row.map((v, i) => v - mean[i]);
      total += dot(c, c);
      inPlane += dot(c, unit1) ** 2 + dot(c, unit2) ** 2;
    }
    return total > 0 ? inPlane / total : 1;
  });
  const offPlane = paths.map((rows) => {
    const c = rows[rows.length - 1].map((v, i) => v - origin[i]);
    const a = dot(c, unit1);
    const b = dot(c, unit2);
    return Math.sqrt(Math.max(0, dot(c, c) - a * a - b * b));
  });
  return { kind, origin, d1, d2, axisShare, explained, offPlane };
}

/** Coordinates (α, β) of every row of a path in the plane: θ ≈ origin + α·d1 + β·d2. */
export function projectPath(plane: Plane, path: Float64Array): Float64Array {
  const n = plane.origin.length;
  const count = path.length / n;
  const out = new Float64Array(2 * count);
  const n1 = dot(plane.d1, plane.d1);
  const n2 = dot(plane.d2, plane.d2);
  for (let k = 0; k < count; k++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const c = path[k * n + i] - plane.origin[i];
      a += c * plane.d1[i];
      b += c * plane.d2[i];
    }
    out[2 * k] = a / n1;
    out[2 * k + 1] = b / n2;
  }
  return out;
}

/**
 * The view over the plane: every projected point with a margin of a quarter of the span each side;
 * the random plane also shows at least [−1, 1]² (one filter norm each way).
 */
export function planeExtent(kind: 'pca' | 'random', projections: Float64Array[]): Extent {
  let [xMin, xMax, yMin, yMax] =
    kind === 'random' ? [-1, 1, -1, 1] : [Infinity, -Infinity, Infinity, -Infinity];
  for (const points of projections) {
    for (let k = 0; k < points.length; k += 2) {
      const [x, y] = [points[k], points[k + 1]];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }
  if (!(xMax > xMin)) [xMin, xMax] = [xMin - 1, xMin + 1];
  if (!(yMax > yMin)) [yMin, yMax] = [yMin - 1, yMin + 1];
  const [mx, my] = [(xMax - xMin) / 4, (yMax - yMin) / 4];
  return { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my };
}

/**
 * Rows [from, to) of the landscape grid over `extent` (side × side cells, values at cell centres,
 * row 0 at yMin): the training loss at origin + α·d1 + β·d2.
 */
export function landscapeRows(
  experiment: Experiment,
  plane: Pick<Plane, 'origin' | 'd1' | 'd2'>,
  extent: Extent,
  side: number,
  rows: readonly [number, number],
): Float64Array {
  const alpha = cellCentres(extent.xMin, extent.xMax, side);
  const beta = cellCentres(extent.yMin, extent.yMax, side);
  return sampleLandscape(experiment.train, plane.origin, plane.d1, plane.d2, alpha, beta, rows);
}
