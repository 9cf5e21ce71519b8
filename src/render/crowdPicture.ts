/**
 * The picture of crowded runs (thousands of particles each): trails rasterised into a pixel buffer
 * (pixelTrails.ts), heads stamped as dots over a copy of it (dotBuffer.ts), the frame put on the
 * canvas in one call. It is painted from a `CrowdFrame`, plain data that a Worker can receive, so on
 * screen this work runs off the thread that animates the page (workers/crowdWorker.ts) and in
 * exports, or where a canvas cannot be handed to a Worker, on the page's own thread.
 */
import type { Context2D } from './canvas.ts';
import { DotBuffer } from './dotBuffer.ts';
import { PixelTrails } from './pixelTrails.ts';

/** One run's share of a frame. */
export interface CrowdRun {
  particles: number;
  /** Position rows of this run in `CrowdFrame.trails` (0, or 2 or more: one segment per pair). */
  rows: number;
  /** Trail colour 0xrrggbb and opacity. */
  rgb: number;
  opacity: number;
  /** Head colour as an opaque pixel (runStyle.ts's opaquePixel). */
  dot: number;
}

/** What one frame of crowded runs adds and shows, in data units with the mapping to pixels. */
export interface CrowdFrame {
  /** The canvas's backing-store size; a new size starts the trails afresh. */
  width: number;
  height: number;
  /** Whether the trails start afresh (a new simulation, a scrub backward, a resize). */
  clear: boolean;
  /** The step whose heads are shown. */
  step: number;
  /** Data to backing-store pixels: ((x − left)·scale, (top − y)·scale). */
  left: number;
  top: number;
  scale: number;
  /** Trail width and dot size in backing-store pixels. */
  thickness: number;
  dotSize: number;
  runs: CrowdRun[];
  /** Run after run, `rows` consecutive position vectors (x0, y0, x1, y1, …) joined by segments. */
  trails: Float64Array;
  /** Run after run, the heads' positions (x0, y0, x1, y1, …). */
  heads: Float64Array;
}

/** What the page sends a painting Worker: a canvas to paint on, a frame for it, or that it is gone. */
export type CrowdRequest =
  | { id: number; canvas: OffscreenCanvas }
  | { id: number; frame: CrowdFrame }
  | { id: number; release: true };

/** What the Worker answers: a frame's arrays once painted, then its step once the canvas shows it. */
export type CrowdAnswer =
  { id: number; trails: Float64Array; heads: Float64Array } | { id: number; step: number };

/** Where a frame goes: a CrowdPicture here, or a Worker painting one. */
export interface CrowdPainter {
  /**
   * Paints `frame`, now or later; `recycle` gets the frame's arrays back once it is on the canvas
   * (until then they are not the caller's: a Worker may hold them).
   */
  paint(frame: CrowdFrame, recycle: (trails: Float64Array, heads: Float64Array) => void): void;
}

export class CrowdPicture {
  private readonly trails = new PixelTrails();
  private readonly dots = new DotBuffer();
  private segments = new Float64Array(0);

  constructor(private readonly ctx: Context2D) {}

  paint(frame: CrowdFrame): void {
    const { ctx, trails } = this;
    const { canvas } = ctx;
    if (canvas.width !== frame.width) canvas.width = frame.width;
    if (canvas.height !== frame.height) canvas.height = frame.height;
    trails.resize(frame.width, frame.height);
    if (frame.clear) trails.clear();
    let offset = 0;
    for (const run of frame.runs) {
      const width = 2 * run.particles;
      const count = run.particles * Math.max(0, run.rows - 1);
      this.segmentsOf(frame, offset, width, run.rows);
      trails.segments(this.segments, count, run.rgb, run.opacity, frame.thickness);
      offset += run.rows * width;
    }
    this.dots.begin(ctx, trails.pixels);
    offset = 0;
    for (const run of frame.runs) {
      const heads = frame.heads.subarray(offset, offset + 2 * run.particles);
      this.dots.dots(
        heads,
        run.particles,
        frame.left,
        frame.top,
        frame.scale,
        frame.dotSize,
        run.dot,
      );
      offset += 2 * run.particles;
    }
    this.dots.end(ctx);
  }

  /** The segments between successive rows, as backing-store pixel quadruples in `segments`. */
  private segmentsOf(frame: CrowdFrame, offset: number, width: number, rows: number): void {
    const { left, top, scale } = frame;
    const needed = 2 * width * Math.max(0, rows - 1);
    if (this.segments.length < needed) this.segments = new Float64Array(needed);
    const positions = frame.trails;
    const out = this.segments;
    let i = 0;
    for (let row = 1; row < rows; row++) {
      const before = offset + (row - 1) * width;
      const after = before + width;
      for (let p = 0; p < width; p += 2) {
        out[i++] = (positions[before + p] - left) * scale;
        out[i++] = (top - positions[before + p + 1]) * scale;
        out[i++] = (positions[after + p] - left) * scale;
        out[i++] = (top - positions[after + p + 1]) * scale;
      }
    }
  }
}

/** Paints on this thread, at once: for exports, and where a canvas cannot go to a Worker. */
export class LocalCrowdPainter implements CrowdPainter {
  private readonly picture: CrowdPicture;

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas) {
    const ctx = canvas.getContext('2d') as Context2D | null;
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.picture = new CrowdPicture(ctx);
  }

  paint(frame: CrowdFrame, recycle: (trails: Float64Array, heads: Float64Array) => void): void {
    this.picture.paint(frame);
    recycle(frame.trails, frame.heads);
  }
}
