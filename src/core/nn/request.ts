/**
 * The two requests of the `network` CLI, as plain JSON (`network` as in
 * ../shared/reference/public-networks.json: {layers, activation, loss, data: {x, y}, init}):
 *   train:     {network, optimizer, params, schedule?, steps}
 *              → {loss: [L(θ) before each step], parameters: [θ after the last step], diverged_at}
 *   landscape: {network, parameters, directions: [δ, η], normalize: "filter" | "none", alpha, beta}
 *              → {loss: [[L(θ + α_j·δ + β_i·η) for j] for i]}
 * A run that produces a non-finite θ, loss or gradient stops: `diverged_at` is that step, `loss`
 * holds the steps before it and `parameters` the last finite θ. Non-finite grid values are written
 * as the strings "NaN", "Infinity", "-Infinity", as in the reference files.
 */
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer, OPTIMIZERS } from '../optimizers/registry.ts';
import { isRecord, ownField } from '../scene/checks.ts';
import { fieldPath, show } from '../scene/show.ts';
import { requestSchedule } from '../schedules/validate.ts';
import { filterNormalize, linspace, sampleLandscape, type Span } from './landscape.ts';
import {
  ACTIVATIONS,
  LOSSES,
  Network,
  parameterCount,
  type Activation,
  type LossName,
} from './network.ts';
import { networkOptimizerIssue } from './spec.ts';
import { NetworkRun } from './train.ts';

export const MAX_NETWORK_STEPS = 100_000;
/** Widths and samples one request may ask for (a grid of that net is already minutes of work). */
export const MAX_WIDTH = 256;
export const MAX_LAYERS = 8;
export const MAX_SAMPLES = 100_000;
export const MAX_GRID_SIDE = 1001;

export interface TrainOutput {
  loss: number[];
  parameters: number[];
  diverged_at: number | null;
}

export interface LandscapeOutput {
  loss: (number | string)[][];
}

export type NetworkResult =
  { ok: true; output: TrainOutput | LandscapeOutput } | { ok: false; error: string };

const TRAIN_FIELDS = ['network', 'optimizer', 'params', 'schedule', 'steps'];
const LANDSCAPE_FIELDS = ['network', 'parameters', 'directions', 'normalize', 'alpha', 'beta'];
const NETWORK_FIELDS = ['layers', 'activation', 'loss', 'data', 'init'];

class InputError extends Error {}

function fail(message: string): never {
  throw new InputError(message);
}

function finiteList(field: string, value: unknown, length?: number): Float64Array {
  const what = length === undefined ? 'a list of finite numbers' : `${length} finite numbers`;
  if (
    !Array.isArray(value) ||
    (length !== undefined && value.length !== length) ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    const got = Array.isArray(value) ? `a list of ${value.length}` : show(value);
    fail(`${field}: expected ${what} (got ${got})`);
  }
  return Float64Array.from(value as number[]);
}

function readLayers(value: unknown): number[] {
  const ok =
    Array.isArray(value) &&
    value.length >= 2 &&
    value.length <= MAX_LAYERS &&
    value.every((w) => Number.isInteger(w) && w >= 1 && w <= MAX_WIDTH) &&
    value[0] === 2;
  if (!ok) {
    fail(
      `network.layers: expected [2, h1, …, k]: 2 to ${MAX_LAYERS} widths from 1 to ${MAX_WIDTH}, the first 2 (got ${show(value)})`,
    );
  }
  return value as number[];
}

/** The `network` field: architecture, samples and (when `needInit`) the initial parameters. */
function readNetwork(
  value: unknown,
  needInit: boolean,
): { network: Network; init: Float64Array | null } {
  if (!isRecord(value))
    fail(`network: expected {layers, activation, loss, data, init} (got ${show(value)})`);
  for (const key of Object.keys(value)) {
    if (!NETWORK_FIELDS.includes(key)) {
      fail(`${fieldPath('network', key)}: unknown field (known: ${NETWORK_FIELDS.join(', ')})`);
    }
  }
  const layers = readLayers(ownField(value, 'layers'));
  const activation = ownField(value, 'activation');
  if (!ACTIVATIONS.includes(activation as Activation)) {
    fail(`network.activation: expected ${ACTIVATIONS.join(', ')} (got ${show(activation)})`);
  }
  const loss = ownField(value, 'loss');
  if (!LOSSES.includes(loss as LossName)) {
    fail(`network.loss: expected ${LOSSES.join(', ')} (got ${show(loss)})`);
  }
  const outputs = layers[layers.length - 1];
  if (loss === 'cross_entropy' ? outputs < 2 : outputs !== 1) {
    const need = loss === 'cross_entropy' ? 'at least 2 outputs (one per class)' : 'one output';
    fail(`network.layers: ${String(loss)} needs ${need} (got ${outputs})`);
  }
  const data = ownField(value, 'data');
  if (!isRecord(data))
    fail(`network.data: expected {x: [[x1, x2], …], y: […]} (got ${show(data)})`);
  const x = ownField(data, 'x');
  if (
    !Array.isArray(x) ||
    x.length === 0 ||
    x.length > MAX_SAMPLES ||
    !x.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 2 &&
        row.every((v) => typeof v === 'number' && Number.isFinite(v)),
    )
  ) {
    fail(`network.data.x: expected 1 to ${MAX_SAMPLES} pairs of finite numbers [x1, x2]`);
  }
  const targets = finiteList('network.data.y', ownField(data, 'y'), x.length);
  for (const t of targets) {
    const valid =
      loss === 'cross_entropy'
        ? Number.isInteger(t) && t >= 0 && t < outputs
        : loss === 'bce'
          ? t >= 0 && t <= 1
          : true;
    if (!valid) {
      const need =
        loss === 'cross_entropy' ? `class indices 0 … ${outputs - 1}` : 'targets in [0, 1]';
      fail(`network.data.y: ${String(loss)} needs ${need} (got ${t})`);
    }
  }
  const count = parameterCount(layers);
  const initValue = ownField(value, 'init');
  const init =
    initValue === undefined && !needInit ? null : finiteList('network.init', initValue, count);
  const network = new Network(
    { layers, activation: activation as Activation, loss: loss as LossName },
    { inputs: Float64Array.from((x as number[][]).flat()), targets },
  );
  return { network, init };
}

