import { describe, expect, it } from 'vitest';
import type { Rect } from '../render/labelPlacement.ts';
import { LegendBox } from './legendBox.ts';

describe('LegendBox', () => {
  it('tells its listener the box at once and at each change, not when it stays the same', () => {
    const legend = new LegendBox();
    legend.set([10, 10, 120, 40]);
    const heard: (Rect | null)[] = [];
    const stop = legend.listen((box) => heard.push(box));
    legend.set([10, 10, 120, 40]);
    legend.set([10, 10, 120, 60]);
    legend.set(null);
    stop();
    legend.set([0, 0, 1, 1]);
    expect(heard).toEqual([[10, 10, 120, 40], [10, 10, 120, 60], null]);
  });
});
