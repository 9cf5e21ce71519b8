/**
 * Printing trees back as text: `toInfix` gives the canonical form of a formula in the grammar the
 * parser reads (parsing it again gives the same numbers), `toLatex` the source KaTeX renders.
 */
import type { BinaryOperator, Expr } from './ast.ts';

// Binding strength: how tightly a node holds together when it is an operand.
const SUM = 1;
const PRODUCT = 2;
const SIGN = 3;
const POWER = 4;
const ATOM = 5;

function isNegativeNumber(expr: Expr): boolean {
  return expr.kind === 'number' && (expr.value < 0 || Object.is(expr.value, -0));
}

function strength(expr: Expr): number {
  switch (expr.kind) {
    case 'number':
      return isNegativeNumber(expr) ? SIGN : ATOM;
    case 'negate':
      return SIGN;
    case 'binary':
      return expr.operator === '^'
        ? POWER
        : expr.operator === '*' || expr.operator === '/'
          ? PRODUCT
          : SUM;
    default:
      return ATOM;
  }
}

/**
 * The least strength each operand needs to go without parentheses. The right operand of + - * /
 * needs more than the operator itself because they associate to the left: a - (b - c) keeps its
 * parentheses (and so does a + (b + c): floating-point addition is not associative).
 */
function operandStrengths(operator: BinaryOperator): [left: number, right: number] {
  switch (operator) {
    case '+':
    case '-':
      return [SUM, PRODUCT];
    case '*':
    case '/':
      return [PRODUCT, POWER];
    case '^':
      return [ATOM, POWER];
  }
}

/** Signed right operands get parentheses too, for the reader: a - (-b), 2*(-x), x^(-2). */
function fits(strengthOfOperand: number, needs: number, isRight: boolean): boolean {
  return strengthOfOperand >= needs && !(isRight && strengthOfOperand === SIGN);
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '(0/0)';
  if (value === Infinity) return '(1/0)';
  if (value === -Infinity) return '(-1/0)';
  // The shortest text that reads back as the same double.
  return String(value);
}

/** Canonical infix text: `(1 - x)^2 + 100*(y - x^2)^2`. Spaces around + and - only. */
export function toInfix(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return Object.is(expr.value, -0) ? '-0' : formatNumber(expr.value);
    case 'variable':
    case 'constant':
      return expr.name;
    case 'call':
      return `${expr.name}(${toInfix(expr.argument)})`;
    case 'negate':
      return `-${infixOperand(expr.operand, POWER, false)}`;
    case 'binary': {
      const [leftNeeds, rightNeeds] = operandStrengths(expr.operator);
      const left = infixOperand(expr.left, leftNeeds, false);
      const right = infixOperand(expr.right, rightNeeds, true);
      const operator =
        expr.operator === '+' || expr.operator === '-' ? ` ${expr.operator} ` : expr.operator;
      return `${left}${operator}${right}`;
    }
  }
}

function infixOperand(expr: Expr, needs: number, isRight: boolean): string {
  const text = toInfix(expr);
  return fits(strength(expr), needs, isRight) ? text : `(${text})`;
}

/**
 * Whether `operand` needs parentheses as the left or right operand of `operator` (or of unary
 * minus) in infix text: for printers of languages with the same precedence rules (Python's `**`
 * binds like `^`, export/python.ts).
 */
export function needsParentheses(
  operand: Expr,
  operator: BinaryOperator | 'negate',
  side: 'left' | 'right',
): boolean {
  const needs = operator === 'negate' ? POWER : operandStrengths(operator)[side === 'left' ? 0 : 1];
  return !fits(strength(operand), needs, side === 'right');
}

const LATEX_FUNCTIONS: Readonly<Record<string, string>> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  asin: '\\arcsin',
  acos: '\\arccos',
  atan: '\\arctan',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  exp: '\\exp',
  // log is the natural logarithm; \ln says so without a footnote.
  log: '\\ln',
  sign: '\\operatorname{sign}',
};

function latexNumber(value: number): string {
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  if (!Number.isFinite(value)) return value > 0 ? '\\infty' : '-\\infty';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  return `${mantissa === '1' ? '' : `${mantissa} \\times `}10^{${exponent}}`;
}

/**
 * KaTeX source: `\frac{a}{b}` for division, `x^{2}`, `\sin\left(x\right)`, `\sqrt{u}`,
 * `\left|u\right|`, products by juxtaposition (`2 \pi x`) unless a digit would follow (`x \cdot 2`).
 */
export function toLatex(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return latexNumber(expr.value);
    case 'variable':
      return expr.name;
    case 'constant':
      return expr.name === 'pi' ? '\\pi' : 'e';
    case 'call': {
      const argument = toLatex(expr.argument);
      if (expr.name === 'sqrt') return `\\sqrt{${argument}}`;
      if (expr.name === 'abs') return `\\left|${argument}\\right|`;
      return `${LATEX_FUNCTIONS[expr.name]}\\left(${argument}\\right)`;
    }
    case 'negate':
      return `-${latexOperand(expr.operand, POWER, false)}`;
    case 'binary': {
      const { operator, left, right } = expr;
      if (operator === '/') return `\\frac{${toLatex(left)}}{${toLatex(right)}}`;
      if (operator === '^') return `${latexOperand(left, ATOM, false)}^{${toLatex(right)}}`;
      const [leftNeeds, rightNeeds] = operandStrengths(operator);
      const leftText = latexOperand(left, leftNeeds, false);
      const rightText = latexOperand(right, rightNeeds, true);
      if (operator !== '*') return `${leftText} ${operator} ${rightText}`;
      const juxtapose = /^[a-zA-Z\\]/.test(rightText) && !rightText.startsWith('\\frac');
      return juxtapose ? `${leftText} ${rightText}` : `${leftText} \\cdot ${rightText}`;
    }
  }
}

/** A fraction is self-delimiting: it needs parentheses only as the base of a power. */
function latexStrength(expr: Expr): number {
  return expr.kind === 'binary' && expr.operator === '/' ? POWER : strength(expr);
}

function latexOperand(expr: Expr, needs: number, isRight: boolean): string {
  const text = toLatex(expr);
  return fits(latexStrength(expr), needs, isRight) ? text : `\\left(${text}\\right)`;
}
