import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './errors.ts';
import { parseExpression } from './parser.ts';

function errorOf(text: string): { message: string; start: number; end: number } {
  const result = parseExpression(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.error;
}

describe('parseExpression errors', () => {
  it('suggests the closest function for an unknown one', () => {
    expect(errorOf('sinn(x)')).toEqual({
      message: 'unknown function "sinn" at 1 — did you mean "sin"?',
      start: 0,
      end: 4,
    });
  });

  it.each([
    ['SIN(x)', 'unknown function "SIN" at 1 — did you mean "sin"?'],
    ['x + sqtr(y)', 'unknown function "sqtr" at 5 — did you mean "sqrt"?'],
    ['ln(x)', 'unknown function "ln" at 1 — did you mean "log"? (log is the natural logarithm)'],
    ['arctan(x)', 'unknown function "arctan" at 1 — did you mean "atan"?'],
    [
      'log10(x)',
      'unknown function "log10" at 1 — log is the natural logarithm; write log(x)/log(10)',
    ],
    [
      'foo(x)',
      'unknown function "foo" at 1 — the functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, sign',
    ],
    [
      'constructor(x)',
      'unknown function "constructor" at 1 — the functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, sign',
    ],
    [
      '__proto__(x)',
      'unknown function "__proto__" at 1 — the functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, sign',
    ],
  ])('explains the unknown function in %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('points just past the end for a missing ")"', () => {
    expect(errorOf('(1 - x)^2 + (y')).toEqual({ message: 'missing ")" at 15', start: 14, end: 14 });
  });

  it('reports a missing ")" of a function call', () => {
    expect(errorOf('sin(x')).toEqual({ message: 'missing ")" at 6', start: 5, end: 5 });
  });

  it('names the variables for an unknown name', () => {
    expect(errorOf('x + z')).toEqual({
      message: 'unknown name "z" at 5 — the variables are x and y',
      start: 4,
      end: 5,
    });
  });

  it.each([
    ['X + 1', 'unknown name "X" at 1 — did you mean "x"?'],
    ['PI*x', 'unknown name "PI" at 1 — did you mean "pi"?'],
    ['pii*x', 'unknown name "pii" at 1 — did you mean "pi"?'],
    ['xy', 'unknown name "xy" at 1 — write x*y'],
    ['x2 + 1', 'unknown name "x2" at 1 — write x*2 or x^2'],
    ['sinx + 1', 'unknown name "sinx" at 1 — write sin(x)'],
    ['toString', 'unknown name "toString" at 1 — the variables are x and y'],
  ])('gives a hint for the unknown name in %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('asks for an operand where one is missing', () => {
    expect(errorOf('x^2 + ')).toEqual({
      message: 'expected a number, x, y or "(" at 7',
      start: 6,
      end: 6,
    });
  });

  it.each([
    ['x + * y', 'expected a number, x, y or "(" at 5', 4, 5],
    ['()', 'expected a number, x, y or "(" at 2', 1, 2],
    ['sin()', 'expected a number, x, y or "(" at 5', 4, 5],
    ['* x', 'expected a number, x, y or "(" at 1', 0, 1],
    ['x^', 'expected a number, x, y or "(" at 3', 2, 2],
    ['x * * 2', 'expected a number, x, y or "(" at 5', 4, 5],
  ])('asks for an operand in %s', (text, message, start, end) => {
    expect(errorOf(text)).toEqual({ message, start, end });
  });

  it('refuses implicit multiplication with a hint', () => {
    expect(errorOf('2x')).toEqual({
      message: 'missing operator between "2" and "x" at 2 — write 2*x',
      start: 1,
      end: 2,
    });
  });

  it.each([
    ['2 y', 'missing operator between "2" and "y" at 3 — write 2*y'],
    ['2(x + 1)', 'missing operator between "2" and "(" at 2 — write 2*(…)'],
    ['(x)(y)', 'missing operator between ")" and "(" at 4 — write (…)*(…)'],
    ['sin(x)cos(y)', 'missing operator between ")" and "cos" at 7 — write (…)*cos(…)'],
    ['x(y + 1)', 'missing operator between "x" and "(" at 2 — write x*(…)'],
    ['2e', 'missing operator between "2" and "e" at 2 — write 2*e'],
    ['x^2 y', 'missing operator between "2" and "y" at 5 — write 2*y'],
  ])('refuses the juxtaposition in %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('reports an unexpected character', () => {
    expect(errorOf('x $ y')).toEqual({
      message: 'unexpected character "$" at 3',
      start: 2,
      end: 3,
    });
  });

  it.each([
    [
      'x, y',
      'unexpected character "," at 2 — functions take one argument, and decimals use a point, e.g. 0.5',
    ],
    ['[x + 1]', 'unexpected character "[" at 1 — use ( and ) for grouping'],
    ['x²', 'unexpected character "²" at 2 — write ^2'],
    ['f = x', 'unexpected character "=" at 3 — type only the right-hand side, e.g. x^2 + y^2'],
    [
      'f(x, y) = x',
      'unexpected character "=" at 9 — type only the right-hand side, e.g. x^2 + y^2',
    ],
    ['x = 1', 'unexpected character "=" at 3 — type only the right-hand side, e.g. x^2 + y^2'],
    ['|x|', 'unexpected character "|" at 1 — write abs(…)'],
    ['1.2.3', 'unexpected "." at 4 — a number has one decimal point'],
  ])('explains the character in %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('underlines a whole emoji, not half of it', () => {
    expect(errorOf('x + 🙂')).toEqual({
      message: 'unexpected character "🙂" at 5',
      start: 4,
      end: 6,
    });
  });

  it.each(['', '   ', '\n\t'])('asks for a formula when the input is blank (%j)', (text) => {
    expect(errorOf(text)).toEqual({
      message: 'type a formula in x and y, e.g. x^2 + y^2',
      start: 0,
      end: text.length,
    });
  });

  it('asks for parentheses after a function name', () => {
    expect(errorOf('sin x')).toEqual({
      message: 'function "sin" needs parentheses at 1 — write sin(x)',
      start: 0,
      end: 3,
    });
    expect(errorOf('2*exp')).toMatchObject({
      message: 'function "exp" needs parentheses at 3 — write exp(…)',
    });
  });

  it('refuses a formula longer than 1,000 characters', () => {
    const text = 'x + '.repeat(300) + 'x';
    expect(errorOf(text)).toEqual({
      message: 'the formula is too long (1,201 characters) — the limit is 1,000',
      start: 1000,
      end: 1201,
    });
  });

  it('refuses nesting deeper than 100 levels', () => {
    const text = `${'('.repeat(150)}x${')'.repeat(150)}`;
    expect(errorOf(text)).toEqual({
      message:
        'too deeply nested at 101 — the limit is 100 levels of parentheses, functions, signs and powers',
      start: 100,
      end: 101,
    });
  });

  it.each([
    ['a chain of signs', '-'.repeat(200) + 'x'],
    ['a tower of powers', 'x' + '^x'.repeat(200)],
    ['nested functions', 'sin('.repeat(150) + 'x' + ')'.repeat(150)],
  ])('refuses %s too deep to evaluate safely', (_name, text) => {
    expect(errorOf(text).message).toMatch(/^too deeply nested at \d+/);
  });

  it('reports an unmatched ")"', () => {
    expect(errorOf('x + 1)')).toEqual({ message: 'unmatched ")" at 6', start: 5, end: 6 });
  });

  it('refuses a number too large for a double', () => {
    expect(errorOf('1e400*x')).toEqual({
      message: 'the number "1e400" is too large at 1 — the largest is about 1.8e308',
      start: 0,
      end: 5,
    });
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('sin', 'sin')).toBe(0);
    expect(editDistance('sinn', 'sin')).toBe(1);
    expect(editDistance('sn', 'sin')).toBe(1);
    expect(editDistance('son', 'sin')).toBe(1);
    expect(editDistance('sni', 'sin')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestName', () => {
  it('suggests nothing when every candidate is far away', () => {
    expect(closestName('banana', ['sin', 'cos'])).toBeNull();
  });

  it('prefers the nearest candidate', () => {
    expect(closestName('cosh2', ['cos', 'cosh'])).toBe('cosh');
  });
});

