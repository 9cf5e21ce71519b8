import { describe, expect, it } from 'vitest';
import { compileExpression } from './expr/index.ts';
import { cellCentres, sampleGrid } from './grid.ts';
import type { SurfaceFunctions } from './surfaces/types.ts';

/** A surface without the grid fast path, recording where it was asked. */
function pointwise(f: (x: number, y: number) => number): SurfaceFunctions & { calls: number } {
  const surface = {
    calls: 0,
    value(x: number, y: number) {
      surface.calls++;
      return f(x, y);
    },
    valueAndGradient: () => NaN,
    hessian: () => undefined,
  };
  return surface;
}

function typed(formula: string): SurfaceFunctions {
  const compiled = compileExpression(formula);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.functions;
}

describe('cellCentres', () => {
  it('puts n points at the centres of n equal cells', () => {
    expect([...cellCentres(0, 4, 4)]).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect([...cellCentres(-1, 1, 2)]).toEqual([-0.5, 0.5]);
    expect(cellCentres(0, 1, 0).length).toBe(0);
  });
});

describe('sampleGrid', () => {
  const extent = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };

  it('samples cell centres row by row, row 0 at yMin', () => {
    const surface = pointwise((x, y) => 10 * x + y);
    const values = sampleGrid(surface, { xMin: 0, xMax: 3, yMin: 0, yMax: 2 }, 3, 2);
    expect([...values]).toEqual([5.5, 15.5, 25.5, 6.5, 16.5, 26.5]);
    expect(surface.calls).toBe(6);
  });

  it("uses a typed expression's grid path and gets the same numbers as value()", () => {
    const functions = typed('(1 - x)^2 + 100*(y - x^2)^2 + sin(3*x)*cos(2*y)');
    const viaGrid = sampleGrid(functions, extent, 37, 23);
    const viaPoints = sampleGrid(pointwise(functions.value), extent, 37, 23);
    expect(viaGrid).toEqual(viaPoints);
  });

  it('keeps non-finite values for the contour code to handle', () => {
    const values = sampleGrid(typed('log(x)'), { xMin: -1, xMax: 1, yMin: 0, yMax: 1 }, 2, 1);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBe(Math.log(0.5));
  });

  it('fills a buffer it is given', () => {
    const out = new Float64Array(6).fill(NaN);
    const values = sampleGrid(typed('x*y'), extent, 2, 3, out);
    expect(values).toBe(out);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('refuses sizes that are not whole numbers and buffers that are too small', () => {
    expect(() => sampleGrid(typed('x'), extent, 2.5, 2)).toThrow(RangeError);
    expect(() => sampleGrid(typed('x'), extent, -1, 2)).toThrow(RangeError);
    expect(() => sampleGrid(typed('x'), extent, 4, 4, new Float64Array(15))).toThrow(RangeError);
  });
});
