import type { Extent, Point } from '../geometry.ts';

/**
 * The numerical part of a loss surface f(x, y). Built-in surfaces implement it by hand; typed
 * expressions produce it from their AST. Every method is allocation-free so the simulation can call
 * it once per particle-step.
 */
export interface SurfaceFunctions {
  /** f(x, y). */
  value(x: number, y: number): number;
  /**
   * Writes ∂f/∂x to out[offset] and ∂f/∂y to out[offset + 1]; returns f(x, y). One call gives what a
   * torch step records (loss and gradient), so the hot loop evaluates shared subterms once.
   */
  valueAndGradient(x: number, y: number, out: Float64Array, offset: number): number;
  /** Writes the Hessian's entries fxx, fxy, fyy to out[offset], out[offset + 1], out[offset + 2]. */
  hessian(x: number, y: number, out: Float64Array, offset: number): void;
  /**
   * Optional fast path for contour grids: out[j * xs.length + i] = f(xs[i], ys[j]), the same numbers
   * `value` gives. `sampleGrid` (core/grid.ts) uses it when present, else calls `value` per point.
   */
  valueGrid?(xs: Float64Array, ys: Float64Array, out: Float64Array): void;
}

export interface KnownMinimum {
  point: Point;
  value: number;
  /** True for the global minimum (several can tie, e.g. Himmelblau's four). */
  global: boolean;
}

export interface Surface extends SurfaceFunctions {
  id: string;
  name: string;
  /**
   * The same f in the expression grammar of core/expr (`^` binds tighter than unary minus). Dataset
   * surfaces (core/data) state their definition instead, which the grammar cannot hold.
   */
  formula: string;
  /** KaTeX source for the formula. */
  latex: string;
  /** One sentence on why this surface is worth looking at. */
  blurb: string;
  /** Default view. */
  view: Extent;
  /** Known minima inside or near the view; empty when f has none (saddles, typed expressions). */
  minima: readonly KnownMinimum[];
  /** A start point that makes the surface's point (used by the default scene for it). */
  defaultStart: Point;
}
