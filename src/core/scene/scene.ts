/**
 * The scene: everything needed to reproduce what is on screen, as plain versioned JSON. The URL, the
 * embed API, exports and the store all hold this one type; `validateScene` is the only way in from
 * the outside world.
 */
import type { Extent, Point } from '../geometry.ts';
import { isRecord, numberIn, oneOf, show, type Check } from './checks.ts';
import { fieldPath } from './show.ts';
import { checkValue, defaultParams, resolveParams } from '../optimizers/params.ts';
import { findPreset, resolvePreset } from '../optimizers/presets.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { ParamValue } from '../optimizers/types.ts';
import { createRng, RANDOM_STREAMS } from '../random.ts';
import { labSpecs } from '../lab/onDemand.ts';
import type { OnDemand } from '../onDemand.ts';
import { formulas } from './formulas.ts';
import { getSurface } from '../surfaces/index.ts';
import type { LabSpec } from '../lab/spec.ts';
import type { NetworkSpec } from '../nn/spec.ts';
import { networkSpecs } from '../nn/onDemand.ts';
import type { ScheduleConfig } from '../schedules/types.ts';
import { resolveSchedule } from '../schedules/validate.ts';
import { CAMERA_LIMITS, DEFAULT_CAMERA, type Camera } from '../surface3d/camera.ts';
import { runsForSurface } from './surfaceSwitch.ts';

/**
 * The newest format: 2 added learning-rate schedules, 3 the 3D view. A scene is written with the
 * oldest version that holds it (`sceneFormatVersion`), so links without a schedule or a 3D view read
 * the same in older copies.
 */
export const SCENE_VERSION = 3;
const KNOWN_VERSIONS: readonly unknown[] = [1, 2, 3];

export type SurfaceRef = { id: string } | { expression: string };

export interface SceneRun {
  /** Stable within a scene: React keys, URL order. */
  id: string;
  /** What the card and legend say (`Momentum`, `Adam lr=0.1`). */
  label: string;
  /** The optimizer's class name (`SGD`, `Adam`, `PerturbedGD`). */
  optimizer: string;
  /** Every hyperparameter, torch names. */
  params: Record<string, ParamValue>;
  /** A torch.optim.lr_scheduler schedule with every argument (format version 2); absent: none. */
  schedule?: ScheduleConfig;
  visible: boolean;
}

export type StartSpec =
  | { kind: 'points'; points: Point[] }
  /** `count` points uniformly at random in the view, from the scene's seed. */
  | { kind: 'random'; count: number }
  /** A `count` × `count` lattice over the view. */
  | { kind: 'grid'; count: number };

export type Layout = 'overlay' | 'side-by-side';
export type ContourScale = 'auto' | 'log' | 'linear';
/** What the chart under the plot shows per step; `lr` is the learning rate a schedule sets. */
export type ChartMetric = 'loss' | 'gradNorm' | 'distance' | 'lr';

/** The 3D view of the plot: where the camera is and how f becomes height. */
export interface View3d {
  camera: Camera;
  /** Height scale: linear, log(f − min + ε), or `auto` chosen like the contour levels. */
  heights: ContourScale;
  /** Vertical exaggeration: 1 is the box's own height. */
  exaggeration: number;
}

export const DEFAULT_VIEW3D: Readonly<View3d> = {
  camera: DEFAULT_CAMERA,
  heights: 'auto',
  exaggeration: 1,
};

export interface Scene {
  version: typeof SCENE_VERSION;
  surface: SurfaceRef;
  /** Null: the surface's own default view. */
  view: Extent | null;
  runs: SceneRun[];
  starts: StartSpec;
  /** Seeds random starts, gradient noise and perturbations. */
  seed: number;
  /** σ of the Gaussian noise added to every gradient coordinate; 0 = exact gradients. */
  noise: number;
  /**
   * Minibatch size on dataset surfaces (linear/logistic regression): each step's gradient is the
   * mean over this many random samples. Absent = the full batch (the exact gradient).
   */
  batchSize?: number;
  /** Step budget. */
  steps: number;
  /** Playback speed in steps per second. */
  speed: number;
  layout: Layout;
  contours: ContourScale;
  chart: ChartMetric;
  /** The lab experiment on screen (its description only: results are recomputed); absent: none. */
  lab?: LabSpec;
  /** The plot shown in 3D (format version 3); absent: the 2D plot. */
  view3d?: View3d;
  /**
   * A network experiment (core/nn/spec.ts): the runs train a small net on a data set and race on
   * a plane through its weights. Absent: none.
   */
  network?: NetworkSpec;
}

