import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { evaluateExpression } from './evaluate.ts';
import { parseExpression } from './parser.ts';
import { toInfix } from './print.ts';

function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.ast;
}

/** The tree as fully parenthesised text, so tests can state the grouping. */
function grouping(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'variable':
    case 'constant':
      return expr.name;
    case 'negate':
      return `(-${grouping(expr.operand)})`;
    case 'call':
      return `${expr.name}(${grouping(expr.argument)})`;
    case 'binary':
      return `(${grouping(expr.left)} ${expr.operator} ${grouping(expr.right)})`;
  }
}

function value(text: string, x = 0, y = 0): number {
  return evaluateExpression(parse(text), x, y);
}

describe('parseExpression', () => {
  it.each([
    ['1e-3', 0.001],
    ['2.5E+4', 25000],
    ['.5', 0.5],
    ['5.', 5],
    ['0.25e2', 25],
    ['7E2', 700],
    ['pi', Math.PI],
    ['e', Math.E],
    ['π', Math.PI],
  ])('reads the number %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['-x^2', '(-(x ^ 2))'],
    ['2^3^2', '(2 ^ (3 ^ 2))'],
    ['x^-2', '(x ^ (-2))'],
    ['-2^2', '(-(2 ^ 2))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['1 + 2*3', '(1 + (2 * 3))'],
    ['2*x^2', '(2 * (x ^ 2))'],
    ['-x*y', '((-x) * y)'],
    ['x - -y', '(x - (-y))'],
    ['2*-x', '(2 * (-x))'],
    ['+x', 'x'],
    ['x**2', '(x ^ 2)'],
    ['2 ** 3 ** 2', '(2 ^ (3 ^ 2))'],
    ['(1 - x)^2', '((1 - x) ^ 2)'],
    ['sin(x)^2', '(sin(x) ^ 2)'],
    ['-sin(x)', '(-sin(x))'],
    ['x^y^2', '(x ^ (y ^ 2))'],
    ['2^-x^2', '(2 ^ (-(x ^ 2)))'],
    ['x × y · 2 ÷ 4 − 1', '((((x * y) * 2) / 4) - 1)'],
  ])('groups %s as %s', (text, expected) => {
    expect(grouping(parse(text))).toBe(expected);
  });

  it('parses -x^2 as -(x^2)', () => {
    expect(value('-x^2', 3)).toBe(-9);
  });

  it('evaluates 2^3^2 right to left as 512', () => {
    expect(value('2^3^2')).toBe(512);
  });

  it('allows a signed exponent: x^-2 = x^(-2)', () => {
    expect(value('x^-2', 2)).toBe(0.25);
  });

  it('ignores whitespace, tabs and newlines', () => {
    expect(grouping(parse(' \t(1 -\n x) ^ 2 '))).toBe('((1 - x) ^ 2)');
  });

  it.each([
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'sinh',
    'cosh',
    'tanh',
    'exp',
    'log',
    'sqrt',
    'abs',
    'sign',
  ])('knows the function %s', (name) => {
    const ast = parse(`${name}(x / 2)`);
    expect(ast).toMatchObject({ kind: 'call', name });
    const expected = (Math as unknown as Record<string, (v: number) => number>)[name](0.3 / 2);
    expect(evaluateExpression(ast, 0.3, 0)).toBe(expected);
  });

  it('reads log as the natural logarithm', () => {
    expect(value('log(e)')).toBe(1);
  });

  it('parses the reference surfaces and prints them back unchanged', () => {
    const formulas = [
      '(1 - x)^2 + 100*(y - x^2)^2',
      '20 + (x^2 - 10*cos(2*pi*x)) + (y^2 - 10*cos(2*pi*y))',
      '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + exp(1) + 20',
      '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
      '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
      'x^3 - 3*x*y^2',
      '1 - exp(-(x^2 + y^2))',
      '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
      '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2',
    ];
    for (const formula of formulas) expect(toInfix(parse(formula))).toBe(formula);
  });

  it('drops only the parentheses that change nothing when printing back', () => {
    expect(toInfix(parse('0.5*((x^4 - 16*x^2 + 5*x) + (y^4 - 16*y^2 + 5*y))'))).toBe(
      '0.5*(x^4 - 16*x^2 + 5*x + (y^4 - 16*y^2 + 5*y))',
    );
  });

  it('accepts a formula of exactly the maximum length', () => {
    const text = `x${' + x'.repeat(199)}`.padEnd(1000, ' ');
    expect(text.length).toBe(1000);
    expect(parseExpression(text).ok).toBe(true);
  });

  it('accepts 99 nested parentheses', () => {
    expect(parseExpression(`${'('.repeat(99)}x${')'.repeat(99)}`).ok).toBe(true);
  });
});
