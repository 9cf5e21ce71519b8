/**
 * Node constructors with the light simplification derivatives need: fold operations on two numbers,
 * drop +0, -0, *1, /1, ^1 and double negation, turn *(-1) into a negation. Each rewrite gives exactly
 * the number the unsimplified node would (up to the sign of a zero), so simplifying never moves a
 * result away from what torch computes. Products with 0 are kept: 0*Infinity is NaN in torch too.
 * A fold that would give a non-finite number is not done, so printed trees stay readable.
 */
import {
  binaryNode,
  callNode,
  negateNode,
  numberNode,
  type Expr,
  type FunctionName,
} from './ast.ts';
import { cPow, FUNCTION_IMPLEMENTATIONS } from './numeric.ts';

export const ZERO = numberNode(0);
export const ONE = numberNode(1);
export const TWO = numberNode(2);

function isNumber(expr: Expr, value: number): boolean {
  return expr.kind === 'number' && expr.value === value;
}

function foldOr(value: number, otherwise: () => Expr): Expr {
  return Number.isFinite(value) ? numberNode(value) : otherwise();
}

export function add(left: Expr, right: Expr): Expr {
  if (left.kind === 'number' && right.kind === 'number') {
    return foldOr(left.value + right.value, () => binaryNode('+', left, right));
  }
  if (isNumber(left, 0)) return right;
  if (isNumber(right, 0)) return left;
  return binaryNode('+', left, right);
}

export function subtract(left: Expr, right: Expr): Expr {
  if (left.kind === 'number' && right.kind === 'number') {
    return foldOr(left.value - right.value, () => binaryNode('-', left, right));
  }
  if (isNumber(right, 0)) return left;
  if (isNumber(left, 0)) return negate(right);
  return binaryNode('-', left, right);
}

export function multiply(left: Expr, right: Expr): Expr {
  if (left.kind === 'number' && right.kind === 'number') {
    return foldOr(left.value * right.value, () => binaryNode('*', left, right));
  }
  if (isNumber(left, 1)) return right;
  if (isNumber(right, 1)) return left;
  if (isNumber(left, -1)) return negate(right);
  if (isNumber(right, -1)) return negate(left);
  return binaryNode('*', left, right);
}

export function divide(left: Expr, right: Expr): Expr {
  if (left.kind === 'number' && right.kind === 'number') {
    return foldOr(left.value / right.value, () => binaryNode('/', left, right));
  }
  if (isNumber(right, 1)) return left;
  return binaryNode('/', left, right);
}

/** base^exponent for a constant exponent (torch's pow(Tensor, Scalar): ^0 is 1, ^1 a copy). */
export function power(base: Expr, exponent: Expr): Expr {
  if (base.kind === 'number' && exponent.kind === 'number') {
    return foldOr(cPow(base.value, exponent.value), () => binaryNode('^', base, exponent));
  }
  if (isNumber(exponent, 1)) return base;
  if (isNumber(exponent, 0)) return ONE;
  return binaryNode('^', base, exponent);
}

export function negate(operand: Expr): Expr {
  if (operand.kind === 'number') return numberNode(-operand.value);
  if (operand.kind === 'negate') return operand.operand;
  return negateNode(operand);
}

export function call(name: FunctionName, argument: Expr): Expr {
  if (argument.kind === 'number') {
    return foldOr(FUNCTION_IMPLEMENTATIONS[name](argument.value), () => callNode(name, argument));
  }
  return callNode(name, argument);
}
