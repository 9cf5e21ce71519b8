/**
 * What became of a run that went wrong, drawn where it happened: a diverged particle's × at its last
 * finite point, an escaped one's arrowhead on the edge pointing where it went, each with its label
 * ("SGD diverged at step 3"). The 2D plot (trajectoryLayer.ts) and the 3D view (raceOverlay.ts)
 * place their marks and paint them here alike.
 */
import { placeLabel, type Rect } from './labelPlacement.ts';

/** Runs with at most this many particles get edge markers and fate labels (more would be noise). */
export const NAMED_PARTICLES_AT_MOST = 20;

/** A diverged particle's × or an escaped one's edge arrow, with its label, in CSS px. */
export interface FateMark {
  diverged: boolean;
  x: number;
  y: number;
  /** Where the particle went from the mark, in screen axes (any magnitude, even 1e300). */
  dx: number;
  dy: number;
  label: string;
  color: string;
}

/**
 * Paints `marks` at `scale` inside `bounds` (CSS px); labels keep clear of `obstacles` (the legend)
 * and of each other.
 */
export function paintFateMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly FateMark[],
  scale: number,
  bounds: readonly [number, number],
  obstacles: readonly Rect[],
): void {
  const s = scale;
  const placed = [...obstacles];
  for (const { diverged, x, y, dx, dy, label, color } of marks) {
    ctx.beginPath();
    if (diverged) traceCross(ctx, x, y, 7 * s);
    else traceArrowhead(ctx, x, y, dx, dy, 9 * s);
    ctx.lineWidth = 4 * s;
    ctx.strokeStyle = '#ffffff';
    ctx.lineJoin = 'round';
    ctx.stroke();
    if (diverged) {
      ctx.lineWidth = 2.5 * s;
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
    }
    const lineHeight = 16 * s;
    ctx.font = `600 ${12 * s}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    const width = ctx.measureText(label).width;
    const box = placeLabel(x, y, width, lineHeight, 12 * s, bounds, placed);
    placed.push(box);
    const [left, boxTop] = box;
    const top = boxTop + lineHeight / 2;
    ctx.lineWidth = 3 * s;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(label, left, top);
    ctx.fillStyle = color;
    ctx.fillText(label, left, top);
  }
}

/** An × of half-size r centred at (x, y). */
function traceCross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}

/** A filled arrowhead with its tip at (x, y), pointing along (dx, dy) in screen axes. */
function traceArrowhead(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  dx: number,
  dy: number,
  size: number,
): void {
  // Scaled to at most 1 before squaring, so directions towards 1e300 do not overflow.
  const big = Math.max(Math.abs(dx), Math.abs(dy)) || 1;
  const ux = dx / big;
  const uy = dy / big;
  const norm = Math.hypot(ux, uy) || 1;
  const ax = ux / norm;
  const ay = uy / norm;
  const baseX = x - ax * size;
  const baseY = y - ay * size;
  ctx.moveTo(x, y);
  ctx.lineTo(baseX - ay * size * 0.6, baseY + ax * size * 0.6);
  ctx.lineTo(baseX + ay * size * 0.6, baseY - ax * size * 0.6);
  ctx.closePath();
}
