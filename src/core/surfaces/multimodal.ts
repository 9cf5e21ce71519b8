/**
 * Polynomial surfaces with several minima of equal or different depth: where a run ends depends on
 * where it starts and how the optimizer moves.
 *
 * Values and gradients follow the formula's operation order as autograd evaluates it (see bowls.ts):
 * x^2 and x^3 as products, x^4 and x^6 as pow (torch calls C's pow for them).
 */
import { defineSurface, minimum } from './define.ts';
import type { Surface } from './types.ts';

export const himmelblau: Surface = defineSurface({
  id: 'himmelblau',
  name: 'Himmelblau',
  formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  latex: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  blurb:
    'Four equally deep minima: which one a run reaches depends only on where it starts and how the optimizer moves.',
  view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  minima: [
    minimum(3, 2, 0, true),
    minimum(-2.805118086952745, 3.131312518250573, 0, true),
    minimum(-3.779310253377747, -3.2831859912861696, 0, true),
    minimum(3.5844283403304917, -1.8481265269644036, 0, true),
  ],
  defaultStart: [0, 0],
  value(x, y) {
    const first = x * x + y - 11;
    const second = x + y * y - 7;
    return first * first + second * second;
  },
  valueAndGradient(x, y, out, offset) {
    const first = x * x + y - 11;
    const second = x + y * y - 7;
    const dFirst = 2 * first;
    const dSecond = 2 * second;
    out[offset] = dFirst * (2 * x) + dSecond;
    out[offset + 1] = dFirst + dSecond * (2 * y);
    return first * first + second * second;
  },
  hessian(x, y, out, offset) {
    out[offset] = 12 * x * x + 4 * y - 42;
    out[offset + 1] = 4 * (x + y);
    out[offset + 2] = 12 * y * y + 4 * x - 26;
  },
});

export const sixHumpCamel: Surface = defineSurface({
  id: 'six_hump_camel',
  name: 'Six-hump camel',
  formula: '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
  latex: '\\left(4 - 2.1\\,x^2 + \\tfrac{x^4}{3}\\right)x^2 + xy + (-4 + 4y^2)\\,y^2',
  blurb:
    'Six minima of three depths, with the two global ones near the centre, so the start and the step size decide which prize a run takes home.',
  view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  minima: [
    minimum(0.08984201310031806, -0.7126564030207396, -1.0316284534898774, true),
    minimum(-0.08984201310031806, 0.7126564030207396, -1.0316284534898774, true),
    minimum(1.703606714969981, -0.7960835686726251, -0.2154638243837184, false),
    minimum(-1.703606714969981, 0.7960835686726251, -0.2154638243837184, false),
    minimum(1.6071047529201974, 0.5686514548841314, 2.1042503103112575, false),
    minimum(-1.6071047529201974, -0.5686514548841314, 2.1042503103112575, false),
  ],
  defaultStart: [-1.5, 1.2],
  value(x, y) {
    const xSquared = x * x;
    const ySquared = y * y;
    return (4 - 2.1 * xSquared + x ** 4 / 3) * xSquared + x * y + (-4 + 4 * ySquared) * ySquared;
  },
  valueAndGradient(x, y, out, offset) {
    const xSquared = x * x;
    const ySquared = y * y;
    const xFactor = 4 - 2.1 * xSquared + x ** 4 / 3;
    const yFactor = -4 + 4 * ySquared;
    const twoX = 2 * x;
    const twoY = 2 * y;
    out[offset] = -xSquared * 2.1 * twoX + (xSquared / 3) * (4 * (x * x * x)) + xFactor * twoX + y;
    out[offset + 1] = x + ySquared * 4 * twoY + yFactor * twoY;
    return xFactor * xSquared + x * y + yFactor * ySquared;
  },
  hessian(x, y, out, offset) {
    const xSquared = x * x;
    out[offset] = 8 - 25.2 * xSquared + 10 * xSquared * xSquared;
    out[offset + 1] = 1;
    out[offset + 2] = 48 * y * y - 8;
  },
});

export const threeHumpCamel: Surface = defineSurface({
  id: 'three_hump_camel',
  name: 'Three-hump camel',
  formula: '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2',
  latex: '2x^2 - 1.05\\,x^4 + \\tfrac{x^6}{6} + xy + y^2',
  blurb:
    'A global minimum at the origin flanked by two shallower ones that readily catch a run started off to the side.',
  view: { xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 },
  minima: [
    minimum(0, 0, 0, true),
    minimum(1.747552345830289, -0.8737761729151445, 0.2986384422368594, false),
    minimum(-1.747552345830289, 0.8737761729151445, 0.2986384422368594, false),
  ],
  defaultStart: [-1.5, 1.5],
  value(x, y) {
    return 2 * (x * x) - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y * y;
  },
  valueAndGradient(x, y, out, offset) {
    // Autograd rounds 1/6 before multiplying by 6·x⁵, so the product is kept as written.
    out[offset] = 2 * (2 * x) - 1.05 * (4 * (x * x * x)) + (1 / 6) * (6 * x ** 5) + y;
    out[offset + 1] = x + 2 * y;
    return 2 * (x * x) - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y * y;
  },
  hessian(x, _y, out, offset) {
    const xSquared = x * x;
    out[offset] = 4 - 12.6 * xSquared + 5 * xSquared * xSquared;
    out[offset + 1] = 1;
    out[offset + 2] = 2;
  },
});

/** One coordinate's share of Styblinski–Tang, x⁴ − 16x² + 5x, before the overall ½. */
function styblinskiTerm(t: number): number {
  return t ** 4 - 16 * (t * t) + 5 * t;
}

