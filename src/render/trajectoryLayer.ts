/**
 * Trails and moving heads of the runs' particles, on two stacked canvases. Trails are persistent and
 * only receive the segments added since the last frame, so drawing cost grows with new steps, not
 * with history length; they are redrawn whole only on a scrub backward, a new simulation, a restarted
 * run, a visibility change or a resize. Heads are redrawn every frame.
 *
 * A few particles per run are drawn as vector paths: trails with a halo on the trail canvas, marker
 * shapes on the head canvas — or, on screen, as small elements moved by the compositor
 * (headMarkers.ts), the head canvas then holding only fate marks and redrawn when they change, so a
 * frame of the default scene changes one canvas instead of two, and hidden while it holds nothing
 * (a shown canvas is handed to the compositor on every frame, even unchanged). Crowded runs
 * (thousands of particles) are drawn as pixels (crowdPicture.ts): this layer only gathers each
 * frame's new positions and heads; on screen a Worker rasterises and shows them on a canvas of its
 * own, elsewhere (exports) they are painted on the head canvas here.
 *
 * Nothing outside the view reaches a canvas unclipped: a diverging run's coordinates (1e29, 1e300)
 * made Skia flood the whole plot. A run that left the view gets a marker on the edge pointing where
 * it went; a diverged one a × at its last finite point (or on the edge), both named.
 */
import { describeFate, fateOf, ViewExits } from '../core/sim/fate.ts';
import type { Run } from '../core/sim/run.ts';
import {
  backingPixels,
  clearCanvas,
  fitCanvas,
  fitOffscreenDrawn,
  type Context2D,
} from './canvas.ts';
import { edgePoint } from './clip.ts';
import { traceClippedTrail, widenedExtent } from './trail.ts';
import { spreadCoincident } from './headSpread.ts';
import type { Rect } from './labelPlacement.ts';
import { NAMED_PARTICLES_AT_MOST, paintFateMarks, type FateMark } from './fateMarks.ts';
import type { CrowdFrame, CrowdPainter, CrowdRun } from './crowdPicture.ts';
import { HeadMarkers, type MarkerLook } from './headMarkers.ts';
import { BoxCanvas, PathBounds } from './boxCanvas.ts';
import {
  hexValue,
  opaquePixel,
  runStyles,
  trailLook,
  traceMarker,
  type RunStyle,
} from './runStyle.ts';
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

/** Trails are clipped this many CSS px outside the view, so line caps at the edge are not cut. */
const CLIP_MARGIN_PX = 8;
/**
 * At most this many markers are copied onto their own small canvas (headMarkers.ts); more are drawn
 * on the head canvas every frame.
 */
const BOXED_MARKERS_AT_MOST = 64;
/**
 * While playing, the newest segments wait on a small canvas (boxCanvas.ts) for at most this many
 * steps, or until their box covers this share of the plot, before they join the trail canvas.
 */
const RECENT_STEPS_AT_MOST = 30;
const RECENT_AREA_AT_MOST = 0.25;

/** ASGD's averages, then the heads: the order the head canvas draws them in. */
const MARKER_KINDS = ['average', 'head'] as const;

/** Markers' true points and where they are shown (see spreadSingleHeads), x, y pixel pairs. */
interface HeadSpread {
  points: Float64Array;
  shown: Float64Array;
}

/** Equal keys draw the same leaders. */
function leaderKey({ points, shown }: HeadSpread): string {
  const moved: string[] = [];
  for (let i = 0; i < points.length; i += 2) {
    if (shown[i] !== points[i] || shown[i + 1] !== points[i + 1])
      moved.push(`${points[i].toFixed(1)} ${points[i + 1].toFixed(1)} ${shown[i].toFixed(1)}`);
  }
  return moved.join(';');
}

/** Equal keys draw the same fate marks. */
function fateKey(marks: readonly FateMark[]): string {
  return marks
    .map(
      (m) =>
        `${m.diverged} ${m.x.toFixed(1)} ${m.y.toFixed(1)} ${Math.atan2(m.dy, m.dx).toFixed(3)} ${m.color} ${m.label}`,
    )
    .join('\n');
}

/**
 * A canvas for crowded runs and what paints it: on screen a canvas of their own and a Worker
 * (playback/crowdClient.ts), in exports the head canvas and a LocalCrowdPainter.
 */
export interface CrowdTarget {
  canvas: HTMLCanvasElement;
  painter: CrowdPainter;
  /** Asks for a frame: called when the painter is free again after a frame had to wait for it. */
  redraw: () => void;
}

