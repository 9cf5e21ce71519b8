/**
 * Valleys: the minimum lies at the end of a narrow, curved, almost flat floor. Reaching the valley
 * is quick; following it is slow, because the steep walls force a small step.
 *
 * Values and gradients follow the formula's operation order as autograd evaluates it (see bowls.ts).
 */
import { defineSurface, minimum } from './define.ts';
import type { Surface } from './types.ts';

export const rosenbrock: Surface = defineSurface({
  id: 'rosenbrock',
  name: 'Rosenbrock',
  formula: '(1 - x)^2 + 100*(y - x^2)^2',
  latex: '(1 - x)^2 + 100\\,(y - x^2)^2',
  blurb:
    'Finding the curved, banana-shaped valley is easy; following its nearly flat floor to the minimum at (1, 1) is what separates the optimizers.',
  view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  minima: [minimum(1, 1, 0, true)],
  defaultStart: [-1.5, 2],
  value(x, y) {
    const toOne = 1 - x;
    const offFloor = y - x * x;
    return toOne * toOne + 100 * (offFloor * offFloor);
  },
  valueAndGradient(x, y, out, offset) {
    const toOne = 1 - x;
    const offFloor = y - x * x;
    const dOffFloor = 100 * (2 * offFloor);
    out[offset] = -(2 * toOne) - dOffFloor * (2 * x);
    out[offset + 1] = dOffFloor;
    return toOne * toOne + 100 * (offFloor * offFloor);
  },
  hessian(x, y, out, offset) {
    out[offset] = 2 + 1200 * x * x - 400 * y;
    out[offset + 1] = -400 * x;
    out[offset + 2] = 200;
  },
});

export const beale: Surface = defineSurface({
  id: 'beale',
  name: 'Beale',
  formula: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
  latex: '(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
  blurb:
    'Sharp ridges, flat shelves and values spanning many orders of magnitude make the step size hard to choose on the way into the narrow valley that ends at (3, 0.5).',
  view: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
  minima: [minimum(3, 0.5, 0, true)],
  defaultStart: [1, 1.5],
  value(x, y) {
    const r1 = 1.5 - x + x * y;
    const r2 = 2.25 - x + x * (y * y);
    const r3 = 2.625 - x + x * (y * y * y);
    return r1 * r1 + r2 * r2 + r3 * r3;
  },
  valueAndGradient(x, y, out, offset) {
    const ySquared = y * y;
    const yCubed = y * y * y;
    const r1 = 1.5 - x + x * y;
    const r2 = 2.25 - x + x * ySquared;
    const r3 = 2.625 - x + x * yCubed;
    const d1 = 2 * r1;
    const d2 = 2 * r2;
    const d3 = 2 * r3;
    out[offset] = -d1 + d1 * y - d2 + d2 * ySquared - d3 + d3 * yCubed;
    out[offset + 1] = d1 * x + d2 * x * (2 * y) + d3 * x * (3 * ySquared);
    return r1 * r1 + r2 * r2 + r3 * r3;
  },
  hessian(x, y, out, offset) {
    // f = Σ rᵢ², so each second derivative is 2·Σ(∂rᵢ·∂rᵢ + rᵢ·∂²rᵢ).
    const ySquared = y * y;
    const yCubed = ySquared * y;
    const r1 = 1.5 - x + x * y;
    const r2 = 2.25 - x + x * ySquared;
    const r3 = 2.625 - x + x * yCubed;
    const r1x = y - 1;
    const r2x = ySquared - 1;
    const r3x = yCubed - 1;
    const r1y = x;
    const r2y = 2 * x * y;
    const r3y = 3 * x * ySquared;
    out[offset] = 2 * (r1x * r1x + r2x * r2x + r3x * r3x);
    out[offset + 1] = 2 * (r1x * r1y + r1 + r2x * r2y + r2 * 2 * y + r3x * r3y + r3 * 3 * ySquared);
    out[offset + 2] = 2 * (r1y * r1y + r2y * r2y + r2 * 2 * x + r3y * r3y + r3 * 6 * x * y);
  },
});
