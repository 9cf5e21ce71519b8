/**
 * Trails and moving heads of the runs' particles, on two stacked canvases. Trails are persistent and
 * only receive the segments added since the last frame, so drawing cost grows with new steps, not
 * with history length; they are redrawn whole only on a scrub backward, a new simulation, a restarted
 * run, a visibility change or a resize. Heads are redrawn every frame.
 *
 * A few particles per run are drawn as vector paths: trails with a halo on the trail canvas, marker
 * shapes on the head canvas. Crowded runs (thousands of particles) are drawn as pixels: trails
 * rasterised into a buffer, heads stamped as dots over a copy of it, the frame put on the head canvas
 * in one call — one canvas upload per frame instead of two, and no path rasterisation.
 */
import type { Run } from '../core/sim/run.ts';
import { clearCanvas, fitCanvas } from './canvas.ts';
import { DotBuffer, opaquePixel } from './dotBuffer.ts';
import { PixelTrails } from './pixelTrails.ts';
import { hexValue, runStyle, trailLook, traceMarker } from './runStyle.ts';
import type { Drawable, FrameState } from './drawable.ts';
import type { Viewport } from './viewport.ts';

/** Above this many particles per run, runs are drawn as pixels (paths are slow by the thousand). */
const PIXELS_ABOVE = 200;
/**
 * Trail segments rasterised per frame at most; beyond it (a rebuild of a long history, very fast
 * playback) trails skip steps, which at thousands of particles reads the same.
 */
const SEGMENTS_PER_FRAME = 200_000;
/**
 * Pixels drawn per CSS pixel at most in pixel mode. Its cost grows with the buffer: at a device pixel
 * ratio of 2, 12 × 1,000 starts took 26 ms a frame at 4× CPU throttling instead of 10; a texture of
 * thousands of trails loses little when the browser scales it up.
 */
const PIXELS_MAX_RATIO = 1;

export interface TrajectoryLayerOptions {
  /** Only this run (a side-by-side panel); null for all visible runs. */
  runId: string | null;
  /** Marker radius and trail width in CSS px (larger in presentation mode). */
  scale: number;
}

export class TrajectoryLayer implements Drawable {
  private viewport: Viewport | null = null;
  private trailsCtx: CanvasRenderingContext2D | null = null;
  private headsCtx: CanvasRenderingContext2D | null = null;
  private drawnStep = -1;
  private drawnRuns: readonly Run[] = [];
  private drawnVisibility = '';
  private drawnAsPixels = false;
  private pixelRatio = 1;
  private readonly dots = new DotBuffer();
  private readonly pixelTrails = new PixelTrails();
  private segmentCoordinates = new Float64Array(0);

  constructor(
    private readonly trails: HTMLCanvasElement,
    private readonly heads: HTMLCanvasElement,
    private options: TrajectoryLayerOptions,
  ) {}

  setViewport(viewport: Viewport, pixelRatio: number): void {
    this.viewport = viewport;
    this.pixelRatio = pixelRatio;
    this.trailsCtx = fitCanvas(this.trails, viewport.width, viewport.height, pixelRatio);
    this.fitHeads(this.drawnAsPixels);
    this.drawnStep = -1;
  }

  /** Sizes the head canvas (and the pixel buffer) for vector or pixel drawing. */
  private fitHeads(asPixels: boolean): void {
    const viewport = this.viewport!;
    const ratio = asPixels ? Math.min(this.pixelRatio, PIXELS_MAX_RATIO) : this.pixelRatio;
    this.headsCtx = fitCanvas(this.heads, viewport.width, viewport.height, ratio);
    this.pixelTrails.resize(this.heads.width, this.heads.height);
  }

  setOptions(options: TrajectoryLayerOptions): void {
    this.options = options;
    this.drawnStep = -1;
  }

