import { describe, expect, it, vi } from 'vitest';
import { defaultScene, type Scene } from '../core/scene/scene.ts';
import { basinColor, BasinLayer, REDRAW_INTERVAL_MS, type BasinSummary } from './basinLayer.ts';
import { frameOf } from './testFrames.ts';
import { Viewport } from './viewport.ts';

/** A canvas whose 2D context draws nothing: these tests read the layer's summaries. */
function fakeCanvas() {
  const ctx = new Proxy({}, { get: () => () => {}, set: () => true });
  const canvas = { width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
  (ctx as { canvas?: HTMLCanvasElement }).canvas = canvas;
  return { canvas };
}

const himmelblauGrid: Scene = {
  ...defaultScene(),
  surface: { id: 'himmelblau' },
  runs: [defaultScene().runs[0]],
  starts: { kind: 'grid', count: 10 },
  steps: 300,
};

describe('BasinLayer', () => {
  it('counts a 10 × 10 grid on Himmelblau into its four minima', () => {
    const { canvas } = fakeCanvas();
    const layer = new BasinLayer(canvas, null, () => {});
    const summaries: BasinSummary[] = [];
    layer.onSummary((summary) => summaries.push(summary));
    layer.setViewport(new Viewport({ xMin: -5, xMax: 5, yMin: -5, yMax: 5 }, 400, 400), 1);
    layer.draw(frameOf(himmelblauGrid, 300));
    const { runIndex, counts } = summaries.at(-1)!;
    expect(runIndex).toBe(0);
    expect(Array.from(counts.slice(0, 4)).every((count) => count > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('with one start point there is nothing to colour', () => {
    const { canvas } = fakeCanvas();
    const layer = new BasinLayer(canvas, null, () => {});
    const summaries: BasinSummary[] = [];
    layer.onSummary((summary) => summaries.push(summary));
    layer.setViewport(new Viewport({ xMin: -5, xMax: 5, yMin: -5, yMax: 5 }, 400, 400), 1);
    layer.draw(frameOf({ ...himmelblauGrid, starts: { kind: 'points', points: [[0, 0]] } }, 5));
    expect(summaries.at(-1)!.runIndex).toBe(-1);
  });

  it('while the clock runs, redraws at most every REDRAW_INTERVAL_MS and catches up afterwards', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const redraws = vi.fn();
      const { canvas } = fakeCanvas();
      const layer = new BasinLayer(canvas, null, redraws, () => now);
      const drawn: number[] = [];
      layer.onSummary(() => drawn.push(now));
      layer.setViewport(new Viewport({ xMin: -5, xMax: 5, yMin: -5, yMax: 5 }, 400, 400), 1);
      const frame = frameOf(himmelblauGrid, 40);
      for (let step = 1; step <= 10; step++, now += 16) layer.draw({ ...frame, step });
      expect(drawn).toEqual([0, 128]);
      vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
      expect(redraws).toHaveBeenCalledTimes(1);
      layer.draw({ ...frame, step: 10, rebuilt: true });
      expect(drawn).toHaveLength(3);
      layer.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('minima take distinct colours, and the other outcomes theirs', () => {
    const colours = new Set(Array.from({ length: 8 }, (_, i) => basinColor(i, 4)));
    expect(colours.size).toBe(8);
  });
});
