/**
 * One optimizer run described as plain JSON, as the `trajectory` CLI takes it:
 * {"surface": "rosenbrock" | {"expression": "…"}, "optimizer": "Adam", "params": {…},
 *  "start": [x, y], "steps": 500, "noise": {"sigma": 0, "seed": 0},
 *  "schedule": {"name": "CosineAnnealingLR", "params": {"T_max": 500}}}
 * Output: N + 1 points (start, then the position after each step) and their losses; when a step
 * produces a non-finite position, loss or gradient, `diverged_at` is that step and the arrays stop
 * at the last finite point. Per step taken: `lr` (what that step used), `evaluations` (closure
 * calls so far after it: one per step, several for L-BFGS), and `momentum` (or β₁) when the
 * schedule cycles it.
 */
import { closestName } from './expr/errors.ts';
import { compileExpression } from './expr/index.ts';
import { resolveParams } from './optimizers/params.ts';
import { findOptimizer, OPTIMIZERS } from './optimizers/registry.ts';
import { isRecord, ownField } from './scene/checks.ts';
import { fieldPath, listWithin, show } from './scene/show.ts';
import { requestSchedule } from './schedules/validate.ts';
import { Run } from './sim/run.ts';
import { getSurface, SURFACE_IDS } from './surfaces/index.ts';
import type { SurfaceFunctions } from './surfaces/types.ts';

/** Steps one request may ask for: 1 M points of output is already ~40 MB of JSON. */
export const MAX_TRAJECTORY_STEPS = 1_000_000;

export interface TrajectoryOutput {
  trajectory: [number, number][];
  loss: number[];
  diverged_at: number | null;
  lr: number[];
  momentum?: number[];
  evaluations: number[];
}

export type TrajectoryResult =
  { ok: true; output: TrajectoryOutput } | { ok: false; error: string };

const FIELDS = ['surface', 'optimizer', 'params', 'start', 'steps', 'noise', 'schedule'];

class InputError extends Error {}

function fail(message: string): never {
  throw new InputError(message);
}

/** A message line at most this long: the known names get what the rest leaves. */
const MAX_LINE = 200;

/** `unknown surface "rosenbrok"; did you mean "rosenbrock"? (known: …)`, for ids and names. */
function unknownName(field: string, noun: string, value: string, known: readonly string[]): never {
  const close = value.length <= 40 ? closestName(value, known) : null;
  const hint = close === null ? '' : `; did you mean "${close}"?`;
  const head = `${field}: unknown ${noun} ${show(value)}${hint} (known: `;
  return fail(`${head}${listWithin(known, MAX_LINE - head.length - 1)})`);
}

function readSurface(value: unknown): SurfaceFunctions {
  if (typeof value === 'string') {
    return getSurface(value) ?? unknownName('surface', 'surface', value, SURFACE_IDS);
  }
  const expression = isRecord(value) ? ownField(value, 'expression') : undefined;
  if (typeof expression === 'string' && Object.keys(value as object).length === 1) {
    const compiled = compileExpression(expression);
    if (!compiled.ok) fail(`surface.expression: ${compiled.error.message}`);
    return compiled.functions;
  }
  return fail(`surface: expected a surface id or {"expression": "…"} (got ${show(value)})`);
}

function readStart(value: unknown): Float64Array {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    fail(`start: expected two finite numbers [x, y] (got ${show(value)})`);
  }
  return Float64Array.from(value as number[]);
}

function readSteps(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(`steps: expected a whole number ≥ 0 (got ${show(value)})`);
  }
  if (value > MAX_TRAJECTORY_STEPS) {
    fail(`steps: at most ${MAX_TRAJECTORY_STEPS.toLocaleString('en')} (got ${value})`);
  }
  return value;
}

function readNoise(value: unknown): { sigma: number; seed: number } {
  if (value === undefined) return { sigma: 0, seed: 0 };
  if (!isRecord(value))
    fail(`noise: expected {"sigma": number, "seed": integer} (got ${show(value)})`);
  for (const key of Object.keys(value)) {
    if (key !== 'sigma' && key !== 'seed') {
      fail(`${fieldPath('noise', key)}: unknown field (known: sigma, seed)`);
    }
  }
  // Absent means the default; null is a value given, and not a number.
  const sigma = ownField(value, 'sigma', 0);
  const seed = ownField(value, 'seed', 0);
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || sigma < 0) {
    fail(`noise.sigma: expected a number ≥ 0 (got ${show(sigma)})`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    fail(`noise.seed: expected a whole number (got ${show(seed)})`);
  }
  return { sigma, seed };
}

function run(input: unknown): TrajectoryOutput {
  if (!isRecord(input)) fail(`input: expected a JSON object (got ${show(input)})`);
  for (const key of Object.keys(input)) {
    if (!FIELDS.includes(key))
      fail(`${fieldPath('', key)}: unknown field (known: ${FIELDS.join(', ')})`);
  }
  const surface = readSurface(ownField(input, 'surface'));
  const name = ownField(input, 'optimizer');
  if (typeof name !== 'string') fail(`optimizer: expected an optimizer name (got ${show(name)})`);
  const optimizer =
    findOptimizer(name) ??
    unknownName(
      'optimizer',
      'optimizer',
      name,
      OPTIMIZERS.map((o) => o.name),
    );
  // No params: torch's defaults. null is not "no params": it is reported.
  const resolved = resolveParams(optimizer, ownField(input, 'params', {}));
  if (!resolved.ok) fail(resolved.errors[0]);
  const start = readStart(ownField(input, 'start'));
  const steps = readSteps(ownField(input, 'steps'));
  const noise = readNoise(ownField(input, 'noise'));
  const scheduled = requestSchedule(ownField(input, 'schedule'), optimizer);
  if (!scheduled.ok) fail(scheduled.error);
  const { schedule } = scheduled;

  const params = resolved.params;
  const path = new Run({ surface, optimizer, params, starts: start, noise, schedule });
  while (path.steps < steps && path.activeCount > 0) path.advance();
  // torch raises here (OneCycleLR stepped past total_steps): so does the request.
  if (path.scheduleEnded !== null) fail(`schedule: ${path.scheduleEnded}`);

  const divergedAt = path.divergedAt[0];
  const points = divergedAt >= 0 ? divergedAt : steps + 1;
  const trajectory: [number, number][] = [];
  const loss: number[] = [];
  for (let k = 0; k < points; k++) {
    trajectory.push([path.positions.get(k, 0), path.positions.get(k, 1)]);
    loss.push(path.losses.get(k, 0));
  }
  const taken = divergedAt >= 0 ? divergedAt : steps;
  const lr: number[] = [];
  const momentum: number[] = [];
  const evaluations: number[] = [];
  for (let k = 0; k < taken; k++) {
    lr.push(path.rates.get(k, 0));
    momentum.push(path.rates.get(k, 1));
    evaluations.push(path.evaluationsAt(k + 1, 0));
  }
  return {
    trajectory,
    loss,
    diverged_at: divergedAt >= 0 ? divergedAt : null,
    lr,
    ...(path.cyclesMomentum ? { momentum } : {}),
    evaluations,
  };
}

/** Runs a request; invalid input gives one message naming the field, never an exception. */
export function computeTrajectory(input: unknown): TrajectoryResult {
  try {
    return { ok: true, output: run(input) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: error.message };
    throw error;
  }
}
