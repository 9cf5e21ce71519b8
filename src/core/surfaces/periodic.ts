/**
 * Surfaces made of cos(2πx) ripples on a larger shape: a regular lattice of local minima around one
 * global minimum. They show why small steps settle in the nearest dip.
 *
 * Values and gradients follow the formula's operation order as autograd evaluates it (see bowls.ts).
 */
import { defineSurface, minimum } from './define.ts';
import type { Surface } from './types.ts';

/** 2π rounded once, as the python float 2*pi that torch multiplies x by. */
const TWO_PI = 2 * Math.PI;

/** Where Rastrigin's four nearest local minima sit on the axes (x = 10π·sin(2πx) solved). */
const RASTRIGIN_NEAREST = 0.9949586376523348;
const RASTRIGIN_NEAREST_VALUE = 0.9949590570932914;

/** One coordinate's share of Rastrigin: t² − 10·cos(2πt). */
function rastriginTerm(t: number): number {
  return t * t - 10 * Math.cos(TWO_PI * t);
}

/** Its derivative as autograd rounds it: 2t + (10·sin(2πt))·2π. */
function rastriginSlope(t: number): number {
  return 2 * t + 10 * Math.sin(TWO_PI * t) * TWO_PI;
}

/** Its second derivative: 2 + 40π²·cos(2πt). */
function rastriginCurvature(t: number): number {
  return 2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * t);
}

export const rastrigin: Surface = defineSurface({
  id: 'rastrigin',
  name: 'Rastrigin',
  formula: '20 + (x^2 - 10*cos(2*pi*x)) + (y^2 - 10*cos(2*pi*y))',
  latex: '20 + \\left(x^2 - 10\\cos 2\\pi x\\right) + \\left(y^2 - 10\\cos 2\\pi y\\right)',
  blurb:
    'A bowl covered in an egg-crate of evenly spaced local minima: small steps get caught in whichever dip is nearest.',
  view: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
  minima: [
    minimum(0, 0, 0, true),
    minimum(RASTRIGIN_NEAREST, 0, RASTRIGIN_NEAREST_VALUE, false),
    minimum(-RASTRIGIN_NEAREST, 0, RASTRIGIN_NEAREST_VALUE, false),
    minimum(0, RASTRIGIN_NEAREST, RASTRIGIN_NEAREST_VALUE, false),
    minimum(0, -RASTRIGIN_NEAREST, RASTRIGIN_NEAREST_VALUE, false),
  ],
  defaultStart: [2.3, -1.7],
  value(x, y) {
    return 20 + rastriginTerm(x) + rastriginTerm(y);
  },
  valueAndGradient(x, y, out, offset) {
    out[offset] = rastriginSlope(x);
    out[offset + 1] = rastriginSlope(y);
    return 20 + rastriginTerm(x) + rastriginTerm(y);
  },
  hessian(x, y, out, offset) {
    out[offset] = rastriginCurvature(x);
    out[offset + 1] = 0;
    out[offset + 2] = rastriginCurvature(y);
  },
});

/** Where Ackley's four nearest local minima sit on the axes. */
const ACKLEY_NEAREST = 0.9521665459501717;
const ACKLEY_NEAREST_VALUE = 2.5799275570298725;

export const ackley: Surface = defineSurface({
  id: 'ackley',
  name: 'Ackley',
  formula:
    '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + exp(1) + 20',
  latex:
    '-20\\exp\\!\\left(-0.2\\sqrt{0.5\\,(x^2 + y^2)}\\right) - \\exp\\!\\left(0.5\\,(\\cos 2\\pi x + \\cos 2\\pi y)\\right) + e + 20',
  blurb:
    'A nearly flat, bumpy plain around one sharp funnel at the origin: only runs that find the funnel reach the global minimum.',
  view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  minima: [
    minimum(0, 0, 0, true),
    minimum(ACKLEY_NEAREST, 0, ACKLEY_NEAREST_VALUE, false),
    minimum(-ACKLEY_NEAREST, 0, ACKLEY_NEAREST_VALUE, false),
    minimum(0, ACKLEY_NEAREST, ACKLEY_NEAREST_VALUE, false),
    minimum(0, -ACKLEY_NEAREST, ACKLEY_NEAREST_VALUE, false),
  ],
  defaultStart: [1.7, -1.3],
  value(x, y) {
    const radius = Math.sqrt(0.5 * (x * x + y * y));
    const ripples = 0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y));
    return -20 * Math.exp(-0.2 * radius) - Math.exp(ripples) + Math.E + 20;
  },
  valueAndGradient(x, y, out, offset) {
    const radius = Math.sqrt(0.5 * (x * x + y * y));
    const sinX = Math.sin(TWO_PI * x);
    const sinY = Math.sin(TWO_PI * y);
    const funnel = -20 * Math.exp(-0.2 * radius);
    const egg = Math.exp(0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y)));
    // The funnel's tip is a cone point: autograd would give 0·∞ = NaN there. We return 0, a valid
    // subgradient and the answer a person expects at the global minimum, so a run started exactly
    // on it stays put instead of "diverging".
    const funnelScale = radius === 0 ? 0 : ((funnel * -0.2) / (2 * radius)) * 0.5;
    const eggScale = -egg * 0.5;
    out[offset] = funnelScale * (2 * x) + eggScale * -sinX * TWO_PI;
    out[offset + 1] = funnelScale * (2 * y) + eggScale * -sinY * TWO_PI;
    return funnel - egg + Math.E + 20;
  },
  hessian(x, y, out, offset) {
    const cosX = Math.cos(TWO_PI * x);
    const cosY = Math.cos(TWO_PI * y);
    const sinX = Math.sin(TWO_PI * x);
    const sinY = Math.sin(TWO_PI * y);
    // Egg-crate part −exp(½(cos 2πx + cos 2πy)).
    const egg = Math.exp(0.5 * (cosX + cosY));
    const piSquared = Math.PI * Math.PI;
    let fxx = piSquared * egg * (2 * cosX - sinX * sinX);
    let fxy = -piSquared * egg * sinX * sinY;
    let fyy = piSquared * egg * (2 * cosY - sinY * sinY);
    // Funnel part g(r) = −20·exp(−αr) with r = √(x² + y²), α = 0.2/√2: radial curvature g″ along
    // the radius and g′/r across it. At the tip both blow up; the curvature is +∞ in every
    // direction, which is what we report.
    const r = Math.hypot(x, y);
    if (r === 0) {
      out[offset] = Infinity;
      out[offset + 1] = 0;
      out[offset + 2] = Infinity;
      return;
    }
    const alpha = 0.2 * Math.SQRT1_2;
    const decay = Math.exp(-alpha * r);
    const across = (20 * alpha * decay) / r;
    const along = -20 * alpha * alpha * decay;
    const ux = x / r;
    const uy = y / r;
    fxx += along * ux * ux + across * uy * uy;
    fxy += (along - across) * ux * uy;
    fyy += along * uy * uy + across * ux * ux;
    out[offset] = fxx;
    out[offset + 1] = fxy;
    out[offset + 2] = fyy;
  },
});
