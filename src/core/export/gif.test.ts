import fc from 'fast-check';
import { GifReader } from 'omggif';
import { describe, expect, it } from 'vitest';
import {
  GifEncoder,
  medianCutPalette,
  PALETTE_COLOURS,
  PaletteMapper,
  TRANSPARENT,
} from './gif.ts';

/**
 * A GIF as a viewer shows it, decoded by omggif (an independent decoder): the full picture after
 * each frame, as RGBA, each frame drawn over the previous one (its transparent pixels keep them).
 */
function decodeGif(bytes: Uint8Array) {
  const reader = new GifReader(bytes);
  const canvas = new Uint8Array(4 * reader.width * reader.height);
  const frames = Array.from({ length: reader.numFrames() }, (_, f) => {
    reader.decodeAndBlitFrameRGBA(f, canvas);
    return { rgba: canvas.slice(), delay: reader.frameInfo(f).delay };
  });
  return { width: reader.width, height: reader.height, loops: reader.loopCount(), frames };
}

/** Palette indices as the RGBA a decoder gives for them (opaque). */
function toRgba(indices: Uint8Array, palette: Uint8Array): Uint8Array {
  const rgba = new Uint8Array(4 * indices.length);
  indices.forEach((index, p) => {
    rgba.set([...palette.subarray(3 * index, 3 * index + 3), 255], 4 * p);
  });
  return rgba;
}

/** A palette of `colours` distinct colours. */
function paletteOf(colours: number): Uint8Array {
  return Uint8Array.from({ length: 3 * colours }, (_, i) => (i % 3 === 0 ? i / 3 : (i * 37) % 256));
}

describe('GifEncoder, read back by an independent decoder', () => {
  it('round-trips any picture, for every palette size (every LZW code size)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 255 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { minLength: 1600, maxLength: 1600 }),
        (colours, width, height, values) => {
          const palette = paletteOf(colours);
          const picture = Uint8Array.from(
            { length: width * height },
            (_, p) => values[p] % colours,
          );
          const encoder = new GifEncoder({ width, height, palette });
          encoder.addFrame(picture, 5);
          const gif = decodeGif(encoder.finish());
          expect(gif.frames).toHaveLength(1);
          expect(gif.frames[0].rgba).toEqual(toRgba(picture, palette));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('round-trips a picture long and varied enough to fill the 4,096-code table several times', () => {
    const [width, height] = [500, 400];
    const palette = paletteOf(251);
    const noisy = Uint8Array.from(
      { length: width * height },
      (_, i) => (i * 7919 + (i >> 5)) % 251,
    );
    const encoder = new GifEncoder({ width, height, palette });
    encoder.addFrame(noisy, 1);
    expect(decodeGif(encoder.finish()).frames[0].rgba).toEqual(toRgba(noisy, palette));
  });

  it('writes a GIF89a whose frames decode to the pictures given, with their delays', () => {
    const width = 40;
    const height = 30;
    const palette = Uint8Array.from({ length: 3 * 16 }, (_, i) => (i * 37) % 256);
    const encoder = new GifEncoder({ width, height, palette });
    const pictures: Uint8Array[] = [];
    let picture = Uint8Array.from({ length: width * height }, (_, p) => ((p % width) >> 2) % 16);
    for (let f = 0; f < 5; f++) {
      picture = picture.slice();
      // A moving dot, as a run's head moves: only a small rectangle changes.
      for (let y = 10; y < 14; y++)
        for (let x = 5 + 6 * f; x < 9 + 6 * f; x++) picture[y * width + x] = 15;
      pictures.push(picture);
      encoder.addFrame(picture, 4 + f);
    }
    encoder.addFrame(picture, 100); // unchanged frame: kept, with its delay
    pictures.push(picture);
    const gif = decodeGif(encoder.finish());
    expect([gif.width, gif.height]).toEqual([width, height]);
    expect(gif.loops).toBe(0);
    expect(gif.frames).toHaveLength(6);
    gif.frames.forEach((frame, f) => {
      expect(frame.rgba).toEqual(toRgba(pictures[f], palette));
      expect(frame.delay).toBe(f < 5 ? 4 + f : 100);
    });
  });

  it('rejects frames of the wrong size and palettes that would use the transparent index', () => {
    const encoder = new GifEncoder({ width: 2, height: 2, palette: new Uint8Array(3) });
    expect(() => encoder.addFrame(new Uint8Array(3), 1)).toThrow(/frame size/);
    expect(() => new GifEncoder({ width: 1, height: 1, palette: new Uint8Array(3 * 256) })).toThrow(
      /255/,
    );
  });
});

describe('medianCutPalette and PaletteMapper', () => {
  it('keeps forced colours exact and maps every pixel to a near colour', () => {
    const pixels = new Uint8ClampedArray(4 * 64 * 64);
    for (let p = 0; p < 64 * 64; p++) {
      pixels.set([(p % 64) * 4, Math.floor(p / 64) * 4, 128, 255], 4 * p);
    }
    const forced: [number, number, number][] = [
      [213, 94, 0],
      [0, 114, 178],
    ];
    const palette = medianCutPalette([pixels], PALETTE_COLOURS, forced);
    expect(palette.length).toBeLessThanOrEqual(3 * PALETTE_COLOURS);
    expect([...palette.subarray(0, 6)]).toEqual([213, 94, 0, 0, 114, 178]);
    const mapper = new PaletteMapper(palette);
    const indices = new Uint8Array(64 * 64);
    mapper.map(pixels, indices);
    let worst = 0;
    for (let p = 0; p < indices.length; p++) {
      expect(indices[p]).not.toBe(TRANSPARENT);
      for (let c = 0; c < 3; c++) {
        worst = Math.max(worst, Math.abs(palette[3 * indices[p] + c] - pixels[4 * p + c]));
      }
    }
    expect(worst).toBeLessThanOrEqual(24);
    const exact = new Uint8Array(1);
    mapper.map(new Uint8ClampedArray([213, 94, 0, 255]), exact);
    expect(exact[0]).toBe(0);
  });
});