  draw(frame: FrameState): void {
    const { viewport, trailsCtx } = this;
    if (!viewport || !trailsCtx || !this.headsCtx) return;
    const runs = this.selectRuns(frame);
    const asPixels = runs.some(([run]) => run.particles > PIXELS_ABOVE);
    const visibility = runs.map(([, index]) => index).join(',');
    const simulationRuns = frame.simulation.runs;
    const incremental =
      !frame.rebuilt &&
      this.drawnStep >= 0 &&
      this.drawnStep <= frame.step &&
      asPixels === this.drawnAsPixels &&
      visibility === this.drawnVisibility &&
      simulationRuns.length === this.drawnRuns.length &&
      simulationRuns.every((run, i) => run === this.drawnRuns[i]);
    if (asPixels !== this.drawnAsPixels) this.fitHeads(asPixels);
    if (!incremental) {
      clearCanvas(trailsCtx);
      this.pixelTrails.clear();
      this.drawnStep = 0;
    }
    this.drawnStep = asPixels
      ? this.rasteriseTrails(runs, this.drawnStep, frame.step)
      : this.strokeTrails(trailsCtx, runs, this.drawnStep, frame.step);
    this.drawnRuns = simulationRuns.slice();
    this.drawnVisibility = visibility;
    this.drawnAsPixels = asPixels;

    const heads = this.headsCtx!;
    if (asPixels) {
      this.drawDots(heads, runs, frame.step);
      return;
    }
    clearCanvas(heads);
    for (const [run, index] of runs) this.drawHeads(heads, run, index, frame.step);
  }

  /** [run, index in the scene] for the runs this layer shows. */
  private selectRuns(frame: FrameState): [Run, number][] {
    const out: [Run, number][] = [];
    frame.scene.runs.forEach((sceneRun, index) => {
      const run = frame.simulation.runs[index];
      if (!run) return;
      if (this.options.runId === null ? sceneRun.visible : sceneRun.id === this.options.runId) {
        out.push([run, index]);
      }
    });
    return out;
  }

