/**
 * The scene in a URL query, short enough for a tweet in the common case: only what differs from
 * the defaults is written, runs are preset ids with the hyperparameters that differ from the preset,
 * and numbers are JavaScript's shortest round-trip form, so decoding gives the very same numbers.
 *
 *   ?v=1&s=rosenbrock&runs=sgd,adam!lr_0.1,momentum!momentum_0.95!label_Heavy%20ball&start=-1.5~2
 *
 * | key      | value                                                                        |
 * |----------|------------------------------------------------------------------------------|
 * | v        | format version: 1, 2 when a run has a schedule, 3 with the 3D view           |
 * | s / f    | built-in surface id / typed expression                                       |
 * | view     | xMin~xMax~yMin~yMax; `3d` or `3d~xMin~xMax~yMin~yMax` shows the plot in 3D   |
 * | cam      | the 3D camera: yaw~pitch~zoom~panX~panY (degrees, factor, box units)         |
 * | height   | 3D height scale: log or linear (absent: auto) · lift: vertical exaggeration  |
 * | runs     | preset(!name_value)* separated by commas; pairs as a~b, flags as 1/0;         |
 * |          | `!label_text` renames, `!hidden_1` hides; `!sched_…` a schedule (v=2, see     |
 * |          | scheduleUrl.ts)                                                               |
 * | start    | x~y(,x~y)*   · random=N · grid=N                                              |
 * | seed, noise, steps, speed, layout (side), contours, chart                               |
 * | batch    | minibatch size on dataset surfaces (absent = full batch)                     |
 * | lab      | the lab experiment, see core/lab/labUrl.ts                                   |
 * | net      | the network experiment, see core/nn/spec.ts (its own format version first)  |
 *
 * Decoding never throws: it builds a plain object from whatever is there and hands it to
 * `validateScene`, which replaces each broken part with its default and says so. It reads what
 * the encoder writes and nothing looser: numbers in their written form (writtenNumber.ts), flags
 * as 1/0; a repeated key, a refused value and a key that another one overrides each get a notice.
 */
import { checkValue, sameParamValue } from '../optimizers/params.ts';
import { findPreset, PRESETS, resolvePreset } from '../optimizers/presets.ts';
import type { ParamValue } from '../optimizers/types.ts';
import { labSpecs } from '../lab/onDemand.ts';
import { networkSpecs } from '../nn/onDemand.ts';
import type { OnDemand } from '../onDemand.ts';
import { formulas } from './formulas.ts';
import { decodeSchedule, encodeSchedule, optionName } from './scheduleUrl.ts';
import { fieldPath, show } from './show.ts';
import { readWrittenNumber } from './writtenNumber.ts';
import { DEFAULT_CAMERA } from '../surface3d/camera.ts';
import {
  DEFAULT_VIEW3D,
  defaultRunsOn,
  defaultScene,
  SCENE_VERSION,
  sceneFormatVersion,
  validateScene,
  type Scene,
  type SceneRun,
  type ValidatedScene,
} from './scene.ts';

/** Query keys this codec owns; others (embed=1, lesson=…) belong to the page and pass through. */
export const SCENE_KEYS = [
  'v',
  's',
  'f',
  'view',
  'runs',
  'start',
  'random',
  'grid',
  'seed',
  'noise',
  'steps',
  'speed',
  'layout',
  'contours',
  'chart',
  'batch',
  'lab',
  'cam',
  'height',
  'lift',
  'net',
];

/** The `view` value's first part that asks for the 3D view. */
const VIEW_3D = '3d';

const LAYOUT_CODES = { overlay: 'overlay', 'side-by-side': 'side' } as const;

/** Characters a query value may hold unescaped, besides letters and digits. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

function unescape(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // a broken % escape: keep the raw text, validation will judge it
  }
}

/** Flags as 1/0, pairs as a~b, null (torch's None) as `none`, a choice as itself. */
function encodeValue(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (value === null) return 'none';
  if (typeof value === 'string') return escape(value);
  return `${value[0]}~${value[1]}`;
}

/** The preset a run is closest to: same optimizer, fewest differing hyperparameters. */
function closestPreset(run: SceneRun) {
  let best: {
    id: string;
    label: string;
    params: Record<string, ParamValue>;
    differences: number;
  } | null = null;
  for (const preset of PRESETS) {
    if (preset.optimizer !== run.optimizer) continue;
    const params = resolvePreset(preset).params as Record<string, ParamValue>;
    const differences = Object.keys(run.params).filter(
      (name) => !sameParamValue(params[name], run.params[name]),
    ).length;
    if (!best || differences < best.differences)
      best = { id: preset.id, label: preset.label, params, differences };
  }
  return best;
}