export interface TrajectoryLayerOptions {
  /** Only this run (a side-by-side panel); null for all visible runs. */
  runId: string | null;
  /** Marker radius and trail width in CSS px (larger in presentation mode). */
  scale: number;
}

export class TrajectoryLayer implements Drawable {
  private viewport: Viewport | null = null;
  private trailsCtx: Context2D | null = null;
  /** Whether the head canvas is shown (on screen it is hidden while empty). */
  private headsShown = true;
  /** Whether anything was stroked on the trail canvas since it was cleared (pixel mode: never). */
  private trailsInked = false;
  /** Whether the trail canvas is shown (on screen it is hidden while empty). */
  private trailsShown = true;
  /** One-particle runs' head points and where their markers show, reused frame to frame. */
  private spread: HeadSpread = { points: new Float64Array(0), shown: new Float64Array(0) };
  /** The look of the marker being placed, one object rewritten per run. */
  private readonly markerLook: MarkerLook = {
    kind: 'head',
    shape: 'circle',
    color: '',
    r: 0,
    scale: 1,
  };
  private headsCtx: CanvasRenderingContext2D | null = null;
  private labelObstacles: readonly Rect[] = [];
  private drawnStep = -1;
  private drawnRuns: readonly Run[] = [];
  private drawnVisibility = '';
  private drawnAsPixels = false;
  private pixelRatio = 1;
  /** The arrays a crowd frame is gathered in; null while a painter still holds them. */
  private crowdArrays: { trails: Float64Array; heads: Float64Array } | null = {
    trails: new Float64Array(0),
    heads: new Float64Array(0),
  };
  /** Whether the crowd's trails must start afresh with the next frame painted. */
  private crowdClear = true;
  /** Whether a crowd frame waited for the painter (it then asks for another when free). */
  private crowdWaited = false;
  private crowdShown = false;
  private readonly clipped = new Float64Array(4);
  private readonly exits = new ViewExits();
  private readonly markers: HeadMarkers | null;
  private readonly recent: BoxCanvas | null;
  /** The step up to which vector trails are on the trail canvas; the rest are on `recent`. */
  private flushedStep = 0;
  /** The box of the segments on `recent`. */
  private readonly recentBounds = new PathBounds();
  /** The fate marks on the head canvas while markers are on their own canvas; null: redraw it. */
  private drawnFates: string | null = null;
  /** Hears the fate marks whenever they change (the plot's legend keeps clear of them). */
  private fateListener: ((marks: readonly FateMark[]) => void) | null = null;
  private reportedFates = '';

  /**
   * `markerBox`, an empty element over the trail canvas and under the head canvas, lets the heads
   * and the newest trail segments go on small canvases of their own; without one (exports) heads
   * are drawn on the head canvas and every segment on the trail canvas.
   */
  constructor(
    private readonly trails: HTMLCanvasElement,
    private readonly heads: HTMLCanvasElement,
    private options: TrajectoryLayerOptions,
    private readonly crowd: CrowdTarget,
    markerBox: HTMLElement | null = null,
  ) {
    this.markers = markerBox && new HeadMarkers(markerBox);
    this.recent = markerBox && new BoxCanvas(markerBox, 'recent-trails', 'under');
  }

  setViewport(viewport: Viewport, pixelRatio: number): void {
    this.viewport = viewport;
    this.pixelRatio = pixelRatio;
    // On screen, the trail canvas changes a few times a second while every frame moves the heads.
    const fitTrails = this.markers ? fitOffscreenDrawn : fitCanvas;
    this.trailsCtx = fitTrails(this.trails, viewport.width, viewport.height, pixelRatio);
    this.fitHeads(this.drawnAsPixels);
    this.markers?.setPixelRatio(pixelRatio);
    this.drawnStep = -1;
    this.drawnFates = null;
  }

  /** Sizes the head canvas for vector drawing, or for pixels when it shows the crowd. */
  private fitHeads(asPixels: boolean): void {
    const viewport = this.viewport!;
    const pixels = asPixels && this.crowd.canvas === this.heads;
    const ratio = pixels ? this.crowdPixelRatio : this.pixelRatio;
    this.headsCtx = fitCanvas(this.heads, viewport.width, viewport.height, ratio);
    this.crowdClear = true;
  }

  private get crowdPixelRatio(): number {
    return Math.min(this.pixelRatio, PIXELS_MAX_RATIO);
  }

