import { describe, expect, it } from 'vitest';
import { getSurface } from '../surfaces/index.ts';
import type { KnownMinimum } from '../surfaces/types.ts';
import {
  BASIN_OTHER,
  basinOf,
  curvatures,
  minimumTolerance,
  particleState,
  recentSpeed,
  stationaryKind,
  type ParticleHistory,
} from './particleState.ts';

/** A one-particle history from a list of points (and the step it diverged at, if any). */
function history(points: [number, number][], divergedAt = -1): ParticleHistory {
  return {
    particles: 1,
    steps: points.length - 1,
    positions: { get: (step, column) => points[step][column] },
    divergedAt: [divergedAt],
  };
}

const saddle = getSurface('saddle')!;
const himmelblau = getSurface('himmelblau')!;
const monkey = getSurface('monkey_saddle')!;
const context = (surface = himmelblau) => ({
  functions: surface,
  minima: surface.minima,
  view: surface.view,
});

/** n steps standing still at (x, y). */
const still = (x: number, y: number, n = 20): [number, number][] =>
  Array.from({ length: n }, () => [x, y]);

describe('particleState', () => {
  it('minimumTolerance stays under half the gap between neighbouring minima', () => {
    const minima: KnownMinimum[] = [
      { point: [0, 0], value: 0, global: true },
      { point: [0.1, 0], value: 0, global: false },
    ];
    expect(minimumTolerance(minima, { xMin: -5, xMax: 5, yMin: -5, yMax: 5 })).toBeCloseTo(0.045);
    expect(minimumTolerance([], { xMin: -5, xMax: 5, yMin: -5, yMax: 5 })).toBeCloseTo(0.3);
  });

  it('recentSpeed averages the last ten steps, and is infinite at the start', () => {
    const line = Array.from({ length: 21 }, (_, k) => [k * 0.5, 0] as [number, number]);
    expect(recentSpeed(history(line), 0, 20)).toBeCloseTo(0.5);
    expect(recentSpeed(history(line), 0, 0)).toBe(Infinity);
  });

  it('names the known minimum a resting particle sits in, and says it settled', () => {
    const run = history(still(3.001, 2));
    expect(particleState(run, 0, 19, context())).toEqual({
      kind: 'near-minimum',
      index: 0,
      settled: true,
    });
    expect(
      basinOf(run, 0, 19, context(), minimumTolerance(himmelblau.minima, himmelblau.view)),
    ).toBe(0);
  });

  it('tells a saddle from a flat point by the Hessian when a particle stops away from any minimum', () => {
    expect(particleState(history(still(0, 0)), 0, 19, context(saddle))).toEqual({
      kind: 'stopped',
      point: 'saddle',
    });
    expect(particleState(history(still(0, 0)), 0, 19, context(monkey))).toEqual({
      kind: 'stopped',
      point: 'flat',
    });
    expect(curvatures(saddle, 0, 0)).toEqual([-2, 2]);
    expect(stationaryKind(1, 3)).toBe('minimum');
  });

  it('reports divergence, leaving the plot, crawling and moving', () => {
    const tol = minimumTolerance(himmelblau.minima, himmelblau.view);
    const diverged = history(still(0, 0, 5), 3);
    expect(particleState(diverged, 0, 4, context())).toEqual({ kind: 'diverged', at: 3 });
    expect(basinOf(diverged, 0, 4, context(), tol)).toBe(4 + BASIN_OTHER.diverged);
    // Before its divergence step the same particle is still an ordinary one.
    expect(particleState(diverged, 0, 2, context()).kind).not.toBe('diverged');

    const far = history(still(40, 0));
    expect(particleState(far, 0, 19, context())).toEqual({ kind: 'left' });
    expect(basinOf(far, 0, 19, context(), tol)).toBe(4 + BASIN_OTHER.left);

    const slow = history(Array.from({ length: 20 }, (_, k) => [1e-4 * k, 0] as [number, number]));
    expect(particleState(slow, 0, 19, context()).kind).toBe('crawling');
    expect(basinOf(slow, 0, 19, context(), tol)).toBe(4 + BASIN_OTHER.moving);

    const fast = history(Array.from({ length: 20 }, (_, k) => [0.1 * k, 0] as [number, number]));
    expect(particleState(fast, 0, 19, context()).kind).toBe('moving');
  });

  it('crawling towards a saddle is "approaching" it; crawling across a plateau is not', () => {
    const towardsSaddle = Array.from(
      { length: 20 },
      (_, k) => [1e-3 * 0.99 ** k, 0] as [number, number],
    );
    expect(particleState(history(towardsSaddle), 0, 19, context(saddle))).toEqual({
      kind: 'approaching',
      point: 'saddle',
    });
    const plateau = getSurface('plateau')!;
    const acrossPlateau = Array.from(
      { length: 20 },
      (_, k) => [2.5 - 5e-5 * k, 1.8 - 3.6e-5 * k] as [number, number],
    );
    expect(particleState(history(acrossPlateau), 0, 19, context(plateau)).kind).toBe('crawling');
  });

  it('a particle standing still away from every known minimum is "stopped elsewhere" for basins', () => {
    const tol = minimumTolerance(himmelblau.minima, himmelblau.view);
    expect(basinOf(history(still(0, 0)), 0, 19, context(), tol)).toBe(4 + BASIN_OTHER.stopped);
  });
});
