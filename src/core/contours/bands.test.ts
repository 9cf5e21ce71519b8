import { describe, expect, it } from 'vitest';
import { computeContourBands, type ContourBands } from './bands.ts';
import { insideLevel, ringsOf } from './contourTesting.ts';
import {
  RASTRIGIN_VIEW,
  ROSENBROCK_VIEW,
  SQUARE,
  bowl,
  rastrigin,
  rosenbrock,
  sampleCellCentres,
} from './testGrids.ts';

function onBorder([x, y]: [number, number], { extent }: ContourBands): boolean {
  return x === extent.xMin || x === extent.xMax || y === extent.yMin || y === extent.yMax;
}

describe('computeContourBands', () => {
  it('gives one ring set per level and one more fill colour than levels', () => {
    const bands = computeContourBands(sampleCellCentres(rastrigin, RASTRIGIN_VIEW, 80, 80), {
      levels: 12,
      scale: 'linear',
    });
    expect(bands.levels).toHaveLength(12);
    // One group per level, then the (here empty) region where f is undefined.
    expect(bands.levelRingStarts).toHaveLength(14);
    expect(ringsOf(bands, 12)).toHaveLength(0);
    expect(bands.fillColours).toHaveLength(13);
    expect(bands.lineColours).toHaveLength(12);
    expect(bands.ringStarts[bands.ringStarts.length - 1] * 2).toBe(bands.points.length);
    for (let level = 0; level < 12; level++) {
      expect(ringsOf(bands, level).length).toBeGreaterThan(0);
    }
  });

  it('resolves auto to log on Rosenbrock and keeps every ring inside the extent', () => {
    const bands = computeContourBands(sampleCellCentres(rosenbrock, ROSENBROCK_VIEW, 100, 100), {
      levels: 20,
      scale: 'auto',
    });
    expect(bands.scale).toBe('log');
    const { xMin, xMax, yMin, yMax } = ROSENBROCK_VIEW;
    const outside: number[][] = [];
    for (let p = 0; p < bands.points.length; p += 2) {
      const [x, y] = bands.points.subarray(p, p + 2);
      if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) outside.push([x, y]);
    }
    expect(outside).toEqual([]);
  });

  it('maps the contour of x² + y² at level r² onto a circle of radius r', () => {
    const cells = 120;
    const bands = computeContourBands(sampleCellCentres(bowl, SQUARE, cells, cells), {
      levels: 10,
      scale: 'linear',
    });
    const cellSize = 4 / cells;
    let checked = 0;
    bands.levels.forEach((level, k) => {
      if (level > 3.5) return; // larger circles are cut by the square's edge
      // f ≥ r² is the square minus a disc: the disc's edge is the ring that avoids the border.
      const circles = ringsOf(bands, k).filter((ring) => !ring.some((p) => onBorder(p, bands)));
      expect(circles).toHaveLength(1);
      const radii = circles[0].map(([x, y]) => Math.hypot(x, y));
      expect(Math.max(...radii.map((r) => Math.abs(r - Math.sqrt(level))))).toBeLessThan(
        cellSize / 4,
      );
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('puts world y up: the region f = y ≥ level is the top of an off-centre extent', () => {
    const extent = { xMin: 10, xMax: 14, yMin: -3, yMax: -1 };
    const bands = computeContourBands(
      sampleCellCentres((_x, y) => y, extent, 40, 20),
      {
        levels: 3,
        scale: 'linear',
      },
    );
    bands.levels.forEach((level, k) => {
      // Every segment that is not a piece of the border lies on the line y = level, right up to
      // the left and right edges.
      const lineEnds = ringsOf(bands, k).flatMap((ring) =>
        ring
          .map((point, i) => [point, ring[(i + 1) % ring.length]])
          .filter(([a, b]) => !(onBorder(a, bands) && onBorder(b, bands)))
          .flat(),
      );
      expect(lineEnds.some(([x]) => x === extent.xMin)).toBe(true);
      expect(lineEnds.some(([x]) => x === extent.xMax)).toBe(true);
      for (const [, y] of lineEnds) expect(y).toBeCloseTo(level, 9);
      expect(insideLevel(bands, k, [12, level + 0.05])).toBe(true);
      expect(insideLevel(bands, k, [12, level - 0.05])).toBe(false);
    });
  });

  it('counts NaN and ±∞ cells as above every level without breaking the rings', () => {
    const extent = SQUARE;
    // A hole of NaN (and ±∞ at its edge) off to one side of the bowl.
    const f = (x: number, y: number) => {
      const d = Math.hypot(x - 1, y - 1);
      if (d < 0.3) return NaN;
      if (d < 0.4) return x < 1 ? Infinity : -Infinity;
      return bowl(x, y);
    };
    const bands = computeContourBands(sampleCellCentres(f, extent, 60, 60), {
      levels: 8,
      scale: 'linear',
    });
    expect(bands.min).toBeGreaterThanOrEqual(0);
    expect(bands.max).toBeLessThanOrEqual(8);
    expect(bands.points.every(Number.isFinite)).toBe(true);
    bands.levels.forEach((_level, k) => expect(insideLevel(bands, k, [1, 1])).toBe(true));
    // Outside the hole, bands follow the bowl: the centre is below the first level.
    expect(insideLevel(bands, 0, [0, 0])).toBe(false);
    // The hole is also outlined as undefined, so it is drawn as such and not as the top band.
    const undefinedGroup = bands.levels.length;
    expect(insideLevel(bands, undefinedGroup, [1, 1])).toBe(true);
    expect(insideLevel(bands, undefinedGroup, [1.5, 1])).toBe(false);
    expect(insideLevel(bands, undefinedGroup, [0, 0])).toBe(false);
  });

  it('gives no levels and a single fill colour when no cell is finite', () => {
    const bands = computeContourBands(
      { values: new Float64Array(16).fill(NaN), nx: 4, ny: 4, extent: SQUARE },
      { levels: 20, scale: 'auto' },
    );
    expect(bands.levels).toHaveLength(0);
    expect(bands.fillColours).toHaveLength(1);
    // Everything is undefined: one ring around the whole grid.
    expect(ringsOf(bands, 0)).toHaveLength(1);
    expect(insideLevel(bands, 0, [0, 0])).toBe(true);
  });

  it('rejects a grid whose size does not match its values', () => {
    expect(() =>
      computeContourBands(
        { values: new Float64Array(10), nx: 4, ny: 4, extent: SQUARE },
        { levels: 20, scale: 'auto' },
      ),
    ).toThrow(/expected 4 × 4/);
  });
});
