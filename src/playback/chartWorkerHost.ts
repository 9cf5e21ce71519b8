/**
 * Draws the loss charts in a Worker, on canvases handed to it with `transferControlToOffscreen`
 * (render/chartPicture.ts says why). One Worker serves every chart on the page, started with the
 * first and stopped when the last one goes. Where a canvas cannot go to a Worker, it is drawn here.
 */
import type { Context2D } from '../render/canvas.ts';
import { CanvasWorkerHost, type CanvasWorkerLike } from './canvasWorkerHost.ts';
import {
  LocalChartPainter,
  type ChartPainter,
  type ChartPicture,
  type ChartRequest,
} from '../render/chartPicture.ts';

export type ChartWorkerLike = CanvasWorkerLike<ChartRequest>;

function createChartWorker(): ChartWorkerLike {
  return new Worker(new URL('../workers/chartWorker.ts', import.meta.url), { type: 'module' });
}

export class ChartWorkerHost extends CanvasWorkerHost<ChartRequest> {
  constructor(createWorker: () => ChartWorkerLike = createChartWorker) {
    super(createWorker, 'the Worker that draws it failed to load');
  }
}

const sharedHost = new ChartWorkerHost();

/** A chart drawn by the host's Worker; its labels are measured here, in the fonts it draws them. */
export class WorkerChartPainter implements ChartPainter {
  measure: Context2D | null = null;
  /** The canvas's id in the Worker, once handed over. */
  private id: number | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: ChartWorkerHost = sharedHost,
  ) {}

  get failure(): string | null {
    return this.host.failure;
  }

  /**
   * Hands the canvas over with its first size: in the chart's mounting, the handover forced the
   * page's first style and layout into the first render's task (46–67 ms of it at 4× CPU).
   */
  resize(width: number, height: number, pixelRatio: number): void {
    this.id ??= this.host.attach(this.canvas);
    this.measure ??= new OffscreenCanvas(1, 1).getContext('2d');
    this.host.post({ id: this.id, size: { width, height, pixelRatio } });
  }

  paint(picture: ChartPicture | null): void {
    if (this.id === null) return;
    // Copies of the values, handed over: the page's own series grow on.
    const sent = picture && {
      ...picture,
      series: picture.series.map(({ values, color }) => ({ values: values.slice(), color })),
    };
    this.host.post(
      { id: this.id, picture: sent },
      sent ? sent.series.map(({ values }) => values.buffer) : [],
    );
  }

  dispose(): void {
    if (this.id !== null) this.host.detach(this.id);
    this.id = null;
  }
}

/** The Worker's painter for `canvas` where the browser can hand a canvas to a Worker, else a local one. */
export function createChartPainter(canvas: HTMLCanvasElement): ChartPainter {
  return typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas === 'function' &&
    'transferControlToOffscreen' in canvas
    ? new WorkerChartPainter(canvas)
    : new LocalChartPainter(canvas);
}
