import { describe, expect, it } from 'vitest';
import { defaultScene, type Scene } from '../core/scene/scene.ts';
import { ChartLayer } from './chartLayer.ts';
import { LocalChartPainter } from './chartPicture.ts';
import type { FrameState } from './drawable.ts';
import { frameOf } from './testFrames.ts';

/** A canvas whose 2D context counts how often the chart was cleared to be drawn again. */
function countingCanvas() {
  const drawn = { clears: 0 };
  const canvas = { width: 0, height: 0 } as unknown as HTMLCanvasElement;
  const ctx = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (key === 'canvas') return canvas;
        if (key === 'measureText') return () => ({ width: 20 });
        if (key === 'clearRect') return () => drawn.clears++;
        return () => {};
      },
      set: () => true,
    },
  );
  (canvas as unknown as { getContext: () => unknown }).getContext = () => ctx;
  return { canvas, drawn };
}

describe('ChartLayer', () => {
  it('draws again only when what the chart shows changed, not for a new view of the plot', () => {
    const scene = defaultScene();
    const first = frameOf(scene, 20);
    // Frames of one simulation, as the clock hands them over.
    const frame = (shown: Scene, step: number): FrameState => ({ ...first, scene: shown, step });
    const { canvas, drawn } = countingCanvas();
    const chart = new ChartLayer(new LocalChartPainter(canvas));
    chart.resize(600, 200, 1);
    chart.draw(frame(scene, 10));
    expect(drawn.clears).toBe(1);
    // A drag or zoom: a new scene with another view and the same runs.
    const zoomed = { ...scene, view: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } };
    chart.draw(frame(zoomed, 10));
    expect(drawn.clears).toBe(1);
    chart.draw(frame(zoomed, 11));
    expect(drawn.clears).toBe(2);
    const oneHidden = {
      ...zoomed,
      runs: zoomed.runs.map((run, i) => ({ ...run, visible: i > 0 })),
    };
    chart.draw(frame(oneHidden, 11));
    expect(drawn.clears).toBe(3);
    chart.draw(frame({ ...oneHidden, chart: 'gradNorm' }, 11));
    expect(drawn.clears).toBe(4);
    chart.resize(500, 200, 1);
    chart.draw(frame({ ...oneHidden, chart: 'gradNorm' }, 11));
    expect(drawn.clears).toBe(5);
  });

  it('says why, and draws nothing, when its painter cannot draw', () => {
    const painted: unknown[] = [];
    const painter = {
      measure: null,
      failure: 'the Worker that draws it failed to load',
      resize: () => {},
      paint: (picture: unknown) => painted.push(picture),
      dispose: () => {},
    };
    const chart = new ChartLayer(painter);
    chart.resize(600, 200, 1);
    chart.draw(frameOf(defaultScene(), 20));
    expect(chart.caption).toBe(
      'The chart cannot be drawn: the Worker that draws it failed to load',
    );
    expect(painted).toEqual([]);
  });
});
