import { describe, expect, it } from 'vitest';
import { Viewport } from '../render/viewport.ts';
import { PlotGesture } from './plotGestures.ts';

/** 400 × 400 px over [−2, 2]²: 100 px per world unit, the world origin at pixel (200, 200). */
const viewport = new Viewport({ xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, 400, 400);

describe('PlotGesture', () => {
  it('a press and release that stays within the slop is a tap where it was released', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 100, 100, viewport);
    expect(gesture.move(1, 102, 101)).toEqual({ kind: 'none' });
    expect(gesture.up(1, viewport)).toEqual({ kind: 'tap', x: 102, y: 101 });
    expect(gesture.active).toBe(false);
  });

  it('one finger or the mouse pans the view from where the drag started, and is no tap', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 100, 100, viewport);
    gesture.move(1, 130, 100);
    expect(gesture.move(1, 150, 80)).toEqual({ kind: 'view', view: viewport.panned(50, -20) });
    expect(gesture.up(1, viewport)).toEqual({ kind: 'none' });
  });

  it('two fingers spreading apart zoom in about their midpoint', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 150, 200, viewport);
    gesture.down(2, 250, 200, viewport);
    gesture.move(1, 100, 200);
    const result = gesture.move(2, 300, 200);
    if (result.kind !== 'view') throw new Error(`expected a view, got ${result.kind}`);
    // Twice the distance: half the span, still centred on the midpoint (the world origin).
    expect(result.view.xMin).toBeCloseTo(-1, 12);
    expect(result.view.xMax).toBeCloseTo(1, 12);
    expect(result.view.yMin).toBeCloseTo(-1, 12);
    expect(result.view.yMax).toBeCloseTo(1, 12);
  });

  it('the world point under the fingers stays under them as they pinch and move together', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 100, 100, viewport);
    gesture.down(2, 200, 100, viewport);
    // The fingers move apart to 4/3 of their distance and their midpoint moves by (+40, +60).
    gesture.move(1, 123.33333333333333, 160);
    const result = gesture.move(2, 256.6666666666667, 160);
    if (result.kind !== 'view') throw new Error(`expected a view, got ${result.kind}`);
    const after = new Viewport(result.view, 400, 400);
    // The world point first under the midpoint (150, 100) is now under (190, 160).
    expect(after.toPixelX(viewport.toWorldX(150))).toBeCloseTo(190, 9);
    expect(after.toPixelY(viewport.toWorldY(100))).toBeCloseTo(160, 9);
    expect(after.scale).toBeCloseTo((viewport.scale * 4) / 3, 9);
  });

  it('after a pinch, lifting fingers never taps and the remaining finger pans without a jump', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 100, 100, viewport);
    gesture.down(2, 200, 100, viewport);
    gesture.move(2, 260, 100);
    expect(gesture.up(2, viewport)).toEqual({ kind: 'none' });
    expect(gesture.move(1, 101, 100)).toEqual({ kind: 'view', view: viewport.panned(1, 0) });
    expect(gesture.up(1, viewport)).toEqual({ kind: 'none' });
  });

  it('a cancelled pointer is forgotten and is no tap', () => {
    const gesture = new PlotGesture();
    gesture.down(1, 100, 100, viewport);
    gesture.cancel(1, viewport);
    expect(gesture.active).toBe(false);
    expect(gesture.move(1, 150, 150)).toEqual({ kind: 'none' });
    expect(gesture.up(1, viewport)).toEqual({ kind: 'none' });
  });
});
