import type { KnownMinimum, Surface } from './types.ts';

/**
 * Freezes a built-in surface, its view and its minima: the registry hands the same objects to every
 * part of the app, so a stray assignment must fail loudly instead of changing every scene.
 */
export function defineSurface(surface: Surface): Surface {
  Object.freeze(surface.view);
  Object.freeze(surface.defaultStart);
  for (const known of surface.minima) Object.freeze(Object.freeze(known).point);
  Object.freeze(surface.minima);
  return Object.freeze(surface);
}

/** A known minimum, written compactly in the surface tables. */
export function minimum(x: number, y: number, value: number, global: boolean): KnownMinimum {
  return { point: [x, y], value, global };
}
