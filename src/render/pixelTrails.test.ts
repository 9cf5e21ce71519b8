import { describe, expect, it } from 'vitest';
import { PixelTrails } from './pixelTrails.ts';

const alphaAt = (trails: PixelTrails, x: number, y: number) =>
  (trails.pixels[y * trails.width + x] >>> 24) / 255;
const rgbAt = (trails: PixelTrails, x: number, y: number) => {
  const pixel = trails.pixels[y * trails.width + x];
  return [pixel & 255, (pixel >>> 8) & 255, (pixel >>> 16) & 255];
};
/** One segment: x0, y0, x1, y1, then colour, opacity and thickness. */
const line = (trails: PixelTrails, ...[x0, y0, x1, y1, rgb, opacity, thickness]: number[]) =>
  trails.segments(Float64Array.of(x0, y0, x1, y1), 1, rgb, opacity, thickness);
const inked = (trails: PixelTrails) => trails.pixels.filter((p) => p >>> 24 > 0).length;

describe('PixelTrails', () => {
  it('draws a level line one pixel thick, up to but not including its end', () => {
    const trails = new PixelTrails();
    trails.resize(20, 10);
    line(trails, 2, 5.5, 12, 5.5, 0xff0000, 1, 1);
    for (let x = 2; x < 12; x++) {
      expect(alphaAt(trails, x, 5)).toBe(1);
      expect(rgbAt(trails, x, 5)).toEqual([255, 0, 0]);
    }
    expect(alphaAt(trails, 12, 5)).toBe(0);
    expect(inked(trails)).toBe(10);
  });

  it('shares coverage between the two rows a line falls between (antialiasing)', () => {
    const trails = new PixelTrails();
    trails.resize(20, 10);
    line(trails, 0, 5, 10, 5, 0x0000ff, 1, 1);
    expect(alphaAt(trails, 4, 4)).toBeCloseTo(0.5, 2);
    expect(alphaAt(trails, 4, 5)).toBeCloseTo(0.5, 2);
    expect(rgbAt(trails, 4, 4)).toEqual([0, 0, 255]);
  });

  it('walks steep lines along y, so they have no gaps', () => {
    const trails = new PixelTrails();
    trails.resize(10, 30);
    line(trails, 4.5, 1, 5.5, 25, 0x00ff00, 1, 1);
    for (let y = 1; y < 25; y++) {
      const row = [...Array(10).keys()].reduce((sum, x) => sum + alphaAt(trails, x, y), 0);
      expect(row).toBeGreaterThan(0.99);
    }
  });

  it('keeps diagonal lines as heavy as level ones', () => {
    const level = new PixelTrails();
    level.resize(64, 64);
    line(level, 10, 32, 50, 32, 0xffffff, 1, 1);
    const diagonal = new PixelTrails();
    diagonal.resize(64, 64);
    line(diagonal, 10, 10, 10 + 40 / Math.SQRT2, 10 + 40 / Math.SQRT2, 0xffffff, 1, 1);
    const ink = (t: PixelTrails) => t.pixels.reduce((sum, p) => sum + (p >>> 24) / 255, 0);
    expect(ink(diagonal) / ink(level)).toBeGreaterThan(0.95);
    expect(ink(diagonal) / ink(level)).toBeLessThan(1.05);
  });

  it('blends translucent strokes source-over, so crowded paths build up', () => {
    const trails = new PixelTrails();
    trails.resize(10, 3);
    line(trails, 0, 1.5, 10, 1.5, 0xff0000, 0.5, 1);
    expect(alphaAt(trails, 3, 1)).toBeCloseTo(0.5, 2);
    line(trails, 0, 1.5, 10, 1.5, 0x0000ff, 0.5, 1);
    expect(alphaAt(trails, 3, 1)).toBeCloseTo(0.75, 2);
    const [r, , b] = rgbAt(trails, 3, 1);
    // Blue on top of red: two thirds blue, one third red.
    expect(b).toBeCloseTo(170, -1);
    expect(r).toBeCloseTo(85, -1);
  });

  it('ignores what lies outside and survives far-away and non-finite points', () => {
    const trails = new PixelTrails();
    trails.resize(10, 10);
    line(trails, -1e6, 5.5, 1e6, 5.5, 0xffffff, 1, 1);
    expect(inked(trails)).toBe(10);
    line(trails, -1e300, 5, 1e300, 5.5, 0xffffff, 1, 1); // returns at once, without walking 1e300 px
    trails.clear();
    line(trails, 20, 20, 40, 40, 0xffffff, 1, 1);
    line(trails, 5, 5, Infinity, 5, 0xffffff, 1, 1);
    line(trails, 5, 5, 5, 5, 0xffffff, 1, 1);
    expect(inked(trails)).toBe(0);
  });
});
