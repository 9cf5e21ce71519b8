import { describe, expect, it } from 'vitest';
import { parseExpression } from '../expr/index.ts';
import { SURFACES } from '../surfaces/index.ts';
import { toPython } from './python.ts';

function python(text: string): string {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return toPython(parsed.ast);
}

describe('toPython', () => {
  it.each([
    ['(1 - x)^2 + 100*(y - x^2)^2', '(1 - x)**2 + 100*(y - x**2)**2'],
    ['-x^2', '-x**2'],
    ['(-x)^2', '(-x)**2'],
    ['x^y^2', 'x**y**2'],
    ['(x^y)^2', '(x**y)**2'],
    ['x^-2', 'x**(-2)'],
    ['20 + (x^2 - 10*cos(2*pi*x))', '20 + (x**2 - 10*torch.cos(2*math.pi*x))'],
    ['exp(-(x^2 + y^2)) + e', 'torch.exp(-(x**2 + y**2)) + math.e'],
    ['x - (y - 1)', 'x - (y - 1)'],
    ['x/(y*2)', 'x/(y*2)'],
    [
      'sqrt(2)*abs(x) + abs(-3) + sign(-2)*x + sin(pi/2)',
      'math.sqrt(2)*torch.abs(x) + abs(-3) + -1*x + math.sin(math.pi/2)',
    ],
    ['1e-7*x + 2.5e21*y', '1e-7*x + 2.5e+21*y'],
  ])('%s → %s', (formula, expected) => {
    expect(python(formula)).toBe(expected);
  });

  it('prints every built-in surface written in the grammar with torch., math. and operators', () => {
    for (const surface of SURFACES) {
      const parsed = parseExpression(surface.formula);
      if (!parsed.ok) continue; // a surface defined by data, not by a formula
      const text = toPython(parsed.ast);
      expect(text).not.toContain('^');
      expect(text.replace(/(torch|math)\.[a-z]+/g, '')).not.toMatch(/[a-wz]/);
    }
  });
});
