/**
 * The teaching overlay on a plot, on a canvas of its own above the trails:
 * - curvature at the inspected point (the pointer, else the start): the Hessian's eigenvectors as
 *   double-headed arrows, length ∝ |λ| (the larger one a fixed length, so their ratio shows the
 *   condition number), blue and solid where f curves up, red and dashed where it curves down, grey
 *   and dotted where it is flat; plus the gradient's direction;
 * - the anatomy of a run's next step: the plain gradient step, the parts of the update tip to tail
 *   and the step actually taken, all magnified by one stated factor so a tiny step is visible.
 * Numbers belong to the side panel; the plot carries short symbolic labels only.
 */
import type { Anatomy, AnatomyPartRole, AnatomyResult } from '../core/anatomy.ts';
import {
  analyzeCurvature,
  ZERO_EIGENVALUE_TOLERANCE,
  type CurvatureAnalysis,
} from '../core/curvature.ts';
import type { Point } from '../core/geometry.ts';
import type { Scene } from '../core/scene/scene.ts';
import { clearCanvas, fitCanvas } from './canvas.ts';
import { runStyle } from './runStyle.ts';
import type { Drawable, FrameState } from './drawable.ts';
import type { Viewport } from './viewport.ts';

/** Colours shared with the panels' legends. Blue/red differ in lightness too; dashes say it again. */
export const INSPECTOR_COLORS = {
  curvesUp: '#1f5fa8',
  curvesDown: '#c4302b',
  flat: '#6b7280',
  gradient: '#1d2330',
  plain: '#6b7280',
  gradientPart: '#117733',
  momentumPart: '#aa4499',
  decayPart: '#8a6d00',
} as const;

export const PART_COLORS: Record<AnatomyPartRole, string> = {
  gradient: INSPECTOR_COLORS.gradientPart,
  momentum: INSPECTOR_COLORS.momentumPart,
  decay: INSPECTOR_COLORS.decayPart,
  whole: INSPECTOR_COLORS.gradientPart,
};

/** The words on the plot for each part (the side panel has the numbers). */
const PART_LABELS: Record<AnatomyPartRole, string> = {
  gradient: 'this gradient',
  momentum: 'momentum',
  decay: 'decay',
  whole: 'step',
};

/** CSS px (× the presentation scale): the longer eigen-arrow, the gradient arrow, a flat direction. */
const EIGEN_LENGTH = 72;
const GRADIENT_LENGTH = 54;
const FLAT_LENGTH = 18;
/**
 * Shorter eigen-arrows would vanish under their heads and the start ring; the panel still gives the
 * exact ratio.
 */
const MIN_EIGEN_LENGTH = 15;
/** The longest anatomy arrow is magnified to about this length, unless already near it. */
const ANATOMY_TARGET = 110;
/** The plain gradient step may be far longer than the real one; beyond this it is cut, and says so. */
const PLAIN_MAX = 2.4 * ANATOMY_TARGET;

export type InspectedPoint = { point: Point; source: 'pointer' | 'start' };

/** What the inspector looks at: the point under the pointer, else the (first) start point. */
export function inspectedPoint(scene: Scene, hover: Point | null): InspectedPoint | null {
  if (hover) return { point: hover, source: 'pointer' };
  if (scene.starts.kind === 'points') return { point: scene.starts.points[0], source: 'start' };
  return null;
}

/**
 * The factor anatomy arrows are drawn at: 1 when the longest is already between 40 and 160 px,
 * else the 1-2-5 number that brings it nearest below ANATOMY_TARGET (a factor people can read).
 */
export function anatomyMagnification(longestPixels: number): number {
  if (!(longestPixels > 0) || !Number.isFinite(longestPixels)) return 1;
  if (longestPixels >= 40 && longestPixels <= 160) return 1;
  const raw = ANATOMY_TARGET / longestPixels;
  const decade = 10 ** Math.floor(Math.log10(raw));
  const mantissa = [5, 2, 1].find((m) => m * decade <= raw) ?? 1;
  return Number((mantissa * decade).toPrecision(1));
}

function unit(dx: number, dy: number): [number, number] {
  const length = Math.hypot(dx, dy);
  return length > 0 ? [dx / length, dy / length] : [1, 0];
}

