/**
 * Loss (or ‖∇f‖, or distance to the nearest known minimum) against step for every visible run, with
 * a marker at the current step. Series are summarised once per step and cached, so a frame only
 * summarises the new steps; drawing is decimated to about one point per pixel column.
 */
import { drawChartAxes } from './chartAxes.ts';
import { median } from '../core/stats.ts';
import { linearScale, logScale, tickLabel, type Scale } from './scales.ts';
import type { ChartMetric } from '../core/scene/scene.ts';
import type { Run } from '../core/sim/run.ts';
import type { KnownMinimum } from '../core/surfaces/types.ts';
import { clearCanvas, fitCanvas } from './canvas.ts';
import { runStyle } from './runStyle.ts';
import type { Drawable, FrameState } from './drawable.ts';

/** Margins around the plotting area at text scale 1, in CSS px. */
const BASE_MARGIN = { left: 52, right: 12, top: 8, bottom: 22 };

export const METRIC_LABELS: Record<ChartMetric, string> = {
  loss: 'loss f(x, y)',
  gradNorm: 'gradient norm ‖∇f‖',
  distance: 'distance to the nearest known minimum',
};

/** The metric of one particle at one step; NaN where it has diverged. */
function particleMetric(
  run: Run,
  metric: ChartMetric,
  step: number,
  p: number,
  minima: readonly KnownMinimum[],
): number {
  const diverged = run.divergedAt[p];
  if (diverged >= 0 && step >= diverged) return NaN;
  if (metric === 'loss') return run.losses.get(step, p);
  if (metric === 'gradNorm') return run.gradNorms.get(step, p);
  const x = run.positions.get(step, 2 * p);
  const y = run.positions.get(step, 2 * p + 1);
  let best = Infinity;
  for (const { point } of minima) best = Math.min(best, Math.hypot(x - point[0], y - point[1]));
  return best;
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
      let count = 0;
      for (let p = 0; p < run.particles; p++) {
        const v = particleMetric(run, metric, this.length, p, minima);
        if (Number.isFinite(v)) this.scratch[count++] = v;
      }
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

export class ChartLayer implements Drawable {
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 0;
  private height = 0;
  private caches = new Map<Run, SeriesCache>();
  /** Larger in presentation mode, so the back row can read the axes. */
  private textScale = 1;
  private margin = BASE_MARGIN;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = width;
    this.height = height;
    this.ctx = fitCanvas(this.canvas, width, height, pixelRatio);
  }

  setTextScale(scale: number): void {
    this.textScale = scale;
    this.margin = {
      left: BASE_MARGIN.left * scale,
      right: BASE_MARGIN.right,
      top: BASE_MARGIN.top * scale,
      bottom: BASE_MARGIN.bottom * scale,
    };
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
    if (!ctx || width < this.margin.left + this.margin.right + 10) return;
    const metric = chartMetric(frame);
    const series = this.series(frame, metric);
    const end = Math.max(1, frame.simulation.computedSteps);
    let lo = Infinity;
    let hi = -Infinity;
    for (const [cache] of series) {
      for (let k = 0; k <= Math.min(frame.step, cache.length - 1); k++) {
        const v = cache.values[k];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (!(lo <= hi)) {
      lo = 0;
      hi = 1;
    }
    // Log scale when every value is positive (the usual loss curve); linear when a surface goes negative.
    const useLog = lo > 0 && hi / lo > 10;
    const yRange = [height - this.margin.bottom, this.margin.top] as const;
    const y = useLog
      ? logScale([lo, hi], yRange, { nice: true, clamp: true })
      : linearScale(lo === hi ? [lo - 1, hi + 1] : [lo, hi], yRange, { nice: true, clamp: true });
    const x = linearScale([0, end], [this.margin.left, width - this.margin.right]);

    clearCanvas(ctx);
    const manyParticles = series.some(([cache]) => cache.run.particles > 1);
    this.drawAxes(ctx, x, y, useLog, metric, manyParticles);
    const stride = Math.max(1, Math.floor(end / (width - this.margin.left - this.margin.right)));
    for (const [cache, index] of series) {
      ctx.beginPath();
      let penDown = false;
      const last = Math.min(frame.step, cache.length - 1);
      // Every `stride`-th step, and always the current one.
      for (let k = 0; k <= last; k = k === last ? last + 1 : Math.min(k + stride, last)) {
        const v = cache.values[k];
        if (!Number.isFinite(v) || (useLog && v <= 0)) {
          penDown = false; // a diverged run's line ends at its last finite value
          continue;
        }
        if (penDown) ctx.lineTo(x(k), y(v));
        else ctx.moveTo(x(k), y(v));
        penDown = true;
      }
      ctx.strokeStyle = runStyle(frame.scene.runs, index).color;
      ctx.lineWidth = 1.75;
      ctx.stroke();
    }
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x(frame.step), this.margin.top);
    ctx.lineTo(x(frame.step), height - this.margin.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
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

  private drawAxes(
    ctx: CanvasRenderingContext2D,
    x: Scale,
    y: Scale,
    useLog: boolean,
    metric: ChartMetric,
    manyParticles: boolean,
  ): void {
    const { width, height } = this;
    drawChartAxes(
      ctx,
      {
        left: this.margin.left,
        right: width - this.margin.right,
        bottom: height - this.margin.bottom,
      },
      x,
      y,
      {
        yTicks: 4,
        pixelsPerXTick: 80,
        gridColour: '#ccc',
        label: tickLabel,
        fontPx: 11 * this.textScale,
      },
    );
    ctx.save();
    ctx.textAlign = 'left';
    ctx.fillStyle = '#222';
    ctx.fillText(
      `${METRIC_LABELS[metric]}${manyParticles ? ', median over moving particles' : ''}${useLog ? ' (log scale)' : ''}`,
      this.margin.left + 6,
      this.margin.top + 2,
    );
    ctx.restore();
  }
}
