import { describe, expect, it } from 'vitest';
import { describeFate, explosion, fateOf, formatGrowth, ViewExits, type FateRun } from './fate.ts';

/** A one-particle run through the given (x, y, loss) steps. */
function run(points: [number, number, number][], divergedAt = -1): FateRun {
  return {
    particles: 1,
    steps: points.length - 1,
    positions: { get: (k, c) => points[k][c] },
    losses: { get: (k) => points[k][2] },
    divergedAt: [divergedAt],
  };
}

const view = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

describe('fate', () => {
  it('calls a finite loss that grew a millionfold exploding, with its growth', () => {
    const exploding = run([
      [0, 0, 2],
      [5, 0, 1e3],
      [1e80, 0, 2e176],
    ]);
    expect(explosion(exploding, 0, 1)).toBeNull();
    expect(explosion(exploding, 0, 2)).toBe(1e176);
    expect(formatGrowth(1e176)).toBe('1e176×');
    const fate = fateOf(exploding, 0, 2, 1)!;
    expect(describeFate(fate)).toBe('left the view at step 1 · loss grew 1e176× — exploding');
  });

  it('does not call a wobble near a minimum of zero exploding', () => {
    expect(
      explosion(
        run([
          [0, 0, 1e-30],
          [0, 0, 1e-9],
        ]),
        0,
        1,
      ),
    ).toBeNull();
  });

  it('calls only a non-finite particle diverged, from its step on', () => {
    const diverged = run(
      [
        [0, 0, 1],
        [0, 0, 1],
        [0, 0, 1],
      ],
      2,
    );
    expect(fateOf(diverged, 0, 1, -1)).toBeNull();
    expect(describeFate(fateOf(diverged, 0, 2, -1)!)).toBe('diverged at step 2');
  });

  it('tracks since when a particle is outside the view, forward and after a scrub back', () => {
    const wanderer = run([
      [0, 0, 1],
      [2, 0, 1],
      [3, 0, 1],
      [0, 0, 1],
      [0, 5, 1],
    ]);
    const exits = new ViewExits();
    expect(exits.since(wanderer, view, 0)[0]).toBe(-1);
    expect(exits.since(wanderer, view, 2)[0]).toBe(1);
    expect(exits.since(wanderer, view, 3)[0]).toBe(-1);
    expect(exits.since(wanderer, view, 4)[0]).toBe(4);
    expect(exits.since(wanderer, view, 2)[0]).toBe(1);
    expect(exits.since(wanderer, { ...view, xMax: 10 }, 2)[0]).toBe(-1);
    expect(describeFate(fateOf(wanderer, 0, 2, 1)!)).toBe('left the view at step 1');
  });
});
