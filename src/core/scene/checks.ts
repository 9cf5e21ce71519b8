/**
 * The pieces every validator of untrusted input (scene, lab experiment, URL) is made of: each
 * checks one value and, when it is wrong, says so in a notice a person can act on and returns the
 * fallback, so one bad part never throws the others away.
 */

import { show } from './show.ts';

export { show };

export type Check<T> = (value: unknown, fallback: T, path: string, notices: string[]) => T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record's own field (null included), or `absent` when it has none: what came in the input,
 * never something inherited (`constructor`, `toString`), whatever the key.
 */
export function ownField(record: Record<string, unknown>, key: string, absent?: unknown): unknown {
  return Object.hasOwn(record, key) ? record[key] : absent;
}

export function numberIn(min: number, max: number, integer: boolean): Check<number> {
  return (value, fallback, path, notices) => {
    if (value === undefined) return fallback;
    if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      value <= max &&
      (!integer || Number.isInteger(value))
    ) {
      return value;
    }
    const kind = integer ? 'a whole number' : 'a number';
    notices.push(
      `${path} must be ${kind} from ${min} to ${max} (got ${show(value)}); used ${fallback}`,
    );
    return fallback;
  };
}

export function oneOf<T extends string>(options: readonly T[]): Check<T> {
  return (value, fallback, path, notices) => {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (options as readonly string[]).includes(value))
      return value as T;
    notices.push(
      `${path} must be one of ${options.join(', ')} (got ${show(value)}); used ${fallback}`,
    );
    return fallback;
  };
}
