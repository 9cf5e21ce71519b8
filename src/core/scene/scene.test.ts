import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../optimizers/presets.ts';
import {
  defaultScene,
  partsToValidate,
  resolveStarts,
  runFromPreset,
  validateScene,
  type Scene,
} from './scene.ts';
import { formulas } from './formulas.ts';
import { labSpecs } from '../lab/onDemand.ts';
import { prepareSurface, resolveRun, resolveSurface, surfaceReady } from './resolve.ts';

describe('defaultScene', () => {
  it('is the article race: six optimizers from one start, valid as it stands', () => {
    const scene = defaultScene();
    expect(scene.runs.map((run) => run.label)).toEqual([
      'SGD',
      'Momentum',
      'Nesterov',
      'Adagrad',
      'RMSProp',
      'Adam',
    ]);
    expect(validateScene(scene)).toEqual({ scene, notices: [] });
    expect(resolveSurface(scene.surface).ok).toBe(true);
    for (const run of scene.runs) expect(() => resolveRun(run)).not.toThrow();
  });
});

describe('validateScene', () => {
  it('keeps a run’s schedule with torch’s defaults filled in, and drops a bad one with a notice', () => {
    const good = { name: 'CosineAnnealingLR', params: { T_max: 100 } };
    const bad = { name: 'CyclicLR', params: { base_lr: 0.01, max_lr: 0.1 } };
    const { scene, notices } = validateScene({
      ...defaultScene(),
      version: 2,
      runs: [
        { optimizer: 'SGD', schedule: good },
        { optimizer: 'Adam', schedule: bad },
      ],
    });
    expect(scene.runs[0].schedule).toEqual({
      name: 'CosineAnnealingLR',
      params: { T_max: 100, eta_min: 0 },
    });
    expect(scene.runs[1].schedule).toBeUndefined();
    expect(notices).toEqual([
      'runs[1].schedule.params.cycle_momentum: optimizer must support momentum with `cycle_momentum` option enabled; ran without a schedule',
    ]);
    expect(resolveRun(scene.runs[0]).schedule).toEqual(scene.runs[0].schedule);
  });

  it('keeps every valid part and replaces only the broken one, saying why', () => {
    const input = {
      ...defaultScene(),
      speed: -5,
      runs: [{ optimizer: 'Adam', params: { lr: -1, betas: [0.5, 0.9] } }],
    };
    const { scene, notices } = validateScene(input);
    expect(scene.speed).toBe(defaultScene().speed);
    expect(scene.runs).toHaveLength(1);
    expect(scene.runs[0].params.betas).toEqual([0.5, 0.9]);
    expect(scene.runs[0].params.lr).toBe(0.001);
    expect(notices).toEqual([
      'runs[0].params.lr: expected a number ≥ 0 (got -1); used 0.001',
      'speed must be a number from 1 to 1000 (got -5); used 60',
    ]);
  });

  it('leaves out runs with unknown optimizers and falls back when none is left', () => {
    const { scene, notices } = validateScene({ runs: [{ optimizer: 'Adamm' }] });
    expect(scene.runs).toEqual(defaultScene().runs);
    expect(notices[0]).toMatch(/runs\[0\]\.optimizer: unknown optimizer "Adamm"/);
  });

  it('checks the cross-parameter rules torch enforces (Nesterov needs momentum)', () => {
    const { scene, notices } = validateScene({
      runs: [{ optimizer: 'SGD', params: { nesterov: true } }],
    });
    expect(scene.runs[0].params.nesterov).toBe(false);
    expect(notices.join()).toMatch(/nesterov/);
  });

  it('turns anything at all into a valid scene without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const { scene } = validateScene(input);
        expect(validateScene(scene).notices).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a valid scene unchanged', () => {
    // JSON has no −0, so coordinates are drawn without it.
    const coordinate = fc.double({ min: -50, max: 50, noNaN: true }).map((v) => v + 0);
    const arbitraryScene: fc.Arbitrary<Scene> = fc
      .record({
        presets: fc.array(fc.constantFrom(...PRESETS.map((p) => p.id)), {
          minLength: 1,
          maxLength: 8,
        }),
        start: fc.tuple(coordinate, coordinate),
        seed: fc.nat({ max: 2 ** 31 - 1 }),
        noise: fc.double({ min: 0, max: 10, noNaN: true }).map((v) => v + 0),
        steps: fc.integer({ min: 1, max: 100_000 }),
        layout: fc.constantFrom('overlay' as const, 'side-by-side' as const),
      })
      .map(({ presets, start, seed, noise, steps, layout }) => ({
        ...defaultScene(),
        runs: presets.map((preset, i) => runFromPreset(preset, `r${i + 1}`)),
        starts: { kind: 'points' as const, points: [start] },
        seed,
        noise,
        steps,
        layout,
      }));
    fc.assert(
      fc.property(arbitraryScene, (scene) => {
        expect(validateScene(JSON.parse(JSON.stringify(scene)))).toEqual({ scene, notices: [] });
      }),
    );
  });
});

