import { describe, expect, it } from 'vitest';
import { CrowdPicture, type CrowdFrame } from './crowdPicture.ts';
import type { Context2D } from './canvas.ts';
import { PixelTrails } from './pixelTrails.ts';

/** Just enough of a 2D context: a resizable canvas, createImageData and putImageData. */
function fakeContext() {
  const put: Uint32Array[] = [];
  const ctx = {
    canvas: { width: 0, height: 0 },
    createImageData: (w: number, h: number) =>
      ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) }) as ImageData,
    putImageData: (image: ImageData) => put.push(new Uint32Array(image.data.buffer.slice(0))),
  };
  return { ctx: ctx as unknown as Context2D, put };
}

const RED = 0xff0000;
const RED_DOT = 0xff0000ff;

/** One run of two particles on a 40 × 30 canvas, one data unit per pixel, y up from 30. */
function frame(partial: Partial<CrowdFrame>): CrowdFrame {
  return {
    width: 40,
    height: 30,
    clear: false,
    step: 0,
    left: 0,
    top: 30,
    scale: 1,
    thickness: 1,
    dotSize: 2,
    runs: [{ particles: 2, rows: 0, rgb: RED, opacity: 0.5, dot: RED_DOT }],
    trails: new Float64Array(0),
    heads: Float64Array.of(5, 25, 30, 5),
    ...partial,
  };
}

describe('CrowdPicture', () => {
  it('joins successive rows with the trails PixelTrails draws, mapped to pixels, under the heads', () => {
    const { ctx, put } = fakeContext();
    const picture = new CrowdPicture(ctx);
    // Rows: particle 0 goes (2, 25.5) → (12, 25.5) → (22, 25.5), particle 1 stays at (30, 5).
    const trails = Float64Array.of(2, 25.5, 30, 5, 12, 25.5, 30, 5, 22, 25.5, 30, 5);
    const runs = [{ particles: 2, rows: 3, rgb: RED, opacity: 0.5, dot: RED_DOT }];
    picture.paint(
      frame({ clear: true, step: 2, runs, trails, heads: Float64Array.of(22, 25.5, 30, 5) }),
    );
    expect([ctx.canvas.width, ctx.canvas.height]).toEqual([40, 30]);

    const expected = new PixelTrails();
    expected.resize(40, 30);
    expected.segments(
      Float64Array.of(2, 4.5, 12, 4.5, 30, 25, 30, 25, 12, 4.5, 22, 4.5, 30, 25, 30, 25),
      4,
      RED,
      0.5,
      1,
    );
    const pixels = put[0];
    // The trail up to the head's dot, pixel for pixel.
    for (let x = 0; x < 21; x++) expect(pixels[4 * 40 + x]).toBe(expected.pixels[4 * 40 + x]);
    expect(pixels[4 * 40 + 10] >>> 24).toBeGreaterThan(0);
    // The heads: 2 × 2 dots centred on their points.
    expect(pixels[4 * 40 + 22]).toBe(RED_DOT);
    expect(pixels[24 * 40 + 30]).toBe(RED_DOT);
  });

  it('keeps its trails from frame to frame until a frame clears them', () => {
    const { ctx, put } = fakeContext();
    const picture = new CrowdPicture(ctx);
    const runs = [{ particles: 2, rows: 2, rgb: RED, opacity: 1, dot: RED_DOT }];
    const inked = (pixels: Uint32Array) => pixels.filter((p) => p >>> 24 > 0).length;
    picture.paint(
      frame({ clear: true, runs, trails: Float64Array.of(2, 15.5, 2, 5.5, 12, 15.5, 12, 5.5) }),
    );
    picture.paint(frame({}));
    picture.paint(frame({ clear: true }));
    const [first, kept, cleared] = put;
    // The later frames show only the two 2 × 2 heads over whatever trails remain.
    expect(inked(kept)).toBeGreaterThan(inked(cleared));
    expect(inked(cleared)).toBe(8);
    expect(inked(first)).toBeGreaterThan(8 + 10);
  });

  it('resizes its canvas to the frame, starting the trails afresh', () => {
    const { ctx, put } = fakeContext();
    const picture = new CrowdPicture(ctx);
    const runs = [{ particles: 2, rows: 2, rgb: RED, opacity: 1, dot: RED_DOT }];
    picture.paint(frame({ runs, trails: Float64Array.of(2, 15.5, 2, 5.5, 12, 15.5, 12, 5.5) }));
    picture.paint(frame({ width: 20, height: 10, top: 10, heads: new Float64Array(4).fill(NaN) }));
    expect([ctx.canvas.width, ctx.canvas.height]).toEqual([20, 10]);
    expect(put[1].length).toBe(200);
    expect(put[1].every((p) => p === 0)).toBe(true);
  });
});
