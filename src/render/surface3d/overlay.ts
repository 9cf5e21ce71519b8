/**
 * What the 3D view draws over its WebGL surface on a 2D canvas (the race, or a network's paths), and
 * the camera projection those layers share: box point → CSS px on the canvas.
 */
import { BOX_HEIGHT, cameraFrame, viewProjection, type Vec3 } from '../../core/surface3d/camera.ts';
import type { SurfaceMesh } from '../../core/surface3d/mesh.ts';
import type { Drawable } from '../drawable.ts';
import type { SurfaceViewOptions } from './surfaceRenderer.ts';

/** How far above the surface trails and markers float, in box units. */
export const LIFT = 0.012;
/** Opacity of what a hill hides. */
export const HIDDEN_ALPHA = 0.28;

/** A path's points on screen: CSS px x, y per step, and flags (OUTSIDE, HIDDEN) per step. */
export interface ScreenPath {
  xs: Float32Array;
  ys: Float32Array;
  flags: Uint8Array;
}

/** A step that cannot be drawn: off the surface, not finite, or behind the eye. */
export const OUTSIDE = 1;
/** A step behind a hill, drawn faint. */
export const HIDDEN = 2;

/**
 * Adds to the context's current path the segments of `path` up to step `last` that are (or, with
 * `hidden` false, are not) behind a hill, skipping those with an end that cannot be drawn. The
 * caller begins and strokes the path, so several paths can share one stroke.
 */
export function traceSegments(
  ctx: CanvasRenderingContext2D,
  path: ScreenPath,
  last: number,
  hidden: boolean,
): void {
  let open = false;
  for (let s = 1; s <= last; s++) {
    const flags = path.flags[s - 1] | path.flags[s];
    if (flags & OUTSIDE || Boolean(flags & HIDDEN) !== hidden) {
      open = false;
      continue;
    }
    if (!open) ctx.moveTo(path.xs[s - 1], path.ys[s - 1]);
    ctx.lineTo(path.xs[s], path.ys[s]);
    open = true;
  }
}

/** A layer over the 3D surface; the 3D view hands it what the surface renderer gets. */
export interface SurfaceOverlay extends Drawable {
  setSize(cssWidth: number, cssHeight: number, pixelRatio: number): void;
  setView(view: SurfaceViewOptions): void;
  setMesh(mesh: SurfaceMesh): void;
  /** While the camera moves, overlays skip what costs (hills are not tested). */
  setInteractive(interactive: boolean): void;
}

/** The camera's projection for a canvas of `width` × `height` CSS px. */
export class ScreenProjection {
  matrix: Float32Array = new Float32Array(16);
  eye: Vec3 = [0, 0, 0];
  /** The box's top: BOX_HEIGHT × exaggeration. */
  top = BOX_HEIGHT;
  width = 1;
  height = 1;

  update(view: SurfaceViewOptions, width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.top = BOX_HEIGHT * view.exaggeration;
    const frame = cameraFrame(view.camera, this.top);
    this.eye = frame.eye;
    this.matrix = viewProjection(frame, width / height);
  }

  /** Box point (bx, by, bz) → CSS px in out[0], out[1]; false when it is behind the eye. */
  toScreen(bx: number, by: number, bz: number, out: Float64Array): boolean {
    const m = this.matrix;
    const cx = m[0] * bx + m[4] * by + m[8] * bz + m[12];
    const cy = m[1] * bx + m[5] * by + m[9] * bz + m[13];
    const cw = m[3] * bx + m[7] * by + m[11] * bz + m[15];
    out[0] = ((cx / cw + 1) / 2) * this.width;
    out[1] = ((1 - cy / cw) / 2) * this.height;
    return cw > 0;
  }
}
