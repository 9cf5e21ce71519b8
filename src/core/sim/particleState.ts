/**
 * Where a particle stands at a step, in words a lesson can say and a basin map can colour: settled
 * in (or passing) a known minimum, stopped at some other stationary point (told apart by the
 * Hessian), crawling, moving, gone off the plot, or diverged. Pure: reads a run's history and the
 * surface, so captions and the basin layer give the same answer for the same step.
 */
import type { Extent } from '../geometry.ts';
import type { KnownMinimum, SurfaceFunctions } from '../surfaces/types.ts';

/** What this module reads of a `Run`: plain data in tests. */
export interface ParticleHistory {
  readonly particles: number;
  /** Steps computed; the history holds steps + 1 records. */
  readonly steps: number;
  readonly positions: { get(step: number, column: number): number };
  readonly divergedAt: ArrayLike<number>;
}

export interface SurfaceContext {
  functions: SurfaceFunctions;
  minima: readonly KnownMinimum[];
  /** The surface's own view: the yardstick for "near", "slow" and "off the plot". */
  view: Extent;
}

export type StationaryKind = 'minimum' | 'saddle' | 'flat';

export type ParticleState =
  | { kind: 'diverged'; at: number }
  | { kind: 'left' }
  | { kind: 'near-minimum'; index: number; settled: boolean }
  | { kind: 'stopped'; point: StationaryKind }
  /** Crawling, with the stationary point it is creeping towards close by. */
  | { kind: 'approaching'; point: StationaryKind }
  | { kind: 'crawling'; speed: number }
  | { kind: 'moving'; speed: number };

/** Steps over which the recent speed is averaged: long enough to see through a zig-zag. */
export const MOTION_WINDOW = 10;
/** Per step, as a fraction of the view's span: below this a particle has (numerically) stopped. */
export const STOPPED_SPEED = 1e-9;
/** Below this it would need more than 10,000 steps to cross the view: crawling. */
export const CRAWLING_SPEED = 1e-4;
/** A particle farther than this many spans outside the view has left the plot. */
const OFF_PLOT_MARGIN = 0.5;
/** Hessian eigenvalues smaller than this in size count as no curvature. */
const FLAT_CURVATURE = 1e-4;

export function viewSpan(view: Extent): number {
  return Math.max(view.xMax - view.xMin, view.yMax - view.yMin);
}

/**
 * How close to a known minimum counts as "in" it: 3 % of the view, but never more than a little
 * under half the distance between two minima, so neighbouring basins never overlap.
 */
export function minimumTolerance(minima: readonly KnownMinimum[], view: Extent): number {
  let tolerance = 0.03 * viewSpan(view);
  for (let i = 0; i < minima.length; i++) {
    for (let j = i + 1; j < minima.length; j++) {
      const [ax, ay] = minima[i].point;
      const [bx, by] = minima[j].point;
      tolerance = Math.min(tolerance, 0.45 * Math.hypot(ax - bx, ay - by));
    }
  }
  return tolerance;
}

/** Index of the known minimum within `tolerance` of (x, y), the nearest if several; −1 if none. */
export function nearestMinimum(
  minima: readonly KnownMinimum[],
  x: number,
  y: number,
  tolerance: number,
): number {
  let best = -1;
  let bestDistance = tolerance;
  for (let i = 0; i < minima.length; i++) {
    const distance = Math.hypot(x - minima[i].point[0], y - minima[i].point[1]);
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** The step a particle is shown at: the step on screen, but never past what was computed. */
export function shownStep(run: ParticleHistory, step: number): number {
  return Math.max(0, Math.min(step, run.steps));
}

/** Mean distance moved per step over the last MOTION_WINDOW steps (Infinity at step 0: just set off). */
export function recentSpeed(run: ParticleHistory, particle: number, step: number): number {
  const k = shownStep(run, step);
  const from = Math.max(0, k - MOTION_WINDOW);
  if (k === from) return Infinity;
  const { positions } = run;
  const dx = positions.get(k, 2 * particle) - positions.get(from, 2 * particle);
  const dy = positions.get(k, 2 * particle + 1) - positions.get(from, 2 * particle + 1);
  return Math.hypot(dx, dy) / (k - from);
}

/** Straight-line distance from the start to where the particle is at `step`. */
export function distanceFromStart(run: ParticleHistory, particle: number, step: number): number {
  const k = shownStep(run, step);
  const { positions } = run;
  return Math.hypot(
    positions.get(k, 2 * particle) - positions.get(0, 2 * particle),
    positions.get(k, 2 * particle + 1) - positions.get(0, 2 * particle + 1),
  );
}

const hessian = new Float64Array(3);

/** The two eigenvalues of the Hessian at (x, y), smaller first. */
export function curvatures(functions: SurfaceFunctions, x: number, y: number): [number, number] {
  functions.hessian(x, y, hessian, 0);
  const [a, b, c] = hessian;
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  return [mean - radius, mean + radius];
}

/** A stationary point by its curvature: up both ways, a saddle, or flat (monkey saddle's origin). */
export function stationaryKind(low: number, high: number): StationaryKind {
  if (Math.abs(low) < FLAT_CURVATURE && Math.abs(high) < FLAT_CURVATURE) return 'flat';
  if (low < -FLAT_CURVATURE) return 'saddle';
  return 'minimum';
}

const gradient = new Float64Array(2);

/** A gradient this many times smaller than the surface's typical one counts as vanishing. */
const VANISHING_GRADIENT = 1e-3;
const typicalGradients = new WeakMap<SurfaceFunctions, number>();

/** The median ‖∇f‖ over a 16 × 16 grid on the view: the surface's own scale of steepness. */
export function typicalGradient(functions: SurfaceFunctions, view: Extent): number {
  const cached = typicalGradients.get(functions);
  if (cached !== undefined) return cached;
  const side = 16;
  const norms: number[] = [];
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const x = view.xMin + ((i + 0.5) / side) * (view.xMax - view.xMin);
      const y = view.yMin + ((j + 0.5) / side) * (view.yMax - view.yMin);
      functions.valueAndGradient(x, y, gradient, 0);
      const norm = Math.hypot(gradient[0], gradient[1]);
      if (Number.isFinite(norm)) norms.push(norm);
    }
  }
  norms.sort((a, b) => a - b);
  const typical = norms.length > 0 ? norms[norms.length >> 1] : 1;
  typicalGradients.set(functions, typical);
  return typical;
}

