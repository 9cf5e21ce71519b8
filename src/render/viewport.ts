import type { Extent } from '../core/geometry.ts';

/**
 * Maps world coordinates to CSS pixels of a plot box. The view is the region that must be visible;
 * it grows along one axis to fill the box at equal scale, so circles stay circles and a ravine looks
 * as narrow as it is.
 */
export class Viewport {
  readonly extent: Extent;
  /** CSS pixels per world unit, the same on both axes. */
  readonly scale: number;

  constructor(
    view: Extent,
    readonly width: number,
    readonly height: number,
  ) {
    const w = Math.max(1, width);
    const h = Math.max(1, height);
    const spanX = view.xMax - view.xMin;
    const spanY = view.yMax - view.yMin;
    this.scale = Math.min(w / spanX, h / spanY);
    const halfX = w / this.scale / 2;
    const halfY = h / this.scale / 2;
    const cx = (view.xMin + view.xMax) / 2;
    const cy = (view.yMin + view.yMax) / 2;
    this.extent = { xMin: cx - halfX, xMax: cx + halfX, yMin: cy - halfY, yMax: cy + halfY };
  }

  toPixelX(x: number): number {
    return (x - this.extent.xMin) * this.scale;
  }

  /** Screen y grows downward; world y grows upward. */
  toPixelY(y: number): number {
    return (this.extent.yMax - y) * this.scale;
  }

  toWorldX(px: number): number {
    return this.extent.xMin + px / this.scale;
  }

  toWorldY(py: number): number {
    return this.extent.yMax - py / this.scale;
  }

  /**
   * A world point picked with the pointer, rounded to about a thousandth of the visible span: as
   * exact as a pointer can be, and short in a shared link.
   */
  roundedWorld(px: number, py: number): [number, number] {
    return [this.round(this.toWorldX(px)), this.round(this.toWorldY(py))];
  }

  /** A world coordinate rounded to about a thousandth of the visible span. */
  round(value: number): number {
    const span = Math.max(this.extent.xMax - this.extent.xMin, this.extent.yMax - this.extent.yMin);
    const decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(span / 1000))));
    return Number(value.toFixed(decimals));
  }

  /** The view after zooming by `factor` (> 1 zooms in) about the pixel (px, py). */
  zoomedAbout(px: number, py: number, factor: number): Extent {
    const x = this.toWorldX(px);
    const y = this.toWorldY(py);
    const { xMin, xMax, yMin, yMax } = this.extent;
    return {
      xMin: x - (x - xMin) / factor,
      xMax: x + (xMax - x) / factor,
      yMin: y - (y - yMin) / factor,
      yMax: y + (yMax - y) / factor,
    };
  }

  /** The view after dragging the content by (dx, dy) CSS pixels. */
  panned(dx: number, dy: number): Extent {
    const { xMin, xMax, yMin, yMax } = this.extent;
    const wx = dx / this.scale;
    const wy = dy / this.scale;
    return { xMin: xMin - wx, xMax: xMax - wx, yMin: yMin + wy, yMax: yMax + wy };
  }
}
