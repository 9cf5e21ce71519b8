import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryNode,
  callNode,
  constantNode,
  FUNCTION_NAMES,
  negateNode,
  numberNode,
  variableNode,
  type BinaryOperator,
  type Expr,
  type FunctionName,
} from './ast.ts';
import { derivatives, gradient } from './derivative.ts';
import { evaluateExpression } from './evaluate.ts';
import { compileExpression, compileSurfaceFunctions } from './index.ts';
import { MAX_FORMULA_LENGTH, MAX_NESTING, parseExpression, PRINTED_LIMITS } from './parser.ts';
import { toInfix } from './print.ts';

const x = variableNode('x');
const y = variableNode('y');
const ONE = numberNode(1);

function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (a === b && a === 0);
}

// ---- Arbitrary well-formed trees over the whole grammar ----

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom<Expr>(x, y, constantNode('pi'), constantNode('e')),
  fc.integer({ min: 0, max: 12 }).map(numberNode),
  fc
    .double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .map((value) => numberNode(Math.abs(value))),
);

const { anyExpr } = fc.letrec<{ anyExpr: Expr }>((tie) => ({
  anyExpr: fc.oneof(
    { maxDepth: 6, depthSize: 'small' },
    leaf,
    tie('anyExpr').map(negateNode),
    fc
      .tuple(
        fc.constantFrom<BinaryOperator>('+', '-', '*', '/', '^'),
        tie('anyExpr'),
        tie('anyExpr'),
      )
      .map(([operator, left, right]) => binaryNode(operator, left, right)),
    fc
      .tuple(fc.constantFrom<FunctionName>(...FUNCTION_NAMES), tie('anyExpr'))
      .map(([name, argument]) => callNode(name, argument)),
  ),
}));

/** Fully parenthesised text with arbitrary spacing and `**` now and then: what people type. */
function looseText(expr: Expr, style: readonly boolean[], counter = { i: 0 }): string {
  const pick = (): boolean => style[counter.i++ % style.length];
  const space = (): string => (pick() ? ' ' : '');
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'variable':
    case 'constant':
      return expr.name;
    case 'negate':
      return `-${space()}(${looseText(expr.operand, style, counter)})`;
    case 'call':
      return `${expr.name}(${space()}${looseText(expr.argument, style, counter)}${space()})`;
    case 'binary': {
      const operator = expr.operator === '^' && pick() ? '**' : expr.operator;
      const left = looseText(expr.left, style, counter);
      const right = looseText(expr.right, style, counter);
      return `(${left})${space()}${operator}${space()}(${right})`;
    }
  }
}

