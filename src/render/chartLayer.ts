/**
 * Loss (or ‖∇f‖, or distance to the nearest known minimum) against step for every visible run, with
 * a marker at the current step. Series are summarised once per step and cached, so a frame only
 * summarises the new steps; drawing is decimated to about one point per pixel column.
 *
 * The y range comes from chartRange: diverged and exploding runs are clipped at the top edge, with
 * a × (diverged: non-finite) or a ▲ (left the range while finite) and the step, so they never
 * flatten the other runs.
 */
import { AXIS_FONT_PX, axisFont, drawChartAxes, shownYTicks, yLabelMargin } from './chartAxes.ts';
import { chartRange, type ChartRange } from './chartRange.ts';
import { median } from '../core/stats.ts';
import { linearScale, logScale, tickLabel, type Scale } from './scales.ts';
import type { ChartMetric } from '../core/scene/scene.ts';
import type { Run } from '../core/sim/run.ts';
import type { KnownMinimum } from '../core/surfaces/types.ts';
import { clearCanvas, fitOffscreenDrawn, type Context2D } from './canvas.ts';
import { runStyle } from './runStyle.ts';
import type { Drawable, FrameState } from './drawable.ts';

/** Margins around the plotting area at text scale 1, in CSS px (the left one fits the labels). */
const BASE_MARGIN = { right: 12, top: 10, bottom: 20 };
const COMPACT_MARGIN = 6;

const Y_TICKS = 4;

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

/** A run clipped at the top edge: diverged (×) or off the top while finite (▲), at `step`. */
interface EdgeMark {
  x: number;
  step: number;
  diverged: boolean;
  color: string;
}

function firstNaN(values: Float64Array): number {
  for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k])) return k;
  return -1;
}

function firstAbove(values: Float64Array, top: number): number {
  for (let k = 0; k < values.length; k++) if (values[k] > top) return k;
  return -1;
}

const MARK_RADIUS = 4;

function traceEdgeMark(ctx: Context2D, diverged: boolean, x: number, y: number) {
  const r = MARK_RADIUS;
  if (diverged) {
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x - r, y + r);
    ctx.lineTo(x + r, y - r);
  } else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y + r * 0.8);
    ctx.lineTo(x - r, y + r * 0.8);
    ctx.closePath();
  }
}

export class ChartLayer implements Drawable {
  private ctx: Context2D | null = null;
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

