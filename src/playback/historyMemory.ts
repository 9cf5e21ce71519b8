/**
 * Keeps the reserve of touched history memory (core/sim/historyChunks.ts) stocked from a Worker
 * while a simulation records a lot per step, so the page faults of a growing history are taken off
 * the thread that animates. Small scenes record a few hundred bytes a step and need no Worker: none
 * is started, and the reserve is let go when a scene stops needing it.
 */
import {
  HISTORY_CHUNK_BYTES,
  historyChunks,
  type ChunkReserve,
} from '../core/sim/historyChunks.ts';

/** Below this many bytes a step, fresh pages cost too little to be worth a Worker. */
export const SUPPLIED_BYTES_PER_STEP = 64 * 1024;
/** The reserve holds about this long of recording at the scene's speed… */
const RESERVE_SECONDS = 0.5;
/** …within these bounds (a chunk is 256 KB, so at most 32 MB wait). */
const MIN_CHUNKS = 8;
const MAX_CHUNKS = 128;

export interface ChunkWorkerLike {
  postMessage(message: { count: number; bytes: number }): void;
  onmessage: ((event: MessageEvent<ArrayBuffer[]>) => void) | null;
  terminate(): void;
}

function createChunkWorker(): ChunkWorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../workers/historyMemoryWorker.ts', import.meta.url), {
    type: 'module',
  });
}

export class HistoryMemory {
  private worker: ChunkWorkerLike | null = null;
  private requested = false;
  private target = 0;

  constructor(
    private readonly reserve: ChunkReserve = historyChunks,
    private readonly createWorker: () => ChunkWorkerLike | null = createChunkWorker,
  ) {}

  /** Sizes the reserve for a simulation recording `bytesPerStep` at `stepsPerSecond`. */
  plan(bytesPerStep: number, stepsPerSecond: number): void {
    const needed = bytesPerStep >= SUPPLIED_BYTES_PER_STEP;
    const chunks = Math.ceil(
      (bytesPerStep * stepsPerSecond * RESERVE_SECONDS) / HISTORY_CHUNK_BYTES,
    );
    const target = needed ? Math.min(MAX_CHUNKS, Math.max(MIN_CHUNKS, chunks)) : 0;
    if (target === this.target) return;
    this.target = target;
    if (target === 0) {
      this.reserve.supply(0, null);
      return;
    }
    this.reserve.supply(Math.ceil(target / 2), () => this.request());
  }

  dispose(): void {
    this.reserve.supply(0, null);
    this.worker?.terminate();
    this.worker = null;
  }

  /** One request at a time, for what the reserve lacks of its target. */
  private request(): void {
    if (this.requested || this.target === 0) return;
    this.worker ??= this.start();
    if (!this.worker) return;
    this.requested = true;
    this.worker.postMessage({ count: this.target - this.reserve.size, bytes: HISTORY_CHUNK_BYTES });
  }

  private start(): ChunkWorkerLike | null {
    const worker = this.createWorker();
    if (worker) {
      worker.onmessage = (event) => {
        this.requested = false;
        if (this.target > 0) this.reserve.add(event.data);
        if (this.reserve.size < Math.ceil(this.target / 2)) this.request();
      };
    }
    return worker;
  }
}
