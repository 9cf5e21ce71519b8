/**
 * Structural equality of plain data (numbers, strings, booleans, null, arrays and plain objects), as
 * a scene is made of. The store uses it to ignore a change that changes nothing: an input event that
 * re-sends a field's current value must not restart the race.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every(
    (key) => Object.hasOwn(recordB, key) && samePlainData(recordA[key], recordB[key]),
  );
}
