import { describe, expect, it } from 'vitest';
import { computeTrajectory } from '../trajectory.ts';
import { defaultScene, resolveStarts, runFromPreset, type Scene } from '../scene/scene.ts';
import { resolveRun, resolveSurface } from '../scene/resolve.ts';
import { Simulation } from '../sim/simulation.ts';
import {
  CSV_COLUMNS,
  exportTooBig,
  MAX_EXPORT_ROWS,
  trajectoriesToCsv,
  trajectoriesToJson,
  type TrajectoryExportInput,
} from './trajectories.ts';

function exportOf(scene: Scene, lastStep: number): TrajectoryExportInput {
  const resolution = resolveSurface(scene.surface);
  const surface = resolution.surface;
  const simulation = new Simulation({
    surface: surface.functions,
    runs: scene.runs.map(resolveRun),
    starts: resolveStarts(scene.starts, surface.view, scene.seed),
    noise: { sigma: scene.noise, seed: scene.seed },
    steps: scene.steps,
  });
  simulation.advanceTo(lastStep);
  return {
    scene,
    surface: { name: surface.name, formula: surface.formula, functions: surface.functions },
    runs: simulation.runs,
    lastStep,
  };
}

/** A strict little RFC 4180 reader: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      const end = text.indexOf('"', i + 1);
      let j = i + 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) throw new Error('unterminated quote');
        value += text.slice(j, close);
        if (text[close + 1] === '"') {
          value += '"';
          j = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      expect(end).toBeGreaterThan(0);
      field = value;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const scene: Scene = {
  ...defaultScene(),
  surface: { id: 'rosenbrock' },
  runs: [
    { ...runFromPreset('adam', 'r1'), label: 'Adam, "fast"' },
    { ...runFromPreset('sgd', 'r2'), params: { ...runFromPreset('sgd', 'r2').params, lr: 5e-4 } },
  ],
  starts: { kind: 'points', points: [[-1.5, 2]] },
  steps: 100,
};

describe('trajectoriesToCsv', () => {
  it('parses as CSV and holds the numbers the CLI computes, with exact gradients', () => {
    const rows = parseCsv(trajectoriesToCsv(exportOf(scene, 40)));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const adam = rows.filter((row) => row[1] === 'Adam, "fast"');
    expect(adam).toHaveLength(41);
    const cli = computeTrajectory({
      surface: 'rosenbrock',
      optimizer: 'Adam',
      params: scene.runs[0].params,
      start: [-1.5, 2],
      steps: 40,
    });
    if (!cli.ok) throw new Error(cli.error);
    adam.forEach((row, k) => {
      expect(Number(row[0])).toBe(k);
      expect(row[2]).toBe('0');
      const [x, y] = cli.output.trajectory[k];
      expect([Number(row[3]), Number(row[4])]).toEqual([x, y]);
      expect(Number(row[5])).toBe(cli.output.loss[k]);
      // Rosenbrock's gradient by hand.
      expect(Number(row[6])).toBeCloseTo(-2 * (1 - x) - 400 * x * (y - x * x), 9);
      expect(Number(row[7])).toBeCloseTo(200 * (y - x * x), 9);
      expect(Number(row[8])).toBeCloseTo(Math.hypot(Number(row[6]), Number(row[7])), 12);
    });
  });

  it('stops a diverged particle before the step it diverged at, like the CLI', () => {
    const sgd = scene.runs[1];
    const wild: Scene = { ...scene, runs: [{ ...sgd, params: { ...sgd.params, lr: 0.05 } }] };
    const input = exportOf(wild, 100);
    const divergedAt = input.runs[0].divergedAt[0];
    expect(divergedAt).toBeGreaterThan(0);
    const rows = parseCsv(trajectoriesToCsv(input)).slice(1);
    expect(rows).toHaveLength(divergedAt);
    expect(rows.every((row) => row.slice(3).every((v) => Number.isFinite(Number(v))))).toBe(true);
    expect(trajectoriesToJson(input).runs[0].particles[0].diverged_at).toBe(divergedAt);
  });

  it('refuses exports beyond MAX_EXPORT_ROWS with a reason', () => {
    const big: Scene = { ...scene, starts: { kind: 'grid', count: 30 }, steps: 400 };
    const lastStep = Math.ceil(MAX_EXPORT_ROWS / 1800);
    expect(exportTooBig(exportOf(big, 10))).toBeNull();
    expect(exportTooBig(exportOf(big, lastStep))).toMatch(/rows is more than the 250,000/);
  });
});

describe('trajectoriesToJson', () => {
  it('follows the documented schema and matches the CSV', () => {
    const input = exportOf(scene, 10);
    const json = JSON.parse(JSON.stringify(trajectoriesToJson(input)));
    expect(Object.keys(json).sort()).toEqual(
      ['format', 'last_step', 'runs', 'scene', 'surface', 'version'].sort(),
    );
    expect(json.format).toBe('descent-lab-trajectories');
    expect(json.version).toBe(1);
    expect(json.surface).toEqual({ name: 'Rosenbrock', formula: '(1 - x)^2 + 100*(y - x^2)^2' });
    expect(json.scene).toEqual(scene);
    expect(json.runs.map((run: { label: string }) => run.label)).toEqual(['Adam, "fast"', 'SGD']);
    for (const run of json.runs) {
      expect(Object.keys(run).sort()).toEqual(['id', 'label', 'optimizer', 'params', 'particles']);
      for (const particle of run.particles) {
        expect(Object.keys(particle).sort()).toEqual(
          ['diverged_at', 'grad', 'loss', 'start', 'trajectory'].sort(),
        );
        expect(particle.trajectory).toHaveLength(11);
        expect(particle.loss).toHaveLength(11);
        expect(particle.grad).toHaveLength(11);
        expect(particle.start).toEqual(particle.trajectory[0]);
      }
    }
    const csv = parseCsv(trajectoriesToCsv(input));
    const last = csv.filter((row) => row[0] === '10' && row[1] === 'SGD')[0];
    const sgd = json.runs[1].particles[0];
    expect(Number(last[3])).toBe(sgd.trajectory[10][0]);
    expect(Number(last[6])).toBe(sgd.grad[10][0]);
  });
});
