/**
 * The 3D view drawn away from the screen, for PNG, GIF and WebM: a renderer of its own on a canvas of
 * the export's size (the screen's canvas is at 1× and may be mid-gesture), the race over it from the
 * very overlay the screen uses, and the legend the 2D exports have. An animation may orbit: the
 * camera turns by `orbitDegrees` from the first frame to the last.
 */
import { fitCanvas } from '../canvas.ts';
import { RaceOverlay } from '../surface3d/raceOverlay.ts';
import { SurfaceRenderer } from '../surface3d/surfaceRenderer.ts';
import { paintLegend, type Export3d, type ExportPlot } from './plotPainter.ts';
import { PlotRasterizer, type FrameRasterizer } from './raster.ts';

/** The picture an export of `plot` draws: its 3D view when it has one, else the 2D plot. */
export function rasterizerFor(
  plot: ExportPlot,
  pixelRatio: number,
  orbitDegrees = 0,
): FrameRasterizer {
  return plot.view3d
    ? new Plot3dRasterizer(plot, plot.view3d, pixelRatio, orbitDegrees)
    : new PlotRasterizer(plot, pixelRatio);
}

export class Plot3dRasterizer implements FrameRasterizer {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly surface: SurfaceRenderer;
  private readonly race: RaceOverlay;
  private readonly surfaceCanvas = document.createElement('canvas');
  private readonly raceCanvas = document.createElement('canvas');
  private lastStep = -1;

  constructor(
    private readonly plot: ExportPlot,
    private readonly view3d: Export3d,
    pixelRatio: number,
    private readonly orbitDegrees = 0,
    canvas: HTMLCanvasElement = document.createElement('canvas'),
  ) {
    const { width, height } = plot.viewport;
    this.canvas = canvas;
    this.context = fitCanvas(canvas, width, height, pixelRatio);
    const { camera, exaggeration } = view3d.view;
    this.surface = new SurfaceRenderer(this.surfaceCanvas, { camera, exaggeration });
    this.surface.setSize(width, height, pixelRatio);
    this.surface.setMesh(view3d.mesh);
    this.race = new RaceOverlay(
      this.raceCanvas,
      { camera, exaggeration },
      { runId: null, scale: 1 },
    );
    this.race.setSize(width, height, pixelRatio);
    this.race.setMesh(view3d.mesh);
    this.race.setMinima(plot.surface.minima);
  }

  /** The view at `step`, `progress` (0..1) of the way through an animation. */
  render(step: number, progress = 0): HTMLCanvasElement {
    const { plot, context } = this;
    const { simulation, surface, scene } = plot;
    if (this.orbitDegrees !== 0 || this.lastStep < 0) {
      const { camera, exaggeration } = this.view3d.view;
      const options = {
        camera: { ...camera, yaw: camera.yaw + this.orbitDegrees * progress },
        exaggeration,
      };
      this.surface.setOptions(options);
      this.surface.drawComplete();
      this.race.setView(options);
    }
    simulation.advanceTo(step);
    this.race.draw({ simulation, surface, scene, step, rebuilt: step < this.lastStep });
    this.lastStep = step;
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    context.drawImage(this.surfaceCanvas, 0, 0);
    context.drawImage(this.raceCanvas, 0, 0);
    context.restore();
    paintLegend(context, plot, step);
    return this.canvas;
  }

  dispose(): void {
    this.surface.dispose();
  }
}
