import { describe, expect, it } from 'vitest';
import { computeMesh, meshRequestKey, sampledMeshRequest, type MeshRequest } from './compute.ts';
import { meshHeight } from './mesh.ts';

const extent = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

/** A bowl sampled at the cell centres of `extent`, as the network grid Workers sample a loss. */
function bowl(side: number): Float64Array {
  const values = new Float64Array(side * side);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const x = -1 + ((i + 0.5) * 2) / side;
      const y = -1 + ((j + 0.5) * 2) / side;
      values[j * side + i] = 0.1 + x * x + y * y;
    }
  }
  return values;
}

const sampled = (values: Float64Array, side: number): MeshRequest =>
  sampledMeshRequest(values, side, extent, 'auto', 'linear');

describe('computeMesh of a sampled surface', () => {
  it('computeMesh(sampled 21 × 21) keeps one vertex per sample, lowest at the centre', () => {
    const outcome = computeMesh(sampled(bowl(21), 21));
    if (!outcome.ok) throw new Error(outcome.error);
    const { mesh } = outcome;
    expect([mesh.nx, mesh.ny]).toEqual([21, 21]);
    expect(meshHeight(mesh, 10, 10)).toBe(0);
    expect(meshHeight(mesh, 0, 0)).toBeCloseTo(1, 6);
    expect(mesh.levels.length).toBe(20);
  });

  it('computeMesh(sampled) with the wrong number of values says so', () => {
    const outcome = computeMesh(sampled(new Float64Array(10), 21));
    expect(outcome).toEqual({ ok: false, error: 'the grid has 10 values, expected 21 × 21' });
  });
});

describe('meshRequestKey', () => {
  it('meshRequestKey tells grids apart by their values and matches equal ones', () => {
    const a = bowl(21);
    const b = bowl(21);
    b[5] += 1e-9;
    expect(meshRequestKey(sampled(a, 21))).toBe(meshRequestKey(sampled(bowl(21), 21)));
    expect(meshRequestKey(sampled(a, 21))).not.toBe(meshRequestKey(sampled(b, 21)));
    expect(meshRequestKey(sampled(a, 21)).length).toBeLessThan(300);
  });
});
