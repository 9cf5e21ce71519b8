import { useEffect, useRef } from 'react';
import type { ChartMetric } from '../core/scene/scene.ts';
import { ChartLayer } from '../render/chartLayer.ts';
import { useActions, useApp, useServices } from './appContext.ts';
import { usePresentation } from './presentation/usePresentation.ts';
import { countRender } from './renderCount.ts';

/** Chart labels in presentation mode: larger, but the chart keeps its height, so not 2×. */
const PRESENTATION_CHART_TEXT_SCALE = 1.6;

const METRICS: [ChartMetric, string][] = [
  ['loss', 'Loss'],
  ['gradNorm', '‖∇f‖'],
  ['distance', 'Distance to minimum'],
];

export function LossChart({ width, height }: { width: number; height: number }) {
  countRender('LossChart');
  const { controller } = useServices();
  const actions = useActions();
  const metric = useApp((s) => s.scene.chart);
  const hasMinima = useApp((s) => s.scene.surface) && controller.surface.minima.length > 0;
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<ChartLayer | null>(null);

  useEffect(() => {
    const chart = new ChartLayer(canvas.current!);
    layer.current = chart;
    // The chart follows the text's pace (a few times a second while playing, at once when paused);
    // its per-step summaries keep up every frame.
    const stopSummaries = controller.addDrawable({ draw: (frame) => chart.summarise(frame) });
    const stopDraws = controller.onTick((frame) => chart.draw(frame));
    return () => {
      stopSummaries();
      stopDraws();
    };
  }, [controller]);
  const textScale = usePresentation((s) => (s.presenting ? PRESENTATION_CHART_TEXT_SCALE : 1));
  useEffect(() => {
    layer.current!.resize(width, height, window.devicePixelRatio || 1);
    layer.current!.setTextScale(textScale);
    controller.invalidate();
  }, [controller, width, height, textScale]);

  return (
    <figure className="loss-chart">
      <div className="chart-metrics" role="radiogroup" aria-label="Chart shows">
        {METRICS.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="chart-metric"
              value={value}
              checked={metric === value}
              disabled={value === 'distance' && !hasMinima}
              onChange={() => actions.setChart(value)}
            />
            {label}
          </label>
        ))}
      </div>
      <canvas
        ref={canvas}
        style={{ width, height }}
        aria-label="Chart of the runs' progress against step"
        role="img"
      />
    </figure>
  );
}