describe('resolveStarts', () => {
  const view = { xMin: -2, xMax: 2, yMin: -1, yMax: 1 };

  it('lays a grid over the view at cell centres', () => {
    expect(Array.from(resolveStarts({ kind: 'grid', count: 2 }, view, 0))).toEqual([
      -1, -0.5, 1, -0.5, -1, 0.5, 1, 0.5,
    ]);
  });

  it('draws random starts inside the view, the same for the same seed', () => {
    const a = resolveStarts({ kind: 'random', count: 500 }, view, 4);
    expect(a).toEqual(resolveStarts({ kind: 'random', count: 500 }, view, 4));
    expect(a).not.toEqual(resolveStarts({ kind: 'random', count: 500 }, view, 5));
    for (let i = 0; i < a.length; i += 2) {
      expect(a[i]).toBeGreaterThanOrEqual(-2);
      expect(a[i]).toBeLessThan(2);
      expect(a[i + 1]).toBeGreaterThanOrEqual(-1);
      expect(a[i + 1]).toBeLessThan(1);
    }
  });
});

describe('typed formulas', () => {
  // The first test in this file to touch the expression language, which nothing has loaded yet.
  it('are checked and resolved once the expression language has loaded', async () => {
    const input = { surface: { expression: 'x^2 + 2*y^2' } };
    expect(partsToValidate(input)).toEqual([formulas]);
    expect(partsToValidate({ surface: { id: 'beale' } })).toEqual([]);
    expect(surfaceReady({ id: 'beale' })).toBe(true);
    expect(surfaceReady(input.surface)).toBe(false);
    expect(() => validateScene(input)).toThrow(/expression language is not loaded/);
    expect(() => resolveSurface(input.surface)).toThrow(/expression language is not loaded/);
    await prepareSurface(input.surface);
    expect(surfaceReady(input.surface)).toBe(true);
    expect(validateScene(input)).toMatchObject({ scene: input, notices: [] });
    const broken = validateScene({ surface: { expression: 'x +' } });
    expect(broken.scene.surface).toEqual(defaultScene().surface);
    expect(broken.notices).toEqual([
      'surface.expression: expected a number, x, y or "(" at 4; used the default surface',
    ]);
  });

  it('resolveSurface compiles one and falls back, with the reason, for a broken one', () => {
    expect(resolveSurface({ expression: 'x^2 + 2*y^2' }).ok).toBe(true);
    const broken = resolveSurface({ expression: 'x^^2' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/showing quadratic/);
  });
});

describe('lab experiments', () => {
  // The first test in this file to touch the lab's checks, which nothing has loaded yet.
  it('are checked once the lab’s checks have loaded', async () => {
    const input = { lab: { kind: 'basins', starts: 5 } };
    expect(partsToValidate(input)).toEqual([labSpecs]);
    expect(() => validateScene(input)).toThrow(/experiment checks is not loaded/);
    await labSpecs.load();
    expect(validateScene(input).scene.lab).toMatchObject({ kind: 'basins', starts: 5 });
    expect(validateScene({ lab: 'sweep' }).notices).toEqual([
      'lab must describe an experiment; left out',
    ]);
  });
});
