/**
 * `npm run bench:network`: the network view's work on this machine, printed as numbers (never a
 * pass/fail test). Six optimizers training a [2, 16, 16, 1] net on 400 points, full batch (per
 * step and per 300-step training), and the 41 × 41 landscape grid of that net, on one thread and
 * split in two halves (what each of the page's 2 grid Workers does).
 */
import { performance } from 'node:perf_hooks';
import { calibrationMilliseconds } from './calibration.ts';
import { networkScene } from '../src/core/nn/networkScene.ts';
import { answerGrid, answerTrain } from '../src/core/nn/work.ts';
import { defaultScene } from '../src/core/scene/scene.ts';

console.log(
  `calibration: ${calibrationMilliseconds()} ms (a fixed scalar loop; larger = slower machine now)`,
);
const scene = networkScene(defaultScene());
const spec = scene.network!;
const runs = scene.runs.map(({ optimizer, params }) => ({ optimizer, params }));

const t0 = performance.now();
const trained = answerTrain({ spec, seed: scene.seed, runs }, () => {});
const trainMs = performance.now() - t0;
if (trained.type !== 'done') throw new Error('training failed');
const stepsPerRun = spec.steps;
console.log(
  `train: ${runs.length} optimizers × ${stepsPerRun} steps on [2, ${spec.hidden.join(', ')}, 1], ${spec.samples} points (${Math.round(spec.samples * (1 - spec.testFraction))} train): ${trainMs.toFixed(0)} ms, ${((trainMs / (runs.length * stepsPerRun)) * 1000).toFixed(0)} µs per optimizer-step (incl. test loss and accuracy each step)`,
);
console.log(
  `  → steps/s for all ${runs.length} runs together: ${((runs.length * stepsPerRun) / (trainMs / 1000) / runs.length).toFixed(0)}`,
);

const side = 41;
const grid = (rows: [number, number]) =>
  answerGrid(
    { spec, seed: scene.seed, plane: trained.plane, extent: trained.extent, side, rows },
    () => {},
  );
for (let repeat = 0; repeat < 2; repeat++) {
  const t1 = performance.now();
  grid([0, side]);
  const whole = performance.now() - t1;
  const t2 = performance.now();
  grid([0, 21]);
  const half = performance.now() - t2;
  console.log(
    `grid ${side}×${side}: ${whole.toFixed(0)} ms on one thread; the larger half (21 rows, one of 2 workers): ${half.toFixed(0)} ms`,
  );
}
