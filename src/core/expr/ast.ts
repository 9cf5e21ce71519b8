/**
 * The expression tree shared by the parser, the printers, differentiation and the compilers.
 * Nodes are plain immutable objects. Parsed trees are trees; derivative trees share subtrees with
 * the function's tree (so they are DAGs), which every consumer here handles without expanding them.
 */

export type VariableName = 'x' | 'y';
export type ConstantName = 'pi' | 'e';
export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/** Functions a person can type, all of one argument. `log` is the natural logarithm. */
export const FUNCTION_NAMES = [
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
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
}
export interface VariableNode {
  readonly kind: 'variable';
  readonly name: VariableName;
}
export interface ConstantNode {
  readonly kind: 'constant';
  readonly name: ConstantName;
}
export interface NegateNode {
  readonly kind: 'negate';
  readonly operand: Expr;
}
export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}
export interface CallNode {
  readonly kind: 'call';
  readonly name: FunctionName;
  readonly argument: Expr;
}

export type Expr = NumberNode | VariableNode | ConstantNode | NegateNode | BinaryNode | CallNode;

export const CONSTANT_VALUES: Readonly<Record<ConstantName, number>> = { pi: Math.PI, e: Math.E };

const FUNCTION_SET: ReadonlySet<string> = new Set(FUNCTION_NAMES);

export function isFunctionName(name: string): name is FunctionName {
  return FUNCTION_SET.has(name);
}

export function numberNode(value: number): NumberNode {
  return { kind: 'number', value };
}
export function variableNode(name: VariableName): VariableNode {
  return { kind: 'variable', name };
}
export function constantNode(name: ConstantName): ConstantNode {
  return { kind: 'constant', name };
}
export function negateNode(operand: Expr): NegateNode {
  return { kind: 'negate', operand };
}
export function binaryNode(operator: BinaryOperator, left: Expr, right: Expr): BinaryNode {
  return { kind: 'binary', operator, left, right };
}
export function callNode(name: FunctionName, argument: Expr): CallNode {
  return { kind: 'call', name, argument };
}

const variableFreeCache = new WeakMap<Expr, boolean>();

/**
 * True when the subtree mentions neither x nor y. Such subtrees are what Python would compute in
 * plain floats before torch ever sees them, and they never carry a gradient.
 */
export function isVariableFree(expr: Expr): boolean {
  switch (expr.kind) {
    case 'number':
    case 'constant':
      return true;
    case 'variable':
      return false;
    default: {
      const cached = variableFreeCache.get(expr);
      if (cached !== undefined) return cached;
      const result =
        expr.kind === 'binary'
          ? isVariableFree(expr.left) && isVariableFree(expr.right)
          : isVariableFree(expr.kind === 'negate' ? expr.operand : expr.argument);
      variableFreeCache.set(expr, result);
      return result;
    }
  }
}

/**
 * Nodes reachable from the roots, each once, children before parents, left before right: the order
 * in which Python would create them. An explicit stack, because derivative DAGs can be deeper than
 * is comfortable for recursion.
 */
export function postOrder(roots: readonly Expr[]): Expr[] {
  const order: Expr[] = [];
  const seen = new Set<Expr>();
  const stack: { node: Expr; expanded: boolean }[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push({ node: roots[r], expanded: false });
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.node);
      continue;
    }
    if (seen.has(top.node)) continue;
    seen.add(top.node);
    stack.push({ node: top.node, expanded: true });
    const node = top.node;
    if (node.kind === 'binary') {
      stack.push({ node: node.right, expanded: false });
      stack.push({ node: node.left, expanded: false });
    } else if (node.kind === 'negate') {
      stack.push({ node: node.operand, expanded: false });
    } else if (node.kind === 'call') {
      stack.push({ node: node.argument, expanded: false });
    }
  }
  return order;
}