  /** Boxes on top of the plot (its legend) that fate labels must not go under. */
  setLabelObstacles(obstacles: readonly Rect[]): void {
    this.labelObstacles = obstacles;
    this.drawnFates = null;
  }

  /** `listener` hears the fate marks (CSS px) each time they change; null stops it. */
  onFates(listener: ((marks: readonly FateMark[]) => void) | null): void {
    this.fateListener = listener;
    this.reportedFates = '';
    listener?.([]);
    this.drawnStep = -1;
  }

  private reportFates(marks: readonly FateMark[], key: string): void {
    if (key === this.reportedFates) return;
    this.reportedFates = key;
    this.fateListener?.(marks);
  }

  setOptions(options: TrajectoryLayerOptions): void {
    this.options = options;
    this.drawnStep = -1;
    this.drawnFates = null;
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
      this.trailsInked = false;
      this.crowdClear = true;
      this.recent?.clear();
      this.recentBounds.reset();
      this.drawnStep = 0;
      this.flushedStep = 0;
    }
    const styles = runStyles(frame.scene.runs);
    if (asPixels) {
      this.drawnStep = this.paintCrowd(runs, styles, this.drawnStep, frame.step);
    } else {
      this.strokeNewSegments(trailsCtx, runs, styles, frame);
      this.drawnStep = frame.step;
    }
    if (this.markers) this.showTrails(this.trailsInked);
    this.drawnRuns = simulationRuns.slice();
    this.drawnVisibility = visibility;
    this.drawnAsPixels = asPixels;