function readSpan(field: string, value: unknown): Span {
  const ok =
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    Number.isInteger(value[2]) &&
    value[2] >= 1 &&
    value[2] <= MAX_GRID_SIDE;
  if (!ok)
    fail(`${field}: expected [lo, hi, n] with n from 1 to ${MAX_GRID_SIDE} (got ${show(value)})`);
  return value as unknown as Span;
}

function checkFields(input: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      fail(`${fieldPath('', key)}: unknown field (known: ${known.join(', ')})`);
  }
}

function train(input: Record<string, unknown>): TrainOutput {
  checkFields(input, TRAIN_FIELDS);
  const { network, init } = readNetwork(ownField(input, 'network'), true);
  const name = ownField(input, 'optimizer');
  if (typeof name !== 'string') fail(`optimizer: expected an optimizer name (got ${show(name)})`);
  const optimizer = findOptimizer(name);
  if (!optimizer) {
    fail(
      `optimizer: unknown optimizer ${show(name)} (known: ${OPTIMIZERS.map((o) => o.name).join(', ')})`,
    );
  }
  const issue = networkOptimizerIssue(optimizer, network.count);
  if (issue !== null) fail(`optimizer: ${issue}`);
  const resolved = resolveParams(optimizer, ownField(input, 'params', {}));
  if (!resolved.ok) fail(resolved.errors[0]);
  const scheduled = requestSchedule(ownField(input, 'schedule'), optimizer);
  if (!scheduled.ok) fail(scheduled.error);
  const { schedule } = scheduled;
  const steps = ownField(input, 'steps');
  if (
    typeof steps !== 'number' ||
    !Number.isInteger(steps) ||
    steps < 0 ||
    steps > MAX_NETWORK_STEPS
  ) {
    fail(`steps: expected a whole number from 0 to ${MAX_NETWORK_STEPS} (got ${show(steps)})`);
  }
  const run = new NetworkRun({
    network,
    optimizer,
    params: resolved.params,
    schedule,
    init: init!,
  });
  const loss: number[] = [];
  const last = Float64Array.from(run.theta);
  while (run.steps < steps && !run.diverged) {
    loss.push(run.loss);
    last.set(run.theta);
    run.step();
    if (run.scheduleEnded !== null) fail(`schedule: ${run.scheduleEnded}`);
  }
  if (!run.diverged) last.set(run.theta);
  return {
    loss,
    parameters: Array.from(last),
    diverged_at: run.diverged ? run.divergedAt : null,
  };
}

/** A number as the reference files write it: non-finite ones as strings. */
function written(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function landscape(input: Record<string, unknown>): LandscapeOutput {
  checkFields(input, LANDSCAPE_FIELDS);
  const { network } = readNetwork(ownField(input, 'network'), false);
  const count = network.count;
  const theta = finiteList('parameters', ownField(input, 'parameters'), count);
  const directions = ownField(input, 'directions');
  if (!Array.isArray(directions) || directions.length !== 2) {
    fail(
      `directions: expected two directions [δ, η] of ${count} numbers each (got ${show(directions)})`,
    );
  }
  let [delta, eta] = directions.map((d, k) => finiteList(`directions[${k}]`, d, count));
  const normalize = ownField(input, 'normalize');
  if (normalize !== 'filter' && normalize !== 'none') {
    fail(`normalize: expected "filter" or "none" (got ${show(normalize)})`);
  }
  if (normalize === 'filter') {
    const layers = network.architecture.layers;
    delta = filterNormalize(layers, theta, delta);
    eta = filterNormalize(layers, theta, eta);
  }
  const alpha = linspace(readSpan('alpha', ownField(input, 'alpha')));
  const beta = linspace(readSpan('beta', ownField(input, 'beta')));
  const grid = sampleLandscape(network, theta, delta, eta, alpha, beta);
  const loss: (number | string)[][] = [];
  for (let i = 0; i < beta.length; i++) {
    loss.push(Array.from(grid.subarray(i * alpha.length, (i + 1) * alpha.length), written));
  }
  return { loss };
}

/** Answers a request; invalid input gives one message naming the field, never an exception. */
export function computeNetworkRequest(input: unknown): NetworkResult {
  try {
    if (!isRecord(input)) fail(`input: expected a JSON object (got ${show(input)})`);
    const isLandscape = ownField(input, 'directions') !== undefined;
    return { ok: true, output: isLandscape ? landscape(input) : train(input) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: error.message };
    throw error;
  }
}
