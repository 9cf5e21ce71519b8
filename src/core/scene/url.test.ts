import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formulas } from './formulas.ts';
import { labSpecs } from '../lab/onDemand.ts';
import { PRESETS } from '../optimizers/presets.ts';
import { SURFACE_IDS } from '../surfaces/index.ts';
import type { LabSpec } from '../lab/spec.ts';
import { defaultScene, runFromPreset, validateScene, type Scene } from './scene.ts';
import { decodeScene, encodeScene, partsToDecode, SCENE_KEYS, versionNotice } from './url.ts';

/** Run ids are not part of the link: decoding numbers runs r1, r2, … */
function withCanonicalIds(scene: Scene): Scene {
  return { ...scene, runs: scene.runs.map((run, i) => ({ ...run, id: `r${i + 1}` })) };
}

const coordinate = fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v + 0);
const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((v) => v + 0);

const arbitraryLab: fc.Arbitrary<LabSpec> = fc
  .record({
    kind: fc.constantFrom('sweep' as const, 'heatmap' as const, 'basins' as const),
    optimizers: fc.uniqueArray(fc.constantFrom(...PRESETS.map((p) => p.id)), {
      minLength: 1,
      maxLength: 8,
    }),
    lrMin: positive(1e-8, 1),
    lrMax: positive(1.5, 100),
    lrCount: fc.integer({ min: 2, max: 60 }),
    axisCount: fc.integer({ min: 2, max: 30 }),
    starts: fc.integer({ min: 2, max: 200 }),
    steps: fc.integer({ min: 1, max: 20_000 }),
    budget: fc.constantFrom('steps' as const, 'gradients' as const),
    tol: positive(1e-12, 1e6),
    lrs: fc.array(positive(1e-6, 100), { minLength: 8, maxLength: 8 }),
  })
  .map((lab) => ({ ...lab, lrs: lab.lrs.slice(0, lab.optimizers.length) }));

const arbitraryScene: fc.Arbitrary<Scene> = fc
  .record({
    surface: fc.oneof(
      fc.constantFrom(...SURFACE_IDS).map((id) => ({ id })),
      fc
        .constantFrom('x^2 + 3*y^2', 'sin(x)*cos(y) + 0.1*(x^2+y^2)', '(1 - x)^2 + 100*(y - x^2)^2')
        .map((expression) => ({ expression })),
    ),
    view: fc.option(
      fc
        .tuple(coordinate, positive(0.01, 50), coordinate, positive(0.01, 50))
        .map(([x, w, y, h]) => ({ xMin: x, xMax: x + w, yMin: y, yMax: y + h })),
      { nil: null },
    ),
    runs: fc.array(
      fc.record({
        preset: fc.constantFrom(...PRESETS.map((p) => p.id)),
        lr: fc.option(positive(1e-5, 5), { nil: undefined }),
        label: fc.option(
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ''),
          { nil: undefined },
        ),
        visible: fc.boolean(),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    starts: fc.oneof(
      fc
        .array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 5 })
        .map((points) => ({ kind: 'points' as const, points })),
      fc.integer({ min: 1, max: 10_000 }).map((count) => ({ kind: 'random' as const, count })),
      fc.integer({ min: 1, max: 100 }).map((count) => ({ kind: 'grid' as const, count })),
    ),
    seed: fc.nat({ max: 2 ** 31 - 1 }),
    noise: positive(0, 100),
    steps: fc.integer({ min: 1, max: 100_000 }),
    speed: positive(1, 1000),
    layout: fc.constantFrom('overlay' as const, 'side-by-side' as const),
    contours: fc.constantFrom('auto' as const, 'log' as const, 'linear' as const),
    chart: fc.constantFrom('loss' as const, 'gradNorm' as const, 'distance' as const),
    batchSize: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    lab: fc.option(arbitraryLab, { nil: undefined }),
  })
  .map(({ runs, ...rest }) => ({
    ...defaultScene(),
    ...rest,
    runs: runs.map(({ preset, lr, label, visible }, i) => {
      const run = runFromPreset(preset, `r${i + 1}`);
      if (lr !== undefined) run.params.lr = lr;
      if (label !== undefined) run.label = label;
      run.visible = visible;
      return run;
    }),
  }));

