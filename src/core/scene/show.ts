/**
 * How a notice or an error line echoes a value someone gave: short, on one line, and never a trap.
 * Untrusted input can be 10,000 characters long, nested 5,000 levels deep, hold newlines or other
 * control characters, or be a number JSON cannot write back (1e999 parses to Infinity, which
 * `JSON.stringify` prints as `null`). This printer walks at most a few levels, escapes every
 * control and line-separator character, and cuts long text with its length, so one message stays
 * one line of about a hundred characters.
 */

/** Characters of the echoed value before it is cut. */
const MAX_ECHO = 40;
/** Levels of arrays and objects shown before they are written as `[…]` / `{…}`. */
const MAX_DEPTH = 3;

// C0, DEL, C1, and the two Unicode line terminators: any of them would break "one line".
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return named[c] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with control characters escaped (`\n`, `\u0007`), so it prints on one line. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

function quoted(text: string): string {
  return `"${oneLine(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

function print(value: unknown, depth: number, budget: number): string {
  if (typeof value === 'string')
    return quoted(value.length > budget ? value.slice(0, budget) : value);
  if (typeof value === 'number') return String(value);
  if (value === null || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return value.length === 0 ? '[]' : '[…]';
    const parts: string[] = [];
    let used = 2;
    for (const item of value) {
      if (used > budget) break;
      const part = print(item, depth + 1, budget - used);
      parts.push(part);
      used += part.length + 1;
    }
    return `[${parts.join(',')}${parts.length < value.length ? ',…' : ''}]`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (depth >= MAX_DEPTH) return keys.length === 0 ? '{}' : '{…}';
    const parts: string[] = [];
    let used = 2;
    for (const key of keys) {
      if (used > budget) break;
      const part = `${quoted(key)}:${print((value as Record<string, unknown>)[key], depth + 1, budget - used)}`;
      parts.push(part);
      used += part.length + 1;
    }
    return `{${parts.join(',')}${parts.length < keys.length ? ',…' : ''}}`;
  }
  return oneLine(String(value));
}

/**
 * A short, one-line rendering of what was given, for notices and CLI errors:
 * `"AAAA…" (10,000 characters)`, `[1,2,3,…]`, `Infinity (not finite)`.
 */
export function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (not finite)`;
  if (typeof value === 'string' && value.length > MAX_ECHO) {
    return `${quoted(value.slice(0, MAX_ECHO - 1))}… (${value.length.toLocaleString('en')} characters)`;
  }
  const text = print(value, 0, MAX_ECHO);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

/** Keys that read as themselves in a path (`params.lr`); anything else is quoted and elided. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/**
 * The path of an object's field for a message, the key given by someone else: `params.lr`, or
 * `params["a\nb…" (300 characters)]` for a key that would break the line or run long. With no
 * parent, the key alone.
 */
export function fieldPath(parent: string, key: string): string {
  if (PLAIN_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${show(key)}]`;
}

/** Names joined with commas, cut to at most `max` characters: `a, b, c, … (19 in all)`. */
export function listWithin(names: readonly string[], max: number): string {
  const all = names.join(', ');
  if (all.length <= max) return all;
  const rest = `… (${names.length} in all)`;
  const shown: string[] = [];
  let used = rest.length;
  for (const name of names) {
    used += name.length + 2;
    if (used > max) break;
    shown.push(name);
  }
  return [...shown, rest].join(', ');
}

/** `text` on one line and at most `max` characters, cut with "…": for messages we pass along. */
export function shortLine(text: string, max = 150): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
