// The band colours travel with the bands from the contour Worker, so d3's viridis (with d3-color and
// d3-interpolate, ≈13 KB gzip) stays out of the first download.
import { interpolateViridis } from 'd3-scale-chromatic';

/**
 * Band colours from viridis (perceptually uniform, colour-blind safe): low loss is dark, so minima
 * read as the deepest ground and bright trajectories stand out where they end up.
 * Band 0 lies below the first level, band k + 1 at or above level k.
 */
export function bandFillColours(levelCount: number): string[] {
  const colours: string[] = [];
  for (let band = 0; band <= levelCount; band++) {
    colours.push(interpolateViridis(levelCount === 0 ? 0 : band / levelCount));
  }
  return colours;
}

/** Light lines over dark bands and dark lines over light ones, translucent so they stay thin. */
const LINE_OVER_DARK = 'rgba(255, 255, 255, 0.4)';
const LINE_OVER_LIGHT = 'rgba(0, 0, 0, 0.3)';
/** Relative luminance where black and white text contrast equally with the background. */
const CONTRAST_SWITCH_LUMINANCE = 0.18;

/** One line colour per level, chosen against the band just above it. */
export function levelLineColours(fillColours: readonly string[]): string[] {
  return fillColours
    .slice(1)
    .map((fill) =>
      relativeLuminance(fill) > CONTRAST_SWITCH_LUMINANCE ? LINE_OVER_LIGHT : LINE_OVER_DARK,
    );
}

/** WCAG relative luminance of a `#rrggbb` colour (the form d3-scale-chromatic returns). */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const srgb = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
