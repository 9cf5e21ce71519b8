/**
 * The loss chart's picture as plain data, and its drawing. ChartLayer (chartLayer.ts) works out
 * what the chart shows on the page's thread; a ChartPainter draws the picture, there or in a Worker
 * (playback/chartWorkerHost.ts). Why a Worker: a redraw's raster (six polylines stroked 1.75 px
 * wide in software, which costs 8× a 1 px line's), its canvas frame and its commit cost the page's
 * thread ≈0.35 ms a frame at 1× CPU while the default scene played, a sixth of the frame's work.
 */
import { axisFont, drawChartAxes, type ChartAxesOptions } from './chartAxes.ts';
import { clearCanvas, fitOffscreenDrawn, type Context2D } from './canvas.ts';
import type { ChartRange } from './chartRange.ts';
import { linearScale, logScale, tickLabel, type Scale } from './scales.ts';

export const Y_TICKS = 4;

/** A run clipped at the top edge: diverged (×) or off the top while finite (▲), at `step`. */
export interface EdgeMark {
  x: number;
  step: number;
  diverged: boolean;
  color: string;
}

/** What a chart shows, in the canvas's CSS px: everything its drawing needs, and nothing else. */
export interface ChartPicture {
  /** Label size in CSS px, and whether the chart is tall enough for a row of step labels. */
  fontPx: number;
  xLabels: boolean;
  /** The plotting area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The x axis runs from step 0 to `end`; the dashed line marks `step`. */
  end: number;
  step: number;
  range: ChartRange;
  /** Each visible run's values from step 0, drawn every `stride`-th step. */
  series: { values: Float64Array; color: string }[];
  stride: number;
  marks: EdgeMark[];
}

/** What the page says to the chart Worker: a canvas handed over, its size, a picture, its release. */
export type ChartRequest =
  | { id: number; canvas: OffscreenCanvas }
  | { id: number; size: { width: number; height: number; pixelRatio: number } }
  | { id: number; picture: ChartPicture | null }
  | { id: number; release: true };

/** The y scale of `range` between `bottom` and `top`, widened to round values. */
export function chartYScale(range: ChartRange, bottom: number, top: number): Scale {
  return range.log
    ? logScale([range.lo, range.hi], [bottom, top], { nice: true, clamp: true })
    : linearScale([range.lo, range.hi], [bottom, top], { nice: true, clamp: true });
}

/** The axes' options; a log axis's lowest label reads ≤ when values below the floor lie on it. */
export function chartAxesOptions(
  range: ChartRange,
  y: Scale,
  fontPx: number,
  xLabels: boolean,
): ChartAxesOptions {
  const label = (value: number) =>
    range.floor !== null && value === range.floor && value === y.domain[0]
      ? `≤${tickLabel(value)}`
      : tickLabel(value);
  return { yTicks: Y_TICKS, pixelsPerXTick: 80, gridColour: '#ccc', label, fontPx, xLabels };
}

/** Draws `picture` over the whole canvas; null clears it (a chart too small to draw). */
export function drawChartPicture(ctx: Context2D, picture: ChartPicture | null): void {
  clearCanvas(ctx);
  if (!picture) return;
  const { left, right, top, bottom, range, fontPx } = picture;
  const y = chartYScale(range, bottom, top);
  const x = linearScale([0, picture.end], [left, right]);
  drawChartAxes(
    ctx,
    { left, right, bottom },
    x,
    y,
    chartAxesOptions(range, y, fontPx, picture.xLabels),
  );
  for (const { values, color } of picture.series) {
    drawLine(ctx, values, x, y, picture.stride, y.domain[1], top, color);
  }
  drawEdgeMarks(ctx, picture.marks, top, right, fontPx);

  ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x(picture.step), top);
  ctx.lineTo(x(picture.step), bottom);
  ctx.stroke();
  ctx.setLineDash([]);
}

/**
 * Where a chart's pictures are drawn. `measure` is a context to measure its labels with, in the
 * size and fonts it draws them (null until sized); `failure` says why nothing can be drawn, if so.
 */
export interface ChartPainter {
  readonly measure: Context2D | null;
  readonly failure: string | null;
  resize(width: number, height: number, pixelRatio: number): void;
  paint(picture: ChartPicture | null): void;
  dispose(): void;
}

/** Draws on the page's thread, through the canvas's OffscreenCanvas where there is one. */
export class LocalChartPainter implements ChartPainter {
  measure: Context2D | null = null;
  readonly failure = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  resize(width: number, height: number, pixelRatio: number): void {
    this.measure = fitOffscreenDrawn(this.canvas, width, height, pixelRatio);
  }

  paint(picture: ChartPicture | null): void {
    if (this.measure) drawChartPicture(this.measure, picture);
  }

  dispose(): void {}
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

/**
 * One run's line, decimated to `stride` (always keeping the newest step). It ends at the last
 * finite value; stretches above the range leave through the top edge and come back through it.
 */
function drawLine(
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
function drawEdgeMarks(
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
