import { HISTORY_CHUNK_BYTES, historyChunks } from './historyChunks.ts';

/**
 * Per-step records of many particles, stored in fixed-size chunks so a long run grows without ever
 * copying what it already holds (a doubling array would briefly need twice the memory). Chunks come
 * from the reserve of already-touched memory when it has one (historyChunks.ts says why).
 * Layout: step-major, `width` numbers per step (e.g. x0, y0, x1, y1, … for positions).
 */

export class StepHistory {
  private readonly chunks: Float64Array[] = [];
  private readonly chunkSteps: number;
  private stepCount = 0;

  constructor(readonly width: number) {
    this.chunkSteps = Math.max(1, Math.floor(HISTORY_CHUNK_BYTES / (8 * Math.max(1, width))));
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Appends one step's values (length `width`). */
  push(values: Float64Array): void {
    const chunkIndex = Math.floor(this.stepCount / this.chunkSteps);
    if (chunkIndex === this.chunks.length) this.chunks.push(this.newChunk());
    this.chunks[chunkIndex].set(values, (this.stepCount % this.chunkSteps) * this.width);
    this.stepCount++;
  }

  /** A touched buffer from the reserve holds zeros, as a fresh one does. */
  private newChunk(): Float64Array {
    const length = this.chunkSteps * this.width;
    const reserved = 8 * length <= HISTORY_CHUNK_BYTES ? historyChunks.take() : undefined;
    return reserved ? new Float64Array(reserved, 0, length) : new Float64Array(length);
  }

  /** Value `column` of step `step` (both must be in range). */
  get(step: number, column: number): number {
    return this.chunks[Math.floor(step / this.chunkSteps)][
      (step % this.chunkSteps) * this.width + column
    ];
  }

  /**
   * The `width` values of step `step` (in range) as a view into the history, for loops over many
   * particles of one step. A history only grows: a restarted run gets a new one.
   */
  stepValues(step: number): Float64Array {
    const offset = (step % this.chunkSteps) * this.width;
    return this.chunks[Math.floor(step / this.chunkSteps)].subarray(offset, offset + this.width);
  }

  /** Bytes held, for the memory budget. */
  get bytes(): number {
    return this.chunks.length * this.chunkSteps * this.width * 8;
  }
}
