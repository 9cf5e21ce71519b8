import { describe, expect, it } from 'vitest';
import { PathBounds } from './boxCanvas.ts';

describe('PathBounds', () => {
  it('spans every point a path visits and widens on every side', () => {
    const bounds = new PathBounds();
    expect(bounds.empty).toBe(true);
    expect(bounds.area).toBe(0);
    bounds.moveTo(10, 20);
    bounds.lineTo(30, 5);
    bounds.lineTo(15, 40);
    expect(bounds.empty).toBe(false);
    expect(bounds.area).toBe(20 * 35);
    expect(bounds.widened(2)).toEqual({ left: 8, top: 3, right: 32, bottom: 42 });
    bounds.reset();
    expect(bounds.empty).toBe(true);
  });
});
