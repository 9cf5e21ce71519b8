/**
 * Loss (or ‖∇f‖, or distance to the nearest known minimum) against step for every visible run, with
 * a marker at the current step. Series are summarised once per step and cached, so a frame only
 * summarises the new steps; drawing is decimated to about one point per pixel column. What to show
 * is worked out here and drawn by a ChartPainter (chartPicture.ts), in a Worker where it can be.
 *
 * The y range comes from chartRange: diverged and exploding runs are clipped at the top edge, with
 * a × (diverged: non-finite) or a ▲ (left the range while finite) and the step, so they never
 * flatten the other runs.
 */
import { AXIS_FONT_PX, shownYTicks, yLabelMargin } from './chartAxes.ts';
import {
  chartAxesOptions,
  chartYScale,
  Y_TICKS,
  type ChartPainter,
  type ChartPicture,
  type EdgeMark,
} from './chartPicture.ts';
import { chartRange, type ChartRange } from './chartRange.ts';
import { median } from '../core/stats.ts';
import { linearScale, tickLabel, type Scale } from './scales.ts';
import type { ChartMetric } from '../core/scene/scene.ts';
import type { Run } from '../core/sim/run.ts';
import type { KnownMinimum } from '../core/surfaces/types.ts';
import { runStyle } from './runStyle.ts';
import type { Drawable, FrameState } from './drawable.ts';

/** Margins around the plotting area at text scale 1, in CSS px (the left one fits the labels). */
const BASE_MARGIN = { right: 12, top: 10, bottom: 20 };
const COMPACT_MARGIN = 6;

export const METRIC_LABELS: Record<ChartMetric, string> = {
  loss: 'loss f(x, y)',
  gradNorm: 'gradient norm ‖∇f‖',
  distance: 'distance to the nearest known minimum',
  lr: 'learning rate each step uses',
};

/**
 * The metric of every particle at one step into `out`, skipping diverged particles; returns how
 * many were written. Reads whole rows of the history (one lookup a step, not one per particle).
 */
function stepMetrics(
  run: Run,
  metric: ChartMetric,
  step: number,
  minima: readonly KnownMinimum[],
  out: Float64Array,
): number {
  // The lr is the schedule's whatever the particle does: no × for it.
  if (metric === 'lr') {
    out[0] = run.rates.get(step, 0);
    return 1;
  }
  const row =
    metric === 'loss'
      ? run.losses.stepValues(step)
      : metric === 'gradNorm'
        ? run.gradNorms.stepValues(step)
        : run.positions.stepValues(step);
  const divergedAt = run.divergedAt;
  let count = 0;
  for (let p = 0; p < run.particles; p++) {
    const diverged = divergedAt[p];
    if (diverged >= 0 && step >= diverged) continue;
    let value: number;
    if (metric !== 'distance') value = row[p];
    else {
      value = Infinity;
      for (const { point } of minima) {
        value = Math.min(value, Math.hypot(row[2 * p] - point[0], row[2 * p + 1] - point[1]));
      }
    }
    if (Number.isFinite(value)) out[count++] = value;
  }
  return count;
}

/**
 * Per step: the metric of a single particle, or the median over the particles still moving (a mean
 * would be dominated by the few that are about to diverge).
 */
class SeriesCache {
  values = new Float64Array(256);
  length = 0;
  private readonly scratch: Float64Array;

  constructor(
    readonly run: Run,
    readonly metric: ChartMetric,
    readonly minima: readonly KnownMinimum[],
  ) {
    this.scratch = new Float64Array(run.particles);
  }

