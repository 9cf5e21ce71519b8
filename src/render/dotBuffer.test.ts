import { describe, expect, it } from 'vitest';
import { DotBuffer } from './dotBuffer.ts';

/** Just enough of a 2D context for DotBuffer: a canvas size, createImageData and putImageData. */
function fakeContext(width: number, height: number) {
  const put: ImageData[] = [];
  const ctx = {
    canvas: { width, height },
    createImageData: (w: number, h: number) =>
      ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) }) as ImageData,
    putImageData: (image: ImageData) => put.push(image),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, put };
}

describe('DotBuffer', () => {
  it('stamps a square per point, mapped from data units, clipped at the edges, over a background', () => {
    const { ctx, put } = fakeContext(6, 4);
    const buffer = new DotBuffer();
    const background = new Uint32Array(24).fill(7);
    buffer.begin(ctx, background);
    // Data x in [0, 6], y in [0, 4] with y up, one pixel per unit: left 0, top 4, scale 1.
    const points = Float64Array.of(2, 2, 0, 4, 100, 100, Number.NaN, 1);
    buffer.dots(points, 4, 0, 4, 1, 2, 0xff0000ff);
    buffer.end(ctx);
    const pixels = new Uint32Array(put[0].data.buffer);
    const rows = Array.from({ length: 4 }, (_, r) =>
      [...pixels.subarray(6 * r, 6 * r + 6)].map((v) => (v === 7 ? '.' : '#')).join(''),
    );
    // (2, 2) covers columns 1–2 of rows 1–2; (0, 4) is the top-left corner, clipped to one pixel;
    // the far point and the NaN one draw nothing.
    expect(rows).toEqual(['#.....', '.##...', '.##...', '......']);
  });
});
