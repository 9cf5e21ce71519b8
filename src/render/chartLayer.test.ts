import { describe, expect, it } from 'vitest';
import { resolveRun, resolveSurface } from '../core/scene/resolve.ts';
import { defaultScene, resolveStarts, type Scene } from '../core/scene/scene.ts';
import { Simulation } from '../core/sim/simulation.ts';
import { ChartLayer } from './chartLayer.ts';
import type { FrameState } from './drawable.ts';

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

function frameOf(scene: Scene, simulation: Simulation, step: number): FrameState {
  return {
    simulation,
    surface: resolveSurface(scene.surface).surface,
    scene,
    step,
    rebuilt: false,
  };
}

describe('ChartLayer', () => {
  it('draws again only when what the chart shows changed, not for a new view of the plot', () => {
    const scene = defaultScene();
    const surface = resolveSurface(scene.surface).surface;
    const simulation = new Simulation({
      surface: surface.functions,
      runs: scene.runs.map(resolveRun),
      starts: resolveStarts(scene.starts, surface.view, scene.seed),
      noise: { sigma: 0, seed: scene.seed },
      steps: 50,
    });
    simulation.advanceTo(20);
    const { canvas, drawn } = countingCanvas();
    const chart = new ChartLayer(canvas);
    chart.resize(600, 200, 1);
    chart.draw(frameOf(scene, simulation, 10));
    expect(drawn.clears).toBe(1);
    // A drag or zoom: a new scene with another view and the same runs.
    const zoomed = { ...scene, view: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } };
    chart.draw(frameOf(zoomed, simulation, 10));
    expect(drawn.clears).toBe(1);
    chart.draw(frameOf(zoomed, simulation, 11));
    expect(drawn.clears).toBe(2);
    const oneHidden = {
      ...zoomed,
      runs: zoomed.runs.map((run, i) => ({ ...run, visible: i > 0 })),
    };
    chart.draw(frameOf(oneHidden, simulation, 11));
    expect(drawn.clears).toBe(3);
    chart.draw(frameOf({ ...oneHidden, chart: 'gradNorm' }, simulation, 11));
    expect(drawn.clears).toBe(4);
    chart.resize(500, 200, 1);
    chart.draw(frameOf({ ...oneHidden, chart: 'gradNorm' }, simulation, 11));
    expect(drawn.clears).toBe(5);
  });
});
