/**
 * Random initialisation made visible: every start point coloured by where its particle is at the
 * step on screen — in which known minimum, stopped elsewhere, still moving, off the plot or
 * diverged. Grid starts become a basin map (one translucent cell per start); random starts are
 * dots. Redrawn only when some start changes colour, the run or the view changes, with one fill per colour; while
 * the clock runs, at most REDRAW_INTERVAL_MS apart (the colours change slowly, and classifying ten
 * thousand starts takes ~10 ms), with a last redraw once the clock stops.
 */
import {
  BASIN_OTHER,
  BASIN_OTHER_COUNT,
  basinOf,
  minimumTolerance,
} from '../core/sim/particleState.ts';
import type { Run } from '../core/sim/run.ts';
import { clearCanvas, fitOffscreenDrawn, type Context2D } from './canvas.ts';
import type { Drawable, FrameState } from './drawable.ts';
import type { Viewport } from './viewport.ts';

/** Paul Tol's "bright" scheme (safe for colour-vision deficiencies), distinct from the run colours. */
const MINIMUM_COLORS = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377'];
const OTHER_COLORS: Record<keyof typeof BASIN_OTHER, string> = {
  stopped: '#555555',
  moving: '#BBBBBB',
  left: '#9C755F',
  diverged: '#000000',
};

/** The colour of basin category `category` on a surface with `minima` known minima. */
export function basinColor(category: number, minima: number): string {
  if (category < minima) return MINIMUM_COLORS[category % MINIMUM_COLORS.length];
  const name = (Object.keys(BASIN_OTHER) as (keyof typeof BASIN_OTHER)[]).find(
    (key) => BASIN_OTHER[key] === category - minima,
  );
  return OTHER_COLORS[name ?? 'moving'];
}

/** What the legend shows: which run is coloured, and how many starts fall in each category. */
export interface BasinSummary {
  /** Index of the coloured run in the scene, or −1 when starts are not random or a grid. */
  runIndex: number;
  /** Per category: minima first, then BASIN_OTHER's order. */
  counts: Int32Array;
}

export type BasinListener = (summary: BasinSummary) => void;

/** Above this many random starts, dots are squares (arcs are slow by the thousand). */
const SQUARE_DOTS_ABOVE = 2000;
const GRID_ALPHA = 0.6;
const DOT_RADIUS = 4;
export const REDRAW_INTERVAL_MS = 125;

export class BasinLayer implements Drawable {
  private viewport: Viewport | null = null;
  private ctx: Context2D | null = null;
  private categories = new Uint16Array(0);
  /** Per start, 1 where the last classification changed its colour. */
  private recoloured = new Uint8Array(0);
  private drawnStep = -1;
  private drawnRun: Run | null = null;
  private listener: BasinListener | null = null;
  private lastDraw = -Infinity;
  private pixelRatio = 1;
  /** Pre-drawn dots by colour, at the current pixel ratio. */
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param runId the run whose outcome colours the starts; null: the first visible run.
   * @param requestRedraw asks for another frame (a skipped step must still be drawn later).
   */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private runId: string | null,
    private readonly requestRedraw: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  dispose(): void {
    clearTimeout(this.pending);
  }

  setViewport(viewport: Viewport, pixelRatio: number): void {
    this.viewport = viewport;
    if (pixelRatio !== this.pixelRatio) this.sprites.clear();
    this.pixelRatio = pixelRatio;
    // Redrawn a few times a second while every frame moves the race.
    this.ctx = fitOffscreenDrawn(this.canvas, viewport.width, viewport.height, pixelRatio);
    this.drawnStep = -1;
  }

  setRun(runId: string | null): void {
    this.runId = runId;
    this.drawnStep = -1;
  }

  onSummary(listener: BasinListener | null): void {
    this.listener = listener;
    this.drawnStep = -1;
  }

