/**
 * `npm run bench`: throughput of the numerical core on this machine, printed as numbers (never a
 * pass/fail test). Adam on Rosenbrock through the real simulation code at 1, 1,000 and 100,000
 * particles, every optimizer at 1,000 particles on Beale (the default surface), and the time to
 * sample a 400×400 grid of Rosenbrock, built in and typed.
 */
import { performance } from 'node:perf_hooks';
import { compileExpression } from '../src/core/expr/index.ts';
import { sampleGrid } from '../src/core/grid.ts';
import { resolveParams } from '../src/core/optimizers/params.ts';
import { findOptimizer, OPTIMIZERS } from '../src/core/optimizers/registry.ts';
import type { OptimizerDefinition } from '../src/core/optimizers/types.ts';
import type { SurfaceFunctions } from '../src/core/surfaces/index.ts';
import { createRng } from '../src/core/random.ts';
import { Run } from '../src/core/sim/run.ts';
import { getSurface } from '../src/core/surfaces/index.ts';
import { calibrationMilliseconds } from './calibration.ts';

const rosenbrock = getSurface('rosenbrock')!;
const adam = findOptimizer('Adam')!;
const resolved = resolveParams(adam, { lr: 0.01 });
if (!resolved.ok) throw new Error(resolved.errors.join('; '));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Particle-steps per second of one optimizer on one surface, median of `repeats` timed runs. */
function stepsPerSecond(
  particles: number,
  steps: number,
  repeats = 5,
  surface: SurfaceFunctions = rosenbrock,
  optimizer: OptimizerDefinition = adam,
  params = resolved.ok ? resolved.params : {},
): number {
  const rng = createRng(1);
  const starts = new Float64Array(2 * particles);
  for (let i = 0; i < starts.length; i++) starts[i] = -2 + 4 * rng.next();
  const rates: number[] = [];
  for (let r = 0; r < repeats + 1; r++) {
    const run = new Run({ surface, optimizer, params, starts, noise: { sigma: 0, seed: 0 } });
    const t0 = performance.now();
    run.advanceTo(steps);
    const seconds = (performance.now() - t0) / 1000;
    if (r > 0) rates.push((particles * steps) / seconds); // the first run warms the JIT up
  }
  return median(rates);
}

function gridMilliseconds(label: string, sample: () => void, repeats = 15): string {
  const times: number[] = [];
  for (let r = 0; r < repeats + 2; r++) {
    const t0 = performance.now();
    sample();
    if (r >= 2) times.push(performance.now() - t0);
  }
  return `${label}: median ${median(times).toFixed(2)} ms, best ${Math.min(...times).toFixed(2)} ms`;
}

const extent = rosenbrock.view;
const typed = compileExpression(rosenbrock.formula);
if (!typed.ok) throw new Error(typed.error.message);
const out = new Float64Array(400 * 400);

const results = {
  calibrationMs: calibrationMilliseconds(),
  adamRosenbrockParticleStepsPerSecond: {
    particles100000: Math.round(stepsPerSecond(100_000, 40)),
    particles1000: Math.round(stepsPerSecond(1000, 2000)),
    particles1: Math.round(stepsPerSecond(1, 200_000)),
  },
};
console.log(JSON.stringify(results, null, 2));
console.log(
  `calibration: 2e8 scalar adds took ${results.calibrationMs} ms (lower is a faster machine)`,
);
for (const [name, rate] of Object.entries(results.adamRosenbrockParticleStepsPerSecond)) {
  console.log(
    `Adam on Rosenbrock, ${name.replace('particles', '')} particles: ${(rate / 1e6).toFixed(1)} M particle-steps/s (${(1e9 / rate).toFixed(1)} ns each)`,
  );
}
const beale = getSurface('beale')!;
// DistributedSGD needs a dataset surface (its workers sample minibatches); Beale has none.
for (const optimizer of OPTIMIZERS.filter((o) => o.name !== 'DistributedSGD')) {
  const defaults = resolveParams(optimizer, { lr: 1e-3 });
  if (!defaults.ok) continue;
  // L-BFGS evaluates up to 25 times per step: fewer steps keep its line as quick as the others.
  const rate = stepsPerSecond(
    1000,
    optimizer.needsClosure ? 20 : 300,
    3,
    beale,
    optimizer,
    defaults.params,
  );
  console.log(
    `${optimizer.name} on Beale, 1000 particles: ${(1e9 / rate).toFixed(1)} ns per particle-step`,
  );
}
console.log(
  gridMilliseconds('400×400 grid, built-in Rosenbrock', () =>
    sampleGrid(rosenbrock, extent, 400, 400, out),
  ),
);
console.log(
  gridMilliseconds('400×400 grid, typed Rosenbrock', () =>
    sampleGrid(typed.functions, extent, 400, 400, out),
  ),
);
