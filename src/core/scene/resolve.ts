/**
 * From a scene's plain description to the things that compute: the surface's functions and the
 * optimizer definitions with their resolved hyperparameters.
 */
import type { Extent, Point } from '../geometry.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { RunConfig } from '../sim/simulation.ts';
import { getSurface } from '../surfaces/index.ts';
import type { KnownMinimum, SurfaceFunctions } from '../surfaces/types.ts';
import { formulas } from './formulas.ts';
import type { SceneRun, SurfaceRef } from './scene.ts';

/** What the app needs of a surface, whether built in or typed. */
export interface ResolvedSurface {
  functions: SurfaceFunctions;
  /** How the scene refers to it (what a Worker needs to rebuild the functions). */
  source: SurfaceRef;
  /** A key that changes exactly when f changes (for caches). */
  key: string;
  name: string;
  formula: string;
  latex: string;
  blurb: string;
  view: Extent;
  minima: readonly KnownMinimum[];
}

export const FALLBACK_SURFACE_ID = 'quadratic';

/**
 * Whether `resolveSurface(ref)` can run now: built-in surfaces always, typed formulas once
 * `formulas` (loaded on demand, see formulas.ts) is here.
 */
export function surfaceReady(ref: SurfaceRef): boolean {
  return 'id' in ref || formulas.loaded();
}

/** Loads what resolving `ref` needs: `formulas`, for a typed formula. */
export async function prepareSurface(ref: SurfaceRef): Promise<void> {
  if ('expression' in ref) await formulas.load();
}

export type SurfaceResolution =
  { ok: true; surface: ResolvedSurface } | { ok: false; error: string; surface: ResolvedSurface };

function builtin(id: string): ResolvedSurface | undefined {
  const surface = getSurface(id);
  if (!surface) return undefined;
  return {
    functions: surface,
    source: { id },
    key: `id:${id}`,
    name: surface.name,
    formula: surface.formula,
    latex: surface.latex,
    blurb: surface.blurb,
    view: surface.view,
    minima: surface.minima,
  };
}

/**
 * Resolves a surface reference; on failure says why and falls back to the plain bowl. A typed
 * formula needs `prepareSurface` first: resolving it earlier is a bug in the caller, and throws.
 */
export function resolveSurface(ref: SurfaceRef): SurfaceResolution {
  if ('id' in ref) {
    const surface = builtin(ref.id);
    if (surface) return { ok: true, surface };
    return {
      ok: false,
      error: `unknown surface "${ref.id}"; showing ${FALLBACK_SURFACE_ID}`,
      surface: builtin(FALLBACK_SURFACE_ID)!,
    };
  }
  const typed = formulas.get().formulaSurface(ref.expression);
  if (typed.ok) return typed;
  return {
    ok: false,
    error: `${typed.error}; showing ${FALLBACK_SURFACE_ID}`,
    surface: builtin(FALLBACK_SURFACE_ID)!,
  };
}

/** The optimizer and full hyperparameters of a scene run (validated scenes always resolve). */
export function resolveRun(run: SceneRun): RunConfig {
  const optimizer = findOptimizer(run.optimizer);
  if (!optimizer) throw new Error(`unknown optimizer ${run.optimizer}`);
  const resolved = resolveParams(optimizer, run.params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return { optimizer, params: resolved.params, schedule: run.schedule };
}

/** Where a single start goes on this surface: a built-in's own start, else the view's centre. */
export function defaultStartOf(surface: ResolvedSurface): Point {
  const builtIn = 'id' in surface.source ? getSurface(surface.source.id) : undefined;
  if (builtIn) return builtIn.defaultStart;
  const { xMin, xMax, yMin, yMax } = surface.view;
  return [(xMin + xMax) / 2, (yMin + yMax) / 2];
}
