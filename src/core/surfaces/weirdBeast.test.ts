import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry.ts';
import { weirdBeast } from './weirdBeast.ts';

const [GLOBAL, ...LOCALS] = weirdBeast.minima;
const DEEP_WELLS = LOCALS.slice(0, 3);
/** The shallow dimple next to the default start, where plain gradient descent stops. */
const STUCK = LOCALS[3];
const STEPS = 2000;

/**
 * torch.optim.SGD without weight decay or dampening: momentum 0 is plain gradient descent;
 * otherwise the buffer starts as the first gradient, then b ← μ·b + g, and θ ← θ − lr·b.
 */
function runSgd(start: Point, lr: number, momentum: number, steps = STEPS) {
  const gradient = new Float64Array(2);
  let [x, y] = start;
  let bufferX = 0;
  let bufferY = 0;
  for (let step = 0; step < steps; step++) {
    weirdBeast.valueAndGradient(x, y, gradient, 0);
    if (momentum === 0 || step === 0) {
      bufferX = gradient[0];
      bufferY = gradient[1];
    } else {
      bufferX = momentum * bufferX + gradient[0];
      bufferY = momentum * bufferY + gradient[1];
    }
    x -= lr * bufferX;
    y -= lr * bufferY;
  }
  return { point: [x, y] as Point, loss: weirdBeast.value(x, y) };
}

function distance([ax, ay]: Point, [bx, by]: Point): number {
  return Math.hypot(ax - bx, ay - by);
}

describe('weird beast', () => {
  it('formula, generated from the same constants as the code, reads as expected', () => {
    expect(weirdBeast.formula).toBe(
      '0.08*(x^2 + y^2) + 0.06*sin(12*x)*sin(12*y)' +
        ' - 2.5*exp(-((x - 0.4)^2 + (y + 0.3)^2))' +
        ' - 1.8*exp(-((x + 2.3)^2 + (y + 2)^2)/0.6)' +
        ' - 1.5*exp(-((x - 2.3)^2 + (y - 2.2)^2)/0.6)' +
        ' - 1.2*exp(-((x + 2)^2 + (y - 2)^2)/0.5)',
    );
  });

  it('has one global minimum, three deeper wells and a shallow dimple, as listed', () => {
    expect(GLOBAL.global).toBe(true);
    expect(LOCALS.every((known) => !known.global)).toBe(true);
    expect(GLOBAL.value).toBeCloseTo(-2.5239, 4);
    expect(DEEP_WELLS.map((known) => known.value)).toEqual(
      [...DEEP_WELLS.map((known) => known.value)].sort((a, b) => a - b),
    );
    expect(Math.max(...DEEP_WELLS.map((known) => known.value))).toBeLessThan(-0.6);
    expect(STUCK.value).toBeCloseTo(0.7571, 4);
  });

  it("the listed minima are fixed points of Newton's method on our gradient and Hessian", () => {
    const gradient = new Float64Array(2);
    const hessian = new Float64Array(3);
    for (const { point } of weirdBeast.minima) {
      let [x, y] = point;
      for (let iteration = 0; iteration < 5; iteration++) {
        weirdBeast.valueAndGradient(x, y, gradient, 0);
        weirdBeast.hessian(x, y, hessian, 0);
        const [a, b, c] = hessian;
        const determinant = a * c - b * b;
        x -= (c * gradient[0] - b * gradient[1]) / determinant;
        y -= (a * gradient[1] - b * gradient[0]) / determinant;
      }
      expect(distance([x, y], point)).toBeLessThan(1e-13);
    }
  });

  it('is covered in shallow local minima: well over a hundred grid cells below all 8 neighbours', () => {
    const { xMin, xMax, yMin, yMax } = weirdBeast.view;
    const cells = 400;
    const values = new Float64Array((cells + 1) * (cells + 1));
    for (let i = 0; i <= cells; i++) {
      for (let j = 0; j <= cells; j++) {
        values[i * (cells + 1) + j] = weirdBeast.value(
          xMin + ((xMax - xMin) * i) / cells,
          yMin + ((yMax - yMin) * j) / cells,
        );
      }
    }
    let localMinima = 0;
    for (let i = 1; i < cells; i++) {
      for (let j = 1; j < cells; j++) {
        const here = values[i * (cells + 1) + j];
        let lowest = true;
        for (let di = -1; di <= 1; di++) {
          for (let dj = -1; dj <= 1; dj++) {
            if ((di !== 0 || dj !== 0) && values[(i + di) * (cells + 1) + j + dj] <= here) {
              lowest = false;
            }
          }
        }
        if (lowest) localMinima++;
      }
    }
    // Newton from a dense grid of seeds finds 155 minima inside the view.
    expect(localMinima).toBeGreaterThan(100);
  });

  // From the default start (3.2, −2), for every lr here: plain descent stops at the dimple
  // (2.68074, −1.65322) with loss 0.757075 (after ~1900, 980, 510 steps for lr 0.005, 0.01, 0.02);
  // momentum 0.9 settles in the global minimum (0.390643, −0.353731), loss −2.523899, in ~400 steps.
  it.each([0.005, 0.01, 0.02])(
    'SGD(lr=%s) stops in a shallow dimple; SGD(momentum=0.9) rolls on into the global minimum',
    (lr) => {
      const plain = runSgd(weirdBeast.defaultStart, lr, 0);
      const heavyBall = runSgd(weirdBeast.defaultStart, lr, 0.9);
      expect(distance(plain.point, STUCK.point)).toBeLessThan(1e-6);
      expect(plain.loss).toBeCloseTo(0.757075, 6);
      expect(distance(heavyBall.point, GLOBAL.point)).toBeLessThan(1e-9);
      expect(heavyBall.loss).toBeCloseTo(-2.523899, 6);
      expect(heavyBall.loss).toBeLessThan(plain.loss - 3);
    },
  );

  it('the contrast survives moving the start by up to 0.1 in each direction (lr = 0.01)', () => {
    const [startX, startY] = weirdBeast.defaultStart;
    for (const dx of [-0.1, -0.05, 0, 0.05, 0.1]) {
      for (const dy of [-0.1, -0.05, 0, 0.05, 0.1]) {
        const start: Point = [startX + dx, startY + dy];
        const plain = runSgd(start, 0.01, 0);
        const heavyBall = runSgd(start, 0.01, 0.9);
        expect(plain.loss).toBeGreaterThan(0.5);
        expect(distance(heavyBall.point, GLOBAL.point)).toBeLessThan(1e-6);
      }
    }
  });
});
