/**
 * A part of the core that only some scenes need, loaded on demand: in the browser it is a chunk of
 * its own, which a page showing a plain built-in scene never downloads. Code that takes scenes from
 * outside awaits `load()`; synchronous code that meets such a scene afterwards (validation,
 * resolution, links) calls `get()`, which throws if nobody loaded the part: a bug in the caller, not
 * bad input.
 */
export interface OnDemand<T> {
  load(): Promise<T>;
  loaded(): boolean;
  get(): T;
}

export function onDemand<T>(name: string, importPart: () => Promise<T>): OnDemand<T> {
  let part: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load() {
      loading ??= importPart().then(
        (loaded) => (part = loaded),
        (error: unknown) => {
          loading = undefined; // a failed download may be retried
          throw error;
        },
      );
      return loading;
    },
    loaded: () => part !== undefined,
    get() {
      if (part === undefined) throw new Error(`${name} is not loaded: await its load() first`);
      return part;
    },
  };
}

/** Loads the parts that are not here yet; undefined when all are, so callers can stay synchronous. */
export function loadMissing(parts: readonly OnDemand<unknown>[]): Promise<void> | undefined {
  const missing = parts.filter((part) => !part.loaded());
  if (missing.length === 0) return undefined;
  return Promise.all(missing.map((part) => part.load())).then(() => undefined);
}