export const LIMITS = {
  runs: 16,
  /** Start points per run; runs × particles is further bounded by the history budget. */
  particles: 10_000,
  gridSide: 100,
  steps: 100_000,
  speed: [1, 1000] as const,
  noise: 100,
  batchSize: 10_000,
  labelLength: 40,
  expressionLength: 1000,
  exaggeration: [0.1, 10] as const,
};

/** The runs of the article's race, in its order. */
export const ARTICLE_PRESETS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];

export function runFromPreset(presetId: string, id: string): SceneRun {
  const preset = findPreset(presetId);
  if (!preset) throw new Error(`no preset ${presetId}`);
  const { params } = resolvePreset(preset);
  return {
    id,
    label: preset.label,
    optimizer: preset.optimizer,
    params: { ...params },
    visible: true,
  };
}

export function defaultScene(): Scene {
  return {
    version: SCENE_VERSION,
    surface: { id: 'beale' },
    view: null,
    runs: ARTICLE_PRESETS.map((preset, i) => runFromPreset(preset, `r${i + 1}`)),
    starts: { kind: 'points', points: [[1, 1.5]] },
    seed: 1,
    noise: 0,
    steps: 1000,
    speed: 60,
    layout: 'overlay',
    contours: 'auto',
    chart: 'loss',
  };
}

/**
 * The six runs a scene on `surface` has when nothing says otherwise (a link without `runs`): the
 * default runs with that surface's preset learning rates, as the surface picker gives them.
 */
export function defaultRunsOn(surface: SurfaceRef): SceneRun[] {
  const defaults = defaultScene();
  return runsForSurface(defaults.runs, defaults.surface, surface);
}

// ---------------------------------------------------------------------------------------------
// Validation: every part that is wrong falls back on its own, with a notice a person can act on.

export interface ValidatedScene {
  scene: Scene;
  /** One line per part that was replaced ("runs[2].params.lr: expected … ; used 0.05"). */
  notices: string[];
}

const checkSurface: Check<SurfaceRef> = (value, fallback, path, notices) => {
  if (value === undefined) return fallback;
  if (isRecord(value) && typeof value.id === 'string') {
    if (getSurface(value.id)) return { id: value.id };
    notices.push(`${path}: no surface called ${show(value.id)}; used the default surface`);
    return fallback;
  }
  if (isRecord(value) && typeof value.expression === 'string') {
    // Scenes only ever hold expressions that compile, so everything downstream can rely on them.
    const parsed = formulas.get().parseExpression(value.expression);
    if (parsed.ok) return { expression: value.expression };
    notices.push(`${path}.expression: ${parsed.error.message}; used the default surface`);
    return fallback;
  }
  notices.push(
    `${path} must name a surface or hold an expression (got ${show(value)}); used the default surface`,
  );
  return fallback;
};

const checkView: Check<Extent | null> = (value, fallback, path, notices) => {
  if (value === undefined || value === null) return null;
  if (isRecord(value)) {
    const { xMin, xMax, yMin, yMax } = value;
    const finite = [xMin, xMax, yMin, yMax].every(
      (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6,
    );
    if (finite && (xMax as number) > (xMin as number) && (yMax as number) > (yMin as number)) {
      return { xMin, xMax, yMin, yMax } as Extent;
    }
  }
  notices.push(
    `${path} must be {xMin, xMax, yMin, yMax} with min < max (got ${show(value)}); used the surface's view`,
  );
  return fallback;
};

function isPoint(value: unknown): value is Point {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6)
  );
}

