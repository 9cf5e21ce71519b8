/**
 * The expression language (parser, derivatives, compiler) as a module loaded on demand. Only scenes
 * with a typed formula need it, so in the browser it is a chunk of its own that a page showing a
 * built-in surface never downloads. Synchronous code that meets a formula (validateScene,
 * resolveSurface) reads it with `expressionLanguage()`, which throws unless someone awaited
 * `loadExpressionLanguage()` first: the places that take formulas from outside do (the URL, the
 * embed API, the surface picker, the store, the lab). Node code may import ./index.ts directly.
 */
import type { compileExpression, parseExpression } from './index.ts';

/** What the app does with a formula: check it, and compile it to a surface. */
export interface ExpressionLanguage {
  parseExpression: typeof parseExpression;
  compileExpression: typeof compileExpression;
}

let language: ExpressionLanguage | undefined;

export async function loadExpressionLanguage(): Promise<ExpressionLanguage> {
  // Named, not the whole namespace: the bundler then needs no namespace object in the first chunk.
  const { parseExpression, compileExpression } = await import('./index.ts');
  language ??= { parseExpression, compileExpression };
  return language;
}

export function expressionLanguageLoaded(): boolean {
  return language !== undefined;
}

/** The loaded expression language; calling it before `loadExpressionLanguage()` is a bug. */
export function expressionLanguage(): ExpressionLanguage {
  if (!language) {
    throw new Error('the expression language is not loaded: await loadExpressionLanguage() first');
  }
  return language;
}
