import { describe, expect, it } from 'vitest';
import { Viewport } from './viewport.ts';

describe('Viewport', () => {
  const square = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };

  it('keeps equal scale and widens the view to fill a wide box', () => {
    const v = new Viewport(square, 800, 400);
    expect(v.scale).toBe(100);
    expect(v.extent).toEqual({ xMin: -4, xMax: 4, yMin: -1, yMax: 3 });
  });

  it('maps world to pixels with y up, and back', () => {
    const v = new Viewport(square, 400, 400);
    expect(v.toPixelX(-2)).toBe(0);
    expect(v.toPixelY(3)).toBe(0);
    expect(v.toPixelY(-1)).toBe(400);
    expect(v.toWorldX(v.toPixelX(0.7))).toBeCloseTo(0.7, 12);
    expect(v.toWorldY(v.toPixelY(0.7))).toBeCloseTo(0.7, 12);
  });

  it('zooms about the pointer, keeping the point under it fixed', () => {
    const v = new Viewport(square, 400, 400);
    const zoomed = new Viewport(v.zoomedAbout(100, 300, 2), 400, 400);
    expect(zoomed.toWorldX(100)).toBeCloseTo(v.toWorldX(100), 12);
    expect(zoomed.toWorldY(300)).toBeCloseTo(v.toWorldY(300), 12);
    expect(zoomed.scale).toBeCloseTo(2 * v.scale, 12);
  });

  it('pans with the drag: content follows the pointer', () => {
    const v = new Viewport(square, 400, 400);
    const moved = new Viewport(v.panned(50, -20), 400, 400);
    expect(moved.toPixelX(0) - v.toPixelX(0)).toBeCloseTo(50, 9);
    expect(moved.toPixelY(0) - v.toPixelY(0)).toBeCloseTo(-20, 9);
  });
});