    const heads = this.headsCtx!;
    this.showCrowd(asPixels);
    if (asPixels) {
      if (this.crowd.canvas !== this.heads) this.showHeads(false);
      this.markers?.hide();
      this.drawnFates = null;
      this.reportFates([], '');
      return;
    }
    const fates: FateMark[] = [];
    for (const [run, index] of runs) {
      if (run.particles > NAMED_PARTICLES_AT_MOST) continue;
      this.collectFates(fates, run, styles[index], frame.scene.runs[index].label, frame.step);
    }
    const fatesKey = fateKey(fates);
    this.reportFates(fates, fatesKey);
    const spread = this.spreadSingleHeads(runs, frame.step);
    const markerCount = runs.reduce((n, [run]) => n + run.particles * (run.averages ? 2 : 1), 0);
    if (this.markers && markerCount <= BOXED_MARKERS_AT_MOST) {
      this.placeMarkers(this.markers, runs, styles, frame.step, spread.shown);
      // Leaders only while paused (a lesson's step 0, a scrub): while playing they would move each
      // frame and bring back a plot-sized canvas upload per frame; the fanned markers suffice.
      const key = `${fatesKey}\n${frame.playing ? '' : leaderKey(spread)}`;
      if (key === this.drawnFates) return;
      this.drawnFates = key;
      clearCanvas(heads);
      const leaders = !frame.playing && this.drawLeaders(heads, spread);
      this.paintFates(heads, fates);
      this.showHeads(leaders || fates.length > 0);
      return;
    }
    this.showHeads(true);
    this.markers?.hide();
    this.drawnFates = null;
    clearCanvas(heads);
    this.drawLeaders(heads, spread);
    runs.forEach(([run, index], i) => {
      this.drawAverages(heads, run, styles[index], frame.step);
      this.drawHeads(
        heads,
        run,
        styles[index],
        frame.step,
        spread.shown[2 * i],
        spread.shown[2 * i + 1],
      );
    });
    this.paintFates(heads, fates);
  }

  /**
   * Shows or hides the head canvas: a hidden canvas costs the compositor nothing, a shown one is
   * handed over on every frame even when empty.
   */
  private showHeads(shown: boolean): void {
    if (shown === this.headsShown) return;
    this.headsShown = shown;
    this.heads.hidden = !shown;
  }

  /** The same for the crowd's own canvas, shown in pixel mode only. */
  private showCrowd(shown: boolean): void {
    if (this.crowd.canvas === this.heads) {
      if (shown) this.showHeads(true);
      return;
    }
    if (shown === this.crowdShown) return;
    this.crowdShown = shown;
    this.crowd.canvas.hidden = !shown;
  }

  /** The same for the trail canvas, empty until the first segments join it, and in pixel mode. */
  private showTrails(shown: boolean): void {
    if (shown === this.trailsShown) return;
    this.trailsShown = shown;
    this.trails.hidden = !shown;
  }

  /**
   * Heads and ASGD's averages on their own canvas, in the order the head canvas would draw them; a
   * one-particle run's head where spreadSingleHeads shows it.
   */
  private placeMarkers(
    markers: HeadMarkers,
    runs: [Run, number][],
    styles: readonly RunStyle[],
    step: number,
    shown: Float64Array,
  ): void {
    const viewport = this.viewport!;
    const { xMin, xMax, yMin, yMax } = widenedExtent(viewport, CLIP_MARGIN_PX);
    const scale = this.options.scale;
    markers.begin();
    const look = this.markerLook;
    runs.forEach(([run, index], i) => {
      const { color, shape } = styles[index];
      const r = trailLook(run.particles).markerRadius * scale;
      const k = Math.min(step, run.steps);
      look.shape = shape;
      look.color = color;
      look.scale = scale;
      for (const kind of MARKER_KINDS) {
        const points = kind === 'average' ? run.averages : run.positions;
        if (!points) continue;
        look.kind = kind;
        look.r = kind === 'average' ? 1.3 * r : r;
        for (let p = 0; p < run.particles; p++) {
          if (run.divergedAt[p] >= 0 && run.divergedAt[p] <= k) continue;
          const x = points.get(k, 2 * p);
          const y = points.get(k, 2 * p + 1);
          if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) continue;
          const spread = kind === 'head' && run.particles === 1 && Number.isFinite(shown[2 * i]);
          markers.place(
            look,
            spread ? shown[2 * i] : viewport.toPixelX(x),
            spread ? shown[2 * i + 1] : viewport.toPixelY(y),
          );
        }
      }
    });
    markers.end();
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

  /**
   * Vector trails from the step drawn to `frame.step`: on the small recent canvas while playing,
   * moved onto the trail canvas every few steps, when their box grows large, or when playback stops.
   */
  private strokeNewSegments(
    trailsCtx: Context2D,
    runs: [Run, number][],
    styles: readonly RunStyle[],
    frame: FrameState,
  ): void {
    const from = this.drawnStep;
    const to = frame.step;
    const viewport = this.viewport!;
    const bounds = this.recentBounds;
    if (this.recent && frame.playing && to > from) {
      const region = widenedExtent(viewport, CLIP_MARGIN_PX);
      for (const [run] of runs) {
        for (let p = 0; p < run.particles; p++) {
          traceClippedTrail(bounds, run.positions, p, from, to, viewport, region, this.clipped);
        }
      }
    }
    const keep =
      this.recent !== null &&
      frame.playing === true &&
      to - this.flushedStep < RECENT_STEPS_AT_MOST &&
      bounds.area < RECENT_AREA_AT_MOST * viewport.width * viewport.height;
    if (!keep) {
      if (to > this.flushedStep) this.trailsInked = true;
      this.strokeTrails(trailsCtx, runs, styles, this.flushedStep, to);
      this.flushedStep = to;
      this.recent?.clear();
      bounds.reset();
      return;
    }
    if (bounds.empty) return;
    // Room for the widest halo and its round caps.
    const reach = (trailLook(1).haloWidth * this.options.scale) / 2 + 2;
    const { ctx, fresh } = this.recent!.cover(bounds.widened(reach), this.pixelRatio);
    this.strokeTrails(ctx, runs, styles, fresh ? this.flushedStep : from, to);
  }

  /** Strokes the trails from step `from` to `to`, clipped to the view; returns the step drawn up to. */
  private strokeTrails(
    ctx: Context2D,
    runs: [Run, number][],
    styles: readonly RunStyle[],
    from: number,
    to: number,
  ): number {
    if (to <= from) return to;
    const viewport = this.viewport!;
    const region = widenedExtent(viewport, CLIP_MARGIN_PX);
    for (const [run, index] of runs) {
      const look = trailLook(run.particles);
      const width = look.width * this.options.scale;
      ctx.beginPath();
      for (let p = 0; p < run.particles; p++) {
        traceClippedTrail(ctx, run.positions, p, from, to, viewport, region, this.clipped);
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
      ctx.strokeStyle = styles[index].color;
      ctx.lineWidth = width;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    return to;
  }

  /**
   * Hands the crowd's painter the positions from step `from` towards `to` (every step or, past the
   * per-frame budget, every few steps) and the heads at `to`; returns the step its trails reach —
   * `from` when the painter is still busy with an earlier frame (it asks for a frame when free).
   */
  private paintCrowd(
    runs: [Run, number][],
    styles: readonly RunStyle[],
    from: number,
    to: number,
  ): number {
    const arrays = this.crowdArrays;
    if (!arrays) {
      this.crowdWaited = true;
      return from;
    }
    const particles = runs.reduce((sum, [run]) => sum + run.particles, 0);
    const stride = Math.max(1, Math.ceil((particles * (to - from)) / SEGMENTS_PER_FRAME));
    const last = from + Math.floor((to - from) / stride) * stride;
    const crowdRuns: CrowdRun[] = runs.map(([run, index]) => {
      const steps = Math.floor((Math.min(last, run.steps) - from) / stride);
      const { color } = styles[index];
      return {
        particles: run.particles,
        rows: steps > 0 ? steps + 1 : 0,
        rgb: hexValue(color),
        opacity: trailLook(run.particles).opacity,
        dot: opaquePixel(color),
      };
    });
    const trailValues = crowdRuns.reduce((sum, run) => sum + 2 * run.particles * run.rows, 0);
    if (arrays.trails.length < trailValues) arrays.trails = new Float64Array(trailValues);
    if (arrays.heads.length < 2 * particles) arrays.heads = new Float64Array(2 * particles);
    let trailsAt = 0;
    let headsAt = 0;
    runs.forEach(([run], i) => {
      for (let row = 0; row < crowdRuns[i].rows; row++) {
        const values = run.positions.stepValues(from + row * stride);
        arrays.trails.set(values, trailsAt);
        trailsAt += values.length;
      }
      const heads = run.positions.stepValues(Math.min(to, run.steps));
      arrays.heads.set(heads, headsAt);
      headsAt += heads.length;
    });
    const viewport = this.viewport!;
    const ratio = this.crowdPixelRatio;
    const crowdFrame: CrowdFrame = {
      width: backingPixels(viewport.width, ratio),
      height: backingPixels(viewport.height, ratio),
      clear: this.crowdClear,
      step: to,
      left: viewport.extent.xMin,
      top: viewport.extent.yMax,
      scale: viewport.scale * ratio,
      thickness: this.options.scale * ratio,
      dotSize: Math.max(2, Math.round(2 * this.options.scale * ratio)),
      runs: crowdRuns,
      trails: arrays.trails,
      heads: arrays.heads,
    };
    this.crowdArrays = null;
    this.crowdClear = false;
    this.crowd.painter.paint(crowdFrame, this.recycleCrowdArrays);
    return last > from ? last : from;
  }

  private readonly recycleCrowdArrays = (trails: Float64Array, heads: Float64Array): void => {
    this.crowdArrays = { trails, heads };
    if (!this.crowdWaited) return;
    this.crowdWaited = false;
    this.crowd.redraw();
  };

  /**
   * Where each one-particle run's marker is drawn (x, y pixel pairs in `shown`, NaN for other
   * runs): markers that would cover one another, as all do at a shared start, fanned out by
   * spreadCoincident around their true `points`.
   */
  private spreadSingleHeads(runs: [Run, number][], step: number): HeadSpread {
    const viewport = this.viewport!;
    if (this.spread.points.length !== 2 * runs.length) {
      this.spread = {
        points: new Float64Array(2 * runs.length),
        shown: new Float64Array(2 * runs.length),
      };
    }
    const { points, shown } = this.spread;
    points.fill(NaN);
    runs.forEach(([run], i) => {
      const k = Math.min(step, run.steps);
      if (run.particles !== 1 || (run.divergedAt[0] >= 0 && run.divergedAt[0] <= k)) return;
      points[2 * i] = viewport.toPixelX(run.positions.get(k, 0));
      points[2 * i + 1] = viewport.toPixelY(run.positions.get(k, 1));
    });
    const r = trailLook(1).markerRadius * this.options.scale;
    // Outside the start ring (11 px), the markers' outlines apart.
    spreadCoincident(points, 2 * r + 1, Math.max(2.4 * r, 14 * this.options.scale), shown);
    return this.spread;
  }

  /** A thin dark leader from each fanned-out marker back to its true point; false if none. */
  private drawLeaders(ctx: CanvasRenderingContext2D, { points, shown }: HeadSpread): boolean {
    let drawn = false;
    ctx.beginPath();
    for (let i = 0; i < points.length; i += 2) {
      const moved = shown[i] !== points[i] || shown[i + 1] !== points[i + 1];
      if (Number.isNaN(points[i]) || !moved) continue;
      ctx.moveTo(points[i], points[i + 1]);
      ctx.lineTo(shown[i], shown[i + 1]);
      drawn = true;
    }
    ctx.lineWidth = this.options.scale;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
    ctx.stroke();
    return drawn;
  }

  /**
   * Markers at the particles' positions, those inside the view only (the rest get edge markers);
   * a one-particle run's marker at (shownX, shownY) when given (see spreadSingleHeads).
   */
  private drawHeads(
    ctx: CanvasRenderingContext2D,
    run: Run,
    { color, shape }: RunStyle,
    step: number,
    shownX: number,
    shownY: number,
  ): void {
    const viewport = this.viewport!;
    const { xMin, xMax, yMin, yMax } = widenedExtent(this.viewport!, CLIP_MARGIN_PX);
    const { positions } = run;
    const k = Math.min(step, run.steps);
    const r = trailLook(run.particles).markerRadius * this.options.scale;
    ctx.beginPath();
    for (let p = 0; p < run.particles; p++) {
      if (run.divergedAt[p] >= 0 && run.divergedAt[p] <= k) continue;
      const x = positions.get(k, 2 * p);
      const y = positions.get(k, 2 * p + 1);
      if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) continue;
      const spread = run.particles === 1 && Number.isFinite(shownX);
      traceMarker(
        ctx,
        shape,
        spread ? shownX : viewport.toPixelX(x),
        spread ? shownY : viewport.toPixelY(y),
        r,
      );
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.5 * this.options.scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }

  /**
   * ASGD's running average of the points it visited, which is what ASGD returns: a hollow circle
   * in the run's colour, inside the view only. Other optimizers keep no such point.
   */
  private drawAverages(
    ctx: CanvasRenderingContext2D,
    run: Run,
    { color }: RunStyle,
    step: number,
  ): void {
    const { averages } = run;
    if (!averages) return;
    const viewport = this.viewport!;
    const { xMin, xMax, yMin, yMax } = widenedExtent(viewport, CLIP_MARGIN_PX);
    const k = Math.min(step, run.steps);
    const r = 1.3 * trailLook(run.particles).markerRadius * this.options.scale;
    ctx.beginPath();
    for (let p = 0; p < run.particles; p++) {
      if (run.divergedAt[p] >= 0 && run.divergedAt[p] <= k) continue;
      const x = averages.get(k, 2 * p);
      const y = averages.get(k, 2 * p + 1);
      if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) continue;
      const px = viewport.toPixelX(x);
      const py = viewport.toPixelY(y);
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
    }
    ctx.lineWidth = 3.5 * this.options.scale;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.lineWidth = 1.75 * this.options.scale;
    ctx.strokeStyle = color;
    ctx.stroke();
  }

  private paintFates(ctx: CanvasRenderingContext2D, marks: readonly FateMark[]): void {
    const { width, height } = this.viewport!;
    paintFateMarks(ctx, marks, this.options.scale, [width, height], this.labelObstacles);
  }

  /**
   * A diverged particle: a × at its last finite point, or on the edge towards it. One outside the
   * view: an arrowhead on the edge pointing where it went. Both labelled with the run's name and
   * what happened ("SGD diverged at step 3", "Adam left the view at step 12 · loss grew 1e170×").
   */
  private collectFates(
    out: FateMark[],
    run: Run,
    { color }: RunStyle,
    name: string,
    step: number,
  ): void {
    const viewport = this.viewport!;
    const inset = 10 * this.options.scale;
    const inner = widenedExtent(viewport, -inset);
    const leftAt = this.exits.since(run, viewport.extent, step);
    const point = this.clipped;
    for (let p = 0; p < run.particles; p++) {
      const fate = fateOf(run, p, step, leftAt[p]);
      if (!fate) continue;
      // A diverged particle's history holds its last finite point from its divergence on.
      const k = Math.min(step, run.steps);
      const x = run.positions.get(k, 2 * p);
      const y = run.positions.get(k, 2 * p + 1);
      if (!edgePoint(point, x, y, inner.xMin, inner.yMin, inner.xMax, inner.yMax)) continue;
      out.push({
        diverged: fate.kind === 'diverged',
        x: viewport.toPixelX(point[0]),
        y: viewport.toPixelY(point[1]),
        dx: x - point[0],
        dy: point[1] - y,
        label: `${name} ${describeFate(fate)}`,
        color,
      });
    }
  }
}
