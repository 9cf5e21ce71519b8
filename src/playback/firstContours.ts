/**
 * The first contours, before the app has mounted. Evaluating the app's bundle and rendering it take
 * the main thread for a few hundred ms (more on a slow laptop), and the contour Worker cannot even
 * start meanwhile; so the first picture is computed here, on the main thread, straight after the
 * store exists, and painted over index.html's static frame. It is the full picture's grid and levels
 * coloured per cell (no ring stitching: ~10 ms for a built-in surface), then the plot's ContourLayer
 * takes it over in its first frame and the Worker, started here too, replaces it with the full
 * contours.
 */
import { cellBands, DEFAULT_BAND_FILL_COLOURS } from '../core/contours/cellBands.ts';
import {
  DEFAULT_LEVEL_COUNT,
  gridSizeForCanvas,
  type ContourRequest,
} from '../core/contours/request.ts';
import { contourLevels } from '../core/contours/thresholds.ts';
import { sampleGrid } from '../core/grid.ts';
import type { Scene } from '../core/scene/scene.ts';
import { getSurface } from '../core/surfaces/index.ts';
import { backingPixels } from '../render/canvas.ts';
import { handOverPicture, markFirstContours } from '../render/contourLayer.ts';
import { drawCellBands } from '../render/contours/cellPicture.ts';
import { Viewport } from '../render/viewport.ts';
import { sharedContourClient } from './contourClient.ts';

/** Longest wait for the picture's frame, where frames do not come (a tab opened in the background). */
const FRAME_WAIT_MS = 100;

/** The plot box's content size in CSS px, as the app measures it (ui/shellSizes.ts). */
type PlotBoxSize = { width: number; height: number };

/**
 * Paints the scene's contours into the static frame's plot panel (`panel`, index.html's
 * `.plot-panel`, in a plot box of `size`) when the app will show them there at the same size: one
 * overlay plot of a built-in surface. Resolves once that picture has been painted (at once when
 * there is none), so the app's first, long render does not hold it back.
 */
export function paintFirstContours(
  scene: Scene,
  panel: Element | null,
  size: PlotBoxSize | null,
): Promise<void> {
  const picture = panel && size ? firstPicture(scene, panel, size) : null;
  if (!picture || typeof OffscreenCanvas !== 'function') return Promise.resolve();
  const { request, canvas, pixelRatio } = picture;
  markFirstContours();
  // The full contours, started now: the Worker loads while the app renders.
  void sharedContourClient().request(request, 'first-contours');
  void createImageBitmap(canvas).then((bitmap) => handOverPicture(request, pixelRatio, bitmap));
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, FRAME_WAIT_MS);
  });
}

function firstPicture(scene: Scene, panel: Element, { width, height }: PlotBoxSize) {
  const surface = 'id' in scene.surface ? getSurface(scene.surface.id) : undefined;
  if (!surface || scene.layout !== 'overlay' || scene.view3d || scene.network) return null;
  if (width === 0 || height === 0) return null;
  const viewport = new Viewport(scene.view ?? surface.view, width, height);
  const request: ContourRequest = {
    surface: { id: surface.id },
    extent: viewport.extent,
    ...gridSizeForCanvas(width, height),
    scale: scene.contours,
  };
  const values = sampleGrid(surface, request.extent, request.width, request.height);
  const { levels } = contourLevels(values, DEFAULT_LEVEL_COUNT, request.scale);
  // The colours are written out for the default level count only.
  if (levels.length !== DEFAULT_LEVEL_COUNT) return null;
  const pixelRatio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.className = 'layer';
  canvas.width = backingPixels(width, pixelRatio);
  canvas.height = backingPixels(height, pixelRatio);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.scale(pixelRatio, pixelRatio);
  drawCellBands(
    context,
    cellBands(values, levels),
    request.width,
    request.height,
    DEFAULT_BAND_FILL_COLOURS,
    width,
    height,
  );
  panel.append(canvas);
  return { request, canvas, pixelRatio };
}