  extendTo(step: number): void {
    const { run, metric, minima } = this;
    while (this.length <= step) {
      if (this.length === this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      const count = stepMetrics(run, metric, this.length, minima, this.scratch);
      this.values[this.length++] = count > 0 ? median(this.scratch.subarray(0, count)) : NaN;
    }
  }
}

/** The scene's chart metric, or the loss where the surface has no known minimum to measure to. */
function chartMetric(frame: FrameState): ChartMetric {
  return frame.scene.chart === 'distance' && frame.surface.minima.length === 0
    ? 'loss'
    : frame.scene.chart;
}

/** One visible run's series as drawn: its values up to the step on screen. */
interface ShownSeries {
  values: Float64Array;
  label: string;
  color: string;
  /** The first step with no value (every particle diverged), or -1. */
  divergedAt: number;
}

/** What the last draw showed, for reading values under the pointer. */
interface ShownChart {
  x: Scale;
  y: Scale;
  left: number;
  right: number;
  end: number;
  step: number;
  series: ShownSeries[];
}

/** The chart's values at one step, for the hover readout. */
export interface ChartReading {
  step: number;
  runs: { label: string; color: string; value: number; divergedAt: number }[];
  /** Index into `runs` of the run whose line passes nearest the pointer, or -1. */
  nearest: number;
  /** Where that run's line is at `step`, in CSS px; null when no run has a value there. */
  point: [number, number] | null;
}

function firstNaN(values: Float64Array): number {
  for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k])) return k;
  return -1;
}

function firstAbove(values: Float64Array, top: number): number {
  for (let k = 0; k < values.length; k++) if (values[k] > top) return k;
  return -1;
}

export class ChartLayer implements Drawable {
  private width = 0;
  private height = 0;
  private caches = new Map<Run, SeriesCache>();
  /** Larger in presentation mode, so the back row can read the axes. */
  private textScale = 1;
  private shown: ShownChart | null = null;
  /** What the chart shows and how to read it, for the title outside the canvas. */
  caption = '';
  /** The y axis's labels as last drawn, bottom to top. */
  yLabels: string[] = [];
  /**
   * What the picture on the canvas was drawn from. Paused, the page's ticks come with every change
   * (each view of a drag or zoom); the same inputs would draw the same picture, and redrawing it
   * cost a 2D raster and a canvas upload a tick.
   */
  private drawnFrom: readonly unknown[] = [];

