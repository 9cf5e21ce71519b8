import type { SurfaceFunctions } from './types.ts';

/**
 * f = a·x² + b·y², evaluated as a*(x*x) + b*(y*y). With a = b = 1 this is bit-for-bit x*x + y*y,
 * and with b = −1 bit-for-bit x*x − y*y, so the quadratic bowl, the elongated bowl and the saddle
 * share one implementation and still match autograd exactly.
 */
export function diagonalQuadratic(a: number, b: number): SurfaceFunctions {
  return {
    value: (x, y) => a * (x * x) + b * (y * y),
    valueAndGradient(x, y, out, offset) {
      out[offset] = a * (2 * x);
      out[offset + 1] = b * (2 * y);
      return a * (x * x) + b * (y * y);
    },
    hessian(_x, _y, out, offset) {
      out[offset] = 2 * a;
      out[offset + 1] = 0;
      out[offset + 2] = 2 * b;
    },
  };
}
