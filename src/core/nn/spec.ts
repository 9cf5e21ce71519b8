/**
 * The network experiment a scene holds (`scene.network`): the data set, the architecture, the
 * plane of the landscape and its grid. Everything else comes from the scene: its runs are the
 * optimizers that train the net, its seed draws the data, the initial weights and the random
 * plane, its batch size picks minibatches. In a link it is `net=` (see encodeNetwork); the value
 * starts with its own format version, so the format can change without breaking old links.
 */
import type { OptimizerDefinition } from '../optimizers/types.ts';
import { show } from '../scene/show.ts';
import { DATASET_KINDS, DATASETS, type DatasetKind } from './datasets.ts';
import { ACTIVATIONS, parameterCount, type Activation } from './network.ts';

export type PlaneKind = 'pca' | 'random';

export interface NetworkSpec {
  dataset: DatasetKind;
  /** Samples drawn (train + test) for the generated sets. */
  samples: number;
  /** σ of the jitter added to each input. */
  noise: number;
  /** Fraction held out for testing. */
  testFraction: number;
  /** Hidden widths: layers are [2, ...hidden, outputs]. */
  hidden: number[];
  activation: Activation;
  plane: PlaneKind;
  /** Grid side of the landscape (n × n losses). */
  grid: number;
  /** Training steps of every run. */
  steps: number;
}

export const NETWORK_LIMITS = {
  samples: [20, 1000] as const,
  noise: [0, 1] as const,
  testFraction: [0, 0.5] as const,
  hiddenLayers: 4,
  width: [1, 64] as const,
  grid: [11, 101] as const,
  steps: [1, 2000] as const,
};

export function defaultNetworkSpec(): NetworkSpec {
  return {
    dataset: 'moons',
    samples: 400,
    noise: 0.1,
    testFraction: 0.2,
    hidden: [16, 16],
    activation: 'tanh',
    plane: 'pca',
    grid: 41,
    steps: 300,
  };
}

/** [2, ...hidden, k]: one output for regression and two classes, k for k classes. */
export function networkLayers(spec: NetworkSpec): number[] {
  const { classes } = DATASETS[spec.dataset];
  return [2, ...spec.hidden, classes > 2 ? classes : 1];
}

export function networkParameterCount(spec: NetworkSpec): number {
  return parameterCount(networkLayers(spec));
}

/**
 * The most parameters Newton takes on a network: each step builds the N × N Hessian from 2N
 * gradients and solves it in O(N³). At 64 parameters and 400 samples one step takes ≈ 20 ms on this
 * machine; beyond that the page would stall.
 */
export const NEWTON_MAX_PARAMETERS = 64;

/**
 * Why an optimizer cannot train a network of this many parameters, or null when it can. Here, with
 * the experiment's description, so the optimizer picker can say it before any network code loads.
 */
export function networkOptimizerIssue(
  optimizer: Pick<OptimizerDefinition, 'name' | 'label' | 'needsHessian'>,
  parameters: number,
): string | null {
  if (optimizer.name === 'DistributedSGD') {
    return 'DistributedSGD simulates its workers on 2D surfaces only';
  }
  if (optimizer.needsHessian && parameters > NEWTON_MAX_PARAMETERS) {
    return `${optimizer.label} needs the ${parameters}×${parameters} Hessian: only up to ${NEWTON_MAX_PARAMETERS} parameters`;
  }
  return null;
}

function clampNumber(
  value: unknown,
  [min, max]: readonly [number, number],
  fallback: number,
  integer: boolean,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const clamped = Math.min(max, Math.max(min, value));
  return integer ? Math.round(clamped) : clamped;
}

/**
 * Checks an untrusted network spec part by part: each wrong part falls back to the default with a
 * notice saying so.
 */
export function checkNetwork(value: unknown, notices: string[]): NetworkSpec | undefined {
  const fallback = defaultNetworkSpec();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    notices.push('network: expected an experiment description; left out');
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const spec = { ...fallback };
  if (input.version !== undefined) {
    notices.push(
      `network: link format ${show(input.version)} is unknown; used the default experiment`,
    );
    return spec;
  }
  const note = (field: keyof NetworkSpec, got: unknown, used: unknown) => {
    if (got !== undefined && JSON.stringify(got) !== JSON.stringify(used)) {
      notices.push(`network.${field}: ${show(got)} is not allowed; used ${show(used)}`);
    }
  };
  if (DATASET_KINDS.includes(input.dataset as DatasetKind))
    spec.dataset = input.dataset as DatasetKind;
  else note('dataset', input.dataset, spec.dataset);
  if (ACTIVATIONS.includes(input.activation as Activation)) {
    spec.activation = input.activation as Activation;
  } else note('activation', input.activation, spec.activation);
  if (input.plane === 'pca' || input.plane === 'random') spec.plane = input.plane;
  else note('plane', input.plane, spec.plane);
  const numbers: [keyof NetworkSpec, readonly [number, number], boolean][] = [
    ['samples', NETWORK_LIMITS.samples, true],
    ['noise', NETWORK_LIMITS.noise, false],
    ['testFraction', NETWORK_LIMITS.testFraction, false],
    ['grid', NETWORK_LIMITS.grid, true],
    ['steps', NETWORK_LIMITS.steps, true],
  ];
  for (const [field, range, integer] of numbers) {
    const used = clampNumber(input[field], range, fallback[field] as number, integer);
    (spec[field] as number) = used;
    note(field, input[field], used);
  }
  const hidden = input.hidden;
  const widthsOk =
    Array.isArray(hidden) &&
    hidden.length >= 1 &&
    hidden.length <= NETWORK_LIMITS.hiddenLayers &&
    hidden.every(
      (w) => Number.isInteger(w) && w >= NETWORK_LIMITS.width[0] && w <= NETWORK_LIMITS.width[1],
    );
  if (widthsOk) spec.hidden = [...(hidden as number[])];
  else note('hidden', hidden, spec.hidden);
  return spec;
}

/**
 * The link form: `1~moons~400~0.1~0.2~16.16~tanh~pca~41~300` (format version first, then the
 * fields in NetworkSpec's order; hidden widths joined by dots).
 */
export function encodeNetwork(spec: NetworkSpec): string {
  return [
    1,
    spec.dataset,
    spec.samples,
    spec.noise,
    spec.testFraction,
    spec.hidden.join('.'),
    spec.activation,
    spec.plane,
    spec.grid,
    spec.steps,
  ].join('~');
}

/** Reads a link's `net=` value into an unchecked spec (checkNetwork then checks it). */
export function decodeNetwork(text: string): unknown {
  const [version, dataset, samples, noise, testFraction, hidden, activation, plane, grid, steps] =
    text.split('~');
  if (version !== '1') return { version };
  const number = (part: string | undefined) => (part === undefined ? undefined : Number(part));
  return {
    dataset,
    samples: number(samples),
    noise: number(noise),
    testFraction: number(testFraction),
    hidden: hidden?.split('.').map(Number),
    activation,
    plane,
    grid: number(grid),
    steps: number(steps),
  };
}
