import { fieldPath, show } from '../scene/show.ts';
import type { OptimizerDefinition, ParamSpec, ParamValue, Params } from './types.ts';

export type ResolvedParams = { ok: true; params: Params } | { ok: false; errors: string[] };

/** Whether two hyperparameter values are the same (pairs compared entry by entry). */
export function sameParamValue(a: ParamValue | undefined, b: ParamValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a[0] === b[0] && a[1] === b[1];
  return a === b;
}

/** Every hyperparameter at its torch default. */
export function defaultParams(def: OptimizerDefinition): Params {
  const params: Record<string, ParamValue> = {};
  for (const spec of def.params) params[spec.name] = spec.default;
  return params;
}

/**
 * Completes and checks hyperparameters from an untrusted source (a URL, a scene file, a form):
 * missing names take torch's defaults, then `validateParams` applies. Every message names its
 * field, e.g. `params.betas: expected two numbers in [0, 1) (got [0.9, 1])`; `path` prefixes them.
 * `partial` is typically a `Record<string, unknown>`; anything else is reported, not thrown.
 */
export function resolveParams(
  def: OptimizerDefinition,
  partial: unknown,
  path = 'params',
): ResolvedParams {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    return {
      ok: false,
      errors: [`${path}: expected an object of hyperparameters (got ${show(partial)})`],
    };
  }
  // Built with fromEntries, which defines every key as an own field: a "__proto__" key from JSON
  // stays a (reported) unknown name instead of becoming the object's prototype. Pairs are
  // copied so a caller changing its input later cannot change resolved params.
  const merged = Object.fromEntries([
    ...Object.entries(defaultParams(def)),
    ...Object.entries(partial)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? [...value] : value]),
  ]);
  const errors = validateParams(def, merged as Params, path);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params: merged as Params };
}

/**
 * Checks complete hyperparameters: unknown names, each value against its spec (type, finite,
 * bounds), then the rules spanning several (torch's Nesterov rule). Empty when valid.
 */
export function validateParams(
  def: OptimizerDefinition,
  params: Params,
  path = 'params',
): string[] {
  const errors: string[] = [];
  const known = def.params.map((spec) => spec.name);
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      errors.push(
        `${fieldPath(path, name)}: unknown hyperparameter for ${def.name} (known: ${known.join(', ')})`,
      );
    }
  }
  for (const spec of def.params) {
    const problem = checkValue(spec, params[spec.name]);
    if (problem !== null) errors.push(`${path}.${spec.name}: ${problem}`);
  }
  if (errors.length > 0) return errors;
  return (def.crossCheck?.(params) ?? []).map(
    ({ param, message }) => `${path}.${param}: ${message}`,
  );
}

/** What a valid value of `spec` looks like, for messages and tooltips: "a number ≥ 0". */
export function describeSpec(spec: ParamSpec): string {
  if (spec.kind === 'boolean') return 'true or false';
  if (spec.kind === 'pair') return `two numbers ${describeRange(spec) || 'that are finite'}`;
  if (spec.kind === 'choice')
    return `one of ${(spec.choices ?? []).map((choice) => show(choice)).join(', ')}`;
  const noun = spec.integer ? 'an integer' : 'a number';
  return `${noun} ${describeRange(spec) || 'that is finite'}${spec.nullable ? ' or null' : ''}`;
}

/** Null when `value` fits `spec` on its own, otherwise what was expected and what came. */
export function checkValue(spec: ParamSpec, value: unknown): string | null {
  let fits: boolean;
  if (spec.kind === 'boolean') fits = typeof value === 'boolean';
  else if (spec.kind === 'choice') fits = (spec.choices ?? []).includes(value as string | null);
  else if (spec.nullable && value === null) fits = true;
  else if (spec.kind === 'pair') {
    fits =
      Array.isArray(value) &&
      value.length === 2 &&
      inRange(spec, value[0] as unknown) &&
      inRange(spec, value[1] as unknown);
  } else fits = inRange(spec, value);
  return fits ? null : `expected ${describeSpec(spec)} (got ${show(value)})`;
}

function inRange(spec: ParamSpec, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (spec.integer && !Number.isInteger(value)) return false;
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) {
    return false;
  }
  if (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max)) {
    return false;
  }
  return true;
}

/** "in [0, 1)", "≥ 0", "< 5", or "" when unbounded. */
function describeRange(spec: ParamSpec): string {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) {
    return `in ${spec.minExclusive ? '(' : '['}${min}, ${max}${spec.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${spec.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${spec.maxExclusive ? '<' : '≤'} ${max}`;
  return '';
}
