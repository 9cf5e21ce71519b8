import { describe, expect, it } from 'vitest';
import { computeContourBands } from '../../core/contours/bands.ts';
import { drawContours, type ContourContext } from './draw.ts';
import { sampleCellCentres } from '../../core/contours/testGrids.ts';

type Call = [name: string, ...args: unknown[]];

/** Records every call and style assignment, in order. */
function recordingContext(): { context: ContourContext; calls: Call[] } {
  const calls: Call[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const style = (name: string) => ({
    set: (value: unknown) => calls.push([name, value]),
    get: () => undefined,
  });
  const context = Object.defineProperties(
    {
      save: record('save'),
      restore: record('restore'),
      setTransform: record('setTransform'),
      beginPath: record('beginPath'),
      moveTo: record('moveTo'),
      lineTo: record('lineTo'),
      closePath: record('closePath'),
      fill: record('fill'),
      stroke: record('stroke'),
      fillRect: record('fillRect'),
    },
    {
      fillStyle: style('fillStyle'),
      strokeStyle: style('strokeStyle'),
      lineWidth: style('lineWidth'),
      lineJoin: style('lineJoin'),
    },
  ) as unknown as ContourContext;
  return { context, calls };
}

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
});
