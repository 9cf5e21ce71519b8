import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formulas } from './formulas.ts';
import { labSpecs } from '../lab/onDemand.ts';
import { networkSpecs } from '../nn/onDemand.ts';
import { networkScene } from '../nn/networkScene.ts';
import { PRESETS } from '../optimizers/presets.ts';
import { SURFACE_IDS } from '../surfaces/index.ts';
import type { LabSpec } from '../lab/spec.ts';
import { DEFAULT_CAMERA } from '../surface3d/camera.ts';
import { DEFAULT_VIEW3D, defaultScene, runFromPreset, validateScene, type Scene } from './scene.ts';
import { decodeScene, encodeScene, partsToDecode, SCENE_KEYS, versionNotice } from './url.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import { resolveSchedule } from '../schedules/validate.ts';

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

/** Schedules of every kind of argument: lists, null, choices, flags, members. */
const SCHEDULES = [
  { name: 'StepLR', params: { step_size: 30, gamma: 0.5 } },
  { name: 'MultiStepLR', params: { milestones: [10, 10, 400] } },
  { name: 'MultiStepLR', params: { milestones: [] } },
  { name: 'CosineAnnealingLR', params: { T_max: 250, eta_min: 1e-4 } },
  {
    name: 'CyclicLR',
    params: {
      base_lr: 0.001,
      max_lr: 0.1,
      step_size_down: 7,
      mode: 'exp_range',
      cycle_momentum: false,
    },
  },
  {
    name: 'OneCycleLR',
    params: { max_lr: 0.2, epochs: 5, steps_per_epoch: 300, three_phase: true },
  },
  { name: 'ReduceLROnPlateau', params: { threshold_mode: 'abs', min_lr: 0.001 } },
  {
    name: 'SequentialLR',
    params: {
      schedulers: [
        { name: 'LinearLR', params: { start_factor: 0.01, total_iters: 25 } },
        { name: 'ChainedScheduler', params: { schedulers: [] } },
        { name: 'CosineAnnealingWarmRestarts', params: { T_0: 40, T_mult: 2 } },
      ],
      milestones: [25, 60],
    },
  },
  {
    name: 'SequentialLR',
    params: {
      schedulers: [
        { name: 'LinearLR', params: { start_factor: 0.01, total_iters: 25 } },
        { name: 'ExponentialLR', params: { gamma: 0.99 } },
      ],
      milestones: [25],
    },
  },
];

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
        weightDecay: fc.option(positive(0, 1), { nil: undefined }),
        schedule: fc.option(fc.constantFrom(...SCHEDULES), { nil: undefined }),
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
    view3d: fc.option(
      fc.record({
        camera: fc.record({
          yaw: fc.double({ min: -179.9, max: 180, noNaN: true }).map((v) => v + 0),
          pitch: positive(5, 89),
          zoom: positive(0.25, 8),
          pan: fc.tuple(
            fc.double({ min: -3, max: 3, noNaN: true }).map((v) => v + 0),
            fc.double({ min: -3, max: 3, noNaN: true }).map((v) => v + 0),
          ),
        }),
        heights: fc.constantFrom('auto' as const, 'log' as const, 'linear' as const),
        exaggeration: positive(0.1, 10),
      }),
      { nil: undefined },
    ),
  })
  .map(({ runs, ...rest }) => ({
    ...defaultScene(),
    ...rest,
    runs: runs.map(({ preset, lr, label, visible, weightDecay, schedule }, i) => {
      const run = runFromPreset(preset, `r${i + 1}`);
      if (lr !== undefined) run.params.lr = lr;
      if (weightDecay !== undefined && 'weight_decay' in run.params) {
        run.params.weight_decay = weightDecay;
      }
      if (label !== undefined) run.label = label;
      run.visible = visible;
      // Only schedules the run's optimizer takes (CyclicLR's momentum, for one, needs SGD's).
      const resolved = schedule && resolveSchedule(schedule, findOptimizer(run.optimizer)!);
      if (resolved && resolved.ok) run.schedule = resolved.schedule;
      return run;
    }),
  }));

