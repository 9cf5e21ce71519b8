import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ChartMetric } from '../core/scene/scene.ts';
import { TICK_LANE } from '../playback/simulationController.ts';
import { ChartLayer, type ChartReading } from '../render/chartLayer.ts';
import { createChartPainter } from '../playback/chartWorkerHost.ts';
import { useActions, useApp, useServices } from './appContext.ts';
import { formatNumber } from './format.ts';
import { usePresentation } from './presentation/usePresentation.ts';
import { countRender } from './renderCount.ts';
import { setText } from './useTick.ts';
import './chart.css';

/** Chart labels in presentation mode: larger, but the chart keeps its height, so not 2×. */
const PRESENTATION_CHART_TEXT_SCALE = 1.6;

const METRICS: [ChartMetric, string][] = [
  ['loss', 'Loss'],
  ['gradNorm', '‖∇f‖'],
  ['distance', 'Distance to minimum'],
  ['lr', 'lr'],
];

function readingValue({ value, divergedAt }: ChartReading['runs'][number], step: number): string {
  if (divergedAt >= 0 && step >= divergedAt) return `diverged at step ${divergedAt}`;
  return Number.isFinite(value) ? formatNumber(value) : '—';
}

/**
 * Writes the values under the pointer into the readout box: the step, then one row per run (the
 * nearest line in bold). Built by hand, outside React, and only when the text changes: it follows
 * the pointer and the playing chart without a render.
 */
function showReading(box: HTMLDivElement, reading: ChartReading): void {
  const rows = reading.runs.map((run) => `${run.label}: ${readingValue(run, reading.step)}`);
  const key = [`Step ${reading.step}`, ...rows, reading.nearest].join('\n');
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  const step = document.createElement('div');
  step.className = 'chart-readout-step';
  step.textContent = `Step ${reading.step}`;
  const items = reading.runs.map((run, i) => {
    const item = document.createElement('div');
    if (i === reading.nearest) item.className = 'nearest';
    const swatch = document.createElement('span');
    swatch.className = 'chart-readout-swatch';
    swatch.style.background = run.color;
    item.append(swatch, rows[i]);
    return item;
  });
  box.replaceChildren(step, ...items);
}

export function LossChart({ width, height }: { width: number; height: number }) {
  countRender('LossChart');
  const { controller } = useServices();
  const actions = useActions();
  const metric = useApp((s) => s.scene.chart);
  const hasMinima = useApp((s) => s.scene.surface) && controller.surface.minima.length > 0;
  const canvas = useRef<HTMLCanvasElement>(null);
  const caption = useRef<HTMLElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const dot = useRef<HTMLDivElement>(null);
  const layer = useRef<ChartLayer | null>(null);
  /** The pointer over the canvas, in CSS px, or null when it is elsewhere. */
  const pointer = useRef<[number, number] | null>(null);

  // A layout effect, as useTick's: its listeners read refs that are null once the chart is gone.
  useLayoutEffect(() => {
    const chart = new ChartLayer(createChartPainter(canvas.current!));
    layer.current = chart;
    const updateReadout = () => {
      const box = readout.current!;
      const marker = dot.current!;
      const reading = pointer.current && chart.readAt(...pointer.current);
      // Assigning `hidden` sets the attribute even when unchanged, which restyles the chart on every
      // tick; assign only on a change.
      if (box.hidden !== !reading) box.hidden = !reading;
      if (marker.hidden !== !reading?.point) marker.hidden = !reading?.point;
      if (!reading) return;
      showReading(box, reading);
      const [px] = pointer.current!;
      // Beside the pointer, on whichever side has room.
      const side =
        px > canvas.current!.clientWidth / 2 ? `calc(${px - 14}px - 100%)` : `${px + 14}px`;
      box.style.transform = `translateX(${side})`;
      if (reading.point) {
        marker.style.transform = `translate(${reading.point[0]}px, ${reading.point[1]}px)`;
        marker.style.borderColor = reading.runs[reading.nearest].color;
      }
    };
    // The chart follows the text's pace (a few times a second while playing, at once when paused),
    // a frame after the sidebar's text; its per-step summaries keep up every frame.
    const stopSummaries = controller.addDrawable({ draw: (frame) => chart.summarise(frame) });
    const stopDraws = controller.onTick((frame) => {
      chart.draw(frame);
      setText(caption.current, chart.caption);
      if (caption.current && caption.current.title !== chart.caption)
        caption.current.title = chart.caption;
      // For tests: the y labels, which are pixels on the canvas.
      const yLabels = chart.yLabels.join('|');
      if (canvas.current!.dataset.yLabels !== yLabels) canvas.current!.dataset.yLabels = yLabels;
      updateReadout();
    }, TICK_LANE.chart);
    const box = canvas.current!;
    const move = (event: PointerEvent) => {
      pointer.current = [event.offsetX, event.offsetY];
      updateReadout();
    };
    const leave = () => {
      pointer.current = null;
      updateReadout();
    };
    box.addEventListener('pointermove', move);
    box.addEventListener('pointerdown', move);
    box.addEventListener('pointerleave', leave);
    return () => {
      stopSummaries();
      stopDraws();
      chart.dispose();
      box.removeEventListener('pointermove', move);
      box.removeEventListener('pointerdown', move);
      box.removeEventListener('pointerleave', leave);
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
      <div className="chart-header">
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
        <figcaption className="chart-caption" ref={caption} data-testid="chart-caption" />
      </div>
      <div className="chart-plot" style={{ width, height }}>
        <canvas
          ref={canvas}
          style={{ width, height }}
          aria-label="Chart of the runs' progress against step. Point at it to read the values."
          role="img"
          data-testid="chart-canvas"
        />
        <div className="chart-hover-dot" ref={dot} hidden />
        <div className="chart-readout" ref={readout} data-testid="chart-readout" hidden />
      </div>
    </figure>
  );
}
