/**
 * Bowls: a single minimum and nothing to get stuck in. They show how curvature, conditioning and
 * flatness alone shape an optimizer's path.
 *
 * Every value and gradient follows the operation order of the surface's formula as PyTorch's
 * autograd evaluates it (x^2 as x*x, the chain rule along the formula's tree), so runs match the
 * float64 reference trajectories to rounding.
 */
import { defineSurface, minimum } from './define.ts';
import { diagonalQuadratic } from './quadraticForms.ts';
import type { Surface } from './types.ts';

export const quadratic: Surface = defineSurface({
  id: 'quadratic',
  name: 'Quadratic bowl',
  formula: 'x^2 + y^2',
  latex: 'x^2 + y^2',
  blurb:
    'The friendliest loss there is: it curves up equally in every direction, so the gradient points straight at the minimum.',
  view: { xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 },
  minima: [minimum(0, 0, 0, true)],
  defaultStart: [-1.5, 2],
  ...diagonalQuadratic(1, 1),
});

export const elongated: Surface = defineSurface({
  id: 'elongated',
  name: 'Elongated bowl',
  formula: '0.5*x^2 + 12.5*y^2',
  latex: '0.5\\,x^2 + 12.5\\,y^2',
  blurb:
    'It curves 25 times more steeply along y than along x, so a single learning rate either zigzags across the narrow direction or crawls along the long one.',
  view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  minima: [minimum(0, 0, 0, true)],
  defaultStart: [-4, 1],
  ...diagonalQuadratic(0.5, 12.5),
});

export const booth: Surface = defineSurface({
  id: 'booth',
  name: 'Booth',
  formula: '(x + 2*y - 7)^2 + (2*x + y - 5)^2',
  latex: '(x + 2y - 7)^2 + (2x + y - 5)^2',
  blurb:
    'A tilted, stretched bowl with its minimum off-centre at (1, 3): a gentle warm-up with exactly one answer.',
  view: { xMin: -10, xMax: 10, yMin: -10, yMax: 10 },
  minima: [minimum(1, 3, 0, true)],
  defaultStart: [-6, 6],
  value(x, y) {
    const first = x + 2 * y - 7;
    const second = 2 * x + y - 5;
    return first * first + second * second;
  },
  valueAndGradient(x, y, out, offset) {
    const first = x + 2 * y - 7;
    const second = 2 * x + y - 5;
    const dFirst = 2 * first;
    const dSecond = 2 * second;
    out[offset] = dFirst + dSecond * 2;
    out[offset + 1] = dFirst * 2 + dSecond;
    return first * first + second * second;
  },
  hessian(_x, _y, out, offset) {
    out[offset] = 10;
    out[offset + 1] = 8;
    out[offset + 2] = 10;
  },
});

export const matyas: Surface = defineSurface({
  id: 'matyas',
  name: 'Matyas',
  formula: '0.26*(x^2 + y^2) - 0.48*x*y',
  latex: '0.26\\,(x^2 + y^2) - 0.48\\,xy',
  blurb:
    'A long, shallow trough along the diagonal: near its floor the gradient is tiny, so the last stretch to the minimum takes patience.',
  view: { xMin: -10, xMax: 10, yMin: -10, yMax: 10 },
  minima: [minimum(0, 0, 0, true)],
  defaultStart: [8, -6],
  value(x, y) {
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  },
  valueAndGradient(x, y, out, offset) {
    out[offset] = 0.26 * (2 * x) - y * 0.48;
    out[offset + 1] = 0.26 * (2 * y) - 0.48 * x;
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  },
  hessian(_x, _y, out, offset) {
    out[offset] = 0.52;
    out[offset + 1] = -0.48;
    out[offset + 2] = 0.52;
  },
});

export const plateau: Surface = defineSurface({
  id: 'plateau',
  name: 'Plateau',
  formula: '1 - exp(-(x^2 + y^2))',
  latex: '1 - e^{-(x^2 + y^2)}',
  blurb:
    'A bowl that flattens into a plain: a little way from the centre the gradient all but vanishes, and plain gradient descent barely moves.',
  view: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 },
  minima: [minimum(0, 0, 0, true)],
  defaultStart: [2.5, 1.8],
  value(x, y) {
    return 1 - Math.exp(-(x * x + y * y));
  },
  valueAndGradient(x, y, out, offset) {
    const bump = Math.exp(-(x * x + y * y));
    out[offset] = bump * (2 * x);
    out[offset + 1] = bump * (2 * y);
    return 1 - bump;
  },
  hessian(x, y, out, offset) {
    const bump = Math.exp(-(x * x + y * y));
    out[offset] = bump * (2 - 4 * x * x);
    out[offset + 1] = -4 * x * y * bump;
    out[offset + 2] = bump * (2 - 4 * y * y);
  },
});
