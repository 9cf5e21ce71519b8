/**
 * f over a whole grid, one operation at a time over Float64Arrays instead of one closure tree per
 * point: each loop is monomorphic and tight, so V8 runs it at close to native speed. Nodes that
 * depend only on x are computed once per column and nodes that depend only on y once per row, so a
 * separable part like cos(2*pi*x) costs nx evaluations, not nx·ny. Every kernel repeats the exact
 * arithmetic of closures.ts, so grid values equal `value(x, y)` bit for bit.
 */
import type { FunctionName } from './ast.ts';
import { DEPENDS_ON_X, DEPENDS_ON_Y, type Dag, type DagNode } from './dag.ts';
import { cPow } from './numeric.ts';

type BinaryOperation = '+' | '-' | '*' | '/' | 'power';

/** out[j*nx + i] = f(xs[i], ys[j]). */
export type GridEvaluator = (xs: Float64Array, ys: Float64Array, out: Float64Array) => void;

const BOTH = DEPENDS_ON_X | DEPENDS_ON_Y;

export function compileGridEvaluator(dag: Dag): GridEvaluator {
  const { nodes } = dag;
  const root = dag.outputs[0];
  const rootNode = nodes[root];
  const isReachable = reachable(dag);
  const computedNodes = (dependsOn: number): number[] => {
    const ids: number[] = [];
    nodes.forEach((node, id) => {
      if (isReachable[id] && !isLeaf(node) && node.dependsOn === dependsOn) ids.push(id);
    });
    return ids;
  };
  const xOnly = computedNodes(DEPENDS_ON_X);
  const yOnly = computedNodes(DEPENDS_ON_Y);
  const mixed = computedNodes(BOTH);

  return (xs, ys, out) => {
    const nx = xs.length;
    const ny = ys.length;
    if (out.length < nx * ny) throw new RangeError(`the grid needs ${nx * ny} output entries`);
    // An x-only node holds an array over xs, a y-only node one over ys, and a mixed node one row
    // (over xs), recomputed for each row. Constants stay numbers.
    const arrays: (Float64Array | null)[] = nodes.map((node, id) => {
      if (!isReachable[id] || node.dependsOn === 0) return null;
      if (node.operation === 'x') return xs;
      if (node.operation === 'y') return ys;
      return new Float64Array(node.dependsOn === DEPENDS_ON_Y ? ny : nx);
    });
    const fixed = (id: number): number => nodes[id].value;
    for (const id of xOnly) runNode(nodes, id, arrays, nx, DEPENDS_ON_X, fixed);
    for (const id of yOnly) runNode(nodes, id, arrays, ny, DEPENDS_ON_Y, fixed);
    for (let j = 0; j < ny; j++) {
      // Within row j, a y-only operand is the number it takes at ys[j].
      const fixedInRow = (id: number): number =>
        nodes[id].dependsOn === 0 ? nodes[id].value : arrays[id]![j];
      for (const id of mixed) runNode(nodes, id, arrays, nx, DEPENDS_ON_X, fixedInRow);
      const offset = j * nx;
      if (rootNode.dependsOn & DEPENDS_ON_X) out.set(arrays[root]!, offset);
      else out.fill(fixedInRow(root), offset, offset + nx);
    }
  };
}

function isLeaf(node: DagNode): boolean {
  return node.operation === 'constant' || node.operation === 'x' || node.operation === 'y';
}

function reachable(dag: Dag): Uint8Array {
  const marks = new Uint8Array(dag.nodes.length);
  for (const output of dag.outputs) marks[output] = 1;
  for (let id = dag.nodes.length - 1; id >= 0; id--) {
    if (!marks[id]) continue;
    const node = dag.nodes[id];
    if (node.left >= 0) marks[node.left] = 1;
    if (node.right >= 0) marks[node.right] = 1;
  }
  return marks;
}

/**
 * Fills node `id`'s array. An operand is an array when it depends on `axis` (the variable this
 * array runs along), otherwise the number `fixed` gives for it.
 */
