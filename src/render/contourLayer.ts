/**
 * The contour canvas of a plot panel. A coarse picture arrives from the contour Worker within a few
 * milliseconds, then the full-resolution one; answers for views the user has already left are
 * dropped. Redrawn only when surface, view, size or scale change — never per frame.
 */
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { ContourScale } from '../core/scene/scene.ts';
import { fitCanvas } from './canvas.ts';
import type { ContourBands } from './contours/bands.ts';
import { ContourClient } from './contours/client.ts';
import { drawContours } from './contours/draw.ts';
import {
  contourCacheKey,
  gridSizeForCanvas,
  previewRequest,
  type ContourRequest,
} from './contours/request.ts';
import type { Viewport } from './viewport.ts';

/** One Worker and one cache for every panel: side-by-side panels ask for the same picture. */
let sharedClient: ContourClient | null = null;
function client(): ContourClient {
  sharedClient ??= new ContourClient();
  return sharedClient;
}

/** User Timing marks, so `npm run bench:app` can time contours as a person sees them. */
export const CONTOUR_MARKS = {
  requested: 'contours-requested',
  preview: 'contours-preview-painted',
  full: 'contours-full-painted',
} as const;

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
    performance.mark(CONTOUR_MARKS.requested);
    const cached = client().peek(request);
    if (cached) {
      paint(cached);
      performance.mark(CONTOUR_MARKS.full);
      return;
    }
    // A coarse picture first (a few ms in the Worker), then the full one; both off the main
    // thread, so d3-contour never runs here and dragging the view never blocks a frame.
    let fullPainted = false;
    void client()
      .request(previewRequest(request), `${this.channel}-preview`)
      .then((result) => {
        if (this.disposed || this.shownKey !== key || fullPainted || result.status !== 'done')
          return;
        paint(result.bands);
        performance.mark(CONTOUR_MARKS.preview);
      });
    void client()
      .request(request, this.channel)
      .then((result) => {
        if (this.disposed || this.shownKey !== key || result.status !== 'done') return;
        fullPainted = true;
        paint(result.bands);
        performance.mark(CONTOUR_MARKS.full);
      });
  }

  dispose(): void {
    this.disposed = true;
  }
}
