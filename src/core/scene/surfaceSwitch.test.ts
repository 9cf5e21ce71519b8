import { describe, expect, it } from 'vitest';
import { defaultScene } from './scene.ts';
import { presetLrOn, runsForSurface } from './surfaceSwitch.ts';

const beale = { id: 'beale' };
const rosenbrock = { id: 'rosenbrock' };

describe('runsForSurface', () => {
  it("gives runs still at their preset's rate the new surface's rate, and back", () => {
    const runs = defaultScene().runs;
    const moved = runsForSurface(runs, beale, rosenbrock);
    const sgd = moved.find((run) => run.label === 'SGD')!;
    expect(sgd.params.lr).toBe(presetLrOn(rosenbrock, 'sgd'));
    expect(sgd.params.lr).not.toBe(0.01);
    expect(runsForSurface(moved, rosenbrock, beale)).toEqual(runs);
  });

  it("keeps a rate the user chose, and a typed formula gets the presets' own rates", () => {
    const runs = defaultScene().runs.map((run) =>
      run.label === 'SGD' ? { ...run, params: { ...run.params, lr: 0.0123 } } : run,
    );
    const moved = runsForSurface(runs, beale, rosenbrock);
    expect(moved.find((run) => run.label === 'SGD')!.params.lr).toBe(0.0123);
    expect(presetLrOn({ expression: 'x^2+y^2' }, 'adam')).toBe(0.1);
  });
});
