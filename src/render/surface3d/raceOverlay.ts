/**
 * The race over the 3D surface, on a 2D canvas above the WebGL one: trails and heads in each run's
 * colour and marker, lifted to f(x, y) slightly above the surface, and the known minima. Drawn every
 * frame from projected points that are cached per camera (only the steps added since the last frame
 * are projected), so a playing race costs what the 2D plot's does and no GL frame.
 *
 * Where a hill hides part of a trail (core/surface3d/occlusion.ts), that part is drawn faint rather
 * than left out: the race is never lost behind the landscape, and never looks in front of it.
 */
import { describeFate, fateOf, ViewExits } from '../../core/sim/fate.ts';
import type { Run } from '../../core/sim/run.ts';
import type { KnownMinimum } from '../../core/surfaces/types.ts';
import { boxMapping, toBoxX, toBoxY, type BoxMapping } from '../../core/surface3d/box.ts';
import { heightOf } from '../../core/surface3d/heightScale.ts';
import type { SurfaceMesh } from '../../core/surface3d/mesh.ts';
import { isOccluded, surfaceHeightAt } from '../../core/surface3d/occlusion.ts';
import { clearCanvas, fitCanvas } from '../canvas.ts';
import { edgePoint } from '../clip.ts';
import { NAMED_PARTICLES_AT_MOST, paintFateMarks, type FateMark } from '../fateMarks.ts';
import type { Rect } from '../labelPlacement.ts';
import type { FrameState } from '../drawable.ts';
import { runStyles, trailLook, traceMarker } from '../runStyle.ts';
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

/** Trails drawn per run at most: beyond it (random starts by the thousand) only heads are drawn. */
export const TRAILS_PER_RUN = 20;
/** Trail points tested for occlusion per frame at most; later ones count as seen until a pause. */
const OCCLUSION_TESTS_PER_FRAME = 4000;

export interface RaceOverlayOptions {
  /** Only this run (a side-by-side panel); null for all visible runs. */
  runId: string | null;
  /** Marker and trail size factor (presentation mode draws larger). */
  scale: number;
}

/** One particle's trail on screen, projected up to step count − 1. */
interface ProjectedTrail extends ScreenPath {
  count: number;
}

