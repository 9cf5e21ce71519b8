/**
 * What the contour Worker answers: a request's bands, kept for the last few views, and, when asked,
 * their picture painted for a plot canvas and handed over as an ImageBitmap. Why paint here: drawing
 * the bands and copying the drawing into a bitmap took the page's thread ≈9 ms at 1× and ≈35 ms at
 * 4× CPU throttling for every new view (the full contours' arrival was one of the page's long tasks
 * after load, and each view of a drag or zoom cost it again); showing a finished bitmap costs the
 * page almost nothing. Bands are kept here too, so a view the page already has the bands of (going
 * back to it, side-by-side panels of one view) is painted without being contoured again.
 */
import type { ContourBands } from '../../core/contours/bands.ts';
import {
  computeContours,
  transferablesOf,
  type ContourOutcome,
} from '../../core/contours/compute.ts';
import type {
  ContourPictureSize,
  ContourWorkerRequest,
  ContourWorkerResponse,
} from '../../core/contours/protocol.ts';
import { contourCacheKey } from '../../core/contours/request.ts';
import { LruCache } from '../../core/lruCache.ts';
import { backingPixels } from '../canvas.ts';
import { drawContours, type ContourContext } from './draw.ts';

/** The part of an OffscreenCanvas a picture needs; tests pass a fake. */
export interface PictureCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): ContourContext | null;
  transferToImageBitmap(): ImageBitmap;
}

/** A canvas to paint pictures on, or null where the Worker has no OffscreenCanvas. */
export type CreatePictureCanvas = () => PictureCanvas | null;

const offscreenCanvas: CreatePictureCanvas = () =>
  typeof OffscreenCanvas === 'function'
    ? (new OffscreenCanvas(1, 1) as unknown as PictureCanvas)
    : null;

export interface ContourAnswer {
  response: ContourWorkerResponse;
  transfer: Transferable[];
}

export class ContourAnswers {
  private readonly cache: LruCache<string, ContourBands>;
  private canvas: PictureCanvas | null | undefined;

  constructor(
    private readonly createCanvas: CreatePictureCanvas = offscreenCanvas,
    /** Bands kept (a 200×200 Rastrigin is ~3 MB), as many as the page keeps. */
    cacheEntries = 6,
  ) {
    this.cache = new LruCache(cacheEntries);
  }

  /** The answer to `message`; errors come back as an outcome, never thrown. */
  answer({ requestId, request, picture, withBands }: ContourWorkerRequest): ContourAnswer {
    try {
      const bands = this.bandsFor(request);
      if (!bands.ok) return { response: { requestId, outcome: bands }, transfer: [] };
      const painted = picture ? this.paint(bands.bands, picture) : null;
      // The kept bands stay here: the page gets a copy it owns.
      const sent = withBands ? copyBands(bands.bands) : null;
      return {
        response: { requestId, outcome: { ok: true, bands: sent, picture: painted } },
        transfer: [...(sent ? transferablesOf(sent) : []), ...(painted ? [painted] : [])],
      };
    } catch (error) {
      // Answer anyway: the client waits for every request it sent before sending the next.
      const message = error instanceof Error ? error.message : String(error);
      return { response: { requestId, outcome: { ok: false, error: message } }, transfer: [] };
    }
  }

  private bandsFor(request: ContourWorkerRequest['request']): ContourOutcome {
    const key = contourCacheKey(request);
    const kept = this.cache.get(key);
    if (kept) return { ok: true, bands: kept };
    const outcome = computeContours(request);
    if (outcome.ok) this.cache.set(key, outcome.bands);
    return outcome;
  }

  /** The bands painted at `size` (as ContourLayer would on the page), or null if it cannot. */
  private paint(bands: ContourBands, size: ContourPictureSize): ImageBitmap | null {
    this.canvas ??= this.createCanvas();
    const canvas = this.canvas;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return null;
    // As PresentedCanvas.fit sizes the page's canvas; a new size also clears it.
    canvas.width = backingPixels(size.width, size.pixelRatio);
    canvas.height = backingPixels(size.height, size.pixelRatio);
    const { xMin, yMax } = bands.extent;
    drawContours(
      context,
      bands,
      { x: (x) => (x - xMin) * size.scale, y: (y) => (yMax - y) * size.scale },
      { dpr: size.pixelRatio },
    );
    return canvas.transferToImageBitmap();
  }
}

function copyBands(bands: ContourBands): ContourBands {
  return {
    ...bands,
    levels: bands.levels.slice(),
    points: bands.points.slice(),
    ringStarts: bands.ringStarts.slice(),
    levelRingStarts: bands.levelRingStarts.slice(),
  };
}
