/**
 * Basin maps: which minimum each start of a grid ends in, per optimizer. An end point counts as a
 * known minimum's when it lies within POSITION_TOLERANCE (a share of the view's diagonal) of it;
 * end points near no known minimum but where the gradient has (almost) vanished are clustered into
 * "found" stationary points, so typed surfaces, whose minima nobody listed, still get basins.
 */
import type { Extent, Point } from '../geometry.ts';
import { resolveSurface } from '../scene/resolve.ts';
import type { KnownMinimum } from '../surfaces/types.ts';
import type { JoinedResult } from './run.ts';
import type { LabExperiment, OptimizerEntry } from './plan.ts';

export type BasinKind = 'minimum' | 'found' | 'other' | 'unconverged' | 'diverged';

export interface BasinCategory {
  kind: BasinKind;
  label: string;
  point: Point | null;
  value: number | null;
  global: boolean;
}

export interface BasinMap {
  preset: string;
  label: string;
  lr: number;
  steps: number;
  /** Category index per start, in the grid's order (rows from yMin up, columns from xMin). */
  labels: Uint8Array;
  /** Starts per category. */
  counts: number[];
}

export interface BasinResult {
  kind: 'basins';
  side: number;
  view: Extent;
  categories: BasinCategory[];
  maps: BasinMap[];
  positionTolerance: number;
  gradientTolerance: number;
}

/** An end point this close to a minimum (as a share of the view's diagonal) has reached it. */
export const POSITION_TOLERANCE = 0.01;
/** An end point where ‖∇f‖ is at most this, near no known minimum, is a found stationary point. */
export const GRADIENT_TOLERANCE = 1e-3;
/** Found points beyond this many share one "other" colour. */
export const MAX_FOUND = 8;

const short = (v: number) => String(Number(v.toPrecision(3)));
const showPoint = ([x, y]: Point) => `(${short(x)}, ${short(y)})`;

function nearest(points: readonly Point[], x: number, y: number, radius: number): number {
  let best = -1;
  let bestDistance = radius;
  points.forEach(([px, py], i) => {
    const distance = Math.hypot(x - px, y - py);
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

export function classifyBasins(
  experiment: LabExperiment,
  entries: readonly OptimizerEntry[],
  outcomes: readonly JoinedResult[],
  minima: readonly KnownMinimum[],
): BasinResult {
  const { view, spec } = experiment;
  const radius = POSITION_TOLERANCE * Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
  const knownPoints = minima.map((m) => m.point);
  const isStationaryElsewhere = (outcome: JoinedResult, p: number) =>
    outcome.divergedAt[p] < 0 &&
    nearest(knownPoints, outcome.finalX[p], outcome.finalY[p], radius) < 0 &&
    outcome.finalGradNorm[p] <= GRADIENT_TOLERANCE;

  // Pass 1: found points, in a fixed order (optimizer, then start), so the colours are stable.
  const found: Point[] = [];
  let overflow = false;
  for (const outcome of outcomes) {
    for (let p = 0; p < outcome.finalX.length; p++) {
      if (!isStationaryElsewhere(outcome, p)) continue;
      const x = outcome.finalX[p];
      const y = outcome.finalY[p];
      if (nearest(found, x, y, radius) >= 0) continue;
      if (found.length < MAX_FOUND) found.push([x, y]);
      else overflow = true;
    }
  }

  const f = resolveSurface(experiment.surface).surface.functions;
  const categories: BasinCategory[] = [
    ...minima.map((m) => ({
      kind: 'minimum' as const,
      label: `${m.global ? 'global' : 'local'} minimum ${showPoint(m.point)}`,
      point: m.point,
      value: m.value,
      global: m.global,
    })),
    ...found.map((point) => ({
      kind: 'found' as const,
      label: `stationary point ${showPoint(point)}`,
      point,
      value: f.value(point[0], point[1]),
      global: false,
    })),
  ];
  const other = overflow ? categories.length : -1;
  if (overflow)
    categories.push({
      kind: 'other',
      label: 'another stationary point',
      point: null,
      value: null,
      global: false,
    });
  const unconverged = categories.length;
  categories.push({
    kind: 'unconverged',
    label: 'not converged',
    point: null,
    value: null,
    global: false,
  });
  const diverged = categories.length;
  categories.push({ kind: 'diverged', label: 'diverged', point: null, value: null, global: false });

  // Pass 2: a category per start.
  const maps = outcomes.map((outcome, i) => {
    const labels = new Uint8Array(outcome.finalX.length);
    const counts = new Array<number>(categories.length).fill(0);
    for (let p = 0; p < labels.length; p++) {
      const x = outcome.finalX[p];
      const y = outcome.finalY[p];
      let category: number;
      if (outcome.divergedAt[p] >= 0) category = diverged;
      else {
        const known = nearest(knownPoints, x, y, radius);
        if (known >= 0) category = known;
        else if (outcome.finalGradNorm[p] <= GRADIENT_TOLERANCE) {
          const index = nearest(found, x, y, radius);
          category = index >= 0 ? minima.length + index : other;
        } else category = unconverged;
      }
      labels[p] = category;
      counts[category]++;
    }
    const entry = entries[i];
    return {
      preset: entry.preset,
      label: entry.label,
      lr: spec.lrs[i],
      steps: entry.steps,
      labels,
      counts,
    };
  });

  return {
    kind: 'basins',
    side: spec.starts,
    view,
    categories,
    maps,
    positionTolerance: radius,
    gradientTolerance: GRADIENT_TOLERANCE,
  };
}
