/**
 * A pool of Workers that runs lab chunks: each idle worker takes the next chunk, results come back
 * in any order and are merged by chunk index (see core/lab/experiment.ts), so the numbers do not
 * depend on the pool's size. Cancelling terminates the workers at once (a chunk can take a while);
 * the next experiment starts fresh ones.
 */
import type { ChunkResult, LabChunk } from '../core/lab/chunk.ts';
import { abortError, type ChunkExecutor } from '../core/lab/run.ts';
import type { LabWorkerRequest, LabWorkerResponse } from '../core/lab/protocol.ts';

/** What the pool needs of a Worker; tests and Node's worker_threads pass adapters. */
export interface LabWorkerLike {
  postMessage(message: LabWorkerRequest): void;
  onmessage: ((event: MessageEvent<LabWorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** More workers than this rarely help a page: each holds its own copy of the core. */
export const MAX_WORKERS = 8;

/** Chunks queued per worker, so it starts the next one without a round trip to the main thread. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * One worker per core, as the browser reports them, capped. The main thread keeps its share of a
 * core through the OS's scheduler; bench/lab.ts measures its frame times while a sweep runs.
 */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(MAX_WORKERS, hardwareConcurrency || 2));
}

export function createBrowserLabWorker(): LabWorkerLike {
  return new Worker(new URL('../workers/labWorker.ts', import.meta.url), { type: 'module' });
}

export class LabPool implements ChunkExecutor {
  private workers: LabWorkerLike[] = [];
  private running = false;

  constructor(
    readonly size: number,
    private readonly createWorker: () => LabWorkerLike = createBrowserLabWorker,
  ) {}

  run(
    chunks: readonly LabChunk[],
    onResult: (result: ChunkResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.running) return Promise.reject(new Error('the lab runs one experiment at a time'));
    if (signal?.aborted) return Promise.reject(abortError());
    if (chunks.length === 0) return Promise.resolve();
    this.running = true;
    while (this.workers.length < Math.min(this.size, chunks.length))
      this.workers.push(this.createWorker());
    const workers = this.workers.slice(0, Math.min(this.size, chunks.length));

    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      const settle = (error?: Error) => {
        this.running = false;
        signal?.removeEventListener('abort', onAbort);
        for (const worker of workers) {
          worker.onmessage = null;
          worker.onerror = null;
        }
        if (error) {
          this.terminate();
          reject(error);
        } else resolve();
      };
      const onAbort = () => settle(abortError());
      const feed = (worker: LabWorkerLike) => {
        if (next < chunks.length) worker.postMessage({ chunk: chunks[next++] });
      };
      for (const worker of workers) {
        worker.onmessage = ({ data }) => {
          if (!data.ok) {
            settle(new Error(`chunk ${data.index}: ${data.error}`));
            return;
          }
          onResult(data.result);
          if (++finished === chunks.length) settle();
          else feed(worker);
        };
        worker.onerror = (event) => settle(new Error(event.message || 'a lab worker failed'));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      // Two chunks per worker in flight: a worker never waits for the main thread to send the next.
      for (let i = 0; i < CHUNKS_IN_FLIGHT; i++) for (const worker of workers) feed(worker);
    });
  }

  /** Stops every worker (also what cancelling does); the next run starts new ones. */
  terminate(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }
}
