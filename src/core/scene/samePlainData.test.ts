import { describe, expect, it } from 'vitest';
import { samePlainData } from './samePlainData.ts';

describe('samePlainData', () => {
  it('compares numbers, strings and nested arrays and objects by value', () => {
    expect(samePlainData({ kind: 'grid', count: 10 }, { kind: 'grid', count: 10 })).toBe(true);
    expect(
      samePlainData({ kind: 'points', points: [[1, 1.5]] }, { kind: 'points', points: [[1, 1.5]] }),
    ).toBe(true);
    expect(samePlainData(NaN, NaN)).toBe(true);
  });

  it('tells apart a changed value, a missing key and an array from an object', () => {
    expect(samePlainData({ kind: 'grid', count: 10 }, { kind: 'grid', count: 11 })).toBe(false);
    expect(samePlainData({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(samePlainData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(samePlainData(null, {})).toBe(false);
    expect(samePlainData([[1, 2]], [[1, 3]])).toBe(false);
  });
});
