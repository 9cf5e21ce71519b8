import { describe, expect, it } from 'vitest';
import { buildExperiment } from './experiment.ts';
import { layerSlices } from './network.ts';
import { randomFilterDirections } from './landscape.ts';
import { sharpness } from './sharpness.ts';
import { defaultNetworkSpec } from './spec.ts';

const experiment = buildExperiment({ ...defaultNetworkSpec(), dataset: 'circles' }, 3);
const { train, init } = experiment;

describe('sharpness', () => {
  it('is 0 where the output ignores every direction: the last layer’s weights are 0', () => {
    // A zero row gets a zero direction (filter normalisation) and biases are never moved, so the
    // output stays the last bias wherever the hidden layers go.
    const theta = Float64Array.from(init);
    const last = layerSlices(experiment.layers).at(-1)!;
    theta.fill(0, last.weight, last.bias);
    expect(sharpness(train, theta, 5)).toBe(0);
    expect(sharpness(train, init, 5)).not.toBe(0);
  });

  it('with one direction, is the mean rise along ± the random plane’s first direction', () => {
    const [delta] = randomFilterDirections(experiment.layers, init, 5);
    const at = (sign: number) => train.loss(init.map((v, p) => v + sign * 0.3 * delta[p]));
    const expected = (at(1) + at(-1)) / 2 - train.loss(init);
    expect(sharpness(train, init, 5, 0.3, 1)).toBeCloseTo(expected, 12);
  });
});
