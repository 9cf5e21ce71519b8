/**
 * The contour canvas of a plot panel. A coarse picture is drawn at once on the main thread, then
 * the full-resolution one arrives from the contour Worker; answers for views the user has already
 * left are dropped. Redrawn only when surface, view, size or scale change — never per frame.
 */
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { ContourScale } from '../core/scene/scene.ts';
import { getSurface } from '../core/surfaces/index.ts';
import { fitCanvas } from './canvas.ts';
import type { ContourBands } from './contours/bands.ts';
import { ContourClient } from './contours/client.ts';
import { drawContours } from './contours/draw.ts';
import {
  computeContours,
  contourCacheKey,
  gridSizeForCanvas,
  previewRequest,
  type ContourRequest,
} from './contours/request.ts';
import { drawSurfaceThumbnail as drawThumbnail } from './contours/thumbnail.ts';
import type { Viewport } from './viewport.ts';

/** One Worker and one cache for every panel: side-by-side panels ask for the same picture. */
let sharedClient: ContourClient | null = null;
function client(): ContourClient {
  sharedClient ??= new ContourClient();
  return sharedClient;
}

let nextPanelId = 0;

export class ContourLayer {
  private shownKey = '';
  private disposed = false;
  /** Supersession is per panel: a newer view in one panel never cancels another panel's picture. */
  private readonly channel = `panel-${nextPanelId++}`;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  show(
    surface: ResolvedSurface,
    viewport: Viewport,
    pixelRatio: number,
    scale: ContourScale,
  ): void {
    const request: ContourRequest = {
      surface: surface.source,
      extent: viewport.extent,
      ...gridSizeForCanvas(viewport.width, viewport.height),
      scale,
    };
    const key = contourCacheKey(request);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const paint = (bands: ContourBands) => {
      const ctx = fitCanvas(this.canvas, viewport.width, viewport.height, pixelRatio);
      drawContours(
        ctx,
        bands,
        { x: (x) => viewport.toPixelX(x), y: (y) => viewport.toPixelY(y) },
        { dpr: pixelRatio },
      );
    };
    const cached = client().peek(request);
    if (cached) {
      paint(cached);
      return;
    }
    const preview = computeContours(previewRequest(request));
    if (preview.ok) paint(preview.bands);
    void client()
      .request(request, this.channel)
      .then((result) => {
        if (this.disposed || this.shownKey !== key || result.status !== 'done') return;
        paint(result.bands);
      });
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** A square contour thumbnail of a built-in surface over its default view, for the picker. */
export function drawSurfaceThumbnail(
  canvas: HTMLCanvasElement,
  surfaceId: string,
  size: number,
): void {
  const surface = getSurface(surfaceId);
  if (!surface) return;
  drawThumbnail(canvas, surface, surface.view, { size, dpr: window.devicePixelRatio || 1 });
}