describe('partsToDecode', () => {
  it('a network experiment survives its link; an unknown format of it gives a notice', async () => {
    await networkSpecs.load();
    const scene = networkScene(defaultScene());
    scene.network = { ...scene.network!, dataset: 'spiral', hidden: [8, 4], plane: 'random' };
    const query = encodeScene(scene);
    expect(query).toContain('net=1~spiral~');
    expect(decodeScene(query)).toEqual({ scene, notices: [] });
    expect(partsToDecode('net=1~xor')).toEqual([networkSpecs]);
    const unknown = decodeScene('net=9~xor');
    expect(unknown.notices.join()).toMatch(/network: link format "9" is unknown/);
    expect(decodeScene('s=beale').scene.network).toBeUndefined();
  });

  it("a network link without steps plays the training's length; another budget survives", async () => {
    await networkSpecs.load();
    const scene = networkScene(defaultScene());
    const query = encodeScene(scene);
    expect(query).not.toContain('steps=');
    const trained = scene.network!.steps;
    expect(decodeScene('net=1~moons~400~0.1~0.2~16.16~tanh~pca~41~300').scene.steps).toBe(300);
    const longer = { ...scene, steps: trained + 500 };
    expect(decodeScene(encodeScene(longer)).scene.steps).toBe(trained + 500);
    const atDefault = { ...scene, steps: defaultScene().steps };
    expect(decodeScene(encodeScene(atDefault)).scene.steps).toBe(defaultScene().steps);
  });

  it('names what decoding must wait for: the expression language, the lab’s checks', () => {
    expect(partsToDecode('?v=1&f=x%5E2%2By%5E2')).toEqual([formulas]);
    expect(partsToDecode('f&lab=basins')).toEqual([formulas, labSpecs]);
    expect(partsToDecode('?v=1&s=beale&runs=adam')).toEqual([]);
    expect(partsToDecode('')).toEqual([]);
  });
});

