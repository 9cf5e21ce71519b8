import { describe, expect, it } from 'vitest';
import { defaultScene } from '../scene/scene.ts';
import { labCsv } from './csv.ts';
import { inProcessExecutor, runExperiment } from './run.ts';
import { decodeLab, encodeLab } from './labUrl.ts';
import { sceneWithLabRun } from './load.ts';
import { checkLab, defaultLabSpec, labWork, lrGrid } from './spec.ts';

describe('lab spec', () => {
  it('lrGrid spaces learning rates evenly in log scale with exact ends', () => {
    const grid = lrGrid(1e-4, 10, 25);
    expect(grid).toHaveLength(25);
    expect(grid[0]).toBe(1e-4);
    expect(grid[24]).toBe(10);
    expect(grid[12]).toBeCloseTo(10 ** -1.5, 6);
  });

  it('checkLab keeps what is valid and replaces each broken part with a notice', () => {
    const notices: string[] = [];
    const spec = checkLab(
      {
        kind: 'heatmap',
        optimizers: ['adam', 'nope', 'adam'],
        lrMin: -1,
        steps: 2.5,
        budget: 'gradients',
      },
      notices,
    )!;
    expect(spec.kind).toBe('heatmap');
    expect(spec.optimizers).toEqual(['adam']);
    expect(spec.lrMin).toBe(defaultLabSpec().lrMin);
    expect(spec.steps).toBe(500);
    expect(spec.budget).toBe('gradients');
    expect(spec.lrs).toEqual([0.1]);
    expect(notices).toHaveLength(3);
    expect(notices[1]).toMatch(
      /lab\.lrMin must be a number from 1e-8 to 100 \(got -1\); used 0\.0001/,
    );
    expect(checkLab('sweep', notices)).toBeUndefined();
  });

  it('round-trips through its URL value', () => {
    const specs = [
      defaultLabSpec(),
      {
        ...defaultLabSpec(),
        kind: 'basins' as const,
        optimizers: ['sgd', 'adam'],
        lrs: [0.003, 0.1],
        starts: 60,
      },
      {
        ...defaultLabSpec(),
        kind: 'heatmap' as const,
        optimizers: ['momentum'],
        lrs: [0.003],
        lrMin: 0.001,
        lrMax: 0.5,
        lrCount: 9,
        axisCount: 7,
        steps: 250,
        budget: 'gradients' as const,
        tol: 0.01,
      },
    ];
    for (const spec of specs) {
      const notices: string[] = [];
      expect(checkLab(decodeLab(encodeLab(spec)), notices)).toEqual(spec);
      expect(notices).toEqual([]);
    }
    expect(encodeLab(defaultLabSpec())).toBe('sweep');
  });

  it('counts the work, leaderboard re-runs included', () => {
    expect(labWork(defaultLabSpec())).toBe(6 * 26 * 100 * 500);
  });
});

describe('labCsv', () => {
  it('writes one row per swept point with quartiles, shares and the rules', async () => {
    const spec = {
      ...defaultLabSpec(),
      optimizers: ['sgd', 'adam'],
      lrs: [0.01, 0.1],
      lrMin: 0.1,
      lrMax: 2,
      lrCount: 3,
      starts: 8,
      steps: 100,
    };
    const view = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
    const result = await runExperiment(
      { surface: { id: 'quadratic' }, view, seed: 1, noise: 0, spec },
      inProcessExecutor,
    );
    const lines = labCsv(result, spec).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'optimizer,preset,lr,axis,axis_value,median_final_loss,q1_final_loss,q3_final_loss,diverged_share,success_share,starts,steps,gradient_evaluations,best_loss,tolerance',
    );
    expect(lines).toHaveLength(1 + 2 * 3);
    const diverged = lines.find((line) => line.startsWith('SGD,sgd,2,'))!.split(',');
    expect(diverged.slice(5, 10)).toEqual(['inf', 'inf', 'inf', '1', '0']);
    expect(diverged.slice(10)).toEqual(['8', '100', '100', '0', '0.001']);
  });

  it('quotes basin labels that hold commas', async () => {
    const spec = {
      ...defaultLabSpec(),
      kind: 'basins' as const,
      optimizers: ['sgd'],
      lrs: [0.1],
      starts: 3,
      steps: 50,
    };
    const view = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
    const result = await runExperiment(
      { surface: { id: 'quadratic' }, view, seed: 1, noise: 0, spec },
      inProcessExecutor,
    );
    const lines = labCsv(result, spec).trimEnd().split('\r\n');
    expect(lines[0]).toBe('optimizer,preset,lr,steps,basin,kind,x,y,value,starts,share');
    expect(lines[1]).toBe('SGD,sgd,0.1,50,"global minimum (0, 0)",minimum,0,0,0,9,1');
  });
});

describe('sceneWithLabRun', () => {
  it('replaces the run of the same preset and keeps the others', () => {
    const scene = defaultScene();
    const next = sceneWithLabRun(scene, 'adam', { ...scene.runs[5].params, lr: 0.0316 }, null);
    expect(next.runs).toHaveLength(6);
    expect(next.runs[5]).toMatchObject({
      id: scene.runs[5].id,
      label: 'Adam lr=0.0316',
      optimizer: 'Adam',
    });
    expect(next.runs[5].params.lr).toBe(0.0316);
    const again = sceneWithLabRun(next, 'adam', { ...scene.runs[5].params, lr: 0.1 }, null);
    expect(again.runs[5].label).toBe('Adam lr=0.1');
    const added = sceneWithLabRun(scene, 'nadam', { lr: 0.2 }, null, [1, 2]);
    expect(added.runs).toHaveLength(7);
    expect(added.runs[6].id).toBe('r7');
    expect(added.starts).toEqual({ kind: 'points', points: [[1, 2]] });
  });
});
