import { describe, expect, it } from 'vitest';
import { derivatives } from './derivative.ts';
import { evaluateExpression } from './evaluate.ts';
import { compileExpression, type CompiledExpression } from './index.ts';

function compile(text: string): CompiledExpression {
  const result = compileExpression(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

const PI = Math.PI;

interface HandWritten {
  formula: string;
  f: (x: number, y: number) => number;
  gradient?: (x: number, y: number) => [number, number];
  hessian?: (x: number, y: number) => [number, number, number];
}

const HAND_WRITTEN: Record<string, HandWritten> = {
  rosenbrock: {
    formula: '(1 - x)^2 + 100*(y - x^2)^2',
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    hessian: (x, y) => [2 - 400 * (y - x * x) + 800 * x * x, -400 * x, 200],
  },
  rastrigin: {
    formula: '20 + (x^2 - 10*cos(2*pi*x)) + (y^2 - 10*cos(2*pi*y))',
    f: (x, y) => 20 + x * x - 10 * Math.cos(2 * PI * x) + y * y - 10 * Math.cos(2 * PI * y),
    gradient: (x, y) => [
      2 * x + 20 * PI * Math.sin(2 * PI * x),
      2 * y + 20 * PI * Math.sin(2 * PI * y),
    ],
    hessian: (x, y) => [
      2 + 40 * PI * PI * Math.cos(2 * PI * x),
      0,
      2 + 40 * PI * PI * Math.cos(2 * PI * y),
    ],
  },
  ackley: {
    formula:
      '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + exp(1) + 20',
    f: (x, y) =>
      -20 * Math.exp(-0.2 * Math.sqrt(0.5 * (x * x + y * y))) -
      Math.exp(0.5 * (Math.cos(2 * PI * x) + Math.cos(2 * PI * y))) +
      Math.E +
      20,
    gradient: (x, y) => {
      const s = Math.sqrt(0.5 * (x * x + y * y));
      const radial = (2 * Math.exp(-0.2 * s)) / s;
      const wave = PI * Math.exp(0.5 * (Math.cos(2 * PI * x) + Math.cos(2 * PI * y)));
      return [radial * x + wave * Math.sin(2 * PI * x), radial * y + wave * Math.sin(2 * PI * y)];
    },
  },
  sixHumpCamel: {
    formula: '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
    f: (x, y) => (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y,
    gradient: (x, y) => [8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y, x - 8 * y + 16 * y ** 3],
    hessian: (x, y) => [8 - 25.2 * x * x + 10 * x ** 4, 1, -8 + 48 * y * y],
  },
  goldsteinPrice: {
    formula:
      '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
    f: (x, y) =>
      (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y)) *
      (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y)),
  },
  monkeySaddle: {
    formula: 'x^3 - 3*x*y^2',
    f: (x, y) => x ** 3 - 3 * x * y * y,
    gradient: (x, y) => [3 * x * x - 3 * y * y, -6 * x * y],
    hessian: (x, y) => [6 * x, -6 * y, -6 * x],
  },
  plateau: {
    formula: '1 - exp(-(x^2 + y^2))',
    f: (x, y) => 1 - Math.exp(-(x * x + y * y)),
    gradient: (x, y) => {
      const e = Math.exp(-(x * x + y * y));
      return [2 * x * e, 2 * y * e];
    },
  },
};

const POINTS: [number, number][] = [
  [0.3, -0.7],
  [-1.2, 0.9],
  [2.1, 1.3],
  [-0.05, 0.02],
];

describe('compileExpression', () => {
  const surfaces = Object.entries(HAND_WRITTEN);

  it.each(surfaces)('evaluates %s like hand-written JavaScript', (_name, surface) => {
    const { functions } = compile(surface.formula);
    for (const [x, y] of POINTS) {
      expect(relativeError(functions.value(x, y), surface.f(x, y))).toBeLessThan(1e-14);
    }
  });

  it.each(surfaces.filter(([, s]) => s.gradient))(
    'gives the hand-derived gradient of %s',
    (_name, surface) => {
      const { functions } = compile(surface.formula);
      const out = new Float64Array(2);
      for (const [x, y] of POINTS) {
        functions.valueAndGradient(x, y, out, 0);
        const [gx, gy] = surface.gradient!(x, y);
        expect(relativeError(out[0], gx)).toBeLessThan(1e-12);
        expect(relativeError(out[1], gy)).toBeLessThan(1e-12);
      }
    },
  );

  it.each(surfaces.filter(([, s]) => s.hessian))(
    'gives the hand-derived Hessian of %s',
    (_name, surface) => {
      const { functions } = compile(surface.formula);
      const out = new Float64Array(3);
      for (const [x, y] of POINTS) {
        functions.hessian(x, y, out, 0);
        const expected = surface.hessian!(x, y);
        for (let k = 0; k < 3; k++) expect(relativeError(out[k], expected[k])).toBeLessThan(1e-12);
      }
    },
  );

  it.each(surfaces)(
    'compiles %s to exactly the numbers of the tree evaluator',
    (_name, surface) => {
      const result = compile(surface.formula);
      const d = derivatives(result.ast);
      const gradientOut = new Float64Array(2);
      const hessianOut = new Float64Array(3);
      for (const [x, y] of POINTS) {
        const value = result.functions.valueAndGradient(x, y, gradientOut, 0);
        result.functions.hessian(x, y, hessianOut, 0);
        expect(value).toBe(evaluateExpression(d.f, x, y));
        expect(result.functions.value(x, y)).toBe(value);
        expect([...gradientOut]).toEqual([d.x, d.y].map((e) => evaluateExpression(e, x, y)));
        expect([...hessianOut]).toEqual([d.xx, d.xy, d.yy].map((e) => evaluateExpression(e, x, y)));
      }
    },
  );

  it.each(surfaces)(
    'samples a grid of %s with exactly the numbers of value()',
    (_name, surface) => {
      const { functions } = compile(surface.formula);
      const xs = Float64Array.from([-1.5, -0.25, 0, 0.7, 2]);
      const ys = Float64Array.from([-1, 0.5, 1.25]);
      const out = new Float64Array(xs.length * ys.length);
      functions.valueGrid(xs, ys, out);
      ys.forEach((y, j) =>
        xs.forEach((x, i) => expect(out[j * xs.length + i]).toBe(functions.value(x, y))),
      );
    },
  );

  it('writes the gradient and the Hessian at the offset and nowhere else', () => {
    const { functions } = compile('x^2*y + y^3');
    const out = new Float64Array(7).fill(-1);
    expect(functions.valueAndGradient(2, 3, out, 2)).toBe(39);
    expect([...out]).toEqual([-1, -1, 12, 31, -1, -1, -1]);
    functions.hessian(2, 3, out, 4);
    expect([...out]).toEqual([-1, -1, 12, 31, 6, 4, 18]);
  });

  it('handles formulas without one or both variables', () => {
    const out = new Float64Array(3);
    const constant = compile('2^10').functions;
    expect(constant.valueAndGradient(1, 1, out, 0)).toBe(1024);
    expect([...out.subarray(0, 2)]).toEqual([0, 0]);
    const onlyY = compile('y').functions;
    expect(onlyY.valueAndGradient(5, 7, out, 0)).toBe(7);
    expect([...out.subarray(0, 2)]).toEqual([0, 1]);
    const grid = new Float64Array(4);
    onlyY.valueGrid(Float64Array.from([1, 2]), Float64Array.from([3, 4]), grid);
    expect([...grid]).toEqual([3, 3, 4, 4]);
    constant.valueGrid(Float64Array.from([1, 2]), Float64Array.from([3, 4]), grid);
    expect([...grid]).toEqual([1024, 1024, 1024, 1024]);
  });

  it('returns the canonical text and the LaTeX of the formula', () => {
    const result = compile('(1-x)**2+100*(y-x^2)^2');
    expect(result.normalized).toBe('(1 - x)^2 + 100*(y - x^2)^2');
    expect(result.latex).toBe('\\left(1 - x\\right)^{2} + 100 \\left(y - x^{2}\\right)^{2}');
  });

  it('passes parse errors through', () => {
    expect(compileExpression('sinn(x)')).toEqual({
      ok: false,
      error: { message: 'unknown function "sinn" at 1 — did you mean "sin"?', start: 0, end: 4 },
    });
  });

  it('keeps the programs of two compiled formulas apart', () => {
    const a = compile('x*y + sin(x*y)').functions;
    const b = compile('x - y').functions;
    const out = new Float64Array(2);
    a.valueAndGradient(1, 2, out, 0);
    expect(b.value(1, 2)).toBe(-1);
    expect(a.value(1, 2)).toBe(2 + Math.sin(2));
  });

  it('compiles the longest and deepest formulas the parser accepts', () => {
    const long = `x${' + x*y'.repeat(166)}`;
    const deep = `${'sin('.repeat(99)}x${')'.repeat(99)}`;
    const out = new Float64Array(3);
    for (const text of [long, deep]) {
      const { functions } = compile(text);
      expect(Number.isFinite(functions.valueAndGradient(0.5, 0.5, out, 0))).toBe(true);
      functions.hessian(0.5, 0.5, out, 0);
      expect(out.every(Number.isFinite)).toBe(true);
    }
  });
});
