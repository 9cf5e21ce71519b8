import { describe, expect, it } from 'vitest';
import { binaryNode, negateNode, numberNode, variableNode, type Expr } from './ast.ts';
import { parseExpression } from './parser.ts';
import { toInfix, toLatex } from './print.ts';

function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

const x = variableNode('x');

describe('toInfix', () => {
  it.each([
    ['x+y', 'x + y'],
    ['x * y', 'x*y'],
    ['x ** 2', 'x^2'],
    ['((x))', 'x'],
    ['1 - (2 - 3)', '1 - (2 - 3)'],
    ['(1 - 2) - 3', '1 - 2 - 3'],
    ['1 + (2 + 3)', '1 + (2 + 3)'],
    ['x/(y*2)', 'x/(y*2)'],
    ['(x/y)*2', 'x/y*2'],
    ['x*(y/2)', 'x*(y/2)'],
    ['(-x)^2', '(-x)^2'],
    ['-(x^2)', '-x^2'],
    ['(x^2)^3', '(x^2)^3'],
    ['x^(2^3)', 'x^2^3'],
    ['x^-2', 'x^(-2)'],
    ['x - -y', 'x - (-y)'],
    ['2*-x', '2*(-x)'],
    ['-(-x)', '-(-x)'],
    ['-(x*y)', '-(x*y)'],
    ['-x*y', '-x*y'],
    ['+x', 'x'],
    ['2.5E+4*x', '25000*x'],
    ['1e-7*x', '1e-7*x'],
    ['sin(x)^2', 'sin(x)^2'],
    ['π*x', 'pi*x'],
  ])('prints %s as %s', (text, expected) => {
    expect(toInfix(parse(text))).toBe(expected);
  });

  it('prints negative and non-finite numbers so they read back as the same value', () => {
    expect(toInfix(binaryNode('^', numberNode(-2), x))).toBe('(-2)^x');
    expect(toInfix(binaryNode('*', x, numberNode(-3)))).toBe('x*(-3)');
    expect(toInfix(binaryNode('-', x, numberNode(-0)))).toBe('x - (-0)');
    expect(toInfix(binaryNode('+', x, numberNode(Infinity)))).toBe('x + (1/0)');
    expect(toInfix(negateNode(numberNode(NaN)))).toBe('-(0/0)');
  });
});

describe('toLatex', () => {
  it.each([
    ['(1 - x)^2 + 100*(y - x^2)^2', '\\left(1 - x\\right)^{2} + 100 \\left(y - x^{2}\\right)^{2}'],
    ['x^4/3', '\\frac{x^{4}}{3}'],
    ['2*pi*x', '2 \\pi x'],
    ['x*2', 'x \\cdot 2'],
    ['x*y', 'x y'],
    ['sin(x)*cos(y)', '\\sin\\left(x\\right) \\cos\\left(y\\right)'],
    ['sqrt(x^2 + y^2)', '\\sqrt{x^{2} + y^{2}}'],
    ['abs(x)', '\\left|x\\right|'],
    ['log(x)', '\\ln\\left(x\\right)'],
    ['asin(x)', '\\arcsin\\left(x\\right)'],
    ['exp(-(x^2 + y^2))', '\\exp\\left(-\\left(x^{2} + y^{2}\\right)\\right)'],
    ['(x/y)^2', '\\left(\\frac{x}{y}\\right)^{2}'],
    ['2*(x/3)', '2 \\cdot \\frac{x}{3}'],
    ['-x^2', '-x^{2}'],
    ['x^-2', 'x^{-2}'],
    ['2^3^2', '2^{3^{2}}'],
    ['x - -y', 'x - \\left(-y\\right)'],
    ['1e-7*x', '10^{-7} x'],
    ['2.5e-7', '2.5 \\times 10^{-7}'],
    ['e^x', 'e^{x}'],
  ])('renders %s as %s', (text, expected) => {
    expect(toLatex(parse(text))).toBe(expected);
  });
});
