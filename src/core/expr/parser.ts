/**
 * Recursive-descent parser. Grammar, loosest binding first:
 *
 *   sum     = product { ("+" | "-") product }
 *   product = unary { ("*" | "/") unary }
 *   unary   = ("-" | "+") unary | power
 *   power   = primary [ "^" unary ]                 (right-associative: 2^3^2 = 2^9)
 *   primary = number | x | y | pi | e | function "(" sum ")" | "(" sum ")"
 *
 * So `^` binds tighter than a sign (-x^2 = -(x^2), as in Python and on paper) and its exponent may
 * carry one (x^-2 = x^(-2)). `**` is accepted for `^`. Errors never escape: parseExpression
 * returns them, with a position and, where one helps, a hint.
 */
import {
  binaryNode,
  callNode,
  constantNode,
  FUNCTION_NAMES,
  isFunctionName,
  negateNode,
  numberNode,
  variableNode,
  type Expr,
} from './ast.ts';
import { show } from '../scene/show.ts';
import { closestName, ExpressionSyntaxError, fail, type ExpressionError } from './errors.ts';
import { tokenize, type Token } from './tokenizer.ts';

export const MAX_FORMULA_LENGTH = 1000;
/** Parentheses, function calls, signs and powers nested deeper than this are refused. */
export const MAX_NESTING = 100;

export interface ParseLimits {
  /** Characters of text. */
  readonly length: number;
  /** Levels of parentheses, function calls, signs and powers. */
  readonly nesting: number;
}

/** What a person may type: in the formula field, a link, an embed message, a CLI request. */
export const TYPED_LIMITS: ParseLimits = { length: MAX_FORMULA_LENGTH, nesting: MAX_NESTING };

/**
 * What the canonical text (`toInfix`) of any formula read within TYPED_LIMITS stays within, for
 * reading our own printed text back (the PyTorch export): the printer adds spaces around + and −,
 * writes numbers out in full (1e20 has 21 digits), and puts signed operands in parentheses for the
 * reader (a - (-b), x^(-2)): one more level per sign, so at most twice the nesting.
 */
export const PRINTED_LIMITS: ParseLimits = { length: Infinity, nesting: 2 * MAX_NESTING };

export type ParseResult = { ok: true; ast: Expr } | { ok: false; error: ExpressionError };

export function parseExpression(text: string, limits: ParseLimits = TYPED_LIMITS): ParseResult {
  if (text.length > limits.length) {
    return {
      ok: false,
      error: {
        message: `the formula is too long (${withThousands(text.length)} characters) — the limit is ${withThousands(limits.length)}`,
        start: limits.length,
        end: text.length,
      },
    };
  }
  if (text.trim() === '') {
    return {
      ok: false,
      error: { message: 'type a formula in x and y, e.g. x^2 + y^2', start: 0, end: text.length },
    };
  }
  try {
    const parser = new Parser(tokenize(text), limits.nesting);
    return { ok: true, ast: parser.parseFormula() };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error: error.detail };
    throw error;
  }
}

const FUNCTION_LIST = FUNCTION_NAMES.join(', ');

/** Names from other notations, and what to write here instead. (A Map: no prototype keys.) */
const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map([
  ['ln', 'did you mean "log"? (log is the natural logarithm)'],
  ['arcsin', 'did you mean "asin"?'],
  ['arccos', 'did you mean "acos"?'],
  ['arctan', 'did you mean "atan"?'],
  ['sgn', 'did you mean "sign"?'],
  ['log10', 'log is the natural logarithm; write log(x)/log(10)'],
  ['log2', 'log is the natural logarithm; write log(x)/log(2)'],
  ['pow', 'write a^b for a power'],
  ['exp2', 'write 2^x'],
  ['sq', 'write (…)^2'],
  ['sqr', 'write (…)^2'],
]);

const NAMES = ['x', 'y', 'pi', 'e'] as const;

class Parser {
  private readonly tokens: Token[];
  private position = 0;
  private depth = 0;

  constructor(
    tokens: Token[],
    private readonly maxNesting: number,
  ) {
    this.tokens = tokens;
  }

