import { describe, expect, it } from 'vitest';
import { getSurface } from '../../core/surfaces/index.ts';
import type { ContourContext } from './draw.ts';
import { drawSurfaceThumbnail, type ThumbnailCanvas } from './thumbnail.ts';

/** A canvas whose context counts calls and keeps the points of every path. */
function recordingCanvas() {
  const counts = new Map<string, number>();
  const points: [number, number][] = [];
  const context = new Proxy({} as ContourContext, {
    get: (_target, name) => (x: number, y: number) => {
      counts.set(String(name), (counts.get(String(name)) ?? 0) + 1);
      if (name === 'moveTo' || name === 'lineTo') points.push([x, y]);
    },
    set: () => true,
  });
  const canvas: ThumbnailCanvas = { width: 0, height: 0, getContext: () => context };
  return { canvas, counts, points };
}

describe('drawSurfaceThumbnail', () => {
  it('keeps equal scale on a wide extent: the bowl x² + y² stays round', () => {
    const { canvas, points } = recordingCanvas();
    const quadratic = getSurface('quadratic')!;
    const wide = { xMin: -4, xMax: 4, yMin: -1, yMax: 1 };
    drawSurfaceThumbnail(canvas, quadratic, wide, { size: 64, levels: 4, scale: 'linear' });
    // Points clear of the thumbnail's edges belong to whole, concentric circles.
    const inner = points.filter(([x, y]) => Math.min(x, y, 64 - x, 64 - y) > 1);
    const xs = inner.map(([x]) => x);
    const ys = inner.map(([, y]) => y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width).toBeGreaterThan(10);
    expect(Math.abs(width - height)).toBeLessThan(1);
  });
});
