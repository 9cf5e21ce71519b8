/**
 * Contour costs: sampling the grid and computing filled bands (thresholds, d3-contour, world
 * mapping) on the calling thread, as the worker does. Run with `npx tsx bench/contours.ts`.
 * Prints warm medians; numbers, never pass/fail. The first call in a fresh process (a new worker)
 * is 2–3× slower while V8 compiles d3-contour.
 */
import { sampleGrid } from '../src/core/grid.ts';
import { getSurface } from '../src/core/surfaces/index.ts';
import { computeContourBands } from '../src/core/contours/bands.ts';
import { PREVIEW_CELLS } from '../src/core/contours/request.ts';

const SURFACE_IDS = ['rosenbrock', 'rastrigin'];
const GRID_SIZES = [PREVIEW_CELLS, 100, 200, 400];
const LEVEL_COUNTS = [20, 40];

/** Median of 9 runs after 5 warm-up runs: d3-contour needs a few calls before V8 has optimised it. */
function medianMs(run: () => void): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[4];
}

console.log('surface     grid     levels  scale   sample ms  bands ms  total ms  rings  points');
for (const id of SURFACE_IDS) {
  const surface = getSurface(id);
  if (!surface) throw new Error(`no surface ${id}`);
  for (const cells of GRID_SIZES) {
    let values = new Float64Array(0);
    const sampleMs = medianMs(() => {
      values = sampleGrid(surface, surface.view, cells, cells);
    });
    for (const levels of LEVEL_COUNTS) {
      const grid = { values, nx: cells, ny: cells, extent: surface.view };
      let bands = computeContourBands(grid, { levels, scale: 'auto' });
      const bandsMs = medianMs(() => {
        bands = computeContourBands(grid, { levels, scale: 'auto' });
      });
      console.log(
        [
          id.padEnd(11),
          `${cells}×${cells}`.padEnd(8),
          String(levels).padStart(6),
          ` ${bands.scale.padEnd(6)}`,
          sampleMs.toFixed(1).padStart(10),
          bandsMs.toFixed(1).padStart(9),
          (sampleMs + bandsMs).toFixed(1).padStart(9),
          String(bands.ringStarts.length - 1).padStart(6),
          String(bands.points.length / 2).padStart(7),
        ].join(' '),
      );
    }
  }
}
