import { describe, expect, it } from 'vitest';
import { computeContourBands } from '../../core/contours/bands.ts';
import { drawContours, UNDEFINED_STYLE } from './draw.ts';
import { recordingContext } from './recordingContext.ts';
import { sampleCellCentres } from '../../core/contours/testGrids.ts';

// f = y over x ∈ [0, 4], y ∈ [0, 2], drawn at 50 CSS px per unit with y flipped.
const extent = { xMin: 0, xMax: 4, yMin: 0, yMax: 2 };
const toPixel = { x: (x: number) => 50 * x, y: (y: number) => 100 - 50 * y };
const bands = computeContourBands(
  sampleCellCentres((_x, y) => y, extent, 8, 4),
  {
    levels: 3,
    scale: 'linear',
  },
);

describe('drawContours', () => {
  it('strokes only the contour lines, not the pieces of ring along the border', () => {
    const { context, calls } = recordingContext();
    drawContours(context, bands, toPixel, { dpr: 1 });
    const strokePart = calls.slice(calls.findIndex(([name]) => name === 'lineWidth'));
    const lineYs = strokePart.filter(([name]) => name === 'lineTo').map(([, , y]) => y as number);
    const levelYs = Array.from(bands.levels, (level) => toPixel.y(level));
    expect(lineYs.length).toBeGreaterThan(0);
    for (const y of lineYs) {
      expect(levelYs.some((levelY) => Math.abs(levelY - y) < 1e-9)).toBe(true);
    }
  });

  it('hatches where f is undefined instead of painting it as the highest band', () => {
    // log(x − 2): undefined on the left half of the picture (x < 2, pixels 0–100).
    const halfUndefined = computeContourBands(
      sampleCellCentres((x) => Math.log(x - 2), extent, 16, 8),
      { levels: 3, scale: 'linear' },
    );
    const { context, calls } = recordingContext();
    drawContours(context, halfUndefined, toPixel, { dpr: 1 });
    const undefinedFill = calls.findIndex(
      ([name, value]) => name === 'fillStyle' && value === UNDEFINED_STYLE.fill,
    );
    expect(undefinedFill).toBeGreaterThan(0);
    const hatch = calls.slice(undefinedFill).filter(([name]) => name === 'lineTo');
    // Diagonals 7 px apart across a 100 × 100 px region, each ending inside it.
    expect(hatch.length).toBeGreaterThan(20);
    for (const [, x] of hatch) expect(x as number).toBeLessThanOrEqual(101);
    // f = y drew no such region.
    const plain = recordingContext();
    drawContours(plain.context, bands, toPixel, { dpr: 1 });
    expect(plain.calls.some(([, value]) => value === UNDEFINED_STYLE.fill)).toBe(false);
  });
});