const checkStarts: Check<StartSpec> = (value, fallback, path, notices) => {
  if (value === undefined) return fallback;
  if (isRecord(value)) {
    if (value.kind === 'points' && Array.isArray(value.points)) {
      const points = value.points.filter(isPoint).slice(0, LIMITS.particles);
      if (points.length > 0) {
        if (points.length < value.points.length) {
          notices.push(
            `${path}.points: kept ${points.length} of ${value.points.length} start points (each must be two finite numbers; at most ${LIMITS.particles})`,
          );
        }
        return { kind: 'points', points: points.map(([x, y]) => [x, y] as Point) };
      }
    }
    if (value.kind === 'random') {
      const count = numberIn(1, LIMITS.particles, true)(value.count, 100, `${path}.count`, notices);
      return { kind: 'random', count };
    }
    if (value.kind === 'grid') {
      const count = numberIn(1, LIMITS.gridSide, true)(value.count, 10, `${path}.count`, notices);
      return { kind: 'grid', count };
    }
  }
  notices.push(
    `${path} must be start points, random or a grid (got ${show(value)}); used the default start`,
  );
  return fallback;
};

const checkCamera: Check<Camera> = (value, fallback, path, notices) => {
  if (value === undefined) return fallback;
  if (isRecord(value)) {
    const yaw = numberIn(-180, 180, false)(value.yaw, fallback.yaw, `${path}.yaw`, notices);
    const [pitchLow, pitchHigh] = CAMERA_LIMITS.pitch;
    const pitch = numberIn(pitchLow, pitchHigh, false)(
      value.pitch,
      fallback.pitch,
      `${path}.pitch`,
      notices,
    );
    const [zoomLow, zoomHigh] = CAMERA_LIMITS.zoom;
    const zoom = numberIn(zoomLow, zoomHigh, false)(
      value.zoom,
      fallback.zoom,
      `${path}.zoom`,
      notices,
    );
    const panCheck = numberIn(-CAMERA_LIMITS.pan, CAMERA_LIMITS.pan, false);
    const pan = Array.isArray(value.pan) && value.pan.length === 2 ? value.pan : [];
    if (value.pan !== undefined && pan.length !== 2)
      notices.push(`${path}.pan must be two numbers (got ${show(value.pan)}); used 0, 0`);
    return {
      yaw,
      pitch,
      zoom,
      pan: [
        panCheck(pan[0], fallback.pan[0], `${path}.pan[0]`, notices),
        panCheck(pan[1], fallback.pan[1], `${path}.pan[1]`, notices),
      ],
    };
  }
  notices.push(
    `${path} must be {yaw, pitch, zoom, pan} (got ${show(value)}); used the default camera`,
  );
  return fallback;
};

/** Absent or null: the 2D plot, silently; otherwise each part of the 3D view on its own. */
function checkView3d(value: unknown, notices: string[]): View3d | undefined {
  if (value === undefined || value === null) return undefined;
  const fallback = DEFAULT_VIEW3D;
  if (!isRecord(value)) {
    notices.push(
      `view3d must be {camera, heights, exaggeration} (got ${show(value)}); used the defaults`,
    );
    return { ...fallback };
  }
  const [low, high] = LIMITS.exaggeration;
  return {
    camera: checkCamera(value.camera, fallback.camera, 'view3d.camera', notices),
    heights: oneOf<ContourScale>(['auto', 'log', 'linear'])(
      value.heights,
      fallback.heights,
      'view3d.heights',
      notices,
    ),
    exaggeration: numberIn(low, high, false)(
      value.exaggeration,
      fallback.exaggeration,
      'view3d.exaggeration',
      notices,
    ),
  };
}

/** Absent or null: the full batch, silently; anything else must be a whole number in range. */
function checkBatchSize(value: unknown, notices: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= LIMITS.batchSize) {
    return value as number;
  }
  notices.push(
    `batchSize must be a whole number from 1 to ${LIMITS.batchSize} (got ${show(value)}); used the full batch`,
  );
  return undefined;
}

