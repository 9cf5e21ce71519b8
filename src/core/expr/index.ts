/**
 * Typed formulas f(x, y): parse, print, differentiate exactly, and compile to the same
 * `SurfaceFunctions` the built-in surfaces implement. Never eval or new Function.
 *
 * Pipeline: text → tokens → tree (parser.ts) → the tree torch would compute (prepareForTorch) →
 * derivative trees (derivative.ts) → one DAG with shared subexpressions (dag.ts) → closures
 * (closures.ts) for points, array kernels (gridProgram.ts) for grids.
 */
import type { SurfaceFunctions } from '../surfaces/types.ts';
import type { Expr } from './ast.ts';
import { compilePointProgram } from './closures.ts';
import { buildDag } from './dag.ts';
import { derivatives, gradient, prepareForTorch } from './derivative.ts';
import type { ExpressionError } from './errors.ts';
import { compileGridEvaluator } from './gridProgram.ts';
import { parseExpression } from './parser.ts';
import { toInfix, toLatex } from './print.ts';

export type { BinaryOperator, ConstantName, Expr, FunctionName, VariableName } from './ast.ts';
export { FUNCTION_NAMES } from './ast.ts';
export type { Derivatives, Gradient } from './derivative.ts';
export { derivatives, prepareForTorch } from './derivative.ts';
export type { ExpressionError } from './errors.ts';
export { evaluateExpression } from './evaluate.ts';
export type { ParseResult } from './parser.ts';
export { MAX_FORMULA_LENGTH, MAX_NESTING, parseExpression, PRINTED_LIMITS } from './parser.ts';
export type { ParseLimits } from './parser.ts';
export { toInfix, toLatex } from './print.ts';

export interface CompiledExpression {
  ok: true;
  /** value, valueAndGradient, hessian and valueGrid, all exact and allocation-free per call. */
  functions: Required<SurfaceFunctions>;
  /** The tree as parsed (before constant folding). */
  ast: Expr;
  /** KaTeX source of the formula. */
  latex: string;
  /** The formula printed back in canonical form, e.g. `(1 - x)^2 + 100*(y - x^2)^2`. */
  normalized: string;
}

export type CompileResult = CompiledExpression | { ok: false; error: ExpressionError };

export function compileExpression(text: string): CompileResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const { ast } = parsed;
  return {
    ok: true,
    functions: compileSurfaceFunctions(ast),
    ast,
    latex: toLatex(ast),
    normalized: toInfix(ast),
  };
}

/**
 * The numerical functions of a tree. Values and gradients are the numbers PyTorch float64 autograd
 * gives for the same formula written in Python: bit for bit where the formula is arithmetic and
 * powers, within a unit in the last place where V8's exp/sin/cos differ from glibc's (numeric.ts).
 * The Hessian is compiled on first use.
 */
export function compileSurfaceFunctions(ast: Expr): Required<SurfaceFunctions> {
  const f = prepareForTorch(ast);
  const valueDag = buildDag([f]);
  const valueProgram = compilePointProgram(valueDag);
  const grad = gradient(f);
  const gradientProgram = compilePointProgram(buildDag([f, grad.x, grad.y]));
  const grid = compileGridEvaluator(valueDag);

  const valueEnv = valueProgram.env;
  const valueOut = valueProgram.outputs[0];
  const gradientEnv = gradientProgram.env;
  const [valueThunk, gxThunk, gyThunk] = gradientProgram.outputs;
  let hessian: ((x: number, y: number, out: Float64Array, offset: number) => void) | null = null;

  return {
    value(x, y) {
      valueEnv[0] = x;
      valueEnv[1] = y;
      return valueOut();
    },
    valueAndGradient(x, y, out, offset) {
      gradientEnv[0] = x;
      gradientEnv[1] = y;
      const value = valueThunk();
      out[offset] = gxThunk();
      out[offset + 1] = gyThunk();
      return value;
    },
    hessian(x, y, out, offset) {
      hessian ??= compileHessian(ast);
      hessian(x, y, out, offset);
    },
    valueGrid(xs, ys, out) {
      grid(xs, ys, out);
    },
  };
}

function compileHessian(
  ast: Expr,
): (x: number, y: number, out: Float64Array, offset: number) => void {
  const { xx, xy, yy } = derivatives(ast);
  const program = compilePointProgram(buildDag([xx, xy, yy]));
  const { env } = program;
  const [fxx, fxy, fyy] = program.outputs;
  return (x, y, out, offset) => {
    env[0] = x;
    env[1] = y;
    out[offset] = fxx();
    out[offset + 1] = fxy();
    out[offset + 2] = fyy();
  };
}
