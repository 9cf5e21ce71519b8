import { onDemand } from '../onDemand.ts';

/**
 * The expression language (parser, derivatives, compiler), which only scenes with a typed formula
 * need: validateScene checks a formula with it, resolveSurface compiles one. Node code may as well
 * import ./index.ts directly.
 */
export const expressionLanguage = onDemand('the expression language', async () => {
  // Named, not the whole namespace, so the first chunk needs no namespace object for it.
  const { parseExpression, compileExpression } = await import('./index.ts');
  return { parseExpression, compileExpression };
});