describe('scene URL', () => {
  // Links are decoded as the app does: once the parts of the core they need are here.
  beforeAll(() => Promise.all([formulas.load(), labSpecs.load(), networkSpecs.load()]));

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

  it('writes a schedule as options of its run, in format version 2; older links still read', () => {
    const scene = defaultScene();
    scene.runs = [runFromPreset('adam', 'r1')];
    const resolved = resolveSchedule(SCHEDULES[8], findOptimizer('Adam')!);
    if (!resolved.ok) throw new Error(resolved.errors.join());
    scene.runs[0].schedule = resolved.schedule;
    const query = encodeScene(scene);
    expect(query).toBe(
      'v=2&s=beale&runs=adam!sched_SequentialLR' +
        '!sched.0_LinearLR!sched.0.start_factor_0.01!sched.0.total_iters_25' +
        '!sched.1_ExponentialLR!sched.1.gamma_0.99!sched.milestones_25',
    );
    expect(decodeScene(query)).toEqual({ scene, notices: [] });
    const old = decodeScene('v=1&s=beale&runs=adam!lr_0.05');
    expect(old.notices).toEqual([]);
    expect(old.scene.runs[0].schedule).toBeUndefined();
  });

  it('writes the 3D view in format version 3 as view=3d, its camera, heights and lift', () => {
    const scene = defaultScene();
    scene.view3d = {
      camera: { yaw: 20.5, pitch: 60, zoom: 1.5, pan: [0.25, -0.5] },
      heights: 'log',
      exaggeration: 2,
    };
    const query = encodeScene(scene);
    expect(query).toBe('v=3&s=beale&view=3d&cam=20.5~60~1.5~0.25~-0.5&height=log&lift=2');
    expect(decodeScene(query)).toEqual({ scene, notices: [] });
    // The defaults are not written; a zoomed extent rides along after `3d`.
    const plain = { ...defaultScene(), view3d: { ...DEFAULT_VIEW3D } };
    expect(encodeScene(plain)).toBe('v=3&s=beale&view=3d');
    const zoomedIn = { ...plain, view: { xMin: -1, xMax: 2, yMin: 0, yMax: 1 } };
    expect(encodeScene(zoomedIn)).toBe('v=3&s=beale&view=3d~-1~2~0~1');
    expect(decodeScene(encodeScene(zoomedIn)).scene).toEqual(zoomedIn);
  });

  it('reads old 2D links as before, and says what is wrong with a broken 3D view', () => {
    const old = decodeScene('v=1&s=beale&view=-1~2~0~1');
    expect(old.notices).toEqual([]);
    expect(old.scene.view3d).toBeUndefined();
    expect(old.scene.view).toEqual({ xMin: -1, xMax: 2, yMin: 0, yMax: 1 });
    const broken = decodeScene('v=3&view=3d&cam=10~100~1~0~0&lift=50&height=cubic');
    expect(broken.scene.view3d).toEqual({
      camera: { ...DEFAULT_CAMERA, yaw: 10 },
      heights: 'auto',
      exaggeration: 1,
    });
    expect(broken.notices).toEqual([
      'view3d.camera.pitch must be a number from 5 to 89 (got 100); used 35',
      'view3d.heights must be one of auto, log, linear (got "cubic"); used auto',
      'view3d.exaggeration must be a number from 0.1 to 10 (got 50); used 1',
    ]);
    expect(decodeScene('cam=1~2~3~0~0').notices).toEqual([
      'address: cam ignored: view=3d is not given',
    ]);
  });

  it('says what a view that is not four numbers should be, in the address terms', () => {
    for (const [query, given] of [
      ['view=side', '"side"'],
      ['view=1~2~3', '"1~2~3"'],
      ['view=3d~a~1~0~1', '"3d~a~1~0~1"'],
    ]) {
      const { scene, notices } = decodeScene(`s=booth&${query}`);
      expect(notices).toEqual([
        `address: view ${given} is not a view: it takes four numbers, xMin~xMax~yMin~yMax, or 3d; used the surface's view`,
      ]);
      expect(scene.view).toBeNull();
    }
    // Four numbers the wrong way round are the scene's check, which names the numbers.
    expect(decodeScene('s=booth&view=1~0~0~1').notices).toEqual([
      'view must be {xMin, xMax, yMin, yMax} with min < max (got {"xMin":1,"xMax":0,"yMin":0,"yMax":1}); used the surface\'s view',
    ]);
  });

  it('reads hyperparameters whose names hold underscores (weight_decay, line_search_fn)', () => {
    const { scene, notices } = decodeScene(
      'runs=adam!weight_decay_0.25,lbfgs!line_search_fn_none!max_eval_7',
    );
    expect(notices).toEqual([]);
    expect(scene.runs[0].params.weight_decay).toBe(0.25);
    expect(scene.runs[1].params).toMatchObject({ line_search_fn: null, max_eval: 7 });
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
    [
      'a bad schedule argument',
      'v=2&runs=sgd!sched_CosineAnnealingWarmRestarts!sched.T_0_0',
      /runs\[0\]\.schedule\.params\.T_0: Expected positive integer T_0, but got 0; ran without a schedule/,
    ],
    [
      'an unknown scheduler',
      'v=2&runs=sgd!sched_LambdaLR',
      /runs\[0\]\.schedule\.name: unknown scheduler "LambdaLR"/,
    ],
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
  beforeAll(() => Promise.all([formulas.load(), labSpecs.load(), networkSpecs.load()]));

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
    expect(decodeScene('v=4').notices).toEqual([
      'link format version 4 is newer than this Descent Lab knows; read as version 3',
    ]);
    for (const v of ['0', '-1', 'abc', '1.5', '0x1'])
      expect(decodeScene(`v=${v}`).notices).toEqual([
        `v="${v}" is not a link format version; read as version 3`,
      ]);
    expect(versionNotice('1', 3, 2)).toBe(
      'link format version 1 is older than this Descent Lab reads; read as version 3',
    );
    // Version 1 links (no schedules) are still read as they are.
    expect(decodeScene('v=1').notices).toEqual([]);
    expect(decodeScene('v=2').notices).toEqual([]);
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
