import { CONSTANT_VALUES, isVariableFree, type Expr } from './ast.ts';
import { cPow, FUNCTION_IMPLEMENTATIONS, powScalar } from './numeric.ts';

/**
 * f(x, y) by walking the tree: the reference the compiled closures and the grid evaluator must match
 * bit for bit (numeric.ts says which arithmetic). Slow, and a subtree shared in a DAG is evaluated
 * each time it is reached; for tests, constant folding and one-off use.
 */
export function evaluateExpression(expr: Expr, x: number, y: number): number {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'variable':
      return expr.name === 'x' ? x : y;
    case 'constant':
      return CONSTANT_VALUES[expr.name];
    case 'negate':
      return -evaluateExpression(expr.operand, x, y);
    case 'call':
      return FUNCTION_IMPLEMENTATIONS[expr.name](evaluateExpression(expr.argument, x, y));
    case 'binary': {
      const left = evaluateExpression(expr.left, x, y);
      const right = evaluateExpression(expr.right, x, y);
      switch (expr.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
        case '^':
          return isVariableFree(expr.right) && !isVariableFree(expr.left)
            ? powScalar(left, right)
            : cPow(left, right);
      }
    }
  }
}

/** The value of a subtree without x or y. */
export function evaluateConstant(expr: Expr): number {
  return evaluateExpression(expr, NaN, NaN);
}
