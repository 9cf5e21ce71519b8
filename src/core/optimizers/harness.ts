/**
 * Test-only: drives an optimizer the way torch's loop (and the simulation) does, recording
 * everything, so tests can compare whole trajectories. Allocates freely; never used by the app.
 */
import type { SurfaceFunctions } from '../surfaces/types.ts';
import { prepareGradient } from './prepare.ts';
import { createOptimizerState } from './state.ts';
import type { OptimizerDefinition, Params } from './types.ts';

export interface Trajectory {
  /** Positions x0, y0, x1, y1, … before each step, then after the last: steps + 1 rows. */
  positions: Float64Array[];
  /** Per particle: the first step i with a non-finite position, loss or gradient, or −1. */
  firstNonFinite: Int32Array;
}

export interface DriveOptions {
  steps: number;
  /** Uniform numbers in [0, 1) by (particle, step t, draw), for optimizers that ask. */
  uniform?: (particle: number, t: number, draw: number) => number;
  /** Called after each step with the step count t (for peeking at state). */
  afterStep?: (t: number, state: readonly Float64Array[]) => void;
}

/**
 * for i in 0 … steps − 1: evaluate f and ∇f at θ (record θ; a non-finite θ, f or ∇f stops the
 * particle), prepareGradient, step with t = i + 1. A particle stopped at step i keeps its position.
 */
export function drive(
  def: OptimizerDefinition,
  params: Params,
  surface: Pick<SurfaceFunctions, 'valueAndGradient' | 'hessian'>,
  starts: readonly number[],
  options: DriveOptions,
): Trajectory {
  const n = starts.length;
  const particles = n >> 1;
  const theta = Float64Array.from(starts);
  const grad = new Float64Array(n);
  const active = new Uint8Array(particles).fill(1);
  const firstNonFinite = new Int32Array(particles).fill(-1);
  const state = createOptimizerState(def, params, n);
  const loss = def.needsClosure ? new Float64Array(particles) : null;
  const closure = def.needsClosure
    ? (_p: number, point: Float64Array, out: Float64Array) =>
        surface.valueAndGradient(point[0], point[1], out, 0)
    : null;
  const hessian = def.needsHessian ? new Float64Array(3 * particles) : null;
  let t = 0;
  const source = options.uniform;
  const uniform = source ? (particle: number, draw: number) => source(particle, t, draw) : null;
  const positions: Float64Array[] = [];
  const stop = (p: number, i: number) => {
    active[p] = 0;
    firstNonFinite[p] = i;
  };
  for (let i = 0; i < options.steps; i++) {
    positions.push(theta.slice());
    for (let p = 0; p < particles; p++) {
      if (active[p] === 0) continue;
      const f = surface.valueAndGradient(theta[2 * p], theta[2 * p + 1], grad, 2 * p);
      if (loss) loss[p] = f;
      const values = [theta[2 * p], theta[2 * p + 1], f, grad[2 * p], grad[2 * p + 1]];
      if (!values.every(Number.isFinite)) stop(p, i);
      else if (hessian) surface.hessian(theta[2 * p], theta[2 * p + 1], hessian, 3 * p);
    }
    prepareGradient(def, params, theta, grad, active);
    t = i + 1;
    def.step(params, { n, theta, grad, active, t, state, hessian, uniform, closure, loss });
    options.afterStep?.(t, state);
  }
  positions.push(theta.slice());
  for (let p = 0; p < particles; p++) {
    const finite = Number.isFinite(theta[2 * p]) && Number.isFinite(theta[2 * p + 1]);
    if (active[p] !== 0 && !finite) stop(p, options.steps);
  }
  return { positions, firstNonFinite };
}

/** Particle p's path as x, y pairs, one row per step. */
export function particlePath(trajectory: Trajectory, p: number): number[] {
  return trajectory.positions.flatMap((row) => [row[2 * p], row[2 * p + 1]]);
}
