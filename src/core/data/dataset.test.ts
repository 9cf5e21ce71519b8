import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { getSurface } from '../surfaces/index.ts';
import { datasetOf, type DatasetSurface } from './dataset.ts';
import { identityOrder } from './minibatch.ts';
import {
  crossEntropy,
  DATASET_SIZE,
  linearRegression,
  logisticRegression,
  sigmoid,
} from './regression.ts';

/** Each sample's loss written the plain way, as a reference (fine away from huge |z|). */
const sampleLosses: Record<string, (z: number, t: number) => number> = {
  linear_regression: (z, t) => (z - t) ** 2,
  logistic_regression: (z, t) => Math.log(1 + Math.exp(t === 1 ? -z : z)),
};

const DATASET_SURFACES: [string, DatasetSurface][] = [
  ['linear_regression', linearRegression],
  ['logistic_regression', logisticRegression],
];

/** Seeded points over the surface's view. */
function points(surface: DatasetSurface, count: number): [number, number][] {
  const rng = createRng(7, 11);
  const { xMin, xMax, yMin, yMax } = surface.view;
  return Array.from({ length: count }, () => [
    xMin + (xMax - xMin) * rng.next(),
    yMin + (yMax - yMin) * rng.next(),
  ]);
}

describe.each(DATASET_SURFACES)('%s', (id, surface) => {
  const { dataset } = surface;

  it('is registered as a built-in surface with its dataset of 200 samples', () => {
    expect(getSurface(id)).toBe(surface);
    expect(datasetOf(surface)).toBe(dataset);
    expect(dataset.size).toBe(DATASET_SIZE);
    expect(dataset.inputs.every(Number.isFinite)).toBe(true);
  });

  it('full-data gradient equals the mean of the per-sample gradients to 1e-12', () => {
    const exact = new Float64Array(2);
    const one = new Float64Array(2);
    const single = new Int32Array(1);
    for (const [x, y] of points(surface, 50)) {
      surface.valueAndGradient(x, y, exact, 0);
      let gx = 0;
      let gy = 0;
      for (let i = 0; i < dataset.size; i++) {
        single[0] = i;
        dataset.batchGradient(x, y, single, 0, 1, one, 0);
        gx += one[0];
        gy += one[1];
      }
      const scale = Math.max(1, Math.hypot(exact[0], exact[1]));
      expect(Math.abs(gx / dataset.size - exact[0]) / scale).toBeLessThan(1e-12);
      expect(Math.abs(gy / dataset.size - exact[1]) / scale).toBeLessThan(1e-12);
    }
  });

  it('full-data value equals the mean of the per-sample losses to 1e-12', () => {
    const loss = sampleLosses[id];
    for (const [x, y] of points(surface, 50)) {
      let sum = 0;
      for (let i = 0; i < dataset.size; i++)
        sum += loss(x * dataset.inputs[i] + y, dataset.targets[i]);
      const mean = sum / dataset.size;
      expect(Math.abs(surface.value(x, y) - mean) / Math.max(1, mean)).toBeLessThan(1e-12);
    }
  });

  it('a batch of all N samples gives the exact gradient to 1e-12', () => {
    const exact = new Float64Array(2);
    const batch = new Float64Array(2);
    const all = identityOrder(dataset.size);
    for (const [x, y] of points(surface, 20)) {
      surface.valueAndGradient(x, y, exact, 0);
      dataset.batchGradient(x, y, all, 0, dataset.size, batch, 0);
      const scale = Math.max(1, Math.hypot(exact[0], exact[1]));
      expect(Math.abs(batch[0] - exact[0]) / scale).toBeLessThan(1e-12);
      expect(Math.abs(batch[1] - exact[1]) / scale).toBeLessThan(1e-12);
    }
  });

  it('has one global minimum with ‖∇f‖ below 1e-12', () => {
    expect(surface.minima).toHaveLength(1);
    const [x, y] = surface.minima[0].point;
    const g = new Float64Array(2);
    surface.valueAndGradient(x, y, g, 0);
    expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-12);
  });
});