  /** Strokes the trails from step `from` to `to`; returns the step drawn up to. */
  private strokeTrails(
    ctx: CanvasRenderingContext2D,
    runs: [Run, number][],
    from: number,
    to: number,
  ): number {
    if (to <= from) return to;
    const viewport = this.viewport!;
    for (const [run, index] of runs) {
      const look = trailLook(run.particles);
      const width = look.width * this.options.scale;
      const { positions } = run;
      ctx.beginPath();
      for (let p = 0; p < run.particles; p++) {
        ctx.moveTo(
          viewport.toPixelX(positions.get(from, 2 * p)),
          viewport.toPixelY(positions.get(from, 2 * p + 1)),
        );
        for (let k = from + 1; k <= to; k++) {
          ctx.lineTo(
            viewport.toPixelX(positions.get(k, 2 * p)),
            viewport.toPixelY(positions.get(k, 2 * p + 1)),
          );
        }
      }
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      if (!look.crowded) {
        // A light halo keeps the coloured trail readable on dark and light contour bands alike.
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.lineWidth = look.haloWidth * this.options.scale;
        ctx.stroke();
      }
      ctx.globalAlpha = look.opacity;
      ctx.strokeStyle = runStyle(index).color;
      ctx.lineWidth = width;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    return to;
  }

  /**
   * Rasterises crowded trails from step `from` towards `to` into the pixel buffer, every step or,
   * past the per-frame budget, every few steps; returns the step drawn up to.
   */
  private rasteriseTrails(runs: [Run, number][], from: number, to: number): number {
    const particles = runs.reduce((sum, [run]) => sum + run.particles, 0);
    const stride = Math.max(1, Math.ceil((particles * (to - from)) / SEGMENTS_PER_FRAME));
    const last = from + Math.floor((to - from) / stride) * stride;
    if (last <= from) return from;
    const viewport = this.viewport!;
    const trails = this.pixelTrails;
    const ratio = trails.width / Math.max(1, viewport.width);
    const thickness = this.options.scale * ratio;
    const { scale } = viewport;
    const left = viewport.extent.xMin;
    const top = viewport.extent.yMax;
    for (const [run, index] of runs) {
      const runLast = Math.min(last, run.steps);
      if (runLast <= from) continue;
      const segments = run.particles * Math.floor((runLast - from) / stride);
      if (this.segmentCoordinates.length < 4 * segments) {
        this.segmentCoordinates = new Float64Array(4 * segments);
      }
      const coordinates = this.segmentCoordinates;
      let i = 0;
      for (let k = from + stride; k <= runLast; k += stride) {
        const before = run.positions.stepValues(k - stride);
        const after = run.positions.stepValues(k);
        for (let p = 0; p < 2 * run.particles; p += 2) {
          coordinates[i++] = (before[p] - left) * scale * ratio;
          coordinates[i++] = (top - before[p + 1]) * scale * ratio;
          coordinates[i++] = (after[p] - left) * scale * ratio;
          coordinates[i++] = (top - after[p + 1]) * scale * ratio;
        }
      }
      const rgb = hexValue(runStyle(index).color);
      trails.segments(coordinates, segments, rgb, trailLook(run.particles).opacity, thickness);
    }
    return last;
  }

  /** Crowded runs' heads: square dots stamped over their trails, the frame put in one call. */
  private drawDots(ctx: CanvasRenderingContext2D, runs: [Run, number][], step: number): void {
    const viewport = this.viewport!;
    const ratio = ctx.canvas.width / Math.max(1, viewport.width);
    const size = Math.max(2, Math.round(2 * this.options.scale * ratio));
    this.dots.begin(ctx, this.pixelTrails.pixels);
    const scale = viewport.scale * ratio;
    const left = viewport.extent.xMin;
    const top = viewport.extent.yMax;
    for (const [run, index] of runs) {
      const colour = opaquePixel(runStyle(index).color);
      const positions = run.positions.stepValues(Math.min(step, run.steps));
      for (let p = 0; p < 2 * run.particles; p += 2) {
        this.dots.dot(
          (positions[p] - left) * scale,
          (top - positions[p + 1]) * scale,
          size,
          colour,
        );
      }
    }
    this.dots.end(ctx);
  }

  private drawHeads(ctx: CanvasRenderingContext2D, run: Run, index: number, step: number): void {
    const viewport = this.viewport!;
    const { color, shape } = runStyle(index);
    const { positions } = run;
    const k = Math.min(step, run.steps);
    const r = trailLook(run.particles).markerRadius * this.options.scale;
    ctx.beginPath();
    for (let p = 0; p < run.particles; p++) {
      traceMarker(
        ctx,
        shape,
        viewport.toPixelX(positions.get(k, 2 * p)),
        viewport.toPixelY(positions.get(k, 2 * p + 1)),
        r,
      );
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.5 * this.options.scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    if (run.particles <= 20) this.drawDivergence(ctx, run, color, step);
  }

  /** "diverged at step k" beside the last finite point of each particle that left. */
  private drawDivergence(
    ctx: CanvasRenderingContext2D,
    run: Run,
    color: string,
    step: number,
  ): void {
    const viewport = this.viewport!;
    const s = this.options.scale;
    ctx.font = `600 ${12 * s}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    for (let p = 0; p < run.particles; p++) {
      const at = run.divergedAt[p];
      if (at < 0 || step < at) continue;
      const last = Math.max(0, at - 1);
      const x = viewport.toPixelX(run.positions.get(last, 2 * p));
      const y = viewport.toPixelY(run.positions.get(last, 2 * p + 1));
      const label = `diverged at step ${at}`;
      // Keep the label inside the plot even when the particle left through an edge.
      const lx = Math.min(
        Math.max(x + 10 * s, 4),
        viewport.width - ctx.measureText(label).width - 4,
      );
      const ly = Math.min(Math.max(y, 12 * s), viewport.height - 12 * s);
      ctx.lineWidth = 3 * s;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeText(label, lx, ly);
      ctx.fillStyle = color;
      ctx.fillText(label, lx, ly);
    }
  }
}
