/**
 * From a scene's plain description to the things that compute: the surface's functions and the
 * optimizer definitions with their resolved hyperparameters.
 */
import type { Extent } from '../geometry.ts';
import { expressionLanguage } from '../expr/onDemand.ts';
import { resolveParams } from '../optimizers/params.ts';
import { findOptimizer } from '../optimizers/registry.ts';
import type { RunConfig } from '../sim/simulation.ts';
import { getSurface } from '../surfaces/index.ts';
import type { KnownMinimum, SurfaceFunctions } from '../surfaces/types.ts';
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

/** The view a typed expression opens with: unit-scale, like most textbook surfaces. */
export const EXPRESSION_VIEW: Extent = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

export const FALLBACK_SURFACE_ID = 'quadratic';

/**
 * Whether `resolveSurface(ref)` can run now: built-in surfaces always, typed formulas once the
 * expression language (loaded on demand, see core/onDemand.ts) is here.
 */
export function surfaceReady(ref: SurfaceRef): boolean {
  return 'id' in ref || expressionLanguage.loaded();
}

/** Loads what resolving `ref` needs: the expression language, for a typed formula. */
export async function prepareSurface(ref: SurfaceRef): Promise<void> {
  if ('expression' in ref) await expressionLanguage.load();
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
  const compiled = expressionLanguage.get().compileExpression(ref.expression);
  if (!compiled.ok) {
    return {
      ok: false,
      error: `${compiled.error.message}; showing ${FALLBACK_SURFACE_ID}`,
      surface: builtin(FALLBACK_SURFACE_ID)!,
    };
  }
  return {
    ok: true,
    surface: {
      functions: compiled.functions,
      source: { expression: ref.expression },
      key: `expr:${compiled.normalized}`,
      name: 'Custom',
      formula: compiled.normalized,
      latex: compiled.latex,
      blurb: 'Your own surface: gradients and Hessian are derived exactly from the formula.',
      view: EXPRESSION_VIEW,
      minima: [],
    },
  };
}

/** The optimizer and full hyperparameters of a scene run (validated scenes always resolve). */
export function resolveRun(run: SceneRun): RunConfig {
  const optimizer = findOptimizer(run.optimizer);
  if (!optimizer) throw new Error(`unknown optimizer ${run.optimizer}`);
  const resolved = resolveParams(optimizer, run.params);
  if (!resolved.ok) throw new Error(resolved.errors.join('; '));
  return { optimizer, params: resolved.params };
}
