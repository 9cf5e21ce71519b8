import { describe, expect, it } from 'vitest';
import { loadMissing, onDemand } from './onDemand.ts';

describe('onDemand', () => {
  it('imports a part once, and get() hands it over only after that', async () => {
    let imports = 0;
    const part = onDemand('the part', async () => ({ answer: ++imports }));
    expect(part.loaded()).toBe(false);
    expect(() => part.get()).toThrow('the part is not loaded: await its load() first');
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect([part.loaded(), part.get(), imports]).toEqual([true, { answer: 1 }, 1]);
  });

  it('tries again after a failed import', async () => {
    let attempts = 0;
    const part = onDemand('the part', async () => {
      if (++attempts === 1) throw new Error('offline');
      return 'here';
    });
    await expect(part.load()).rejects.toThrow('offline');
    expect(part.loaded()).toBe(false);
    await expect(part.load()).resolves.toBe('here');
  });
});

describe('loadMissing', () => {
  it('loads what is missing, and says undefined when nothing is, so callers can stay synchronous', async () => {
    const first = onDemand('first', async () => 1);
    const second = onDemand('second', async () => 2);
    await first.load();
    const loading = loadMissing([first, second]);
    expect(loading).toBeInstanceOf(Promise);
    await loading;
    expect(second.loaded()).toBe(true);
    expect(loadMissing([first, second])).toBeUndefined();
    expect(loadMissing([])).toBeUndefined();
  });
});
