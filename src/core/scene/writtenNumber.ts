/**
 * Numbers in an address are read in exactly the form the app writes them: JavaScript's shortest
 * round-trip text of a finite number (`String(n)`: 16, 0.5, -1.5, 1e-7, 1.5e+21). Anything else
 * (0x10, 1_000, 1e5, 01, " 1", Infinity) is not a number here: it stays text, so the validator
 * refuses it with a notice that shows it, instead of reading 0x10 as 16 without a word.
 */
export function readWrittenNumber(text: string): number | string {
  const value = Number(text);
  return Number.isFinite(value) && String(value) === text ? value : text;
}
