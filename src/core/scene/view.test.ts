import { describe, expect, it } from 'vitest';
import { boundedView, containsPoint, MAX_ZOOM_IN, MAX_ZOOM_OUT } from './view.ts';

const home = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
const span = (v: { xMin: number; xMax: number }) => v.xMax - v.xMin;

describe('boundedView', () => {
  it('keeps a view within the range', () => {
    const view = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
    expect(boundedView(view, home)).toBe(view);
  });

  it('stops zooming in where contours would be rounding noise, about the same centre', () => {
    const tiny = boundedView({ xMin: 1, xMax: 1 + 1e-12, yMin: 1, yMax: 1 + 1e-12 }, home);
    expect(span(tiny)).toBeCloseTo(4 / MAX_ZOOM_IN, 15);
    expect((tiny.xMin + tiny.xMax) / 2).toBeCloseTo(1 + 5e-13, 12);
  });

  it('stops zooming out at a hundred times the surface view', () => {
    const huge = boundedView({ xMin: -1e9, xMax: 1e9, yMin: -1e9, yMax: 1e9 }, home);
    expect(span(huge)).toBeCloseTo(4 * MAX_ZOOM_OUT, 6);
  });

  it('falls back on the surface view for a broken one', () => {
    expect(boundedView({ xMin: NaN, xMax: 1, yMin: 0, yMax: 1 }, home)).toBe(home);
    expect(boundedView({ xMin: 1, xMax: 1, yMin: 1, yMax: 1 }, home)).toBe(home);
  });
});

describe('containsPoint', () => {
  it('includes the edges', () => {
    expect(containsPoint(home, [2, 3])).toBe(true);
    expect(containsPoint(home, [2.1, 0])).toBe(false);
  });
});
