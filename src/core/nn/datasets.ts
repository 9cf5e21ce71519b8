/**
 * Data sets for the network view, drawn from the scene's seed so a link reproduces them: two moons,
 * circles, XOR, a three-class spiral and Gaussian blobs (classification, inputs in about [−1.5, 1.5]²),
 * plus the samples of the linear and logistic regression surfaces (one feature; the second input
 * is 0). `noise` is the standard deviation of Gaussian jitter added to every input. A held-out
 * fraction of the samples (every k-th after a seeded shuffle) is the test split.
 */
import { linearRegression, logisticRegression } from '../data/regression.ts';
import { createRng, RANDOM_STREAMS, type Rng } from '../random.ts';
import type { LossName, Samples } from './network.ts';

export type DatasetKind = 'moons' | 'circles' | 'xor' | 'spiral' | 'blobs' | 'linear' | 'logistic';

export const DATASET_KINDS: readonly DatasetKind[] = [
  'moons',
  'circles',
  'xor',
  'spiral',
  'blobs',
  'linear',
  'logistic',
];

export interface DatasetInfo {
  label: string;
  /** Number of classes (1: a regression target). */
  classes: number;
  /** The loss that fits the targets: mse, bce for two classes, cross_entropy for more. */
  loss: LossName;
}

export const DATASETS: Readonly<Record<DatasetKind, DatasetInfo>> = {
  moons: { label: 'Two moons', classes: 2, loss: 'bce' },
  circles: { label: 'Circles', classes: 2, loss: 'bce' },
  xor: { label: 'XOR', classes: 2, loss: 'bce' },
  spiral: { label: 'Spiral (3 classes)', classes: 3, loss: 'cross_entropy' },
  blobs: { label: 'Gaussian blobs (3 classes)', classes: 3, loss: 'cross_entropy' },
  linear: { label: 'Linear regression data', classes: 1, loss: 'mse' },
  logistic: { label: 'Logistic regression data', classes: 2, loss: 'bce' },
};

export interface DatasetRequest {
  kind: DatasetKind;
  /** Samples before the split (the regression sets have their own 200). */
  size: number;
  /** Standard deviation of the jitter added to each input. */
  noise: number;
  /** Fraction of the samples held out for testing, in [0, 0.5]. */
  testFraction: number;
  seed: number;
}

export interface SplitDataset {
  train: Samples;
  test: Samples;
  info: DatasetInfo;
}

/** One clean sample (x, y, target) number `i` of `size`. */
type Draw = (i: number, size: number, rng: Rng) => [number, number, number];

const DRAWS: Record<'moons' | 'circles' | 'xor' | 'spiral' | 'blobs', Draw> = {
  // sklearn's make_moons, centred: upper arc of class 0, lower arc of class 1 shifted right.
  moons: (i, size, rng) => {
    const upper = i < size / 2;
    const angle = Math.PI * rng.next();
    return upper
      ? [Math.cos(angle) - 0.5, Math.sin(angle) - 0.25, 0]
      : [1 - Math.cos(angle) - 0.5, 0.5 - Math.sin(angle) - 0.25, 1];
  },
  circles: (i, _size, rng) => {
    const inner = i % 2;
    const angle = 2 * Math.PI * rng.next();
    const radius = inner ? 0.5 : 1.2;
    return [radius * Math.cos(angle), radius * Math.sin(angle), inner];
  },
  xor: (_i, _size, rng) => {
    const x = 2.4 * rng.next() - 1.2;
    const y = 2.4 * rng.next() - 1.2;
    return [x, y, x * y > 0 ? 0 : 1];
  },
  // Three arms, each turning through 1.25 turns as its radius grows (cs231n's spiral).
  spiral: (i, size, rng) => {
    const arm = i % 3;
    const r = (Math.floor(i / 3) + rng.next()) / Math.ceil(size / 3);
    const angle = arm * ((2 * Math.PI) / 3) + r * 2.5 * Math.PI;
    return [1.3 * r * Math.cos(angle), 1.3 * r * Math.sin(angle), arm];
  },
  blobs: (i, _size, rng) => {
    const centre = i % 3;
    const angle = centre * ((2 * Math.PI) / 3) + Math.PI / 2;
    return [
      0.8 * Math.cos(angle) + 0.3 * rng.normal(),
      0.8 * Math.sin(angle) + 0.3 * rng.normal(),
      centre,
    ];
  },
};

function regressionSamples(kind: 'linear' | 'logistic'): {
  xs: number[];
  ys: number[];
  ts: number[];
} {
  const { inputs, targets } = (kind === 'linear' ? linearRegression : logisticRegression).dataset;
  return { xs: Array.from(inputs), ys: Array.from(inputs, () => 0), ts: Array.from(targets) };
}

export function makeDataset(request: DatasetRequest): SplitDataset {
  const { kind, noise, seed } = request;
  const rng = createRng(seed, RANDOM_STREAMS.networkData);
  let xs: number[] = [];
  let ys: number[] = [];
  let ts: number[] = [];
  if (kind === 'linear' || kind === 'logistic') {
    ({ xs, ys, ts } = regressionSamples(kind));
  } else {
    for (let i = 0; i < request.size; i++) {
      const [x, y, t] = DRAWS[kind](i, request.size, rng);
      xs.push(x);
      ys.push(y);
      ts.push(t);
    }
  }
  const size = ts.length;
  // A seeded shuffle decides which samples are held out: every k-th of the shuffled order.
  const order = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const testCount = Math.floor(size * request.testFraction);
  const isTest = new Uint8Array(size);
  for (let k = 0; k < testCount; k++) isTest[order[Math.floor((k * size) / testCount)]] = 1;
  const split = (wanted: number): Samples => {
    const inputs: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < size; i++) {
      if (isTest[i] !== wanted) continue;
      inputs.push(xs[i] + noise * rng.normal(), ys[i] + noise * rng.normal());
      targets.push(ts[i]);
    }
    return { inputs: Float64Array.from(inputs), targets: Float64Array.from(targets) };
  };
  return { train: split(0), test: split(1), info: DATASETS[kind] };
}
