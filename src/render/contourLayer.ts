/**
 * The contour canvas of a plot panel. A coarse picture arrives from the contour Worker within a few
 * milliseconds, then the full-resolution one; answers for views the user has already left are
 * dropped. The Worker paints each picture too (render/contours/contourAnswers.ts says why); this
 * layer only shows the bitmap, and paints here only where the Worker cannot. Redrawn only when
 * surface, view, size or scale change — never per frame — and shown through a PresentedCanvas, so
 * frames that move runs over it do not hand it to the compositor again.
 */
import type { ResolvedSurface } from '../core/scene/resolve.ts';
import type { ContourScale } from '../core/scene/scene.ts';
import { PresentedCanvas } from './presentedCanvas.ts';
import type { ContourBands } from '../core/contours/bands.ts';
import type { ContourPictureSize } from '../core/contours/protocol.ts';
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

/** Bands with their picture for one canvas; `bitmap` is null where it could not be painted. */
export type ContourPictureResult =
  | { status: 'done'; bands: ContourBands; bitmap: ImageBitmap | null }
  | Exclude<ContourResult, { status: 'done' }>;

/**
 * Where pictures come from (src/playback's Worker client). Requests are grouped in channels: on
 * each channel only the newest request counts, older ones resolve `stale`.
 */
export interface ContourSource {
  /** The finished bands for `request`, if already computed. */
  peek(request: ContourRequest): ContourBands | undefined;
  picture(
    request: ContourRequest,
    size: ContourPictureSize,
    channel: string,
  ): Promise<ContourPictureResult>;
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
    const size: ContourPictureSize = {
      width: viewport.width,
      height: viewport.height,
      pixelRatio,
      scale: viewport.scale,
    };
    /** Shows an answer still wanted; resolves once it is on screen, false if it is not shown. */
    const show = async (result: ContourPictureResult): Promise<boolean> => {
      if (result.status !== 'done') return false;
      if (this.disposed || this.shownKey !== key) {
        result.bitmap?.close();
        return false;
      }
      if (result.bitmap) this.picture.showBitmap(result.bitmap);
      else if (!(await this.paintHere(result.bands, viewport, pixelRatio))) return false;
      if (this.disposed || this.shownKey !== key) return false;
      markFirstContours();
      this.onPaint(result.bands);
      return true;
    };
    performance.mark(CONTOUR_MARKS.requested);
    // A coarse picture first (a few ms in the Worker), then the full one; both off the main
    // thread, so d3-contour never runs here and dragging the view never blocks a frame. A picture
    // handed over is finer than the coarse one, and bands already computed need no coarse one.
    let fullShown = false;
    const handed = takeHandedOver(key, pixelRatio);
    if (handed) this.picture.showBitmap(handed);
    else if (!this.source.peek(request)) {
      void this.source
        .picture(previewRequest(request), size, `${this.channel}-preview`)
        .then((result) => {
          if (fullShown) {
            if (result.status === 'done') result.bitmap?.close();
            return;
          }
          void show(result).then((shown) => shown && performance.mark(CONTOUR_MARKS.preview));
        });
    }
    void this.source.picture(request, size, this.channel).then((result) => {
      fullShown = result.status === 'done';
      void show(result).then((shown) => shown && performance.mark(CONTOUR_MARKS.full));
    });
  }

  /** Paints `bands` on this thread, where the Worker could not; false if a newer picture won. */
  private paintHere(bands: ContourBands, viewport: Viewport, pixelRatio: number): Promise<boolean> {
    const context = this.picture.fit(viewport.width, viewport.height, pixelRatio);
    drawContours(
      context,
      bands,
      { x: (x) => viewport.toPixelX(x), y: (y) => viewport.toPixelY(y) },
      { dpr: pixelRatio },
    );
    return this.picture.present();
  }

  dispose(): void {
    this.disposed = true;
  }
}