  draw(frame: FrameState): void {
    const { ctx, viewport } = this;
    if (!ctx || !viewport) return;
    const index = this.selectRun(frame);
    const run = index >= 0 ? frame.simulation.runs[index] : null;
    const forced = frame.rebuilt || run !== this.drawnRun || this.drawnStep < 0;
    if (!forced && frame.step === this.drawnStep) return;
    const now = this.now();
    if (!forced && now - this.lastDraw < REDRAW_INTERVAL_MS) {
      this.pending ??= setTimeout(
        () => {
          this.pending = undefined;
          this.requestRedraw();
        },
        REDRAW_INTERVAL_MS - (now - this.lastDraw),
      );
      return;
    }
    this.lastDraw = now;
    this.drawnRun = run;
    this.drawnStep = frame.step;
    const minima = frame.surface.minima.length;
    const counts = new Int32Array(minima + BASIN_OTHER_COUNT);
    if (!run || frame.scene.starts.kind === 'points') {
      clearCanvas(ctx);
      this.listener?.({ runIndex: -1, counts });
      return;
    }
    const resized = this.categories.length !== run.particles;
    if (resized) {
      this.categories = new Uint16Array(run.particles);
      this.recoloured = new Uint8Array(run.particles);
    }
    let recolouredCount = 0;
    const tolerance = minimumTolerance(frame.surface.minima, frame.surface.view);
    for (let p = 0; p < run.particles; p++) {
      const category = basinOf(run, p, frame.step, frame.surface, tolerance);
      const recoloured = this.categories[p] !== category;
      this.recoloured[p] = recoloured ? 1 : 0;
      if (recoloured) recolouredCount++;
      this.categories[p] = category;
      counts[category]++;
    }
    // Most steps move no start to another colour; repainting thousands of dots would change nothing.
    if (!forced && !resized && recolouredCount === 0) return;
    const { starts } = frame.scene;
    const dots = starts.kind === 'random' && run.particles <= SQUARE_DOTS_ABOVE;
    if (dots && !forced && !resized) {
      // Opaque dots: the recoloured ones are simply stamped over their old selves.
      this.stampDots(run, counts, minima, this.recoloured);
      this.listener?.({ runIndex: index, counts });
      return;
    }
    clearCanvas(ctx);
    if (starts.kind === 'grid') {
      // Cells tile the view, so the map reads as regions; translucent, so contours show through.
      const { view } = frame.surface;
      const width = ((view.xMax - view.xMin) / starts.count) * viewport.scale;
      const height = ((view.yMax - view.yMin) / starts.count) * viewport.scale;
      this.paint(run, counts, minima, GRID_ALPHA, (x, y) =>
        ctx.rect(x - width / 2, y - height / 2, width, height),
      );
    } else if (run.particles > SQUARE_DOTS_ABOVE) {
      this.paint(run, counts, minima, 1, (x, y) => ctx.rect(x - 1.5, y - 1.5, 3, 3));
    } else {
      this.stampDots(run, counts, minima, null);
    }
    this.listener?.({ runIndex: index, counts });
  }

  /** One path and one fill per category present, each start traced at its pixel position. */
  private paint(
    run: Run,
    counts: Int32Array,
    minima: number,
    alpha: number,
    trace: (x: number, y: number) => void,
  ): void {
    const ctx = this.ctx!;
    const viewport = this.viewport!;
    ctx.globalAlpha = alpha;
    for (let category = 0; category < counts.length; category++) {
      if (counts[category] === 0) continue;
      ctx.beginPath();
      for (let p = 0; p < run.particles; p++) {
        if (this.categories[p] !== category) continue;
        trace(
          viewport.toPixelX(run.positions.get(0, 2 * p)),
          viewport.toPixelY(run.positions.get(0, 2 * p + 1)),
        );
      }
      ctx.fillStyle = basinColor(category, minima);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  /**
   * Outlined round dots, copied from one small pre-drawn image per colour: filling and stroking a
   * thousand arcs cost several milliseconds of path rasterisation per redraw. `only` limits them to
   * the flagged starts.
   */
  private stampDots(run: Run, counts: Int32Array, minima: number, only: Uint8Array | null): void {
    const ctx = this.ctx!;
    const viewport = this.viewport!;
    const size = 2 * (DOT_RADIUS + 1);
    for (let category = 0; category < counts.length; category++) {
      if (counts[category] === 0) continue;
      const sprite = this.dotSprite(basinColor(category, minima));
      for (let p = 0; p < run.particles; p++) {
        if (this.categories[p] !== category || (only && !only[p])) continue;
        const x = viewport.toPixelX(run.positions.get(0, 2 * p));
        const y = viewport.toPixelY(run.positions.get(0, 2 * p + 1));
        ctx.drawImage(sprite, x - size / 2, y - size / 2, size, size);
      }
    }
  }

  private dotSprite(color: string): HTMLCanvasElement {
    let sprite = this.sprites.get(color);
    if (sprite) return sprite;
    const centre = DOT_RADIUS + 1;
    sprite = document.createElement('canvas');
    sprite.width = sprite.height = Math.ceil(2 * centre * this.pixelRatio);
    const ctx = sprite.getContext('2d')!;
    ctx.scale(this.pixelRatio, this.pixelRatio);
    ctx.arc(centre, centre, DOT_RADIUS, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    this.sprites.set(color, sprite);
    return sprite;
  }

  /** The coloured run's index in the scene: the chosen one if visible, else the first visible. */
  private selectRun(frame: FrameState): number {
    const { runs } = frame.scene;
    const chosen = runs.findIndex((run) => run.id === this.runId);
    if (chosen >= 0 && frame.simulation.runs[chosen]) return chosen;
    return runs.findIndex((run, i) => run.visible && frame.simulation.runs[i] !== undefined);
  }
}
