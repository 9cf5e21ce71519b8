/**
 * Compiles a DAG into a tree of small closures, without eval (a strict Content-Security-Policy must
 * stay possible).
 *
 * Measured on Node 20 (2 cores, min of 10 runs), f and ∇f per call: Rosenbrock 3 ns while it is the
 * only compiled formula (V8 inlines the whole closure tree), ≈ 60 ns once many formulas have been
 * compiled and the closure code shared by all of them has become megamorphic; Goldstein–Price
 * ≈ 290–450 ns. That is ≈ 5 ns per DAG node. A switch-dispatch register machine over typed arrays
 * was no faster once polluted (≈ 4–5 ns per instruction) and 20× slower in the monomorphic case; an
 * array of one closure per instruction was about twice as slow.
 *
 * Shared nodes are computed once per call: the closure at a node's first use (in evaluation order)
 * stores its value in a register, later uses read the register. Operands that are constants,
 * variables or registers are read inline instead of through another closure call.
 */
import type { FunctionName } from './ast.ts';
import type { Dag, DagNode } from './dag.ts';
import { cPow } from './numeric.ts';

type Thunk = () => number;

type Operand =
  | { readonly kind: 'constant'; readonly value: number }
  /** env[index]: 0 is x, 1 is y, 2 and up are registers. */
  | { readonly kind: 'slot'; readonly index: number }
  | { readonly kind: 'thunk'; readonly thunk: Thunk };

export interface PointProgram {
  /** Write x and y here, then call the outputs in order. */
  readonly env: Float64Array;
  readonly outputs: readonly Thunk[];
}

const X_SLOT = 0;
const Y_SLOT = 1;

export function compilePointProgram(dag: Dag): PointProgram {
  const { nodes, outputs } = dag;
  // Which operand slot evaluates a node first: the parent id and 0 (left) or 1 (right); an output
  // is parent −1 - k. Found by the same depth-first, left-to-right walk the closures will make.
  const firstUseParent = new Int32Array(nodes.length);
  const firstUseSide = new Int8Array(nodes.length);
  const order: number[] = [];
  {
    const seen = new Uint8Array(nodes.length);
    const stack: { id: number; parent: number; side: number; expanded: boolean }[] = [];
    for (let k = outputs.length - 1; k >= 0; k--) {
      stack.push({ id: outputs[k], parent: -1 - k, side: 0, expanded: false });
    }
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top.expanded) {
        order.push(top.id);
        continue;
      }
      if (seen[top.id]) continue;
      seen[top.id] = 1;
      firstUseParent[top.id] = top.parent;
      firstUseSide[top.id] = top.side;
      stack.push({ ...top, expanded: true });
      const node = nodes[top.id];
      if (node.right >= 0) stack.push({ id: node.right, parent: top.id, side: 1, expanded: false });
      if (node.left >= 0) stack.push({ id: node.left, parent: top.id, side: 0, expanded: false });
    }
  }

  let registerCount = 2;
  const register = new Int32Array(nodes.length).fill(-1);
  for (const id of order) {
    const node = nodes[id];
    if (node.uses > 1 && !isLeaf(node)) register[id] = registerCount++;
  }
  const env = new Float64Array(registerCount);

  // For each node: how its first user evaluates it, and how later users read it.
  const computed: Operand[] = new Array<Operand>(nodes.length);
  const operandFor = (id: number, parent: number, side: number): Operand => {
    const node = nodes[id];
    if (node.operation === 'constant') return { kind: 'constant', value: node.value };
    if (node.operation === 'x') return { kind: 'slot', index: X_SLOT };
    if (node.operation === 'y') return { kind: 'slot', index: Y_SLOT };
    const isFirstUse = firstUseParent[id] === parent && firstUseSide[id] === side;
    if (isFirstUse) return computed[id];
    return { kind: 'slot', index: register[id] };
  };
  for (const id of order) {
    const node = nodes[id];
    if (isLeaf(node)) continue;
    const left = operandFor(node.left, id, 0);
    const right = node.right >= 0 ? operandFor(node.right, id, 1) : left;
    const thunk = compileNode(node, left, right, env);
    const slot = register[id];
    computed[id] =
      slot >= 0 ? { kind: 'thunk', thunk: () => (env[slot] = thunk()) } : { kind: 'thunk', thunk };
  }
  return {
    env,
    outputs: outputs.map((id, k) => toThunk(operandFor(id, -1 - k, 0), env)),
  };
}

function isLeaf(node: DagNode): boolean {
  return node.operation === 'constant' || node.operation === 'x' || node.operation === 'y';
}

function toThunk(operand: Operand, env: Float64Array): Thunk {
  switch (operand.kind) {
    case 'thunk':
      return operand.thunk;
    case 'slot': {
      const i = operand.index;
      return () => env[i];
    }
    case 'constant': {
      const c = operand.value;
      return () => c;
    }
  }
}

