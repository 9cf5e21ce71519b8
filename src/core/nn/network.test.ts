import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { initialParameters } from './init.ts';
import { filterNormalize, randomFilterDirections, dot } from './landscape.ts';
import { ACTIVATIONS, LOSSES, Network, parameterCount, type LossName } from './network.ts';

function randomNetwork(layers: number[], activation: (typeof ACTIVATIONS)[number], loss: LossName) {
  const rng = createRng(7);
  const size = 12;
  const k = layers[layers.length - 1];
  const inputs = Float64Array.from({ length: 2 * size }, () => 2 * rng.next() - 1);
  const targets = Float64Array.from({ length: size }, () =>
    loss === 'cross_entropy'
      ? Math.floor(rng.next() * k)
      : loss === 'bce'
        ? rng.next() < 0.5
          ? 0
          : 1
        : rng.next(),
  );
  return new Network({ layers, activation, loss }, { inputs, targets });
}

describe('Network.lossAndGradient', () => {
  for (const activation of ACTIVATIONS) {
    for (const loss of LOSSES) {
      const layers = loss === 'cross_entropy' ? [2, 5, 4, 3] : [2, 5, 4, 1];
      it(`backprop matches central differences (${activation}, ${loss}) to 1e-6`, () => {
        const net = randomNetwork(layers, activation, loss);
        const theta = initialParameters(layers, 3);
        // Move ReLU units off their kink so the difference quotient is meaningful.
        for (let p = 0; p < theta.length; p++) theta[p] *= 1.7;
        const grad = new Float64Array(net.count);
        const f = net.lossAndGradient(theta, grad);
        expect(f).toBeCloseTo(net.loss(theta), 14);
        const point = Float64Array.from(theta);
        for (let p = 0; p < net.count; p++) {
          const h = 1e-6;
          point[p] = theta[p] + h;
          const up = net.loss(point);
          point[p] = theta[p] - h;
          const down = net.loss(point);
          point[p] = theta[p];
          expect(Math.abs((up - down) / (2 * h) - grad[p])).toBeLessThan(1e-6);
        }
      });
    }
  }

  it('a minibatch gradient is the mean over the chosen samples only', () => {
    const net = randomNetwork([2, 4, 1], 'tanh', 'bce');
    const theta = initialParameters([2, 4, 1], 1);
    const all = new Float64Array(net.count);
    const parts = [0, 1].map(() => new Float64Array(net.count));
    const order = Int32Array.from({ length: 12 }, (_, i) => i);
    net.lossAndGradient(theta, all);
    net.lossAndGradient(theta, parts[0], order, 0, 6);
    net.lossAndGradient(theta, parts[1], order, 6, 6);
    for (let p = 0; p < net.count; p++) {
      expect((parts[0][p] + parts[1][p]) / 2).toBeCloseTo(all[p], 14);
    }
  });
});

describe('initialParameters', () => {
  it('draws like nn.Linear: within ±1/√fan_in, from the seed', () => {
    const layers = [2, 16, 16, 1];
    const theta = initialParameters(layers, 42);
    expect(theta).toHaveLength(parameterCount(layers));
    expect(parameterCount(layers)).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    // Second layer: 16 × 16 weights then 16 biases, bound 1/4.
    const second = theta.subarray(48, 48 + 272);
    expect(Math.max(...second.map(Math.abs))).toBeLessThanOrEqual(0.25);
    expect(Math.max(...second.map(Math.abs))).toBeGreaterThan(0.2);
    expect(initialParameters(layers, 42)).toEqual(theta);
    expect(initialParameters(layers, 43)).not.toEqual(theta);
  });
});

describe('filter-normalised directions', () => {
  it('zero the biases and give each weight row the norm of the weight row', () => {
    const layers = [2, 3, 1];
    const theta = initialParameters(layers, 5);
    const d = filterNormalize(
      layers,
      theta,
      Float64Array.from(theta, (_, i) => i + 1),
    );
    // Layer 1: rows of 2 weights at 0, 2, 4; biases 6–8. Layer 2: 3 weights at 9, bias 12.
    for (const bias of [6, 7, 8, 12]) expect(d[bias]).toBe(0);
    for (const [start, length] of [
      [0, 2],
      [2, 2],
      [4, 2],
      [9, 3],
    ]) {
      const norm = (v: Float64Array) => Math.hypot(...v.subarray(start, start + length));
      expect(norm(d)).toBeCloseTo(norm(theta), 8);
    }
  });

  it('the random pair is orthogonal (Gram–Schmidt) and reproducible from the seed', () => {
    const layers = [2, 8, 8, 1];
    const theta = initialParameters(layers, 5);
    const [delta, eta] = randomFilterDirections(layers, theta, 11);
    expect(Math.abs(dot(delta, eta))).toBeLessThan(1e-12 * dot(delta, delta));
    expect(randomFilterDirections(layers, theta, 11)[1]).toEqual(eta);
  });
});
