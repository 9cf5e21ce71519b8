/**
 * Trails of crowded runs rasterised by hand into a pixel buffer. With thousands of particles the
 * canvas's own path stroking was the frame's largest cost (Skia rasterises the recorded paths during
 * the compositor commit, on the main thread); writing each new segment's few pixels here is far
 * cheaper and lets trails and heads share one canvas upload per frame.
 *
 * Pixels are straight (not premultiplied) RGBA in the platform's little-endian byte order, the layout
 * of `ImageData`, so a frame is a copy of this buffer plus the heads, put with one `putImageData`.
 */
import { clipSegment } from './clip.ts';

export class PixelTrails {
  width = 0;
  height = 0;
  pixels = new Uint32Array(0);
  private readonly clipped = new Float64Array(4);

  /** Sizes the buffer to the canvas's backing store; a new size starts empty. */
  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.pixels = new Uint32Array(width * height);
  }

  clear(): void {
    this.pixels.fill(0);
  }

  /**
   * Blends `count` segments, stored in `coordinates` as x0, y0, x1, y1 quadruples, `thickness`
   * pixels wide, in colour `rgb` (0xrrggbb) at `opacity`. Each is drawn up to, not including, its end
   * point — so joined segments do not blend their shared point twice — with edges antialiased by
   * pixel coverage across the line. One call per batch keeps the coordinates unboxed in the loop.
   */
  segments(
    coordinates: Float64Array,
    count: number,
    rgb: number,
    opacity: number,
    thickness: number,
  ): void {
    const { width, height, clipped } = this;
    const margin = thickness + 1;
    const low = -margin;
    const highX = width + margin;
    const highY = height + margin;
    for (let i = 0; i < 4 * count; i += 4) {
      let x0 = coordinates[i];
      let y0 = coordinates[i + 1];
      let x1 = coordinates[i + 2];
      let y1 = coordinates[i + 3];
      // Most segments lie well inside; only the rest pay for clipping.
      const inside =
        x0 >= low &&
        x0 <= highX &&
        x1 >= low &&
        x1 <= highX &&
        y0 >= low &&
        y0 <= highY &&
        y1 >= low &&
        y1 <= highY;
      if (!inside) {
        // Both ends beyond the same edge: nothing to draw, and no call. Runs that left the view
        // send thousands of these a frame, and each call boxed its eight coordinates.
        const beyondOneEdge =
          (x0 < low && x1 < low) ||
          (x0 > highX && x1 > highX) ||
          (y0 < low && y1 < low) ||
          (y0 > highY && y1 > highY);
        if (beyondOneEdge) continue;
        if (!clipSegment(clipped, x0, y0, x1, y1, low, low, highX, highY)) continue;
        x0 = clipped[0];
        y0 = clipped[1];
        x1 = clipped[2];
        y1 = clipped[3];
      }
      // Walk the major axis one pixel at a time, covering across it a band as wide as the line.
      const steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
      const major0 = steep ? y0 : x0;
      const minor0 = steep ? x0 : y0;
      const major1 = steep ? y1 : x1;
      const minor1 = steep ? x1 : y1;
      const slope = (minor1 - minor0) / (major1 - major0 || 1);
      // A slanted line crosses more minor-axis pixels per major step than a level one.
      const half = (thickness * Math.sqrt(1 + slope * slope)) / 2;
      const direction = major1 >= major0 ? 1 : -1;
      const end = Math.round(major1);
      const majorLimit = steep ? height : width;
      const minorLimit = steep ? width : height;
      for (let major = Math.round(major0); major !== end; major += direction) {
        if (major < 0 || major >= majorLimit) continue;
        const centre = minor0 + (major + 0.5 - major0) * slope;
        const low = centre - half;
        const high = centre + half;
        const last = Math.min(minorLimit - 1, Math.floor(high));
        for (let minor = Math.max(0, Math.floor(low)); minor <= last; minor++) {
          const coverage = Math.min(high, minor + 1) - Math.max(low, minor);
          if (coverage <= 0) continue;
          const index = steep ? major * width + minor : minor * width + major;
          this.blend(index, rgb, opacity * coverage);
        }
      }
    }
  }

  /** Source-over compositing of one straight-alpha pixel. */
  private blend(index: number, rgb: number, alpha: number): void {
    const under = this.pixels[index];
    const remaining = ((under >>> 24) / 255) * (1 - alpha);
    const outAlpha = alpha + remaining;
    const source = alpha / outAlpha;
    const kept = remaining / outAlpha;
    // `| 0` after adding 0.5 rounds these non-negative channel values.
    const red = (((rgb >> 16) & 255) * source + (under & 255) * kept + 0.5) | 0;
    const green = (((rgb >> 8) & 255) * source + ((under >>> 8) & 255) * kept + 0.5) | 0;
    const blue = ((rgb & 255) * source + ((under >>> 16) & 255) * kept + 0.5) | 0;
    this.pixels[index] = (((outAlpha * 255 + 0.5) | 0) << 24) | (blue << 16) | (green << 8) | red;
  }
}
