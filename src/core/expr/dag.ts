/**
 * Common-subexpression elimination: several expression trees (f and its derivatives, which share
 * subtrees and repeat each other's pieces) become one DAG of numbered operations, each computed once.
 * Evaluating a shared node once instead of several times gives the same number, so this is exact.
 */
import { isVariableFree, postOrder, type Expr, type FunctionName } from './ast.ts';
import { evaluateConstant } from './evaluate.ts';

export type DagOperation =
  | 'constant'
  | 'x'
  | 'y'
  | 'negate'
  | '+'
  | '-'
  | '*'
  | '/'
  /** base^c with a constant exponent c (torch's pow(Tensor, Scalar), see numeric.ts). */
  | 'powerConstant'
  /** cPow(base, exponent) (numeric.ts). */
  | 'power'
  | 'call';

export interface DagNode {
  readonly operation: DagOperation;
  /** Operand ids (smaller than this node's id), −1 when absent. */
  readonly left: number;
  readonly right: number;
  /** The constant, or the exponent of 'powerConstant'; NaN otherwise. */
  readonly value: number;
  readonly functionName: FunctionName | null;
  /** Bit 1: depends on x; bit 2: depends on y. */
  readonly dependsOn: number;
  /** How many operand slots and outputs refer to this node. */
  uses: number;
}

export interface Dag {
  /** In evaluation order: operands before the nodes that use them. */
  readonly nodes: DagNode[];
  readonly outputs: number[];
}

export const DEPENDS_ON_X = 1;
export const DEPENDS_ON_Y = 2;

function constantKey(value: number): string {
  return Object.is(value, -0) ? 'c:-0' : `c:${value}`;
}

export function buildDag(roots: readonly Expr[]): Dag {
  const nodes: DagNode[] = [];
  const idByKey = new Map<string, number>();
  const idByExpr = new Map<Expr, number>();

  const intern = (
    key: string,
    make: () => Omit<DagNode, 'uses' | 'dependsOn'>,
    dependsOn: number,
  ): number => {
    const existing = idByKey.get(key);
    if (existing !== undefined) return existing;
    const id = nodes.length;
    nodes.push({ ...make(), dependsOn, uses: 0 });
    idByKey.set(key, id);
    return id;
  };
  const constant = (value: number): number =>
    intern(
      constantKey(value),
      () => ({ operation: 'constant', left: -1, right: -1, value, functionName: null }),
      0,
    );
  const operation = (
    operationName: DagOperation,
    left: number,
    right: number,
    value: number,
    functionName: FunctionName | null,
  ): number => {
    const dependsOn =
      (left >= 0 ? nodes[left].dependsOn : 0) | (right >= 0 ? nodes[right].dependsOn : 0);
    return intern(
      `${operationName}:${left}:${right}:${functionName ?? ''}:${value}`,
      () => ({ operation: operationName, left, right, value, functionName }),
      dependsOn,
    );
  };

  for (const expr of postOrder(roots)) {
    let id: number;
    if (isVariableFree(expr)) {
      id = constant(expr.kind === 'number' ? expr.value : evaluateConstant(expr));
    } else if (expr.kind === 'variable') {
      id = intern(
        expr.name,
        () => ({ operation: expr.name, left: -1, right: -1, value: NaN, functionName: null }),
        expr.name === 'x' ? DEPENDS_ON_X : DEPENDS_ON_Y,
      );
    } else if (expr.kind === 'negate') {
      id = operation('negate', idByExpr.get(expr.operand)!, -1, NaN, null);
    } else if (expr.kind === 'call') {
      id = operation('call', idByExpr.get(expr.argument)!, -1, NaN, expr.name);
    } else if (expr.kind === 'binary') {
      const left = idByExpr.get(expr.left)!;
      const right = idByExpr.get(expr.right)!;
      if (expr.operator !== '^') {
        id = operation(expr.operator, left, right, NaN, null);
      } else if (isVariableFree(expr.right)) {
        id = operation('powerConstant', left, -1, nodes[right].value, null);
      } else {
        id = operation('power', left, right, NaN, null);
      }
    } else {
      throw new Error('unreachable: constants are variable-free');
    }
    idByExpr.set(expr, id);
  }

  const outputs = roots.map((root) => idByExpr.get(root)!);
  for (const node of nodes) {
    if (node.left >= 0) nodes[node.left].uses++;
    if (node.right >= 0) nodes[node.right].uses++;
  }
  for (const output of outputs) nodes[output].uses++;
  return { nodes, outputs };
}
