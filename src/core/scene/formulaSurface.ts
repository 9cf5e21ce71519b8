/**
 * Typed formulas in a scene: checked by the expression language's parser and turned into the
 * surface the app simulates and draws. Only scenes with a formula need this part of the core, which
 * `formulas` (formulas.ts) loads on demand.
 */
import { compileExpression } from '../expr/index.ts';
import type { Extent } from '../geometry.ts';
import type { ResolvedSurface } from './resolve.ts';

export { parseExpression } from '../expr/index.ts';

/** The view a typed expression opens with: unit-scale, like most textbook surfaces. */
export const EXPRESSION_VIEW: Extent = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

/** The surface `expression` describes, or why there is none (the parser's message). */
export function formulaSurface(
  expression: string,
): { ok: true; surface: ResolvedSurface } | { ok: false; error: string } {
  const compiled = compileExpression(expression);
  if (!compiled.ok) return { ok: false, error: compiled.error.message };
  return {
    ok: true,
    surface: {
      functions: compiled.functions,
      source: { expression },
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