function checkRun(value: unknown, index: number, notices: string[]): SceneRun | null {
  const path = `runs[${index}]`;
  if (!isRecord(value) || typeof value.optimizer !== 'string') {
    notices.push(`${path} must name an optimizer (got ${show(value)}); left out`);
    return null;
  }
  const definition = findOptimizer(value.optimizer);
  if (!definition) {
    notices.push(`${path}.optimizer: unknown optimizer ${show(value.optimizer)}; left out`);
    return null;
  }
  const defaults = defaultParams(definition);
  const given = isRecord(value.params) ? value.params : {};
  if (value.params !== undefined && !isRecord(value.params)) {
    notices.push(
      `${path}.params must be an object of hyperparameters; used ${definition.name}'s defaults`,
    );
  }
  // Each hyperparameter on its own first, so one bad value does not throw the others away; then
  // the rules spanning several (Nesterov needs momentum), which fall back to the defaults.
  const params: Record<string, ParamValue> = { ...defaults };
  const known = new Map(definition.params.map((spec) => [spec.name, spec]));
  for (const [name, raw] of Object.entries(given)) {
    const spec = known.get(name);
    const problem = spec ? checkValue(spec, raw) : `unknown hyperparameter for ${definition.name}`;
    if (spec && problem === null)
      params[name] = Array.isArray(raw) ? [raw[0], raw[1]] : (raw as ParamValue);
    else
      notices.push(
        `${fieldPath(`${path}.params`, name)}: ${problem}; ${spec ? `used ${show(defaults[name])}` : 'ignored'}`,
      );
  }
  const combined = resolveParams(definition, params, `${path}.params`);
  const resolved = combined.ok ? combined.params : defaults;
  if (!combined.ok) notices.push(`${combined.errors[0]}; used ${definition.name}'s defaults`);

  const label =
    typeof value.label === 'string' && value.label.trim() !== ''
      ? value.label.trim().slice(0, LIMITS.labelLength)
      : definition.label;
  const id =
    typeof value.id === 'string' && /^[\w-]{1,16}$/.test(value.id) ? value.id : `r${index + 1}`;
  const run: SceneRun = {
    id,
    label,
    optimizer: definition.name,
    params: { ...resolved },
    visible: value.visible !== false,
  };
  if (value.schedule !== undefined && value.schedule !== null) {
    const schedule = resolveSchedule(value.schedule, definition, `${path}.schedule`);
    if (schedule.ok) run.schedule = schedule.schedule;
    else notices.push(`${schedule.errors[0]}; ran without a schedule`);
  }
  return run;
}

function checkRuns(value: unknown, fallback: SceneRun[], notices: string[]): SceneRun[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    notices.push(`runs must be a list (got ${show(value)}); used the article's six optimizers`);
    return fallback;
  }
  if (value.length > LIMITS.runs) {
    notices.push(`runs: at most ${LIMITS.runs} runs; kept the first ${LIMITS.runs}`);
  }
  const runs = value
    .slice(0, LIMITS.runs)
    .map((run, i) => checkRun(run, i, notices))
    .filter((run): run is SceneRun => run !== null);
  // Ids must be unique for React keys and for the URL.
  const seen = new Set<string>();
  for (const [i, run] of runs.entries()) {
    if (seen.has(run.id)) run.id = `r${i + 1}-${seen.size}`;
    seen.add(run.id);
  }
  if (runs.length === 0) {
    notices.push("runs: no valid run; used the article's six optimizers");
    return fallback;
  }
  return runs;
}

/**
 * The parts of the core, loaded on demand (core/onDemand.ts), that validating `input` needs: the
 * expression language for a typed formula, the lab's checks for an experiment.
 */
export function partsToValidate(input: unknown): OnDemand<unknown>[] {
  if (!isRecord(input)) return [];
  const parts: OnDemand<unknown>[] = [];
  if (isRecord(input.surface) && typeof input.surface.expression === 'string') parts.push(formulas);
  if (input.lab !== undefined) parts.push(labSpecs);
  if (input.network !== undefined) parts.push(networkSpecs);
  return parts;
}

