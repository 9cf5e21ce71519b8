/**
 * Draws the loss charts' pictures (render/chartPicture.ts) on the canvases the page handed over.
 * Loaded by playback/chartWorkerHost.ts.
 */
import { fitSurface } from '../render/canvas.ts';
import { drawChartPicture, type ChartRequest } from '../render/chartPicture.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const charts = new Map<
  number,
  { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D | null }
>();

scope.onmessage = ({ data }: MessageEvent<ChartRequest>) => {
  if ('canvas' in data) {
    charts.set(data.id, { canvas: data.canvas, ctx: null });
    return;
  }
  if ('release' in data) {
    charts.delete(data.id);
    return;
  }
  const chart = charts.get(data.id);
  if (!chart) return;
  if ('size' in data) {
    const { width, height, pixelRatio } = data.size;
    chart.ctx = fitSurface<OffscreenCanvasRenderingContext2D>(
      chart.canvas,
      width,
      height,
      pixelRatio,
    );
  } else if (chart.ctx) {
    drawChartPicture(chart.ctx, data.picture);
  }
};
