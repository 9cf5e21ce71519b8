import { describe, expect, it } from 'vitest';
import { computeContourBands } from './bands.ts';
import { cellBands, DEFAULT_BAND_FILL_COLOURS } from './cellBands.ts';
import { bandFillColours } from './colours.ts';
import { insideLevel } from './contourTesting.ts';
import { DEFAULT_LEVEL_COUNT } from './request.ts';
import { cellCentres } from '../grid.ts';
import { contourLevels } from './thresholds.ts';
import { ROSENBROCK_VIEW, rosenbrock, sampleCellCentres } from './testGrids.ts';

describe('cellBands', () => {
  it('colours every cell as the filled rings of the same grid do at its centre', () => {
    const nx = 40;
    const ny = 30;
    const grid = sampleCellCentres(rosenbrock, ROSENBROCK_VIEW, nx, ny);
    const rings = computeContourBands(grid, { levels: DEFAULT_LEVEL_COUNT, scale: 'auto' });
    const { levels } = contourLevels(grid.values, DEFAULT_LEVEL_COUNT, 'auto');
    expect(levels).toEqual(rings.levels);
    const bands = cellBands(grid.values, levels);
    const xs = cellCentres(ROSENBROCK_VIEW.xMin, ROSENBROCK_VIEW.xMax, nx);
    const ys = cellCentres(ROSENBROCK_VIEW.yMin, ROSENBROCK_VIEW.yMax, ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        let band = 0;
        while (band < levels.length && insideLevel(rings, band, [xs[i], ys[j]])) band++;
        expect(bands[j * nx + i]).toBe(band);
      }
    }
  });

  it('puts non-finite cells in a band of their own above the highest', () => {
    const bands = cellBands([0, 1, 2, NaN, Infinity, 5], new Float64Array([1, 2]));
    expect([...bands]).toEqual([0, 1, 2, 3, 3, 2]);
  });

  it("DEFAULT_BAND_FILL_COLOURS are viridis's colours for the default level count", () => {
    expect(DEFAULT_BAND_FILL_COLOURS).toEqual(bandFillColours(DEFAULT_LEVEL_COUNT));
  });
});
