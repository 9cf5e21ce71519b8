/**
 * Trails and moving heads of the runs' particles, on two stacked canvases. Trails live on a
 * persistent canvas that only receives the segments added since the last frame, so drawing cost
 * grows with new steps, not with history length; it is redrawn whole only on a scrub backward, a new
 * simulation, a restarted run, a visibility change or a resize. Heads are redrawn every frame.
 */
import type { Run } from '../core/sim/run.ts';
import { clearCanvas, fitCanvas } from './canvas.ts';
import { DotBuffer, opaquePixel } from './dotBuffer.ts';
import { runStyle, traceMarker } from './runStyle.ts';
import type { Drawable, FrameState } from './simulationController.ts';
import type { Viewport } from './viewport.ts';

/** Above this many particles per run, heads are pixel dots (markers are slow by the thousand). */
const SIMPLE_HEADS_ABOVE = 200;
/** Steps between the trail points of such runs. */
const CROWDED_TRAIL_STRIDE = 4;

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
  private readonly dots = new DotBuffer();

  constructor(
    private readonly trails: HTMLCanvasElement,
    private readonly heads: HTMLCanvasElement,
    private options: TrajectoryLayerOptions,
  ) {}

  setViewport(viewport: Viewport, pixelRatio: number): void {
    this.viewport = viewport;
    this.trailsCtx = fitCanvas(this.trails, viewport.width, viewport.height, pixelRatio);
    this.headsCtx = fitCanvas(this.heads, viewport.width, viewport.height, pixelRatio);
    this.drawnStep = -1;
  }

  setOptions(options: TrajectoryLayerOptions): void {
    this.options = options;
    this.drawnStep = -1;
  }

  draw(frame: FrameState): void {
    const { viewport, trailsCtx, headsCtx } = this;
    if (!viewport || !trailsCtx || !headsCtx) return;
    const runs = this.selectRuns(frame);
    const visibility = runs.map(([, index]) => index).join(',');
    const simulationRuns = frame.simulation.runs;
    const incremental =
      !frame.rebuilt &&
      this.drawnStep >= 0 &&
      this.drawnStep <= frame.step &&
      visibility === this.drawnVisibility &&
      simulationRuns.length === this.drawnRuns.length &&
      simulationRuns.every((run, i) => run === this.drawnRuns[i]);
    if (!incremental) {
      clearCanvas(trailsCtx);
      this.drawnStep = 0;
    }
    for (const [run, index] of runs)
      this.drawTrail(trailsCtx, run, index, this.drawnStep, frame.step);
    this.drawnStep = frame.step;
    this.drawnRuns = simulationRuns.slice();
    this.drawnVisibility = visibility;

    clearCanvas(headsCtx);
    const crowded = runs.filter(([run]) => run.particles > SIMPLE_HEADS_ABOVE);
    if (crowded.length > 0) this.drawDots(headsCtx, crowded, frame.step);
    for (const [run, index] of runs) {
      if (run.particles <= SIMPLE_HEADS_ABOVE) this.drawHeads(headsCtx, run, index, frame.step);
    }
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

  private drawTrail(
    ctx: CanvasRenderingContext2D,
    run: Run,
    index: number,
    from: number,
    to: number,
  ): void {
    // Crowded runs trace every few steps only: rasterising segments is the frame's main cost at
    // thousands of particles, and their trails read as a texture anyway (the heads move every step).
    const stride = run.particles > SIMPLE_HEADS_ABOVE ? CROWDED_TRAIL_STRIDE : 1;
    const first = Math.floor(from / stride) * stride;
    const last = Math.floor(to / stride) * stride;
    if (last <= first) return;
    const viewport = this.viewport!;
    const { color } = runStyle(index);
    const many = run.particles > 20;
    const width = (many ? 1 : 2.25) * this.options.scale;
    const { positions } = run;
    ctx.beginPath();
    for (let p = 0; p < run.particles; p++) {
      ctx.moveTo(
        viewport.toPixelX(positions.get(first, 2 * p)),
        viewport.toPixelY(positions.get(first, 2 * p + 1)),
      );
      for (let k = first + stride; k <= last; k += stride) {
        ctx.lineTo(
          viewport.toPixelX(positions.get(k, 2 * p)),
          viewport.toPixelY(positions.get(k, 2 * p + 1)),
        );
      }
    }
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    if (!many) {
      // A light halo keeps the coloured trail readable on dark and light contour bands alike.
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.lineWidth = width + 2 * this.options.scale;
      ctx.stroke();
    }
    ctx.globalAlpha = many ? Math.max(0.15, Math.min(0.8, 30 / run.particles)) : 1;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  /** Heads of runs with many particles: square dots written as pixels, all runs in one put. */
  private drawDots(ctx: CanvasRenderingContext2D, runs: [Run, number][], step: number): void {
    const viewport = this.viewport!;
    const ratio = ctx.canvas.width / Math.max(1, viewport.width);
    const size = Math.max(2, Math.round(2 * this.options.scale * ratio));
    this.dots.begin(ctx);
    for (const [run, index] of runs) {
      const colour = opaquePixel(runStyle(index).color);
      const k = Math.min(step, run.steps);
      for (let p = 0; p < run.particles; p++) {
        const x = viewport.toPixelX(run.positions.get(k, 2 * p)) * ratio;
        const y = viewport.toPixelY(run.positions.get(k, 2 * p + 1)) * ratio;
        this.dots.dot(x, y, size, colour);
      }
    }
    this.dots.end(ctx);
  }

  private drawHeads(ctx: CanvasRenderingContext2D, run: Run, index: number, step: number): void {
    const viewport = this.viewport!;
    const { color, shape } = runStyle(index);
    const { positions } = run;
    const k = Math.min(step, run.steps);
    const r = (run.particles > 20 ? 3 : 6) * this.options.scale;
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
