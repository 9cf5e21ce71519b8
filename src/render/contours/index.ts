/**
 * The contour layer: filled bands and thin lines of f, computed off the main thread and drawn once
 * per surface, view or size change (the app blits the cached bitmap otherwise).
 */
export type { ContourBands, ContourGrid, ContourOptions } from './bands.ts';
export { computeContourBands } from './bands.ts';
export type { ContourClientOptions, ContourResult, ContourWorkerLike } from './client.ts';
export { ContourClient } from './client.ts';
export type { ContourContext, DrawContoursOptions, WorldToPixel } from './draw.ts';
export { drawContours } from './draw.ts';
export type { ContourOutcome } from './compute.ts';
export { computeContours, transferablesOf } from './compute.ts';
export type { ContourRequest, ContourSurfaceSource } from './request.ts';
export {
  contourCacheKey,
  DEFAULT_LEVEL_COUNT,
  gridSizeForCanvas,
  PIXELS_PER_CELL,
  PREVIEW_CELLS,
  previewRequest,
} from './request.ts';
export type { ResolvedThresholdScale, ThresholdScale } from './thresholds.ts';
export type { ThumbnailCanvas, ThumbnailOptions } from './thumbnail.ts';
export { drawSurfaceThumbnail } from './thumbnail.ts';
