/**
 * The contour canvas of a plot panel. A coarse picture arrives from the contour Worker within a few
 * milliseconds, then the full-resolution one; answers for views the user has already left are
 * dropped. Redrawn only when surface, view, size or scale change — never per frame — and shown
 * through a PresentedCanvas, so frames that move runs over it do not hand it to the compositor again.
 */
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { ContourScale } from '../core/scene/scene.ts';
import { PresentedCanvas } from './presentedCanvas.ts';
import type { ContourBands } from '../core/contours/bands.ts';
import { drawContours } from './contours/draw.ts';
import {
  contourCacheKey,
  gridSizeForCanvas,
  previewRequest,
  type ContourRequest,
} from '../core/contours/request.ts';
import type { Viewport } from './viewport.ts';

export type ContourResult =
  | { status: 'done'; bands: ContourBands }
  /** A newer request came in before this one's answer; draw nothing for it. */
  | { status: 'stale' }
  | { status: 'error'; error: string };

/**
 * Where pictures come from (src/playback's Worker client). Requests are grouped in channels: on
 * each channel only the newest request counts, older ones resolve `stale`.
 */
export interface ContourSource {
  /** The finished bands for `request`, if already computed. */
  peek(request: ContourRequest): ContourBands | undefined;
  request(request: ContourRequest, channel: string): Promise<ContourResult>;
}

/** User Timing marks, so `npm run bench:app` can time contours as a person sees them. */
export const CONTOUR_MARKS = {
  requested: 'contours-requested',
  preview: 'contours-preview-painted',
  full: 'contours-full-painted',
  /** Once per page: the first contours of any kind, what a person waits for after the frame. */
  first: 'first-contours',
} as const;

let firstPainted = false;

/** Sets CONTOUR_MARKS.first, once per page, when the first contours of any kind are on screen. */
export function markFirstContours(): void {
  if (firstPainted) return;
  firstPainted = true;
  performance.mark(CONTOUR_MARKS.first);
}

/** A picture painted before any layer existed, waiting for the layer that shows its request. */
let handedOver: { key: string; pixelRatio: number; bitmap: ImageBitmap } | null = null;

/**
 * Offers the first layer that shows `request` at `pixelRatio` a picture of it, e.g. the one painted
 * over index.html's static frame, so it shows the picture in its first frame (see
 * playback/firstContours.ts); the full contours replace it when the Worker has them.
 */
export function handOverPicture(
  request: ContourRequest,
  pixelRatio: number,
  bitmap: ImageBitmap,
): void {
  handedOver?.bitmap.close();
  handedOver = { key: contourCacheKey(request), pixelRatio, bitmap };
}

function takeHandedOver(key: string, pixelRatio: number): ImageBitmap | undefined {
  const offered = handedOver;
  if (!offered || offered.key !== key || offered.pixelRatio !== pixelRatio) return undefined;
  handedOver = null;
  return offered.bitmap;
}

let nextPanelId = 0;

export class ContourLayer {
  private shownKey = '';
  private disposed = false;
  /** Supersession is per panel: a newer view in one panel never cancels another panel's picture. */
  private readonly channel = `panel-${nextPanelId++}`;
  private readonly picture: PresentedCanvas;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly source: ContourSource,
    /** Told of every picture painted, e.g. to show a key for what it contains. */
    private readonly onPaint: (bands: ContourBands) => void = () => {},
  ) {
    this.picture = new PresentedCanvas(canvas);
  }

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
    /** Draws `bands`; resolves once they are on screen, false if a newer picture replaced them. */
    const paint = async (bands: ContourBands): Promise<boolean> => {
      const ctx = this.picture.fit(viewport.width, viewport.height, pixelRatio);
      drawContours(
        ctx,
        bands,
        { x: (x) => viewport.toPixelX(x), y: (y) => viewport.toPixelY(y) },
        { dpr: pixelRatio },
      );
      const shown = await this.picture.present();
      if (!shown || this.disposed || this.shownKey !== key) return false;
      markFirstContours();
      this.onPaint(bands);
      return true;
    };
    performance.mark(CONTOUR_MARKS.requested);
    const cached = this.source.peek(request);
    if (cached) {
      void paint(cached).then((shown) => shown && performance.mark(CONTOUR_MARKS.full));
      return;
    }
    // A coarse picture first (a few ms in the Worker), then the full one; both off the main
    // thread, so d3-contour never runs here and dragging the view never blocks a frame. A picture
    // handed over is finer than the coarse one.
    let fullPainted = false;
    const handed = takeHandedOver(key, pixelRatio);
    if (handed) this.picture.showBitmap(handed);
    else {
      void this.source
        .request(previewRequest(request), `${this.channel}-preview`)
        .then((result) => {
          if (this.disposed || this.shownKey !== key || fullPainted || result.status !== 'done') {
            return;
          }
          void paint(result.bands).then(
            (shown) => shown && performance.mark(CONTOUR_MARKS.preview),
          );
        });
    }
    void this.source.request(request, this.channel).then((result) => {
      if (this.disposed || this.shownKey !== key || result.status !== 'done') return;
      fullPainted = true;
      void paint(result.bands).then((shown) => shown && performance.mark(CONTOUR_MARKS.full));
    });
  }

  dispose(): void {
    this.disposed = true;
  }
}
