/**
 * Draws a plot at any step onto a canvas of CSS size × `pixelRatio`, for PNG, GIF and WebM. The
 * background (contours, axes, minima) is painted once; trails and heads come from the very layer the
 * screen uses, fed increasing steps so it only adds the new segments, as it does on screen.
 */
import { fitCanvas } from '../canvas.ts';
import { LocalCrowdPainter } from '../crowdPicture.ts';
import { TrajectoryLayer } from '../trajectoryLayer.ts';
import { paintBackground, paintLegend, type ExportPlot } from './plotPainter.ts';

/** What draws an exported plot's frames: the 2D plot (below) or the 3D view (raster3d.ts). */
export interface FrameRasterizer {
  readonly canvas: HTMLCanvasElement;
  /** The picture at `step`, `progress` (0..1) of the way through an animation. */
  render(step: number, progress?: number): HTMLCanvasElement;
  /** Frees what the picture held (a 3D view's graphics context). */
  dispose?(): void;
}

export class PlotRasterizer implements FrameRasterizer {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly background = document.createElement('canvas');
  private readonly trails = document.createElement('canvas');
  private readonly heads = document.createElement('canvas');
  private readonly layer: TrajectoryLayer;
  private lastStep = -1;

  constructor(
    private readonly plot: ExportPlot,
    pixelRatio: number,
    canvas: HTMLCanvasElement = document.createElement('canvas'),
  ) {
    const { width, height } = plot.viewport;
    this.canvas = canvas;
    this.context = fitCanvas(canvas, width, height, pixelRatio);
    paintBackground(fitCanvas(this.background, width, height, pixelRatio), plot, pixelRatio);
    // Crowded runs are painted on the head canvas, at once.
    this.layer = new TrajectoryLayer(
      this.trails,
      this.heads,
      { runId: null, scale: 1 },
      { canvas: this.heads, painter: new LocalCrowdPainter(this.heads), redraw: () => {} },
    );
    this.layer.setViewport(plot.viewport, pixelRatio);
  }

  /** The plot at `step` (steps should increase; going back redraws the trails from the start). */
  render(step: number): HTMLCanvasElement {
    const { plot, context } = this;
    const { simulation, surface, scene } = plot;
    simulation.advanceTo(step);
    this.layer.draw({ simulation, surface, scene, step, rebuilt: step < this.lastStep });
    this.lastStep = step;
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const { width, height } = this.canvas;
    context.drawImage(this.background, 0, 0);
    context.drawImage(this.trails, 0, 0);
    // Crowded runs' pixels are at most one per CSS pixel (see trajectoryLayer.ts): scaled up here.
    context.drawImage(this.heads, 0, 0, width, height);
    context.restore();
    paintLegend(context, plot, step);
    return this.canvas;
  }
}
