import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { derivatives, gradient, prepareForTorch } from './derivative.ts';
import { evaluateExpression } from './evaluate.ts';
import { parseExpression } from './parser.ts';
import { toInfix } from './print.ts';

function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

function gradientText(text: string): [string, string] {
  const { x, y } = gradient(prepareForTorch(parse(text)));
  return [toInfix(x), toInfix(y)];
}

function gradientAt(text: string, x: number, y: number): [number, number] {
  const d = derivatives(parse(text));
  return [evaluateExpression(d.x, x, y), evaluateExpression(d.y, x, y)];
}

describe('prepareForTorch', () => {
  it('folds constant subtrees the way Python would before torch sees them', () => {
    expect(toInfix(prepareForTorch(parse('2*pi*x + exp(1) + 2^3^2')))).toBe(
      `${2 * Math.PI}*x + ${Math.exp(1)} + 512`,
    );
  });

  it('rewrites c/u as reciprocal(u)*c, like Tensor.__rtruediv__', () => {
    expect(toInfix(prepareForTorch(parse('3/x + 1/y')))).toBe('1/x*3 + 1/y');
  });

  it('keeps non-finite constants as formulas', () => {
    expect(toInfix(prepareForTorch(parse('x + log(0)')))).toBe('x + log(0)');
  });

  it('is idempotent', () => {
    const once = prepareForTorch(parse('3/(x + 2*pi) - sqrt(2)*y'));
    expect(toInfix(prepareForTorch(once))).toBe(toInfix(once));
  });
});

describe('gradient', () => {
  it.each([
    ['x^2', '2*x', '0'],
    ['3*x + y', '3', '1'],
    ['x*y', 'y', 'x'],
    ['x*x', 'x + x'],
    ['sin(x)', 'cos(x)'],
    ['cos(x)', '-sin(x)'],
    ['exp(x)', 'exp(x)'],
    ['log(x)', '1/x'],
    ['sqrt(x)', '1/(2*sqrt(x))'],
    ['abs(x)', 'sign(x)'],
    ['sign(x)', '0'],
    ['-x', '-1'],
    ['x^3', '3*x^2'],
    ['2^x', `2^x*${Math.log(2)}`],
    ['5', '0', '0'],
  ])('differentiates %s', (text, dx, dy = '0') => {
    expect(gradientText(text)).toEqual([dx, dy]);
  });

  it("follows torch's backward formulas for the Rosenbrock function", () => {
    expect(gradientText('(1 - x)^2 + 100*(y - x^2)^2')).toEqual([
      '-(100*(2*(y - x^2)))*(2*x) + (-(2*(1 - x)))',
      '100*(2*(y - x^2))',
    ]);
  });

  it('differentiates a variable exponent: d/dx x^y = y*x^(y-1), d/dy = x^y*log(x)', () => {
    expect(gradientText('x^y')).toEqual(['y*x^(y - 1)', 'x^y*log(x)']);
    const [gx, gy] = gradientAt('x^y', 2, 3);
    expect(gx).toBe(12);
    expect(gy).toBeCloseTo(8 * Math.log(2), 14);
  });

  it('differentiates c/u through the reciprocal: d/dx 3/x = -3/x^2', () => {
    const [gx] = gradientAt('3/x', 2, 0);
    expect(gx).toBe(-0.75);
  });

  it.each([
    ['tan(x)', (x: number) => 1 / Math.cos(x) ** 2],
    ['asin(x)', (x: number) => 1 / Math.sqrt(1 - x * x)],
    ['acos(x)', (x: number) => -1 / Math.sqrt(1 - x * x)],
    ['atan(x)', (x: number) => 1 / (1 + x * x)],
    ['sinh(x)', (x: number) => Math.cosh(x)],
    ['cosh(x)', (x: number) => Math.sinh(x)],
    ['tanh(x)', (x: number) => 1 - Math.tanh(x) ** 2],
    ['x/y', () => 1 / 0.7],
    ['x^0.5', (x: number) => 0.5 / Math.sqrt(x)],
    ['x^-3', (x: number) => -3 / x ** 4],
  ])('gives the derivative of %s', (text, expected) => {
    const [gx] = gradientAt(text, 0.3, 0.7);
    expect(Math.abs(gx - expected(0.3))).toBeLessThan(1e-14 * Math.abs(expected(0.3)));
  });

  it('gives what torch autograd gives where the derivative is not finite', () => {
    expect(gradientAt('sqrt(x)', 0, 0)[0]).toBe(Infinity);
    expect(gradientAt('x^0.5', 0, 0)[0]).toBe(Infinity);
    expect(gradientAt('log(x)', 0, 0)[0]).toBe(Infinity);
    // sqrt'(0)·(2x) = Infinity·0
    expect(gradientAt('sqrt(x^2 + y^2)', 0, 0)[0]).toBeNaN();
    expect(gradientAt('abs(x)', 0, 0)[0]).toBe(0);
    expect(gradientAt('abs(x)', -2, 0)[0]).toBe(-1);
    // Branches without x carry no gradient, even when they are not finite.
    expect(gradientAt('x + sqrt(y)', 1, 0)).toEqual([1, Infinity]);
    expect(gradientAt('x*log(0) + y', 1, 1)[1]).toBe(1);
  });

  it('treats x^0 as the constant 1, as torch does', () => {
    expect(gradientText('x^0')).toEqual(['0', '0']);
  });
});

describe('derivatives', () => {
  it('gives the Hessian of the Rosenbrock function', () => {
    const d = derivatives(parse('(1 - x)^2 + 100*(y - x^2)^2'));
    const at = (e: Expr): number => evaluateExpression(e, 0.3, 0.7);
    expect(at(d.xx)).toBeCloseTo(2 - 400 * (0.7 - 0.09) + 800 * 0.09, 12);
    expect(at(d.xy)).toBeCloseTo(-400 * 0.3, 12);
    expect(at(d.yy)).toBe(200);
  });

  it('gives the zero Hessian of the monkey saddle at the origin', () => {
    const d = derivatives(parse('x^3 - 3*x*y^2'));
    for (const e of [d.x, d.y, d.xx, d.xy, d.yy])
      expect(evaluateExpression(e, 0, 0) === 0).toBe(true);
  });

  it('gives the curvature of the saddle x^2 - y^2', () => {
    const d = derivatives(parse('x^2 - y^2'));
    expect([d.xx, d.xy, d.yy].map(toInfix)).toEqual(['2', '0', '-2']);
  });
});
