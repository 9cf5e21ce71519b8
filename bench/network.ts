/**
 * `npm run bench:network`: the network view's work on this machine, printed as numbers (never a
 * pass/fail test). Six optimizers training a [2, 16, 16, 1] net on 400 points, full batch (per
 * step and per 300-step training), and the 41 × 41 landscape grid of that net, on one thread and
 * its larger half (about what each of the page's 2 grid Workers does), in wall and CPU time (the
 * machines here are shared: CPU time varies less with the load).
 */
import { performance } from 'node:perf_hooks';
import { calibrationMilliseconds } from './calibration.ts';
import { buildExperiment } from '../src/core/nn/experiment.ts';
import { networkScene } from '../src/core/nn/networkScene.ts';
import { answerGrid, answerTrain, prepareGrid } from '../src/core/nn/work.ts';
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

/** Wall and CPU milliseconds of `work` (this process's CPU: one thread here). */
function timed(work: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}
const show = ({ wall, cpu }: { wall: number; cpu: number }) =>
  `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)`;

const side = 41;
const trainSamples = buildExperiment(spec, scene.seed).train.size;
const units = spec.hidden.reduce((sum, width) => sum + width, 0);
console.log(
  `grid ${side}×${side}: ${side * side} points × ${trainSamples} train samples = ${(side * side * trainSamples).toLocaleString('en')} forward passes, ${((side * side * trainSamples * units) / 1e6).toFixed(1)} M ${spec.activation} calls`,
);
const grid = (rows: [number, number]) =>
  answerGrid({
    type: 'rows',
    spec,
    seed: scene.seed,
    plane: trained.plane,
    extent: trained.extent,
    side,
    rows,
  });
// What a grid Worker does while the runs train (its first code to run: cold).
console.log(
  `  preparation (experiment, warm-up): ${show(timed(() => prepareGrid({ type: 'prepare', spec, seed: scene.seed })))}`,
);
for (let repeat = 0; repeat < 3; repeat++) {
  const whole = timed(() => grid([0, side]));
  const half = timed(() => grid([0, 21]));
  console.log(
    `  on one thread: ${show(whole)}; the larger half (21 rows, one of 2 workers): ${show(half)}`,
  );
}
