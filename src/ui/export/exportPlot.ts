import type { ResolvedSurface } from '../../core/scene/resolve.ts';
import { DEFAULT_VIEW3D, type Scene } from '../../core/scene/scene.ts';
import { meshRequestFor } from '../../core/surface3d/compute.ts';
import { sharedMeshClient } from '../../playback/meshClient.ts';
import type { Export3d, ExportPlot } from '../../render/export/plotPainter.ts';
import { webgl2Problem } from '../../render/webglSupport.ts';
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
    const plot: ExportPlot = {
      surface,
      scene,
      simulation: controller.simulation,
      viewport,
      bands: result.bands,
    };
    if (shows3d(scene)) plot.view3d = await currentView3d(scene, surface);
    return plot;
  } finally {
    client.dispose();
  }
}

/** Whether the plot is shown in 3D (a 3D link where WebGL 2 is missing shows the 2D plot). */
export function shows3d(scene: Scene): boolean {
  return scene.view3d !== undefined && webgl2Problem() === null;
}

/** The mesh the 3D view shows (the panel's, from the mesh client's cache) with its camera. */
async function currentView3d(scene: Scene, surface: ResolvedSurface): Promise<Export3d> {
  const view = scene.view3d ?? DEFAULT_VIEW3D;
  const extent = scene.view ?? surface.view;
  const request = meshRequestFor(surface.source, extent, scene.contours, view.heights);
  const outcome = await sharedMeshClient().request(request, 'export');
  if (!outcome?.ok) throw new Error(outcome?.error ?? 'the 3D surface was not built');
  return { mesh: outcome.mesh, view };
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
