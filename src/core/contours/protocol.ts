import type { ContourBands } from './bands.ts';
import type { ContourOutcome } from './compute.ts';
import type { ContourRequest } from './request.ts';

/**
 * The plot canvas a picture is painted for: its CSS size, the device pixel ratio of its backing
 * store, and CSS pixels per world unit (x ↦ (x − xMin)·scale, y ↦ (yMax − y)·scale over the
 * request's extent, as render/viewport.ts maps them).
 */
export interface ContourPictureSize {
  width: number;
  height: number;
  pixelRatio: number;
  scale: number;
}

/** Main thread → contour worker. */
export interface ContourWorkerRequest {
  requestId: number;
  request: ContourRequest;
  /** Also paint the bands for this canvas and answer with the picture. */
  picture?: ContourPictureSize;
  /** Whether the answer must carry the bands; false when the page has them already. */
  withBands: boolean;
}

/**
 * Contour worker → main thread; typed arrays and the picture arrive transferred, not copied.
 * `bands` is null when not asked for; `picture` is null when not asked for or when the worker
 * cannot paint (no OffscreenCanvas there).
 */
export interface ContourWorkerResponse {
  requestId: number;
  outcome:
    | { ok: true; bands: ContourBands | null; picture: ImageBitmap | null }
    | Extract<ContourOutcome, { ok: false }>;
}
