import type { Context2D } from './canvas.ts';
import type { Scale } from './scales.ts';

/** Where a chart's plotting area sits on its canvas, in CSS px. */
export interface ChartBox {
  left: number;
  right: number;
  bottom: number;
}

/** Axis labels are never smaller than this, in CSS px (larger when presenting). */
export const AXIS_FONT_PX = 12;

/** Space between the plotting area and a y label, in CSS px. */
const Y_LABEL_GAP = 6;

export interface ChartAxesOptions {
  yTicks: number;
  /** Width in CSS px per x tick label at the base font size. */
  pixelsPerXTick: number;
  gridColour: string;
  label(value: number): string;
  /** Label size in CSS px (AXIS_FONT_PX unless presenting). */
  fontPx?: number;
  /** False for a chart too short for a row of x labels (a sparkline in a small embed). */
  xLabels?: boolean;
}

export function axisFont(fontPx: number): string {
  return `${fontPx}px system-ui, sans-serif`;
}

/**
 * The y ticks that get a label and a grid line: the scale's, thinned so labels stay a line apart
 * (a log axis over many decades, or a chart a few lines tall, would otherwise print them over one
 * another), always keeping the lowest.
 */
export function shownYTicks(y: Scale, yTicks: number, fontPx = AXIS_FONT_PX): number[] {
  const shown: number[] = [];
  let lastPy = Infinity;
  for (const tick of y.ticks(yTicks)) {
    const py = y(tick);
    if (Math.abs(lastPy - py) < 1.2 * fontPx) continue;
    shown.push(tick);
    lastPy = py;
  }
  return shown;
}

/** The left margin that fits the y labels of `y` outside the plotting area. */
export function yLabelMargin(
  ctx: Context2D,
  y: Scale,
  { yTicks, label, fontPx = AXIS_FONT_PX }: ChartAxesOptions,
): number {
  ctx.font = axisFont(fontPx);
  let widest = 0;
  for (const tick of shownYTicks(y, yTicks, fontPx))
    widest = Math.max(widest, ctx.measureText(label(tick)).width);
  return Math.ceil(widest) + Y_LABEL_GAP + 2;
}

/** Horizontal grid lines with y labels left of the box, and x labels under it: all outside it. */
export function drawChartAxes(
  ctx: Context2D,
  box: ChartBox,
  x: Scale,
  y: Scale,
  {
    yTicks,
    pixelsPerXTick,
    gridColour,
    label,
    fontPx = AXIS_FONT_PX,
    xLabels = true,
  }: ChartAxesOptions,
): void {
  ctx.font = axisFont(fontPx);
  ctx.fillStyle = '#333';
  ctx.strokeStyle = gridColour;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of shownYTicks(y, yTicks, fontPx)) {
    const py = y(tick);
    ctx.beginPath();
    ctx.moveTo(box.left, py);
    ctx.lineTo(box.right, py);
    ctx.stroke();
    ctx.fillText(label(tick), box.left - Y_LABEL_GAP, py);
  }
  if (!xLabels) return;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const width = box.right - box.left;
  const count = Math.max(2, Math.round(width / (pixelsPerXTick * (fontPx / AXIS_FONT_PX))));
  for (const tick of x.ticks(count)) ctx.fillText(label(tick), x(tick), box.bottom + 3);
}
