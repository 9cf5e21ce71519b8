import type { Scale } from './scales.ts';

/** Where a chart's plotting area sits on its canvas, in CSS px. */
export interface ChartBox {
  left: number;
  right: number;
  bottom: number;
}

export interface ChartAxesOptions {
  yTicks: number;
  /** Width in CSS px per x tick label. */
  pixelsPerXTick: number;
  gridColour: string;
  label(value: number): string;
  /** Label size in CSS px (11 unless presenting). */
  fontPx?: number;
}

/** Horizontal grid lines with y labels on the left, and x labels under the box. */
export function drawChartAxes(
  ctx: CanvasRenderingContext2D,
  box: ChartBox,
  x: Scale,
  y: Scale,
  { yTicks, pixelsPerXTick, gridColour, label, fontPx = 11 }: ChartAxesOptions,
): void {
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  ctx.fillStyle = '#444';
  ctx.strokeStyle = gridColour;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of y.ticks(yTicks)) {
    const py = y(tick);
    ctx.beginPath();
    ctx.moveTo(box.left, py);
    ctx.lineTo(box.right, py);
    ctx.stroke();
    ctx.fillText(label(tick), box.left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const width = box.right - box.left;
  for (const tick of x.ticks(Math.max(2, Math.round(width / (pixelsPerXTick * (fontPx / 11)))))) {
    ctx.fillText(label(tick), x(tick), box.bottom + 3);
  }
}