function runNode(
  nodes: readonly DagNode[],
  id: number,
  arrays: (Float64Array | null)[],
  length: number,
  axis: number,
  fixed: (operand: number) => number,
): void {
  const node = nodes[id];
  const out = arrays[id]!;
  const left = node.left;
  switch (node.operation) {
    case 'negate':
      negateArray(arrays[left]!, out, length);
      return;
    case 'call':
      callArray(node.functionName!, arrays[left]!, out, length);
      return;
    case 'powerConstant':
      powerConstantArray(arrays[left]!, node.value, out, length);
      return;
    default: {
      const operation = node.operation as BinaryOperation;
      const right = node.right;
      const leftVaries = (nodes[left].dependsOn & axis) !== 0;
      const rightVaries = (nodes[right].dependsOn & axis) !== 0;
      if (leftVaries && rightVaries) {
        binaryArrayArray(operation, arrays[left]!, arrays[right]!, out, length);
      } else if (leftVaries) {
        binaryArrayNumber(operation, arrays[left]!, fixed(right), out, length);
      } else {
        binaryNumberArray(operation, fixed(left), arrays[right]!, out, length);
      }
    }
  }
}

// Kernels: the switch is outside the loop so every loop body is one operation.

function binaryArrayArray(
  operation: BinaryOperation,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  n: number,
): void {
  switch (operation) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
    case 'power':
      for (let i = 0; i < n; i++) out[i] = cPow(a[i], b[i]);
      return;
  }
}

function binaryArrayNumber(
  operation: BinaryOperation,
  a: Float64Array,
  b: number,
  out: Float64Array,
  n: number,
): void {
  switch (operation) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i] + b;
      return;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i] - b;
      return;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i] * b;
      return;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a[i] / b;
      return;
    case 'power':
      for (let i = 0; i < n; i++) out[i] = cPow(a[i], b);
      return;
  }
}

function binaryNumberArray(
  operation: BinaryOperation,
  a: number,
  b: Float64Array,
  out: Float64Array,
  n: number,
): void {
  switch (operation) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a + b[i];
      return;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a - b[i];
      return;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a * b[i];
      return;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a / b[i];
      return;
    case 'power':
      for (let i = 0; i < n; i++) out[i] = cPow(a, b[i]);
      return;
  }
}

function negateArray(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = -a[i];
}

/** powScalar (numeric.ts) over an array. */
function powerConstantArray(a: Float64Array, c: number, out: Float64Array, n: number): void {
  switch (c) {
    case 0:
      out.fill(1, 0, n);
      return;
    case 1:
      for (let i = 0; i < n; i++) out[i] = a[i];
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = a[i] * a[i];
      return;
    case 3:
      for (let i = 0; i < n; i++) out[i] = a[i] * a[i] * a[i];
      return;
    case -1:
      for (let i = 0; i < n; i++) out[i] = 1 / a[i];
      return;
    case -2:
      for (let i = 0; i < n; i++) out[i] = 1 / (a[i] * a[i]);
      return;
    case 0.5:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]);
      return;
    case -0.5:
      for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(a[i]);
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = cPow(a[i], c);
  }
}

function callArray(name: FunctionName, a: Float64Array, out: Float64Array, n: number): void {
  switch (name) {
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = Math.sin(a[i]);
      return;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = Math.cos(a[i]);
      return;
    case 'tan':
      for (let i = 0; i < n; i++) out[i] = Math.tan(a[i]);
      return;
    case 'asin':
      for (let i = 0; i < n; i++) out[i] = Math.asin(a[i]);
      return;
    case 'acos':
      for (let i = 0; i < n; i++) out[i] = Math.acos(a[i]);
      return;
    case 'atan':
      for (let i = 0; i < n; i++) out[i] = Math.atan(a[i]);
      return;
    case 'sinh':
      for (let i = 0; i < n; i++) out[i] = Math.sinh(a[i]);
      return;
    case 'cosh':
      for (let i = 0; i < n; i++) out[i] = Math.cosh(a[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(a[i]);
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(a[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(a[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]);
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]);
      return;
    case 'sign':
      for (let i = 0; i < n; i++) out[i] = Math.sign(a[i]);
      return;
  }
}