  constructor(private readonly painter: ChartPainter) {}

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = width;
    this.height = height;
    this.painter.resize(width, height, pixelRatio);
    this.drawnFrom = [];
  }

  setTextScale(scale: number): void {
    this.textScale = scale;
    this.drawnFrom = [];
  }

  /** Hands the canvas's painter back (a Worker's forgets the canvas). */
  dispose(): void {
    this.painter.dispose();
  }

  /**
   * Summarises the steps added since the last call. Called every frame, so that with thousands of
   * particles the medians cost a little each frame instead of a spike at each (less frequent) draw.
   */
  summarise(frame: FrameState): void {
    this.series(frame, chartMetric(frame));
  }

  draw(frame: FrameState): void {
    const { painter, width, height } = this;
    if (painter.failure !== null) {
      this.caption = `The chart cannot be drawn: ${painter.failure}`;
      return;
    }
    // Null until the painter is sized: there is nothing to draw on yet.
    const measure = painter.measure;
    if (!measure) return;
    // A run's values up to a step never change within one simulation; labels, colours and which
    // runs show come with the runs array.
    const inputs = [
      frame.simulation,
      frame.simulation.computedSteps,
      frame.step,
      frame.scene.runs,
      frame.scene.chart,
      frame.surface.minima,
    ];
    if (inputs.every((input, i) => input === this.drawnFrom[i])) return;
    this.drawnFrom = inputs;
    const fontPx = AXIS_FONT_PX * this.textScale;
    // Too short for a row of step labels (a small embed's chart): the lines and y labels only.
    const xLabels = height - (BASE_MARGIN.top + BASE_MARGIN.bottom) * this.textScale >= 40;
    const top = (xLabels ? BASE_MARGIN.top : COMPACT_MARGIN) * this.textScale;
    const bottom = height - (xLabels ? BASE_MARGIN.bottom : COMPACT_MARGIN) * this.textScale;
    const right = width - BASE_MARGIN.right;
    if (bottom - top < 16) {
      painter.paint(null);
      return;
    }
    const metric = chartMetric(frame);
    const caches = this.series(frame, metric);
    const series: ShownSeries[] = caches.map(([cache, index]) => {
      const values = cache.values.subarray(0, Math.min(frame.step, cache.length - 1) + 1);
      return {
        values,
        label: frame.scene.runs[index].label,
        color: runStyle(frame.scene.runs, index).color,
        divergedAt: firstNaN(values),
      };
    });
    const range = chartRange(series.map((s) => s.values));
    const y = chartYScale(range, bottom, top);
    const axes = chartAxesOptions(range, y, fontPx, xLabels);
    const left = yLabelMargin(measure, y, axes);
    if (right - left < 20) {
      painter.paint(null);
      return;
    }
    const end = Math.max(1, frame.simulation.computedSteps);
    const x = linearScale([0, end], [left, right]);

    const topValue = y.domain[1];
    const marks: EdgeMark[] = [];
    for (const s of series) {
      const above = firstAbove(s.values, topValue);
      if (s.divergedAt >= 0) {
        marks.push({ x: x(s.divergedAt), step: s.divergedAt, diverged: true, color: s.color });
      } else if (above >= 0) {
        marks.push({ x: x(above), step: above, diverged: false, color: s.color });
      }
    }
    const picture: ChartPicture = {
      fontPx,
      xLabels,
      left,
      right,
      top,
      bottom,
      end,
      step: frame.step,
      range,
      series: series.map(({ values, color }) => ({ values, color })),
      stride: Math.max(1, Math.floor(end / (right - left))),
      marks,
    };
    painter.paint(picture);

    this.shown = { x, y, left, right, end, step: frame.step, series };
    this.yLabels = shownYTicks(y, Y_TICKS, fontPx).map(axes.label);
    const manyParticles = caches.some(([cache]) => cache.run.particles > 1);
    this.caption = caption(metric, range, manyParticles, marks);
  }

  /** The visible runs' values at the step under pointer position (px, py), from the last draw. */
  readAt(px: number, py: number): ChartReading | null {
    const shown = this.shown;
    if (!shown || px < shown.left - 4 || px > shown.right + 4) return null;
    const fraction = (px - shown.left) / (shown.right - shown.left);
    const step = Math.max(0, Math.min(shown.step, Math.round(fraction * shown.end)));
    let nearest = -1;
    let point: [number, number] | null = null;
    let best = Infinity;
    const runs = shown.series.map((s, i) => {
      const value = step < s.values.length ? s.values[step] : NaN;
      if (Number.isFinite(value)) {
        const distance = Math.abs(shown.y(value) - py);
        if (distance < best) {
          best = distance;
          nearest = i;
          point = [shown.x(step), shown.y(value)];
        }
      }
      return { label: s.label, color: s.color, value, divergedAt: s.divergedAt };
    });
    return { step, runs, nearest, point };
  }

  private series(frame: FrameState, metric: ChartMetric): [SeriesCache, number][] {
    const next = new Map<Run, SeriesCache>();
    const out: [SeriesCache, number][] = [];
    frame.scene.runs.forEach((sceneRun, index) => {
      const run = frame.simulation.runs[index];
      if (!run || !sceneRun.visible) return;
      let cache = this.caches.get(run);
      if (!cache || cache.metric !== metric || cache.minima !== frame.surface.minima) {
        cache = new SeriesCache(run, metric, frame.surface.minima);
      }
      cache.extendTo(Math.min(frame.step, run.steps));
      next.set(run, cache);
      out.push([cache, index]);
    });
    this.caches = next;
    return out;
  }
}

/** The chart's title and how to read its clipping, shown above the chart. */
function caption(
  metric: ChartMetric,
  range: ChartRange,
  manyParticles: boolean,
  marks: readonly EdgeMark[],
): string {
  const parts = [
    `${METRIC_LABELS[metric]}${manyParticles ? ', median over moving particles' : ''}${range.log ? ' (log scale)' : ''}`,
  ];
  if (marks.some((mark) => mark.diverged)) parts.push('× diverged');
  if (marks.some((mark) => !mark.diverged)) parts.push('▲ off the top');
  if (range.floor !== null) parts.push(`values below ${tickLabel(range.floor)} drawn at the floor`);
  return parts.join(' · ');
}
