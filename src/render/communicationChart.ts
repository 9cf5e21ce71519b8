/**
 * What the distributed runs send, against step and against the loss, in three stacked panes:
 *   1. values (or bytes) sent per step — a trailing mean over RATE_WINDOW steps, since a
 *      thresholded run sends in bursts;
 *   2. values sent so far;
 *   3. loss against values sent so far (log scale, so the first steps get room): lower-left is
 *      better, the curve every compression trades on.
 * One line per visible DistributedSGD run, in its run colour. Per-model numbers: with several start
 * points, what was sent is averaged and the loss is the median over the particles still moving, as
 * in the loss chart. Series are summarised once per step and cached; drawing is decimated to about
 * one point per pixel column.
 */
import type { Run } from '../core/sim/run.ts';
import { DistributedGradient } from '../core/distributed/workers.ts';
import { clearCanvas, fitCanvas } from './canvas.ts';
import { median } from '../core/stats.ts';
import { drawChartAxes } from './chartAxes.ts';
import { runStyle } from './runStyle.ts';
import { linearScale, logScale, type Scale } from './scales.ts';
import type { Drawable, FrameState } from './drawable.ts';

export type CommunicationUnit = 'values' | 'bytes';

export const RATE_WINDOW = 20;

const MARGIN = { left: 50, right: 10, top: 18, bottom: 18 };
const PANE_GAP = 8;

/** Per step: mean values sent so far, and the median loss over moving particles. */
class CommunicationSeries {
  sent: Float64Array = new Float64Array(256);
  loss: Float64Array = new Float64Array(256);
  length = 0;
  private readonly scratch: Float64Array;

  constructor(
    readonly run: Run,
    readonly cluster: DistributedGradient,
  ) {
    this.scratch = new Float64Array(run.particles);
  }

  extendTo(step: number): void {
    const { run, cluster } = this;
    while (this.length <= step) {
      if (this.length === this.sent.length) {
        this.sent = grow(this.sent);
        this.loss = grow(this.loss);
      }
      const k = this.length;
      let count = 0;
      for (let p = 0; p < run.particles; p++) {
        const diverged = run.divergedAt[p];
        if (diverged < 0 || k < diverged) this.scratch[count++] = run.losses.get(k, p);
      }
      this.sent[k] = cluster.meanValuesSent(k);
      this.loss[k] = count > 0 ? median(this.scratch.subarray(0, count)) : NaN;
      this.length++;
    }
  }

  /** Mean values sent per step over the RATE_WINDOW steps up to k (NaN at step 0). */
  rate(k: number): number {
    if (k === 0) return NaN;
    const from = Math.max(0, k - RATE_WINDOW);
    return (this.sent[k] - this.sent[from]) / (k - from);
  }
}

function grow(values: Float64Array): Float64Array {
  const grown = new Float64Array(values.length * 2);
  grown.set(values);
  return grown;
}

/** The distributed runs of a frame that are visible, with their scene index (for colours). */
export function distributedRuns(frame: FrameState): { run: Run; index: number }[] {
  const out: { run: Run; index: number }[] = [];
  frame.scene.runs.forEach((sceneRun, index) => {
    const run = frame.simulation.runs[index];
    if (run && sceneRun.visible && run.gradientSource instanceof DistributedGradient) {
      out.push({ run, index });
    }
  });
  return out;
}

interface Pane {
  title: string;
  top: number;
  bottom: number;
}

export class CommunicationChart implements Drawable {
  unit: CommunicationUnit = 'values';
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 0;
  private height = 0;
  private caches = new Map<Run, CommunicationSeries>();

  constructor(private readonly canvas: HTMLCanvasElement) {}

  resize(width: number, height: number, pixelRatio: number): void {
    this.width = width;
    this.height = height;
    this.ctx = fitCanvas(this.canvas, width, height, pixelRatio);
  }

