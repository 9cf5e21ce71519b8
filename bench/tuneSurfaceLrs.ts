/**
 * `npm run tune:lrs`: writes src/core/optimizers/surfaceLrs.ts, the learning rate each preset gets on
 * each built-in surface. The presets' own rates were tuned for Beale; on Rosenbrock or a bowl some
 * diverge at once or never leave the start. For every surface and preset this runs the scene's
 * default race (the surface's start, 1000 steps) over rates from 1/1000 to 100 times the preset's
 * and keeps the preset's own rate when it stays finite and in view and gets 99% of the best
 * progress; otherwise the rate with the lowest final loss among those that stay finite and in view.
 * Surfaces without a minimum (saddles, unbounded below) keep the presets' rates: leaving the view
 * is what they show.
 */
import { writeFileSync } from 'node:fs';
import { PRESETS, resolvePreset } from '../src/core/optimizers/presets.ts';
import { Simulation } from '../src/core/sim/simulation.ts';
import { SURFACES } from '../src/core/surfaces/index.ts';
import type { Surface } from '../src/core/surfaces/types.ts';

const STEPS = 1000;
/** Rates tried, as multiples of the preset's: 10^(k/2) for k = −6 … 4. */
const MULTIPLES = Array.from({ length: 11 }, (_, i) => 10 ** ((i - 6) / 2));
/** Presets whose rate is about communication or noise, not the surface: left alone. */
const SKIPPED = new Set([
  'distributed',
  'distributed-threshold',
  'distributed-top1',
  'perturbed-gd',
]);

/** Final loss of one preset at `lr`, or null when it leaves the view or stops being finite. */
function finalLoss(surface: Surface, presetId: string, lr: number): number | null {
  const preset = PRESETS.find((p) => p.id === presetId)!;
  const { definition, params } = resolvePreset(preset);
  const simulation = new Simulation({
    surface,
    runs: [{ optimizer: definition, params: { ...params, lr } }],
    starts: Float64Array.from(surface.defaultStart),
    noise: { sigma: 0, seed: 1 },
    steps: STEPS,
  });
  simulation.advanceTo(STEPS);
  const run = simulation.runs[0];
  if (run.divergedAt[0] >= 0) return null;
  const { xMin, xMax, yMin, yMax } = surface.view;
  for (let k = 0; k <= run.steps; k++) {
    const x = run.positions.get(k, 0);
    const y = run.positions.get(k, 1);
    if (!(x >= xMin && x <= xMax && y >= yMin && y <= yMax)) return null;
  }
  return run.losses.get(run.steps, 0);
}

function round(lr: number): number {
  return Number(lr.toPrecision(2));
}

const table: Record<string, Record<string, number>> = {};
for (const surface of SURFACES) {
  if (surface.minima.length === 0) continue;
  const start = surface.value(...surface.defaultStart);
  const rates: Record<string, number> = {};
  for (const preset of PRESETS) {
    if (SKIPPED.has(preset.id)) continue;
    const own = Number(preset.params.lr);
    const tried = MULTIPLES.map((m) => {
      const lr = round(own * m);
      return { lr, loss: finalLoss(surface, preset.id, lr) };
    }).filter((t): t is { lr: number; loss: number } => t.loss !== null);
    if (tried.length === 0) continue;
    const best = tried.reduce((a, b) => (b.loss < a.loss ? b : a));
    const ownLoss = tried.find((t) => t.lr === own)?.loss;
    const goodEnough = ownLoss !== undefined && start - ownLoss >= 0.99 * (start - best.loss);
    if (!goodEnough) rates[preset.id] = best.lr;
  }
  if (Object.keys(rates).length > 0) table[surface.id] = rates;
}

const body = Object.entries(table)
  .map(
    ([surface, rates]) =>
      `  ${JSON.stringify(surface)}: {\n${Object.entries(rates)
        .map(([preset, lr]) => `    ${JSON.stringify(preset)}: ${lr},`)
        .join('\n')}\n  },`,
  )
  .join('\n');
writeFileSync(
  'src/core/optimizers/surfaceLrs.ts',
  `/**
 * Per built-in surface, the learning rate of each preset whose own rate (tuned for Beale) diverges,
 * leaves the view or barely moves there. Written by \`npm run tune:lrs\` (bench/tuneSurfaceLrs.ts):
 * do not edit by hand.
 */
export const SURFACE_LRS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
${body}
};
`,
);
console.log(`${Object.keys(table).length} surfaces with their own rates`);
