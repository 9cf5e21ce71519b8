import { UNDEFINED_STYLE } from './draw.ts';
import type { Context2D } from '../canvas.ts';

/**
 * Paints cell bands (core/contours/cellBands.ts) over the whole context, `cssWidth` × `cssHeight`
 * CSS px: one pixel per cell, scaled up with smoothing, so band edges blur over a cell instead of
 * following the rings. Row 0 of the grid is the bottom of the picture (world y grows upward).
 * Non-finite cells get the undefined fill, without the hatching.
 */
export function drawCellBands(
  context: Context2D,
  bands: Uint8Array,
  nx: number,
  ny: number,
  fillColours: readonly string[],
  cssWidth: number,
  cssHeight: number,
): void {
  const rgba = [...fillColours, UNDEFINED_STYLE.fill].map(hexToRgba);
  const image = new ImageData(nx, ny);
  const pixels = new Uint32Array(image.data.buffer);
  for (let j = 0; j < ny; j++) {
    const from = j * nx;
    const to = (ny - 1 - j) * nx;
    for (let i = 0; i < nx; i++) pixels[to + i] = rgba[bands[from + i]];
  }
  const cells = new OffscreenCanvas(nx, ny);
  cells.getContext('2d')!.putImageData(image, 0, 0);
  context.drawImage(cells, 0, 0, cssWidth, cssHeight);
}

/** `#rrggbb` as one opaque pixel of a little-endian RGBA Uint32Array view. */
function hexToRgba(hex: string): number {
  const rgb = parseInt(hex.slice(1), 16);
  return (0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
}