  parseFormula(): Expr {
    const expr = this.parseSum();
    const token = this.peek();
    if (token.kind === ')') fail(`unmatched ")" at ${column(token)}`, token.start, token.end);
    if (token.kind !== 'end') this.expectedOperand(token); // not reached: every other token is consumed
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private isOperator(token: Token, ...operators: string[]): boolean {
    return token.kind === 'operator' && operators.includes(token.operator);
  }

  private parseSum(): Expr {
    let left = this.parseProduct();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.operator !== '+' && token.operator !== '-'))
        return left;
      this.position++;
      left = binaryNode(token.operator, left, this.parseProduct());
    }
  }

  private parseProduct(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.operator !== '*' && token.operator !== '/'))
        return left;
      this.position++;
      left = binaryNode(token.operator, left, this.parseUnary());
    }
  }

  /** Every level of nesting passes through here, so this is where depth is bounded. */
  private parseUnary(): Expr {
    const token = this.peek();
    if (++this.depth > this.maxNesting) {
      fail(
        `too deeply nested at ${column(token)} — the limit is ${this.maxNesting} levels of parentheses, functions, signs and powers`,
        token.start,
        token.end,
      );
    }
    let expr: Expr;
    if (this.isOperator(token, '-')) {
      this.position++;
      expr = negateNode(this.parseUnary());
    } else if (this.isOperator(token, '+')) {
      this.position++;
      expr = this.parseUnary();
    } else {
      expr = this.parsePower();
    }
    this.depth--;
    return expr;
  }

  private parsePower(): Expr {
    const base = this.parsePrimary();
    if (!this.isOperator(this.peek(), '^')) return base;
    this.position++;
    return binaryNode('^', base, this.parseUnary());
  }

  private parsePrimary(): Expr {
    const token = this.next();
    let expr: Expr;
    switch (token.kind) {
      case 'number':
        expr = numberNode(token.value);
        break;
      case 'name':
        expr = this.parseName(token);
        break;
      case '(':
        expr = this.parseSum();
        this.expectClosing();
        break;
      default:
        return this.expectedOperand(token);
    }
    this.refuseJuxtaposition();
    return expr;
  }

  private parseName(token: Token & { kind: 'name' }): Expr {
    const { name } = token;
    const at = column(token);
    const opensCall = this.peek().kind === '(';
    if (name === 'x' || name === 'y') return variableNode(name);
    if (name === 'pi' || name === 'e') return constantNode(name);
    if (isFunctionName(name)) {
      if (!opensCall) {
        fail(
          `function "${name}" needs parentheses at ${at} — write ${name}(${operandHint(this.peek())})`,
          token.start,
          token.end,
        );
      }
      this.position++;
      const argument = this.parseSum();
      this.expectClosing();
      return callNode(name, argument);
    }
    if (opensCall) {
      const hint =
        FUNCTION_ALIASES.get(name.toLowerCase()) ??
        suggestion(closestName(name, FUNCTION_NAMES)) ??
        `the functions are ${FUNCTION_LIST}`;
      fail(`unknown function ${show(name)} at ${at} — ${hint}`, token.start, token.end);
    }
    fail(`unknown name ${show(name)} at ${at} — ${unknownNameHint(name)}`, token.start, token.end);
  }

  private expectClosing(): void {
    const token = this.peek();
    if (token.kind === ')') {
      this.position++;
      return;
    }
    // Anything else between an operand and ")" has been consumed or reported already.
    fail(`missing ")" at ${column(token)}`, token.start, token.start);
  }

  /** Two operands side by side, as in 2x or (x)(y): the grammar has no implied product. */
  private refuseJuxtaposition(): void {
    const token = this.peek();
    if (token.kind !== 'number' && token.kind !== 'name' && token.kind !== '(') return;
    // An unknown name is the bigger problem (2foo): its own message, with its own hint.
    if (token.kind === 'name' && !isKnownName(token.name)) {
      this.position++;
      this.parseName(token);
    }
    const previous = this.tokens[this.position - 1];
    const left = previous.kind === ')' ? '(…)' : operandHint(previous);
    const right =
      token.kind === 'name' && isFunctionName(token.name) ? `${token.name}(…)` : operandHint(token);
    fail(
      `missing operator between ${show(previous.text)} and ${show(token.text)} at ${column(token)} — write ${left}*${right}`,
      token.start,
      token.end,
    );
  }

  private expectedOperand(token: Token): never {
    fail(`expected a number, x, y or "(" at ${column(token)}`, token.start, token.end);
  }
}

/** 1234 → "1,234", the same in every locale. */
function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Hints longer than this show the number as "…". */
const MAX_HINT_NUMBER = 24;

function isKnownName(name: string): boolean {
  return (NAMES as readonly string[]).includes(name) || isFunctionName(name);
}

/**
 * How a hint writes `token` as an operand: a number or x, y, pi, e as typed, anything else "…"
 * (so a hint never spells out something that is itself an error, or 999 digits).
 */
function operandHint(token: Token): string {
  if (token.kind === 'number' && token.text.length <= MAX_HINT_NUMBER) return token.text;
  if (token.kind === 'name' && (NAMES as readonly string[]).includes(token.name)) return token.text;
  return token.kind === '(' ? '(…)' : '…';
}

function column(token: Token): number {
  return token.start + 1;
}

function suggestion(name: string | null): string | null {
  return name === null ? null : `did you mean "${name}"?`;
}

function unknownNameHint(name: string): string {
  const lower = name.toLowerCase();
  const sameButCase = NAMES.find((known) => known === lower);
  if (sameButCase !== undefined) return `did you mean "${sameButCase}"?`;
  // xy, yx, xxy: a product written without operators.
  if (/^[xy]{2,8}$/.test(name)) return `write ${name.split('').join('*')}`;
  // x2: a product or a power.
  const numbered = /^([xy])([0-9]{1,6})$/.exec(name);
  if (numbered !== null)
    return `write ${numbered[1]}*${numbered[2]} or ${numbered[1]}^${numbered[2]}`;
  // sinx: a function applied without parentheses.
  const applied = /^([a-z]+?)([xy])$/.exec(lower);
  if (applied !== null && isFunctionName(applied[1])) return `write ${applied[1]}(${applied[2]})`;
  if (lower.length >= 2 && closestName(lower, ['pi']) !== null) return 'did you mean "pi"?';
  return 'the variables are x and y';
}