  constructor(private readonly canvas: HTMLCanvasElement) {}

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = width;
    this.height = height;
    // Drawn a few times a second while every frame moves the plot's heads.
    this.ctx = fitOffscreenDrawn(this.canvas, width, height, pixelRatio);
    this.drawnFrom = [];
  }

  setTextScale(scale: number): void {
    this.textScale = scale;
    this.drawnFrom = [];
  }

  /**
   * Summarises the steps added since the last call. Called every frame, so that with thousands of
   * particles the medians cost a little each frame instead of a spike at each (less frequent) draw.
   */
  summarise(frame: FrameState): void {
    this.series(frame, chartMetric(frame));
  }

  draw(frame: FrameState): void {
    const { ctx, width, height } = this;
    if (!ctx) return;
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
    clearCanvas(ctx);
    const fontPx = AXIS_FONT_PX * this.textScale;
    // Too short for a row of step labels (a small embed's chart): the lines and y labels only.
    const xLabels = height - (BASE_MARGIN.top + BASE_MARGIN.bottom) * this.textScale >= 40;
    const top = (xLabels ? BASE_MARGIN.top : COMPACT_MARGIN) * this.textScale;
    const bottom = height - (xLabels ? BASE_MARGIN.bottom : COMPACT_MARGIN) * this.textScale;
    const right = width - BASE_MARGIN.right;
    if (bottom - top < 16) return;
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
    const y = range.log
      ? logScale([range.lo, range.hi], [bottom, top], { nice: true, clamp: true })
      : linearScale([range.lo, range.hi], [bottom, top], { nice: true, clamp: true });
    const label = (value: number) =>
      range.floor !== null && value === range.floor && value === y.domain[0]
        ? `≤${tickLabel(value)}`
        : tickLabel(value);
    const axes = {
      yTicks: Y_TICKS,
      pixelsPerXTick: 80,
      gridColour: '#ccc',
      label,
      fontPx,
      xLabels,
    };
    const left = yLabelMargin(ctx, y, axes);
    if (right - left < 20) return;
    const end = Math.max(1, frame.simulation.computedSteps);
    const x = linearScale([0, end], [left, right]);

    drawChartAxes(ctx, { left, right, bottom }, x, y, axes);
    const topValue = y.domain[1];
    const marks: EdgeMark[] = [];
    const stride = Math.max(1, Math.floor(end / (right - left)));
    for (const s of series) {
      this.drawLine(ctx, s.values, x, y, stride, topValue, top, s.color);
      const above = firstAbove(s.values, topValue);
      if (s.divergedAt >= 0) {
        marks.push({ x: x(s.divergedAt), step: s.divergedAt, diverged: true, color: s.color });
      } else if (above >= 0) {
        marks.push({ x: x(above), step: above, diverged: false, color: s.color });
      }
    }
    this.drawEdgeMarks(ctx, marks, top, right, fontPx);

    ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x(frame.step), top);
    ctx.lineTo(x(frame.step), bottom);
    ctx.stroke();
    ctx.setLineDash([]);

    this.shown = { x, y, left, right, end, step: frame.step, series };
    this.yLabels = shownYTicks(y, Y_TICKS, fontPx).map(label);
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

  /**
   * One run's line, decimated to `stride` (always keeping the newest step). It ends at the last
   * finite value; stretches above the range leave through the top edge and come back through it.
   */
  private drawLine(
    ctx: Context2D,
    values: Float64Array,
    x: Scale,
    y: Scale,
    stride: number,
    topValue: number,
    top: number,
    color: string,
  ): void {
    ctx.beginPath();
    let penDown = false;
    let previousAbove = false;
    let previousX = 0;
    const last = values.length - 1;
    for (let k = 0; k <= last; k = k === last ? last + 1 : Math.min(k + stride, last)) {
      const v = values[k];
      if (!Number.isFinite(v)) {
        penDown = false; // a diverged run's line ends at its last finite value
        previousAbove = false;
        continue;
      }
      const above = v > topValue;
      if (above) {
        if (penDown) ctx.lineTo(x(k), top);
        penDown = false;
      } else if (penDown) {
        ctx.lineTo(x(k), y(v));
      } else if (previousAbove) {
        ctx.moveTo(previousX, top);
        ctx.lineTo(x(k), y(v));
        penDown = true;
      } else {
        ctx.moveTo(x(k), y(v));
        penDown = true;
      }
      previousAbove = above;
      previousX = x(k);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.75;
    ctx.stroke();
  }

  /**
   * The × and ▲ marks on the top edge, each with its step. Marks closer than a mark's width are
   * stacked downwards so every run's colour shows; a label that would overprint the previous one
   * is left to the hover readout.
   */
  private drawEdgeMarks(
    ctx: Context2D,
    marks: EdgeMark[],
    top: number,
    right: number,
    fontPx: number,
  ): void {
    marks.sort((a, b) => a.x - b.x || a.step - b.step);
    ctx.font = axisFont(fontPx);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    // Stack marks closer than a mark's width into groups; each group's first mark leads it.
    const placed: { mark: EdgeMark; cx: number; cy: number; row: number }[] = [];
    let groupX = -Infinity;
    let row = 0;
    for (const mark of marks) {
      row = mark.x - groupX < 2 * MARK_RADIUS + 2 ? row + 1 : 0;
      if (row === 0) groupX = mark.x;
      const cx = Math.min(groupX, right - MARK_RADIUS);
      placed.push({ mark, cx, cy: top + row * (2 * MARK_RADIUS + 3), row });
    }
    for (const { mark, cx, cy } of placed) {
      ctx.beginPath();
      traceEdgeMark(ctx, mark.diverged, cx, cy);
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 4;
      ctx.stroke();
      ctx.strokeStyle = mark.color;
      ctx.lineWidth = 2;
      ctx.stroke();
      if (!mark.diverged) {
        ctx.fillStyle = mark.color;
        ctx.fill();
      }
    }
    // A group's step beside it, only where it overprints neither the last label nor the next mark.
    const leaders = placed.filter((entry) => entry.row === 0);
    let labelEnd = -Infinity;
    leaders.forEach(({ mark, cx, cy }, i) => {
      const text = `step ${mark.step}`;
      const textX = cx + MARK_RADIUS + 3;
      const textEnd = textX + ctx.measureText(text).width;
      const nextMark = i + 1 < leaders.length ? leaders[i + 1].cx - MARK_RADIUS - 2 : right;
      if (textX <= labelEnd || textEnd > nextMark) return;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.lineWidth = 3;
      ctx.strokeText(text, textX, cy);
      ctx.fillStyle = '#222';
      ctx.fillText(text, textX, cy);
      labelEnd = textEnd + 6;
    });
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
