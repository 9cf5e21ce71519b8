/**
 * Formulas as Python for torch: `(1 - x)**2 + 100*(y - x**2)**2`, `torch.sin(x)`, `math.pi`.
 * Python's operator precedence is ours (`**` binds tighter than unary minus and associates to the
 * right), so parentheses go exactly where `toInfix` puts them. Subtrees without x or y are plain
 * Python floats, as they are in a torch script: functions of them come from `math`.
 */
import type { Expr } from '../expr/index.ts';
import { isVariableFree } from '../expr/ast.ts';
import { evaluateExpression } from '../expr/index.ts';
import { needsParentheses } from '../expr/print.ts';

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'math.nan';
  if (value === Infinity) return 'math.inf';
  if (value === -Infinity) return '-math.inf';
  // JavaScript's shortest round-trip text is valid Python and reads back as the same double.
  return Object.is(value, -0) ? '-0.0' : String(value);
}

function operand(
  expr: Expr,
  operator: '+' | '-' | '*' | '/' | '^' | 'negate',
  side: 'left' | 'right',
) {
  const text = toPython(expr);
  return needsParentheses(expr, operator, side) ? `(${text})` : text;
}

/** Python source for `expr` with x and y as torch tensors; needs `import math` and `import torch`. */
export function toPython(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return pythonNumber(expr.value);
    case 'variable':
      return expr.name;
    case 'constant':
      return `math.${expr.name}`;
    case 'negate':
      return `-${operand(expr.operand, 'negate', 'left')}`;
    case 'binary': {
      const left = operand(expr.left, expr.operator, 'left');
      const right = operand(expr.right, expr.operator, 'right');
      if (expr.operator === '^') return `${left}**${right}`;
      return expr.operator === '*' || expr.operator === '/'
        ? `${left}${expr.operator}${right}`
        : `${left} ${expr.operator} ${right}`;
    }
    case 'call': {
      const argument = toPython(expr.argument);
      if (!isVariableFree(expr.argument)) return `torch.${expr.name}(${argument})`;
      if (expr.name === 'abs') return `abs(${argument})`;
      // math has no sign(): a constant's sign is a constant.
      if (expr.name === 'sign') return pythonNumber(evaluateExpression(expr, 0, 0));
      return `math.${expr.name}(${argument})`;
    }
  }
}