describe('linear regression', () => {
  it('its minimum is the least-squares line, solving the normal equations', () => {
    const { inputs, targets, size } = linearRegression.dataset;
    // Normal equations from raw moments: [Σu² Σu; Σu N]·(w, b) = (Σut, Σt), by Cramer's rule.
    let su = 0;
    let suu = 0;
    let st = 0;
    let sut = 0;
    for (let i = 0; i < size; i++) {
      su += inputs[i];
      suu += inputs[i] * inputs[i];
      st += targets[i];
      sut += inputs[i] * targets[i];
    }
    const det = suu * size - su * su;
    const w = (sut * size - su * st) / det;
    const b = (suu * st - su * sut) / det;
    const [minW, minB] = linearRegression.minima[0].point;
    expect(Math.abs(minW - w)).toBeLessThan(1e-12);
    expect(Math.abs(minB - b)).toBeLessThan(1e-12);
    // Near the generating line t = 2u − 1, and nothing nearby is lower.
    expect(Math.abs(minW - 2)).toBeLessThan(0.2);
    expect(Math.abs(minB + 1)).toBeLessThan(0.2);
    const lowest = linearRegression.minima[0].value;
    for (const [dx, dy] of [
      [1e-4, 0],
      [0, 1e-4],
      [-1e-4, 1e-4],
    ]) {
      expect(linearRegression.value(minW + dx, minB + dy)).toBeGreaterThan(lowest);
    }
  });

  it('its Hessian is the constant 2·mean of [[u², u], [u, 1]]', () => {
    const h = new Float64Array(3);
    linearRegression.hessian(0, 0, h, 0);
    const other = new Float64Array(3);
    linearRegression.hessian(3, -2, other, 0);
    expect([...other]).toEqual([...h]);
    expect(h[2]).toBe(2);
  });
});

describe('logistic regression', () => {
  it('has overlapping labels, so no line separates them and the minimum is finite', () => {
    const { inputs, targets } = logisticRegression.dataset;
    const ones = targets.filter((t) => t === 1).length;
    expect(ones).toBeGreaterThan(50);
    expect(ones).toBeLessThan(150);
    // Some label-1 sample lies below some label-0 sample: no threshold on u separates them.
    let highestZero = -Infinity;
    let lowestOne = Infinity;
    inputs.forEach((u, i) => {
      if (targets[i] === 1) lowestOne = Math.min(lowestOne, u);
      else highestZero = Math.max(highestZero, u);
    });
    expect(lowestOne).toBeLessThan(highestZero);
  });

  it('its minimum, found by Newton, stays put under more Newton steps to 1e-12', () => {
    const [x, y] = logisticRegression.minima[0].point;
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    logisticRegression.valueAndGradient(x, y, g, 0);
    logisticRegression.hessian(x, y, h, 0);
    const det = h[0] * h[2] - h[1] * h[1];
    const stepX = (h[2] * g[0] - h[1] * g[1]) / det;
    const stepY = (h[0] * g[1] - h[1] * g[0]) / det;
    expect(Math.hypot(stepX, stepY)).toBeLessThan(1e-12);
  });

  it('cross-entropy stays finite and accurate far out on the ramps', () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-30)).toBeCloseTo(Math.exp(-30), 25);
    expect(crossEntropy.slope(-1000, 1)).toBe(-1);
    expect(crossEntropy.curvature(1000, 0)).toBe(0);
    // Where the plain formula overflows (exp(1e4) = ∞), the loss is the margin itself.
    const g = new Float64Array(2);
    const f = logisticRegression.valueAndGradient(1e4, -1e4, g, 0);
    expect([f, g[0], g[1]].every(Number.isFinite)).toBe(true);
    expect(f).toBeGreaterThan(1e3);
    // At the origin every prediction is ½, so every sample loses log 2.
    expect(logisticRegression.value(0, 0)).toBeCloseTo(Math.LN2, 14);
  });
});

describe('datasetOf', () => {
  it('is null for surfaces that are plain formulas', () => {
    expect(datasetOf(getSurface('rosenbrock')!)).toBeNull();
  });
});
