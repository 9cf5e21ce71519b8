import { describe, expect, it } from 'vitest';
import { createRng, hashNormal, hashUniform } from './random.ts';

describe('hashUniform', () => {
  it('is a pure function of its keys and stays in [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const u = hashUniform(7, 3, i, 1);
      expect(u).toBe(hashUniform(7, 3, i, 1));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('differs between seeds and streams', () => {
    expect(hashUniform(1, 0, 0, 0)).not.toBe(hashUniform(2, 0, 0, 0));
    expect(hashUniform(1, 0, 0, 0)).not.toBe(hashUniform(1, 1, 0, 0));
  });

  it('has the mean and variance of a uniform distribution', () => {
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = hashUniform(42, 0, i, 0);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });
});

describe('hashNormal', () => {
  it('has mean 0 and variance 1', () => {
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = hashNormal(9, 1, i, 0);
      expect(Number.isFinite(z)).toBe(true);
      sum += z;
      sumSq += z * z;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sumSq / n).toBeCloseTo(1, 1);
  });
});

describe('createRng', () => {
  it('replays the same sequence from the same seed', () => {
    const a = createRng(5);
    const b = createRng(5);
    for (let i = 0; i < 10; i++) expect(a.next()).toBe(b.next());
  });
});
