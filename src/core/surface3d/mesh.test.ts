import { describe, expect, it } from 'vitest';
import { coarseIndices } from './mesh.ts';

describe('coarseIndices', () => {
  it('coarseIndices(5, 5, 2) covers the grid with 2 × 2 quads of every other sample', () => {
    const indices = coarseIndices(5, 5, 2);
    expect(indices.length).toBe(2 * 2 * 6);
    // The first quad's corners: samples (0, 0), (2, 0), (2, 2), (0, 2).
    expect([...indices.subarray(0, 6)]).toEqual([0, 2, 12, 0, 12, 10]);
    expect(Math.max(...indices)).toBe(24);
  });

  it('coarseIndices(6, 4, 2) keeps the last row and column when the stride does not divide', () => {
    const indices = coarseIndices(6, 4, 2);
    const used = new Set(indices);
    // Columns 0, 2, 4, 5 and rows 0, 2, 3: the far corner (5, 3) is in.
    expect(indices.length).toBe(3 * 2 * 6);
    expect(used.has(3 * 6 + 5)).toBe(true);
    expect(used.has(1)).toBe(false);
  });

  it('coarseIndices(n, n, 1) is the full mesh', () => {
    expect(coarseIndices(4, 3, 1).length).toBe(3 * 2 * 6);
  });
});
