import { describe, expect, it } from 'vitest';
import { clearCorner } from './legendCorner.ts';

// A 100 × 100 plot and a 40 × 20 legend.
const PLOT = { width: 100, height: 100 };
const LEGEND = { width: 40, height: 20 };

describe('clearCorner', () => {
  const mark = (x: number, y: number) => ({ x, y });

  it('is top right unless a mark is under it', () => {
    expect(clearCorner([], PLOT, LEGEND, 10)).toBe('top-right');
    expect(clearCorner([mark(50, 50)], PLOT, LEGEND, 10)).toBe('top-right');
    // Just outside the box, but within reach of it.
    expect(clearCorner([mark(55, 25)], PLOT, LEGEND, 10)).toBe('top-left');
  });

  it('takes the next corner free of marks, or the one with fewest', () => {
    expect(clearCorner([mark(90, 5), mark(10, 5)], PLOT, LEGEND, 10)).toBe('bottom-right');
    const everywhere = [mark(90, 5), mark(80, 10), mark(10, 5), mark(90, 95), mark(10, 95)];
    expect(clearCorner(everywhere, PLOT, LEGEND, 0)).toBe('top-left');
  });
});
