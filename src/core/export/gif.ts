/**
 * A small animated GIF89a encoder: median-cut palette, LZW, and frame differencing (each frame after
 * the first holds only the rectangle that changed, with unchanged pixels transparent), which keeps a
 * run's animation small because the contour background never changes. Written here rather than
 * taken from npm: it is ~250 lines, has no dependencies, and runs in Node for the tests.
 *
 * Format: https://www.w3.org/Graphics/GIF/spec-gif89a.txt
 */

/** Colours in a palette; index TRANSPARENT is kept free for "unchanged since the last frame". */
export const PALETTE_COLOURS = 255;
export const TRANSPARENT = 255;

/** 5 bits per channel: the resolution at which colours are counted and looked up. */
function key15(r: number, g: number, b: number): number {
  return ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
}

interface Box {
  /** 15-bit colour keys in this box. */
  keys: number[];
  count: number;
}

/**
 * A palette (r, g, b triples, at most `colours` of them) for the pixels of `images` (RGBA), by median
 * cut over a 15-bit histogram: the box with the most pixels × widest range is split at its median
 * along its widest channel until there are enough boxes; each box gives its pixel-weighted mean.
 * `forced` colours (the runs' colours, which must stay exact) are added first.
 */
export function medianCutPalette(
  images: readonly Uint8ClampedArray[],
  colours = PALETTE_COLOURS,
  forced: readonly [number, number, number][] = [],
): Uint8Array {
  const histogram = new Uint32Array(32768);
  for (const data of images) {
    for (let i = 0; i < data.length; i += 4) histogram[key15(data[i], data[i + 1], data[i + 2])]++;
  }
  const keys: number[] = [];
  let total = 0;
  for (let k = 0; k < histogram.length; k++) {
    if (histogram[k] > 0) {
      keys.push(k);
      total += histogram[k];
    }
  }
  const channel = (k: number, c: number) => (k >> (10 - 5 * c)) & 31;
  const boxes: Box[] = keys.length > 0 ? [{ keys, count: total }] : [];
  const wanted = Math.max(1, colours - forced.length);
  while (boxes.length < wanted) {
    let best = -1;
    let bestScore = 0;
    let bestChannel = 0;
    boxes.forEach((box, i) => {
      if (box.keys.length < 2) return;
      for (let c = 0; c < 3; c++) {
        let min = 31;
        let max = 0;
        for (const k of box.keys) {
          const v = channel(k, c);
          if (v < min) min = v;
          if (v > max) max = v;
        }
        const score = (max - min) * Math.sqrt(box.count);
        if (score > bestScore) {
          bestScore = score;
          best = i;
          bestChannel = c;
        }
      }
    });
    if (best < 0) break;
    const box = boxes[best];
    box.keys.sort((a, b) => channel(a, bestChannel) - channel(b, bestChannel));
    let seen = 0;
    let split = 1;
    for (; split < box.keys.length - 1; split++) {
      seen += histogram[box.keys[split - 1]];
      if (seen * 2 >= box.count) break;
    }
    const left = box.keys.slice(0, split);
    const right = box.keys.slice(split);
    const countOf = (list: number[]) => list.reduce((sum, k) => sum + histogram[k], 0);
    boxes.splice(
      best,
      1,
      { keys: left, count: countOf(left) },
      { keys: right, count: countOf(right) },
    );
  }
  const palette = new Uint8Array(3 * (forced.length + boxes.length));
  forced.forEach((rgb, i) => palette.set(rgb, 3 * i));
  boxes.forEach((box, i) => {
    const sums = [0, 0, 0];
    for (const k of box.keys) {
      for (let c = 0; c < 3; c++) sums[c] += ((channel(k, c) << 3) + 4) * histogram[k];
    }
    for (let c = 0; c < 3; c++) {
      palette[3 * (forced.length + i) + c] = Math.round(sums[c] / Math.max(1, box.count));
    }
  });
  return palette;
}

/** Maps RGBA pixels to their nearest palette entry, caching the answer per 15-bit colour. */
export class PaletteMapper {
  private readonly cache = new Int16Array(32768).fill(-1);

  constructor(readonly palette: Uint8Array) {}

  private nearest(r: number, g: number, b: number): number {
    const { palette } = this;
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < palette.length / 3; i++) {
      const dr = palette[3 * i] - r;
      const dg = palette[3 * i + 1] - g;
      const db = palette[3 * i + 2] - b;
      // Weighted towards green, where the eye is most sensitive.
      const distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }

  /** Palette indices of `rgba`'s pixels into `out` (one byte per pixel). */
  map(rgba: Uint8ClampedArray, out: Uint8Array): void {
    const { cache } = this;
    for (let i = 0, p = 0; i < rgba.length; i += 4, p++) {
      const k = key15(rgba[i], rgba[i + 1], rgba[i + 2]);
      let index = cache[k];
      if (index < 0) {
        index = this.nearest(((k >> 10) << 3) | 4, (((k >> 5) & 31) << 3) | 4, ((k & 31) << 3) | 4);
        cache[k] = index;
      }
      out[p] = index;
    }
  }
}

