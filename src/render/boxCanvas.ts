/**
 * A small canvas over the plot, sized to the box of what it shows and moved when that leaves the
 * box. The browser uploads every changed canvas whole each frame (in headless Chromium with
 * software compositing, ≈0.8 ms of main-thread time a frame for an 896×649 canvas at 1× CPU); a
 * box around what changes is a fraction of that. Two hold what changes every frame while the race
 * plays: the newest trail segments (the trajectory layer moves them onto the trail canvas every few
 * steps, when the box grows large, and when playback stops) and the heads' markers
 * (headMarkers.ts).
 */
import { backingPixels, clearCanvas } from './canvas.ts';

export interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room left around what is drawn when the canvas is placed, so it is moved seldom. */
const PADDING_PX = 24;

export class BoxCanvas {
  readonly canvas: HTMLCanvasElement;
  private ctx: CanvasRenderingContext2D | null = null;
  /** Where the canvas is, in CSS px of the plot; null while it is not shown. */
  private box: PixelBox | null = null;
  /** The canvas's CSS size and pixel ratio, which only grow while the layer lives. */
  private width = 0;
  private height = 0;
  private pixelRatio = 0;

  /**
   * A hidden canvas of class `className`, added to `container` under what is in it already or over
   * it; it shows once something is drawn.
   */
  constructor(container: HTMLElement, className: string, place: 'under' | 'over') {
    const canvas = document.createElement('canvas');
    canvas.className = className;
    canvas.setAttribute('aria-hidden', 'true');
    canvas.hidden = true;
    if (place === 'under') container.prepend(canvas);
    else container.append(canvas);
    this.canvas = canvas;
  }

  /**
   * A context whose coordinates are the plot's CSS px, on a canvas that covers `needed`: the
   * current one (nothing erased) when it does, otherwise one moved (and if need be enlarged) to
   * cover it, empty, and `fresh` is true. The canvas is never made smaller: a new backing store
   * cost 12 ms on this machine under load, moving and clearing one a small fraction of that.
   */
  cover(needed: PixelBox, pixelRatio: number): { ctx: CanvasRenderingContext2D; fresh: boolean } {
    const box = this.box;
    if (
      box &&
      this.ctx &&
      needed.left >= box.left &&
      needed.top >= box.top &&
      needed.right <= box.right &&
      needed.bottom <= box.bottom
    ) {
      return { ctx: this.ctx, fresh: false };
    }
    const left = Math.floor(needed.left - PADDING_PX);
    const top = Math.floor(needed.top - PADDING_PX);
    const width = Math.max(this.width, Math.ceil(needed.right + PADDING_PX) - left);
    const height = Math.max(this.height, Math.ceil(needed.bottom + PADDING_PX) - top);
    const canvas = this.canvas;
    if (width !== this.width || height !== this.height || pixelRatio !== this.pixelRatio) {
      canvas.width = backingPixels(width, pixelRatio);
      canvas.height = backingPixels(height, pixelRatio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      this.width = width;
      this.height = height;
      this.pixelRatio = pixelRatio;
    } else if (box && this.ctx) {
      clearCanvas(this.ctx);
    }
    canvas.style.transform = `translate(${left}px, ${top}px)`;
    if (canvas.hidden) canvas.hidden = false;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(pixelRatio, 0, 0, pixelRatio, -left * pixelRatio, -top * pixelRatio);
    this.ctx = ctx;
    this.box = { left, top, right: left + width, bottom: top + height };
    return { ctx, fresh: true };
  }

  /**
   * Empties the canvas; the next `cover` places it afresh. It stays shown: hiding it here and
   * showing it again a frame later, as the newest segments join the trail canvas every few steps,
   * made those frames restyle and lay out the page and rebuild its compositor layers, while an
   * empty canvas this size costs next to nothing.
   */
  clear(): void {
    if (!this.box || !this.ctx) return;
    clearCanvas(this.ctx);
    this.box = null;
  }
}

/** The box the points of a path span, in CSS px: a path sink that only measures. */
export class PathBounds implements PixelBox {
  left = Infinity;
  top = Infinity;
  right = -Infinity;
  bottom = -Infinity;

  get empty(): boolean {
    return this.left > this.right;
  }

  get area(): number {
    return this.empty ? 0 : (this.right - this.left) * (this.bottom - this.top);
  }

  moveTo(x: number, y: number): void {
    this.lineTo(x, y);
  }

  lineTo(x: number, y: number): void {
    if (x < this.left) this.left = x;
    if (x > this.right) this.right = x;
    if (y < this.top) this.top = y;
    if (y > this.bottom) this.bottom = y;
  }

  reset(): void {
    this.left = this.top = Infinity;
    this.right = this.bottom = -Infinity;
  }

  /** This box widened by `px` on every side. */
  widened(px: number): PixelBox {
    return {
      left: this.left - px,
      top: this.top - px,
      right: this.right + px,
      bottom: this.bottom + px,
    };
  }
}
