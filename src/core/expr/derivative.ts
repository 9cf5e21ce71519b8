/**
 * Exact derivatives, built symbolically as expression trees by reverse-mode accumulation.
 *
 * Why symbolic rather than forward-mode dual numbers: duals carry a pair through every operation,
 * evaluate f once per direction and need nested duals for the Hessian. Derivative trees can be
 * printed, differentiated again for the Hessian, and merged with f into one DAG (dag.ts) whose
 * shared subexpressions are computed once: one straight-line closure program then gives f and ∇f
 * per call, without allocating.
 * Why reverse mode: building the trees the way autograd walks the graph, with torch's backward
 * formula for each operation (derivatives.yaml) and its order of summing the contributions that meet
 * at x or y, reproduces torch's float64 gradients bit for bit wherever the operations are arithmetic
 * and powers (every polynomial surface of the reference runs), not merely to within rounding.
 *
 * What that means where derivatives are not finite (as torch autograd does):
 * - sqrt'(0) is Infinity, so d/dx sqrt(x^2 + y^2) at the origin is Infinity*0 = NaN.
 * - abs' is sign, with sign(0) = 0; sign' is 0.
 * - log'(0) is Infinity; u^c at u = 0 with c < 1 gives c*0^(c-1) = Infinity.
 * - Branches without x or y carry no gradient at all (torch does not differentiate them).
 * Where we differ: torch masks two NaNs of u^v with variable exponent (at v = 0 for ∂/∂u and at
 * u = 0, v ≥ 0 for ∂/∂v) to 0 with `where`; here they stay NaN. For c^v with c = 0 we give 0.
 */
import { binaryNode, isVariableFree, postOrder, type Expr, type VariableName } from './ast.ts';
import { add, call, divide, multiply, negate, ONE, power, subtract, TWO, ZERO } from './build.ts';
import { evaluateConstant } from './evaluate.ts';

/**
 * The tree torch would actually compute for a formula typed in Python: constant subtrees folded to
 * one number (Python evaluates them in floats first; non-finite ones are left as they are), and
 * `c / u` with a constant c rewritten as `(1/u)*c`, because Tensor.__rtruediv__ is reciprocal(u) * c.
 * Idempotent. The value of the result is what compiled functions return.
 */
export function prepareForTorch(expr: Expr): Expr {
  if (isVariableFree(expr)) {
    if (expr.kind === 'number') return expr;
    const value = evaluateConstant(expr);
    return Number.isFinite(value) ? { kind: 'number', value } : expr;
  }
  switch (expr.kind) {
    case 'negate':
      return { kind: 'negate', operand: prepareForTorch(expr.operand) };
    case 'call':
      return { kind: 'call', name: expr.name, argument: prepareForTorch(expr.argument) };
    case 'binary': {
      const left = prepareForTorch(expr.left);
      const right = prepareForTorch(expr.right);
      if (
        expr.operator === '/' &&
        isVariableFree(left) &&
        !(left.kind === 'number' && left.value === 1)
      ) {
        return binaryNode('*', binaryNode('/', ONE, right), left);
      }
      return binaryNode(expr.operator, left, right);
    }
    default:
      return expr;
  }
}

export interface Gradient {
  x: Expr;
  y: Expr;
}

/**
 * ∂f/∂x and ∂f/∂y of an expression as it stands (call prepareForTorch first for torch's numbers).
 * Nodes are visited in reverse creation order, as torch's autograd engine runs them; each node hands
 * its adjoint to its operands through torch's backward formula, and contributions that meet at one
 * node (or at x or y) are summed in arrival order.
 */
export function gradient(f: Expr): Gradient {
  const adjoints = new Map<Expr, Expr>();
  const sums: Record<VariableName, Expr | null> = { x: null, y: null };
  const send = (target: Expr, contribution: () => Expr): void => {
    if (isVariableFree(target)) return;
    const value = contribution();
    if (target.kind === 'variable') {
      const sum = sums[target.name];
      sums[target.name] = sum === null ? value : add(sum, value);
      return;
    }
    const sum = adjoints.get(target);
    adjoints.set(target, sum === undefined ? value : add(sum, value));
  };

  if (f.kind === 'variable') sums[f.name] = ONE;
  else adjoints.set(f, ONE);
  const order = postOrder([f]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const g = adjoints.get(node);
    if (g === undefined) continue;
    backward(node, g, send);
  }
  return { x: sums.x ?? ZERO, y: sums.y ?? ZERO };
}