/**
 * Turns anything (parsed JSON, a decoded URL, a postMessage payload) into a valid scene. Parts that
 * are missing take the defaults silently; parts that are wrong take the defaults with a notice. The
 * parts of the core it needs for `input` (`partsToValidate`) must be loaded first.
 */
export function validateScene(input: unknown): ValidatedScene {
  const notices: string[] = [];
  const defaults = defaultScene();
  if (!isRecord(input)) {
    notices.push(`scene must be an object (got ${show(input)}); used the default scene`);
    return { scene: defaults, notices };
  }
  if (input.version !== undefined && !KNOWN_VERSIONS.includes(input.version)) {
    notices.push(
      `scene version ${show(input.version)} is not known to this version of Descent Lab; read it as version ${SCENE_VERSION}`,
    );
  }
  const surface = checkSurface(input.surface, defaults.surface, 'surface', notices);
  const scene: Scene = {
    version: SCENE_VERSION,
    surface,
    view: checkView(input.view, defaults.view, 'view', notices),
    runs: checkRuns(input.runs, defaultRunsOn(surface), notices),
    starts: checkStarts(input.starts, defaults.starts, 'starts', notices),
    seed: numberIn(0, 2 ** 31 - 1, true)(input.seed, defaults.seed, 'seed', notices),
    noise: numberIn(0, LIMITS.noise, false)(input.noise, defaults.noise, 'noise', notices),
    steps: numberIn(1, LIMITS.steps, true)(input.steps, defaults.steps, 'steps', notices),
    speed: numberIn(LIMITS.speed[0], LIMITS.speed[1], false)(
      input.speed,
      defaults.speed,
      'speed',
      notices,
    ),
    layout: oneOf<Layout>(['overlay', 'side-by-side'])(
      input.layout,
      defaults.layout,
      'layout',
      notices,
    ),
    contours: oneOf<ContourScale>(['auto', 'log', 'linear'])(
      input.contours,
      defaults.contours,
      'contours',
      notices,
    ),
    chart: oneOf<ChartMetric>(['loss', 'gradNorm', 'distance', 'lr'])(
      input.chart,
      defaults.chart,
      'chart',
      notices,
    ),
  };
  const lab = input.lab === undefined ? undefined : labSpecs.get().checkLab(input.lab, notices);
  if (lab) scene.lab = lab;
  const network =
    input.network === undefined
      ? undefined
      : networkSpecs.get().checkNetwork(input.network, notices);
  if (network) scene.network = network;
  const batchSize = checkBatchSize(input.batchSize, notices);
  if (batchSize !== undefined) scene.batchSize = batchSize;
  const view3d = checkView3d(input.view3d, notices);
  if (view3d) scene.view3d = view3d;
  return { scene, notices };
}

/** The oldest format version that holds `scene`: 3 with a 3D view, 2 with a schedule, else 1. */
export function sceneFormatVersion(scene: Scene): 1 | 2 | 3 {
  if (scene.view3d) return 3;
  return scene.runs.some((run) => run.schedule) ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------

/** The start points a scene asks for, as x0, y0, x1, y1, … inside `view`. */
export function resolveStarts(starts: StartSpec, view: Extent, seed: number): Float64Array {
  const width = view.xMax - view.xMin;
  const height = view.yMax - view.yMin;
  if (starts.kind === 'points') return Float64Array.from(starts.points.flat());
  if (starts.kind === 'grid') {
    const n = starts.count;
    const out = new Float64Array(2 * n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const k = 2 * (j * n + i);
        out[k] = view.xMin + ((i + 0.5) / n) * width;
        out[k + 1] = view.yMin + ((j + 0.5) / n) * height;
      }
    }
    return out;
  }
  const rng = createRng(seed, RANDOM_STREAMS.starts);
  const out = new Float64Array(2 * starts.count);
  for (let k = 0; k < out.length; k += 2) {
    out[k] = view.xMin + rng.next() * width;
    out[k + 1] = view.yMin + rng.next() * height;
  }
  return out;
}
