import { describe, expect, it } from 'vitest';
import { quietestCorner } from './pathCorner.ts';

// The plane [0, 1]² on a 100 × 100 plot (β up), and a 40 × 20 legend.
const EXTENT = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
const PLOT = { width: 100, height: 100 };
const LEGEND = { width: 40, height: 20 };
const path = (...points: number[]) => new Float64Array(points);

describe('quietestCorner', () => {
  it('is top right when nothing is in the way', () => {
    expect(quietestCorner([], EXTENT, PLOT, LEGEND)).toBe('top-right');
    expect(quietestCorner([path(0.5, 0.5, 0.4, 0.5)], EXTENT, PLOT, LEGEND)).toBe('top-right');
  });

  it('leaves a corner a path ends in', () => {
    // From the middle to (0.9, 0.95): its end marker and last stretch are under a top-right legend.
    expect(quietestCorner([path(0.5, 0.5, 0.9, 0.95)], EXTENT, PLOT, LEGEND)).toBe('top-left');
  });

  it('counts the part of a segment that crosses a corner, not only its ends', () => {
    // Both ends outside every corner box; the segment cuts across the top-right and top-left ones.
    const across = path(0.02, 0.5, 0.98, 0.9);
    expect(quietestCorner([across], EXTENT, PLOT, { width: 60, height: 30 })).not.toBe('top-right');
    expect(quietestCorner([across, path(0.5, 0.05, 0.5, 0.06)], EXTENT, PLOT, LEGEND)).toBe(
      'top-left',
    );
  });

  it('takes the corner with the least path when every corner has some', () => {
    const paths = [
      path(0.95, 0.95, 0.7, 0.95, 0.6, 0.95), // top right, 35 px
      path(0.05, 0.95, 0.3, 0.95), // top left, 25 px
      path(0.95, 0.05, 0.85, 0.05), // bottom right, 10 px
      path(0.05, 0.05, 0.2, 0.05), // bottom left, 15 px
    ];
    // Every corner also has one start and one end marker inside.
    expect(quietestCorner(paths, EXTENT, PLOT, LEGEND)).toBe('bottom-right');
  });

  it('skips non-finite points', () => {
    const diverged = path(0.9, 0.95, NaN, NaN, Infinity, 1);
    expect(quietestCorner([diverged], EXTENT, PLOT, LEGEND)).toBe('top-left');
  });
});
