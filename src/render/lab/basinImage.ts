/**
 * Basin maps as pictures: one pixel per start, coloured by where the start ended. The colours are
 * the same in every panel, so the eye can compare optimizers cell by cell.
 */
import { schemeTableau10 } from 'd3-scale-chromatic';
import type { BasinCategory, BasinResult } from '../../core/lab/basins.ts';
import { hexChannels } from '../runStyle.ts';

const UNCONVERGED = '#d4d7dd';
const DIVERGED = '#262626';
const OTHER = '#8c8c8c';

/** One colour per category: minima and found points from Tableau 10, greys for the rest. */
export function basinColours(categories: readonly BasinCategory[]): string[] {
  let next = 0;
  return categories.map((category) => {
    if (category.kind === 'unconverged') return UNCONVERGED;
    if (category.kind === 'diverged') return DIVERGED;
    if (category.kind === 'other') return OTHER;
    return schemeTableau10[next++ % schemeTableau10.length];
  });
}

/**
 * Paints map `index` into `canvas` at one pixel per start (CSS scales it up, pixelated). The grid's
 * rows run from yMin up; the canvas's from the top down, hence the flip.
 */
export function paintBasinMap(
  canvas: HTMLCanvasElement,
  result: BasinResult,
  index: number,
  colours: readonly string[],
): void {
  const { side } = result;
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(side, side);
  const palette = colours.map(hexChannels);
  const { labels } = result.maps[index];
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const [r, g, b] = palette[labels[j * side + i]];
      const offset = 4 * ((side - 1 - j) * side + i);
      image.data[offset] = r;
      image.data[offset + 1] = g;
      image.data[offset + 2] = b;
      image.data[offset + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