interface ArrowStyle {
  color: string;
  width: number;
  dash?: number[];
  heads: 'end' | 'both' | 'none';
  /** Cut short: end in a break mark instead of a head. */
  truncated?: boolean;
}

export interface InspectorOptions {
  /** This panel's run (side by side), or null for the overlay of every run. */
  runId: string | null;
  curvature: boolean;
  anatomyRunId: string | null;
  /** Line and text scale (larger in presentation mode). */
  scale: number;
}

/** One run's next step taken apart, as the plot and the side panel show it. */
export interface RunAnatomy {
  /** The run's index in the scene (its colour and marker). */
  index: number;
  label: string;
  optimizer: string;
  result: AnatomyResult;
}

/** The anatomy of run `runId`'s next step from the step on screen (src/playback computes it). */
export type AnatomySource = (frame: FrameState, runId: string) => RunAnatomy | null;

export class InspectorLayer implements Drawable {
  private viewport: Viewport | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private analysis: { key: string; result: CurvatureAnalysis } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly hover: () => Point | null,
    private readonly anatomyAt: AnatomySource,
    private options: InspectorOptions,
  ) {}

  setViewport(viewport: Viewport, pixelRatio: number): void {
    this.viewport = viewport;
    this.ctx = fitCanvas(this.canvas, viewport.width, viewport.height, pixelRatio);
  }

  setOptions(options: InspectorOptions): void {
    this.options = options;
  }

  draw(frame: FrameState): void {
    const { ctx, viewport, options } = this;
    if (!ctx || !viewport) return;
    clearCanvas(ctx);
    const { anatomyRunId } = options;
    if (anatomyRunId !== null && (options.runId === null || options.runId === anatomyRunId)) {
      const anatomy = this.anatomyAt(frame, anatomyRunId);
      if (anatomy?.result.ok)
        this.drawAnatomy(ctx, anatomy.result, runStyle(frame.scene.runs, anatomy.index).color);
    }
    if (options.curvature) {
      const inspected = inspectedPoint(frame.scene, this.hover());
      if (inspected) this.drawCurvature(ctx, this.analyze(frame, inspected.point));
    }
  }

  /** The analysis of the inspected point, recomputed only when the point or surface changed. */
  private analyze(frame: FrameState, [x, y]: Point): CurvatureAnalysis {
    const key = `${frame.surface.key} ${x} ${y}`;
    if (this.analysis?.key !== key)
      this.analysis = { key, result: analyzeCurvature(frame.surface.functions, x, y) };
    return this.analysis.result;
  }

  private drawCurvature(ctx: CanvasRenderingContext2D, analysis: CurvatureAnalysis): void {
    const viewport = this.viewport!;
    const s = this.options.scale;
    const px = viewport.toPixelX(analysis.point[0]);
    const py = viewport.toPixelY(analysis.point[1]);
    if (analysis.kind === 'finite') {
      const largest = Math.max(...analysis.directions.map((d) => Math.abs(d.value)));
      analysis.directions.forEach(({ value, vector }, i) => {
        const flat = Math.abs(value) <= ZERO_EIGENVALUE_TOLERANCE * largest;
        const length = flat
          ? FLAT_LENGTH * s
          : Math.max(MIN_EIGEN_LENGTH, (EIGEN_LENGTH * Math.abs(value)) / largest) * s;
        // World y is up, screen y is down.
        const dx = vector[0] * length;
        const dy = -vector[1] * length;
        const style: ArrowStyle = flat
          ? { color: INSPECTOR_COLORS.flat, width: 2.5, dash: [2, 3], heads: 'none' }
          : value > 0
            ? { color: INSPECTOR_COLORS.curvesUp, width: 3.5, heads: 'both' }
            : { color: INSPECTOR_COLORS.curvesDown, width: 3.5, dash: [7, 4], heads: 'both' };
        this.arrow(ctx, px - dx, py - dy, px + dx, py + dy, style);
        this.label(ctx, i === 0 ? 'λ₁' : 'λ₂', px + dx, py + dy, style.color, [
          dx / length,
          dy / length,
        ]);
      });
      const [gx, gy] = analysis.gradient;
      if (
        !analysis.stationary &&
        analysis.gradientNorm > 0 &&
        Number.isFinite(analysis.gradientNorm)
      ) {
        const ux = gx / analysis.gradientNorm;
        const uy = gy / analysis.gradientNorm;
        const x1 = px + ux * GRADIENT_LENGTH * s;
        const y1 = py - uy * GRADIENT_LENGTH * s;
        this.arrow(ctx, px, py, x1, y1, {
          color: INSPECTOR_COLORS.gradient,
          width: 2,
          heads: 'end',
        });
        this.label(ctx, '∇f', x1, y1, INSPECTOR_COLORS.gradient, [ux, -uy]);
      }
    } else {
      // No finite curvature to draw: a ring says where, the panel says why.
      const color =
        analysis.kind === 'infinite' ? INSPECTOR_COLORS.curvesUp : INSPECTOR_COLORS.flat;
      ctx.beginPath();
      ctx.arc(px, py, 12 * s, 0, 2 * Math.PI);
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 2 * s;
      ctx.strokeStyle = color;
      ctx.stroke();
      ctx.setLineDash([]);
      const text = analysis.kind === 'infinite' ? 'curvature ∞' : 'no curvature';
      this.label(ctx, text, px + 9 * s, py - 9 * s, color, [Math.SQRT1_2, -Math.SQRT1_2]);
    }
    this.marker(ctx, px, py, INSPECTOR_COLORS.gradient);
  }

  private drawAnatomy(ctx: CanvasRenderingContext2D, anatomy: Anatomy, runColor: string): void {
    const viewport = this.viewport!;
    const s = this.options.scale;
    const px = viewport.toPixelX(anatomy.position[0]);
    const py = viewport.toPixelY(anatomy.position[1]);
    const pixels = (v: Point) => Math.hypot(v[0], v[1]) * viewport.scale;
    const drawnParts = anatomy.parts.length > 1 ? anatomy.parts : [];
    const longest = Math.max(
      pixels(anatomy.update),
      ...drawnParts.map((part) => pixels(part.vector)),
    );
    const magnification = anatomyMagnification(longest / s);
    const factor = viewport.scale * magnification;
    const tip = (x: number, y: number, v: Point): [number, number] => [
      x + v[0] * factor,
      y - v[1] * factor,
    ];

    // The plain gradient step, cut short (with a break mark) when it would leave the picture.
    const plainLength = pixels(anatomy.plainStep) * magnification;
    if (plainLength > 0) {
      const cut = Math.min(1, (PLAIN_MAX * s) / plainLength);
      const [x1, y1] = tip(px, py, [anatomy.plainStep[0] * cut, anatomy.plainStep[1] * cut]);
      this.arrow(ctx, px, py, x1, y1, {
        color: INSPECTOR_COLORS.plain,
        width: 2,
        dash: [6, 4],
        heads: 'end',
        truncated: cut < 1,
      });
      const text = cut < 1 ? '−lr·∇f (cut short)' : '−lr·∇f';
      this.label(ctx, text, x1, y1, INSPECTOR_COLORS.plain, unit(x1 - px, y1 - py));
    }

    // The step taken under its parts, so both stay visible where they coincide.
    const [ux, uy] = tip(px, py, anatomy.update);
    const stepShown = Math.hypot(ux - px, uy - py) >= 1;
    if (stepShown) this.arrow(ctx, px, py, ux, uy, { color: runColor, width: 5, heads: 'end' });

    // The parts, tip to tail: they add up to the step.
    let [x, y] = [px, py];
    for (const part of drawnParts) {
      if (pixels(part.vector) * magnification < 1) continue;
      const [x1, y1] = tip(x, y, part.vector);
      this.arrow(ctx, x, y, x1, y1, { color: PART_COLORS[part.role], width: 2, heads: 'end' });
      const [ax, ay] = unit(x1 - x, y1 - y);
      const text = PART_LABELS[part.role];
      this.label(ctx, text, (x + x1) / 2, (y + y1) / 2, PART_COLORS[part.role], [-ay, ax]);
      [x, y] = [x1, y1];
    }

    if (stepShown) {
      const text = magnification === 1 ? 'step' : `step ×${magnification}`;
      this.label(ctx, text, ux, uy, runColor, unit(ux - px, uy - py));
    }
    this.marker(ctx, px, py, runColor);
  }

  private arrow(
    ctx: CanvasRenderingContext2D,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    style: ArrowStyle,
  ): void {
    const s = this.options.scale;
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length === 0) return;
    const ux = (x1 - x0) / length;
    const uy = (y1 - y0) / length;
    const width = style.width * s;
    const head = (4 + 2.2 * style.width) * s;
    // Lines stop where the heads begin, so a thick line does not poke through the point.
    const endInset = style.heads !== 'none' && !style.truncated ? head * 0.8 : 0;
    const startInset = style.heads === 'both' ? head * 0.8 : 0;
    const heads: [number, number, number][] = [];
    if (style.heads !== 'none' && !style.truncated) heads.push([x1, y1, 1]);
    if (style.heads === 'both') heads.push([x0, y0, -1]);

    ctx.save();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const path = new Path2D();
    path.moveTo(x0 + ux * startInset, y0 + uy * startInset);
    path.lineTo(x1 - ux * endInset, y1 - uy * endInset);
    if (style.truncated) {
      // A break mark: two short strokes across the cut end.
      for (const back of [0, 5 * s]) {
        const bx = x1 - ux * back;
        const by = y1 - uy * back;
        path.moveTo(bx - uy * 6 * s + ux * 3 * s, by + ux * 6 * s + uy * 3 * s);
        path.lineTo(bx + uy * 6 * s - ux * 3 * s, by - ux * 6 * s - uy * 3 * s);
      }
    }
    const headPath = new Path2D();
    for (const [hx, hy, direction] of heads) {
      const dx = ux * direction;
      const dy = uy * direction;
      headPath.moveTo(hx, hy);
      headPath.lineTo(hx - dx * head - dy * head * 0.5, hy - dy * head + dx * head * 0.5);
      headPath.lineTo(hx - dx * head + dy * head * 0.5, hy - dy * head - dx * head * 0.5);
      headPath.closePath();
    }
    // A white halo keeps arrows readable on every contour colour.
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = width + 4 * s;
    ctx.stroke(path);
    ctx.lineWidth = 3 * s;
    ctx.stroke(headPath);
    ctx.strokeStyle = style.color;
    ctx.fillStyle = style.color;
    ctx.lineWidth = width;
    ctx.setLineDash((style.dash ?? []).map((d) => d * s));
    ctx.stroke(path);
    ctx.setLineDash([]);
    ctx.fill(headPath);
    ctx.restore();
  }

  /**
   * Text a little way from (x, y) in the direction (dx, dy) (a unit vector: along an arrow for its
   * tip, across it for its middle), haloed in white and kept inside the plot.
   */
  private label(
    ctx: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    color: string,
    [dx, dy]: readonly [number, number],
  ): void {
    const viewport = this.viewport!;
    const s = this.options.scale;
    const size = 13 * s;
    ctx.save();
    ctx.font = `600 ${size}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const width = ctx.measureText(text).width;
    const cx = x + dx * 9 * s;
    const cy = y + dy * 9 * s;
    // Anchor the side of the text that faces the point, so the text never covers its own arrow.
    const left = dx > 0.35 ? cx : dx < -0.35 ? cx - width : cx - width / 2;
    const middle = dy > 0.35 ? cy + size / 2 : dy < -0.35 ? cy - size / 2 : cy;
    const lx = Math.min(Math.max(left, 4), viewport.width - width - 4);
    const ly = Math.min(Math.max(middle, size / 2 + 2), viewport.height - size / 2 - 2);
    ctx.lineWidth = 3.5 * s;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
    ctx.strokeText(text, lx, ly);
    ctx.fillStyle = color;
    ctx.fillText(text, lx, ly);
    ctx.restore();
  }

  private marker(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
    const s = this.options.scale;
    ctx.beginPath();
    ctx.arc(x, y, 4.5 * s, 0, 2 * Math.PI);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.lineWidth = 2 * s;
    ctx.strokeStyle = color;
    ctx.stroke();
  }
}
