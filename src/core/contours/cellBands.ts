/**
 * The first contour picture as cells instead of rings: which band each sampled cell falls in. No
 * ring stitching (most of d3-contour's cost), so the main thread can afford it before the app has
 * mounted; see playback/firstContours.ts. The bands' fill colours for the default level count are
 * written out here because viridis (d3-scale-chromatic, ≈5 KB gzip with its three siblings) stays
 * out of the first download: colours.test.ts checks they are viridis's.
 */

/** bandFillColours(DEFAULT_LEVEL_COUNT): band 0 below the first level, band k + 1 at or above level k. */
// prettier-ignore
export const DEFAULT_BAND_FILL_COLOURS: readonly string[] = [
  '#440154', '#471365', '#482475', '#463480', '#414487', '#3b528b', '#355f8d',
  '#2f6c8e', '#2a788e', '#25848e', '#21918c', '#1e9c89', '#22a884', '#2fb47c',
  '#44bf70', '#5ec962', '#7ad151', '#9bd93c', '#bddf26', '#dfe318', '#fde725',
];

/**
 * Each cell's band, as the filled rings would colour it: 0 below levels[0], k + 1 at or above
 * levels[k] (levels ascending, at most 254 of them); levels.length + 1 where f is not finite (drawn
 * as undefined, not as the highest band).
 */
export function cellBands(values: ArrayLike<number>, levels: Float64Array): Uint8Array {
  const bands = new Uint8Array(values.length);
  const undefinedBand = levels.length + 1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      bands[i] = undefinedBand;
      continue;
    }
    // The number of levels at or below the value, by bisection.
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (levels[middle] <= value) low = middle + 1;
      else high = middle;
    }
    bands[i] = low;
  }
  return bands;
}
