import type { ExportPlot } from '../../render/export/plotPainter.ts';
import { ContourClient } from '../../playback/contourClient.ts';
import { gridSizeForCanvas } from '../../core/contours/request.ts';
import type { SimulationController } from '../../playback/simulationController.ts';
import { Viewport } from '../../render/viewport.ts';
import type { AppStore } from '../../state/store.ts';

/**
 * The plot as it is on screen, ready to draw away from it: the scene's view at the plot area's size,
 * every visible run, and contour bands computed for exactly that view (in a Worker of its own, so
 * the page never waits on d3-contour).
 */
export async function currentPlot(
  store: AppStore,
  controller: SimulationController,
  plotArea: HTMLElement,
): Promise<ExportPlot> {
  const { scene } = store.getState();
  const surface = controller.surface;
  const viewport = new Viewport(
    scene.view ?? surface.view,
    Math.max(1, plotArea.clientWidth),
    Math.max(1, plotArea.clientHeight),
  );
  const client = new ContourClient({ cacheEntries: 1 });
  try {
    const result = await client.request({
      surface: surface.source,
      extent: viewport.extent,
      ...gridSizeForCanvas(viewport.width, viewport.height),
      scale: scene.contours,
    });
    if (result.status !== 'done') {
      throw new Error(result.status === 'error' ? result.error : 'contours were not computed');
    }
    return { surface, scene, simulation: controller.simulation, viewport, bands: result.bands };
  } finally {
    client.dispose();
  }
}

/** Saves `blob` as a file through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
