/** A parse error a person can act on. */
export interface ExpressionError {
  /**
   * What is wrong, where (a 1-based column, as editors count) and, where it helps, how to fix it:
   * `unknown function "sinn" at 1 — did you mean "sin"?`
   */
  message: string;
  /**
   * The text to underline: 0-based UTF-16 offsets into the input, end exclusive (the units of
   * `String.prototype.slice` and `setSelectionRange`). start = end marks a position, e.g. the end
   * of the text where a ")" is missing.
   */
  start: number;
  end: number;
}

/** Thrown inside the parser only; `parseExpression` turns it into a result. */
export class ExpressionSyntaxError extends Error {
  readonly detail: ExpressionError;
  constructor(detail: ExpressionError) {
    super(detail.message);
    this.detail = detail;
  }
}

export function fail(message: string, start: number, end = start): never {
  throw new ExpressionSyntaxError({ message, start, end });
}

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array<number>(rows * columns).fill(0);
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * columns + j] + 1,
        d[i * columns + j - 1] + 1,
        d[(i - 1) * columns + j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * columns + j - 2] + 1);
      }
      d[i * columns + j] = best;
    }
  }
  return d[rows * columns - 1];
}

/**
 * The closest candidate to a misspelt name, or null when none is close enough to be a likely typo:
 * one edit for names of up to four letters, two for longer ones. Case is ignored (`SIN` → `sin`).
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const budget = lower.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= budget ? best : null;
}