export class RaceOverlay implements SurfaceOverlay {
  private ctx: CanvasRenderingContext2D | null = null;
  private width = 1;
  private height = 1;
  private readonly projection = new ScreenProjection();
  private mesh: SurfaceMesh | null = null;
  private box: BoxMapping | null = null;
  private minima: readonly KnownMinimum[] = [];
  /** Boxes fate labels keep clear of (the legend), in CSS px. */
  private labelObstacles: readonly Rect[] = [];
  private interactive = false;
  private trails = new Map<Run, ProjectedTrail[]>();
  private readonly point = new Float64Array(3);
  private readonly edge = new Float64Array(2);
  private readonly exits = new ViewExits();

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private view: SurfaceViewOptions,
    private options: RaceOverlayOptions,
  ) {}

  setSize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
    this.width = Math.max(1, cssWidth);
    this.height = Math.max(1, cssHeight);
    this.ctx = fitCanvas(this.canvas, this.width, this.height, pixelRatio);
    this.reproject();
  }

  /** Boxes the fate labels keep clear of, as the 2D plot's (the legend). */
  setLabelObstacles(obstacles: readonly Rect[]): void {
    this.labelObstacles = obstacles;
  }

  setView(view: SurfaceViewOptions): void {
    this.view = view;
    this.reproject();
  }

  setOptions(options: RaceOverlayOptions): void {
    this.options = options;
    this.reproject();
  }

  setMesh(mesh: SurfaceMesh): void {
    this.mesh = mesh;
    this.box = boxMapping(mesh.extent);
    this.reproject();
  }

  /** The surface's known minima, marked as in 2D. */
  setMinima(minima: readonly KnownMinimum[]): void {
    this.minima = minima;
  }

  /** While the camera moves, hills are not tested (it costs); they are when it stops. */
  setInteractive(interactive: boolean): void {
    if (this.interactive === interactive) return;
    this.interactive = interactive;
    this.reproject();
  }

  /** Forgets every projected point: camera, size or surface changed. */
  private reproject(): void {
    this.trails.clear();
    this.projection.update(this.view, this.width, this.height);
  }

  draw(frame: FrameState): void {
    const { ctx, mesh } = this;
    if (!ctx) return;
    clearCanvas(ctx);
    if (!mesh?.heightScale) return;
    if (frame.rebuilt) this.trails.clear();
    const styles = runStyles(frame.scene.runs);
    let tests = this.interactive ? 0 : OCCLUSION_TESTS_PER_FRAME;
    const runs = this.selectRuns(frame);
    for (const [run] of runs) tests = this.extendTrails(run, frame.step, tests);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (const [run, index] of runs) {
      const look = trailLook(run.particles);
      const colour = styles[index].color;
      for (const hidden of [true, false]) {
        const alpha = hidden ? HIDDEN_ALPHA : 1;
        if (!look.crowded) {
          this.strokeTrails(ctx, run, hidden, 'rgba(255, 255, 255, 0.85)', look.haloWidth, alpha);
        }
        this.strokeTrails(ctx, run, hidden, colour, look.width, alpha * look.opacity);
      }
    }
    this.drawMinima(ctx);
    for (const [run, index] of runs) this.drawHeads(ctx, run, styles[index], frame.step);
    const fates: FateMark[] = [];
    for (const [run, index] of runs) {
      if (run.particles > NAMED_PARTICLES_AT_MOST) continue;
      const name = frame.scene.runs[index].label;
      this.collectFates(fates, run, styles[index].color, name, frame.step);
    }
    paintFateMarks(ctx, fates, this.options.scale, [this.width, this.height], this.labelObstacles);
  }

  /**
   * As in 2D: a diverged particle gets a × at its last finite point, one that left the view an
   * arrowhead on the surface's edge pointing where it went, each named ("SGD diverged at step 3").
   */
  private collectFates(out: FateMark[], run: Run, color: string, name: string, step: number): void {
    const { extent } = this.mesh!;
    const leftAt = this.exits.since(run, extent, step);
    const k = Math.min(step, run.steps);
    // A hair inside the edge, so the mark stands on the surface.
    const insetX = (extent.xMax - extent.xMin) * 0.01;
    const insetY = (extent.yMax - extent.yMin) * 0.01;
    const centreX = (extent.xMin + extent.xMax) / 2;
    const centreY = (extent.yMin + extent.yMax) / 2;
    const edge = this.edge;
    for (let p = 0; p < run.particles; p++) {
      const fate = fateOf(run, p, step, leftAt[p]);
      if (!fate) continue;
      // A diverged particle's history holds its last finite point from its divergence on.
      const x = run.positions.get(k, 2 * p);
      const y = run.positions.get(k, 2 * p + 1);
      const { xMin, xMax, yMin, yMax } = extent;
      if (!edgePoint(edge, x, y, xMin + insetX, yMin + insetY, xMax - insetX, yMax - insetY)) {
        continue;
      }
      const f = run.losses.get(k, p);
      // The direction it went, on screen: from the mark a little further out from the centre.
      this.project(
        edge[0] + 0.05 * (edge[0] - centreX),
        edge[1] + 0.05 * (edge[1] - centreY),
        f,
        false,
      );
      const [beyondX, beyondY] = this.point;
      this.project(edge[0], edge[1], f, false);
      if (this.point[2] & OUTSIDE) continue;
      out.push({
        diverged: fate.kind === 'diverged',
        x: this.point[0],
        y: this.point[1],
        dx: beyondX - this.point[0],
        dy: beyondY - this.point[1],
        label: `${name} ${describeFate(fate)}`,
        color,
      });
    }
  }

  /** [run, index in the scene] for the runs this view shows. */
  private selectRuns(frame: FrameState): [Run, number][] {
    const out: [Run, number][] = [];
    frame.scene.runs.forEach((sceneRun, index) => {
      const run = frame.simulation.runs[index];
      if (!run) return;
      const shown =
        this.options.runId === null ? sceneRun.visible : sceneRun.id === this.options.runId;
      if (shown) out.push([run, index]);
    });
    return out;
  }

  /**
   * Projects world point (x, y) at loss f into CSS px, into this.point (x, y, then the flags).
   * `test` says whether to ask if a hill hides it.
   */
  private project(x: number, y: number, f: number, test: boolean): void {
    const box = this.box!;
    const bx = toBoxX(box, x);
    const by = toBoxY(box, y);
    const inside = Math.abs(bx) <= box.halfX && Math.abs(by) <= box.halfY;
    // Never below the drawn mesh: in a valley narrower than its samples (Rosenbrock's floor) the
    // mesh passes above the exact f, and a trail at f would run underground.
    const { top, eye } = this.projection;
    const ground = inside ? surfaceHeightAt(this.mesh!, box, top, bx, by) : 0;
    const bz = Math.max(heightOf(this.mesh!.heightScale!, f) * top, ground) + LIFT;
    const outside = !this.projection.toScreen(bx, by, bz, this.point) || !inside;
    let flags = outside ? OUTSIDE : 0;
    if (!outside && test && isOccluded(this.mesh!, top, eye, [bx, by, bz])) {
      flags |= HIDDEN;
    }
    this.point[2] = flags;
  }

  /** Projects each drawn particle's steps up to `step`; returns the occlusion tests left. */
  private extendTrails(run: Run, step: number, tests: number): number {
    let trails = this.trails.get(run);
    const last = Math.min(step, run.positions.steps - 1);
    if (!trails) {
      const capacity = Math.max(1, run.positions.steps, last + 1);
      trails = Array.from({ length: Math.min(run.particles, TRAILS_PER_RUN) }, () => ({
        xs: new Float32Array(capacity),
        ys: new Float32Array(capacity),
        flags: new Uint8Array(capacity),
        count: 0,
      }));
      this.trails.set(run, trails);
    }
    trails.forEach((trail, p) => {
      // A rewind (scrubbing back) keeps what was projected: the steps are the same.
      if (trail.count > last + 1) return;
      if (trail.xs.length < last + 1) {
        const grow = (array: Float32Array) => {
          const next = new Float32Array(Math.max(last + 1, array.length * 2));
          next.set(array);
          return next;
        };
        trail.xs = grow(trail.xs);
        trail.ys = grow(trail.ys);
        const flags = new Uint8Array(trail.xs.length);
        flags.set(trail.flags);
        trail.flags = flags;
      }
      for (let s = trail.count; s <= last; s++) {
        const x = run.positions.get(s, 2 * p);
        const y = run.positions.get(s, 2 * p + 1);
        this.project(x, y, run.losses.get(s, p), tests > 0);
        tests--;
        trail.xs[s] = this.point[0];
        trail.ys[s] = this.point[1];
        trail.flags[s] = this.point[2];
      }
      trail.count = Math.max(trail.count, last + 1);
    });
    return tests;
  }

  /** The seen (or hidden) segments of a run's trails up to the step on screen, in one path. */
  private strokeTrails(
    ctx: CanvasRenderingContext2D,
    run: Run,
    hidden: boolean,
    colour: string,
    width: number,
    alpha: number,
  ): void {
    const trails = this.trails.get(run);
    if (!trails) return;
    ctx.beginPath();
    for (const trail of trails) traceSegments(ctx, trail, trail.count - 1, hidden);
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width * this.options.scale;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  /** The known minima as crosses, the global one larger, like the 2D plot's. */
  private drawMinima(ctx: CanvasRenderingContext2D): void {
    for (const minimum of this.minima) {
      this.project(minimum.point[0], minimum.point[1], minimum.value, !this.interactive);
      if (this.point[2] & OUTSIDE) continue;
      const [x, y] = this.point;
      const arm = (minimum.global ? 8 : 5) * this.options.scale;
      ctx.globalAlpha = this.point[2] & HIDDEN ? HIDDEN_ALPHA : 1;
      ctx.beginPath();
      ctx.moveTo(x - arm, y - arm);
      ctx.lineTo(x + arm, y + arm);
      ctx.moveTo(x - arm, y + arm);
      ctx.lineTo(x + arm, y - arm);
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.lineWidth = (minimum.global ? 5 : 4) * this.options.scale;
      ctx.stroke();
      ctx.strokeStyle = '#111';
      ctx.lineWidth = (minimum.global ? 2.5 : 1.5) * this.options.scale;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }

  /** Each particle at the step on screen, in the run's colour and marker shape. */
  private drawHeads(
    ctx: CanvasRenderingContext2D,
    run: Run,
    style: { color: string; shape: Parameters<typeof traceMarker>[1] },
    step: number,
  ): void {
    if (run.positions.steps === 0) return;
    const s = Math.min(step, run.positions.steps - 1);
    const look = trailLook(run.particles);
    const radius = look.markerRadius * this.options.scale;
    for (const hidden of [true, false]) {
      ctx.beginPath();
      for (let p = 0; p < run.particles; p++) {
        const test = !this.interactive && run.particles <= TRAILS_PER_RUN;
        this.project(
          run.positions.get(s, 2 * p),
          run.positions.get(s, 2 * p + 1),
          run.losses.get(s, p),
          test,
        );
        const flags = this.point[2];
        if (flags & OUTSIDE || Boolean(flags & HIDDEN) !== hidden) continue;
        traceMarker(ctx, style.shape, this.point[0], this.point[1], radius);
      }
      ctx.globalAlpha = hidden ? HIDDEN_ALPHA : 1;
      ctx.fillStyle = style.color;
      ctx.fill();
      if (!look.crowded) {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    }
  }
}