describe('parseExpression messages for numbers from other notations, and long tokens', () => {
  it.each([
    ['0x10 + y', 'hexadecimal, binary and octal numbers are not read at 1 — write 16'],
    ['x*0b101', 'hexadecimal, binary and octal numbers are not read at 3 — write 5'],
    ['1_000*x', 'digit separators are not read at 2 — write 1000'],
    ['2foo', 'unknown name "foo" at 2 — the variables are x and y'],
    ['sin foo', 'function "sin" needs parentheses at 1 — write sin(…)'],
  ])('%s: %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('elides a 999-digit number and a 900-letter name, and escapes control characters', () => {
    const digits = '9'.repeat(999);
    expect(errorOf(digits).message).toBe(
      `the number "${'9'.repeat(39)}"… (999 characters) is too large at 1 — the largest is about 1.8e308`,
    );
    expect(errorOf(`${'1'.repeat(300)} x`).message).toBe(
      `missing operator between "${'1'.repeat(39)}"… (300 characters) and "x" at 302 — write …*x`,
    );
    expect(errorOf(`${'q'.repeat(900)}(x)`).message).toMatch(
      /^unknown function "q{39}"… \(900 characters\) at 1 — /,
    );
    expect(errorOf('x\u0000').message).toBe('unexpected character "\\u0000" at 2');
  });

  it('never suggests a formula that is itself an error', () => {
    const fragment = fc.constantFrom(
      ...['0x10', '0b101', '0o7', '1_000', '1_0.5', '2', '3.5', '1e400', 'x', 'y', 'pi', 'e'],
      ...['sin', 'cos', 'foo', 'xy', 'x2', 'sinx', 'ln', 'pow', 'log10', 'SIN', 'Y'],
      ...['(', ')', '+', '-', '*', '^', ' ', '²', '|', ',', '_', '9'.repeat(30)],
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 8 }), (parts) => {
        const result = parseExpression(parts.join(''));
        if (result.ok) return;
        const hint = / — write (.*)$/.exec(result.error.message)?.[1];
        if (hint === undefined) return;
        // Instructions with a placeholder (sqrt(…)), a fragment (^2) or words are not formulas.
        for (const formula of hint.split(' or ')) {
          if (formula.includes('…') || formula.startsWith('^') || formula.includes(' for '))
            continue;
          expect(parseExpression(formula), `${parts.join('')} → write ${formula}`).toMatchObject({
            ok: true,
          });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