/** ∂f/∂t of Styblinski–Tang, the ½ already applied (½·4t³ − 8·2t + 2.5, as autograd rounds it). */
function styblinskiSlope(t: number): number {
  return 0.5 * (4 * (t * t * t)) - 8 * (2 * t) + 2.5;
}

export const styblinskiTang: Surface = defineSurface({
  id: 'styblinski_tang',
  name: 'Styblinski–Tang',
  formula: '0.5*((x^4 - 16*x^2 + 5*x) + (y^4 - 16*y^2 + 5*y))',
  latex: '\\tfrac{1}{2}\\left[(x^4 - 16x^2 + 5x) + (y^4 - 16y^2 + 5y)\\right]',
  blurb:
    'One minimum per quadrant, each of a different depth: descent from the middle settles in the nearest one, not the deepest.',
  view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  minima: [
    minimum(-2.903534027771177, -2.903534027771177, -78.33233140754282, true),
    minimum(-2.903534027771177, 2.746802770990837, -64.19561235905536, false),
    minimum(2.746802770990837, -2.903534027771177, -64.19561235905536, false),
    minimum(2.746802770990837, 2.746802770990837, -50.05889331056788, false),
  ],
  defaultStart: [0.5, 0.5],
  value(x, y) {
    return 0.5 * (styblinskiTerm(x) + styblinskiTerm(y));
  },
  valueAndGradient(x, y, out, offset) {
    out[offset] = styblinskiSlope(x);
    out[offset + 1] = styblinskiSlope(y);
    return 0.5 * (styblinskiTerm(x) + styblinskiTerm(y));
  },
  hessian(x, y, out, offset) {
    out[offset] = 6 * x * x - 16;
    out[offset + 1] = 0;
    out[offset + 2] = 6 * y * y - 16;
  },
});

export const goldsteinPrice: Surface = defineSurface({
  id: 'goldstein_price',
  name: 'Goldstein–Price',
  formula:
    '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
  latex:
    '\\left[1 + (x + y + 1)^2\\,(19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\\right]\\left[30 + (2x - 3y)^2\\,(18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\\right]',
  blurb:
    'Values range from 3 to over a million around a few local minima, so the gradient’s size swings wildly and no single learning rate suits the whole surface.',
  view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  minima: [
    minimum(0, -1, 3, true),
    minimum(-0.6, -0.4, 30, false),
    minimum(1.8, 0.2, 84, false),
    minimum(1.2, 0.8, 840, false),
  ],
  defaultStart: [-0.5, 0.5],
  value(x, y) {
    const sum = x + y + 1;
    const difference = 2 * x - 3 * y;
    const left = 19 - 14 * x + 3 * (x * x) - 14 * y + 6 * x * y + 3 * (y * y);
    const right = 18 - 32 * x + 12 * (x * x) + 48 * y - 36 * x * y + 27 * (y * y);
    return (1 + sum * sum * left) * (30 + difference * difference * right);
  },
  valueAndGradient(x, y, out, offset) {
    const sum = x + y + 1;
    const difference = 2 * x - 3 * y;
    const sumSquared = sum * sum;
    const differenceSquared = difference * difference;
    const left = 19 - 14 * x + 3 * (x * x) - 14 * y + 6 * x * y + 3 * (y * y);
    const right = 18 - 32 * x + 12 * (x * x) + 48 * y - 36 * x * y + 27 * (y * y);
    const first = 1 + sumSquared * left;
    const second = 30 + differenceSquared * right;
    // Backward through first·second, then through each factor's square and polynomial.
    const dLeft = second * sumSquared;
    const dSum = second * left * (2 * sum);
    const dRight = first * differenceSquared;
    const dDifference = first * right * (2 * difference);
    out[offset] =
      dSum -
      dLeft * 14 +
      dLeft * 3 * (2 * x) +
      dLeft * y * 6 +
      dDifference * 2 -
      dRight * 32 +
      dRight * 12 * (2 * x) -
      dRight * y * 36;
    out[offset + 1] =
      dSum -
      dLeft * 14 +
      dLeft * (6 * x) +
      dLeft * 3 * (2 * y) -
      dDifference * 3 +
      dRight * 48 -
      dRight * (36 * x) +
      dRight * 27 * (2 * y);
    return first * second;
  },
  hessian(x, y, out, offset) {
    // The first factor depends on u = x + y only and the second on v = 2x − 3y only:
    // f = A(u)·B(v), which turns the Hessian into a few products of one-variable derivatives.
    const u = x + y;
    const v = 2 * x - 3 * y;
    const uPlusOne = u + 1;
    const leftU = 19 - 14 * u + 3 * u * u;
    const rightV = 18 - 16 * v + 3 * v * v;
    const a = 1 + uPlusOne * uPlusOne * leftU;
    const da = 2 * uPlusOne * leftU + uPlusOne * uPlusOne * (6 * u - 14);
    const dda = 2 * leftU + 4 * uPlusOne * (6 * u - 14) + 6 * uPlusOne * uPlusOne;
    const b = 30 + v * v * rightV;
    const db = 2 * v * rightV + v * v * (6 * v - 16);
    const ddb = 2 * rightV + 4 * v * (6 * v - 16) + 6 * v * v;
    out[offset] = dda * b + 4 * da * db + 4 * a * ddb;
    out[offset + 1] = dda * b - da * db - 6 * a * ddb;
    out[offset + 2] = dda * b - 6 * da * db + 9 * a * ddb;
  },
});
