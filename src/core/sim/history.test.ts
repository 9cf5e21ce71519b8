import { describe, expect, it } from 'vitest';
import { StepHistory } from './history.ts';

describe('StepHistory', () => {
  it('reads values back by step, across chunk boundaries, one by one or a step at a time', () => {
    // 20,000 numbers per step: a chunk holds one step, so every step is in its own chunk.
    const history = new StepHistory(20_000);
    for (let step = 0; step < 3; step++) {
      history.push(Float64Array.from({ length: 20_000 }, (_, i) => step * 1e6 + i));
    }
    expect(history.steps).toBe(3);
    expect(history.get(2, 19_999)).toBe(2_019_999);
    const row = history.stepValues(1);
    expect(row.length).toBe(20_000);
    expect(row[0]).toBe(1e6);
    expect(row[19_999]).toBe(1_019_999);
  });
});