describe('parseExpression properties', () => {
  const tokenSoup = fc
    .array(
      fc.constantFrom(
        'x',
        'y',
        'pi',
        'e',
        'sin',
        'sinn',
        'exp',
        '(',
        ')',
        '+',
        '-',
        '*',
        '/',
        '^',
        '**',
        '1',
        '2.5',
        '.5',
        '1e-3',
        '1e',
        '3E+2',
        ' ',
        '.',
        ',',
        'z',
        '²',
        '−',
        '×',
        '🙂',
        '=',
        '_',
        '0x1f',
        '0b1',
        '1_0',
      ),
      { maxLength: 400 },
    )
    .map((parts) => parts.join(''));
  const nesting = fc
    .tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('(', '-', 'sin(', 'x^', '+'))
    .map(
      ([count, opener]) =>
        `${opener.repeat(count)}x${opener === '(' || opener === 'sin(' ? ')'.repeat(count) : ''}`,
    );

  it('never throws: any text gives an expression or an error with a position', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 1100 }), tokenSoup, nesting),
        (text) => {
          const result = parseExpression(text);
          if (result.ok) {
            const compiled = compileExpression(text);
            expect(compiled.ok).toBe(true);
            if (compiled.ok) expect(typeof compiled.functions.value(0.5, -0.5)).toBe('number');
            return;
          }
          const { message, start, end } = result.error;
          expect(message.length).toBeGreaterThan(0);
          expect(0 <= start && start <= end && end <= text.length).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads back every well-formed formula, and its canonical text, as the same tree', () => {
    fc.assert(
      fc.property(
        anyExpr,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 32 }),
        (expr, style) => {
          const text = looseText(expr, style);
          fc.pre(text.length <= 1000);
          const parsed = parseExpression(text);
          if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
          expect(parsed.ast).toEqual(expr);
          const canonical = toInfix(parsed.ast);
          const again = parseExpression(canonical);
          if (!again.ok) throw new Error(`${canonical}: ${again.error.message}`);
          expect(again.ast).toEqual(expr);
          expect(toInfix(again.ast)).toBe(canonical);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('printing at the limits of what is typed', () => {
  /** Formulas as long and as deep as typed text may be: sign chains, towers, long sums. */
  const atTheLimits = fc.oneof(
    fc.integer({ min: 1, max: MAX_NESTING - 1 }).map((n) => `${'-'.repeat(n)}x`),
    fc
      .integer({ min: 1, max: Math.floor((MAX_NESTING - 1) / 2) })
      .map((n) => `x${'^-x'.repeat(n)}`),
    fc
      .integer({ min: 1, max: Math.floor(MAX_NESTING / 3) - 1 })
      .map((n) => `${'2*-('.repeat(n)}x${')'.repeat(n)}`),
    fc
      .tuple(
        fc.constantFrom('x', '-x', '1e20', '2*-y', '.5', 'x^-2', '-(-x)'),
        fc.constantFrom('+', '-', '*'),
      )
      .map(([term, operator]) => {
        const count = Math.floor((MAX_FORMULA_LENGTH + 1) / (term.length + 1));
        return Array<string>(count).fill(term).join(operator);
      }),
  );

  it('reads back the canonical text of every formula read within the typed limits, as the same tree', () => {
    fc.assert(
      fc.property(atTheLimits, (text) => {
        const parsed = parseExpression(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
        const canonical = toInfix(parsed.ast);
        const again = parseExpression(canonical, PRINTED_LIMITS);
        if (!again.ok) throw new Error(`${canonical}: ${again.error.message}`);
        expect(again.ast).toEqual(parsed.ast);
      }),
    );
  });
});

describe('compiled functions properties', () => {
  const point = fc.double({ min: -3, max: 3, noNaN: true });

  it('compute exactly what the tree evaluator computes, pointwise and on grids', () => {
    fc.assert(
      fc.property(anyExpr, point, point, (expr, px, py) => {
        const functions = compileSurfaceFunctions(expr);
        const d = derivatives(expr);
        const out = new Float64Array(3);
        const value = functions.valueAndGradient(px, py, out, 0);
        expect(sameNumber(value, evaluateExpression(d.f, px, py))).toBe(true);
        expect(sameNumber(functions.value(px, py), value)).toBe(true);
        expect(sameNumber(out[0], evaluateExpression(d.x, px, py))).toBe(true);
        expect(sameNumber(out[1], evaluateExpression(d.y, px, py))).toBe(true);
        functions.hessian(px, py, out, 0);
        [d.xx, d.xy, d.yy].forEach((e, k) =>
          expect(sameNumber(out[k], evaluateExpression(e, px, py))).toBe(true),
        );
        const xs = Float64Array.of(px, py, 0.25);
        const ys = Float64Array.of(py, -px);
        const grid = new Float64Array(6);
        functions.valueGrid(xs, ys, grid);
        ys.forEach((gy, j) =>
          xs.forEach((gx, i) =>
            expect(sameNumber(grid[j * 3 + i], functions.value(gx, gy))).toBe(true),
          ),
        );
      }),
      { numRuns: 400 },
    );
  });

  // Smooth, gently varying functions only, so finite differences are a fair check.
  const smoothLeaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.constantFrom<Expr>(x, y),
    fc.double({ min: 0.1, max: 2, noNaN: true }).map(numberNode),
  );
  const unary: readonly ((u: Expr) => Expr)[] = [
    (u) => callNode('sin', u),
    (u) => callNode('cos', u),
    (u) => callNode('tanh', u),
    (u) => callNode('atan', u),
    (u) => negateNode(u),
    (u) => callNode('exp', callNode('sin', u)),
    (u) => callNode('sqrt', binaryNode('+', ONE, binaryNode('^', u, numberNode(2)))),
    (u) => callNode('log', binaryNode('+', ONE, binaryNode('*', u, u))),
    (u) => binaryNode('^', u, numberNode(3)),
    (u) => binaryNode('^', binaryNode('+', numberNode(2), callNode('sin', u)), numberNode(1.5)),
    (u) => binaryNode('/', numberNode(3), binaryNode('+', numberNode(2), callNode('cos', u))),
    (u) => callNode('asin', binaryNode('*', numberNode(0.5), callNode('sin', u))),
  ];
  const { smooth } = fc.letrec<{ smooth: Expr }>((tie) => ({
    smooth: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      smoothLeaf,
      fc
        .tuple(fc.integer({ min: 0, max: unary.length - 1 }), tie('smooth'))
        .map(([k, u]) => unary[k](u)),
      fc
        .tuple(fc.constantFrom<BinaryOperator>('+', '-', '*'), tie('smooth'), tie('smooth'))
        .map(([operator, a, b]) => binaryNode(operator, a, b)),
      fc
        .tuple(tie('smooth'), tie('smooth'))
        .map(([a, b]) =>
          binaryNode('/', a, binaryNode('+', ONE, binaryNode('^', b, numberNode(2)))),
        ),
      // A variable exponent, kept in (0, 2) so nested powers cannot make f wildly oscillating.
      fc
        .tuple(tie('smooth'), tie('smooth'))
        .map(([a, b]) =>
          binaryNode(
            '^',
            binaryNode('+', numberNode(1.5), callNode('sin', a)),
            binaryNode('+', ONE, callNode('tanh', b)),
          ),
        ),
    ),
  }));
  const smoothPoint = fc.double({ min: -2, max: 2, noNaN: true });

  /**
   * Fourth-order central differences of g along one axis, at two step sizes: truncation error
   * grows with the function's wiggliness (h^4 f^(5)), rounding error with |f|/h, and which one
   * wins depends on the function, so an exact derivative must agree with at least one of them.
   */
  function slopes(g: (t: number) => number, t: number): [number, number] {
    const at = (h: number): number =>
      (-g(t + 2 * h) + 8 * g(t + h) - 8 * g(t - h) + g(t - 2 * h)) / (12 * h);
    const scale = Math.max(1, Math.abs(t));
    return [at(1e-3 * scale), at(1e-4 * scale)];
  }

  /** Within 1e-5 relative, allowing for the rounding noise of differences of values near `size`. */
  function agrees(exact: number, [coarse, fine]: [number, number], size: number): boolean {
    const tolerance = 1e-5 * Math.max(1, Math.abs(exact)) + 1e-10 * size;
    return Math.abs(exact - coarse) <= tolerance || Math.abs(exact - fine) <= tolerance;
  }

  it('give gradients that agree with central differences', () => {
    fc.assert(
      fc.property(smooth, smoothPoint, smoothPoint, (expr, px, py) => {
        const functions = compileSurfaceFunctions(expr);
        const out = new Float64Array(2);
        const value = functions.valueAndGradient(px, py, out, 0);
        fc.pre(Number.isFinite(value) && Number.isFinite(out[0]) && Number.isFinite(out[1]));
        const dx = slopes((t) => functions.value(t, py), px);
        const dy = slopes((t) => functions.value(px, t), py);
        fc.pre([...dx, ...dy].every(Number.isFinite));
        const size = Math.abs(value);
        expect(agrees(out[0], dx, size), `∂x ${out[0]} vs ${dx} for ${toInfix(expr)}`).toBe(true);
        expect(agrees(out[1], dy, size), `∂y ${out[1]} vs ${dy} for ${toInfix(expr)}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('give symmetric Hessians that agree with differences of the gradient', () => {
    fc.assert(
      fc.property(smooth, smoothPoint, smoothPoint, (expr, px, py) => {
        const functions = compileSurfaceFunctions(expr);
        const hessian = new Float64Array(3);
        functions.hessian(px, py, hessian, 0);
        fc.pre(hessian.every(Number.isFinite));
        const d = derivatives(expr);
        // ∂/∂x of ∂f/∂y, built independently of fxy = ∂/∂y of ∂f/∂x.
        const yx = evaluateExpression(gradient(d.y).x, px, py);
        expect(Math.abs(yx - hessian[1])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(yx)));

        const g = new Float64Array(2);
        const gradientAt = (gx: number, gy: number, k: number): number => {
          functions.valueAndGradient(gx, gy, g, 0);
          return g[k];
        };
        const fxx = slopes((t) => gradientAt(t, py, 0), px);
        const fxy = slopes((t) => gradientAt(px, t, 0), py);
        const fyy = slopes((t) => gradientAt(px, t, 1), py);
        fc.pre([...fxx, ...fxy, ...fyy].every(Number.isFinite));
        const size = Math.max(Math.abs(gradientAt(px, py, 0)), Math.abs(g[1]));
        expect(agrees(hessian[0], fxx, size), `fxx for ${toInfix(expr)}`).toBe(true);
        expect(agrees(hessian[1], fxy, size), `fxy for ${toInfix(expr)}`).toBe(true);
        expect(agrees(hessian[2], fyy, size), `fyy for ${toInfix(expr)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
