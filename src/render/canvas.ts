/** Sizes a canvas's backing store to CSS size × devicePixelRatio and scales its context to CSS px. */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
  pixelRatio: number,
): CanvasRenderingContext2D {
  return fitSurface<CanvasRenderingContext2D>(canvas, cssWidth, cssHeight, pixelRatio);
}

/** The OffscreenCanvas each canvas element was handed over to (an element can be, once only). */
const drawnOffscreen = new WeakMap<HTMLCanvasElement, OffscreenCanvas>();

/**
 * As fitCanvas, for a canvas drawn on this thread through its OffscreenCanvas
 * (transferControlToOffscreen): the browser then hands the picture to the compositor only on frames
 * where it was drawn, whereas a canvas's own 2D context is handed over on every frame, changed or
 * not. In headless Chromium (software compositing) that was ≈0.25 ms of main-thread time a frame at
 * 1× CPU for the 896×489 trail canvas, which changes a few times a second while the race plays.
 * Every call for one element draws on the same OffscreenCanvas; without transferControlToOffscreen,
 * on the canvas itself.
 */
export function fitOffscreenDrawn(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
  pixelRatio: number,
): Context2D {
  if (typeof canvas.transferControlToOffscreen !== 'function') {
    return fitCanvas(canvas, cssWidth, cssHeight, pixelRatio);
  }
  let surface = drawnOffscreen.get(canvas);
  if (!surface) {
    surface = canvas.transferControlToOffscreen();
    drawnOffscreen.set(canvas, surface);
  }
  return fitSurface<OffscreenCanvasRenderingContext2D>(surface, cssWidth, cssHeight, pixelRatio);
}

/** A canvas element or an OffscreenCanvas, as far as sizing and drawing on it go. */
interface Surface<C> {
  width: number;
  height: number;
  getContext(contextId: '2d'): C | null;
}

/** Backing-store pixels for `cssLength` CSS px at `pixelRatio`: at least one. */
export const backingPixels = (cssLength: number, pixelRatio: number): number =>
  Math.max(1, Math.round(cssLength * pixelRatio));

/** As fitCanvas, for a canvas element or an OffscreenCanvas (its size changed only if it differs). */
export function fitSurface<C extends Context2D>(
  surface: Surface<C>,
  cssWidth: number,
  cssHeight: number,
  pixelRatio: number,
): C {
  const width = backingPixels(cssWidth, pixelRatio);
  const height = backingPixels(cssHeight, pixelRatio);
  if (surface.width !== width) surface.width = width;
  if (surface.height !== height) surface.height = height;
  const ctx = surface.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  return ctx;
}

/** A 2D context on a canvas element or on an OffscreenCanvas: drawing code takes either. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Clears the whole canvas whatever the current transform. */
export function clearCanvas(ctx: Context2D): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
}