function encodeRun(run: SceneRun): string {
  const preset = closestPreset(run);
  if (!preset) return '';
  let text = preset.id;
  for (const [name, value] of Object.entries(run.params)) {
    if (!sameParamValue(preset.params[name], value)) text += `!${name}_${encodeValue(value)}`;
  }
  if (run.label !== preset.label)
    text += `!label_${escape(run.label).replace(/[!,]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  if (!run.visible) text += '!hidden_1';
  if (run.schedule)
    text += encodeSchedule(run.schedule)
      .map((option) => `!${option}`)
      .join('');
  return text;
}

/**
 * The query string (without "?") for a scene. One holding an experiment needs the lab's codec
 * (`labSpecs`), loaded wherever such a scene comes from: a decoded link, or the lab panel.
 */
export function encodeScene(scene: Scene): string {
  const defaults = defaultScene();
  const parts: string[] = [`v=${sceneFormatVersion(scene)}`];
  if ('id' in scene.surface) parts.push(`s=${escape(scene.surface.id)}`);
  else parts.push(`f=${escape(scene.surface.expression)}`);
  const extent = scene.view && [scene.view.xMin, scene.view.xMax, scene.view.yMin, scene.view.yMax];
  const viewParts = [...(scene.view3d ? [VIEW_3D] : []), ...(extent ?? [])];
  if (viewParts.length > 0) parts.push(`view=${viewParts.join('~')}`);
  const runs = scene.runs.map(encodeRun).join(',');
  if (runs !== defaultRunsOn(scene.surface).map(encodeRun).join(',')) parts.push(`runs=${runs}`);
  const { starts } = scene;
  if (starts.kind === 'points') {
    const text = starts.points.map(([x, y]) => `${x}~${y}`).join(',');
    if (JSON.stringify(starts) !== JSON.stringify(defaults.starts)) parts.push(`start=${text}`);
  } else {
    parts.push(`${starts.kind}=${starts.count}`);
  }
  const scalars: [string, number | string, number | string][] = [
    ['seed', scene.seed, defaults.seed],
    ['noise', scene.noise, defaults.noise],
    // A network scene's budget defaults to its training's length (as the view opens with).
    ['steps', scene.steps, scene.network?.steps ?? defaults.steps],
    ['speed', scene.speed, defaults.speed],
    ['layout', LAYOUT_CODES[scene.layout], LAYOUT_CODES[defaults.layout]],
    ['contours', scene.contours, defaults.contours],
    ['chart', scene.chart, defaults.chart],
  ];
  for (const [key, value, fallback] of scalars)
    if (value !== fallback) parts.push(`${key}=${value}`);
  if (scene.batchSize !== undefined) parts.push(`batch=${scene.batchSize}`);
  if (scene.lab) parts.push(`lab=${labSpecs.get().encodeLab(scene.lab)}`);
  if (scene.view3d) parts.push(...encodeView3d(scene.view3d));
  if (scene.network) parts.push(`net=${networkSpecs.get().encodeNetwork(scene.network)}`);
  return parts.join('&');
}

/** The 3D view's keys that differ from the defaults (`view=3d` itself is written with the view). */
function encodeView3d(view3d: NonNullable<Scene['view3d']>): string[] {
  const parts: string[] = [];
  const { yaw, pitch, zoom, pan } = view3d.camera;
  const camera = [yaw, pitch, zoom, pan[0], pan[1]];
  const { yaw: y0, pitch: p0, zoom: z0, pan: pan0 } = DEFAULT_CAMERA;
  if (camera.join('~') !== [y0, p0, z0, pan0[0], pan0[1]].join('~'))
    parts.push(`cam=${camera.join('~')}`);
  if (view3d.heights !== DEFAULT_VIEW3D.heights) parts.push(`height=${view3d.heights}`);
  if (view3d.exaggeration !== DEFAULT_VIEW3D.exaggeration)
    parts.push(`lift=${view3d.exaggeration}`);
  return parts;
}

/**
 * "1.5" → 1.5, read from the raw text (the encoder writes numbers unescaped, and "+" in 1e+21 is
 * not a space); anything else stays text, unescaped, so validation can say what it was.
 */
function number(raw: string): number | string {
  const value = readWrittenNumber(raw);
  return typeof value === 'number' ? value : unescape(raw);
}

function decodeValue(text: string): unknown {
  return text.includes('~') ? text.split('~').map(number) : number(text);
}

/** A flag as the encoder writes it: "1" or "0"; anything else is null. */
function flag(raw: string): boolean | null {
  return raw === '1' ? true : raw === '0' ? false : null;
}

/**
 * Reads one run. Flags (1/0) become booleans where the preset's hyperparameter is one; a value that
 * does not fit its hyperparameter keeps the preset's, with a notice.
 */
function decodeRun(text: string, index: number, notices: string[]): Record<string, unknown> {
  const [presetId, ...options] = text.split('!');
  const preset = findPreset(presetId.trim().toLowerCase());
  if (!preset) return { optimizer: unescape(presetId), id: `r${index + 1}` };
  const { definition, params: base } = resolvePreset(preset);
  const params: Record<string, ParamValue> = { ...base };
  const run: Record<string, unknown> = {
    id: `r${index + 1}`,
    optimizer: preset.optimizer,
    label: preset.label,
    params,
  };
  const path = `runs[${index}]`;
  const names = ['label', 'hidden', ...definition.params.map((spec) => spec.name)];
  const isSchedule = (option: string) => /^sched[._]/.test(option);
  const schedule = decodeSchedule(options.filter(isSchedule));
  if (schedule !== undefined) run.schedule = schedule;
  for (const option of options.filter((option) => !isSchedule(option))) {
    const cut = option.indexOf('_');
    const name = optionName(option, names) ?? (cut < 0 ? option : option.slice(0, cut));
    const raw = option.slice(name.length + 1);
    if (name === 'label') {
      run.label = unescape(raw);
      continue;
    }
    if (name === 'hidden') {
      const hidden = flag(raw);
      if (hidden === null)
        notices.push(`${path}.hidden must be 1 or 0 (got ${show(unescape(raw))}); shown`);
      run.visible = hidden !== true;
      continue;
    }
    const spec = definition.params.find((candidate) => candidate.name === name);
    const field = fieldPath(`${path}.params`, unescape(name));
    if (!spec) {
      notices.push(`${field}: unknown hyperparameter for ${definition.name}; ignored`);
      continue;
    }
    const fallback = `used ${encodeValue(base[name])}`;
    if (spec.kind === 'boolean') {
      const value = flag(raw);
      if (value === null)
        notices.push(`${field}: expected 1 or 0 (got ${show(unescape(raw))}); ${fallback}`);
      else params[name] = value;
      continue;
    }
    let value = spec.kind === 'choice' ? unescape(raw) : decodeValue(raw);
    if (value === 'none' && (spec.nullable || spec.choices?.includes(null))) value = null;
    const problem = checkValue(spec, value);
    if (problem === null) params[name] = value as ParamValue;
    else notices.push(`${field}: ${problem}; ${fallback}`);
  }
  return run;
}

/** The query's keys with their first value (as browsers' URLSearchParams.get reads them). */
function queryParams(query: string): { params: Map<string, string>; counts: Map<string, number> } {
  const params = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const pair of query.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const cut = pair.indexOf('=');
    const key = unescape(cut < 0 ? pair : pair.slice(0, cut));
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!params.has(key)) params.set(key, cut < 0 ? '' : pair.slice(cut + 1));
  }
  return { params, counts };
}

/**
 * What to say about `v`, the link format version, or null when this Descent Lab reads it (`oldest`
 * to `current`): newer (made by a later Descent Lab), older, or not a version at all (versions are
 * whole numbers from 1).
 */
export function versionNotice(
  raw: string,
  current: number = SCENE_VERSION,
  oldest = 1,
): string | null {
  const version = readWrittenNumber(raw);
  const read = `read as version ${current}`;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return `v=${show(unescape(raw))} is not a link format version; ${read}`;
  if (version > current)
    return `link format version ${version} is newer than this Descent Lab knows; ${read}`;
  if (version < oldest)
    return `link format version ${version} is older than this Descent Lab reads; ${read}`;
  return null;
}

/** The 3D view from `cam`, `height` and `lift`; what is missing takes the defaults. */
function decodeView3d(params: Map<string, string>): Record<string, unknown> {
  const view3d: Record<string, unknown> = {};
  const camera = params.get('cam');
  if (camera !== undefined) {
    const [yaw, pitch, zoom, panX, panY] = camera.split('~').map(number);
    view3d.camera = { yaw, pitch, zoom, pan: [panX, panY] };
  }
  const heights = params.get('height');
  if (heights !== undefined) view3d.heights = unescape(heights);
  const lift = params.get('lift');
  if (lift !== undefined) view3d.exaggeration = number(lift);
  return view3d;
}

/** Keys that say the same thing, the first present winning: a surface, then the starts. */
const EXCLUSIVE_KEYS = [
  ['f', 's'],
  ['start', 'random', 'grid'],
];

/**
 * The parts of the core, loaded on demand (core/onDemand.ts), that decoding `query` needs: the
 * expression language for a typed formula (`f`), the lab's checks and codec for an experiment.
 */
export function partsToDecode(query: string): OnDemand<unknown>[] {
  const { params } = queryParams(query);
  const parts: OnDemand<unknown>[] = [];
  if (params.has('f')) parts.push(formulas);
  if (params.has('lab')) parts.push(labSpecs);
  if (params.has('net')) parts.push(networkSpecs);
  return parts;
}

/**
 * Reads a scene from a query string (with or without "?"). Missing keys take the defaults; broken
 * ones take the defaults with a notice each; nothing is ever executed or injected as HTML. The parts
 * of the core it needs for `query` (`partsToDecode`) must be loaded first.
 */
export function decodeScene(query: string): ValidatedScene {
  const { params, counts } = queryParams(query);
  const input: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const [key, count] of counts) {
    if (count > 1) {
      const first = show(unescape(params.get(key)!));
      notices.push(`address: ${show(key)} given ${count} times; used the first (${first})`);
    }
  }
  for (const keys of EXCLUSIVE_KEYS) {
    const given = keys.filter((key) => params.has(key));
    for (const key of given.slice(1)) notices.push(`address: ${key} ignored: ${given[0]} is given`);
  }
  const version = params.get('v');
  const versionProblem = version === undefined ? null : versionNotice(version);
  if (versionProblem !== null) notices.push(versionProblem);
  const surfaceId = params.get('s');
  const expression = params.get('f');
  if (expression !== undefined) input.surface = { expression: unescape(expression) };
  else if (surfaceId !== undefined) input.surface = { id: unescape(surfaceId) };
  const view = params.get('view');
  const viewParts = view === undefined ? [] : view.split('~');
  const in3d = viewParts[0] === VIEW_3D;
  if (in3d) viewParts.shift();
  if (viewParts.length > 0) {
    const [xMin, xMax, yMin, yMax] = viewParts.map(number);
    // Four numbers go on to the scene's check (min < max, in range); anything else is said here,
    // in the address's own terms rather than as a half-empty {xMin, …} object.
    if (viewParts.length === 4 && [xMin, xMax, yMin, yMax].every((v) => typeof v === 'number'))
      input.view = { xMin, xMax, yMin, yMax };
    else
      notices.push(
        `address: view ${show(unescape(view!))} is not a view: it takes four numbers, xMin~xMax~yMin~yMax, or 3d; used the surface's view`,
      );
  }
  const view3dKeys = ['cam', 'height', 'lift'].filter((key) => params.has(key));
  if (in3d) input.view3d = decodeView3d(params);
  else for (const key of view3dKeys) notices.push(`address: ${key} ignored: view=3d is not given`);
  const runs = params.get('runs');
  if (runs !== undefined)
    input.runs = runs
      .split(',')
      .filter((text) => text !== '')
      .map((text, i) => decodeRun(text, i, notices));
  const start = params.get('start');
  const random = params.get('random');
  const grid = params.get('grid');
  if (start !== undefined)
    input.starts = {
      kind: 'points',
      points: start.split(',').map((point) => point.split('~').map(number)),
    };
  else if (random !== undefined) input.starts = { kind: 'random', count: number(random) };
  else if (grid !== undefined) input.starts = { kind: 'grid', count: number(grid) };
  for (const key of ['seed', 'noise', 'steps', 'speed']) {
    const value = params.get(key);
    if (value !== undefined) input[key] = number(value);
  }
  const layout = params.get('layout');
  if (layout !== undefined) input.layout = layout === 'side' ? 'side-by-side' : unescape(layout);
  for (const key of ['contours', 'chart']) {
    const value = params.get(key);
    if (value !== undefined) input[key] = unescape(value);
  }
  const lab = params.get('lab');
  if (lab !== undefined) input.lab = labSpecs.get().decodeLab(unescape(lab));
  const batch = params.get('batch');
  if (batch !== undefined) input.batchSize = number(batch);
  const net = params.get('net');
  if (net !== undefined) input.network = networkSpecs.get().decodeNetwork(unescape(net));
  const validated = validateScene(input);
  const { network } = validated.scene;
  const scene =
    network && !params.has('steps')
      ? { ...validated.scene, steps: network.steps }
      : validated.scene;
  return { scene, notices: [...notices, ...validated.notices] };
}
