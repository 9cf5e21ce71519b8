import { onDemand } from '../onDemand.ts';

/**
 * Typed formulas (formulaSurface.ts, with the expression language): validateScene checks a formula
 * with them, resolveSurface turns one into a surface. Only scenes with a formula need them, so they
 * load on demand. Node code may as well import core/expr directly.
 */
export const formulas = onDemand('the expression language', () => import('./formulaSurface.ts'));
