/**
 * Loads the PyTorch reference trajectories (test-data/torch-reference) and compares a computed run
 * with one. Test-only code: it reads a file, so it is never imported by the app.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ReferenceCase {
  id: string;
  surface: string;
  formula: string;
  optimizer: string;
  params: Record<string, number | boolean | number[] | null>;
  start: [number, number];
  steps: number;
  /** Position before step i (i = 0 … steps − 1). */
  trajectory: [number, number][];
  loss: number[];
  grad: [number, number][];
  /** Position after the last step. */
  final: [number, number];
  diverged: boolean;
  first_nonfinite_step: number | null;
  sensitivity_1ulp: number;
}

const DIRECTORY = new URL('../../../test-data/torch-reference/', import.meta.url);
const FILE = fileURLToPath(new URL('public-cases.json', DIRECTORY));

function revive(_key: string, value: unknown): unknown {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

export function loadReferenceCases(): ReferenceCase[] {
  return JSON.parse(readFileSync(FILE, 'utf8'), revive) as ReferenceCase[];
}

/**
 * A run of `public-schedules.json` (Rprop, ASGD, L-BFGS and torch.optim.lr_scheduler), or one of
 * our own files written the same way: one `opt.step(closure)` then `sched.step()` per step.
 */
export interface ScheduleCase {
  id: string;
  surface: string;
  formula: string;
  optimizer: string;
  /** Only the arguments the run passed; torch's defaults fill in the rest. */
  params: Record<string, number | boolean | string | number[] | null>;
  schedule?: { name: string; params: Record<string, unknown> };
  start: [number, number];
  steps: number;
  /** steps + 1 points, or up to and including `diverged_at`. Non-finite numbers are null. */
  trajectory: [number | null, number | null][];
  loss: (number | null)[];
  /** lr used by step i. */
  lr: number[];
  /** momentum or β₁ used by step i, when the schedule cycles it. */
  momentum?: number[];
  /** closure calls after step i. */
  evaluations: number[];
  diverged_at: number | null;
  sensitivity_1ulp: number;
}

/** Loads a file of schedule cases from test-data/torch-reference. */
export function loadScheduleCases(file = 'public-schedules.json'): ScheduleCase[] {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(file, DIRECTORY)), 'utf8'),
    revive,
  ) as ScheduleCase[];
}

/** Params as our optimizers take them: torch's flags that do not change the arithmetic dropped. */
export function referenceParams(
  c: ReferenceCase,
): Record<string, number | boolean | [number, number]> {
  const ignored = new Set(['foreach', 'differentiable', 'capturable', 'fused']);
  const out: Record<string, number | boolean | [number, number]> = {};
  for (const [name, value] of Object.entries(c.params)) {
    if (ignored.has(name) || value === null) continue;
    out[name] = Array.isArray(value) ? [value[0], value[1]] : value;
  }
  return out;
}

/** Cases whose dynamics amplify a one-ulp nudge enough that only the first steps can be compared. */
export const CHAOTIC_SENSITIVITY = 1e-10;
export const CHAOTIC_STEPS = 10;
export const TOLERANCE = 1e-9;

/** The path a case defines: trajectory then final, N + 1 points. */
export function referencePath(c: ReferenceCase): [number, number][] {
  return [...c.trajectory, c.final];
}

/**
 * How many leading points of the path are comparable: all of them, or the first CHAOTIC_STEPS for a
 * chaotic case, and never past the first non-finite step.
 */
export function comparableLength(c: ReferenceCase): number {
  let n = c.steps + 1;
  if (c.sensitivity_1ulp > CHAOTIC_SENSITIVITY) n = Math.min(n, CHAOTIC_STEPS);
  if (c.first_nonfinite_step !== null) n = Math.min(n, c.first_nonfinite_step);
  return n;
}

/** Largest relative error |a − b| / max(1, |b|) over the given coordinates. */
export function maxRelativeError(actual: readonly number[], expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= worst)) worst = err; // NaN counts as the worst possible error
  }
  return worst;
}

/** lr and momentum are a few float operations each: they must agree almost to the last bit. */
export const LR_TOLERANCE = 1e-12;

/** The request the trajectory CLI gets for a case. */
export function requestOf(c: ScheduleCase): Record<string, unknown> {
  return {
    surface: c.surface,
    optimizer: c.optimizer,
    params: c.params,
    start: c.start,
    steps: c.steps,
    ...(c.schedule ? { schedule: c.schedule } : {}),
  };
}

/** Points compared: all the finite ones, only the first few of a chaotic case. */
function comparable(c: ScheduleCase): number {
  let n = c.diverged_at ?? c.steps + 1;
  if (c.sensitivity_1ulp > CHAOTIC_SENSITIVITY) n = Math.min(n, CHAOTIC_STEPS);
  return n;
}

/** What a computed run gives for a schedule case (the trajectory CLI's output). */
export interface ScheduleCaseOutput {
  trajectory: [number, number][];
  lr: number[];
  momentum?: number[];
}

/** The worst relative error of a case's trajectory, lr and momentum, for the report. */
export function scheduleCaseErrors(c: ScheduleCase, output: ScheduleCaseOutput) {
  const n = comparable(c);
  const trajectory = maxRelativeError(
    output.trajectory.slice(0, n).flat(),
    c.trajectory.slice(0, n).flat() as number[],
  );
  const steps = output.lr.length;
  const lr = maxRelativeError(output.lr, c.lr.slice(0, steps));
  const momentum = c.momentum
    ? maxRelativeError(output.momentum ?? [], c.momentum.slice(0, steps))
    : 0;
  return { trajectory, lr, momentum };
}
