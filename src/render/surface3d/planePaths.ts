/**
 * The network landscape's paths over its 3D surface: each run's path projected onto the plane
 * (α, β per step), as in the 2D view, with a dot where it is at the step on screen and a ring at the
 * start.
 *
 * A path is lifted to the surface as drawn, that is to the plane's loss at its projected point
 * (interpolated between the grid's samples), not to the run's own loss: the run's weights lie off
 * the plane, where the loss differs, and a path at its own loss would float above or sink under a
 * surface it never touched. The caption says so.
 */
import { boxMapping, toBoxX, toBoxY } from '../../core/surface3d/box.ts';
import type { SurfaceMesh } from '../../core/surface3d/mesh.ts';
import { isOccluded, surfaceHeightAt } from '../../core/surface3d/occlusion.ts';
import { clearCanvas, fitCanvas } from '../canvas.ts';
import type { FrameState } from '../drawable.ts';
import {
  HIDDEN,
  HIDDEN_ALPHA,
  LIFT,
  OUTSIDE,
  ScreenProjection,
  traceSegments,
  type ScreenPath,
  type SurfaceOverlay,
} from './overlay.ts';
import type { SurfaceViewOptions } from './surfaceRenderer.ts';

export class PlanePathOverlay implements SurfaceOverlay {
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 1;
  private height = 1;
  private readonly projection = new ScreenProjection();
  private mesh: SurfaceMesh | null = null;
  private paths: readonly Float64Array[] = [];
  private colours: readonly string[] = [];
  private interactive = false;
  /** Every step of every path on screen, made again when camera, size, mesh or paths change. */
  private screen: ScreenPath[] | null = null;
  private readonly point = new Float64Array(2);

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private view: SurfaceViewOptions,
  ) {}

  setSize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
    this.width = Math.max(1, cssWidth);
    this.height = Math.max(1, cssHeight);
    this.ctx = fitCanvas(this.canvas, this.width, this.height, pixelRatio);
    this.reproject();
  }

  setView(view: SurfaceViewOptions): void {
    this.view = view;
    this.reproject();
  }

  setMesh(mesh: SurfaceMesh): void {
    this.mesh = mesh;
    this.reproject();
  }

  setInteractive(interactive: boolean): void {
    if (this.interactive === interactive) return;
    this.interactive = interactive;
    this.reproject();
  }

  /** Each run's projected path (α, β per step) and its colour. */
  setPaths(paths: readonly Float64Array[], colours: readonly string[]): void {
    this.paths = paths;
    this.colours = colours;
    this.reproject();
  }

  private reproject(): void {
    this.screen = null;
    this.projection.update(this.view, this.width, this.height);
  }

  draw(frame: FrameState): void {
    const { ctx, mesh } = this;
    if (!ctx) return;
    clearCanvas(ctx);
    if (!mesh?.heightScale) return;
    this.screen ??= this.paths.map((path) => this.projectPath(mesh, path));
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    this.screen.forEach((path, r) => {
      const last = Math.min(frame.step, path.xs.length - 1);
      for (const hidden of [true, false]) {
        ctx.globalAlpha = hidden ? HIDDEN_ALPHA : 1;
        for (const [colour, width] of [
          ['rgba(255, 255, 255, 0.85)', 4],
          [this.colours[r], 2],
        ] as const) {
          ctx.beginPath();
          traceSegments(ctx, path, last, hidden);
          ctx.strokeStyle = colour;
          ctx.lineWidth = width;
          ctx.stroke();
        }
      }
      ctx.globalAlpha = 1;
      const head = lastDrawable(path, last);
      if (head < 0) return;
      ctx.globalAlpha = path.flags[head] & HIDDEN ? HIDDEN_ALPHA : 1;
      ctx.beginPath();
      ctx.arc(path.xs[head], path.ys[head], 5, 0, 2 * Math.PI);
      ctx.fillStyle = this.colours[r];
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.globalAlpha = 1;
    });
    // Every run starts from the same weights: one ring, as in 2D.
    const first = this.screen[0];
    if (first && !(first.flags[0] & OUTSIDE)) {
      ctx.beginPath();
      ctx.arc(first.xs[0], first.ys[0], 6, 0, 2 * Math.PI);
      ctx.strokeStyle = '#222222';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  }

  /** A path's steps on screen, each lifted to the drawn surface at its (α, β). */
  private projectPath(mesh: SurfaceMesh, path: Float64Array): ScreenPath {
    const steps = path.length / 2;
    const out: ScreenPath = {
      xs: new Float32Array(steps),
      ys: new Float32Array(steps),
      flags: new Uint8Array(steps),
    };
    const box = boxMapping(mesh.extent);
    const { top, eye } = this.projection;
    for (let s = 0; s < steps; s++) {
      const bx = toBoxX(box, path[2 * s]);
      const by = toBoxY(box, path[2 * s + 1]);
      const inside = Math.abs(bx) <= box.halfX && Math.abs(by) <= box.halfY;
      if (!inside) {
        // Off the sampled plane (or not finite): there is no surface to lie on.
        out.flags[s] = OUTSIDE;
        continue;
      }
      const bz = surfaceHeightAt(mesh, box, top, bx, by) + LIFT;
      if (!this.projection.toScreen(bx, by, bz, this.point)) {
        out.flags[s] = OUTSIDE;
        continue;
      }
      out.xs[s] = this.point[0];
      out.ys[s] = this.point[1];
      if (!this.interactive && isOccluded(mesh, top, eye, [bx, by, bz])) out.flags[s] = HIDDEN;
    }
    return out;
  }
}

/** The last step at or before `last` that is on screen, or −1. */
function lastDrawable(path: ScreenPath, last: number): number {
  for (let s = last; s >= 0; s--) if (!(path.flags[s] & OUTSIDE)) return s;
  return -1;
}