describe('partsToDecode', () => {
  it('names what decoding must wait for: the expression language, the lab’s checks', () => {
    expect(partsToDecode('?v=1&f=x%5E2%2By%5E2')).toEqual([formulas]);
    expect(partsToDecode('f&lab=basins')).toEqual([formulas, labSpecs]);
    expect(partsToDecode('?v=1&s=beale&runs=adam')).toEqual([]);
    expect(partsToDecode('')).toEqual([]);
  });
});

describe('scene URL', () => {
  // Links are decoded as the app does: once the parts of the core they need are here.
  beforeAll(() => Promise.all([formulas.load(), labSpecs.load()]));

  it('round-trips any valid scene exactly (scene → URL → scene)', () => {
    fc.assert(
      fc.property(arbitraryScene, (scene) => {
        const valid = validateScene(scene).scene;
        const decoded = decodeScene(encodeScene(valid));
        expect(decoded.notices).toEqual([]);
        expect(decoded.scene).toEqual(withCanonicalIds(valid));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the default scene in a few characters', () => {
    expect(encodeScene(defaultScene())).toBe('v=1&s=beale');
  });

  it('stays tweet-length for a typical shared scene', () => {
    const scene = defaultScene();
    scene.surface = { id: 'rosenbrock' };
    scene.runs = [
      runFromPreset('sgd', 'r1'),
      runFromPreset('momentum', 'r2'),
      runFromPreset('adam', 'r3'),
    ];
    scene.runs[2].params.lr = 0.02;
    scene.starts = { kind: 'points', points: [[-1.5, 2]] };
    const url = `https://example.org/descent-lab/?${encodeScene(scene)}`;
    expect(url.length).toBeLessThan(140);
  });

  const broken: [string, string, RegExp][] = [
    ['an unknown surface', 's=volcano', /surface/],
    [
      'a bad learning rate',
      'runs=adam!lr_-3',
      /runs\[0\]\.params\.lr: expected a number ≥ 0 \(got -3\); used 0\.1/,
    ],
    ['a word where a number goes', 'runs=adam!lr_fast', /runs\[0\]\.params\.lr: .*"fast"/],
    [
      'an unknown hyperparameter',
      'runs=adam!momentum_0.9',
      /runs\[0\]\.params\.momentum: unknown hyperparameter for Adam; ignored/,
    ],
    [
      'an unknown optimizer',
      'runs=adamm,sgd',
      /runs\[0\]\.optimizer: unknown optimizer "adamm"; left out/,
    ],
    ['a truncated start', 'start=1.5~', /starts/],
    ['a negative speed', 'speed=-4', /speed must be a number from 1 to 1000/],
    ['a huge step count', 'steps=1e12', /steps must be a whole number from 1 to 100000/],
    [
      'a fractional batch size',
      'batch=2.5',
      /batchSize must be a whole number .*used the full batch/,
    ],
    ['an inverted view', 'view=1~-1~0~1', /view must be/],
    ['a broken escape', 'f=%E0%A4%A', /.+/],
    ['a newer format', 'v=99', /link format version 99/],
    [
      'an unknown layout',
      'layout=%3Cscript%3E',
      /layout must be one of overlay, side-by-side \(got "<script>"\)/,
    ],
  ];
  for (const [what, query, notice] of broken) {
    it(`falls back part by part on ${what}, with a notice`, () => {
      const { scene, notices } = decodeScene(query);
      expect(notices.join('\n')).toMatch(notice);
      expect(validateScene(scene).notices).toEqual([]);
    });
  }

  it('keeps the good parts of a link with a bad one', () => {
    const { scene } = decodeScene('s=rosenbrock&runs=adam!lr_-3,momentum&speed=-4&seed=7');
    expect(scene.surface).toEqual({ id: 'rosenbrock' });
    expect(scene.runs.map((run) => run.label)).toEqual(['Adam', 'Momentum']);
    expect(scene.seed).toBe(7);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (query) => {
        const { scene } = decodeScene(query);
        expect(validateScene(scene).notices).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scene URL, read strictly', () => {
  beforeAll(() => Promise.all([formulas.load(), labSpecs.load()]));

  it.each([
    ['steps=0x10', 'steps must be a whole number from 1 to 100000 (got "0x10"); used 1000'],
    ['steps=1_000', 'steps must be a whole number from 1 to 100000 (got "1_000"); used 1000'],
    ['seed=%2012', 'seed must be a whole number from 0 to 2147483647 (got " 12"); used 1'],
    ['runs=adam!lr_0x1', 'runs[0].params.lr: expected a number ≥ 0 (got "0x1"); used 0.1'],
    ['runs=adam!amsgrad_true', 'runs[0].params.amsgrad: expected 1 or 0 (got "true"); used 0'],
    ['runs=adam!hidden_yes', 'runs[0].hidden must be 1 or 0 (got "yes"); shown'],
  ])('refuses %s, a number or flag the app never writes, with a notice', (query, notice) => {
    expect(decodeScene(query).notices).toEqual([notice]);
  });

  it('reads the numbers the app writes, 1e+21 included ("+" is not a space here)', () => {
    const { scene, notices } = decodeScene('start=-1e-7~2&runs=adam!lr_1e+21');
    expect(notices).toEqual([]);
    expect(scene.starts).toEqual({ kind: 'points', points: [[-1e-7, 2]] });
    expect(scene.runs[0].params.lr).toBe(1e21);
  });

  it('says which of a repeated key it used, and which key another one overrides', () => {
    const { scene, notices } = decodeScene('s=booth&s=rosenbrock&start=1~2&random=30&grid=4');
    expect(scene.surface).toEqual({ id: 'booth' });
    expect(scene.starts).toEqual({ kind: 'points', points: [[1, 2]] });
    expect(notices).toEqual([
      'address: "s" given 2 times; used the first ("booth")',
      'address: random ignored: start is given',
      'address: grid ignored: start is given',
    ]);
    expect(decodeScene('f=x%5E2&s=booth').notices).toEqual(['address: s ignored: f is given']);
  });

  it('words the version as newer, older or not a version', () => {
    expect(decodeScene('v=2').notices).toEqual([
      'link format version 2 is newer than this Descent Lab knows; read as version 1',
    ]);
    for (const v of ['0', '-1', 'abc', '1.5', '0x1'])
      expect(decodeScene(`v=${v}`).notices).toEqual([
        `v="${v}" is not a link format version; read as version 1`,
      ]);
    expect(versionNotice('1', 2)).toBe(
      'link format version 1 is older than this Descent Lab reads; read as version 2',
    );
    expect(decodeScene('v=1').notices).toEqual([]);
  });

  it('echoes long or multi-line values elided, on one line', () => {
    const long = 'A'.repeat(5000);
    for (const query of [
      `s=${long}`,
      `layout=${long}`,
      `v=${long}`,
      `runs=adam!lr_${long}`,
      `runs=adam!${long}_1`,
      `runs=${long}`,
      `s=${long}%0A&s=a`,
      `${long}=1&${long}=2`,
    ]) {
      const { notices } = decodeScene(query);
      expect(notices.some((notice) => /"A+"… \(5,00\d characters\)/.test(notice))).toBe(true);
      for (const notice of notices) expect(notice.length).toBeLessThanOrEqual(200);
    }
  });

  it('keeps every notice to one short line, whatever the query', () => {
    const part = fc.oneof(
      fc.constantFrom(...SCENE_KEYS, 'lesson', 'embed'),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    const query = fc
      .array(fc.tuple(part, fc.string({ unit: 'binary', maxLength: 300 })), { maxLength: 6 })
      .map((pairs) =>
        pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
      );
    fc.assert(
      fc.property(fc.oneof(query, fc.string({ maxLength: 400 })), (text) => {
        for (const notice of decodeScene(text).notices) {
          // eslint-disable-next-line no-control-regex
          expect(notice).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
          expect(notice.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 500 },
    );
  });
});
