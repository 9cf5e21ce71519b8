/**
 * Saddles: points where the gradient vanishes without a minimum. They have no minima, so `minima` is
 * empty and runs eventually slide off towards −∞ (the simulation records that as divergence).
 *
 * Values and gradients follow the formula's operation order as autograd evaluates it (see bowls.ts).
 */
import { defineSurface } from './define.ts';
import { diagonalQuadratic } from './quadraticForms.ts';
import type { Surface } from './types.ts';

export const saddle: Surface = defineSurface({
  id: 'saddle',
  name: 'Saddle',
  formula: 'x^2 - y^2',
  latex: 'x^2 - y^2',
  blurb:
    'At the origin the gradient vanishes, yet the surface curves up along x and down along y, so descent started near the x-axis stalls there before it slides away.',
  view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  minima: [],
  defaultStart: [1, 0.001],
  ...diagonalQuadratic(1, -1),
});

export const monkeySaddle: Surface = defineSurface({
  id: 'monkey_saddle',
  name: 'Monkey saddle',
  formula: 'x^3 - 3*x*y^2',
  latex: 'x^3 - 3xy^2',
  blurb:
    'Three valleys meet at a flat point where the gradient and the Hessian both vanish, so neither tells descent which way is down.',
  view: { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 },
  minima: [],
  defaultStart: [1, 0.001],
  value(x, y) {
    return x * x * x - 3 * x * (y * y);
  },
  valueAndGradient(x, y, out, offset) {
    const ySquared = y * y;
    const threeX = 3 * x;
    out[offset] = 3 * (x * x) - ySquared * 3;
    out[offset + 1] = -(threeX * (2 * y));
    return x * x * x - threeX * ySquared;
  },
  hessian(x, y, out, offset) {
    out[offset] = 6 * x;
    out[offset + 1] = -6 * y;
    out[offset + 2] = -6 * x;
  },
});