  draw(frame: FrameState): void {
    const { ctx, width, height } = this;
    if (!ctx || width < MARGIN.left + MARGIN.right + 20) return;
    const series = this.series(frame);
    const last = (cache: CommunicationSeries) => Math.min(frame.step, cache.length - 1);
    const scaleOf = (cache: CommunicationSeries) =>
      this.unit === 'bytes' ? cache.cluster.bytesPerValue : 1;
    let maxRate = 0;
    let maxSent = 0;
    let minSent = Infinity; // the smallest positive total, where the log axis starts
    let lo = Infinity;
    let hi = -Infinity;
    for (const [cache] of series) {
      const s = scaleOf(cache);
      for (let k = 1; k <= last(cache); k++) maxRate = Math.max(maxRate, s * cache.rate(k));
      maxSent = Math.max(maxSent, s * cache.sent[last(cache)]);
      for (let k = 1; k <= last(cache); k++) {
        if (cache.sent[k] > 0) {
          minSent = Math.min(minSent, s * cache.sent[k]);
          break;
        }
      }
      for (let k = 0; k <= last(cache); k++) {
        const v = cache.loss[k];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const noun = this.unit === 'bytes' ? 'bytes' : 'values';
    const paneHeight = (height - 2 * PANE_GAP) / 3;
    const panes: Pane[] = [
      `${noun} sent per step (mean of last ${RATE_WINDOW})`,
      `${noun} sent so far`,
      `loss against ${noun} sent so far (log)`,
    ].map((title, i) => {
      const top = i * (paneHeight + PANE_GAP);
      return { title, top: top + MARGIN.top, bottom: top + paneHeight - MARGIN.bottom };
    });
    const end = Math.max(1, frame.simulation.computedSteps);
    const xStep = linearScale([0, end], [MARGIN.left, width - MARGIN.right]);
    const yRate = linearScale([0, maxRate || 1], [panes[0].bottom, panes[0].top], { nice: true });
    const ySent = linearScale([0, maxSent || 1], [panes[1].bottom, panes[1].top], { nice: true });
    const xSent =
      minSent < maxSent
        ? logScale([minSent, maxSent], [MARGIN.left, width - MARGIN.right])
        : linearScale([0, maxSent || 1], [MARGIN.left, width - MARGIN.right], { nice: true });
    if (!(lo <= hi)) [lo, hi] = [0, 1];
    const useLog = lo > 0 && hi / lo > 10;
    const lossRange = [panes[2].bottom, panes[2].top] as const;
    const yLoss = useLog
      ? logScale([lo, hi], lossRange, { nice: true, clamp: true })
      : linearScale(lo === hi ? [lo - 1, hi + 1] : [lo, hi], lossRange, {
          nice: true,
          clamp: true,
        });

    clearCanvas(ctx);
    this.drawAxes(ctx, panes[0], xStep, yRate);
    this.drawAxes(ctx, panes[1], xStep, ySent);
    this.drawAxes(ctx, panes[2], xSent, yLoss);
    if (series.length === 0) return;
    const stride = Math.max(1, Math.floor(end / (width - MARGIN.left - MARGIN.right)));
    for (const [cache, index] of series) {
      const s = scaleOf(cache);
      const color = runStyle(frame.scene.runs, index).color;
      const n = last(cache);
      this.line(ctx, color, n, stride, (k) => [xStep(k), yRate(s * cache.rate(k))]);
      this.line(ctx, color, n, stride, (k) => [xStep(k), ySent(s * cache.sent[k])]);
      this.line(ctx, color, n, stride, (k) => [xSent(s * cache.sent[k]), yLoss(cache.loss[k])]);
      const loss = cache.loss[n];
      if (Number.isFinite(loss)) {
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.arc(xSent(s * cache.sent[n]), yLoss(loss), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    for (const pane of panes.slice(0, 2)) {
      ctx.moveTo(xStep(frame.step), pane.top);
      ctx.lineTo(xStep(frame.step), pane.bottom);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  /** A polyline through every `stride`-th step and the last; non-finite points lift the pen. */
  private line(
    ctx: CanvasRenderingContext2D,
    color: string,
    last: number,
    stride: number,
    point: (k: number) => [number, number],
  ): void {
    ctx.beginPath();
    let penDown = false;
    for (let k = 0; k <= last; k = k === last ? last + 1 : Math.min(k + stride, last)) {
      const [px, py] = point(k);
      if (!Number.isFinite(px) || !Number.isFinite(py)) {
        penDown = false;
        continue;
      }
      if (penDown) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      penDown = true;
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.75;
    ctx.stroke();
  }

  private drawAxes(ctx: CanvasRenderingContext2D, pane: Pane, x: Scale, y: Scale): void {
    drawChartAxes(
      ctx,
      { left: MARGIN.left, right: this.width - MARGIN.right, bottom: pane.bottom },
      x,
      y,
      { yTicks: 3, pixelsPerXTick: 80, gridColour: '#ddd', label: compact },
    );
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillStyle = '#222';
    ctx.fillText(pane.title, MARGIN.left, pane.top - 3);
  }

  private series(frame: FrameState): [CommunicationSeries, number][] {
    const next = new Map<Run, CommunicationSeries>();
    const out: [CommunicationSeries, number][] = [];
    for (const { run, index } of distributedRuns(frame)) {
      const cache =
        this.caches.get(run) ??
        new CommunicationSeries(run, run.gradientSource as DistributedGradient);
      cache.extendTo(Math.min(frame.step, run.steps));
      next.set(run, cache);
      out.push([cache, index]);
    }
    this.caches = next;
    return out;
  }
}

/** Tick labels: 1500 → "1.5k", 0.25 → "0.25", 1e-3 → "1e-3". */
function compact(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (magnitude >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  if (magnitude !== 0 && magnitude < 1e-2) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}
