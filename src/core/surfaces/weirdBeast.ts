/**
 * The "weird beast": a loss with many shallow local minima, a few deeper ones and one global
 * minimum, built so that the article's first challenge can be watched. From the default start,
 * plain gradient descent with a small learning rate stops in a shallow dimple next to the start,
 * while SGD with momentum 0.9 and the same learning rate rolls over the dimples into the global
 * basin (see weirdBeast.test.ts for the numbers).
 *
 * f = bowl·(x² + y²)                       keeps everything inside the view
 *   + ripple·sin(k·x)·sin(k·y)             an egg-crate of ~150 shallow local minima
 *   − Σ depth·exp(−((x − cx)² + (y − cy)²)/width)   four wells: the global one and three deeper locals
 *
 * The ripples are steep enough (ripple·k ≈ 0.7) to trap small plain steps, but their barriers are low
 * (≈ 0.1) next to the height a rolling run gains on the way down, so momentum carries it across.
 * The formula and LaTeX are generated from the same constants as the code, so they cannot drift apart.
 */
import { defineSurface, minimum } from './define.ts';
import type { Surface } from './types.ts';

const BOWL = 0.08;
const RIPPLE = 0.06;
const RIPPLE_FREQUENCY = 12;

interface Well {
  depth: number;
  cx: number;
  cy: number;
  /** exp(−d²/width): a wider well has gentler walls and a larger basin. */
  width: number;
}

const WELLS: readonly Well[] = [
  { depth: 2.5, cx: 0.4, cy: -0.3, width: 1 },
  { depth: 1.8, cx: -2.3, cy: -2, width: 0.6 },
  { depth: 1.5, cx: 2.3, cy: 2.2, width: 0.6 },
  { depth: 1.2, cx: -2, cy: 2, width: 0.5 },
];

/** `x - 0.4`, `y + 2`: a shifted variable as the formula writes it. */
function shifted(variable: string, centre: number): string {
  return centre < 0 ? `${variable} + ${-centre}` : `${variable} - ${centre}`;
}

function wellFormula({ depth, cx, cy, width }: Well): string {
  const squaredDistance = `(${shifted('x', cx)})^2 + (${shifted('y', cy)})^2`;
  const exponent = width === 1 ? `-(${squaredDistance})` : `-(${squaredDistance})/${width}`;
  return ` - ${depth}*exp(${exponent})`;
}

function wellLatex({ depth, cx, cy, width }: Well): string {
  const squaredDistance = `(${shifted('x', cx)})^2 + (${shifted('y', cy)})^2`;
  const exponent = width === 1 ? `-(${squaredDistance})` : `-\\frac{${squaredDistance}}{${width}}`;
  return ` - ${depth}\\,e^{${exponent}}`;
}

const FORMULA =
  `${BOWL}*(x^2 + y^2) + ${RIPPLE}*sin(${RIPPLE_FREQUENCY}*x)*sin(${RIPPLE_FREQUENCY}*y)` +
  WELLS.map(wellFormula).join('');

const LATEX =
  `${BOWL}\\,(x^2 + y^2) + ${RIPPLE}\\sin(${RIPPLE_FREQUENCY}x)\\sin(${RIPPLE_FREQUENCY}y)` +
  WELLS.map(wellLatex).join('');

/** depth·exp(−d²/width) for one well. */
function wellDepthAt({ depth, cx, cy, width }: Well, x: number, y: number): number {
  const dx = x - cx;
  const dy = y - cy;
  return depth * Math.exp(-(dx * dx + dy * dy) / width);
}

export const weirdBeast: Surface = defineSurface({
  id: 'weird_beast',
  name: 'Weird beast',
  formula: FORMULA,
  latex: LATEX,
  blurb:
    'Scores of shallow dimples, a few deeper wells and one global basin: small plain gradient steps stop in the first dimple they meet, while momentum rolls over them.',
  view: { xMin: -4, xMax: 4, yMin: -4, yMax: 4 },
  // Found with Newton's method from seeds in each well (and at the dimple plain descent stops in),
  // to 50 digits, then rounded; weirdBeast.test.ts checks that the gradient vanishes there.
  minima: [
    minimum(0.3906428715842582, -0.3537305888623584, -2.523898985890112, true),
    minimum(-2.2311757683653495, -1.956826849934607, -1.135538394850511, false),
    minimum(2.2247898043417367, 2.0262435647386434, -0.732754976145888, false),
    minimum(-1.953043222504876, 1.953044129480161, -0.6382848958514126, false),
    minimum(2.6807380973813606, -1.6532246854615216, 0.7570748369517362, false),
  ],
  defaultStart: [3.2, -2],
  value(x, y) {
    let f =
      BOWL * (x * x + y * y) +
      RIPPLE * Math.sin(RIPPLE_FREQUENCY * x) * Math.sin(RIPPLE_FREQUENCY * y);
    for (const well of WELLS) f -= wellDepthAt(well, x, y);
    return f;
  },
  valueAndGradient(x, y, out, offset) {
    const sinX = Math.sin(RIPPLE_FREQUENCY * x);
    const sinY = Math.sin(RIPPLE_FREQUENCY * y);
    const rippleSlope = RIPPLE * RIPPLE_FREQUENCY;
    let gx = BOWL * (2 * x) + rippleSlope * Math.cos(RIPPLE_FREQUENCY * x) * sinY;
    let gy = BOWL * (2 * y) + rippleSlope * sinX * Math.cos(RIPPLE_FREQUENCY * y);
    let f = BOWL * (x * x + y * y) + RIPPLE * sinX * sinY;
    for (const well of WELLS) {
      const depthHere = wellDepthAt(well, x, y);
      f -= depthHere;
      // ∂/∂x of −depth·exp(−d²/width) is (2·depth·exp(…)/width)·(x − cx): a pull towards the centre.
      const pull = (2 * depthHere) / well.width;
      gx += pull * (x - well.cx);
      gy += pull * (y - well.cy);
    }
    out[offset] = gx;
    out[offset + 1] = gy;
    return f;
  },
  hessian(x, y, out, offset) {
    const rippleCurvature = RIPPLE * RIPPLE_FREQUENCY * RIPPLE_FREQUENCY;
    const sinX = Math.sin(RIPPLE_FREQUENCY * x);
    const sinY = Math.sin(RIPPLE_FREQUENCY * y);
    const egg = rippleCurvature * sinX * sinY;
    let fxx = 2 * BOWL - egg;
    let fxy = rippleCurvature * Math.cos(RIPPLE_FREQUENCY * x) * Math.cos(RIPPLE_FREQUENCY * y);
    let fyy = 2 * BOWL - egg;
    for (const well of WELLS) {
      const { cx, cy, width } = well;
      const dx = x - cx;
      const dy = y - cy;
      const pull = (2 * wellDepthAt(well, x, y)) / width;
      fxx += pull * (1 - (2 * dx * dx) / width);
      fxy -= (pull * 2 * dx * dy) / width;
      fyy += pull * (1 - (2 * dy * dy) / width);
    }
    out[offset] = fxx;
    out[offset + 1] = fxy;
    out[offset + 2] = fyy;
  },
});