/**
 * The kind of stationary point within `tolerance` of (x, y), or null. Two tests, both free of the
 * surface's units: the gradient has all but vanished next to the surface's typical one, and the
 * Newton step −H⁻¹∇f (to where the local quadratic model is flat) is short. The first keeps a
 * plateau, where slope and curvature fade together, from passing for a saddle.
 */
export function nearbyStationaryPoint(
  surface: SurfaceContext,
  x: number,
  y: number,
  tolerance: number,
): StationaryKind | null {
  const { functions } = surface;
  // First, as it samples the surface through the same scratch buffer.
  const vanishing = VANISHING_GRADIENT * typicalGradient(functions, surface.view);
  functions.valueAndGradient(x, y, gradient, 0);
  if (!(Math.hypot(gradient[0], gradient[1]) < vanishing)) return null;
  functions.hessian(x, y, hessian, 0);
  const [a, b, c] = hessian;
  const determinant = a * c - b * b;
  // A singular Hessian (the monkey saddle's centre) gives no Newton step; a vanishing gradient
  // there is enough.
  if (determinant !== 0 && Number.isFinite(determinant)) {
    const dx = (c * gradient[0] - b * gradient[1]) / determinant;
    const dy = (a * gradient[1] - b * gradient[0]) / determinant;
    if (!(Math.hypot(dx, dy) < tolerance)) return null;
  }
  const [low, high] = curvatures(functions, x, y);
  return stationaryKind(low, high);
}

function isOffPlot(view: Extent, x: number, y: number): boolean {
  const margin = OFF_PLOT_MARGIN * viewSpan(view);
  return (
    x < view.xMin - margin ||
    x > view.xMax + margin ||
    y < view.yMin - margin ||
    y > view.yMax + margin
  );
}

/** Categories after the m known minima, as offsets from m. */
export const BASIN_OTHER = { stopped: 0, moving: 1, left: 2, diverged: 3 } as const;
export const BASIN_OTHER_COUNT = 4;

/**
 * Basin of one particle at `step`, for colouring its start: the index of the known minimum it is in
 * (0 … m − 1), else one of the categories after the minima (see BASIN_OTHER).
 * Allocation-free, so it can run for every particle of a large grid.
 */
export function basinOf(
  run: ParticleHistory,
  particle: number,
  step: number,
  surface: SurfaceContext,
  tolerance: number,
): number {
  const m = surface.minima.length;
  const k = shownStep(run, step);
  const diverged = run.divergedAt[particle];
  if (diverged >= 0 && diverged <= k) return m + BASIN_OTHER.diverged;
  const x = run.positions.get(k, 2 * particle);
  const y = run.positions.get(k, 2 * particle + 1);
  const near = nearestMinimum(surface.minima, x, y, tolerance);
  if (near >= 0) return near;
  if (isOffPlot(surface.view, x, y)) return m + BASIN_OTHER.left;
  const span = viewSpan(surface.view);
  const speed = recentSpeed(run, particle, k);
  if (speed < STOPPED_SPEED * span) return m + BASIN_OTHER.stopped;
  if (speed < CRAWLING_SPEED * span && nearbyStationaryPoint(surface, x, y, tolerance))
    return m + BASIN_OTHER.stopped;
  return m + BASIN_OTHER.moving;
}

/** The full story of one particle at `step` (captions). */
export function particleState(
  run: ParticleHistory,
  particle: number,
  step: number,
  surface: SurfaceContext,
): ParticleState {
  const k = shownStep(run, step);
  const diverged = run.divergedAt[particle];
  if (diverged >= 0 && diverged <= k) return { kind: 'diverged', at: diverged };
  const x = run.positions.get(k, 2 * particle);
  const y = run.positions.get(k, 2 * particle + 1);
  const span = viewSpan(surface.view);
  const speed = recentSpeed(run, particle, k);
  const tolerance = minimumTolerance(surface.minima, surface.view);
  const near = nearestMinimum(surface.minima, x, y, tolerance);
  if (near >= 0)
    return { kind: 'near-minimum', index: near, settled: speed < CRAWLING_SPEED * span };
  if (isOffPlot(surface.view, x, y)) return { kind: 'left' };
  if (speed < STOPPED_SPEED * span) {
    const [low, high] = curvatures(surface.functions, x, y);
    return { kind: 'stopped', point: stationaryKind(low, high) };
  }
  if (speed < CRAWLING_SPEED * span) {
    const point = nearbyStationaryPoint(surface, x, y, tolerance);
    return point ? { kind: 'approaching', point } : { kind: 'crawling', speed };
  }
  return { kind: 'moving', speed };
}
