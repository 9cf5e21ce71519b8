/**
 * Memory for StepHistory chunks whose pages have already been touched, so recording a step does
 * not pay for fresh pages on the thread that animates.
 *
 * Why: the first write to a fresh 4 KB page makes the kernel map it. On the virtual machines our
 * benchmarks run on that costs 12–20 µs a page (measured: 400 chunks of 256 KB touched in 386 ms
 * on the page's thread, 5.6 ms when a Worker had touched them first), and 12 runs × 1,000
 * particles record 384 KB a step: about 2 ms of every frame went to page faults. A Worker can take
 * the faults and hand the buffers over (transferring an ArrayBuffer moves no bytes); StepHistory
 * takes them from this reserve and allocates its own only when none is waiting.
 */

/** Size of one chunk: big enough to make allocation rare, small enough to waste little. */
export const HISTORY_CHUNK_BYTES = 256 * 1024;

const PAGE_BYTES = 4096;

/** `count` buffers of `bytes` with one write per page, so their memory is mapped (a Worker's job). */
export function touchedBuffers(count: number, bytes: number): ArrayBuffer[] {
  return Array.from({ length: count }, () => {
    const buffer = new ArrayBuffer(bytes);
    const view = new Uint8Array(buffer);
    for (let i = 0; i < bytes; i += PAGE_BYTES) view[i] = 0;
    return buffer;
  });
}

export class ChunkReserve {
  private buffers: ArrayBuffer[] = [];
  private lowWater = 0;
  private refill: (() => void) | null = null;

  /** Buffers waiting. */
  get size(): number {
    return this.buffers.length;
  }

  /** Adds touched buffers of HISTORY_CHUNK_BYTES (others are ignored). */
  add(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      if (buffer.byteLength === HISTORY_CHUNK_BYTES) this.buffers.push(buffer);
    }
  }

  /** A waiting buffer, or undefined; asks for more when fewer than the low-water mark are left. */
  take(): ArrayBuffer | undefined {
    const buffer = this.buffers.pop();
    if (this.buffers.length < this.lowWater) this.refill?.();
    return buffer;
  }

  /**
   * Who keeps the reserve stocked: `refill` is called whenever fewer than `lowWater` buffers are
   * left. `lowWater` 0 stops supplying and lets the waiting buffers go.
   */
  supply(lowWater: number, refill: (() => void) | null): void {
    this.lowWater = lowWater;
    this.refill = lowWater > 0 ? refill : null;
    if (lowWater === 0) this.buffers = [];
    else if (this.buffers.length < lowWater) this.refill?.();
  }
}

/** The reserve every StepHistory draws from (one per thread). */
export const historyChunks = new ChunkReserve();