function compileNode(node: DagNode, left: Operand, right: Operand, env: Float64Array): Thunk {
  switch (node.operation) {
    case '+':
      return compileAdd(left, right, env);
    case '-':
      return compileSubtract(left, right, env);
    case '*':
      return compileMultiply(left, right, env);
    case '/':
      return compileDivide(left, right, env);
    case 'powerConstant':
      return compilePowerConstant(left, node.value, env);
    case 'power': {
      const a = toThunk(left, env);
      const b = toThunk(right, env);
      return () => cPow(a(), b());
    }
    case 'negate': {
      if (left.kind === 'slot') {
        const i = left.index;
        return () => -env[i];
      }
      const a = toThunk(left, env);
      return () => -a();
    }
    case 'call':
      return compileCall(node.functionName!, toThunk(left, env));
    default:
      throw new Error(`not an operation: ${node.operation}`);
  }
}

// One closure literal per operand shape, so constants and slots are read without a call.
// (Both operands constant cannot happen: the DAG folds constant subtrees.)

function compileAdd(l: Operand, r: Operand, env: Float64Array): Thunk {
  if (l.kind === 'thunk') {
    const a = l.thunk;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => a() + b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => a() + env[j];
    }
    const c = r.value;
    return () => a() + c;
  }
  if (l.kind === 'slot') {
    const i = l.index;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => env[i] + b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => env[i] + env[j];
    }
    const c = r.value;
    return () => env[i] + c;
  }
  const c = l.value;
  if (r.kind === 'slot') {
    const j = r.index;
    return () => c + env[j];
  }
  const b = toThunk(r, env);
  return () => c + b();
}

function compileSubtract(l: Operand, r: Operand, env: Float64Array): Thunk {
  if (l.kind === 'thunk') {
    const a = l.thunk;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => a() - b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => a() - env[j];
    }
    const c = r.value;
    return () => a() - c;
  }
  if (l.kind === 'slot') {
    const i = l.index;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => env[i] - b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => env[i] - env[j];
    }
    const c = r.value;
    return () => env[i] - c;
  }
  const c = l.value;
  if (r.kind === 'slot') {
    const j = r.index;
    return () => c - env[j];
  }
  const b = toThunk(r, env);
  return () => c - b();
}

function compileMultiply(l: Operand, r: Operand, env: Float64Array): Thunk {
  if (l.kind === 'thunk') {
    const a = l.thunk;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => a() * b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => a() * env[j];
    }
    const c = r.value;
    return () => a() * c;
  }
  if (l.kind === 'slot') {
    const i = l.index;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => env[i] * b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => env[i] * env[j];
    }
    const c = r.value;
    return () => env[i] * c;
  }
  const c = l.value;
  if (r.kind === 'slot') {
    const j = r.index;
    return () => c * env[j];
  }
  const b = toThunk(r, env);
  return () => c * b();
}

function compileDivide(l: Operand, r: Operand, env: Float64Array): Thunk {
  if (l.kind === 'thunk') {
    const a = l.thunk;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => a() / b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => a() / env[j];
    }
    const c = r.value;
    return () => a() / c;
  }
  if (l.kind === 'slot') {
    const i = l.index;
    if (r.kind === 'thunk') {
      const b = r.thunk;
      return () => env[i] / b();
    }
    if (r.kind === 'slot') {
      const j = r.index;
      return () => env[i] / env[j];
    }
    const c = r.value;
    return () => env[i] / c;
  }
  const c = l.value;
  if (r.kind === 'slot') {
    const j = r.index;
    return () => c / env[j];
  }
  const b = toThunk(r, env);
  return () => c / b();
}

/** powScalar (numeric.ts), specialised on the exponent at compile time. */
function compilePowerConstant(base: Operand, exponent: number, env: Float64Array): Thunk {
  if (base.kind === 'slot' && exponent === 2) {
    const i = base.index;
    return () => env[i] * env[i];
  }
  const a = toThunk(base, env);
  switch (exponent) {
    case 0:
      return () => 1;
    case 1:
      return a;
    case 2:
      return () => {
        const u = a();
        return u * u;
      };
    case 3:
      return () => {
        const u = a();
        return u * u * u;
      };
    case -1:
      return () => 1 / a();
    case -2:
      return () => {
        const u = a();
        return 1 / (u * u);
      };
    case 0.5:
      return () => Math.sqrt(a());
    case -0.5:
      return () => 1 / Math.sqrt(a());
    default:
      return () => cPow(a(), exponent);
  }
}

function compileCall(name: FunctionName, a: Thunk): Thunk {
  switch (name) {
    case 'sin':
      return () => Math.sin(a());
    case 'cos':
      return () => Math.cos(a());
    case 'tan':
      return () => Math.tan(a());
    case 'asin':
      return () => Math.asin(a());
    case 'acos':
      return () => Math.acos(a());
    case 'atan':
      return () => Math.atan(a());
    case 'sinh':
      return () => Math.sinh(a());
    case 'cosh':
      return () => Math.cosh(a());
    case 'tanh':
      return () => Math.tanh(a());
    case 'exp':
      return () => Math.exp(a());
    case 'log':
      return () => Math.log(a());
    case 'sqrt':
      return () => Math.sqrt(a());
    case 'abs':
      return () => Math.abs(a());
    case 'sign':
      return () => Math.sign(a());
  }
}