/** Appends bytes to a growing buffer. */
class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  byte(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint8Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }

  bytes(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.byte(values[i]);
  }

  short(value: number): void {
    this.byte(value & 0xff);
    this.byte((value >> 8) & 0xff);
  }

  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.byte(value.charCodeAt(i));
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const MAX_CODE = 4095;

/**
 * GIF's variable-width LZW of `indices` (each < 2^minCodeSize): codes packed least significant bit
 * first. The table restarts with a clear code when it is full.
 */
function lzwEncode(indices: Uint8Array, minCodeSize: number): Uint8Array {
  const out = new ByteWriter();
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let codeSize = minCodeSize + 1;
  let nextCode = end + 1;
  const table = new Map<number, number>();
  let bits = 0;
  let bitCount = 0;
  const emit = (code: number) => {
    bits |= code << bitCount;
    bitCount += codeSize;
    while (bitCount >= 8) {
      out.byte(bits & 0xff);
      bits >>>= 8;
      bitCount -= 8;
    }
  };
  emit(clear);
  if (indices.length > 0) {
    let prefix = indices[0];
    for (let i = 1; i < indices.length; i++) {
      const symbol = indices[i];
      const key = (prefix << 8) | symbol;
      const code = table.get(key);
      if (code !== undefined) {
        prefix = code;
        continue;
      }
      emit(prefix);
      if (nextCode <= MAX_CODE) {
        table.set(key, nextCode++);
        // The decoder widens its codes one code later than it adds the entry; so do we.
        if (nextCode > 1 << codeSize && codeSize < 12) codeSize++;
      } else {
        emit(clear);
        table.clear();
        codeSize = minCodeSize + 1;
        nextCode = end + 1;
      }
      prefix = symbol;
    }
    emit(prefix);
  }
  emit(end);
  if (bitCount > 0) out.byte(bits & 0xff);
  return out.result();
}

export interface GifOptions {
  width: number;
  height: number;
  /** r, g, b triples; at most PALETTE_COLOURS of them (index TRANSPARENT is reserved). */
  palette: Uint8Array;
  /** 0 loops forever. */
  loops?: number;
}

/** Writes frames of palette indices as they come, then `finish()` gives the file's bytes. */
export class GifEncoder {
  private readonly out = new ByteWriter();
  private previous: Uint8Array | null = null;
  private frames = 0;

  constructor(private readonly options: GifOptions) {
    const { width, height, palette, loops = 0 } = options;
    if (palette.length > 3 * PALETTE_COLOURS) throw new Error('at most 255 palette colours');
    const out = this.out;
    out.text('GIF89a');
    out.short(width);
    out.short(height);
    // Global colour table of 256 entries (2^(7+1)), colour resolution 8 bits.
    out.byte(0xf7);
    out.byte(0); // background colour index
    out.byte(0); // pixel aspect ratio: unspecified
    const table = new Uint8Array(256 * 3);
    table.set(palette);
    out.bytes(table);
    // NETSCAPE2.0 application extension: loop count.
    out.bytes([0x21, 0xff, 0x0b]);
    out.text('NETSCAPE2.0');
    out.bytes([0x03, 0x01]);
    out.short(loops);
    out.byte(0);
  }

  get frameCount(): number {
    return this.frames;
  }

  /**
   * Adds a frame (width × height palette indices, row by row) shown for `delay` hundredths of a
   * second. Only the rectangle that differs from the previous frame is stored.
   */
  addFrame(indices: Uint8Array, delay: number): void {
    const { width, height } = this.options;
    if (indices.length !== width * height) throw new Error('frame size differs from the GIF size');
    let left = 0;
    let top = 0;
    let right = width - 1;
    let bottom = height - 1;
    const previous = this.previous;
    if (previous) {
      [left, top, right, bottom] = [width, height, -1, -1];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const p = y * width + x;
          if (indices[p] === previous[p]) continue;
          if (x < left) left = x;
          if (x > right) right = x;
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
      // Nothing changed: one transparent pixel keeps the frame (and its delay).
      if (right < 0) [left, top, right, bottom] = [0, 0, 0, 0];
    }
    const w = right - left + 1;
    const h = bottom - top + 1;
    const pixels = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = (top + y) * width + left + x;
        pixels[y * w + x] = previous && indices[p] === previous[p] ? TRANSPARENT : indices[p];
      }
    }
    const out = this.out;
    // Graphic control extension: disposal 1 (leave in place), transparent index when differencing.
    out.bytes([0x21, 0xf9, 0x04, previous ? 0x05 : 0x04]);
    out.short(Math.max(0, Math.round(delay)));
    out.bytes([TRANSPARENT, 0]);
    // Image descriptor, no local colour table.
    out.byte(0x2c);
    out.short(left);
    out.short(top);
    out.short(w);
    out.short(h);
    out.byte(0);
    out.byte(8); // LZW minimum code size for 256 colours
    const data = lzwEncode(pixels, 8);
    for (let i = 0; i < data.length; i += 255) {
      const block = data.subarray(i, i + 255);
      out.byte(block.length);
      out.bytes(block);
    }
    out.byte(0);
    this.previous = indices.slice();
    this.frames++;
  }

  finish(): Uint8Array {
    this.out.byte(0x3b);
    return this.out.result();
  }
}
