/**
 * A picture that changes seldom next to the frames around it (the contours, a run's marker), drawn
 * on an OffscreenCanvas and shown through an ImageBitmapRenderingContext only when `present()` or
 * `presentWhole()` is called.
 *
 * Why: the browser hands every visible 2D canvas to the compositor again on every frame it commits,
 * changed or not. In headless Chromium (software compositing) that was ≈0.2 ms of main-thread time
 * per 896×649 canvas per frame at 1× CPU, while the default scene only moved six markers. A bitmap
 * renderer's picture is handed over once, when it is replaced. Not for a picture redrawn a few
 * times a second (the chart): its drawing's raster and new bitmaps cost more than that saved.
 *
 * `present()` copies the bitmap with createImageBitmap, which keeps the drawing surface: for the
 * contours, transferring it instead (transferToImageBitmap) was cheaper at once but made the next
 * drawing allocate a new plot-sized backing store, 26 ms on this machine. Where OffscreenCanvas or
 * the bitmap renderer is missing, it draws on the canvas itself.
 */
import { fitCanvas, fitSurface, type Context2D } from './canvas.ts';

export class PresentedCanvas {
  private surface: OffscreenCanvas | null = null;
  private readonly renderer: ImageBitmapRenderingContext | null;
  /** Counts presents, so a bitmap copied before a newer one is dropped. */
  private presents = 0;

  constructor(private readonly element: HTMLCanvasElement) {
    this.renderer =
      typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function'
        ? element.getContext('bitmaprenderer')
        : null;
  }

  /**
   * A context of CSS size × `pixelRatio` pixels, scaled to CSS px (its pixels are kept unless the
   * size changed). Nothing drawn on it shows until `present()`.
   */
  fit(cssWidth: number, cssHeight: number, pixelRatio: number): Context2D {
    if (!this.renderer) return fitCanvas(this.element, cssWidth, cssHeight, pixelRatio);
    this.surface ??= new OffscreenCanvas(1, 1);
    return fitSurface<OffscreenCanvasRenderingContext2D>(
      this.surface,
      cssWidth,
      cssHeight,
      pixelRatio,
    );
  }

  /**
   * Shows a picture painted elsewhere, at once (e.g. before the app mounted, so no frame goes
   * without it). The bitmap is used up; the drawing surface keeps its older content.
   */
  showBitmap(bitmap: ImageBitmap): void {
    this.presents++;
    if (this.element.width !== bitmap.width) this.element.width = bitmap.width;
    if (this.element.height !== bitmap.height) this.element.height = bitmap.height;
    if (this.renderer) {
      this.renderer.transferFromImageBitmap(bitmap);
      return;
    }
    this.element.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
  }

  /**
   * Shows what is drawn now, at once, by handing the drawing surface over rather than copying it:
   * what is drawn next starts on an empty surface. For small pictures redrawn whole each time (a
   * run's marker), where a copy would only add work.
   */
  presentWhole(): void {
    if (this.renderer && this.surface) this.showBitmap(this.surface.transferToImageBitmap());
  }

  /**
   * Shows what is drawn now; resolves once it is on the canvas (a task later, or at once), with
   * false if a newer present replaced it first.
   */
  async present(): Promise<boolean> {
    const surface = this.surface;
    if (!this.renderer || !surface) return true;
    const ticket = ++this.presents;
    // Copying rasterises what was drawn (≈25 ms for the full contours on this machine, on top of
    // the ≈30 ms of drawing them): a task of its own keeps each under the 50 ms of a long task.
    await new Promise((resolve) => setTimeout(resolve));
    if (ticket !== this.presents) return false;
    const bitmap = await createImageBitmap(surface);
    if (ticket !== this.presents) {
      bitmap.close();
      return false;
    }
    this.showBitmap(bitmap);
    return true;
  }
}
