import { describe, expect, it } from 'vitest';
import { placeLabel, type Rect } from './labelPlacement.ts';

const overlaps = (a: Rect, b: Rect) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];

describe('placeLabel', () => {
  it('puts a label right of its mark, centred on it', () => {
    expect(placeLabel(100, 100, 80, 16, 12, [800, 500], [])).toEqual([112, 92, 192, 108]);
  });

  it('goes left at the right edge and stays inside the plot at the top', () => {
    expect(placeLabel(780, 2, 80, 16, 12, [800, 500], [])).toEqual([688, 0, 768, 16]);
  });

  it('clears a legend in the top-right corner and the labels placed before it', () => {
    const legend: Rect = [500, 6, 794, 50];
    const taken: Rect[] = [legend];
    for (let i = 0; i < 6; i++) {
      const box = placeLabel(560 + 20 * i, 8, 220, 16, 12, [800, 500], taken);
      for (const other of taken) expect(overlaps(box, other)).toBe(false);
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[2]).toBeLessThanOrEqual(800);
      taken.push(box);
    }
  });

  it('moves up when there is no room below', () => {
    const taken: Rect[] = [[0, 480, 800, 500]];
    const box = placeLabel(100, 495, 80, 16, 12, [800, 500], taken);
    expect(box[3]).toBeLessThanOrEqual(480);
  });

  it('never covers its own mark, even where the only box that fits sits over it', () => {
    // A mark near the top-right corner of a narrow panel, a title chip at its top-left.
    const title: Rect = [8, 6, 60, 28];
    const [x, y] = [246, 8];
    const box = placeLabel(x, y, 200, 16, 12, [262, 210], [title]);
    expect(overlaps(box, [x - 12, y - 12, x + 12, y + 12])).toBe(false);
    expect(overlaps(box, title)).toBe(false);
    expect(box[0]).toBeGreaterThanOrEqual(0);
    expect(box[2]).toBeLessThanOrEqual(262);
  });
});
