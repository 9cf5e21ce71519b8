import { show } from '../scene/show.ts';
import { fail } from './errors.ts';

export type Operator = '+' | '-' | '*' | '/' | '^';

interface Spanned {
  /** As typed (`**` for a power, `π` for pi). */
  readonly text: string;
  /** 0-based offsets into the input, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export type Token =
  | (Spanned & { readonly kind: 'number'; readonly value: number })
  | (Spanned & { readonly kind: 'name'; readonly name: string })
  | (Spanned & { readonly kind: 'operator'; readonly operator: Operator })
  | (Spanned & { readonly kind: '(' | ')' | 'end' });

/**
 * Operators, longest first. `**` is Python's power; ×, ·, ÷ and the typographic minus arrive when a
 * formula is pasted from a paper or a web page.
 */
const OPERATORS: readonly (readonly [string, Operator])[] = [
  ['**', '^'],
  ['^', '^'],
  ['+', '+'],
  ['-', '-'],
  ['\u2212', '-'],
  ['*', '*'],
  ['\u00d7', '*'],
  ['\u00b7', '*'],
  ['\u22c5', '*'],
  ['/', '/'],
  ['\u00f7', '/'],
];

/** Hints for characters people type when they mean something the grammar spells differently. */
const CHARACTER_HINTS: ReadonlyMap<string, string> = new Map([
  [',', 'functions take one argument, and decimals use a point, e.g. 0.5'],
  ['[', 'use ( and ) for grouping'],
  [']', 'use ( and ) for grouping'],
  ['{', 'use ( and ) for grouping'],
  ['}', 'use ( and ) for grouping'],
  ['\u00b2', 'write ^2'],
  ['\u00b3', 'write ^3'],
  ['=', 'type only the right-hand side, e.g. x^2 + y^2'],
  ['\u221a', 'write sqrt(…)'],
  ['|', 'write abs(…)'],
]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

/** Hints longer than this say what to do instead of spelling the number out. */
const MAX_HINT_NUMBER = 24;

/**
 * Numbers written as in programming languages (0x10, 0b101, 1_000), which the grammar does not
 * read: refused with the decimal number to write instead, so the hint is itself a valid formula
 * (read as a 0 or a 1 followed by a name, they would get a hint such as "write 0*x10").
 */
function refuseOtherNotations(text: string, start: number, end: number): void {
  const prefixed = /^0[xXbBoO][0-9a-fA-F]+/.exec(text.slice(start));
  if (prefixed !== null && end === start + 1) {
    const value = Number(prefixed[0]);
    if (Number.isFinite(value)) {
      const decimal = String(value);
      fail(
        `hexadecimal, binary and octal numbers are not read at ${start + 1} — ${decimal.length <= MAX_HINT_NUMBER ? `write ${decimal}` : 'use a decimal number'}`,
        start,
        start + prefixed[0].length,
      );
    }
  }
  if (text[end] === '_' && isDigit(text[end + 1])) {
    const grouped = /^[0-9_]*\.?[0-9_]*/.exec(text.slice(start))![0];
    const plain = grouped.replace(/_/g, '');
    fail(
      `digit separators are not read at ${end + 1} — ${plain.length <= MAX_HINT_NUMBER ? `write ${plain}` : 'leave out the _ characters'}`,
      start,
      start + grouped.length,
    );
  }
}

/** Splits the text into tokens, ending with an 'end' token at text.length. */
export function tokenize(text: string): Token[] {
  // `f(x, y) = …` or `z = …`: the equals sign explains itself better than whatever precedes it.
  const equals = text.indexOf('=');
  if (equals >= 0)
    fail(
      `unexpected character "=" at ${equals + 1} — ${CHARACTER_HINTS.get('=')}`,
      equals,
      equals + 1,
    );
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      while (isDigit(text[i])) i++;
      if (text[i] === '.') {
        i++;
        while (isDigit(text[i])) i++;
      }
      // An exponent only when digits follow, so `2e` stays 2 then e (and gets a helpful error).
      if (text[i] === 'e' || text[i] === 'E') {
        let j = i + 1;
        if (text[j] === '+' || text[j] === '-') j++;
        if (isDigit(text[j])) {
          i = j;
          while (isDigit(text[i])) i++;
        }
      }
      const numberText = text.slice(start, i);
      if (text[i] === '.')
        fail(`unexpected "." at ${i + 1} — a number has one decimal point`, i, i + 1);
      refuseOtherNotations(text, start, i);
      const value = Number(numberText);
      if (!Number.isFinite(value)) {
        fail(
          `the number ${show(numberText)} is too large at ${start + 1} — the largest is about 1.8e308`,
          start,
          i,
        );
      }
      tokens.push({ kind: 'number', value, text: numberText, start, end: i });
      continue;
    }
    if (isNameStart(c)) {
      while (isNamePart(text[i])) i++;
      const name = text.slice(start, i);
      tokens.push({ kind: 'name', name, text: name, start, end: i });
      continue;
    }
    if (c === '\u03c0') {
      i++;
      tokens.push({ kind: 'name', name: 'pi', text: c, start, end: i });
      continue;
    }
    if (c === '(' || c === ')') {
      i++;
      tokens.push({ kind: c, text: c, start, end: i });
      continue;
    }
    const operator = OPERATORS.find(([spelling]) => text.startsWith(spelling, i));
    if (operator !== undefined) {
      i += operator[0].length;
      tokens.push({ kind: 'operator', operator: operator[1], text: operator[0], start, end: i });
      continue;
    }
    // One whole character, even outside the Basic Multilingual Plane (an emoji is two code units).
    const character = String.fromCodePoint(text.codePointAt(i)!);
    const hint = CHARACTER_HINTS.get(character);
    fail(
      `unexpected character ${show(character)} at ${start + 1}${hint === undefined ? '' : ` — ${hint}`}`,
      start,
      start + character.length,
    );
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