type Send = (target: Expr, contribution: () => Expr) => void;

/** One node's backward step, in torch's formula and output order. */
function backward(node: Expr, g: Expr, send: Send): void {
  switch (node.kind) {
    case 'negate':
      send(node.operand, () => negate(g));
      return;
    case 'binary': {
      const { left, right } = node;
      switch (node.operator) {
        case '+':
          send(left, () => g);
          send(right, () => g);
          return;
        case '-':
          send(left, () => g);
          send(right, () => negate(g));
          return;
        case '*':
          send(left, () => multiply(g, right));
          send(right, () => multiply(g, left));
          return;
        case '/':
          if (isVariableFree(left)) {
            // reciprocal(u)*c: mul sends g*c, reciprocal's backward is -grad * (r*r).
            send(right, () => {
              const reciprocal = divide(ONE, right);
              return multiply(negate(multiply(g, left)), multiply(reciprocal, reciprocal));
            });
            return;
          }
          send(left, () => divide(g, right));
          send(right, () => multiply(negate(g), divide(divide(left, right), right)));
          return;
        case '^':
          if (isVariableFree(right)) {
            const exponent = evaluateConstant(right);
            if (exponent === 0) return; // torch: pow_backward returns zeros for exponent 0
            send(left, () =>
              multiply(
                g,
                multiply(
                  { kind: 'number', value: exponent },
                  power(left, { kind: 'number', value: exponent - 1 }),
                ),
              ),
            );
            return;
          }
          if (isVariableFree(left)) {
            if (evaluateConstant(left) === 0) return;
            send(right, () => multiply(g, multiply(node, call('log', left))));
            return;
          }
          send(left, () => multiply(g, multiply(right, powerOf(left, subtract(right, ONE)))));
          send(right, () => multiply(g, multiply(node, call('log', left))));
          return;
      }
      return;
    }
    case 'call': {
      const u = node.argument;
      switch (node.name) {
        case 'sin':
          send(u, () => multiply(g, call('cos', u)));
          return;
        case 'cos':
          send(u, () => multiply(g, negate(call('sin', u))));
          return;
        case 'tan':
          send(u, () => multiply(g, add(ONE, power(node, TWO))));
          return;
        case 'asin':
          send(u, () => multiply(g, inverseSqrtOneMinusSquare(u)));
          return;
        case 'acos':
          send(u, () => multiply(g, negate(inverseSqrtOneMinusSquare(u))));
          return;
        case 'atan':
          send(u, () => divide(g, add(multiply(u, u), ONE)));
          return;
        case 'sinh':
          send(u, () => multiply(g, call('cosh', u)));
          return;
        case 'cosh':
          send(u, () => multiply(g, call('sinh', u)));
          return;
        case 'tanh':
          send(u, () => multiply(g, subtract(ONE, multiply(node, node))));
          return;
        case 'exp':
          send(u, () => multiply(g, node));
          return;
        case 'log':
          send(u, () => divide(g, u));
          return;
        case 'sqrt':
          send(u, () => divide(g, multiply(TWO, node)));
          return;
        case 'abs':
          send(u, () => multiply(g, call('sign', u)));
          return;
        case 'sign':
          return;
      }
      return;
    }
    default:
      return;
  }
}

/** (-u*u + 1)^(-1/2), written as torch's rsqrt: 1/sqrt(...). */
function inverseSqrtOneMinusSquare(u: Expr): Expr {
  return divide(ONE, call('sqrt', add(multiply(negate(u), u), ONE)));
}

/** base^exponent with a variable exponent: no simplification applies. */
function powerOf(base: Expr, exponent: Expr): Expr {
  return binaryNode('^', base, exponent);
}

export interface Derivatives extends Gradient {
  /** The tree the derivatives were taken of (prepareForTorch of the input). */
  f: Expr;
  xx: Expr;
  xy: Expr;
  yy: Expr;
}

/** First and second derivatives of a parsed expression, with torch's arithmetic. */
export function derivatives(expr: Expr): Derivatives {
  const f = prepareForTorch(expr);
  const { x, y } = gradient(f);
  const ofX = gradient(x);
  return { f, x, y, xx: ofX.x, xy: ofX.y, yy: gradient(y).y };
}
