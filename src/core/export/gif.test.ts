import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GifEncoder,
  lzwEncode,
  medianCutPalette,
  PALETTE_COLOURS,
  PaletteMapper,
  TRANSPARENT,
} from './gif.ts';

/** GIF's LZW, decoded the way a viewer does (codes LSB first, width grows one code late). */
function lzwDecode(data: Uint8Array, minCodeSize: number): number[] {
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let codeSize = minCodeSize + 1;
  let table: number[][] = [];
  const reset = () => {
    table = Array.from({ length: clear + 2 }, (_, i) => [i]);
    codeSize = minCodeSize + 1;
  };
  reset();
  const out: number[] = [];
  let bitPosition = 0;
  let previous: number[] | null = null;
  for (;;) {
    let code = 0;
    for (let b = 0; b < codeSize; b++, bitPosition++) {
      const byte = data[bitPosition >> 3];
      if (byte === undefined) throw new Error('ran out of data before the end code');
      code |= ((byte >> (bitPosition & 7)) & 1) << b;
    }
    if (code === clear) {
      reset();
      previous = null;
      continue;
    }
    if (code === end) return out;
    let entry: number[];
    if (code < table.length) entry = table[code];
    else if (code === table.length && previous) entry = [...previous, previous[0]];
    else throw new Error(`bad code ${code}`);
    out.push(...entry);
    if (previous) {
      table.push([...previous, entry[0]]);
      if (table.length === 1 << codeSize && codeSize < 12) codeSize++;
    }
    previous = entry;
  }
}

interface DecodedGif {
  width: number;
  height: number;
  palette: Uint8Array;
  loops: number | null;
  /** The full picture after each frame, as palette indices. */
  frames: { pixels: Uint8Array; delay: number }[];
}

/** A small GIF89a reader for what our encoder writes (global palette, no interlacing). */
function decodeGif(bytes: Uint8Array): DecodedGif {
  let i = 0;
  const text = (n: number) => String.fromCharCode(...bytes.subarray(i, (i += n)));
  const u8 = () => bytes[i++];
  const u16 = () => bytes[i++] | (bytes[i++] << 8);
  const subBlocks = () => {
    const parts: number[] = [];
    for (let size = u8(); size > 0; size = u8()) parts.push(...bytes.subarray(i, (i += size)));
    return new Uint8Array(parts);
  };
  expect(text(6)).toBe('GIF89a');
  const width = u16();
  const height = u16();
  const flags = u8();
  u8();
  u8();
  expect(flags & 0x80).toBe(0x80);
  const palette = bytes.slice(i, (i += 3 * 2 ** ((flags & 7) + 1)));
  const canvas = new Uint8Array(width * height);
  const frames: DecodedGif['frames'] = [];
  let loops: number | null = null;
  let delay = 0;
  let transparent: number | null = null;
  for (;;) {
    const block = u8();
    if (block === 0x3b) break;
    if (block === 0x21) {
      const label = u8();
      if (label === 0xf9) {
        expect(u8()).toBe(4);
        const packed = u8();
        delay = u16();
        const index = u8();
        transparent = packed & 1 ? index : null;
        expect(u8()).toBe(0);
      } else if (label === 0xff) {
        const data = subBlocks();
        const id = String.fromCharCode(...data.subarray(0, 11));
        expect(id).toBe('NETSCAPE2.0');
        loops = data[12] | (data[13] << 8);
      } else subBlocks();
      continue;
    }
    expect(block).toBe(0x2c);
    const left = u16();
    const top = u16();
    const w = u16();
    const h = u16();
    expect(u8()).toBe(0); // no local table, not interlaced
    expect(left + w).toBeLessThanOrEqual(width);
    expect(top + h).toBeLessThanOrEqual(height);
    const minCodeSize = u8();
    const pixels = lzwDecode(subBlocks(), minCodeSize);
    expect(pixels).toHaveLength(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const value = pixels[y * w + x];
        if (value !== transparent) canvas[(top + y) * width + left + x] = value;
      }
    }
    frames.push({ pixels: canvas.slice(), delay });
  }
  expect(i).toBe(bytes.length);
  return { width, height, palette, loops, frames };
}

describe('lzwEncode', () => {
  it('round-trips through a GIF decoder, across table resets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.nat(), { maxLength: 3000 }),
        (minCodeSize, values) => {
          const indices = Uint8Array.from(values, (v) => v % (1 << minCodeSize));
          expect(lzwDecode(lzwEncode(indices, minCodeSize), minCodeSize)).toEqual([...indices]);
        },
      ),
      { numRuns: 60 },
    );
    // Long and varied enough to fill the 4,096-code table several times.
    const noisy = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 5)) % 251);
    expect(lzwDecode(lzwEncode(noisy, 8), 8)).toEqual([...noisy]);
  });
});

describe('GifEncoder', () => {
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
    expect([...gif.palette.subarray(0, palette.length)]).toEqual([...palette]);
    expect(gif.frames).toHaveLength(6);
    gif.frames.forEach((frame, f) => {
      expect(frame.pixels).toEqual(pictures[f]);
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
